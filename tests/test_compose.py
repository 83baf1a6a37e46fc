"""Stage 5 — slide definitions + results → finished slide content: shapes, merges, formats, sources,
and template mistakes reported with the file they are in."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from workbooks import fictional, make_workbooks

from sakip_report import paths
from sakip_report.compose import TemplateProblem, compose
from sakip_report.compute import Period, compute, load_rules
from sakip_report.content import LEFT, UP
from sakip_report.normalise import S1, read_data

RULES = load_rules(Path(__file__).parent / "data" / "aturan.toml")  # the tests' own rules, not templates/
TEXT = paths.TEMPLATES / paths.TEXT
SOURCE = re.compile(r"(profil|kinerja|anggaran)\.xlsx![^!]+![A-Z]+\d+")


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    folder = make_workbooks(tmp_path_factory.mktemp("wb"))
    data = read_data(folder)
    return folder, data, compute(data, RULES)


@pytest.fixture(scope="module")
def deck(source):
    _, data, results = source
    return compose(data, results, paths.SLIDES, TEXT)


def by_file(deck, name: str):
    found = [s for s in deck if s.source_file == f"slides/{name}"]
    assert found, name
    return found[0]


def slides_of(tmp_path: Path, source, definitions: dict[str, str], text_dir: Path = TEXT):
    """Compose a deck from definitions written into a fresh slides folder."""
    _, data, results = source
    folder = tmp_path / "slides"
    folder.mkdir(exist_ok=True)
    for name, text in definitions.items():
        (folder / name).write_text(text, encoding="utf-8")
    return compose(data, results, folder, text_dir)


def rows_of(table):
    return list(table.header) + [row for group in table.groups for row in group]


def texts(row):
    return [c.text for c in row]


def keyed(table, group: int, row: int = 0) -> dict:
    """The cells of one body row by column id."""
    return dict(zip(table.columns, table.groups[group][row]))


TABLE_FILES = sorted(p.name for p in paths.SLIDES.glob("*.toml")  # the tables every deck has (no `bila`)
                     if 'kind = "tabel"' in (text := p.read_text(encoding="utf-8")) and "\nbila = " not in text)


# --- shapes and merge markers -----------------------------------------------------------------
@pytest.mark.parametrize("name", TABLE_FILES)
def test_every_table_row_has_as_many_cells_as_widths(deck, name):
    table = by_file(deck, name).table
    assert all(len(row) == len(table.widths) for row in rows_of(table))


@pytest.mark.parametrize("name", TABLE_FILES)
def test_merge_markers_always_point_at_a_cell_in_the_same_block(deck, name):
    """"<" never in the first column; "^" never on the first row of the header or of a group
    (a group is what moves to the next page as a whole)."""
    table = by_file(deck, name).table
    for block in [table.header] + list(table.groups):
        for r, row in enumerate(block):
            for c, cell in enumerate(row):
                if cell.merged and cell.text == LEFT:
                    assert c > 0
                if cell.merged and cell.text == UP:
                    assert r > 0


def test_header_merge_markers_come_from_the_definition(deck):
    header = by_file(deck, "12_capaian_iku.toml").table.header
    assert texts(header[0])[:4] == ["NO", "SASARAN PD", "<", "TAHUN 2023"]
    assert texts(header[1])[0] == "^"
    assert all(c.merged for c in header[0][7:])
    assert header[0][0].role == "header" and not header[0][0].merged


def test_indicator_formula_takes_three_rows_with_numerator_and_denominator(deck):
    group = by_file(deck, "03_ikp.toml").table.groups[0]
    assert [texts(r) for r in group] == [
        ["1.", "Persentase cadangan pangan tersedia", "Cadangan dibanding rencana", "<", "60,00%", "65,00%"],
        ["^", "^", "Cadangan pangan tersedia", "×\u00a0100", "^", "^"],
        ["^", "^", "Rencana cadangan pangan", "^", "^", "^"]]
    assert (group[1][2].role, group[2][2].role) == ("num", "den")


def test_indicator_without_formula_is_a_single_row(deck):
    group = by_file(deck, "02_iku.toml").table.groups[1]
    assert [texts(r) for r in group] == [
        ["2.", "Nilai SAKIP Dinas Ketahanan Pangan", "Nilai evaluasi dari Inspektorat", "<", "70", "75"]]


def test_no_cell_of_the_deck_reads_nan(deck):
    cells = [c.text for s in deck if s.table for row in rows_of(s.table) for c in row]
    assert not [t for t in cells if "nan" in t.lower().split()]


def test_blank_optional_texts_show_empty_or_dash(tmp_path):
    folder = make_workbooks(tmp_path, edit={"kinerja.xlsx": {"IKU": {"E5": None, "H5": None}},
                                            "anggaran.xlsx": {"Sub Kegiatan": {"D5": None}}})
    data = read_data(folder)
    deck = compose(data, compute(data, RULES), paths.SLIDES, TEXT)
    iku = by_file(deck, "02_iku.toml").table
    assert keyed(iku, 0)["definisi"].text == ""  # no definisi
    assert keyed(iku, 0, 1)["pengali"].text == "×\u00a0100"  # an empty pengali means 100; no break after ×
    assert keyed(by_file(deck, "06_anggaran_kemiskinan.toml").table, 0)["indikator"].text == "-"
    cells = [c.text for s in deck if s.table for row in rows_of(s.table) for c in row]
    assert not [t for t in cells if "nan" in t.lower().split()]


def test_programs_with_several_indicators_merge_their_number_and_name(deck):
    table = by_file(deck, "14_capaian_ikp.toml").table
    assert [len(g) for g in table.groups] == [1, 2]
    second = keyed(table, 1, 1)
    assert [second[c].text for c in ("no", "induk", "nama")] == ["^", "^", "Persentase pasar terpantau harga"]


def test_total_row_spans_the_label_columns(deck):
    table = by_file(deck, "04_anggaran_program.toml").table
    total = keyed(table, -1)
    assert [total[c].text for c in ("no", "program", "indikator", "anggaran")] == ["TOTAL", "<", "<", "1.870.500.000"]
    assert total["no"].role == total["anggaran"].role == "total"
    assert total["anggaran"].bold


def test_program_without_indicator_shows_a_dash(deck):
    first = keyed(by_file(deck, "04_anggaran_program.toml").table, 0)
    assert [first[c].text for c in ("no", "program", "indikator")] == ["1.", "Program Penunjang Urusan Pemerintahan", "-"]


# --- figures -----------------------------------------------------------------------------------
@pytest.mark.parametrize(("name", "group", "row", "col", "text"), [
    ("12_capaian_iku.toml", 0, 0, "capaian_s2", "94,87%"),
    ("12_capaian_iku.toml", 0, 0, "capaian_lalu", "102,78%"),
    ("12_capaian_iku.toml", 0, 0, "target_s1", "-"),  # no Semester I target
    ("12_capaian_iku.toml", 1, 0, "realisasi_lalu", "72,50"),  # a score with decimals
    ("12_capaian_iku.toml", 1, 0, "target_lalu", "70"),  # a whole score without
    ("14_capaian_ikp.toml", 1, 0, "capaian_s2", "120,00%"),  # lower-is-better
    ("04_anggaran_program.toml", 1, 0, "anggaran", "250.000.000"),
    ("04_anggaran_program.toml", 3, 0, "anggaran", "1.870.500.000"),
    ("06_anggaran_kemiskinan.toml", 2, 0, "anggaran", "270.500.000"),
    ("11_program_prioritas.toml", 0, 0, "target", "50 ton"),
    ("17_alokasi_sasaran.toml", 0, 0, "anggaran", "370.500.000"),
    ("17_alokasi_sasaran.toml", 0, 0, "capaian", "91,77"),
])
def test_figures_are_formatted_the_indonesian_way(deck, name, group, row, col, text):
    assert keyed(by_file(deck, name).table, group, row)[col].text == text


@pytest.mark.parametrize(("name", "group", "col", "sources"), [
    ("12_capaian_iku.toml", 0, "realisasi_s2", ("kinerja.xlsx!IKU!R5",)),
    ("12_capaian_iku.toml", 0, "capaian_s2", ("kinerja.xlsx!IKU!P5", "kinerja.xlsx!IKU!R5")),
    ("04_anggaran_program.toml", 0, "anggaran", ("anggaran.xlsx!Program!E4",)),
    ("04_anggaran_program.toml", 3, "anggaran", ("anggaran.xlsx!Program!E4", "anggaran.xlsx!Program!E5",
                                                 "anggaran.xlsx!Program!E6")),
    ("17_alokasi_sasaran.toml", 1, "anggaran", ("anggaran.xlsx!Program!E4",)),
])
def test_figure_cells_carry_the_cells_they_come_from(deck, name, group, col, sources):
    assert keyed(by_file(deck, name).table, group)[col].sources == sources


@pytest.mark.parametrize("name", TABLE_FILES)
def test_every_figure_cell_is_traced_to_existing_source_cells(deck, source, name):
    folder = source[0]
    books = {}
    for row in [r for g in by_file(deck, name).table.groups for r in g]:
        for c, cell in enumerate(row):
            if cell.merged:
                continue
            figure = re.fullmatch(r"[\d.,]+%?( \w+)?", cell.text) and not re.fullmatch(r"\d+\.", cell.text)
            if figure:
                assert cell.sources, (name, cell.text)
            for ref in cell.sources:
                assert SOURCE.fullmatch(ref), ref
                file, sheet, address = ref.split("!")
                books.setdefault(file, load_workbook(folder / file, data_only=True))
                assert books[file][sheet][address].value is not None, ref


def test_kondisi_lines_use_the_text_template_and_format_by_unit(deck):
    block = by_file(deck, "08_kondisi.toml").blocks[0]
    assert block.lines == ("Persentase Penduduk Rawan Pangan : 7,25%", "Jumlah Desa Rawan Pangan : 12 desa")
    assert block.sources == ("profil.xlsx!Kondisi!4", "profil.xlsx!Kondisi!5")


def test_titles_are_rendered_with_agency_and_period(deck):
    judul = by_file(deck, "01_judul.toml")
    assert judul.subtitle == "DINAS KETAHANAN PANGAN"
    assert judul.caption == "Kabupaten Sukamaju · Tahun 2023–2024"
    assert texts(by_file(deck, "02_iku.toml").table.header[1])[4:] == ["TAHUN 2023", "TAHUN 2024"]


def test_semester_i_report_marks_semester_ii_realisasi_and_capaian_not_due(source):
    _, data, _ = source
    results = compute(data, RULES, Period(2024, 2023, S1))
    table = by_file(compose(data, results, paths.SLIDES, TEXT), "12_capaian_iku.toml").table
    row = keyed(table, 1)
    assert row["target_s2"].text == "75"  # the Semester II target is known and shown
    assert [row[c].text for c in ("realisasi_s1", "realisasi_s2", "capaian_s1", "capaian_s2")] == ["70,20", "…", "97,50%", "…"]
    assert row["realisasi_s2"].mark == row["capaian_s2"].mark == "belum_jatuh_tempo"


def test_perangkat_daerah_groups_roles_under_their_merged_name(deck):
    slide = by_file(deck, "07_perangkat_daerah.toml")
    assert [(g.name, g.items) for g in slide.groups] == [
        ("DINAS SOSIAL", ("Menyalurkan bantuan pangan", "Memverifikasi data penerima")),
        ("DINAS PERTANIAN", ("Meningkatkan produksi padi",))]
    assert [b.lines for b in slide.bands] == [("BAPPEDA",), ("Perguruan Tinggi",)]


# --- slide definitions: order, tampil, mistakes -------------------------------------------------
JUDUL = 'kind = "judul"\ntitle = "JUDUL {{ periode.tahun }}"\n'
PENUTUP = 'kind = "penutup"\ntitle = "TERIMA KASIH"\n'


def test_slides_follow_the_order_of_the_file_names(tmp_path, source):
    deck = slides_of(tmp_path, source, {"01_a.toml": JUDUL, "02_b.toml": PENUTUP})
    assert [s.title for s in deck] == ["JUDUL 2024", "TERIMA KASIH"]


def test_renaming_files_reorders_slides(tmp_path, source):
    deck = slides_of(tmp_path, source, {"02_a.toml": JUDUL, "01_b.toml": PENUTUP})
    assert [s.title for s in deck] == ["TERIMA KASIH", "JUDUL 2024"]
    assert [s.source_file for s in deck] == ["slides/01_b.toml", "slides/02_a.toml"]


def test_reordering_the_real_definitions_reorders_the_deck(tmp_path, source):
    folder = tmp_path / "slides"
    shutil.copytree(paths.SLIDES, folder)
    (folder / "19_penutup.toml").rename(folder / "00_penutup.toml")
    _, data, results = source
    deck = compose(data, results, folder, TEXT)
    assert deck[0].kind == "penutup" and deck[1].kind == "judul"


@pytest.mark.parametrize("flag", ["false", "false # hidden for now"])
def test_tampil_false_drops_the_slide(tmp_path, source, flag):
    deck = slides_of(tmp_path, source, {"01_a.toml": JUDUL + f"tampil = {flag}\n", "02_b.toml": PENUTUP})
    assert [s.kind for s in deck] == ["penutup"]


def test_tampil_true_keeps_the_slide(tmp_path, source):
    deck = slides_of(tmp_path, source, {"01_a.toml": JUDUL + "tampil = true\n"})
    assert [s.kind for s in deck] == ["judul"]


@pytest.mark.parametrize(("definition", "words"), [
    ('kind = "diagram"\ntitle = "X"\n', ("kind", "diagram")),
    ('title = "X"\n', ("kind", "None")),
    ('kind = "tabel"\ntabel = "anggaran_kegiatan"\ntitle = "X"\nheader = [["A"]]\nwidths = [1]\n',
     ("tabel", "anggaran_kegiatan")),
    ('kind = "grafik"\ngrafik = "pie"\ntitle = "X"\n', ("grafik", "pie")),
])
def test_unknown_kind_table_or_chart_names_the_file(tmp_path, source, definition, words):
    with pytest.raises(TemplateProblem) as info:
        slides_of(tmp_path, source, {"01_judul.toml": JUDUL, "07_salah.toml": definition})
    assert "slides/07_salah.toml" in str(info.value)
    for word in words:
        assert word in str(info.value)


def test_unknown_kind_fails_even_when_the_slide_is_hidden(tmp_path, source):
    with pytest.raises(TemplateProblem, match="slides/03_x.toml"):
        slides_of(tmp_path, source, {"03_x.toml": 'kind = "diagram"\ntampil = false\n'})


@pytest.mark.parametrize(("field", "template"), [
    ("title", "{{ pd.nmaa }}"),
    ("subtitle", "{{ periode.thaun }}"),
    ("caption", "{{ pemda }}"),
    ("title", "{{ pd.nama | hurufbesar }}"),
    ("title", "{{ pd.nama "),
    ("title", "{% if %}"),
])
def test_template_mistake_names_the_file(tmp_path, source, field, template):
    definition = f'kind = "judul"\n{field} = "{template}"\n'
    with pytest.raises(TemplateProblem) as info:
        slides_of(tmp_path, source, {"05_typo.toml": definition})
    assert "slides/05_typo.toml" in str(info.value)


def test_template_mistake_in_a_table_header_names_the_file(tmp_path, source):
    definition = ('kind = "tabel"\ntabel = "anggaran_program"\ntitle = "X"\n'
                  'header = [["NO", "PROGRAM", "INDIKATOR", "ANGGARAN {{ periode.tahunn }}"]]\nwidths = [1, 1, 1, 1]\n')
    with pytest.raises(TemplateProblem, match="slides/04_tabel.toml"):
        slides_of(tmp_path, source, {"04_tabel.toml": definition})


def test_template_mistake_in_a_text_template_names_that_file(tmp_path, source):
    text_dir = tmp_path / "text"
    text_dir.mkdir()
    (text_dir / "kondisi.j2").write_text("{{ uraiann }} : {{ nilai }}", encoding="utf-8")
    definition = (paths.SLIDES / "08_kondisi.toml").read_text(encoding="utf-8")
    with pytest.raises(TemplateProblem, match="templates/text/kondisi.j2"):
        slides_of(tmp_path, source, {"08_kondisi.toml": definition}, text_dir)


@pytest.mark.parametrize("template", [
    "{{ ''.__class__.__mro__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ pd.__class__ }}",
    "{{ periode.tahun.__class__.__base__ }}",
    "{{ pd.nama.__len__() }}",
    "{{ cycler.__init__.__globals__ }}",
])
def test_sandbox_refuses_dunder_access(tmp_path, source, template):
    with pytest.raises(TemplateProblem) as info:
        slides_of(tmp_path, source, {"01_judul.toml": f'kind = "judul"\ntitle = "{template}"\n'})
    assert "slides/01_judul.toml" in str(info.value)
    assert "unsafe" in str(info.value)
    assert "<class" not in str(info.value)  # nothing leaked into the message


def test_table_with_fewer_widths_than_columns_names_the_file(tmp_path, source):
    definition = ('kind = "tabel"\ntabel = "anggaran_program"\ntitle = "X"\n'
                  'header = [["NO", "PROGRAM", "INDIKATOR", "ANGGARAN"]]\nwidths = [1, 1, 1]\n')
    with pytest.raises(TemplateProblem, match="slides/04_lebar.toml"):
        slides_of(tmp_path, source, {"04_lebar.toml": definition})


def test_invalid_toml_names_the_file(tmp_path, source):
    with pytest.raises(TemplateProblem, match="slides/02_rusak.toml"):
        slides_of(tmp_path, source, {"01_a.toml": JUDUL, "02_rusak.toml": 'kind = "judul\ntitle = \n'})


def test_empty_slides_folder_is_a_template_problem(tmp_path, source):
    with pytest.raises(TemplateProblem):
        slides_of(tmp_path, source, {})


def test_with_several_mistakes_the_first_slide_file_is_named_though_charts_are_composed_first(tmp_path, source):
    table = ('kind = "tabel"\ntabel = "anggaran_program"\ntitle = "{{ pd.nmaa }}"\n'
             'header = [["NO", "PROGRAM", "INDIKATOR", "ANGGARAN"]]\nwidths = [1, 1, 1, 1]\n')
    chart = 'kind = "grafik"\ngrafik = "anggaran_program"\ntitle = "{{ pd.nmaa }}"\n'
    with pytest.raises(TemplateProblem, match="slides/02_tabel.toml"):
        slides_of(tmp_path, source, {"02_tabel.toml": table, "05_grafik.toml": chart})


# --- table columns by id (slides/*.toml `kolom`) ------------------------------------------------
def _edited(tmp_path, name: str, edit) -> Path:
    """A copy of slides/ whose definition `name` is changed by `edit(text) -> text`."""
    folder = tmp_path / "slides"
    shutil.copytree(paths.SLIDES, folder)
    (folder / name).write_text(edit((folder / name).read_text(encoding="utf-8")), encoding="utf-8")
    return folder


def test_a_column_is_added_by_its_definition(tmp_path, source):
    _, data, results = source
    folder = _edited(tmp_path, "12_capaian_iku.toml", lambda t: t.replace(
        "]\n", '  { id = "keterangan", judul = ["KETERANGAN", "^", "^"], lebar = 1.2 },\n]\n'))
    table = by_file(compose(data, results, folder, TEXT), "12_capaian_iku.toml").table
    assert table.columns[-1] == "keterangan" and len(table.widths) == 14
    assert table.header[0][-1].text == "KETERANGAN"
    assert {keyed(table, g)["keterangan"].text for g in range(len(table.groups))} <= {"Tercapai", "Belum tercapai"}
    assert keyed(table, 0)["keterangan"].text == "Belum tercapai"  # capaian 94,87%


def test_a_column_is_removed_and_the_rest_reordered_by_the_definition(tmp_path, source):
    _, data, results = source

    def edit(text):
        lines = text.splitlines(keepends=True)
        anggaran = next(line for line in lines if 'id = "anggaran"' in line)
        lines = [line for line in lines if 'id = "indikator"' not in line and line != anggaran]
        at = next(i for i, line in enumerate(lines) if 'id = "program"' in line)
        return "".join(lines[:at] + [anggaran] + lines[at:])

    table = by_file(compose(data, results, _edited(tmp_path, "04_anggaran_program.toml", edit), TEXT),
                    "04_anggaran_program.toml").table
    assert table.columns == ("no", "anggaran", "program")
    total = keyed(table, -1)
    assert (total["no"].text, total["anggaran"].text, total["program"].text) == ("TOTAL", "1.870.500.000", "")


def test_a_column_may_ask_for_another_number_format(tmp_path, source):
    _, data, results = source
    folder = _edited(tmp_path, "17_alokasi_sasaran.toml",
                     lambda t: t.replace('judul = ["ANGGARAN"], lebar = 2.0 }', 'judul = ["ANGGARAN"], lebar = 2.0, format = "rupiah" }'))
    table = by_file(compose(data, results, folder, TEXT), "17_alokasi_sasaran.toml").table
    assert keyed(table, 0)["anggaran"].text == "Rp 370.500.000"


@pytest.mark.parametrize(("edit", "words"), [
    (lambda t: t.replace('id = "capaian"', 'id = "capaiannya"'), ("capaiannya", "pilihan", "realisasi")),
    (lambda t: t.replace('id = "capaian"', 'id = "anggaran"'), ("anggaran", "dua kali")),
    (lambda t: t.replace("lebar = 1.4", 'lebar = "lebar"'), ("capaian", "lebar")),
    (lambda t: t.replace("lebar = 1.4", 'lebar = 1.4, format = "romawi"'), ("romawi", "format")),
    (lambda t: t.split("kolom = [")[0], ("kolom", "sasaran, indikator")),
], ids=["unknown id", "twice", "width", "format", "no columns"])
def test_a_column_mistake_names_the_file_and_the_choices(tmp_path, source, edit, words):
    _, data, results = source
    folder = _edited(tmp_path, "17_alokasi_sasaran.toml", edit)
    with pytest.raises(TemplateProblem) as err:
        compose(data, results, folder, TEXT)
    assert "17_alokasi_sasaran.toml" in str(err.value)
    assert all(w in str(err.value) for w in words), str(err.value)


def test_sub_kegiatan_of_one_program_and_kegiatan_name_them_once(deck):
    """Two priority sub kegiatan of one kegiatan: one group, the program and kegiatan merged down."""
    table = by_file(deck, "11_program_prioritas.toml").table
    first, second = keyed(table, 0, 0), keyed(table, 0, 1)
    assert first["kegiatan"].text and first["program"].text
    assert second["program"].merged and second["kegiatan"].merged
    assert [first["sub_kegiatan"].text, second["sub_kegiatan"].text] == ["Pengadaan Cadangan Pangan",
                                                                         "Pengembangan Lumbung Pangan"]


def test_programs_sharing_a_name_stay_apart_in_the_sub_kegiatan_tables(tmp_path):
    """Two urusan each have a "Program Penunjang …" with the same kegiatan names: rows merge by code,
    so the kemiskinan table keeps the two programs as two groups."""
    spec = fictional()
    program, kegiatan = spec["anggaran.xlsx"]["Program"].rows, spec["anggaran.xlsx"]["Kegiatan"].rows
    program[2][2], kegiatan[2][2] = program[1][2], kegiatan[1][2]
    data = read_data(make_workbooks(tmp_path, spec=spec))
    slides = compose(data, compute(data, RULES), paths.SLIDES, TEXT)
    table = by_file(slides, "06_anggaran_kemiskinan.toml").table
    programs = [keyed(table, g)["program"] for g in range(len(table.groups) - 1)]  # the last is the total
    assert len(programs) == 2 and not any(c.merged for c in programs)
