"""Stage 5 — charts: each chart's pictures, laid out in inches from measured text, drawn by matplotlib.

Two steps, so that the build knows every chart's size and slide count before matplotlib is imported:

* **plan** (`Bars.plan`, `Panels.plan`; pure Python, called by compose): wrap the category names,
  pick the font sizes of `[grafik]` in templates/layout.toml, split the categories over as many
  slides as those sizes need, and place every bar, text and line in inches on the picture. Text is
  measured with `measure` (the deck's Carlito, through Pillow). The result, a `Picture`, is plain
  data: the picture's size and its shapes, with finished strings and theme colour slots.
* **draw** (`draw`; matplotlib): a Figure of the picture's size, each shape drawn on it where the
  plan put it (in inches: the figure's `dpi_scale_trans`), an RGB PNG written by Pillow.

The picture goes on the slide at its own size, so 12 pt in a plan is 12 pt on the slide. Layout
happens once, in the plan: the same geometry decides how many categories fit a slide and where
they are drawn, so the two cannot disagree. This module knows nothing about python-pptx or pandas.
"""
from __future__ import annotations

import math
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import measure

ELLIPSIS = "…"
BAR_SPAN = 0.84  # share of a panel's group slot its bars take
PAD = 0.08  # inches of free border around a picture
LINE_GAP = 0.05  # inches between a reference line and a label beside it


# --- what compose hands over: finished strings and values -------------------------------------
@dataclass(frozen=True)
class Bar:
    """One bar: its value (None: no bar) and the text beside it, the value or why it is missing."""

    value: float | None
    text: str
    note: str = ""  # what the text means, said once under the chart ("b.d. = realisasi belum dilaporkan")
    sources: tuple[str, ...] = ()  # the cells its value comes from (`kinerja.xlsx!IKU!K5`)


@dataclass(frozen=True)
class Category:
    """A category (indicator, program, sasaran): its name and its bars, one per series (and group)."""

    name: str
    bars: tuple[Bar, ...]
    unit: str = ""  # said after the name, "(orang)": the bars' texts are bare numbers
    reference: Bar | None = None  # a panel's dashed line at a value (the Renstra's end target), and its value's text


@dataclass(frozen=True)
class Shape:
    """Something the picture shows; positions and sizes in inches from the bottom left."""


@dataclass(frozen=True)
class Box(Shape):
    x: float
    y: float
    w: float
    h: float
    colour: str

    def draw(self, fig, colour, fonts) -> None:
        from matplotlib.patches import Rectangle

        fig.add_artist(Rectangle((self.x, self.y), self.w, self.h, facecolor=colour(self.colour), edgecolor="none",
                                 transform=fig.dpi_scale_trans))


@dataclass(frozen=True)
class Dot(Shape):
    x: float
    y: float
    r: float
    colour: str

    def box(self) -> tuple[float, float, float, float]:
        return self.x - self.r, self.y - self.r, self.x + self.r, self.y + self.r

    def draw(self, fig, colour, fonts) -> None:
        from matplotlib.patches import Circle

        fig.add_artist(Circle((self.x, self.y), self.r, facecolor=colour(self.colour), edgecolor="none",
                              transform=fig.dpi_scale_trans))


@dataclass(frozen=True)
class Text(Shape):
    """One line of text; `x` is where `align` puts it, `y` its middle."""

    x: float
    y: float
    text: str
    size: float
    colour: str
    align: str = "left"
    bold: bool = False
    upright: bool = False  # turned a quarter to the left (a value axis' name), centred on (x, y)
    # the cells of the figure it shows: for the manifest, not the picture (nor its cache key)
    sources: tuple[str, ...] = field(default=(), repr=False, compare=False)

    def box(self) -> tuple[float, float, float, float]:
        """x0, y0, x1, y1 of the line as measured: its width, and one line's height."""
        w, h = measure.text_width(self.text, self.size, self.bold), measure.line_height(self.size)
        if self.upright:
            return self.x - h / 2, self.y - w / 2, self.x + h / 2, self.y + w / 2
        x0 = self.x - {"left": 0.0, "center": w / 2, "right": w}[self.align]
        return x0, self.y - h / 2, x0 + w, self.y + h / 2

    def draw(self, fig, colour, fonts) -> None:
        from matplotlib.font_manager import FontProperties

        font = FontProperties(fname=fonts[self.bold], size=self.size)  # the file it was measured with
        fig.text(self.x, self.y, self.text, fontproperties=font, color=colour(self.colour),
                 ha="center" if self.upright else self.align, va="center", rotation=90 if self.upright else 0,
                 parse_math=False, transform=fig.dpi_scale_trans)


