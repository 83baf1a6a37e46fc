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
    unit: str = ""  # the unit after the figure ("orang" in "160 orang"): a column sharing one shows it in its header
    mark: str = ""  # why a figure is absent (a key of layout.toml's [tanda]), or "catatan": explained under the table
    origin: str = ""  # the sheet row its text comes from (`kinerja.xlsx!IKU!5`), named when it cannot be laid out
    value: object = None  # the figure as a number, for a column that asks for another format
    note: str = ""  # the footnote's explanation of a mark that is not one of [tanda]'s ("4¹": which IKU are left out)

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
    kind: str = ""  # the table builder's name: tables of one kind share one font size in a deck
    split_groups: bool = False  # a group may continue on the next slide, its merged lead cells repeated
    notes: tuple[tuple[str, ...], ...] = ()  # per group, per row: speaker notes of that row ("" for none)
    marks: tuple[tuple[str, str], ...] = ()  # (mark, explanation) of every [tanda] mark, for the footnote
    columns: tuple[str, ...] = ()  # the id of each column (slides/*.toml `kolom`)


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
