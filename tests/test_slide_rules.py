"""What a reader of the deck relies on: units said once, absent figures told apart and explained,
notes that agree with the slide, lists with bullets and hanging indents, valid slides for empty
sheets, and texts too long for any slide named by their sheet row."""
from __future__ import annotations

import re
from dataclasses import replace
import shutil
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest
from openpyxl import load_workbook
from pptx import Presentation

from sample_sheets import indicator_rows
from sakip_report import paths
from sakip_report.build import Options, build
from sakip_report.compose import read_layout
from sakip_report.tables import hoist_units
from sakip_report.content import MERGE_LEFT, Cell, Group, Slide, TextBlock
from sakip_report.problems import InputError
from sakip_report.render import render

DINKES = paths.ROOT / "data" / "contoh-dinkes"
LAYOUT = read_layout(paths.TEMPLATES)


def _head(text):
    return Cell(text, "center", True, "header")


# --- units ------------------------------------------------------------------------------------
def test_a_column_sharing_one_unit_says_it_once_in_its_header():
    header = ((_head("NO"), _head("TARGET"), _head("ANGGARAN")),)
    groups = (((Cell("1."), Cell("160 orang", unit="orang"), Cell("1.000")),),
              ((Cell("2."), Cell("25 orang", unit="orang"), Cell("2.000")),))
    header, groups = hoist_units(header, groups)
    assert header[0][1].text == "TARGET (orang)"
    assert [g[0][1].text for g in groups] == ["160", "25"]


def test_a_column_of_mixed_units_keeps_them_in_its_cells():
    header = ((_head("TARGET"),),)
    groups = (((Cell("160 orang", unit="orang"),),), ((Cell("3 dokumen", unit="dokumen"),),))
    assert hoist_units(header, groups) == (header, groups)


def test_a_unit_goes_to_no_header_cell_spanning_other_columns():
    header = ((_head("TARGET"), MERGE_LEFT),)
    groups = (((Cell("1 orang", unit="orang"), Cell("2 orang", unit="orang")),),)
    assert hoist_units(header, groups) == (header, groups)


@pytest.fixture(scope="module")
def dinkes(tmp_path_factory):
    out = tmp_path_factory.mktemp("dinkes")
    build(Options(data=DINKES, out=out, formats=("pptx",), preview=False))
    return Presentation(str(next(out.glob("*.pptx"))))


def _rows(deck, title_start):
    for slide in deck.slides:
        if slide.shapes.title is not None and slide.shapes.title.text_frame.text.startswith(title_start):
            for shape in slide.shapes:
                if getattr(shape, "has_table", False) and shape.has_table:
                    for row in shape.table.rows:
                        yield slide, [" ".join(c.text.split()) for c in row.cells]


def test_an_indicator_with_a_unit_word_names_it_once_and_its_cells_hold_numbers(dinkes):
    [(_, row)] = [r for r in _rows(dinkes, "CAPAIAN INDIKATOR KINERJA UTAMA") if "Angka Kematian Ibu" in " ".join(r[1])]
    name = next(c for c in row if c.startswith("Angka Kematian Ibu"))
    assert name.endswith("(per 100.000 KH)")
    figures = row[row.index(name) + 1:]
    assert not any("KH" in c for c in figures), figures


# --- absent figures ----------------------------------------------------------------------------
def _workbook_row(sheet: str, name: str) -> dict:
    return next(r for r in indicator_rows(DINKES / "kinerja.xlsx", sheet) if str(r["Indikator"]).startswith(name))


def test_not_reported_and_no_target_look_different_and_the_footnote_explains_both(dinkes):
    tanda = LAYOUT["tanda"]
    stunting = _workbook_row("IKU", "Prevalensi Balita Stunting")
    assert stunting["2025 Target Semester II"] not in (None, "-") and stunting["2025 Realisasi Semester II"] is None
    slide, row = next((s, r) for s, r in _rows(dinkes, "CAPAIAN INDIKATOR KINERJA UTAMA")
                      if any(c.startswith("Prevalensi Balita Stunting") for c in r))
    assert row[-3] == tanda["belum_dilaporkan"] and row[-1] == tanda["belum_dilaporkan"]  # realisasi, capaian S II
    assert tanda["tanpa_target"] != tanda["belum_dilaporkan"]
    footnote = " ".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame and "Keterangan" in sh.text_frame.text)
    assert tanda["keterangan_belum_dilaporkan"] in footnote and tanda["keterangan_tanpa_target"] in footnote


