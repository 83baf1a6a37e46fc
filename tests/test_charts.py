"""Charts at the size the deck uses: the plans compose makes (sizes, slides, text) and the pictures drawn.

Every chart of every agency under data/ (the sample, data/contoh-dinsos, data/contoh-dinkes) is
planned exactly as the build plans it, at its real size on the slide; the rules are checked on those plans
and, where matplotlib decides, on the drawn figures.

Image comparison: those agencies' charts are compared with the PNGs in
``tests/baseline/charts/`` (``matplotlib.testing.compare.compare_images``, RMS tolerance ``TOL``).
After an intended visual change::

    REFRESH_BASELINES=1 .venv/bin/pytest tests/test_charts.py

then look at every PNG in tests/baseline/charts/ before committing them.
"""
from __future__ import annotations

import math
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sakip_report import charts, measure, paths
from sakip_report.charts import Bar, Bars, Category, Dot, Line, Panels, Picture, Text
from sakip_report.compose import Context, Templates, build_chart, compose, read_layout, template_variables
from sakip_report.compute import compute, load_rules, period_of
from sakip_report.layout import content_frame
from sakip_report.normalise import read_data
from sakip_report.problems import TemplateProblem
from sakip_report.theme import read_theme

BASELINE_DIR = Path(__file__).parent / "baseline" / "charts"
REFRESH = os.environ.get("REFRESH_BASELINES") == "1"
TOL = 2.0
LAYOUT = read_layout(paths.TEMPLATES)
GRAFIK = LAYOUT["grafik"]
PALETTE = read_theme(paths.TEMPLATES / paths.MASTER).colors
SIZE = (GRAFIK["lebar_maks"], content_frame(LAYOUT).height)
AGENCIES = {"sample" if folder == paths.DATA else folder.name.removeprefix("contoh-"): folder  # every agency under data/
            for folder in sorted(paths.ROOT.glob("data/*/")) if (folder / "profil.xlsx").is_file()}


def _chart_slides(folder: Path):
    data = read_data(folder)
    results = compute(data, load_rules(paths.TEMPLATES / paths.RULES), period_of(data, None))
    return [s for s in compose(data, results, paths.SLIDES, paths.TEMPLATES / paths.TEXT) if s.kind == "gambar"]


@pytest.fixture(scope="module", params=sorted(AGENCIES))
def agency_charts(request):
    """(agency, chart slides) of each agency under data/."""
    return request.param, _chart_slides(AGENCIES[request.param])


def _pictures(slides) -> list[Picture]:
    return [s.extra["chart"] for s in slides]


def _overlap(a, b, slack=0.0) -> bool:
    return a[0] < b[2] - slack and b[0] < a[2] - slack and a[1] < b[3] - slack and b[1] < a[3] - slack


def _bounds(shape) -> tuple[float, float, float, float]:
    if isinstance(shape, Text):
        return shape.box()
    if isinstance(shape, Line):
        xs, ys = zip(*shape.points)
        return min(xs), min(ys), max(xs), max(ys)
    if isinstance(shape, Dot):
        return shape.box()
    return shape.x, shape.y, shape.x + shape.w, shape.y + shape.h


# --- many categories, long names: made here -------------------------------------------------------
LONG = ("Persentase penduduk miskin ekstrem penerima bantuan sosial yang terverifikasi dan tervalidasi pada "
        "kelompok masyarakat rentan, penyandang disabilitas dan lanjut usia terlantar di kawasan perdesaan")


def _bars(n: int, name: str = "Indikator {i}", values=lambda i: 50.0 + 7 * i) -> Bars:
    bars = [(Bar(values(i), f"{values(i):.2f}%"), Bar(None, "b.d.")) for i in range(n)]
    return Bars(tuple(Category(name.format(i=i), b) for i, b in enumerate(bars)), ("Semester I", "Semester II"),
                (100.0, "Target 100%"))


def _panels(n: int, name: str = "Indikator {i}") -> Panels:
    bars = (Bar(80.0, "80,00%"), Bar(82.5, "82,50%"), Bar(85.0, "85,00%"), Bar(None, "b.d.", "b.d. = belum"))
    return Panels(tuple(Category(name.format(i=i), bars) for i in range(n)), ("Target", "Realisasi"), ("2023", "2024"))


