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
    header_pt: float = 0.0  # the header rows' size: the body's, or less so that no header word breaks
    breaks_words: bool = False  # some word is wider than any column could be: it breaks inside
    body: tuple[tuple[int, int], ...] = ()  # (group, row in group) of each body row shown
    marks: tuple[str, ...] = ()  # the [tanda] marks its cells show, in order of appearance

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
    return measure.text_height(cell.text, max(width - 2 * mx, 0.05), size, _bold(cell)) + 2 * my


def _bold(cell: Cell) -> bool:
    return cell.bold or cell.role == "header"


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


def column_widths(table: Table, total: float, size: float, mx: float,
                  header_pt: float | None = None, squeeze: bool = False) -> tuple[float, ...] | None:
    """Column widths at `size` that add up to `total`, from the definition's relative widths:

    - a column whose every body cell fits on one line in less than its share narrows to that
      (figures: "95,23%"), and the room goes to the columns that wrap, in proportion;
    - every column is at least as wide as its longest word, so no word breaks in the middle (the
      room taken from the other columns in proportion); a merged cell's word needs its columns together.

    None when the words cannot all fit at this size (the header's at `header_pt`, by default `size`);
    with `squeeze`, then, the words too wide break after their slashes where they have them, and
    if even that does not fit, every column gets its longest part's width up to one common cap, so
    only the parts wider than the cap break.
    """
    want = [w / sum(table.widths) * total for w in table.widths]
    natural = [0.0] * len(want)
    for rows in (table.header, *table.groups):
        for (r, c), (_, cs) in spans(rows).items():
            cell = rows[r][c]
            if cell.role == "header":
                continue
            if cs == 1:
                natural[c] = max(natural[c], _natural(cell, size) + 2 * mx)
            elif _natural(cell, size) + 2 * mx > sum(want[c:c + cs]):
                for k in range(c, c + cs):  # a merged text that wraps: its columns keep their share
                    natural[k] = max(natural[k], want[k])
    need = _needs(table, want, size, mx, header_pt)
    want = _narrow(want, [max(n, w) for n, w in zip(natural, need)])
    widths = _widen(want, need, total)
    if widths is None and squeeze:  # the words that break break after their slashes, if they have any
        need = _needs(table, want, size, mx, header_pt, at_slashes=True)
        widths = _widen(want, need, total) or _capped(need, total)
    return None if widths is None else tuple(widths)


def _needs(table: Table, want: list[float], size: float, mx: float, header_pt: float | None,
           at_slashes: bool = False) -> list[float]:
    """Each column's longest word (the header's at `header_pt`), margins included; the columns
    under a merged cell share its word's deficit as they share `want`."""
    need, spanned = [0.0] * len(want), []
    for rows in (table.header, *table.groups):
        for (r, c), (_, cs) in spans(rows).items():
            cell = rows[r][c]
            at = header_pt or size if rows is table.header else size
            word = measure.longest_piece_width(cell.text, at, _bold(cell), at_slashes=at_slashes) + 2 * mx
            if cs > 1:
                spanned.append((c, cs, word))
            else:
                need[c] = max(need[c], word)
    for c, cs, word in spanned:
        short, share = word - sum(need[c:c + cs]), sum(want[c:c + cs])
        if short > 0:
            for k in range(c, c + cs):
                need[k] += short * (want[k] / share if share else 1 / cs)
    return need


def _capped(need: list[float], total: float) -> tuple[float, ...]:
    """Each column its `need` up to one cap, the cap chosen so the widths add up to `total`."""
    left, count = total, len(need)
    for n in sorted(need):
        if n * count > left:
            break
        left, count = left - n, count - 1
    cap = left / count if count else max(need, default=0.0)
    return tuple(min(n, cap) for n in need)


def _natural(cell: Cell, size: float) -> float:
    """The width of a cell's longest line, unwrapped."""
    return max(measure.text_width(t, size, _bold(cell)) for t in measure.LINE_BREAK.split(cell.text))


def _narrow(want: list[float], enough: list[float]) -> list[float]:
    """Columns that need less than their share (`enough`) give the rest to those that need more."""
    spare = sum(w - e for w, e in zip(want, enough) if e < w)
    hungry = sum(w for w, e in zip(want, enough) if e >= w)
    if spare <= 0 or hungry <= 0:
        return want
    return [e if e < w else w + spare * w / hungry for w, e in zip(want, enough)]