def test_a_capaian_that_divides_by_zero_is_marked_as_such_not_as_no_target(tmp_path):
    """IKU-2's semester II target set to 0 (its realisasi stays): the capaian cell shows the
    'tidak dapat dihitung' mark, the footnote explains that mark, and the notes say why."""
    tanda = LAYOUT["tanda"]
    data = tmp_path / "data"
    shutil.copytree(paths.ROOT / "data" / "sample", data)
    wb = load_workbook(data / "kinerja.xlsx")
    ws = wb["IKU"]
    row = next(r for r in range(5, ws.max_row + 1) if ws.cell(r, 2).value == "IKU-2")
    first = next(c for c in range(1, ws.max_column + 1) if ws.cell(3, c).value == "Tahun 2024")
    names = [ws.cell(4, c).value for c in range(first, first + 7)]
    target_s2 = first + names.index("Target Semester II")
    stated_s2 = first + names.index("Capaian Semester II")
    ws.cell(row, target_s2).value, ws.cell(row, stated_s2).value = 0, None
    wb.save(data / "kinerja.xlsx")
    out = tmp_path / "out"
    result = build(Options(data=data, out=out, formats=("pptx",), preview=False))
    assert any("tidak dapat dihitung: target 0" in str(p) for p in result.problems)
    deck = Presentation(str(next(out.glob("*.pptx"))))
    slide, cells = next((s, r) for s, r in _rows(deck, "CAPAIAN INDIKATOR KINERJA UTAMA")
                        if any(c.startswith("Nilai Sakip") for c in r))
    assert tanda["tidak_terhitung"] in cells
    footnote = " ".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame and "Keterangan" in sh.text_frame.text)
    assert tanda["keterangan_tidak_terhitung"] in footnote
    notes = slide.notes_slide.notes_text_frame.text
    assert "tidak dapat dihitung" in notes[notes.index("Nilai Sakip"):]


def test_the_notes_say_which_reason_applies(dinkes):
    notes = "\n".join(s.notes_slide.notes_text_frame.text for s in dinkes.slides if s.has_notes_slide)
    stunting = notes[notes.index("Prevalensi Balita Stunting"):][:300]
    assert "belum dilaporkan" in stunting and "Tidak ada target" not in stunting


def test_notes_compare_the_figures_as_the_slide_shows_them(tmp_path):
    """25,144 → 23,665 shows as 25,14% and 23,67%: a fall of 1,47 points, not the unrounded 1,48."""
    from sakip_report import compose

    period = SimpleNamespace(tahun=2025, tahun_lalu=2024, semester="S2")
    ctx = SimpleNamespace(results=SimpleNamespace(period=period), layout=LAYOUT)
    now = SimpleNamespace(capaian=23.665, target=100.0, realisasi=23.665, kategori="Sangat Rendah", tahun=2025, periode="S2")
    before = SimpleNamespace(capaian=25.144, target=100.0, realisasi=25.144, tahun=2024, periode="Tahunan")
    cap = {("K", 2025, "S2"): now, ("K", 2024, "Tahunan"): before}
    ind = SimpleNamespace(kode="K", nama="X", satuan="%", polaritas="positif")
    facts = compose._note_facts(ctx, cap, ind)
    assert (facts["capaian"], facts["capaian_lalu"], facts["arah"], facts["selisih"]) == ("23,67%", "25,14%", "turun", "1,47")


# --- lists, empty sheets ---------------------------------------------------------------------------
def _render(tmp_path, slides):
    out = tmp_path / "deck.pptx"
    report = render(slides, paths.TEMPLATES / paths.MASTER, LAYOUT, out)
    return out, report


