"""The deck as plain data: what each slide shows, as finished strings. No python-pptx here.

Tables use one merge convention for header and body alike: a cell whose text is "<" belongs to
the cell on its left, "^" to the cell above (so a 2×2 merge is `X <` over `^ ^`).
"""
from __future__ import annotations

from dataclasses import dataclass, field

LEFT, UP = "<", "^"


@dataclass(frozen=True)
class Cell:
    """One table cell: its text, how it is set, and the source cells of its figure."""

    text: str
    align: str = "left"  # left | center | right
    bold: bool = False
    role: str = "body"  # header | body | total | num | den (a fraction's numerator/denominator)
    sources: tuple[str, ...] = ()

    @property
    def merged(self) -> bool:
        """True for a placeholder covered by a merge."""
        return self.text in (LEFT, UP) and self.role == "merge"


MERGE_LEFT = Cell(LEFT, role="merge")
MERGE_UP = Cell(UP, role="merge")

Row = tuple[Cell, ...]


@dataclass(frozen=True)
class Table:
    """Header rows, body row groups (a group never splits across slides), relative widths."""

    header: tuple[Row, ...]
    groups: tuple[tuple[Row, ...], ...]
    widths: tuple[float, ...]
    max_pt: float | None = None  # None: the default of templates/layout.toml
    min_pt: float | None = None


@dataclass(frozen=True)
class TextBlock:
    """A heading with lines of text (bullets when `bullets`)."""

    heading: str
    lines: tuple[str, ...]
    bullets: bool = False
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Group:
    """A named box with items, e.g. a perangkat daerah and its roles."""

    name: str
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class Slide:
    """One logical slide; a long table may become several pages when laid out."""

    kind: str  # judul | tabel | gambar | pohon | perangkat | kondisi | logframe | penutup
    title: str
    subtitle: str = ""
    source_file: str = ""  # the slides/ definition it came from
    table: Table | None = None
    image: str = ""  # path of a chart PNG
    image_size: tuple[float, float] | None = None  # its size in inches, known before it is drawn
    caption: str = ""
    blocks: tuple[TextBlock, ...] = ()
    groups: tuple[Group, ...] = ()
    bands: tuple[TextBlock, ...] = ()
    tree: object = None  # pohon.TreeNode
    notes: str = ""
    extra: dict = field(default_factory=dict)