def _trend(n: int) -> Panels:
    """Seven years of seven-digit figures and an end target: labels wider than their bars."""
    years = tuple(str(2019 + k) for k in range(7))
    bars = tuple(Bar(1_234_567.0 + 98_765 * k + s, f"{1_234_567 + 98_765 * k + s:,}".replace(",", "."))
                 for k in range(7) for s in (0, 1))
    return Panels(tuple(Category(f"Indikator {i}", bars, reference=Bar(1_900_000.0, "1.900.000")) for i in range(n)),
                  ("Target", "Realisasi"), years, reference="Target akhir Renstra")


def _quadrant(n: int, name: str = "Sasaran {i}") -> charts.Quadrant:
    points = tuple(charts.Point(name.format(i=i), 60.0 + 9 * (i % 5), 80.0 + 17 * (i % 4)) for i in range(n))
    return charts.Quadrant(points, "Serapan anggaran", "Capaian kinerja", diagonal="Capaian = serapan")


PLANNED = {"bars-3": _bars(3), "bars-25": _bars(25), "bars-long": _bars(12, LONG + " {i}"),
           "panels-4": _panels(4), "panels-20": _panels(20), "panels-long": _panels(9, LONG + " {i}"),
           "trend-wide-figures": _trend(3), "quadrant-12": _quadrant(12), "quadrant-long": _quadrant(10, LONG + " {i}")}


@pytest.fixture(scope="module", params=sorted(PLANNED))
def planned(request) -> list[Picture]:
    return PLANNED[request.param].plan(SIZE, GRAFIK)


# --- sizes mean what they say ----------------------------------------------------------------------
def test_a_chart_is_drawn_at_the_size_it_is_placed(agency_charts):
    _, slides = agency_charts
    for s in slides:
        frame = content_frame(LAYOUT, caption=bool(s.caption))
        assert s.image_size == s.extra["chart"].size
        assert s.image_size[0] <= min(frame.width, GRAFIK["lebar_maks"]) + 1e-9
        assert s.image_size[1] <= frame.height + 1e-9


def test_every_chart_text_is_at_least_the_floor(agency_charts, planned):
    for picture in [*_pictures(agency_charts[1]), *planned]:
        assert picture.texts()
        assert min(t.size for t in picture.texts()) >= GRAFIK["font_min"] >= 12


def test_one_edit_in_layout_toml_makes_every_chart_text_14_pt():
    bigger = {**GRAFIK, "font_min": 14}
    for chart in PLANNED.values():
        for picture in chart.plan(SIZE, bigger):
            assert min(t.size for t in picture.texts()) >= 14


def test_names_are_14_pt_where_there_is_room_and_the_floor_where_14_would_cost_a_slide():
    few, many = _bars(3).plan(SIZE, GRAFIK), _bars(7, LONG + " {i}").plan(SIZE, GRAFIK)
    name_sizes = {t.size for t in few[0].texts() if t.text.startswith("Indikator")}
    assert name_sizes == {GRAFIK["font_kategori"]}
    assert len(many) == 1, "seven long names fit one slide at the floor"
    assert {t.size for t in many[0].texts() if t.align == "right"} == {GRAFIK["font_min"]}


# --- continue, never shrink ------------------------------------------------------------------------
def test_a_long_chart_continues_on_more_slides_with_every_part_on_one_scale():
    pictures = _bars(25, values=lambda i: 60.0).plan(SIZE, GRAFIK)
    assert len(pictures) >= 3
    counts = [sum(t.text == "60.00%" for t in p.texts()) for p in pictures]
    assert sum(counts) == 25 and max(counts) - min(counts) <= 1, "parts are balanced"
    assert max(counts) <= GRAFIK["maks_kategori"]
    ends = {round(t.x, 6) for p in pictures for t in p.texts() if t.text == "60.00%"}
    assert len(ends) == 1, "the same value gives the same bar on every part"


def test_small_multiples_hold_at_most_maks_panel_panels_a_slide():
    pictures = _panels(20).plan(SIZE, GRAFIK)
    titles = [[t for t in p.texts() if t.bold] for p in pictures]
    assert sum(map(len, titles)) == 20
    assert all(len(t) <= GRAFIK["maks_panel"] for t in titles)


def test_continuation_slides_are_titled_as_the_tables():
    slides = _chart_slides(AGENCIES["sample"])
    titles = [s.title for s in slides if s.title.startswith("TARGET DAN REALISASI")]
    assert len(titles) >= 2
    assert not titles[0].endswith(LAYOUT["judul"]["lanjutan"])
    assert all(t == titles[0] + LAYOUT["judul"]["lanjutan"] for t in titles[1:])


