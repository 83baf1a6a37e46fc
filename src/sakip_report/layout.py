"""Stage 6 — layout: sizes and pages, measured with the deck font's metrics. Pure geometry.

A table is tried from its largest font down to its floor; when it still does not fit it
continues on further pages with its header repeated. Nothing is guessed: every height comes from
`measure`, which uses the font file itself.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import measure
from .content import Cell, Row, Table
from .pohon import Frame  # one rectangle type for tables, boxes and the tree

STEP_PT = 0.5


def content_frame(cfg: dict, caption: bool = False) -> Frame:
    """The area of a "Title Only" slide below its title (and below its caption, when it has one).

    `cfg` is templates/layout.toml; compose sizes charts with it, render places everything in it.
    """
    page = cfg["halaman"]
    frame = Frame(page["kiri"], page["atas"], page["lebar"], page["bawah"] - page["atas"])
    if not caption:
        return frame
    sub = cfg["subjudul"]
    return Frame(frame.left, frame.top - 0.12 + sub["tinggi"] + 0.05, frame.width, frame.height - sub["tinggi"] + 0.07)


def caption_frame(cfg: dict) -> Frame:
    """Where a slide's caption (subjudul) goes: the top of the page area."""
    page, sub = cfg["halaman"], cfg["subjudul"]
    return Frame(page["kiri"], page["atas"] - 0.12, page["lebar"], sub["tinggi"])


@dataclass(frozen=True)
class TablePage:
    """One slide's share of a table: its rows and measured sizes."""

    rows: tuple[Row, ...]
    header_rows: int
    col_widths: tuple[float, ...]
    row_heights: tuple[float, ...]
    font_pt: float
    continued: bool
    overflow: bool = False
    groups: tuple[int, ...] = ()  # which of the table's groups this page shows

    @property
    def height(self) -> float:
        return sum(self.row_heights)


def spans(rows: tuple[Row, ...]) -> dict[tuple[int, int], tuple[int, int]]:
    """(row, col) of each origin cell → (row span, col span), from the merge markers."""
    out = {}
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if cell.merged:
                continue
            cs = 1
            while c + cs < len(row) and row[c + cs].merged and row[c + cs].text == "<":
                cs += 1
            rs = 1
            while r + rs < len(rows) and rows[r + rs][c].merged and rows[r + rs][c].text == "^":
                rs += 1
            out[(r, c)] = (rs, cs)
    return out


def cell_height(cell: Cell, width: float, size: float, mx: float, my: float) -> float:
    """Height a cell's text needs at `size`, margins included."""
    return measure.text_height(cell.text, max(width - 2 * mx, 0.05), size, cell.bold) + 2 * my


def row_heights(rows: tuple[Row, ...], widths: tuple[float, ...], size: float, mx: float, my: float) -> list[float]:
    """Heights of a block of rows (a header or a group), merged cells taken into account."""
    block = spans(rows)
    heights = [2 * my + measure.line_height(size)] * len(rows)
    for (r, c), (rs, cs) in sorted(block.items(), key=lambda kv: kv[1][0]):
        need = cell_height(rows[r][c], sum(widths[c:c + cs]), size, mx, my)
        have = sum(heights[r:r + rs])
        if need > have:  # spread the deficit over the spanned rows
            for k in range(r, r + rs):
                heights[k] += (need - have) / rs
    return heights


def paginate_table(table: Table, frame: Frame, mx: float, my: float,
                   max_pt: float = 12.0, min_pt: float = 9.0) -> list[TablePage]:
    """As few pages as the floor font allows, at the largest font that needs no more pages.

    A table that fits one slide shrinks at most to the floor; one that does not is split into
    the same number of pages it would need at the floor, but at the largest font that manages
    it, with the groups spread evenly (4 + 3 rather than 6 + 1, as the reference splits).
    """
    preferred = table.min_pt or min_pt
    widths = tuple(w / sum(table.widths) * frame.width for w in table.widths)
    if preferred > min_pt and any(p.overflow for p in _pages_at(table, widths, frame.height, preferred, mx, my)):
        preferred = min_pt  # a slide's preferred floor gives way when a group would not fit a page
    max_pt, min_pt = table.max_pt or max_pt, preferred
    floor = _pages_at(table, widths, frame.height, min_pt, mx, my)
    fewest, floor_overflows = len(floor), any(p.overflow for p in floor)
    floor_breaks = not words_fit(table, widths, min_pt, mx)

    def good(pages, size) -> bool:
        return (len(pages) <= fewest and (floor_overflows or not any(p.overflow for p in pages))
                and (floor_breaks or words_fit(table, widths, size, mx)))

    sizes = [max_pt - k * STEP_PT for k in range(int(round((max_pt - min_pt) / STEP_PT)) + 1)]
    best, low, high = floor, 0, len(sizes) - 1  # a smaller font never needs more room: bisect
    while low < high:
        mid = (low + high) // 2
        pages = _pages_at(table, widths, frame.height, sizes[mid], mx, my)
        if good(pages, sizes[mid]):
            best, high = pages, mid
        else:
            low = mid + 1
    return best  # the pages at sizes[high], or the floor's when no larger size is good