def _widen(want: list[float], need: list[float], total: float) -> list[float] | None:
    """`want` with every column raised to its `need`, the others narrowed in proportion to keep `total`."""
    if sum(need) > total + 1e-9:
        return None
    fixed: set[int] = set()
    while True:
        room = total - sum(need[i] for i in fixed)
        free = sum(w for i, w in enumerate(want) if i not in fixed)
        widths = [need[i] if i in fixed else w * room / free for i, w in enumerate(want)]
        short = {i for i, w in enumerate(widths) if i not in fixed and w < need[i] - 1e-9}
        if not short:
            return widths
        fixed |= short


def header_fit(table: Table, total: float, size: float, mx: float,
               header_min: float) -> tuple[float, tuple[float, ...]] | None:
    """The header's size with a body at `size`, and the column widths at it: `size` itself, or down
    to `header_min` when a header word would otherwise break (a narrow column headed "REALISASI");
    None when even that fails."""
    at = size
    while at >= header_min - 1e-9:
        widths = column_widths(table, total, size, mx, at)
        if widths is not None:
            return at, widths
        at -= STEP_PT
    return None


def table_size(table: Table, frame: Frame, mx: float, my: float, max_pt: float = 14.0, min_pt: float = 12.0,
               footnote: float = 0.0, header_min: float | None = None) -> tuple[float, list[TablePage]]:
    """The largest font size, `max_pt` down to the floor `min_pt`, that needs no more slides than the
    floor, and the table's pages at that size.

    A table that fits one slide at some size gets the largest such size; a longer one continues on
    as many slides as it needs at the floor, at the largest size that manages with that many.
    Sizes at which a word would have to break inside do not count.
    """
    max_pt, min_pt = table.max_pt or max_pt, max(table.min_pt or min_pt, min_pt)
    sizes = measure.candidate_sizes(max_pt, min_pt, STEP_PT) or [min_pt]
    header_min = header_min or min_pt
    tried = {sizes[-1]: paginate_table(table, frame, mx, my, sizes[-1], footnote, header_min=header_min)}
    fewest, overflows = len(tried[sizes[-1]]), any(p.overflow for p in tried[sizes[-1]])

    def good(size: float) -> bool:
        pages = tried[size] = paginate_table(table, frame, mx, my, size, footnote, header_min=header_min)
        return (not pages[0].breaks_words and len(pages) <= fewest
                and (overflows or not any(p.overflow for p in pages)))

    low, high = 0, len(sizes) - 1  # a smaller font never needs more room: bisect
    while low < high:
        mid = (low + high) // 2
        if good(sizes[mid]):
            high = mid
        else:
            low = mid + 1
    size = sizes[high]
    return size, tried.get(size) or paginate_table(table, frame, mx, my, size, footnote, header_min=header_min)


def paginate_table(table: Table, frame: Frame, mx: float, my: float, size: float,
                   footnote: float = 0.0, header_min: float | None = None) -> list[TablePage]:
    """The table at `size` over as few slides as it needs, each as full as the others.

    Groups stay whole unless the table allows a group to continue, or the group is taller than a
    slide (then its merged lead cells are repeated on the next slide); `footnote` is the height kept
    free under the table; the header may be set smaller, down to `header_min`, so that none of its
    words breaks.
    """
    fit = header_fit(table, frame.width, size, mx, header_min or size)
    squeezed = fit is None  # words wider than their columns even at the floor: some will break
    head_pt, widths = fit or (size, column_widths(table, frame.width, size, mx, size, squeeze=True))
    head_h = row_heights(table.header, widths, head_pt, mx, my)
    room = frame.height - footnote - sum(head_h)
    measured: dict[tuple[int, int, int], tuple[tuple[Row, ...], list[float]]] = {}

    def part(g: int, start: int, stop: int):
        key = (g, start, stop)
        if key not in measured:
            rows = _continued_rows(table.groups[g], start, stop)
            measured[key] = rows, row_heights(rows, widths, size, mx, my)
        return measured[key]

    units = _units(table, lambda g: sum(part(g, 0, len(table.groups[g]))[1]) > room)

    def heights_from(i: int):
        """Height of units i..j for j = i, i+1, ...: the parts before the last one are done."""
        done, (g, start, stop) = 0.0, units[i]
        for ug, ustart, ustop in units[i:]:
            if ug != g:
                done += sum(part(g, start, stop)[1])
                g, start = ug, ustart
            stop = ustop
            yield done + sum(part(g, start, stop)[1])

    breaks = _best_breaks(len(units), room, heights_from, lambda j: 0 < j < len(units) and units[j][1] > 0)
    pages = []
    for n, (i, j) in enumerate(zip(breaks, breaks[1:])):
        rows, heights, body = [], [], []
        for g, start, stop in _parts(units[i:j]):
            block, block_h = part(g, start, stop)
            rows += block
            heights += block_h
            body += [(g, r) for r in range(start, stop)]
        marks = tuple(dict.fromkeys(c.text for row in rows for c in row if c.mark))
        pages.append(TablePage(table.header + tuple(rows), len(table.header), widths, tuple(head_h) + tuple(heights),
                               size, continued=n > 0, overflow=sum(heights) > room + 1e-6, body=tuple(body),
                               marks=marks, header_pt=head_pt, breaks_words=squeezed))
    return pages


