"""Tests for sakip_report.charts (chart PNGs for the deck).

Image comparison
    Each chart is rendered from the small fixed DataFrames below and compared
    with a baseline PNG in ``tests/baseline/charts/`` using
    ``matplotlib.testing.compare.compare_images`` (RMS tolerance ``TOL``).
    On a mismatch the diff image is left next to the rendered file in pytest's
    tmp directory.

Refreshing the baselines
    After an intended visual change, rewrite the baselines with::

        REFRESH_BASELINES=1 .venv/bin/pytest tests/test_charts.py

    then look at every PNG in tests/baseline/charts/ before committing them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest

from sakip_report import charts

BASELINE_DIR = Path(__file__).parent / "baseline" / "charts"
REFRESH = os.environ.get("REFRESH_BASELINES") == "1"
TOL = 2.0
NAN = float("nan")

PALETTE = {
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

CAPAIAN = pd.DataFrame(
    {
        "label": [
            "Indeks Kepuasan Masyarakat terhadap pelayanan perizinan",
            "Persentase capaian kinerja program",
            "Nilai SAKIP perangkat daerah",
            "Persentase realisasi anggaran belanja langsung",
            "Indeks reformasi birokrasi",
        ],
        "capaian_s1": [94.87, 101.5, NAN, 45.2, 88.0],
        "capaian_s2": [99.12, 120.33, 86.5, NAN, 102.0],
    }
)

_INDIKATOR = [
    ("Indeks Kepuasan Masyarakat", "%", 80.0, 83.2),
    ("Nilai SAKIP perangkat daerah", "nilai", 2.8, 2.91),
    ("Persentase realisasi anggaran belanja", "%", 86.0, 89.44),
    ("Indeks reformasi birokrasi", "nilai", 3.4, 3.54),
    ("Persentase ASN kompeten", "%", 92.0, 95.68),
    ("Opini BPK atas laporan keuangan daerah", "nilai", 4.0, 4.16),
    ("Tingkat pengangguran terbuka", "%", 98.0, 101.92),
]


def _target_realisasi(n: int) -> pd.DataFrame:
    rows = []
    for label, satuan, target, realisasi in _INDIKATOR[:n]:
        for tahun, factor in ((2023, 0.97), (2024, 1.0)):
            rows.append(
                {"label": label, "satuan": satuan, "tahun": tahun, "target": target, "realisasi": realisasi * factor}
            )
    df = pd.DataFrame(rows)
    df.loc[(df["label"] == "Indeks reformasi birokrasi") & (df["tahun"] == 2024), "realisasi"] = NAN
    return df


PROGRAM = pd.DataFrame(
    {
        "label": [
            "Program penunjang urusan pemerintahan daerah kabupaten/kota",
            "Program perencanaan, pengendalian dan evaluasi pembangunan daerah",
            "Program koordinasi dan sinkronisasi perencanaan pembangunan daerah",
            "Program penelitian dan pengembangan daerah",
        ],
        "anggaran": [5_794_074_990.0, 1_250_000_000.0, 255_000_000.0, 419_309_000.0],
    }
)

ANGGARAN_REALISASI = pd.DataFrame(
    {
        "label": [
            "Meningkatnya kualitas perencanaan pembangunan daerah",
            "Meningkatnya akuntabilitas kinerja perangkat daerah",
            "Meningkatnya kualitas pelayanan publik",
        ],
        "anggaran": [5_794_074_990.0, 2_100_000_000.0, 780_000_000.0],
        "realisasi": [5_496_838_000.0, 1_950_000_000.0, 512_000_000.0],
        "capaian": [94.87, 92.86, 65.64],
    }
)

# name -> (figure builder, chart writer, data, extra keyword arguments)
CASES = {
    "capaian_semester": (
        charts.capaian_semester_figure,
        charts.capaian_semester_chart,
        CAPAIAN,
        {"title": "Capaian Indikator Kinerja Utama per Semester 2024"},
    ),
    "target_realisasi_2": (charts.target_realisasi_figure, charts.target_realisasi_chart, _target_realisasi(2), {}),
    "target_realisasi_7": (charts.target_realisasi_figure, charts.target_realisasi_chart, _target_realisasi(7), {}),
    "anggaran_program": (charts.anggaran_program_figure, charts.anggaran_program_chart, PROGRAM, {}),
    "anggaran_realisasi": (
        charts.anggaran_realisasi_figure,
        charts.anggaran_realisasi_chart,
        ANGGARAN_REALISASI,
        {},
    ),
}


def _write(name: str, out_path: Path) -> Path:
    _build, write, df, kwargs = CASES[name]
    return write(df, out_path=out_path, palette=PALETTE, **kwargs)


def _figure(name: str):
    build, _write_fn, df, kwargs = CASES[name]
    return build(df, palette=PALETTE, **kwargs)


def _drawn_texts(fig) -> list:
    """Visible, non-empty text artists of a laid-out figure (none inside a hidden artist)."""
    from matplotlib.text import Text

    def visible(artist):
        for child in artist.get_children():
            if child.get_visible():
                yield child
                yield from visible(child)

    with charts.chart_context(PALETTE):
        fig.draw_without_rendering()
    return [t for t in visible(fig) if isinstance(t, Text) and t.get_text().strip()]


def _strings(fig) -> list[str]:
    return [t.get_text() for t in _drawn_texts(fig)]


def _value_labels(ax) -> list:
    """The value labels on an Axes' bars (anchored in data coordinates), in series order."""
    from matplotlib.text import Annotation

    return [t for t in ax.texts if isinstance(t, Annotation) and t.xycoords is ax.transData]


