"""Chart images (PNG) for the SAKIP deck.

Plain data in (a pandas DataFrame or plain columns, and the deck's theme palette), PNG files
out.
This module deliberately knows nothing about python-pptx.

matplotlib is imported lazily, inside the functions, and only through its
object API (``Figure`` + ``FigureCanvasAgg``; never pyplot).  Every figure is
built and saved inside a private ``rc_context`` that starts from matplotlib's
defaults and applies :func:`chart_style`, so output does not depend on the
user's matplotlibrc and two runs give byte-identical PNGs (fixed size, fixed
DPI, no metadata but the DPI in the PNG).

For each chart there is a ``*_figure`` function that builds and returns the
``Figure`` (useful for inspecting text artists in tests) and a ``*_chart``
function that builds it and writes the PNG, returning the path written.

Cost.  A deck draws many charts, so drawing is kept lean; most of what is left
is matplotlib laying out and rasterising text (a string at a time in matplotlib
3.10, glyph by glyph in Python in 3.11: the pinned version is 3.10, see README).

* Layout: no layout engine.  :func:`_layout` places the plot areas itself, in
  two passes as a rule, measuring each text once (constrained layout measured
  everything again, once to fit the value labels and once more while saving).
* Few artists: the bars of a series are one collection; the value axis' ticks
  are one grid collection, one line of tick marks and a few texts, and the
  category labels plain texts (matplotlib's ``Tick`` objects, five artists
  each, cost more than drawing their labels); the legend is a row of plain
  artists.  Small multiples have no Axes at all (:class:`_Cell`): every bar
  carries its value, so a panel needs no value axis.
* Text is rendered unhinted ("text.hinting": "no_hinting"), a third faster
  than hinted; glyph shapes keep the font's own proportions, as on the slide.
* DPI is 150: a chart 11 in wide on the 13.33 in slide is 1650 px, more than a
  1080p projector shows (144 px/in); 200 dpi cost a fifth more time and
  almost twice the pixels to compress.
* The PNG is written by :func:`sakip_report.png.encode`: RGB, rows unfiltered, deflate level 1 (ISA-L).
* The canvas (:func:`_canvas_class`) draws matplotlib's pixels with less work: text
  sizes and font metrics are remembered from chart to chart, the
  background is written into the buffer, and a chart written by a ``*_chart`` function
  hands its renderer (and buffer) on to the next.  A test draws every chart with plain
  matplotlib too and compares the bytes.
* ``*_chart`` functions pause the cyclic garbage collector (:func:`_gc_paused`).
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sakip_report import formatting as fmt
from sakip_report import png

if TYPE_CHECKING:  # pragma: no cover - typing only
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Annotation
    from matplotlib.transforms import Bbox, Transform

__all__ = [
    "DEFAULT_PALETTE",
    "DEFAULT_SIZE",
    "DPI",
    "anggaran_program_chart",
    "anggaran_program_figure",
    "anggaran_realisasi_chart",
    "anggaran_realisasi_figure",
    "capaian_semester_chart",
    "capaian_semester_figure",
    "chart_context",
    "chart_style",
    "save_figure",
    "target_realisasi_chart",
    "target_realisasi_figure",
    "wrap_label",
]

DPI = 150
DEFAULT_SIZE: tuple[float, float] = (6.4, 4.2)
WRAP_WIDTH = 28
FONT_FAMILY = "Carlito"
FONT_DIR = Path(__file__).resolve().parents[2] / "templates" / "fonts"
FONT_FILES = ("Carlito-Regular.ttf", "Carlito-Bold.ttf")

DEFAULT_PALETTE: dict[str, str] = {
    "dk1": "#1F2933",
    "lt1": "#FFFFFF",
    "dk2": "#1F3A5F",
    "lt2": "#E8EEF4",
    "accent1": "#1F4E79",
    "accent2": "#C55A11",
    "accent3": "#548235",
    "accent4": "#BF9000",
    "accent5": "#2E75B6",
    "accent6": "#C00000",
}
ACCENTS = tuple(f"accent{i}" for i in range(1, 7))
GRID_GREY = "#D9D9D9"
GRID_WIDTH = 0.6
SPINE_GREY = "#A6A6A6"
SPINE_WIDTH = 0.8  # also the tick marks and the small multiples' baselines

TICK_FONTSIZE = 8.0
VALUE_FONTSIZE = 7.0  # value labels on bars
MIN_FONTSIZE = 5.0
EM_PER_CHAR = 0.52  # average Carlito glyph width (digits, lower case) in em
LABEL_PAD = 3.0  # points between a bar end and its value label
TICK_SIZE = 3.5  # points: length of a tick mark on a value axis (matplotlib's default)
TICK_PAD = 3.5  # points between a tick (or the plot area, for categories) and its label
TITLE_PAD = 6.0  # points between the plot area and a panel title (axes.titlepad)
LABEL_ROOM = 1.5  # points of free space kept beyond a value label
PAD = 4.0  # points of free border around the figure's contents
PANEL_GAP = (14.0, 8.0)  # points between small-multiple panels: across, down
LAYOUT_PASSES = 5  # at most; see _layout
BAR_SPAN = 0.8  # share of a category slot taken by its group of bars
SINGLE_BAR_SPAN = 0.6  # ... or by a lone bar
LEGEND_FONTSIZE = 8.0
LEGEND_KEY = (2.0, 0.7, 0.8, 2.0)  # em: swatch width and height, gap to its name, gap to the next swatch
LEGEND_BOTTOM = 0.9  # em between the figure's bottom and the legend text's
MISSING = "-"  # shown where there is no value (NaN)
PERCENT_UNITS = frozenset({"%", "persen", "persentase"})

_fonts_registered = False


# --------------------------------------------------------------------------
# Style
# --------------------------------------------------------------------------
def _colors(palette: dict[str, str] | None) -> dict[str, str]:
    """Palette merged over the defaults, every colour as ``#RRGGBB``."""
    merged = {**DEFAULT_PALETTE, **(palette or {})}
    return {k: v if str(v).startswith("#") else f"#{v}" for k, v in merged.items()}