# --- nothing crosses a label ------------------------------------------------------------------------
def test_no_text_touches_another_or_a_bar_or_a_line_and_all_stay_inside(agency_charts, planned):
    for picture in [*_pictures(agency_charts[1]), *planned]:
        width, height = picture.size
        for shape in picture.shapes:
            x0, y0, x1, y1 = _bounds(shape)
            assert -1e-9 <= x0 and x1 <= width + 1e-9 and -1e-9 <= y0 and y1 <= height + 1e-9, shape
        for text in picture.texts():
            for other in picture.shapes:
                if isinstance(other, Line):  # a segment, not its bounding box (a quadrant's diagonal)
                    shrunk = tuple(v + d for v, d in zip(text.box(), (0.005, 0.005, -0.005, -0.005)))
                    assert not other.crosses(shrunk), (text.text, other)
                else:
                    assert other is text or not _overlap(text.box(), _bounds(other), slack=0.005), (text.text, other)


def test_a_name_wraps_at_words_to_three_lines_at_most():
    lines, cut = charts.wrap(LONG, 4.0, 14, GRAFIK["baris_maks"])
    assert cut and len(lines) == GRAFIK["baris_maks"] and lines[-1].endswith(charts.ELLIPSIS)
    words = {w.strip(",") for w in LONG.split()}
    assert all(w.strip(",") in words for line in lines for w in line.rstrip(charts.ELLIPSIS).split())
    assert all(measure.text_width(line, 14) <= 4.0 for line in lines)
    unit = charts.wrap(LONG, 4.0, 14, 3, suffix=" (per 100.000 KH)")[0]
    assert unit[-1].endswith("… (per 100.000 KH)"), "a cut name keeps its unit"


def assert_no_reference_line_crosses_a_text(fig) -> None:
    """No drawn text's window extent meets a reference line (a dashed line: a target, an end target,
    a quadrant's 100% lines and diagonal), the line's stroke width included."""
    from matplotlib.lines import Line2D
    from matplotlib.path import Path as MplPath
    from matplotlib.transforms import Bbox

    renderer = fig.canvas.get_renderer()
    lines = [a for a in fig.artists if isinstance(a, Line2D) and a.is_dashed()]
    for line in lines:
        path = MplPath(line.get_transform().transform(line.get_xydata()))
        half = line.get_linewidth() / 72 * fig.dpi / 2
        for text in fig.texts:
            x0, y0, x1, y1 = text.get_window_extent(renderer).extents
            box = Bbox.from_extents(x0 - half, y0 - half, x1 + half, y1 + half)
            assert not path.intersects_bbox(box, filled=False), f"a reference line runs through {text.get_text()!r}"


def _reference_lines(picture: Picture) -> list[Line]:
    """The dashed lines of a picture but its legend's key (a swatch a third of an inch long)."""
    return [s for s in picture.shapes if isinstance(s, Line) and s.dashed and math.dist(s.points[0], s.points[-1]) > 0.5]


def test_no_reference_line_runs_through_a_text_of_any_chart(agency_charts, planned):
    for picture in [*_pictures(agency_charts[1]), *planned]:
        assert_no_reference_line_crosses_a_text(charts.figure(picture, PALETTE))


def test_a_value_label_the_100_percent_line_would_cross_moves_past_it_and_the_line_is_whole():
    values = lambda i: 95.0 + i  # value labels right across the 100% line
    pictures = _bars(10, values=values).plan(SIZE, GRAFIK)
    past = 0
    for picture in pictures:
        [line] = _reference_lines(picture)  # one line through all the rows
        (x, _), _ = line.points
        past += sum(t.box()[0] > x for t in picture.texts() if t.text.endswith("%"))
        assert_no_reference_line_crosses_a_text(charts.figure(picture, PALETTE))
    assert past == 10, "every label that would meet the line sits past it"


def _renstra_trend() -> Panels:
    """The unseen agency's first trend panels: labels right at the end target, above and below it."""
    years = tuple(str(y) for y in range(2021, 2026))
    up = (58, 55.42, 61, 59.87, 64, 63.15, 67, 68.21, 70, 71.36)
    down = (42, 44.58, 39, 40.13, 36, 36.85, 33, 31.79, 30, 28.64)
    panels = [Category(name, tuple(Bar(v, f"{v:.2f}%".replace(".", ",")) for v in values), reference=Bar(end, text))
              for name, values, end, text in (("Jalan mantap", up, 68.0, "68,00%"),
                                              ("Jalan rusak", down, 25.0, "25,00%"),
                                              ("Irigasi baik", down, 36.5, "36,50%"))]
    return Panels(tuple(panels), ("Target", "Realisasi"), years, reference="Target akhir Renstra")