def _panels(fig) -> dict[str, list[str]]:
    """Small multiples: each panel's title (one line) -> the texts drawn before it in the panel."""
    panels, texts = {}, []
    for t in _drawn_texts(fig):
        if t in fig.texts:  # the legend
            continue
        if t.get_fontweight() == "bold":
            panels[t.get_text().replace("\n", " ")] = texts
            texts = []
        else:
            texts.append(t.get_text())
    return panels


# --------------------------------------------------------------------------
# Image comparison
# --------------------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(CASES))
def test_matches_baseline(name: str, tmp_path: Path) -> None:
    from matplotlib.testing.compare import compare_images

    actual = _write(name, tmp_path / f"{name}.png")
    expected = BASELINE_DIR / f"{name}.png"
    if REFRESH:
        BASELINE_DIR.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(actual, expected)
    assert expected.exists(), f"no baseline {expected}; run with REFRESH_BASELINES=1"
    assert compare_images(str(expected), str(actual), tol=TOL) is None


@pytest.mark.parametrize("name", sorted(CASES))
def test_output_is_byte_identical_across_runs(name: str, tmp_path: Path) -> None:
    first = _write(name, tmp_path / "a" / "chart.png")
    second = _write(name, tmp_path / "b" / "chart.png")
    assert first.read_bytes() == second.read_bytes()


def test_png_size_dpi_and_no_timestamp(tmp_path: Path) -> None:
    from PIL import Image

    path = _write("anggaran_program", tmp_path / "nested" / "dir" / "program.png")
    assert path == tmp_path / "nested" / "dir" / "program.png"
    with Image.open(path) as im:
        assert im.size == (960, 630)  # 6.4 x 4.2 in at 150 dpi
        assert im.mode == "RGB"
        assert im.info["dpi"] == pytest.approx((150, 150), abs=0.05)  # pHYs holds whole pixels per metre
        assert set(im.info) == {"dpi"}  # no software, no date or time


def test_png_holds_exactly_what_was_drawn(tmp_path: Path) -> None:
    import numpy as np
    from PIL import Image

    fig = _figure("capaian_semester")
    path = charts.save_figure(fig, tmp_path / "c.png", PALETTE)
    drawn = np.asarray(fig.canvas.buffer_rgba())
    with Image.open(path) as im:
        assert (np.asarray(im) == drawn[:, :, :3]).all()