def chart_style(palette: dict[str, str] | None) -> dict[str, Any]:
    """rcParams of the deck's chart theme, derived from the theme ``palette``."""
    from matplotlib import cycler

    c = _colors(palette)
    ink = c["dk1"]
    return {
        "font.family": [FONT_FAMILY],
        "font.size": 9.0,
        "axes.titlesize": 9.5,
        "axes.titleweight": "bold",
        "axes.titlecolor": c["dk2"],
        "axes.titlelocation": "left",
        "axes.titlepad": TITLE_PAD,
        "axes.titley": 1.0,  # fixed: else each draw measures the tick labels to lift titles over them
        "axes.labelsize": 8.5,
        "axes.labelcolor": ink,
        "axes.edgecolor": SPINE_GREY,
        "axes.linewidth": SPINE_WIDTH,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "axes.axisbelow": True,
        "axes.prop_cycle": cycler(color=[c[k] for k in ACCENTS if k in c]),
        "axes.facecolor": c["lt1"],
        "axes.unicode_minus": False,
        "grid.color": GRID_GREY,
        "grid.linewidth": GRID_WIDTH,
        "grid.linestyle": "-",
        "xtick.labelsize": TICK_FONTSIZE,
        "ytick.labelsize": TICK_FONTSIZE,
        "xtick.color": SPINE_GREY,
        "ytick.color": SPINE_GREY,
        "xtick.labelcolor": ink,
        "ytick.labelcolor": ink,
        "legend.fontsize": LEGEND_FONTSIZE,
        "legend.frameon": False,
        "text.color": ink,
        "text.hinting": "no_hinting",
        "figure.facecolor": c["lt1"],
        "figure.figsize": DEFAULT_SIZE,
        "figure.dpi": DPI,
        "savefig.dpi": DPI,
        "savefig.facecolor": c["lt1"],
        "savefig.bbox": None,
    }


def _register_fonts() -> None:
    """Make the bundled Carlito known to matplotlib (once per process)."""
    global _fonts_registered
    if _fonts_registered:
        return
    from matplotlib import font_manager

    for name in FONT_FILES:
        font_manager.fontManager.addfont(str(FONT_DIR / name))
    _fonts_registered = True


@contextmanager
def chart_context(palette: dict[str, str] | None) -> Iterator[None]:
    """Private, deterministic rcParams: matplotlib defaults + :func:`chart_style`.

    Does what ``rc_context()`` + ``rcdefaults()`` + ``rcParams.update(chart_style(palette))``
    do, but these validate every rcParam again (0.6 ms, twice a chart): the first time for a
    palette the rcParams are set that way and kept; later they are copied in as they are.
    """
    import matplotlib

    _register_fonts()
    rc = matplotlib.rcParams
    orig = dict(dict.items(rc))  # as rc_context: restored on exit, all but the backend
    del orig["backend"]
    key = tuple(sorted(_colors(palette).items()))
    global _context_depth
    _context_depth += 1
    try:
        params = _rc_cache.get(key)
        if params is None:
            matplotlib.rcdefaults()  # all but the style blacklist (backend, interactive, ...), left as they are
            rc.update(chart_style(palette))
            blacklist = _style_blacklist()
            if blacklist is not None:
                _rc_cache[key] = {k: v for k, v in dict.items(rc) if k not in blacklist}
        else:
            _update_raw(rc, params)
        yield
    finally:
        _context_depth -= 1
        _update_raw(rc, orig)


_rc_cache: dict[tuple[tuple[str, str], ...], dict[str, Any]] = {}  # palette -> chart_context's rcParams
_context_depth = 0  # > 0 inside chart_context


def _style_blacklist() -> Any:
    """The rcParams that ``rcdefaults()`` leaves alone (None if this matplotlib hides them elsewhere)."""
    import matplotlib.style

    names = getattr(matplotlib.style, "_STYLE_BLACKLIST", None)  # matplotlib >= 3.11
    if names is None:
        try:
            from matplotlib.style.core import STYLE_BLACKLIST as names  # before 3.11 (deprecated since)
        except ImportError:
            return None
    return frozenset(names)


def _update_raw(rc: Any, params: dict[str, Any]) -> None:
    """Set validated ``params`` into ``rc`` as they are (as ``rc_context`` restores rcParams)."""
    update = getattr(rc, "_update_raw", None)  # matplotlib >= 3.10
    if update is not None:
        update(params)
    else:
        dict.update(rc, params)


def save_figure(fig: Figure, out_path: Path, palette: dict[str, str] | None) -> Path:
    """Draw ``fig`` and write it as an RGB PNG (no metadata but its DPI); return the path.

    The figure is drawn as it is laid out, at its own DPI on its own opaque background.
    """
    import numpy as np

    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    with chart_context(palette):
        fig.canvas.draw()
    out_path.write_bytes(png.encode(np.asarray(fig.canvas.buffer_rgba()), fig.dpi))
    return out_path


@contextmanager
def _gc_paused() -> Iterator[None]:
    """The cyclic garbage collector off while a chart is made.

    A chart makes some tens of thousands of objects (artists, transforms, paths) that live
    until it is written; left on, the collector runs every few hundred of them and goes
    through those made so far again, all still alive.  Off, it goes through them once, when
    the written chart is garbage (in a batch of decks: 17 ms of collecting a deck -> 6 ms).
    """
    import gc

    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _write(fig: Figure, out_path: Path, palette: dict[str, str] | None) -> Path:
    """:func:`save_figure` for a figure nobody else sees: its renderer then serves the next chart."""
    path = save_figure(fig, out_path, palette)
    hand_on = getattr(fig.canvas, "hand_on_renderer", None)
    if hand_on is not None:
        hand_on()
    return path


# --------------------------------------------------------------------------
# Shared helpers
# --------------------------------------------------------------------------
def wrap_label(text: object, width: int = WRAP_WIDTH) -> str:
    """Wrap a category label onto lines of about ``width`` characters."""
    return textwrap.fill(" ".join(str(text).split()), width=width, break_long_words=False)


def _float(value: object) -> float:
    """A plotted value as float; None/NaN/pd.NA become NaN (text still raises)."""
    try:
        return float(value)  # type: ignore[arg-type]
    except TypeError:  # None, pd.NA
        return math.nan


def _floats(values: Iterable[object]) -> list[float]:
    return [_float(v) for v in values]


Table = Mapping[str, Sequence[Any]]  # a pandas DataFrame, or plain columns: {"label": [...], ...}


def _columns(data: Table, columns: Sequence[str], chart: str) -> dict[str, list[Any]]:
    """The chart's columns as lists, from a DataFrame or any mapping of column name -> values.

    Plain columns let the chart worker draw without importing pandas.
    """
    missing = [c for c in columns if c not in data]
    if missing:
        raise ValueError(f"{chart}: missing column(s) {', '.join(missing)}")
    table = {c: list(data[c]) for c in columns}
    if not table[columns[0]]:
        raise ValueError(f"{chart}: no rows to plot")
    return table


