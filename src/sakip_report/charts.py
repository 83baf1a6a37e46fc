"""Chart images (PNG) for the SAKIP deck.

Plain data in (pandas DataFrames + the deck's theme palette), PNG files out.
This module deliberately knows nothing about python-pptx.

matplotlib is imported lazily, inside the functions, and only through its
object API (``Figure`` + ``FigureCanvasAgg``; never pyplot).  Every figure is
built and saved inside a private ``rc_context`` that starts from matplotlib's
defaults and applies :func:`chart_style`, so output does not depend on the
user's matplotlibrc and two runs give byte-identical PNGs (fixed size, fixed
DPI, no timestamp in the PNG metadata).

For each chart there is a ``*_figure`` function that builds and returns the
``Figure`` (useful for inspecting text artists in tests) and a ``*_chart``
function that builds it and writes the PNG, returning the path written.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sakip_report import formatting as fmt

if TYPE_CHECKING:  # pragma: no cover - typing only
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Annotation

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

DPI = 200
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
SPINE_GREY = "#A6A6A6"

TICK_FONTSIZE = 8.0
VALUE_FONTSIZE = 7.0  # value labels on bars
MIN_FONTSIZE = 5.0
EM_PER_CHAR = 0.52  # average Carlito glyph width (digits, lower case) in em
LABEL_PAD = 3.0  # points between a bar end and its value label
BAR_SPAN = 0.8  # share of a category slot taken by its group of bars
SINGLE_BAR_SPAN = 0.6  # ... or by a lone bar
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
        "axes.titlepad": 6.0,
        "axes.labelsize": 8.5,
        "axes.labelcolor": ink,
        "axes.edgecolor": SPINE_GREY,
        "axes.linewidth": 0.8,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "axes.axisbelow": True,
        "axes.prop_cycle": cycler(color=[c[k] for k in ACCENTS if k in c]),
        "axes.facecolor": c["lt1"],
        "axes.unicode_minus": False,
        "grid.color": GRID_GREY,
        "grid.linewidth": 0.6,
        "grid.linestyle": "-",
        "xtick.labelsize": TICK_FONTSIZE,
        "ytick.labelsize": TICK_FONTSIZE,
        "xtick.color": SPINE_GREY,
        "ytick.color": SPINE_GREY,
        "xtick.labelcolor": ink,
        "ytick.labelcolor": ink,
        "legend.fontsize": 8.0,
        "legend.frameon": False,
        "text.color": ink,
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
    """Private, deterministic rcParams: matplotlib defaults + :func:`chart_style`."""
    import matplotlib

    _register_fonts()
    with matplotlib.rc_context():
        matplotlib.rcdefaults()
        matplotlib.rcParams.update(chart_style(palette))
        yield


def save_figure(fig: Figure, out_path: Path, palette: dict[str, str] | None) -> Path:
    """Write ``fig`` as a PNG (no timestamp metadata) and return the path."""
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    with chart_context(palette):
        fig.savefig(out_path, format="png", dpi=DPI, metadata={"Software": None})
    return out_path


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


def _require(df: pd.DataFrame, columns: Sequence[str], chart: str) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"{chart}: missing column(s) {', '.join(missing)}")
    if df.empty:
        raise ValueError(f"{chart}: no rows to plot")


def _new_figure(size: tuple[float, float]) -> Figure:
    """A constrained-layout Figure with its own Agg canvas (call in chart_context)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=tuple(size), dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _axis_formatter(axis: Any, func: Callable[[float], str]) -> None:
    from matplotlib.ticker import FuncFormatter

    axis.set_major_formatter(FuncFormatter(lambda v, _pos: func(v)))


def _tick_decimals(v: float) -> int:
    """As few decimals as a tick value needs (at most 3): 100 -> 0, 2.5 -> 1."""
    return next((d for d in range(3) if abs(v - round(v, d)) < 1e-9), 3)


def _percent_tick(v: float) -> str:
    return fmt.format_percent(v, _tick_decimals(v))


def _number_tick(v: float) -> str:
    return fmt.format_number(v, _tick_decimals(v))


def _rupiah_axis(axis: Any, nbins: int) -> None:
    """Round-number ticks labelled in short rupiah ("Rp 2 M")."""
    from matplotlib.ticker import MaxNLocator

    axis.set_major_locator(MaxNLocator(nbins=nbins, steps=[1, 2, 2.5, 5, 10]))
    _axis_formatter(axis, fmt.format_rupiah_short)


def _is_percent(satuan: object) -> bool:
    return str(satuan).strip().lower() in PERCENT_UNITS