def test_a_trend_panel_keeps_its_labels_off_the_end_target_line_and_names_its_value():
    pictures = _renstra_trend().plan(SIZE, GRAFIK)
    lines = [line for p in pictures for line in _reference_lines(p)]
    assert len(lines) == 3, "one whole line a panel"
    for picture in pictures:
        for line in _reference_lines(picture):
            (x0, y), (x1, _) = line.points
            for text in picture.texts():
                t0, t1 = text.box()[1], text.box()[3]
                assert not (t0 < y < t1 and x0 < text.box()[2] and text.box()[0] < x1), f"{text.text} on the line"
            bars = max(b.x + b.w for b in picture.shapes if isinstance(b, charts.Box) and b.x < x1 and b.y < y)
            [value] = [t for t in picture.texts() if y < t.box()[1] < y + 0.1 and t.box()[0] > bars]
            assert value.text in ("68,00%", "25,00%", "36,50%"), "the line's value above its end, past the bars"
        assert_no_reference_line_crosses_a_text(charts.figure(picture, PALETTE))


def _crowded_quadrant() -> charts.Quadrant:
    """The unseen agency's seven sasaran (3 and 6 almost on one spot), 8 and 9 on exactly one, 10 by 7."""
    spots = [(93.1, 98.9), (89.8, 102.9), (94.0, 101.6), (86.2, 91.1), (92.3, 104.9), (93.8, 103.6), (96.5, 101.1),
             (90.0, 95.0), (90.0, 95.0), (96.7, 101.2)]
    points = tuple(charts.Point(f"Sasaran {i}", x, y) for i, (x, y) in enumerate(spots, 1))
    return charts.Quadrant(points, "Serapan anggaran", "Capaian kinerja", diagonal="Capaian = serapan")


def test_points_on_one_spot_share_one_label_and_every_label_sits_by_its_own_markers():
    [picture] = _crowded_quadrant().plan(SIZE, GRAFIK)
    dots = [s for s in picture.shapes if isinstance(s, Dot)]
    fig = charts.figure(picture, PALETTE)
    renderer = fig.canvas.get_renderer()
    to_inches = fig.dpi_scale_trans.inverted()
    labels = {t.get_text(): t.get_window_extent(renderer).transformed(to_inches)
              for t, planned in zip(fig.texts, picture.texts()) if planned.bold}  # the points' numbers
    numbers = sorted(int(n) for text in labels for n in text.split(", "))
    assert numbers == list(range(1, len(dots) + 1)), "every point named once"
    assert {"8, 9", "7, 10"} <= set(labels), "markers on one spot share one label"
    boxes = list(labels.values())
    for a in range(len(boxes)):
        for b in range(a):
            assert not boxes[a].overlaps(boxes[b]), (list(labels)[a], list(labels)[b])
    for text, box in labels.items():
        own = [int(n) - 1 for n in text.split(", ")]
        near = [math.dist((min(max(d.x, box.x0), box.x1), min(max(d.y, box.y0), box.y1)), (d.x, d.y)) for d in dots]
        assert max(near[k] for k in own) < min(near[k] for k in range(len(dots)) if k not in own), \
            f"{text!r} is nearer its own markers than any other"
    assert_no_reference_line_crosses_a_text(fig)


# --- missing is visible as missing ---------------------------------------------------------------------
def test_a_missing_capaian_says_why_in_the_words_of_tanda(agency_charts):
    agency, slides = agency_charts
    reasons = {LAYOUT["tanda"][k] for k in LAYOUT["tanda"] if k.startswith("keterangan_")}
    capaian = [s.extra["chart"] for s in slides if s.title.startswith("CAPAIAN")]
    texts = {t.text for p in capaian for t in p.texts()}
    assert "-" not in texts
    if agency == "sample":
        assert LAYOUT["tanda"]["keterangan_tanpa_target"] in texts
    assert texts & reasons or agency != "sample"


def test_a_missing_panel_bar_shows_its_mark_explained_under_the_chart():
    picture = _panels(2).plan(SIZE, GRAFIK)[0]
    texts = [t.text for t in picture.texts()]
    assert texts.count("b.d.") == 2 and "b.d. = belum" in texts