@dataclass(frozen=True)
class Line(Shape):
    points: tuple[tuple[float, float], ...]
    colour: str
    width: float  # points
    dashed: bool = False

    def crosses(self, box: tuple[float, float, float, float]) -> bool:
        """Whether any of its segments runs through the box (x0, y0, x1, y1)."""
        x0, y0, x1, y1 = box
        for (ax, ay), (bx, by) in zip(self.points, self.points[1:]):
            steps = max(1, int(max(abs(bx - ax), abs(by - ay)) / 0.01))
            if any(x0 < ax + (bx - ax) * k / steps < x1 and y0 < ay + (by - ay) * k / steps < y1
                   for k in range(steps + 1)):
                return True
        return False

    def draw(self, fig, colour, fonts) -> None:
        from matplotlib.lines import Line2D

        xs, ys = zip(*self.points)
        fig.add_artist(Line2D(xs, ys, color=colour(self.colour), linewidth=self.width, solid_capstyle="butt",
                              linestyle=(0, (4, 3)) if self.dashed else "-", dash_capstyle="butt",
                              transform=fig.dpi_scale_trans))


@dataclass(frozen=True)
class Picture:
    """One chart image as it sits on its slide: its size (inches), what it shows, and the font files
    (regular, bold) its text was measured with and is drawn in: the deck's body font (`measure`)."""

    size: tuple[float, float]
    dpi: float
    shapes: tuple[Shape, ...]
    fonts: tuple[str, ...] = ()

    def texts(self) -> list[Text]:
        return [s for s in self.shapes if isinstance(s, Text)]

    def figures(self) -> list[tuple[str, tuple[str, ...]]]:
        """(text, source cells) of each label that shows a figure from the workbooks."""
        return [(t.text, t.sources) for t in self.texts() if t.sources]


# --- the [grafik] settings, in slide points and inches -------------------------------------------
@dataclass(frozen=True)
class Style:
    """templates/layout.toml's [grafik]; every font at least `font_min`."""

    cfg: dict

    def pt(self, key: str) -> float:
        return max(float(self.cfg[key]), float(self.cfg["font_min"]))

    def name_sizes(self) -> list[float]:
        """Category name sizes to try, largest first: `font_kategori`, then the floor."""
        return sorted({self.pt("font_kategori"), self.pt("font_min")}, reverse=True)

    def __getitem__(self, key: str):
        return self.cfg[key]

    def series_colour(self, k: int) -> str:
        """The theme slot of the `k`th series: `warna_seri` in turn."""
        return self.cfg["warna_seri"][k % len(self.cfg["warna_seri"])]


def wrap(text: str, width: float, size: float, max_lines: int, bold: bool = False,
         suffix: str = "") -> tuple[list[str], bool]:
    """`text` + `suffix` in lines no wider than `width`, broken at spaces; beyond `max_lines` the text
    is cut short with "…" before the suffix (True)."""
    lines = measure.wrap(" ".join(text.split()) + suffix, width, size, bold)
    if len(lines) <= max_lines:
        return lines, False
    words = " ".join(lines[:max_lines]).split()
    while words:
        words.pop()
        lines = measure.wrap(" ".join(words).rstrip(" ,;:-(") + ELLIPSIS + suffix, width, size, bold)
        if len(lines) <= max_lines:
            break
    return lines[:max_lines], True


def text_lines(lines: list[str], x: float, top: float, size: float, colour: str, align: str = "left",
               bold: bool = False) -> list[Text]:
    """Lines of text below `top`, one line height apart."""
    h = measure.line_height(size)
    return [Text(x, top - (k + 0.5) * h, line, size, colour, align, bold) for k, line in enumerate(lines)]


def value_range(items: list[tuple[float, float]], span: float, lo: float, hi: float) -> tuple[float, float]:
    """Value limits from `lo`..`hi`, widened until each (value, room) has `room` inches beyond its
    value (above a positive value, below a negative one) on an axis `span` inches long."""
    lo, hi = min(lo, 0.0), max(hi, 0.0)
    if hi <= lo:
        hi = lo + 1.0
    for _ in range(100):
        per_inch = (hi - lo) / span
        new_hi = max([hi, *(v + room * per_inch for v, room in items if v >= 0)])
        new_lo = min([lo, *(v - room * per_inch for v, room in items if v < 0)])
        if new_hi - hi < 1e-9 * (hi - lo) and lo - new_lo < 1e-9 * (hi - lo):
            break
        lo, hi = new_lo, new_hi
    return lo, hi