MID_GROUP_BREAK = 0.25  # cost of continuing a group on the next slide, against a slide's squared empty share


def _units(table: Table, too_tall) -> list[tuple[int, int, int]]:
    """(group, start row, stop row) of each piece a slide break may fall before: whole groups, or
    single rows of groups that may continue on the next slide — any group when the table allows
    it, else only one taller than a whole slide (`too_tall(group)`)."""
    units = []
    for g, rows in enumerate(table.groups):
        if table.split_groups or (len(rows) > 1 and too_tall(g)):
            units += [(g, r, r + 1) for r in range(len(rows))]
        else:
            units.append((g, 0, len(rows)))
    return units


def _parts(units: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """The run of units as blocks of one group each: (group, start row, stop row)."""
    out: list[tuple[int, int, int]] = []
    for g, start, stop in units:
        if out and out[-1][0] == g:
            out[-1] = (g, out[-1][1], stop)
        else:
            out.append((g, start, stop))
    return out


def _best_breaks(n: int, room: float, heights_from, mid_group) -> list[int]:
    """Slide breaks over `n` units: fewest slides, then the most even fill (sum of squared empty
    shares), a break inside a group costing MID_GROUP_BREAK more. A unit taller than a slide gets
    a slide of its own. `heights_from(i)` yields the height of units i..j for j = i, i+1, ..."""
    best: list[tuple[int, float, int]] = [(0, 0.0, n)] * (n + 1)
    for i in range(n - 1, -1, -1):
        options = []
        for j, h in enumerate(heights_from(i), i + 1):
            if h > room + 1e-9 and j > i + 1:
                break
            pages, cost, _ = best[j]
            empty = max(room - h, 0.0) / room if room > 0 else 0.0
            options.append((pages + 1, cost + empty ** 2 + (MID_GROUP_BREAK if mid_group(j) else 0.0), j))
        best[i] = min(options)
    breaks, i = [0], 0
    while i < n:
        i = best[i][2]
        breaks.append(i)
    return breaks if n else [0, 0]


def _continued_rows(group: tuple[Row, ...], start: int, stop: int) -> tuple[Row, ...]:
    """Rows `start`..`stop` of a group; on a continuation, merged lead cells repeat their origin's text."""
    rows = list(group[start:stop])
    if start > 0:
        first = list(rows[0])
        for c, cell in enumerate(first):
            if cell.merged and cell.text == "^":
                origin = next(group[r][c] for r in range(start - 1, -1, -1) if not group[r][c].merged)
                first[c] = origin
        rows[0] = tuple(first)
    return tuple(rows)


def fit_text(text: str, width: float, height: float, max_pt: float, min_pt: float, bold: bool = False,
             inset_x: float = 0.1, inset_y: float = 0.05, face: str = "body") -> tuple[float, bool]:
    """(font size, fits) for a text box; the floor size with fits=False when nothing fits."""
    size = measure.fit_font_size(text, width - 2 * inset_x, height - 2 * inset_y, max_pt, min_pt, STEP_PT, bold, face)
    return (size, True) if size is not None else (min_pt, False)


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