def _slot_pt(ax: Axes, n: int, horizontal: bool) -> float:
    """Rough size, in points, of one of ``n`` category slots (before layout)."""
    box = ax.get_position()
    fig_w, fig_h = ax.figure.get_size_inches()
    return (box.height * fig_h if horizontal else box.width * fig_w) * 72 / max(n, 1)


def _text_width_pt(texts: Iterable[str], fontsize: float) -> float:
    """Rough width, in points, of the longest single-line text."""
    return max((len(t) for t in texts), default=0) * fontsize * EM_PER_CHAR


def _bars(
    ax: Axes,
    positions: Sequence[float],
    series: Sequence[tuple[str, Sequence[float]]],
    label_fmt: Callable[[float], str],
    *,
    horizontal: bool = False,
    fontsize: float = VALUE_FONTSIZE,
) -> list[Annotation]:
    """Grouped bars, one bar per series in each slot, each with a value label.

    NaN values draw no bar and are labelled ``"-"``.  Labels on vertical bars
    turn upright when they are wider than a bar; labels on horizontal bars
    shrink when they are taller than one.  Returns the labels.
    """
    n = len(series)
    width = (BAR_SPAN if n > 1 else SINGLE_BAR_SPAN) / n
    bar_pt = _slot_pt(ax, len(positions), horizontal) * width
    columns = [_floats(raw) for _name, raw in series]
    texts = [[MISSING if math.isnan(v) else label_fmt(v) for v in values] for values in columns]
    rotation = 0.0
    if horizontal:
        fontsize = min(fontsize, max(MIN_FONTSIZE, bar_pt))
    elif _text_width_pt((t for col in texts for t in col), fontsize) > bar_pt:
        rotation = 90.0
    labels: list[Annotation] = []
    for i, ((name, _raw), values, col_texts) in enumerate(zip(series, columns, texts)):
        heights = [0.0 if math.isnan(v) else v for v in values]
        centers = [p + (i - (n - 1) / 2) * width for p in positions]
        if horizontal:
            ax.barh(centers, heights, height=width, label=name)
        else:
            ax.bar(centers, heights, width=width, label=name)
        for c, h, text in zip(centers, heights, col_texts):
            turn = 0.0 if text == MISSING else rotation
            labels.append(_value_label(ax, c, h, text, horizontal, turn, fontsize))
    return labels


def _value_label(
    ax: Axes, center: float, end: float, text: str, horizontal: bool, rotation: float, fontsize: float
) -> Annotation:
    """Annotate a bar ending at ``end`` just beyond its end."""
    sign = -1.0 if end < 0 else 1.0
    if horizontal:
        xy, offset = (end, center), (sign * LABEL_PAD, 0.0)
        ha, va = ("left" if sign > 0 else "right"), "center"
    else:
        xy, offset = (center, end), (0.0, sign * LABEL_PAD)
        ha, va = "center", ("bottom" if sign > 0 else "top")
    return ax.annotate(
        text,
        xy,
        xytext=offset,
        textcoords="offset points",
        ha=ha,
        va=va,
        rotation=rotation,
        fontsize=fontsize,
        annotation_clip=False,
        # keep the label readable where it crosses a grid or reference line
        bbox={"boxstyle": "square,pad=0.05", "facecolor": ax.get_facecolor(), "edgecolor": "none"},
    )


def _value_limits(values: Iterable[float], *, at_least: float = 0.0) -> tuple[float, float]:
    """Value-axis limits from 0 (or the minimum, if negative) to the maximum."""
    finite = [v for v in _floats(values) if not math.isnan(v)]
    lo = min([0.0, *finite])
    hi = max([at_least, *finite])
    if hi <= lo:
        hi = lo + 1.0
    return lo, hi


def _fit_labels(fig: Figure, panels: Sequence[tuple[Axes, Sequence[Annotation], bool]]) -> None:
    """Stretch value axes so every label beyond a bar end stays inside its axes.

    ``panels`` holds ``(axes, value labels, horizontal)``.  One layout pass
    (no drawing) places the axes; then we measure how far each label sticks
    out past its bar end and solve for the axis limit that makes it fit.
    """
    fig.get_layout_engine().execute(fig)
    renderer = fig.canvas.get_renderer()
    for ax, labels, horizontal in panels:
        i = 0 if horizontal else 1
        box = ax.get_window_extent(renderer)
        span_px = box.width if horizontal else box.height
        lo, hi = ax.get_xlim() if horizontal else ax.get_ylim()
        needed = hi
        for label in labels:
            anchor = label.xy[i]
            if anchor < 0:
                continue
            ext = label.get_window_extent(renderer)
            anchor_px = ax.transData.transform(label.xy)[i]
            overhang = (ext.x1 if horizontal else ext.y1) - anchor_px + 4.0  # + breathing room
            if overhang < span_px:  # otherwise it cannot fit whatever the limit
                needed = max(needed, lo + (anchor - lo) * span_px / (span_px - overhang))
        if needed > hi:
            (ax.set_xlim if horizontal else ax.set_ylim)(lo, needed)


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