def _xml(pptx: Path) -> str:
    with zipfile.ZipFile(pptx) as z:
        return "\n".join(z.read(n).decode() for n in sorted(z.namelist()) if n.startswith("ppt/slides/slide"))


def test_kondisi_and_permasalahan_share_one_size_with_bullets_and_hanging_indents(tmp_path):
    blocks = (TextBlock("Kondisi :", ("Penduduk miskin : 11,37%",)),
              TextBlock("Permasalahan :", tuple(f"Masalah nomor {i} yang cukup panjang untuk dua baris teks" for i in range(12)),
                        bullets=True))
    out, _ = _render(tmp_path, [Slide("kondisi", "KONDISI", blocks=blocks)])
    xml = _xml(out)
    bodies = re.findall(r'<a:pPr marL="(\d+)" indent="-(\d+)"[^>]*><a:buFont typeface="\+mn-lt"/><a:buChar char="•"/></a:pPr>'
                        r'<a:r><a:rPr sz="(\d+)"', xml)
    assert len(bodies) == 13
    assert len({size for *_, size in bodies}) == 1 and int(bodies[0][2]) >= LAYOUT["daftar"]["font_min"] * 100
    assert all(marl == indent != "0" for marl, indent, _ in bodies)


def test_a_list_too_long_for_one_slide_continues_rather_than_shrinking(tmp_path):
    lines = tuple(f"Permasalahan ke-{i} yang ditulis cukup panjang agar memerlukan dua baris pada kolomnya" for i in range(40))
    out, report = _render(tmp_path, [Slide("kondisi", "KONDISI", blocks=(TextBlock("Kondisi :", ("a",)),
                                                                          TextBlock("Permasalahan :", lines)))])
    deck = Presentation(str(out))
    assert len(deck.slides) >= 2
    assert deck.slides[1].shapes.title.text_frame.text.endswith("(lanjutan)")
    assert report.warnings == []


@pytest.mark.parametrize("slide", [
    Slide("kondisi", "KONDISI", blocks=(TextBlock("Kondisi :", ()), TextBlock("Permasalahan :", ()))),
    Slide("perangkat", "PERAN", extra={"utama": "Perangkat Daerah Utama"}),
    Slide("logframe", "LOGICAL FRAMEWORK", caption="STRATEGI", extra={"label": "INOVASI"}),
], ids=["kondisi", "perangkat", "logframe"])
def test_an_empty_sheet_gives_a_valid_slide_that_says_so(tmp_path, slide):
    out, _ = _render(tmp_path, [slide])
    xml = _xml(out)
    assert LAYOUT["kotak"]["tidak_ada_data"] in xml
    assert "<p:txBody><a:bodyPr" in xml and not re.search(r"<a:lstStyle/></p:txBody>", xml)  # every body has a paragraph


def test_many_perangkat_daerah_continue_on_further_slides_at_the_floor(tmp_path):
    groups = tuple(Group(f"DINAS NOMOR {i}", tuple(f"Peran ke-{k} dinas nomor {i} dalam penanggulangan" for k in range(4)))
                   for i in range(30))
    out, report = _render(tmp_path, [Slide("perangkat", "PERAN", groups=groups, bands=(TextBlock("Penunjang", ("A", "B")),),
                                           extra={"utama": "Perangkat Daerah Utama"})])
    sizes = {int(s) for s in re.findall(r'<a:rPr sz="(\d+)"', _xml(out))}
    assert len(Presentation(str(out)).slides) >= 2 and min(sizes) >= LAYOUT["kotak"]["font_min"] * 100
    assert report.warnings == []