def test_a_layout_toml_without_a_grafik_setting_names_it():
    data = read_data(AGENCIES["sample"])
    results = compute(data, load_rules(paths.TEMPLATES / paths.RULES), period_of(data, None))
    layout = {**LAYOUT, "grafik": {k: v for k, v in GRAFIK.items() if k != "font_nilai"}}
    ctx = Context(data, results, Templates(paths.TEMPLATES / paths.TEXT, template_variables(data, results)), layout)
    with pytest.raises(TemplateProblem, match="font_nilai"):
        build_chart({"grafik": "capaian_semester", "title": "X"}, ctx, "slides/x.toml")


# --- every figure traced to its cells ----------------------------------------------------------------
def test_each_chart_says_which_cells_its_value_labels_come_from(agency_charts):
    for s in agency_charts[1]:
        figures = s.extra["chart"].figures()
        assert figures, s.title
        assert all(sources and all("!" in cell for cell in sources) for _, sources in figures), s.title


def test_the_manifest_lists_each_chart_slides_figures_with_their_cells(sample_build):
    import json

    _, pptx = sample_build
    pages = json.loads((pptx.parent / "manifest.json").read_text(encoding="utf-8"))["slide"]
    slides = _chart_slides(AGENCIES["sample"])
    chart_pages = [page for page in pages if any(s.source_file == page["definisi"] for s in slides)]
    assert len(chart_pages) == len(slides)
    for page, s in zip(chart_pages, slides):
        assert page["angka"], page["judul"]
        labels = {t.text for t in s.extra["chart"].texts()}
        assert {f["teks"] for f in page["angka"]} <= labels, page["judul"]
        assert all(f["sumber"] for f in page["angka"])
    capaian = next(f for page in chart_pages for f in page["angka"] if f["teks"].endswith("%"))
    assert len(capaian["sumber"]) == 2, "a capaian comes from its target and realisasi cells"


# --- a chart without data --------------------------------------------------------------------------
def test_a_chart_without_data_gives_a_slide_that_says_so(tmp_path):
    from pptx import Presentation

    from sakip_report.build import Options, build
    from workbooks import fictional, make_workbooks

    spec = fictional()
    spec["kinerja.xlsx"]["IKU"].rows.clear()
    make_workbooks(tmp_path / "data", spec=spec)
    result = build(Options(data=tmp_path / "data", out=tmp_path / "out", formats=("pptx",), preview=False,
                           chart_worker=False))
    assert any("IKU" in str(p) for p in result.problems), "the empty sheet is reported where it is read"
    deck = Presentation(str(next(p for p in result.outputs if p.suffix == ".pptx")))
    slide = next(s for s in deck.slides if s.shapes.title.text == "CAPAIAN INDIKATOR KINERJA UTAMA TAHUN 2024")
    texts = [sh.text_frame.text for sh in slide.shapes if sh.has_text_frame]
    assert LAYOUT["kotak"]["tidak_ada_data"] in texts
    assert not [sh for sh in slide.shapes if sh.shape_type == 13], "no picture"


# --- drawn by matplotlib ------------------------------------------------------------------------------
def test_drawn_texts_sit_inside_their_planned_boxes(agency_charts):
    for picture in _pictures(agency_charts[1]):
        fig = charts.figure(picture, PALETTE)
        renderer = fig.canvas.get_renderer()
        drawn = [t for t in fig.texts]
        assert [t.get_text() for t in drawn] == [t.text for t in picture.texts()]
        for artist, text in zip(drawn, picture.texts()):
            box = artist.get_window_extent(renderer).transformed(fig.dpi_scale_trans.inverted())
            x0, y0, x1, y1 = text.box()
            px = 1.5 / picture.dpi
            assert x0 - px <= box.x0 and box.x1 <= x1 + px and y0 - px <= box.y0 and box.y1 <= y1 + px, text.text


def test_the_png_is_the_picture_at_its_dpi_in_rgb_without_metadata(tmp_path, agency_charts):
    from PIL import Image

    picture = _pictures(agency_charts[1])[0]
    path = charts.draw(picture, tmp_path / "a" / "c.png", PALETTE)
    with Image.open(path) as im:
        drawn = [n / picture.dpi for n in im.size]  # matplotlib makes whole pixels of the figure's inches
        assert drawn == pytest.approx(picture.size, abs=1 / picture.dpi)
        assert im.mode == "RGB"
        assert set(im.info) == {"dpi"}
    assert charts.draw(picture, tmp_path / "b.png", PALETTE).read_bytes() == path.read_bytes()


@pytest.fixture(scope="module")
def all_pictures():
    return {agency: _pictures(_chart_slides(folder)) for agency, folder in AGENCIES.items()}