def test_custom_size(tmp_path: Path) -> None:
    from PIL import Image

    path = charts.anggaran_program_chart(PROGRAM, out_path=tmp_path / "p.png", palette=PALETTE, size=(4.0, 3.0))
    with Image.open(path) as im:
        assert im.size == (600, 450)


# --------------------------------------------------------------------------
# The canvas: matplotlib's own pixels, with less work (charts._canvas_class)
# --------------------------------------------------------------------------
TINTED = {**PALETTE, "lt1": "#F4EFE6"}  # a background that is not white


def _plain_matplotlib(monkeypatch: pytest.MonkeyPatch) -> None:
    """Draw with matplotlib's own canvas and renderer, and paint every Axes background."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    monkeypatch.setattr(charts, "_canvas_class", lambda: FigureCanvasAgg)
    monkeypatch.setattr(charts, "_background_is_figures", lambda ax: False)


@pytest.mark.parametrize("palette", [PALETTE, TINTED], ids=["white", "tinted"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_canvas_writes_the_bytes_plain_matplotlib_writes(
    name: str, palette: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _build, write, df, kwargs = CASES[name]
    # the second time from the text sizes, font metrics and renderer the first one left
    fast = [write(df, out_path=tmp_path / f"{i}.png", palette=palette, **kwargs).read_bytes() for i in range(2)]
    _plain_matplotlib(monkeypatch)
    plain = write(df, out_path=tmp_path / "plain.png", palette=palette, **kwargs).read_bytes()
    assert fast == [plain, plain]


def test_renderer_handed_on_between_sizes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sizes = [(6.4, 4.2), (4.0, 3.0), (4.0, 3.0), (6.4, 4.2)]

    def draw_all(prefix: str) -> list[bytes]:
        return [
            charts.anggaran_program_chart(PROGRAM, out_path=tmp_path / f"{prefix}{i}.png", palette=PALETTE, size=size)
            .read_bytes()
            for i, size in enumerate(sizes)
        ]

    fast = draw_all("fast")
    _plain_matplotlib(monkeypatch)
    assert fast == draw_all("plain")


def test_chart_context_sets_the_rcparams_rcdefaults_and_the_style_set() -> None:
    import matplotlib

    for palette in (PALETTE, PALETTE, TINTED):  # the first time for a palette, and from what it kept
        with charts.chart_context(palette):
            fast = dict(matplotlib.rcParams)
        with matplotlib.rc_context():
            matplotlib.rcdefaults()
            matplotlib.rcParams.update(charts.chart_style(palette))
            plain = dict(matplotlib.rcParams)
        assert fast == plain


def test_writing_a_chart_leaves_the_garbage_collector_as_it_was(tmp_path: Path) -> None:
    import gc

    assert gc.isenabled()
    _write("anggaran_program", tmp_path / "a.png")
    assert gc.isenabled()
    gc.disable()
    try:
        _write("anggaran_program", tmp_path / "b.png")
        assert not gc.isenabled()
    finally:
        gc.enable()


# --------------------------------------------------------------------------
# Layout: nothing cut at the figure edge, value labels inside their axes
# --------------------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(CASES))
def test_nothing_is_cut_at_figure_edge(name: str, tmp_path: Path) -> None:
    from PIL import Image

    # every drawn artist lies inside the figure ...
    fig = _figure(name)
    _drawn_texts(fig)
    with charts.chart_context(PALETTE):
        tight = fig.get_tightbbox(fig.canvas.get_renderer())
    width, height = fig.get_size_inches()
    assert tight.x0 >= 0 and tight.y0 >= 0 and tight.x1 <= width and tight.y1 <= height
    # ... and the PNG has a clean white border: nothing touches the edge
    with Image.open(_write(name, tmp_path / "c.png")) as im:
        rgb = im.convert("RGB")
        w, h = rgb.size
        border = [rgb.crop(box) for box in ((0, 0, w, 3), (0, h - 3, w, h), (0, 0, 3, h), (w - 3, 0, w, h))]
        assert all(part.getextrema() == ((255, 255),) * 3 for part in border)


@pytest.mark.parametrize("name", sorted(CASES))
def test_value_labels_stay_inside_their_axes(name: str) -> None:
    fig = _figure(name)
    _drawn_texts(fig)
    renderer = fig.canvas.get_renderer()
    for ax in fig.axes:  # the small multiples have none: see test_texts_never_overlap
        area = ax.get_window_extent(renderer)
        labels = _value_labels(ax)
        assert labels
        for label in labels:
            box = label.get_window_extent(renderer)
            assert area.x0 - 1 <= box.x0 and box.x1 <= area.x1 + 1, label.get_text()
            assert area.y0 - 1 <= box.y0 and box.y1 <= area.y1 + 1, label.get_text()


@pytest.mark.parametrize("name", sorted(CASES))
def test_texts_never_overlap(name: str) -> None:
    fig = _figure(name)
    texts = _drawn_texts(fig)
    renderer = fig.canvas.get_renderer()
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in texts]
    for i, (text, box) in enumerate(boxes):
        for other, other_box in boxes[i + 1 :]:
            assert not box.overlaps(other_box), (text, other)


def test_target_realisasi_makes_one_panel_per_indicator() -> None:
    for n in (2, 7):
        fig = charts.target_realisasi_figure(_target_realisasi(n), palette=PALETTE)
        assert list(_panels(fig)) == [label for label, *_ in _INDIKATOR[:n]]
        for texts in _panels(fig).values():
            assert texts[-2:] == ["2023", "2024"]  # the years below the bars


def test_long_labels_are_wrapped() -> None:
    wrapped = charts.wrap_label(PROGRAM["label"][1])
    assert wrapped.replace("\n", " ") == PROGRAM["label"][1]
    assert all(len(line) <= charts.WRAP_WIDTH for line in wrapped.splitlines())
    fig = charts.anggaran_program_figure(PROGRAM, palette=PALETTE)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert wrapped in texts
    assert all(len(line) <= charts.WRAP_WIDTH for t in texts for line in t.splitlines())


# --------------------------------------------------------------------------
# Content: Indonesian number format, NaN as "-"
# --------------------------------------------------------------------------
def test_capaian_semester_labels_in_indonesian_format() -> None:
    strings = _strings(_figure("capaian_semester"))
    for expected in ("94,87%", "120,33%", "Target 100%", "Semester I", "Semester II", "100%"):
        assert expected in strings
    assert not any("94.87" in s for s in strings)


def test_capaian_semester_nan_is_dash() -> None:
    df = pd.DataFrame({"label": ["A", "B"], "capaian_s1": [NAN, 50.0], "capaian_s2": [NAN, NAN]})
    fig = charts.capaian_semester_figure(df, palette=PALETTE)
    values = [t.get_text() for t in _value_labels(fig.axes[0])]
    assert values == ["-", "50,00%", "-", "-"]


def test_target_realisasi_formats_by_unit_and_nan() -> None:
    strings = _strings(_figure("target_realisasi_7"))
    assert "83,20%" in strings  # satuan "%"
    assert "2,91" in strings and "2,80" in strings  # satuan "nilai": format_number
    panels = _panels(_figure("target_realisasi_7"))
    # target 2023, 2024, realisasi 2023, 2024 (missing), then the years
    assert panels["Indeks reformasi birokrasi"] == ["3,40", "3,40", "3,43", "-", "2023", "2024"]


def test_anggaran_program_labels_in_short_rupiah() -> None:
    strings = _strings(_figure("anggaran_program"))
    assert {"Rp 5,79 M", "Rp 255 jt", "Rp 419,3 jt"} <= set(strings)
    assert any(s.startswith("Rp ") and s.endswith(" M") for s in strings if s != "Rp 5,79 M")  # axis ticks


def test_anggaran_realisasi_labels_and_capaian() -> None:
    strings = _strings(_figure("anggaran_realisasi"))
    assert {"Rp 5,79 M", "Rp 5,5 M", "Rp 512 jt"} <= set(strings)
    assert "Capaian 94,87%" in strings
    assert {"Anggaran", "Realisasi"} <= set(strings)


def test_anggaran_realisasi_nan() -> None:
    df = ANGGARAN_REALISASI.assign(realisasi=[NAN, 1e9, 2e8], capaian=[NAN, 47.62, 25.64])
    strings = _strings(charts.anggaran_realisasi_figure(df, palette=PALETTE))
    assert "-" in strings
    assert "Capaian -" in strings


def test_missing_column_or_empty_frame_raises() -> None:
    with pytest.raises(ValueError, match="capaian_s2"):
        charts.capaian_semester_figure(CAPAIAN.drop(columns="capaian_s2"), palette=PALETTE)
    with pytest.raises(ValueError, match="no rows"):
        charts.anggaran_program_figure(PROGRAM.iloc[0:0], palette=PALETTE)


# --------------------------------------------------------------------------
# Style, isolation, imports
# --------------------------------------------------------------------------
def test_chart_style_from_palette() -> None:
    style = charts.chart_style(PALETTE)
    assert style["font.family"] == ["Carlito"]
    assert style["axes.spines.top"] is False and style["axes.spines.right"] is False
    assert style["axes.grid"] is True
    colours = [c["color"] for c in style["axes.prop_cycle"]]
    assert colours == [PALETTE[f"accent{i}"] for i in range(1, 7)]


def test_bars_use_palette_accents() -> None:
    from matplotlib.collections import PolyCollection
    from matplotlib.colors import to_hex

    ax = _figure("capaian_semester").axes[0]
    s1, s2 = [c for c in ax.collections if isinstance(c, PolyCollection)]  # the bars of Semester I, II
    assert [to_hex(c) for c in s1.get_facecolor()] == [PALETTE["accent1"].lower()]
    assert [to_hex(c) for c in s2.get_facecolor()] == [PALETTE["accent2"].lower()]
    assert len(s1.get_paths()) == CAPAIAN["capaian_s1"].notna().sum()


def test_rendering_leaves_global_rcparams_alone(tmp_path: Path) -> None:
    import matplotlib

    before = dict(matplotlib.rcParams)
    _write("capaian_semester", tmp_path / "c.png")
    assert dict(matplotlib.rcParams) == before


def test_import_is_lazy_and_never_pulls_pptx() -> None:
    code = textwrap.dedent(
        """
        import sys
        import sakip_report.charts
        bad = sorted(m for m in sys.modules if m.split(".")[0] in ("pptx", "matplotlib"))
        print(",".join(bad))
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_rendering_does_not_import_pptx_or_pyplot(tmp_path: Path) -> None:
    code = textwrap.dedent(
        f"""
        import sys
        import pandas as pd
        from sakip_report import charts
        df = pd.DataFrame({{"label": ["A"], "anggaran": [1e9]}})
        charts.anggaran_program_chart(df, out_path={str(tmp_path / "x.png")!r}, palette={{}})
        bad = sorted(m for m in sys.modules if m == "pptx" or m.startswith("pptx.") or m == "matplotlib.pyplot")
        print(",".join(bad))
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_bundled_carlito_is_the_font_used() -> None:
    from matplotlib import font_manager

    fig = _figure("capaian_semester")  # registers the fonts
    with charts.chart_context(PALETTE):
        regular = font_manager.findfont(font_manager.FontProperties(family="Carlito"), fallback_to_default=False)
        bold = font_manager.findfont(
            font_manager.FontProperties(family="Carlito", weight="bold"), fallback_to_default=False
        )
    assert Path(regular).name == "Carlito-Regular.ttf"
    assert Path(bold).name == "Carlito-Bold.ttf"
    assert all(t.get_fontfamily() == ["Carlito"] for t in _drawn_texts(fig))