def words_fit(table: Table, widths, size: float, mx: float) -> bool:
    """No word is wider than its cell, so none is broken in the middle ("REALISAS I")."""
    for rows in (table.header, *table.groups):
        for (r, c), (_, cs) in spans(rows).items():
            cell = rows[r][c]
            room = sum(widths[c:c + cs]) - 2 * mx
            bold = cell.bold or cell.role == "header"
            if any(measure.text_width(w, size, bold) > room for w in cell.text.split()):
                return False
    return True


def _pages_at(table: Table, widths, height: float, size: float, mx: float, my: float) -> list[TablePage]:
    """Balanced pagination of the table's groups at one font size."""
    head_h = row_heights(table.header, widths, size, mx, my)
    measured = [(group, row_heights(group, widths, size, mx, my)) for group in table.groups]
    room = height - sum(head_h)
    greedy = _pack(measured, room)
    balanced = _balance(measured, room, len(greedy))
    pages = balanced if len(balanced) == len(greedy) else greedy
    out, first = [], 0
    for i, (r, h) in enumerate(pages):
        count = _groups_in(r, table.groups, first)
        out.append(TablePage(table.header + tuple(r), len(table.header), widths, tuple(head_h) + tuple(h), size,
                             continued=i > 0, overflow=sum(head_h) + sum(h) > height + 1e-6,
                             groups=tuple(range(first, first + count))))
        first += count
    return out


def _groups_in(rows: list, groups, first: int) -> int:
    """How many groups, from `first` on, make up `rows` (pages hold whole groups)."""
    count, total = 0, 0
    while total < len(rows):
        total += len(groups[first + count])
        count += 1
    return count


def _balance(measured, room: float, count: int) -> list[tuple[list, list]]:
    """Pack into `count` pages of even height: each page aims at what is left / pages left."""
    pages, rows, heights, used = [], [], [], 0.0
    remaining = sum(sum(gh) for _, gh in measured)
    for group, gh in measured:
        size, left = sum(gh), max(count - len(pages), 1)
        if rows and (used + size > room or (left > 1 and used + size / 2 > remaining / left)):
            pages.append((rows, heights))
            remaining -= used
            rows, heights, used = [], [], 0.0
        rows.extend(group)
        heights.extend(gh)
        used += size
    pages.append((rows, heights))
    return pages


def _pack(measured, room: float) -> list[tuple[list, list]]:
    """Greedy packing of (group, heights) into pages of height `room` (balancing over one page)."""
    return _balance(measured, room, 1)


def fit_text(text: str, width: float, height: float, max_pt: float, min_pt: float, bold: bool = False,
             inset_x: float = 0.1, inset_y: float = 0.05) -> tuple[float, bool]:
    """(font size, fits) for a text box; the floor size with fits=False when nothing fits."""
    size = measure.fit_font_size(text, width - 2 * inset_x, height - 2 * inset_y, max_pt, min_pt, STEP_PT, bold)
    return (size, True) if size is not None else (min_pt, False)


def lines_height(paragraphs: list[tuple[str, float, bool]], width: float) -> float:
    """Height of stacked paragraphs (text, size, bold) in a box of text width `width`."""
    return sum(measure.text_height(text, width, size, bold) for text, size, bold in paragraphs)


def grid(n: int, columns: int, frame: Frame, gap: float) -> list[Frame]:
    """`n` equal cells in rows of `columns`, filling the frame left to right, top to bottom."""
    rows = -(-n // columns)
    w = (frame.width - gap * (columns - 1)) / columns
    h = (frame.height - gap * (rows - 1)) / rows
    return [Frame(frame.left + (i % columns) * (w + gap), frame.top + (i // columns) * (h + gap), w, h)
            for i in range(n)]


def fit_box_height(text: str, width: float, size: float, bold: bool = True, inset: float = 0.1) -> float:
    """Height a box of `width` needs for `text` at `size`, insets included."""
    return measure.text_height(text, width - 2 * inset, size, bold) + 2 * inset