def _spread(count: int, per_part: int) -> list[int]:
    """How many of `count` go on each part, at most `per_part` each, evenly (5 + 4, not 8 + 1)."""
    parts = max(1, math.ceil(count / max(per_part, 1)))
    return [count // parts + (k < count % parts) for k in range(parts)]


def _parts(items: tuple, per_part: int) -> list[tuple]:
    return _split(items, _spread(len(items), per_part))


def _split(items, sizes) -> list[tuple]:
    """`items` cut into consecutive parts of `sizes`."""
    out, at = [], 0
    for size in sizes:
        out.append(tuple(items[at:at + size]))
        at += size
    return out


def _fewest_parts(items: list, fits, most: int) -> list[int]:
    """The sizes of the fewest balanced parts (5 + 4, not 8 + 1) of at most `most` items each that all
    `fits`; one item a part when even that does not fit."""
    for parts in range(max(1, math.ceil(len(items) / max(most, 1))), len(items) + 1):
        sizes = _spread(len(items), math.ceil(len(items) / parts))
        if len(sizes) == parts and all(fits(part) for part in _split(items, sizes)):
            return sizes
    return [1] * len(items)


def _stack(heights, least: float, gap: float) -> float:
    """The height of rows stacked `gap` apart, each as tall as its own height and at least `least`."""
    return sum(max(h, least) for h in heights) + gap * (len(heights) - 1)


def _largest(lo: float, hi: float, fits) -> float:
    """The largest value in `lo`..`hi` that `fits` (which holds below it if at all); `lo` when none does."""
    if hi <= lo or fits(hi):
        return max(lo, hi)
    for _ in range(40):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if fits(mid) else (lo, mid)
    return lo


class Legend:
    """The bottom of a chart: a key per series (and the reference line), then the notes, centred."""

    def __init__(self, keys: list[tuple[str, str, bool]], notes: list[str], width: float, style: Style) -> None:
        self.size = style.pt("font_legenda")
        self.style, self.width = style, width
        em = self.size / 72
        self.swatch, self.gap, self.spacing = 1.6 * em, 0.4 * em, 1.5 * em
        self.rows: list[list[tuple[str, str, bool]]] = [[]]  # (name, colour, is a line)
        used = 0.0
        for key in keys:
            w = self._width(key)
            if self.rows[-1] and used + self.spacing + w > width:
                self.rows.append([])
                used = 0.0
            used += (self.spacing if self.rows[-1] else 0.0) + w
            self.rows[-1].append(key)
        self.notes = [line for note in dict.fromkeys(notes) for line in wrap(note, width, self.size, 3)[0]]

    def _width(self, key: tuple[str, str, bool]) -> float:
        return self.swatch + self.gap + measure.text_width(key[0], self.size)

    @property
    def height(self) -> float:
        return (len(self.rows) + len(self.notes)) * measure.line_height(self.size)

    def shapes(self, centre: float, top: float) -> list[Shape]:
        h = measure.line_height(self.size)
        out: list[Shape] = []
        for row in self.rows:
            x = centre - (sum(map(self._width, row)) + self.spacing * (len(row) - 1)) / 2
            y = top - h / 2
            for name, colour, is_line in row:
                if is_line:
                    out.append(Line(((x, y), (x + self.swatch, y)), colour, 1.5, dashed=True))
                else:
                    out.append(Box(x, y - 0.3 * h, self.swatch, 0.6 * h, colour))
                out.append(Text(x + self.swatch + self.gap, y, name, self.size, self.style["warna_teks"]))
                x += self._width((name, colour, is_line)) + self.spacing
            top -= h
        return out + text_lines(self.notes, centre, top, self.size, self.style["warna_teks"], "center")


def _notes(categories: tuple[Category, ...], notes: tuple[str, ...]) -> list[str]:
    return [*notes, *(bar.note for c in categories for bar in c.bars if bar.note)]


# --- horizontal bars: a row of bars per category, the names in a column on the left -----------------
@dataclass(frozen=True)
class Bars:
    """Horizontal bars, one row per category (bars of its series one under the other)."""

    categories: tuple[Category, ...]
    series: tuple[str, ...]  # legend names, one per bar of a category
    reference: tuple[float, str] | None = None  # a dashed line at a value, and its legend name
    notes: tuple[str, ...] = ()  # lines under the chart

    def plan(self, size: tuple[float, float], cfg: dict) -> list[Picture]:
        """The chart in as few pictures of at most `size` as the floors allow, all on one value scale."""
        style = Style(cfg)
        width, height = size
        value_pt = style.pt("font_nilai")
        legend = Legend(self._keys(style), _notes(self.categories, self.notes), width - 2 * PAD, style)
        room = height - 2 * PAD - legend.height - 0.6 * measure.line_height(value_pt)
        options = [self._rows(name_pt, width, room, style) for name_pt in style.name_sizes()]
        rows = next(o for o in options if o.cost <= options[-1].cost)  # a larger name only where it costs nothing
        column = max(measure.text_width(line, rows.name_pt) for lines in rows.names for line in lines)
        x0 = PAD + column + 0.15
        pad = 0.3 * value_pt / 72
        labels = [_Label(b.value or 0.0, pad, measure.text_width(b.text, value_pt))
                  for c in self.categories for b in c.bars]
        values = [b.value for c in self.categories for b in c.bars if b.value is not None]
        ref = self.reference[0] if self.reference else None
        ends = [0.0, *values, *([] if ref is None else [ref])]
        scale = _Scale(x0, width - PAD - x0, *_label_range(labels, ref, width - PAD - x0, min([0.0, *values]), max(ends)))
        parts = _split(tuple(zip(self.categories, rows.names, rows.bodies)), rows.sizes)
        return [self._picture(part, rows, scale, width, style) for part in parts]

    def _rows(self, name_pt: float, width: float, room: float, style: Style) -> "_Rows":
        """The categories' rows with names at `name_pt`: wrapped names, each row as tall as its own
        name or its bars, split over the fewest pictures that hold them (balanced by count)."""
        wrapped = [wrap(c.name, width * style["label_maks"], name_pt, style["baris_maks"]) for c in self.categories]
        names = [lines for lines, _ in wrapped]
        line_h, n = measure.line_height(name_pt), len(self.series)
        thinnest = 1.15 * measure.line_height(style.pt("font_nilai"))  # a value label beside each bar
        gap = 0.6 * line_h
        name_h = [len(lines) * line_h for lines in names]
        sizes = _fewest_parts(name_h, lambda part: _stack(part, n * thinnest, gap) <= room, style["maks_kategori"])
        parts = _split(name_h, sizes)
        bar = _largest(thinnest, style["tebal_batang_maks"],  # bars as thick as the fullest part allows
                       lambda b: all(_stack(part, n * b, gap) <= room for part in parts))
        bodies = [max(h, n * bar) for h in name_h]
        free = min(((room - sum(part)) / (len(part) - 1) for part in _split(bodies, sizes) if len(part) > 1),
                   default=math.inf)
        gap = max(gap, min(free, max(bodies) / 2))  # the same gap on every part: up to half the tallest row
        cost = (len(sizes), any(cut for _, cut in wrapped))
        return _Rows(name_pt, names, tuple(bodies), gap, bar, tuple(sizes), cost)

    def _keys(self, style: Style) -> list[tuple[str, str, bool]]:
        keys = [(name, style.series_colour(k), False) for k, name in enumerate(self.series)]
        return ([(self.reference[1], style["warna_garis"], True)] if self.reference else []) + keys

    def _picture(self, part, rows: "_Rows", scale: "_Scale", width: float, style: Style) -> Picture:
        value_pt = style.pt("font_nilai")
        legend = Legend(self._keys(style), _notes(tuple(c for c, _, _ in part), self.notes), width - 2 * PAD, style)
        bottom = PAD + legend.height + 0.6 * measure.line_height(value_pt)
        height = bottom + _stack([body for _, _, body in part], 0.0, rows.gap) + PAD
        pad = 0.3 * value_pt / 72
        ref = self.reference[0] if self.reference else None
        shapes: list[Shape] = []
        labels: list[Text] = []
        row_top = height - PAD
        for category, lines, body in part:
            middle = row_top - body / 2
            row_top -= body + rows.gap
            name_top = middle + len(lines) * measure.line_height(rows.name_pt) / 2
            shapes += text_lines(lines, scale.x0 - 0.15, name_top, rows.name_pt, style["warna_teks"], "right")
            for j, b in enumerate(category.bars):
                y = middle + len(category.bars) * rows.bar / 2 - (j + 1) * rows.bar
                at = _Label(b.value or 0.0, pad, measure.text_width(b.text, value_pt)).start(scale.x, ref)
                if b.value is None:
                    labels.append(Text(at, y + rows.bar / 2, b.text, value_pt, style["warna_tanda"]))
                    continue
                x0, x1 = sorted((scale.x(0), scale.x(b.value)))
                shapes.append(Box(x0, y, x1 - x0, rows.bar, style.series_colour(j)))
                labels.append(Text(at, y + rows.bar / 2, b.text, value_pt, style["warna_teks"],
                                   "left" if b.value >= 0 else "right", sources=b.sources))
        top = height - PAD
        shapes.append(Line(((scale.x(0), bottom), (scale.x(0), top)), style["warna_garis"], 0.75))
        if ref is not None:  # whole: every label it would cross sits past it
            shapes.append(Line(((scale.x(ref), bottom), (scale.x(ref), top)), style["warna_garis"], 1.5, dashed=True))
        shapes += labels + legend.shapes(width / 2, PAD + legend.height)
        return Picture((width, height), float(style["dpi"]), tuple(shapes), _font_files())


@dataclass(frozen=True)
class _Rows:
    """How the rows of a horizontal bar chart are laid out (inches)."""

    name_pt: float
    names: list[list[str]]
    bodies: tuple[float, ...]  # each row's height: its name's lines or its bars, whichever is taller
    gap: float  # between rows
    bar: float  # one bar's thickness
    sizes: tuple[int, ...]  # rows on each picture
    cost: tuple[int, bool]  # pictures needed, and whether a name was cut short


@dataclass(frozen=True)
class _Scale:
    """Values to inches along a value axis starting at `x0`."""

    x0: float
    span: float
    lo: float
    hi: float

    def x(self, value: float) -> float:
        return self.x0 + (value - self.lo) / (self.hi - self.lo) * self.span


@dataclass(frozen=True)
class _Label:
    """A value label along its bar's value axis, in inches: `pad` beyond its bar's end (the bar's
    value, 0 for a missing bar; above or right of a positive one, below or left of a negative one),
    `extent` long along the axis."""

    value: float
    pad: float
    extent: float

    def start(self, at, reference: float | None) -> float:
        """Where the label begins on the axis (`at`: value to inches): beside its bar's end, or past
        the reference line where the line would run through it there."""
        way = 1.0 if self.value >= 0 else -1.0
        start = at(self.value) + way * self.pad
        if reference is not None:
            lo, hi = sorted((start, start + way * self.extent))
            if lo - LINE_GAP < at(reference) < hi + LINE_GAP:
                return at(reference) + way * LINE_GAP
        return start


def _label_range(labels: list[_Label], reference: float | None, span: float, lo: float, hi: float,
                 also: tuple[tuple[float, float], ...] = ()) -> tuple[float, float]:
    """Value limits (`value_range`) leaving every label its room on an axis `span` inches long, a
    label that the reference line would cross counted past the line; `also`: more (value, room)."""
    moved: set[int] = set()
    while True:
        items = [(label.value, label.pad + label.extent) for label in labels] + list(also)
        items += [(reference, LINE_GAP + labels[k].extent) for k in moved]
        limits = value_range(items, span, lo, hi)
        at = _Scale(0.0, span, *limits).x
        crossed = {k for k, label in enumerate(labels) if reference is not None and
                   label.start(at, reference) != label.start(at, None)}
        if crossed <= moved:
            return limits
        moved |= crossed


# --- small multiples: a panel per category, its bars upright in groups ------------------------------
@dataclass(frozen=True)
class Panels:
    """One panel per category, each with its own scale: in every group (year) a bar per series."""

    categories: tuple[Category, ...]
    series: tuple[str, ...]
    groups: tuple[str, ...]  # named under each panel
    notes: tuple[str, ...] = ()
    reference: str = ""  # the legend's name for the categories' reference lines ("Target akhir Renstra")

    def plan(self, size: tuple[float, float], cfg: dict) -> list[Picture]:
        """The panels, at most `maks_panel` (and as many as fit at the floors) a picture of at most `size`."""
        style = Style(cfg)
        width, height = size
        value_pt, title_pt, group_pt = style.pt("font_nilai"), style.pt("font_judul_panel"), style.pt("font_sumbu")
        widest = max(measure.text_width(b.text, value_pt) for c in self.categories for b in c.bars)
        ends = [measure.text_width(c.reference.text, value_pt) for c in self.categories if c.reference]
        tail = max(ends) + LINE_GAP if ends else 0.0  # at each panel's right: the reference line's value
        needed = len(self.groups) * len(self.series) * (widest + 0.4 * value_pt / 72) / BAR_SPAN + tail
        gap_x = 0.3
        columns = max(1, min(style["kolom_panel"], len(self.categories),
                             int((width - 2 * PAD + gap_x) // (needed + gap_x))))
        panel_w = (width - 2 * PAD - (columns - 1) * gap_x) / columns
        titles = [wrap(c.name, panel_w, title_pt, style["baris_maks"], True, f" ({c.unit})" if c.unit else "")[0]
                  for c in self.categories]
        title_line = measure.line_height(title_pt)
        below = 2 * measure.line_height(value_pt) + measure.line_height(group_pt) + 0.15  # labels, years, gaps
        least = below + float(cfg["tinggi_panel_min"])
        gap_y = 0.25

        def title_heights(part) -> list[float]:  # each row of panels as tall as its longest title
            return [max(len(t) for _, t in part[r:r + columns]) * title_line for r in range(0, len(part), columns)]

        def room(part) -> float:  # a part's legend explains only the marks it shows
            legend = Legend(self._keys(style), _notes(tuple(c for c, _ in part), self.notes), width - 2 * PAD, style)
            return height - 2 * PAD - legend.height - 0.1

        def spare(part) -> float:  # the height each row of its panels may take below its title
            heads = title_heights(part)
            return (room(part) - sum(heads) - (len(heads) - 1) * gap_y) / len(heads)

        panels = tuple(zip(self.categories, titles))
        sizes = _fewest_parts(panels, lambda part: spare(part) >= least, style["maks_panel"])
        parts = _split(panels, sizes)
        most = max(len(t) for t in titles) * title_line
        body = max(least, min(min(map(spare, parts)), 0.8 * panel_w - most))  # one panel height on every part
        geometry = (columns, panel_w, body, gap_x, gap_y, tail)
        return [self._picture(part, title_heights(part), geometry, width, style) for part in parts]

    def _keys(self, style: Style) -> list[tuple[str, str, bool]]:
        keys = [(name, style.series_colour(k), False) for k, name in enumerate(self.series)]
        return keys + ([(self.reference, style["warna_garis"], True)] if self.reference else [])

    def _picture(self, part, heads: list[float], geometry, width, style) -> Picture:
        """A part's panels in rows, each row `heads[row]` for its titles over `body` for the rest."""
        columns, panel_w, body, gap_x, gap_y, tail = geometry
        legend = Legend(self._keys(style), _notes(tuple(c for c, _ in part), self.notes), width - 2 * PAD, style)
        height = 2 * PAD + legend.height + 0.1 + sum(heads) + len(heads) * body + (len(heads) - 1) * gap_y
        shapes: list[Shape] = []
        top = height - PAD
        for row, head in enumerate(heads):
            for col, (category, title) in enumerate(part[row * columns:(row + 1) * columns]):
                left = PAD + col * (panel_w + gap_x)
                shapes += self._panel(category, title, left, top, (panel_w, head + body, tail), head, style)
            top -= head + body + gap_y
        shapes += legend.shapes(width / 2, PAD + legend.height)
        return Picture((width, height), float(style["dpi"]), tuple(shapes), _font_files())

    def _panel(self, category, title, left, top, size, title_h, style) -> list[Shape]:
        """A panel `size` (width, height, and the width at its right kept for the reference line's value)."""
        w, h, tail = size
        value_pt, title_pt, group_pt = style.pt("font_nilai"), style.pt("font_judul_panel"), style.pt("font_sumbu")
        value_h, group_h = measure.line_height(value_pt), measure.line_height(group_pt)
        shapes: list[Shape] = text_lines(title, left, top, title_pt, style["warna_judul"], bold=True)
        y0, y1 = top - h + group_h + 0.1, top - title_h - 0.05
        pad = 0.2 * value_pt / 72
        slot = (w - tail) / len(self.groups)
        bar_w = slot * BAR_SPAN / len(self.series)
        widths = [measure.text_width(b.text, value_pt) for b in category.bars]
        upright = max(widths, default=0.0) + pad > bar_w  # labels wider than their bars stand upright over them
        rooms = widths if upright else [value_h] * len(widths)
        labels = [_Label(b.value or 0.0, pad, room) for b, room in zip(category.bars, rooms)]
        ref = None if category.reference is None else category.reference.value
        ends = [0.0, *(b.value for b in category.bars if b.value is not None), *([] if ref is None else [ref])]
        also = () if ref is None else ((ref, LINE_GAP + value_h),)  # room for the line's value above it
        y = _Scale(y0, y1 - y0, *_label_range(labels, ref, y1 - y0, min(ends), max(ends), also)).x
        for g, group in enumerate(self.groups):
            middle = left + (g + 0.5) * slot
            shapes.append(Text(middle, y0 - 0.05 - group_h / 2, group, group_pt, style["warna_teks"], "center"))
            for s in range(len(self.series)):
                k = g * len(self.series) + s
                b, label = category.bars[k], labels[k]
                x = middle + (s - len(self.series) / 2) * bar_w
                if b.value is not None:
                    lo_y, hi_y = sorted((y(0), y(b.value)))
                    shapes.append(Box(x, lo_y, bar_w, hi_y - lo_y, style.series_colour(s)))
                way = 1.0 if label.value >= 0 else -1.0
                shapes.append(Text(x + bar_w / 2, label.start(y, ref) + way * rooms[k] / 2, b.text, value_pt,
                                   style["warna_teks" if b.value is not None else "warna_tanda"], "center",
                                   upright=upright, sources=b.sources))
        baseline = [Line(((left, y(0)), (left + w - tail, y(0))), style["warna_garis"], 0.75)]
        if ref is not None:  # whole (no label sits on it), its value above its end, right of the bars
            size = style.pt("font_nilai")
            shapes += [Line(((left, y(ref)), (left + w, y(ref))), style["warna_garis"], 1.5, dashed=True),
                       Text(left + w, y(ref) + LINE_GAP + value_h / 2, category.reference.text, size,
                            style["warna_garis"], "right", sources=category.reference.sources)]
            if ref == 0:  # an end target of 0 is the baseline: drawn dashed, not hidden under a solid line
                baseline = []
        return shapes + baseline


# --- a quadrant: each category a numbered point by two measures ---------------------------------------
@dataclass(frozen=True)
class Point:
    """A category as a point: its name (said under the chart beside its number) and two values."""

    name: str
    x: float
    y: float
    sources: tuple[str, ...] = ()  # the cells of both values


@dataclass(frozen=True)
class Quadrant:
    """Numbered points by `x` and `y` (both percentages), with a line at `lines` on each axis and the
    diagonal (y = x) dividing above from below; the names are listed under the chart by number."""

    categories: tuple[Point, ...]  # the points (named as the other charts' categories)
    x_name: str
    y_name: str
    lines: float = 100.0
    diagonal: str = ""  # the legend's name for the diagonal ("" : no diagonal)

    def plan(self, size: tuple[float, float], cfg: dict) -> list[Picture]:
        """At most `maks_kategori` points a picture, all pictures on the same two scales."""
        style = Style(cfg)
        per_part = style["maks_kategori"]
        while per_part > 1 and any(self._legend(part, size[0], style).height > size[1] - 2.0 - 4 * PAD
                                   for part in _parts(tuple(enumerate(self.categories, 1)), per_part)):
            per_part -= 1  # the names under the chart leave the plot under two inches: fewer points a picture
        parts = _parts(tuple(enumerate(self.categories, 1)), per_part)
        values = [p.x for p in self.categories] + [p.y for p in self.categories] + [self.lines]
        pad = max((max(values) - min(values)) * 0.1, 5.0)
        step = _tick_step((min(values) - pad, max(values) + pad))
        limits = (math.floor((min(values) - pad) / step) * step, math.ceil((max(values) + pad) / step) * step)
        return [self._picture(part, size, limits, style) for part in parts]

    def _legend(self, part, width: float, style: Style) -> Legend:
        """The diagonal's key and each point's number with its name."""
        keys = [(self.diagonal, style["warna_garis"], True)] if self.diagonal else []
        return Legend(keys, [f"{n} = {p.name}" for n, p in part], width - 2 * PAD, style)

    def _picture(self, part, size, limits, style: Style) -> Picture:
        width, height = size
        tick_pt, label_pt = style.pt("font_sumbu"), style.pt("font_nilai")
        legend = self._legend(part, width, style)
        tick_h = measure.line_height(tick_pt)
        widest = max(measure.text_width(f"{v:g}%", tick_pt) for v in limits)
        left = PAD + tick_h + 0.1 + widest + 0.1
        bottom = PAD + legend.height + 0.15 + 2 * tick_h + 0.2
        across = width - left - PAD - widest / 2  # room for the last ticks' labels, across and up
        side = max(1.5, height - bottom - PAD - tick_h / 2)
        x = _Scale(left, across, *limits).x
        y = _Scale(bottom, side, *limits).x
        ink, grid = style["warna_teks"], style["warna_garis"]
        shapes: list[Shape] = [Line(((left, bottom), (left + across, bottom), (left + across, bottom + side),
                                     (left, bottom + side), (left, bottom)), grid, 0.75)]
        step = _tick_step(limits)
        value = limits[0]
        while value <= limits[1] + 1e-9:
            shapes += [Text(x(value), bottom - 0.16 - tick_h / 2, f"{value:g}%", tick_pt, ink, "center"),  # clear of the corner's
                       Text(left - 0.1, y(value), f"{value:g}%", tick_pt, ink, "right")]
            value += step
        shapes += [Text(left + across / 2, bottom - 0.2 - 1.5 * tick_h, self.x_name, tick_pt, ink, "center"),
                   Text(PAD + tick_h / 2, bottom + side / 2, self.y_name, tick_pt, ink, "center", upright=True)]
        shapes += [Line(((x(self.lines), bottom), (x(self.lines), bottom + side)), grid, 0.75, dashed=True),
                   Line(((left, y(self.lines)), (left + across, y(self.lines))), grid, 0.75, dashed=True)]
        if self.diagonal:
            shapes.append(Line(((x(limits[0]), y(limits[0])), (x(limits[1]), y(limits[1]))), grid, 1.5, dashed=True))
        dots = [Dot(x(point.x), y(point.y), 0.1, style.series_colour(0)) for _, point in part]
        plot = (left, bottom, left + across, bottom + side)
        shapes += dots + _point_labels([(str(n), p.sources) for n, p in part], dots,
                                       Text(0, 0, "", label_pt, ink, bold=True), plot, shapes)
        shapes += legend.shapes(width / 2, PAD + legend.height)
        return Picture((width, min(height, bottom + side + tick_h / 2 + PAD)), float(style["dpi"]), tuple(shapes),
                       _font_files())


def _point_labels(numbers: list[tuple[str, tuple]], dots: list[Dot], like: Text, plot, shapes) -> list[Shape]:
    """Each point's number (with its cells) beside its marker, in `like`'s font and colour; points
    whose markers overlap are one spot with one label ("3, 6"). Labels stay inside the `plot` (x0, y0,
    x1, y1), clear of every marker, text and line in `shapes` and of each other."""
    spots: list[list[int]] = []
    for k, dot in enumerate(dots):  # markers that touch, directly or through others, make one spot
        touching = [spot for spot in spots if any(math.dist((dot.x, dot.y), (dots[j].x, dots[j].y)) < 2 * dot.r
                                                  for j in spot)]
        spots = [spot for spot in spots if spot not in touching] + [sorted([k, *(j for t in touching for j in t)])]
    taken = [d.box() for d in dots] + [t.box() for t in shapes if isinstance(t, Text)]
    lines = [s for s in shapes if isinstance(s, Line)]
    out: list[Shape] = []
    for spot in sorted(spots):
        text = replace(like, text=", ".join(numbers[k][0] for k in spot),
                       sources=tuple(dict.fromkeys(cell for k in spot for cell in numbers[k][1])))
        others = [dots[k] for k in range(len(dots)) if k not in spot]
        placed = _free_label(text, [dots[k] for k in spot], others, plot, taken, lines)
        taken.append(placed[0].box())
        out += placed
    return out


def _free_label(like: Text, own: list[Dot], others: list[Dot], plot, taken: list, lines: list) -> list[Shape]:
    """A label by its markers `own`: right, left, above, below or at a corner of them, the first place
    inside the plot that touches no marker, text or line and is nearer its own markers than any
    other by a marker's radius at least; a little further out with a leader line when none of the near places is free (beside
    them on the right when none at all is)."""
    h, gap = measure.line_height(like.size), 0.04
    x0, y0 = min(d.x - d.r for d in own), min(d.y - d.r for d in own)
    x1, y1 = max(d.x + d.r for d in own), max(d.y + d.r for d in own)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    for ring in range(4):
        out = gap + ring * h
        for dx, dy, align in ((1, 0, "left"), (-1, 0, "right"), (0, 1, "center"), (0, -1, "center"),
                              (1, 1, "left"), (-1, 1, "right"), (1, -1, "left"), (-1, -1, "right")):
            x = {1: x1 + out, 0: cx, -1: x0 - out}[dx]
            y = {1: y1 + out + h / 2, 0: cy, -1: y0 - out - h / 2}[dy]
            label = replace(like, x=x, y=y, align=align)
            box = label.box()
            leader = [] if ring == 0 else [Line((_nearest((x0, y0, x1, y1), (x, y)), _nearest(box, (cx, cy))),
                                                like.colour, 0.75)]
            if _inside(box, plot) and not any(_meets(box, b) for b in taken) \
                    and not any(line.crosses(box) for line in lines) \
                    and not any(line.crosses(b) for line in leader for b in taken) \
                    and _distance(box, own) + own[0].r < _distance(box, others):
                return [label, *leader]
    return [replace(like, x=x1 + gap, y=cy, align="left")]


def _meets(a, b) -> bool:
    """Whether boxes (x0, y0, x1, y1) overlap."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _inside(box, area) -> bool:
    return area[0] <= box[0] and box[2] <= area[2] and area[1] <= box[1] and box[3] <= area[3]


def _nearest(box, point) -> tuple[float, float]:
    """The point of `box` nearest to `point`."""
    return min(max(point[0], box[0]), box[2]), min(max(point[1], box[1]), box[3])


def _distance(box, dots: list[Dot]) -> float:
    """How far the nearest of `dots`' centres is from `box` (infinite without dots)."""
    return min((math.dist(_nearest(box, (d.x, d.y)), (d.x, d.y)) for d in dots), default=math.inf)


def _tick_step(limits: tuple[float, float]) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten, at least 5) giving about five ticks."""
    raw = max((limits[1] - limits[0]) / 5, 5.0)
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


# --- drawing -------------------------------------------------------------------------------------------
def _font_files() -> tuple[str, str]:
    """The regular and bold files `measure` measures body text with."""
    return str(measure.font_path(False)), str(measure.font_path(True))


def figure(picture: Picture, palette: dict[str, str]):
    """`picture` as a drawn matplotlib Figure (Agg canvas), its colour slots taken from `palette`."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    with matplotlib.rc_context():
        matplotlib.rcdefaults()  # the user's matplotlibrc must not change the picture
        matplotlib.rcParams["text.hinting"] = "no_hinting"  # glyphs as the font draws them (and a fifth faster)
        fig = Figure(figsize=picture.size, dpi=picture.dpi, facecolor=palette["lt1"])
        canvas = FigureCanvasAgg(fig)
        for shape in picture.shapes:  # in inches from the bottom left: the figure's dpi_scale_trans
            shape.draw(fig, palette.__getitem__, picture.fonts)
        canvas.draw()
    return fig


def draw(picture: Picture, path: Path, palette: dict[str, str]) -> Path:
    """Draw `picture` and write it as an RGB PNG (no metadata but its DPI); the path written.

    The file appears whole or not at all (written under another name, then renamed): the build
    may look for it while the chart worker is still writing it.
    """
    from PIL import Image

    canvas = figure(picture, palette).canvas
    image = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(f".{path.name}.part")
    image.convert("RGB").save(part, format="PNG", dpi=(picture.dpi, picture.dpi), compress_level=1)  # a third faster
    os.replace(part, path)
    return path