def _legend(fig: Figure, ax: Axes, ncols: int | None = None) -> None:
    handles, names = ax.get_legend_handles_labels()
    fig.legend(handles, names, loc="outside lower center", ncols=ncols or len(names))


def _category_axis(ax: Axes, labels: Sequence[str], *, horizontal: bool, width: int = WRAP_WIDTH) -> None:
    """Category ticks with wrapped labels; no grid lines along categories."""
    ticks = list(range(len(labels)))
    wrapped = [wrap_label(t, width) for t in labels]
    if horizontal:  # shrink the labels when many rows of wrapped text must fit
        lines = max(w.count("\n") + 1 for w in wrapped)
        fontsize = min(TICK_FONTSIZE, max(MIN_FONTSIZE, _slot_pt(ax, len(labels), True) / (lines * 1.2)))
        ax.set_yticks(ticks, wrapped, fontsize=fontsize)
        ax.set_ylim(len(labels) - 0.5, -0.5)  # first row on top
        ax.grid(False, axis="y")
        ax.tick_params(axis="y", length=0)
    else:
        ax.set_xticks(ticks, wrapped)
        ax.set_xlim(-0.5, len(labels) - 0.5)
        ax.grid(False, axis="x")
        ax.tick_params(axis="x", length=0)


# --------------------------------------------------------------------------
# 1. Capaian per semester
# --------------------------------------------------------------------------
def capaian_semester_figure(
    df: pd.DataFrame,
    *,
    palette: dict[str, str],
    title: str | None = None,
    size: tuple[float, float] = DEFAULT_SIZE,
) -> Figure:
    """Horizontal grouped bars of capaian (%) per indicator, Semester I vs II."""
    _require(df, ("label", "capaian_s1", "capaian_s2"), "capaian_semester_chart")
    colors = _colors(palette)
    series = [("Semester I", df["capaian_s1"]), ("Semester II", df["capaian_s2"])]
    with chart_context(palette):
        fig = _new_figure(size)
        ax = fig.add_subplot()
        labels = _bars(ax, range(len(df)), series, fmt.format_percent, horizontal=True)
        ax.axvline(100, color=colors["dk1"], linestyle="--", linewidth=1.0, label="Target 100%", zorder=2.5)
        _category_axis(ax, list(df["label"]), horizontal=True)
        ax.set_xlim(*_value_limits([*series[0][1], *series[1][1]], at_least=100.0))
        _axis_formatter(ax.xaxis, _percent_tick)
        if title:
            ax.set_title(wrap_label(title, 80))
        _legend(fig, ax)
        _fit_labels(fig, [(ax, labels, True)])
    return fig


def capaian_semester_chart(
    df: pd.DataFrame,
    *,
    out_path: Path,
    palette: dict[str, str],
    title: str | None = None,
    size: tuple[float, float] = DEFAULT_SIZE,
) -> Path:
    """Write :func:`capaian_semester_figure` to ``out_path`` (PNG)."""
    fig = capaian_semester_figure(df, palette=palette, title=title, size=size)
    return save_figure(fig, out_path, palette)