# --- too long for any slide -------------------------------------------------------------------------
@pytest.fixture
def sample_copy(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(paths.DATA, data)
    return data


def _edit(path: Path, sheet: str, cell: str, value) -> None:
    wb = load_workbook(path)
    wb[sheet][cell] = value
    wb.save(path)


def test_a_definition_too_long_for_any_slide_names_its_sheet_and_row(sample_copy, tmp_path):
    _edit(sample_copy / "kinerja.xlsx", "IKU", "E5", "kata " * 4000)
    with pytest.raises(InputError) as err:
        build(Options(data=sample_copy, out=tmp_path / "out", formats=("pptx",), preview=False))
    [problem] = err.value.problems
    assert (problem.file, problem.sheet) == ("kinerja.xlsx", "IKU") and "baris 5" in problem.message
    assert "terlalu panjang" in problem.message


def test_a_name_too_long_for_any_pohon_box_names_its_sheet_and_row(sample_copy, tmp_path):
    _edit(sample_copy / "anggaran.xlsx", "Kegiatan", "C4", "Nama " * 3000)
    with pytest.raises(InputError) as err:
        build(Options(data=sample_copy, out=tmp_path / "out", formats=("pptx",), preview=False))
    problem = err.value.problems[0]
    assert (problem.file, problem.sheet) == ("anggaran.xlsx", "Kegiatan") and "baris 4" in problem.message


def test_a_sasaran_with_many_iku_shows_the_first_ones_and_counts_the_rest():
    from sakip_report import measure, pohon
    from sakip_report.render import _measure_height

    kids = (pohon.TreeNode("program:P", "PROGRAM", "Program"),)
    node = pohon.TreeNode("sasaran:S", "SASARAN", "Sasaran", tuple(f"Indikator kinerja utama ke-{i}" for i in range(40)), kids)
    pages = pohon.layout_pages(node, pohon.Frame(0.4, 1.3, 12.5, 5.5), measure_height=_measure_height, max_pt=12, min_pt=11)
    box = next(b for p in pages for b in p.boxes if b.node_id == "sasaran:S")
    assert box.indicators[-1].startswith("… dan ") and "indikator lain" in box.indicators[-1]
    assert int(box.indicators[-1].split()[2]) == 40 - (len(box.indicators) - 1)
    assert measure.line_height(11) > 0


def test_a_sasaran_name_too_long_for_any_slide_names_its_sheet_and_row(sample_copy, tmp_path):
    _edit(sample_copy / "kinerja.xlsx", "Sasaran", "C4", "Sasaran " * 600)
    with pytest.raises(InputError) as err:
        build(Options(data=sample_copy, out=tmp_path / "out", formats=("pptx",), preview=False))
    problem = err.value.problems[0]
    assert (problem.file, problem.sheet) == ("kinerja.xlsx", "Sasaran") and "baris 4" in problem.message


def test_a_table_of_an_empty_sheet_says_there_is_no_data(tmp_path):
    from sakip_report.compose import compose
    from sakip_report.compute import compute, load_rules
    from sakip_report.normalise import read_data

    data = read_data(paths.DATA)
    data = replace(data, tables={**data.tables, "ikp": data.table("ikp").iloc[0:0]},
                   measures={**data.measures, "ikp": data.measure("ikp").iloc[0:0]})
    results = compute(data, load_rules(Path(__file__).parent / "data" / "aturan.toml"))
    table = next(s for s in compose(data, results, paths.SLIDES, paths.TEMPLATES / "text")
                 if s.source_file.endswith("03_ikp.toml")).table
    [[row]] = table.groups
    assert row[0].text == LAYOUT["kotak"]["tidak_ada_data"] and all(c.merged for c in row[1:])


def test_a_font_file_named_otherwise_is_still_found_by_the_family_it_declares(tmp_path):
    from sakip_report import fonts

    shutil.copy(paths.TEMPLATES / "fonts" / "Carlito-Regular.ttf", tmp_path / "CRL.TTF")
    assert fonts._in_folder("carlito", str(tmp_path), True) is None
    regular, bold = fonts._in_folder("carlito", str(tmp_path), False)
    assert regular.name == "CRL.TTF" and bold == regular


@pytest.mark.parametrize(("heading", "shown"), [("Permasalahan :", "Permasalahan (lanjutan) :"),
                                                ("Permasalahan:", "Permasalahan (lanjutan):"),
                                                ("Permasalahan", "Permasalahan (lanjutan)")])
def test_a_continued_heading_keeps_its_colon_last(heading, shown):
    from sakip_report.render import continued_heading

    assert continued_heading(heading, " (lanjutan)") == shown