@pytest.mark.parametrize("agency", sorted(AGENCIES))
def test_charts_match_their_baselines(agency, all_pictures, tmp_path):
    from matplotlib.testing.compare import compare_images

    for k, picture in enumerate(all_pictures[agency], 1):
        name = f"{agency}-{k}.png"
        actual = charts.draw(picture, tmp_path / name, PALETTE)
        expected = BASELINE_DIR / name
        if REFRESH:
            BASELINE_DIR.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(actual, expected)
        assert expected.exists(), f"no baseline {expected}; run with REFRESH_BASELINES=1"
        assert compare_images(str(expected), str(actual), tol=TOL) is None, name


def test_drawing_leaves_the_global_rcparams_alone(tmp_path, agency_charts):
    import matplotlib

    before = dict(matplotlib.rcParams)
    charts.draw(_pictures(agency_charts[1])[0], tmp_path / "c.png", PALETTE)
    assert dict(matplotlib.rcParams) == before


def test_planning_imports_neither_matplotlib_nor_pptx():
    code = ("import sys; from sakip_report import compose, charts\n"
            "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in ('pptx', 'matplotlib'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_a_chart_is_drawn_in_the_font_files_its_text_was_measured_with(agency_charts):
    picture = next(p for p in _pictures(agency_charts[1]) if any(t.bold for t in p.texts()))  # the panels
    assert picture.fonts == (str(measure.font_path(False)), str(measure.font_path(True)))
    fig = charts.figure(picture, PALETTE)
    for artist, text in zip(fig.texts, picture.texts()):
        assert artist.get_fontproperties().get_file() == picture.fonts[text.bold]


def test_a_theme_font_measures_and_draws_the_charts(monkeypatch, tmp_path):
    from sakip_report import fonts

    try:
        face = fonts.find("DejaVu Sans", tmp_path, {})
    except fonts.FontMissing:
        pytest.skip("DejaVu Sans is not installed")
    monkeypatch.setattr(measure, "_files", {})
    measure.use_fonts(face, face)
    picture = _panels(3).plan(SIZE, GRAFIK)[0]
    assert picture.fonts == (str(face.regular), str(face.bold))
    fig = charts.figure(picture, PALETTE)
    assert {a.get_fontproperties().get_file() for a in fig.texts} == {str(face.regular), str(face.bold)}


def test_a_quadrant_of_very_wide_figures_has_round_ticks():
    assert charts._tick_step((0.0, 60000.0)) == 20000 and charts._tick_step((80.0, 110.0)) == 10


# The unseen agency's ten programs: one name of three lines at 14 pt, a few of two, most of one.
PROGRAMS = (("Program Penyelenggaraan Jalan", 285.49),
            ("Program Pengelolaan Sumber Daya Air (SDA) melalui Pembangunan/Rehabilitasi Jaringan Irigasi, "
             "Pengendalian Banjir dan Penyediaan Air Baku Kabupaten", 65.27),
            ("Program Pengelolaan dan Pengembangan Sistem Drainase", 22.04),
            ("Program Pengelolaan dan Pengembangan Sistem Penyediaan Air Minum", 36.13),
            ("Program Pengelolaan dan Pengembangan Sistem Air Limbah", 12.59),
            ("Program Penyelenggaraan Penataan Ruang", 3.47), ("Program Penataan Bangunan Gedung", 9.14),
            ("Program Penataan Bangunan dan Lingkungannya", 5.57), ("Program Pengembangan Jasa Konstruksi", 1.20),
            ("Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota", 77.67))


def _budget(programs=PROGRAMS) -> Bars:
    return Bars(tuple(Category(name, (Bar(value, f"Rp {value:.2f} M".replace(".", ",")),)) for name, value in programs),
                ("Anggaran 2025",))


def test_ten_programs_that_fit_one_slide_at_the_floors_are_on_one_slide():
    [picture] = _budget().plan(SIZE, GRAFIK)
    assert sum(t.text.startswith("Rp ") for t in picture.texts()) == 10
    assert min(t.size for t in picture.texts()) >= GRAFIK["font_min"]


def test_each_row_is_as_tall_as_its_own_name_or_its_bars():
    [picture] = _budget().plan(SIZE, GRAFIK)
    keys = [t.y for t in picture.texts() if t.text == "Anggaran 2025"]
    middles = sorted((s.y + s.h / 2 for s in picture.shapes if isinstance(s, charts.Box) and s.y > max(keys)),
                     reverse=True)
    assert len(middles) == 10  # the bars (not the legend's swatch), top row first
    pitch = [upper - lower for upper, lower in zip(middles, middles[1:])]
    assert pitch[0] > pitch[5] + 0.1, "the three-line name's row is taller than the rows of one-line names"


def test_a_chart_of_mixed_rows_that_must_continue_is_balanced_on_one_scale():
    pictures = _budget(PROGRAMS * 3).plan(SIZE, GRAFIK)
    counts = [sum(t.text.startswith("Rp ") for t in p.texts()) for p in pictures]
    assert sum(counts) == 30 and len(pictures) >= 3
    assert max(counts) - min(counts) <= 1, "parts are balanced (10 + 10 + 10, not 13 + 13 + 4)"
    assert max(counts) <= GRAFIK["maks_kategori"]
    ends = {round(t.box()[0], 6) for p in pictures for t in p.texts() if t.text == "Rp 285,49 M"}
    assert len(ends) == 1, "the same value axis on every part"


def _unseen_trend(n: int) -> Panels:
    """The unseen agency's Tren: five years of percentages, an end target, two names of two lines, and
    one indicator whose realisasi is not reported (its mark explained under the chart)."""
    years = tuple(str(y) for y in range(2021, 2026))
    values = (85.0, 82.3, 87.0, 86.1, 88.0, 89.4, 90.0, 88.6, 92.0, 93.48)
    bars = tuple(Bar(v, f"{v:.2f}%".replace(".", ",")) for v in values)
    missing = bars[:-1] + (Bar(None, "b.d.", "b.d. = realisasi belum dilaporkan"),)
    return Panels(tuple(Category(LONG if i in (0, n - 4) else f"Indikator {i}", missing if i == 8 else bars,
                                 reference=Bar(95.0, "95,00%")) for i in range(n)),
                  ("Target", "Realisasi"), years, reference="Target akhir Renstra")


@pytest.mark.parametrize("n", [9, 17])
def test_no_trend_panel_is_alone_on_a_slide_and_the_parts_are_balanced(n):
    pictures = _unseen_trend(n).plan(SIZE, GRAFIK)
    counts = [sum(t.text == "95,00%" for t in p.texts()) for p in pictures]  # each panel's end target, once
    assert sum(counts) == n
    assert min(counts) >= 2, f"a panel alone on a slide: {counts}"
    assert max(counts) - min(counts) <= 1, f"balanced: {counts}"
    assert len(pictures) == math.ceil(n / 3), "three panels a slide at the floors"


# --- maks_total: a chart limited to the categories that need attention most ---------------------------
def _limited(agency: str, limit: int):
    """The target-and-realisasi slides of an agency's every indicator, limited to `limit` panels, with
    the indicators (in the order of the tables) and each one's capaian rows of the two years."""
    from sakip_report import analisis

    data = read_data(AGENCIES[agency])
    results = compute(data, load_rules(paths.TEMPLATES / paths.RULES), period_of(data, None))
    ctx = Context(data, results, Templates(paths.TEMPLATES / paths.TEXT, template_variables(data, results)), LAYOUT)
    slides = build_chart({"grafik": "target_realisasi", "title": "X", "maks_total": limit}, ctx, "slides/x.toml")
    cap, p = analisis.capaian_lookup(results), results.period
    indicators = [(r.nama, [analisis.year_row(cap, r.kode, p.tahun_lalu), analisis.period_row(cap, r.kode, p)])
                  for r in results.indikator.itertuples()]  # in the order of the tables: IKU, then IKP
    return slides, indicators


def _shown(slides, indicators) -> list[str]:
    """The indicators whose panels the slides show, in the order shown: each panel's title is its
    lines (bold texts, one after another in the plan) joined; a long name ends in "…"."""
    titles, current = [], []
    for shape in (shape for s in slides for shape in s.extra["chart"].shapes):
        if isinstance(shape, Text) and shape.bold:
            current.append(shape.text)
        elif current:
            titles.append(" ".join(current))
            current = []
    names = [name for name, _ in indicators]

    def named(title: str) -> str:
        cut = title.split(charts.ELLIPSIS)[0].rstrip() if charts.ELLIPSIS in title else None
        return max((n for n in names if title.startswith(n) or (cut and n.startswith(cut))), key=len)

    return [named(title) for title in titles]


def test_a_limited_chart_never_leaves_out_an_unreported_realisasi_or_a_lower_capaian():
    from sakip_report import analisis, tables

    slides, indicators = _limited("dinkes", 10)
    shown = _shown(slides, indicators)
    left_out = [(name, rows) for name, rows in indicators if name not in shown]
    kept = [(name, rows) for name, rows in indicators if name in shown]
    unreported = [name for name, rows in indicators
                  if any(tables.capaian_reason(row) == tables.BELUM_DILAPORKAN for row in rows)]
    assert unreported and all(name in shown for name in unreported)

    def lowest(rows):
        values = [analisis.attr(row, "capaian") for row in rows]
        return min((v for v in values if v is not None and v == v), default=math.inf)

    assert left_out, "some are left out"
    assert max(lowest(rows) for name, rows in kept if name not in unreported) <= min(lowest(r) for _, r in left_out), \
        "no indicator left out has a lower capaian, in either year, than one shown"


def test_a_limited_chart_names_what_it_leaves_out_in_its_caption_or_its_notes_and_says_where():
    for limit, where in ((35, "caption"), (10, "notes")):
        slides, indicators = _limited("dinkes", limit)
        caption, notes = slides[0].caption, slides[0].notes
        assert all(s.caption == caption and s.notes == notes for s in slides), "every part says the same"
        shown = _shown(slides, indicators)
        left_out = [name for name, _ in indicators if name not in shown]
        assert caption.startswith(f"{len(indicators) - len(left_out)} dari {len(indicators)}")
        assert "urut seperti tabel" in caption, "the panels' order is said"
        if where == "caption":
            assert all(name in caption for name in left_out), caption
        else:
            assert "catatan pembicara" in caption and f"{len(left_out)} lainnya" in caption, caption
        assert all(name in notes for name in left_out), "the notes name each with its capaian"
        assert measure.text_width(caption, LAYOUT["subjudul"]["font"], True) <= content_frame(LAYOUT).width


def test_a_limited_chart_keeps_the_panels_in_the_order_of_the_tables():
    slides, indicators = _limited("dinkes", 10)
    names = [name for name, _ in indicators]
    order = [names.index(name) for name in _shown(slides, indicators)]
    assert order == sorted(order) and len(order) >= 10


def test_a_limited_chart_slide_carries_the_left_out_indicators_in_its_speaker_notes(tmp_path):
    from pptx import Presentation

    from sakip_report.build import Options, build

    slides = tmp_path / "slides"
    shutil.copytree(paths.SLIDES, slides)
    definition = slides / "16_grafik_target_realisasi.toml"
    definition.write_text(definition.read_text(encoding="utf-8") + "maks_total = 3\n", encoding="utf-8")
    result = build(Options(out=tmp_path / "out", slides=slides, formats=("pptx",), preview=False, chart_worker=False))
    deck = Presentation(str(next(p for p in result.outputs if p.suffix == ".pptx")))
    limited = [s for s in deck.slides if s.shapes.title.text.startswith("TARGET DAN REALISASI")]
    assert limited
    for slide in limited:
        notes = slide.notes_slide.notes_text_frame.text
        assert notes.startswith("Tidak tampil pada grafik ini (6 dari 9"), notes
        assert notes.count("\n- ") == 6 and "capaian 2023" in notes, "each left out with its capaian"


def test_an_end_target_of_zero_is_a_visible_labelled_dashed_line_not_hidden_under_the_baseline():
    """The unseen agency's BABS panel: the share still defecating in the open, to be 0% by the Renstra's end."""
    years = tuple(str(y) for y in range(2021, 2026))
    values = (7.5, 8.12, 6.5, 6.84, 5.5, 5.36, 4.5, 4.12, 3.5, 3.18)
    panel = Category("Persentase rumah tangga BABS", tuple(Bar(v, f"{v:.2f}%".replace(".", ",")) for v in values),
                     reference=Bar(0.0, "0,00%"))
    [picture] = Panels((panel,), ("Target", "Realisasi"), years, reference="Target akhir Renstra").plan(SIZE, GRAFIK)
    [line] = _reference_lines(picture)
    (x0, y), (x1, _) = line.points
    bars = [b for b in picture.shapes if isinstance(b, charts.Box) and b.h > 0.3]
    assert all(b.y == pytest.approx(y) for b in bars), "the bars stand on the end target's line"
    solid = [s for s in picture.shapes if isinstance(s, Line) and not s.dashed
             and all(py == pytest.approx(y) for _, py in s.points)]
    assert not solid, "no solid baseline drawn over the dashed line hides it"
    [value] = [t for t in picture.texts() if t.text == "0,00%"]
    assert value.box()[1] > y and value.box()[2] == pytest.approx(x1), "its value above its right end"
    assert_no_reference_line_crosses_a_text(charts.figure(picture, PALETTE))