# --------------------------------------------------------------------------
# 2. Target vs realisasi per indicator (small multiples)
# --------------------------------------------------------------------------
def target_realisasi_figure(
    df: pd.DataFrame,
    *,
    palette: dict[str, str],
    size: tuple[float, float] = DEFAULT_SIZE,
) -> Figure:
    """One small panel per indicator: target vs realisasi for each year."""
    _require(df, ("label", "satuan", "tahun", "target", "realisasi"), "target_realisasi_chart")
    years = sorted({int(y) for y in df["tahun"]})
    groups = list(df.groupby("label", sort=False))
    ncols = min(4, len(groups))
    nrows = math.ceil(len(groups) / ncols)
    crowded = ncols >= 3  # smaller titles and ticks in narrow panels
    with chart_context(palette):
        fig = _new_figure(size)
        grid = fig.add_gridspec(nrows, ncols)
        panels = []
        for k, (label, rows) in enumerate(groups):
            ax = fig.add_subplot(grid[k // ncols, k % ncols])
            panels.append((ax, _indicator_panel(ax, label, rows, years, crowded), False))
        _legend(fig, panels[0][0])
        _fit_labels(fig, panels)
    return fig


def _indicator_panel(ax: Axes, label: object, rows: pd.DataFrame, years: list[int], crowded: bool) -> list[Annotation]:
    """Draw one indicator's target/realisasi bars; return the value labels."""
    by_year = rows.assign(tahun=rows["tahun"].astype(int)).set_index("tahun").reindex(years)
    percent = _is_percent(rows["satuan"].iloc[0])
    # a score or a count prints as the tables print it: "80", "86,50", "7" (unit in the title)
    label_fmt = fmt.format_percent if percent else (lambda v: fmt.format_value(v, "nilai"))
    series = [("Target", by_year["target"]), ("Realisasi", by_year["realisasi"])]
    small = VALUE_FONTSIZE - (1.0 if crowded else 0.0)
    labels = _bars(ax, range(len(years)), series, label_fmt, fontsize=small)
    _category_axis(ax, [str(y) for y in years], horizontal=False)
    ax.set_ylim(*_value_limits([*series[0][1], *series[1][1]]))
    _axis_formatter(ax.yaxis, _percent_tick if percent else _number_tick)
    ax.tick_params(axis="y", labelsize=small)
    ax.set_title(wrap_label(label, 24 if crowded else WRAP_WIDTH), fontsize=8.0 if crowded else 9.0)
    return labels


def target_realisasi_chart(
    df: pd.DataFrame,
    *,
    out_path: Path,
    palette: dict[str, str],
    size: tuple[float, float] = DEFAULT_SIZE,
) -> Path:
    """Write :func:`target_realisasi_figure` to ``out_path`` (PNG)."""
    return save_figure(target_realisasi_figure(df, palette=palette, size=size), out_path, palette)


# --------------------------------------------------------------------------
# 3. Anggaran per program
# --------------------------------------------------------------------------
def anggaran_program_figure(
    df: pd.DataFrame,
    *,
    palette: dict[str, str],
    size: tuple[float, float] = DEFAULT_SIZE,
) -> Figure:
    """Horizontal bars of the budget per program, in the order given."""
    _require(df, ("label", "anggaran"), "anggaran_program_chart")
    with chart_context(palette):
        fig = _new_figure(size)
        ax = fig.add_subplot()
        labels = _bars(ax, range(len(df)), [("Anggaran", df["anggaran"])], fmt.format_rupiah_short, horizontal=True)
        _category_axis(ax, list(df["label"]), horizontal=True)
        ax.set_xlim(*_value_limits(df["anggaran"]))
        _rupiah_axis(ax.xaxis, nbins=4)
        _fit_labels(fig, [(ax, labels, True)])
    return fig


def anggaran_program_chart(
    df: pd.DataFrame,
    *,
    out_path: Path,
    palette: dict[str, str],
    size: tuple[float, float] = DEFAULT_SIZE,
) -> Path:
    """Write :func:`anggaran_program_figure` to ``out_path`` (PNG)."""
    return save_figure(anggaran_program_figure(df, palette=palette, size=size), out_path, palette)


# --------------------------------------------------------------------------
# 4. Anggaran vs realisasi per sasaran, with capaian
# --------------------------------------------------------------------------
def anggaran_realisasi_figure(
    df: pd.DataFrame,
    *,
    palette: dict[str, str],
    size: tuple[float, float] = DEFAULT_SIZE,
) -> Figure:
    """Grouped bars anggaran vs realisasi per sasaran; capaian (%) above each group."""
    _require(df, ("label", "anggaran", "realisasi", "capaian"), "anggaran_realisasi_chart")
    colors = _colors(palette)
    n = len(df)
    series = [("Anggaran", df["anggaran"]), ("Realisasi", df["realisasi"])]
    # wrap so that a label is about as wide as its slot (~3.6 pt per character)
    wrap = max(10, min(WRAP_WIDTH, int(size[0] * 72 * 0.85 / n / 3.6)))
    sep = " " if wrap >= len("Capaian 100,00%") else "\n"
    headers = [f"Capaian{sep}{fmt.format_percent(v) if not math.isnan(v) else MISSING}" for v in _floats(df["capaian"])]
    with chart_context(palette):
        fig = _new_figure(size)
        ax = fig.add_subplot()
        labels = _bars(ax, range(n), series, fmt.format_rupiah_short)
        _category_axis(ax, list(df["label"]), horizontal=False, width=wrap)
        ax.set_ylim(*_value_limits([*series[0][1], *series[1][1]]))
        _rupiah_axis(ax.yaxis, nbins=5)
        _group_headers(ax, headers, color=colors["dk2"])
        _legend(fig, ax)
        _fit_labels(fig, [(ax, labels, False)])
    return fig


def anggaran_realisasi_chart(
    df: pd.DataFrame,
    *,
    out_path: Path,
    palette: dict[str, str],
    size: tuple[float, float] = DEFAULT_SIZE,
) -> Path:
    """Write :func:`anggaran_realisasi_figure` to ``out_path`` (PNG)."""
    return save_figure(anggaran_realisasi_figure(df, palette=palette, size=size), out_path, palette)