def _new_figure(size: tuple[float, float]) -> Figure:
    """A Figure with its own Agg canvas and no layout engine: :func:`_layout` places the axes."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=tuple(size), dpi=DPI)
    _canvas_class()(fig)
    return fig


# --------------------------------------------------------------------------
# Canvas: matplotlib's Agg canvas, minus work that is the same from chart to chart
# --------------------------------------------------------------------------
# Inside chart_context the rcParams (fonts, hinting) are always the same, so what FreeType
# measures for a text or a font at a DPI holds for every chart of the process.
_text_sizes: dict[tuple[Any, ...], tuple[float, float, float]] = {}  # (text, font, dpi) -> width, height, descent
_line_heights: dict[tuple[Any, float], tuple[Any, Any, Any]] = {}  # (font, dpi) -> ascent, descent, line gap
TEXT_SIZES_KEPT = 50_000  # at most, then forgotten: a deck has some hundred distinct texts
_canvas_cls: Any = None
_spare_renderers: list[Any] = []  # the renderer of the last chart written, for the next one


def _canvas_class() -> Any:
    """``FigureCanvasAgg`` (and ``RendererAgg``) drawing the same pixels with less work.

    * Text sizes are remembered across figures.  matplotlib measures a text with FreeType
      (10 us a character: each glyph is loaded) and remembers it only while the figure's
      renderer lives, but every chart has its own renderer, and tick labels, years, legend
      names and many value labels recur from chart to chart.  Likewise the font's line
      metrics, which matplotlib reads from the font's tables for every text it lays out
      (``_get_font_height_metrics``: a hook of matplotlib >= 3.11 that this renderer answers
      with the values matplotlib computes itself).  Only inside :func:`chart_context`.
    * The figure's background is written straight into the buffer instead of clearing the
      buffer and then rasterising the background rectangle over all of it.
    """
    global _canvas_cls
    if _canvas_cls is not None:
        return _canvas_cls
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg


    class Renderer(RendererAgg):
        def get_text_width_height_descent(self, s: str, prop: Any, ismath: Any) -> tuple[float, float, float]:
            if ismath is not False or not _context_depth:  # mathtext or TeX, or not our rcParams
                return super().get_text_width_height_descent(s, prop, ismath)
            size = _text_sizes.get((s, prop, self.dpi))  # FontProperties hash (and compare) by value
            if size is None:
                if len(_text_sizes) >= TEXT_SIZES_KEPT:
                    _text_sizes.clear()
                size = super().get_text_width_height_descent(s, prop, ismath)
                _text_sizes[(s, prop.copy(), self.dpi)] = size  # a copy: FontProperties are mutable
            return size

        def _get_font_height_metrics(self, prop: Any) -> tuple[Any, Any, Any]:
            """The font's ascent, descent and line gap in pixels, as ``Text._get_layout`` works them out.

            (None, None, None) lets matplotlib work them out itself.
            """
            if not _context_depth:
                return None, None, None
            metrics = _line_heights.get((prop, self.dpi))
            if metrics is None:
                metrics = _line_heights[(prop.copy(), self.dpi)] = _font_height_metrics(prop, self.dpi)
            return metrics

    class Canvas(FigureCanvasAgg):
        def get_renderer(self) -> Any:
            """As ``FigureCanvasAgg.get_renderer`` (one renderer while the size and DPI stay), but a ``Renderer``."""
            w, h = self.get_width_height(physical=True)
            key = (w, h, self.figure.dpi)
            if getattr(self, "_renderer_key", None) != key:
                spare = _spare_renderers.pop() if _spare_renderers else None
                if spare is None or (spare.width, spare.height, spare.dpi) != key:
                    spare = Renderer(w, h, self.figure.dpi)
                self.renderer = spare
                self._renderer_key = key
            return self.renderer

        def hand_on_renderer(self) -> None:
            """Give the renderer (and its 5 MB buffer) up for the next chart: this figure is done with."""
            renderer = getattr(self, "renderer", None)
            self.renderer = self._renderer_key = None
            if isinstance(renderer, Renderer):
                _spare_renderers[:] = [renderer]

        def draw(self) -> None:
            """As ``FigureCanvasAgg.draw``; a plain opaque background is written into the buffer.

            The figure's background rectangle, opaque and without an edge, covers every pixel
            completely, so each pixel is exactly its colour: filling the buffer with that colour
            in place of clearing it and drawing the rectangle gives the same pixels.
            """
            patch = self.figure.patch
            rgba = patch.get_facecolor()
            plain = rgba[3] == 1 and patch.get_linewidth() == 0 and not patch.get_hatch() and patch.get_visible()
            if not plain or patch.get_path_effects() or patch.get_sketch_params() is not None:
                return super().draw()
            renderer = self.renderer = self.get_renderer()
            pixel = np.array([int(c * 255 + 0.5) for c in rgba], np.uint8).view(np.uint32)[0]  # RGBA, rounded as Agg
            np.asarray(renderer.buffer_rgba()).view(np.uint32).fill(pixel)
            patch.set_visible(False)
            try:
                self.figure.draw(renderer)
            finally:
                stale = self.figure.stale
                patch.set_visible(True)
                self.figure.stale = stale  # as the draw left it
            return None

    _canvas_cls = Canvas
    return Canvas


def _font_height_metrics(prop: Any, dpi: float) -> tuple[Any, Any, Any]:
    """Ascent, descent and line gap of ``prop``'s font in pixels, computed as ``Text._get_layout`` does."""
    from matplotlib.font_manager import fontManager, get_font

    font = get_font(fontManager._find_fonts_by_props(prop))
    for table_name, linegap_key, ascent_key, descent_key in (
        ("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
        ("hhea", "lineGap", "ascent", "descent"),
    ):
        table = font.get_sfnt_table(table_name)
        if table is None:
            continue
        scale = 1 / font.get_sfnt_table("head")["unitsPerEm"] * prop.get_size_in_points() * dpi / 72
        return table[ascent_key] * scale, -table[descent_key] * scale, table[linegap_key] * scale
    return None, None, None  # matplotlib then measures "lp"


def _axis_formatter(axis: Any, func: Callable[[float], str]) -> None:
    from matplotlib.ticker import FuncFormatter

    axis.set_major_formatter(FuncFormatter(lambda v, _pos: func(v)))


def _tick_decimals(v: float) -> int:
    """As few decimals as a tick value needs (at most 3): 100 -> 0, 2.5 -> 1."""
    return next((d for d in range(3) if abs(v - round(v, d)) < 1e-9), 3)


def _percent_tick(v: float) -> str:
    return fmt.format_percent(v, _tick_decimals(v))


def _rupiah_axis(axis: Any, nbins: int) -> None:
    """Round-number ticks labelled in short rupiah ("Rp 2 M")."""
    from matplotlib.ticker import MaxNLocator

    axis.set_major_locator(MaxNLocator(nbins=nbins, steps=[1, 2, 2.5, 5, 10]))
    _axis_formatter(axis, fmt.format_rupiah_short)


def _is_percent(satuan: object) -> bool:
    return str(satuan).strip().lower() in PERCENT_UNITS


def _slot_pt(ax: Axes, n: int, horizontal: bool) -> float:
    """Rough size, in points, of one of ``n`` category slots (before layout, at matplotlib's default position)."""
    box = ax.get_position()
    fig_w, fig_h = ax.figure.get_size_inches()
    return (box.height * fig_h if horizontal else box.width * fig_w) * 72 / max(n, 1)


def _text_width_pt(texts: Iterable[str], fontsize: float) -> float:
    """Rough width, in points, of the longest single-line text."""
    return max((len(t) for t in texts), default=0) * fontsize * EM_PER_CHAR


def _bars(
    put: Callable[[Artist], Any],
    transform: Transform,
    series: Sequence[tuple[str, Sequence[float], str]],
    label_fmt: Callable[[float], str],
    *,
    slot_pt: float,
    horizontal: bool = False,
    fontsize: float = VALUE_FONTSIZE,
    backdrop: Any = None,
) -> list[Annotation]:
    """Grouped bars, one bar per series in each slot, each with a value label.

    ``series`` holds ``(name, values, colour)``, a value per slot 0, 1, ...; bars
    and labels are made in ``transform``'s coordinates (value and slot) and handed
    to ``put`` (an Axes' or the Figure's ``add_artist``).  A series' bars are one
    collection.  NaN values draw no bar and are labelled ``"-"``.
    Labels on vertical bars turn upright when they are wider than a bar (``slot_pt``
    is the rough size of a slot); labels on horizontal bars shrink when they are
    taller than one.  A ``backdrop`` colour keeps labels readable over lines behind
    them.  Returns the labels.
    """
    from matplotlib.collections import PolyCollection

    n = len(series)
    width = (BAR_SPAN if n > 1 else SINGLE_BAR_SPAN) / n
    bar_pt = slot_pt * width
    columns = [_floats(raw) for _name, raw, _colour in series]
    texts = [[MISSING if math.isnan(v) else label_fmt(v) for v in values] for values in columns]
    rotation = 0.0
    if horizontal:
        fontsize = min(fontsize, max(MIN_FONTSIZE, bar_pt))
    elif _text_width_pt((t for col in texts for t in col), fontsize) > bar_pt:
        rotation = 90.0
    labels: list[Annotation] = []
    for i, ((_name, _raw, colour), values, col_texts) in enumerate(zip(series, columns, texts)):
        bars = []
        for p, (v, text) in enumerate(zip(values, col_texts)):
            c = p + (i - (n - 1) / 2) * width
            end = 0.0 if math.isnan(v) else v
            if end:
                corners = [(0.0, c - width / 2), (end, c - width / 2), (end, c + width / 2), (0.0, c + width / 2)]
                bars.append(corners if horizontal else [(y, x) for x, y in corners])
            turn = 0.0 if text == MISSING else rotation
            labels.append(_value_label(transform, c, end, text, horizontal, turn, fontsize, backdrop))
        put(PolyCollection(bars, facecolors=colour, edgecolors="none", transform=transform))
    for label in labels:
        put(label)
    return labels


def _axes_bars(
    ax: Axes, series: Sequence[tuple[str, Sequence[float], str]], label_fmt: Callable[[float], str], *,
    horizontal: bool = False,
) -> list[Annotation]:
    """:func:`_bars` in ``ax``, one slot per row, labels on the axes' background."""
    slot_pt = _slot_pt(ax, len(series[0][1]), horizontal)
    return _bars(ax.add_artist, ax.transData, series, label_fmt, slot_pt=slot_pt, horizontal=horizontal,
                 backdrop=ax.get_facecolor())


def _value_label(
    transform: Transform,
    center: float,
    end: float,
    text: str,
    horizontal: bool,
    rotation: float,
    fontsize: float,
    backdrop: Any,
) -> Annotation:
    """A label just beyond the end of a bar ending at ``end`` (not yet added anywhere)."""
    from matplotlib.text import Annotation

    sign = -1.0 if end < 0 else 1.0
    if horizontal:
        xy, offset = (end, center), (sign * LABEL_PAD, 0.0)
        ha, va = ("left" if sign > 0 else "right"), "center"
    else:
        xy, offset = (center, end), (0.0, sign * LABEL_PAD)
        ha, va = "center", ("bottom" if sign > 0 else "top")
    box = {"boxstyle": "square,pad=0.05", "facecolor": backdrop, "edgecolor": "none"} if backdrop else None
    return Annotation(
        text,
        xy,
        xycoords=transform,
        xytext=offset,
        textcoords="offset points",
        ha=ha,
        va=va,
        rotation=rotation,
        fontsize=fontsize,
        annotation_clip=False,
        clip_on=False,
        bbox=box,
    )


def _value_limits(values: Iterable[float], *, at_least: float = 0.0) -> tuple[float, float]:
    """Value-axis limits from 0 (or the minimum, if negative) to the maximum."""
    finite = [v for v in _floats(values) if not math.isnan(v)]
    lo = min([0.0, *finite])
    hi = max([at_least, *finite])
    if hi <= lo:
        hi = lo + 1.0
    return lo, hi


class _Panel:
    """A plot area that :func:`_layout` places, with value labels that must stay inside it.

    Every text of a panel keeps its size and its offset from its anchor point, so
    each is measured once (:meth:`extent`) and then only moved.
    """

    def __init__(self, labels: Sequence[Annotation], horizontal: bool) -> None:
        self.labels, self.horizontal = labels, horizontal
        self._offsets: dict[Annotation, Bbox] = {}

    # -- what each kind of panel provides
    def place(self, x0: float, y0: float, width: float, height: float) -> None:
        """Put the plot area at ``(x0, y0)``, ``width`` x ``height`` pixels."""
        raise NotImplementedError

    def box(self) -> Bbox:
        """The plot area, in pixels."""
        raise NotImplementedError

    def limits(self) -> tuple[float, float]:
        """The value axis' limits."""
        raise NotImplementedError

    def stretch(self, hi: float) -> None:
        """Raise the value axis' upper limit to ``hi``."""
        raise NotImplementedError

    def texts(self) -> Sequence[Annotation]:
        """Every text of the panel, value labels included."""
        raise NotImplementedError

    def decorations(self, renderer: Any) -> list[Bbox]:
        """Extents, in pixels, of whatever else surrounds the plot area."""
        return []

    # -- shared
    def extent(self, text: Annotation, renderer: Any) -> Bbox:
        """``text``'s window extent, in pixels: measured once, then moved with its anchor."""
        x, y = text.xycoords.transform(text.xy)
        offset = self._offsets.get(text)
        if offset is None:
            offset = self._offsets[text] = text.get_window_extent(renderer).translated(-x, -y)
        return offset.translated(x, y)

    def fit(self, renderer: Any) -> None:
        """Stretch the value axis so every label beyond a bar end stays inside the plot area.

        Measures how far each label sticks out past its bar end and solves for the
        limit that makes it fit at the plot area's current size.
        """
        i = 0 if self.horizontal else 1
        box = self.box()
        span = box.width if self.horizontal else box.height
        lo, hi = self.limits()
        room = LABEL_ROOM * renderer.points_to_pixels(1.0)
        needed = hi
        for label in self.labels:
            anchor = label.xy[i]
            if anchor < 0:
                continue
            ext = self.extent(label, renderer)
            overhang = (ext.x1 if self.horizontal else ext.y1) - label.xycoords.transform(label.xy)[i] + room
            if overhang < span:  # otherwise it cannot fit whatever the limit
                needed = max(needed, lo + (anchor - lo) * span / (span - overhang))
        if needed > hi:
            self.stretch(needed)

    def reach(self, renderer: Any) -> tuple[float, float, float, float]:
        """How far, in pixels, texts and decorations reach beyond the plot area: left, bottom, right, top."""
        from matplotlib.transforms import Bbox

        box = self.box()
        extents = [self.extent(t, renderer) for t in self.texts()]
        tight = Bbox.union([box, *extents, *self.decorations(renderer)])
        return box.x0 - tight.x0, box.y0 - tight.y0, tight.x1 - box.x1, tight.y1 - box.y1


class _AxesPanel(_Panel):
    """A chart's Axes: category labels, value ticks, a title and headers around it.

    matplotlib's value axis still chooses and formats the ticks (its locator and
    formatter), but is hidden: the panel draws the ticks itself, as two artists and a
    few texts, and redraws them whenever the limits change.  matplotlib's ``Tick``
    objects (five artists each, updated again at every draw) cost more than drawing
    their labels.
    """

    def __init__(self, ax: Axes, labels: Sequence[Annotation], horizontal: bool) -> None:
        from matplotlib.collections import LineCollection
        from matplotlib.lines import TICKDOWN, TICKLEFT, Line2D

        super().__init__(labels, horizontal)
        self.ax = ax
        self.axis = ax.xaxis if horizontal else ax.yaxis
        self.axis.set_visible(False)
        if _background_is_figures(ax):
            ax.patch.set_visible(False)  # painting it would change no pixel; it still clips the bars
        # (value, 0..1 across the axes) for a horizontal chart's x axis, (0..1, value) for a y axis
        self.across = ax.get_xaxis_transform() if horizontal else ax.get_yaxis_transform()
        self.grid = LineCollection([], colors=GRID_GREY, linewidths=GRID_WIDTH, zorder=0.5, transform=self.across)
        self.marks = Line2D([], [], linestyle="none", marker=TICKDOWN if horizontal else TICKLEFT, markersize=TICK_SIZE,
                            markeredgewidth=SPINE_WIDTH, color=SPINE_GREY, clip_on=False, transform=self.across)
        ax.add_collection(self.grid, autolim=False)
        ax.add_line(self.marks)
        self.tick_values: list[float] = []
        self.tick_labels: list[Annotation] = []

    def place(self, x0: float, y0: float, width: float, height: float) -> None:
        fig_w, fig_h = self.ax.figure.bbox.size
        self.ax.set_position((x0 / fig_w, y0 / fig_h, width / fig_w, height / fig_h))

    def box(self) -> Bbox:
        return self.ax.bbox

    def limits(self) -> tuple[float, float]:
        return self.ax.get_xlim() if self.horizontal else self.ax.get_ylim()

    def stretch(self, hi: float) -> None:
        (self.ax.set_xlim if self.horizontal else self.ax.set_ylim)(self.limits()[0], hi)

    def fit(self, renderer: Any) -> None:
        super().fit(renderer)
        self._ticks()

    def _ticks(self) -> None:
        """Grid lines, tick marks and tick labels where the value axis puts its ticks now."""
        lo, hi = self.limits()
        slack = (hi - lo) * 1e-9
        values = [float(v) for v in self.axis.get_majorticklocs() if lo - slack <= v <= hi + slack]
        if values == self.tick_values:
            return
        self.tick_values = values
        names = self.axis.get_major_formatter().format_ticks(values)
        starts = [(v, 0.0) if self.horizontal else (0.0, v) for v in values]  # on the spine
        self.grid.set_segments([(start, (v, 1.0) if self.horizontal else (1.0, v)) for start, v in zip(starts, values)])
        self.marks.set_data([x for x, _y in starts], [y for _x, y in starts])
        for label in self.tick_labels:
            label.remove()
        offset = (0.0, -TICK_SIZE - TICK_PAD) if self.horizontal else (-TICK_SIZE - TICK_PAD, 0.0)
        style = {"ha": "center", "va": "top"} if self.horizontal else {"ha": "right", "va": "center_baseline"}
        self.tick_labels = [
            self.ax.annotate(name, start, xycoords=self.across, xytext=offset, textcoords="offset points",
                             fontsize=TICK_FONTSIZE, annotation_clip=False, **style)
            for start, name in zip(starts, names)
        ]

    def texts(self) -> Sequence[Annotation]:
        return self.ax.texts

    def decorations(self, renderer: Any) -> list[Bbox]:
        return [self.ax.get_tightbbox(renderer, bbox_extra_artists=[])]  # the title


def _background_is_figures(ax: Axes) -> bool:
    """Whether ``ax``'s background is opaque and of the figure's colour.

    An Axes is drawn right after the figure's background (zorder 0; nothing here is lower), so
    painting such a background changes no pixel.
    """
    from matplotlib.colors import to_rgba

    face = to_rgba(ax.patch.get_facecolor())
    return face[3] == 1 and face == to_rgba(ax.figure.patch.get_facecolor())


class _Cell(_Panel):
    """One small-multiple panel, drawn on the figure itself: no Axes, no ticks, no grid.

    Its artists use ``transform`` (x: slot number, y: value) or ``frame`` ((0, 0) to
    (1, 1) across the plot area).  An Axes per panel would cost several times more
    to build, lay out and draw.
    """

    def __init__(self, fig: Figure, slots: int, lo: float, hi: float) -> None:
        from matplotlib.transforms import (
            Bbox,
            BboxTransform,
            BboxTransformTo,
            TransformedBbox,
        )

        super().__init__([], horizontal=False)
        self.figure = fig
        self.area = Bbox.unit()  # the plot area, in figure coordinates
        self.value_limits = Bbox([[-0.5, lo], [slots - 0.5, hi]])
        self.pixels = TransformedBbox(self.area, fig.transFigure)
        self.transform = BboxTransform(self.value_limits, self.pixels)
        self.frame = BboxTransformTo(self.pixels)
        self._texts: list[Annotation] = []

    def add(self, artist: Artist) -> None:
        """Put ``artist`` on the figure as part of this panel."""
        from matplotlib.text import Annotation

        self.figure.add_artist(artist)
        if isinstance(artist, Annotation):
            self._texts.append(artist)

    def text(self, text: str, xy: tuple[float, float], xycoords: Transform, offset: tuple[float, float],
             **style: Any) -> None:
        """A text ``offset`` points from ``xy``."""
        from matplotlib.text import Annotation

        self.add(Annotation(text, xy, xycoords=xycoords, xytext=offset, textcoords="offset points",
                            annotation_clip=False, **style))

    def place(self, x0: float, y0: float, width: float, height: float) -> None:
        fig_w, fig_h = self.figure.bbox.size
        self.area.bounds = (x0 / fig_w, y0 / fig_h, width / fig_w, height / fig_h)

    def box(self) -> Bbox:
        return self.pixels

    def limits(self) -> tuple[float, float]:
        lo, hi = self.value_limits.intervaly
        return lo, hi

    def stretch(self, hi: float) -> None:
        self.value_limits.y1 = hi

    def texts(self) -> Sequence[Annotation]:
        return self._texts


def _layout(fig: Figure, panels: Sequence[_Panel], ncols: int = 1, legend: _Legend | None = None) -> None:
    """Place ``panels`` on a grid of ``ncols`` columns, row by row, and fit their value labels.

    As constrained layout does: all plot areas get one size, and each column (row) keeps
    room beside (above, below) its plot areas for the widest (tallest) decorations of its
    panels: tick labels, titles, headers.  Each pass places the panels, stretches their
    value limits so the value labels fit, and measures how far the decorations reach; the
    margins grow until nothing reaches further than they allow, usually after two passes.
    The ``legend``, if any, sits below, centred.  Nothing is drawn, and the figure needs no
    layout engine.
    """
    renderer = fig.canvas.get_renderer()
    px = renderer.points_to_pixels(1.0)
    width, height = fig.bbox.size
    pad = PAD * px
    bottom = pad + (legend.place(renderer) if legend else 0.0)
    nrows = math.ceil(len(panels) / ncols)
    gap_x, gap_y = PANEL_GAP[0] * px, PANEL_GAP[1] * px
    # room in pixels: left and right of each column, below and above each row
    room = {"left": [0.0] * ncols, "right": [0.0] * ncols, "below": [0.0] * nrows, "above": [0.0] * nrows}

    def place() -> dict[str, list[float]]:
        """Place and fit every panel in the current ``room``; how much room each needs."""
        left, right, below, above = room["left"], room["right"], room["below"], room["above"]
        w = max((width - 2 * pad - (ncols - 1) * gap_x - sum(left) - sum(right)) / ncols, 1.0)
        h = max((height - pad - bottom - (nrows - 1) * gap_y - sum(below) - sum(above)) / nrows, 1.0)
        need: dict[str, list[float]] = {side: [0.0] * len(sizes) for side, sizes in room.items()}
        for k, panel in enumerate(panels):
            row, col = divmod(k, ncols)
            x0 = pad + sum(left[:col]) + sum(right[:col]) + col * (w + gap_x) + left[col]
            y0 = height - pad - sum(above[: row + 1]) - sum(below[:row]) - row * (h + gap_y) - h
            panel.place(x0, y0, w, h)
            panel.fit(renderer)
            reach = dict(zip(("left", "below", "right", "above"), panel.reach(renderer)))
            for side, value in reach.items():
                i = col if side in ("left", "right") else row
                need[side][i] = max(need[side][i], value)
        return need

    for _ in range(LAYOUT_PASSES):
        need = place()
        if all(n <= r + 0.5 for side in room for n, r in zip(need[side], room[side])):
            return
        room = {side: [max(n, r) for n, r in zip(need[side], room[side])] for side in room}
    place()


def _group_headers(ax: Axes, texts: Sequence[str], color: str) -> None:
    """Bold text centred above each category slot, just above the plot area."""
    for i, text in enumerate(texts):
        ax.annotate(
            text,
            (i, 1.0),
            xycoords=ax.get_xaxis_transform(),
            xytext=(0, 4),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=TICK_FONTSIZE,
            fontweight="bold",
            color=color,
            annotation_clip=False,
        )


class _Legend:
    """The figure's legend: a swatch and a name per series, in one row centred at the bottom.

    Plain artists placed once by :func:`_layout`: matplotlib's ``Legend`` packs its
    offset boxes again at every draw, which costs more than drawing its texts.
    ``line`` is an optional ``(name, colour)`` dashed reference line, shown first.
    """

    def __init__(self, fig: Figure, entries: Sequence[tuple[str, str]], line: tuple[str, str] | None = None) -> None:
        from matplotlib.lines import Line2D
        from matplotlib.patches import Rectangle

        self.figure = fig
        keys: list[Artist] = [Rectangle((0, 0), 0, 0, facecolor=colour, edgecolor="none") for _name, colour in entries]
        names = [name for name, _colour in entries]
        if line:
            keys.insert(0, Line2D([], [], color=line[1], linestyle="--", linewidth=1.0))
            names.insert(0, line[0])
        self.keys = [fig.add_artist(key) for key in keys]
        self.names = [fig.text(0, 0, name, fontsize=LEGEND_FONTSIZE, va="baseline") for name in names]

    def place(self, renderer: Any) -> float:
        """Lay the row out (as matplotlib's legend would); returns its top, in pixels."""
        from matplotlib.patches import Rectangle

        em = renderer.points_to_pixels(LEGEND_FONTSIZE)
        fig_w, fig_h = self.figure.bbox.size
        extents = [name.get_window_extent(renderer) for name in self.names]
        width = sum(LEGEND_KEY[0] * em + LEGEND_KEY[2] * em + e.width for e in extents)
        width += LEGEND_KEY[3] * em * (len(extents) - 1)
        descent = max(name.get_position()[1] * fig_h - e.y0 for name, e in zip(self.names, extents))
        baseline = LEGEND_BOTTOM * em + descent
        w, h = LEGEND_KEY[0] * em, LEGEND_KEY[1] * em
        x = (fig_w - width) / 2
        for key, name, extent in zip(self.keys, self.names, extents):
            if isinstance(key, Rectangle):
                key.set_bounds(x / fig_w, baseline / fig_h, w / fig_w, h / fig_h)
            else:
                key.set_data([x / fig_w, (x + w) / fig_w], [(baseline + h / 2) / fig_h] * 2)
            x += w + LEGEND_KEY[2] * em
            name.set_position((x / fig_w, baseline / fig_h))
            x += extent.width + LEGEND_KEY[3] * em
        return max(name.get_window_extent(renderer).y1 for name in self.names)


def _category_axis(ax: Axes, labels: Sequence[str], *, horizontal: bool, width: int = WRAP_WIDTH) -> None:
    """Wrapped category labels beside (horizontal) or below each slot; no ticks or grid lines.

    The labels are plain texts placed as tick labels would be: the axis' own tick
    machinery would cost more than drawing the labels.
    """
    n = len(labels)
    wrapped = [wrap_label(t, width) for t in labels]
    if horizontal:  # shrink the labels when many rows of wrapped text must fit
        lines = max(w.count("\n") + 1 for w in wrapped)
        fontsize = min(TICK_FONTSIZE, max(MIN_FONTSIZE, _slot_pt(ax, n, True) / (lines * 1.2)))
        ax.set_ylim(n - 0.5, -0.5)  # first row on top
        axis, where, offset = ax.yaxis, ax.get_yaxis_transform(), (-TICK_PAD, 0.0)
        style = {"ha": "right", "va": "center_baseline", "fontsize": fontsize}
    else:
        ax.set_xlim(-0.5, n - 0.5)
        axis, where, offset = ax.xaxis, ax.get_xaxis_transform(), (0.0, -TICK_PAD)
        style = {"ha": "center", "va": "top", "fontsize": TICK_FONTSIZE}
    axis.set_visible(False)
    for i, text in enumerate(wrapped):
        xy = (0.0, i) if horizontal else (i, 0.0)
        ax.annotate(text, xy, xycoords=where, xytext=offset, textcoords="offset points", annotation_clip=False, **style)


# --------------------------------------------------------------------------
# 1. Capaian per semester
# --------------------------------------------------------------------------
def capaian_semester_figure(
    df: Table,
    *,
    palette: dict[str, str],
    title: str | None = None,
    size: tuple[float, float] = DEFAULT_SIZE,
) -> Figure:
    """Horizontal grouped bars of capaian (%) per indicator, Semester I vs II."""
    df = _columns(df, ("label", "capaian_s1", "capaian_s2"), "capaian_semester_chart")
    colors = _colors(palette)
    series = [("Semester I", df["capaian_s1"], colors["accent1"]), ("Semester II", df["capaian_s2"], colors["accent2"])]
    with chart_context(palette):
        fig = _new_figure(size)
        ax = fig.add_subplot()
        labels = _axes_bars(ax, series, fmt.format_percent, horizontal=True)
        ax.axvline(100, color=colors["dk1"], linestyle="--", linewidth=1.0, zorder=2.5)
        _category_axis(ax, list(df["label"]), horizontal=True)
        ax.set_xlim(*_value_limits([*series[0][1], *series[1][1]], at_least=100.0))
        _axis_formatter(ax.xaxis, _percent_tick)
        if title:
            ax.set_title(wrap_label(title, 80))
        legend = _Legend(fig, [(name, colour) for name, _values, colour in series], line=("Target 100%", colors["dk1"]))
        _layout(fig, [_AxesPanel(ax, labels, True)], legend=legend)
    return fig


def capaian_semester_chart(
    df: Table,
    *,
    out_path: Path,
    palette: dict[str, str],
    title: str | None = None,
    size: tuple[float, float] = DEFAULT_SIZE,
) -> Path:
    """Write :func:`capaian_semester_figure` to ``out_path`` (PNG)."""
    with _gc_paused():
        return _write(capaian_semester_figure(df, palette=palette, title=title, size=size), out_path, palette)


# --------------------------------------------------------------------------
# 2. Target vs realisasi per indicator (small multiples)
# --------------------------------------------------------------------------
def target_realisasi_figure(
    df: Table,
    *,
    palette: dict[str, str],
    size: tuple[float, float] = DEFAULT_SIZE,
) -> Figure:
    """One small panel per indicator: target vs realisasi for each year.

    The panels are drawn straight on the figure (see :class:`_Cell`); the figure has no Axes.
    """
    df = _columns(df, ("label", "satuan", "tahun", "target", "realisasi"), "target_realisasi_chart")
    colors = _colors(palette)
    years = sorted({int(y) for y in df["tahun"]})
    groups: dict[Any, dict[str, list[Any]]] = {}  # indicator -> its rows, in order of first appearance
    for i, label in enumerate(df["label"]):
        rows = groups.setdefault(label, {c: [] for c in df})
        for c in df:
            rows[c].append(df[c][i])
    groups = list(groups.items())
    ncols = min(4, len(groups))
    crowded = ncols >= 3  # smaller titles and labels in narrow panels
    slot_pt = size[0] * 72 * 0.8 / ncols / len(years)  # rough, before layout
    names = (("Target", colors["accent1"]), ("Realisasi", colors["accent2"]))
    with chart_context(palette):
        fig = _new_figure(size)
        cells = [_indicator_panel(fig, label, rows, years, names, colors, crowded, slot_pt) for label, rows in groups]
        _layout(fig, cells, ncols, legend=_Legend(fig, names))
    return fig


def _indicator_panel(
    fig: Figure,
    label: object,
    rows: dict[str, list[Any]],
    years: list[int],
    names: Sequence[tuple[str, str]],
    colors: dict[str, str],
    crowded: bool,
    slot_pt: float,
) -> _Cell:
    """One indicator's panel: its title, target/realisasi bars per year, the years below.

    Every bar carries its value, so the panel has no value axis (no ticks, no grid):
    just the bars on a baseline, scaled to the panel's own maximum.
    """
    from matplotlib.lines import Line2D
    from matplotlib.transforms import blended_transform_factory

    by_year = {int(y): {"target": t, "realisasi": r} for y, t, r in zip(rows["tahun"], rows["target"], rows["realisasi"])}
    by_year = {c: [by_year.get(y, {}).get(c) for y in years] for c in ("target", "realisasi")}
    percent = _is_percent(rows["satuan"][0])
    # a score or a count prints as the tables print it: "80", "86,50", "7" (unit in the title)
    label_fmt = fmt.format_percent if percent else (lambda v: fmt.format_value(v, "nilai"))
    series = [(name, by_year[column], colour) for (name, colour), column in zip(names, ("target", "realisasi"))]
    cell = _Cell(fig, len(years), *_value_limits([*series[0][1], *series[1][1]]))
    small = VALUE_FONTSIZE - (1.0 if crowded else 0.0)
    cell.labels = _bars(cell.add, cell.transform, series, label_fmt, slot_pt=slot_pt, fontsize=small)
    baseline = Line2D([-0.5, len(years) - 0.5], [0.0, 0.0], transform=cell.transform, color=SPINE_GREY,
                      linewidth=SPINE_WIDTH)
    cell.add(baseline)
    below = blended_transform_factory(cell.transform, cell.frame)  # x: slot, y: 0 at the plot's bottom
    for i, year in enumerate(years):
        cell.text(str(year), (i, 0.0), below, (0.0, -TICK_PAD), ha="center", va="top", fontsize=TICK_FONTSIZE)
    title = wrap_label(label, 24 if crowded else WRAP_WIDTH)
    cell.text(title, (0.0, 1.0), cell.frame, (0.0, TITLE_PAD), ha="left", va="baseline", color=colors["dk2"],
              fontsize=8.0 if crowded else 9.0, fontweight="bold")
    return cell


def target_realisasi_chart(
    df: Table,
    *,
    out_path: Path,
    palette: dict[str, str],
    size: tuple[float, float] = DEFAULT_SIZE,
) -> Path:
    """Write :func:`target_realisasi_figure` to ``out_path`` (PNG)."""
    with _gc_paused():
        return _write(target_realisasi_figure(df, palette=palette, size=size), out_path, palette)


# --------------------------------------------------------------------------
# 3. Anggaran per program
# --------------------------------------------------------------------------
def anggaran_program_figure(
    df: Table,
    *,
    palette: dict[str, str],
    size: tuple[float, float] = DEFAULT_SIZE,
) -> Figure:
    """Horizontal bars of the budget per program, in the order given."""
    df = _columns(df, ("label", "anggaran"), "anggaran_program_chart")
    colors = _colors(palette)
    with chart_context(palette):
        fig = _new_figure(size)
        ax = fig.add_subplot()
        series = [("Anggaran", df["anggaran"], colors["accent1"])]
        labels = _axes_bars(ax, series, fmt.format_rupiah_short, horizontal=True)
        _category_axis(ax, list(df["label"]), horizontal=True)
        ax.set_xlim(*_value_limits(df["anggaran"]))
        _rupiah_axis(ax.xaxis, nbins=4)
        _layout(fig, [_AxesPanel(ax, labels, True)])
    return fig


def anggaran_program_chart(
    df: Table,
    *,
    out_path: Path,
    palette: dict[str, str],
    size: tuple[float, float] = DEFAULT_SIZE,
) -> Path:
    """Write :func:`anggaran_program_figure` to ``out_path`` (PNG)."""
    with _gc_paused():
        return _write(anggaran_program_figure(df, palette=palette, size=size), out_path, palette)


# --------------------------------------------------------------------------
# 4. Anggaran vs realisasi per sasaran, with capaian
# --------------------------------------------------------------------------
def anggaran_realisasi_figure(
    df: Table,
    *,
    palette: dict[str, str],
    size: tuple[float, float] = DEFAULT_SIZE,
) -> Figure:
    """Grouped bars anggaran vs realisasi per sasaran; capaian (%) above each group."""
    df = _columns(df, ("label", "anggaran", "realisasi", "capaian"), "anggaran_realisasi_chart")
    colors = _colors(palette)
    n = len(df["label"])
    series = [("Anggaran", df["anggaran"], colors["accent1"]), ("Realisasi", df["realisasi"], colors["accent2"])]
    # wrap so that a label is about as wide as its slot (~3.6 pt per character)
    wrap = max(10, min(WRAP_WIDTH, int(size[0] * 72 * 0.85 / n / 3.6)))
    sep = " " if wrap >= len("Capaian 100,00%") else "\n"
    headers = [f"Capaian{sep}{fmt.format_percent(v) if not math.isnan(v) else MISSING}" for v in _floats(df["capaian"])]
    with chart_context(palette):
        fig = _new_figure(size)
        ax = fig.add_subplot()
        labels = _axes_bars(ax, series, fmt.format_rupiah_short)
        _category_axis(ax, list(df["label"]), horizontal=False, width=wrap)
        ax.set_ylim(*_value_limits([*series[0][1], *series[1][1]]))
        _rupiah_axis(ax.yaxis, nbins=5)
        _group_headers(ax, headers, color=colors["dk2"])
        legend = _Legend(fig, [(name, colour) for name, _values, colour in series])
        _layout(fig, [_AxesPanel(ax, labels, False)], legend=legend)
    return fig


def anggaran_realisasi_chart(
    df: Table,
    *,
    out_path: Path,
    palette: dict[str, str],
    size: tuple[float, float] = DEFAULT_SIZE,
) -> Path:
    """Write :func:`anggaran_realisasi_figure` to ``out_path`` (PNG)."""
    with _gc_paused():
        return _write(anggaran_realisasi_figure(df, palette=palette, size=size), out_path, palette)
