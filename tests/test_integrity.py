"""Never a silently wrong deck (issue 16): which sheet is read, codes across the tree, impossible budgets.

Each test builds its own broken copy of the fictional agency (tests/workbooks.py) and checks the
problem by file, sheet and cell.
"""
from __future__ import annotations

import pytest
from workbooks import fictional, input_problems, make_workbooks

from sakip_report.normalise import read_data
from sakip_report.problems import ERROR, WARNING


def problems_at(problems, where):
    return [p for p in problems if p.where == where]


def stale_iku(books, *, hidden=True, first=True):
    """An old copy of the IKU sheet under an accepted alias, IKU-1's realisasi changed, hidden or not."""
    wb = books["kinerja.xlsx"]
    old = wb.copy_worksheet(wb["IKU"])
    old.title = "Indikator Kinerja Utama"
    old["R5"] = 52.5
    old.sheet_state = "hidden" if hidden else "visible"
    if first:
        wb.move_sheet(old, offset=-wb.index(old) + wb.index(wb["IKU"]))


def realisasi_iku_1(data):
    tidy = data.measure("iku")
    return tidy[(tidy["kode"] == "IKU-1") & (tidy["ukuran"] == "realisasi") & (tidy["periode"] == "S2")]


# --- which sheet is read --------------------------------------------------------------------------
def test_a_hidden_stale_sheet_never_wins_over_the_visible_one(tmp_path):
    data = read_data(make_workbooks(tmp_path, hook=stale_iku))
    row = realisasi_iku_1(data).iloc[0]
    assert row["nilai"] == 94.87 and row["sumber"] == "kinerja.xlsx!IKU!R5"
    [warning] = [p for p in data.problems if p.sheet == "Indikator Kinerja Utama"]
    assert warning.level == WARNING and "tersembunyi" in warning.message and "'IKU'" in warning.message


def test_two_visible_sheets_for_one_role_are_an_error_naming_both(tmp_path):
    problems = input_problems(make_workbooks(tmp_path, hook=lambda b: stale_iku(b, hidden=False)))
    [problem] = [p for p in problems if "dapat dibaca sebagai sheet 'IKU'" in p.message]
    assert problem.level == ERROR and problem.file == "kinerja.xlsx"
    assert "'Indikator Kinerja Utama'" in problem.message and "'IKU'" in problem.message


def test_a_lone_hidden_sheet_is_read_with_a_warning(tmp_path):
    def hide(books):
        books["kinerja.xlsx"]["Tujuan"].sheet_state = "hidden"

    data = read_data(make_workbooks(tmp_path, hook=hide))
    assert list(data.table("tujuan")["kode"]) == ["T1"]
    [warning] = [p for p in data.problems if p.sheet == "Tujuan"]
    assert warning.level == WARNING and "tersembunyi" in warning.message


# --- codes across the levels of the pohon kinerja -------------------------------------------------
@pytest.mark.parametrize(("file", "sheet", "cell", "code", "other"), [
    ("anggaran.xlsx", "Program", "B4", "S2", "kinerja.xlsx!Sasaran!A5"),  # a program coded like a sasaran
    ("anggaran.xlsx", "Kegiatan", "A4", "T1", "kinerja.xlsx!Tujuan!A4"),
    ("anggaran.xlsx", "Sub Kegiatan", "A4", "3.27.02", "anggaran.xlsx!Program!B5"),
    ("kinerja.xlsx", "Indikator Program", "B5", "IKU-2", "kinerja.xlsx!IKU!B6"),  # IKU and IKP share codes
])
def test_a_code_used_at_two_levels_is_an_error_naming_both_cells(tmp_path, file, sheet, cell, code, other):
    spec = fictional()
    folder = make_workbooks(tmp_path, spec=spec, edit={file: {sheet: {cell: code}}},
                            hook=lambda books: _repoint(books, file, sheet, cell, code))
    [problem] = [p for p in input_problems(folder) if "dipakai untuk" in p.message]
    assert problem.level == ERROR and problem.where == f"{file}!{sheet}!{cell}"
    assert problem.value == code and other in problem.message


def _repoint(books, file, sheet, cell, code):
    """Keep references valid after renaming a code, so only the collision is wrong."""
    if (sheet, cell) == ("Program", "B4"):  # X.XX.01 → S2: its kegiatan and sub kegiatan follow
        books["anggaran.xlsx"]["Kegiatan"]["B4"] = code
    if (sheet, cell) == ("Kegiatan", "A4"):
        books["anggaran.xlsx"]["Sub Kegiatan"]["B4"] = code


def test_the_sample_program_coded_like_a_sasaran_is_refused(tmp_path):
    """The case of the issue: program 'S1' beside sasaran 'S1' mixed up their indicators in the pohon."""
    edit = {"anggaran.xlsx": {"Program": {"B5": "S1"}, "Kegiatan": {"B5": "S1"}},
            "kinerja.xlsx": {"Indikator Program": {"C5": "S1"}}}
    problems = input_problems(make_workbooks(tmp_path, edit=edit))
    assert [p.where for p in problems if p.level == ERROR] == ["anggaran.xlsx!Program!B5"]
    assert "kinerja.xlsx!Sasaran!A4" in problems[0].message


# --- impossible budgets and targets ---------------------------------------------------------------
@pytest.mark.parametrize(("file", "sheet", "cell", "typed", "header"), [
    ("anggaran.xlsx", "Program", "E4", -10_000_000, "Anggaran 2024"),
    ("anggaran.xlsx", "Program", "E4", "-10.000.000", "Anggaran 2024"),
    ("anggaran.xlsx", "Program", "F5", "(240.000.000)", "Realisasi Anggaran 2024"),
    ("anggaran.xlsx", "Sub Kegiatan", "G5", -150_000_000, "Anggaran 2024"),
    ("kinerja.xlsx", "IKU", "P5", -100, "Tahun 2024 Target Semester II"),
    ("anggaran.xlsx", "Sub Kegiatan", "E5", -50, "Target 2024"),
])
def test_a_negative_anggaran_or_target_is_an_error(tmp_path, file, sheet, cell, typed, header):
    problems = input_problems(make_workbooks(tmp_path, edit={file: {sheet: {cell: typed}}}))
    [problem] = problems_at(problems, f"{file}!{sheet}!{cell}")
    assert problem.level == ERROR and problem.message == f"kolom '{header}' bernilai negatif"
    assert "0 atau lebih" in problem.expected


def test_a_negative_realisasi_of_an_indicator_is_allowed(tmp_path):
    data = read_data(make_workbooks(tmp_path, edit={"kinerja.xlsx": {"IKU": {"R6": -2.5}}}))
    assert not [p for p in data.problems if p.level == ERROR]


def test_realisasi_anggaran_above_anggaran_is_a_warning_naming_the_cell(tmp_path):
    edit = {"anggaran.xlsx": {"Program": {"F5": 312_500_000}}}  # 125% of 250.000.000
    data = read_data(make_workbooks(tmp_path, edit=edit))
    [warning] = problems_at(data.problems, "anggaran.xlsx!Program!F5")
    assert warning.level == WARNING
    assert warning.message == ("realisasi anggaran 312.500.000 melebihi anggaran 250.000.000 (E5): "
                               "125,00% dari anggaran")


def test_realisasi_anggaran_equal_to_anggaran_is_fine(tmp_path):
    data = read_data(make_workbooks(tmp_path, edit={"anggaran.xlsx": {"Program": {"F5": 250_000_000}}}))
    assert not problems_at(data.problems, "anggaran.xlsx!Program!F5")


# --- empty sheets ---------------------------------------------------------------------------------
OPTIONAL = [("Kondisi", "kondisi"), ("Permasalahan", "permasalahan"), ("Perangkat Daerah", "perangkat_daerah"),
            ("Logical Framework", "logframe")]


@pytest.mark.parametrize(("title", "sheet_id"), OPTIONAL)
def test_an_optional_sheet_with_headers_only_is_an_empty_table_with_a_warning(tmp_path, title, sheet_id):
    spec = fictional()
    spec["profil.xlsx"][title].rows.clear()
    spec["profil.xlsx"][title].merges.clear()
    data = read_data(make_workbooks(tmp_path, spec=spec))
    frame = data.table(sheet_id)
    assert frame.empty and {"baris", "sumber"} <= set(frame.columns)
    [warning] = [p for p in data.problems if p.sheet == title]
    assert warning.level == WARNING and "tidak berisi data" in warning.message


@pytest.mark.parametrize(("title", "sheet_id"), OPTIONAL)
def test_an_optional_sheet_missing_or_blank_is_an_empty_table_with_a_warning(tmp_path, title, sheet_id):
    def blank(books):
        ws = books["profil.xlsx"][title]
        for rng in list(ws.merged_cells.ranges):
            ws.unmerge_cells(str(rng))
        ws.delete_rows(1, ws.max_row)

    for folder, hook, drop in ((tmp_path / "blank", blank, None), (tmp_path / "gone", None, {"profil.xlsx": [title]})):
        data = read_data(make_workbooks(folder, hook=hook, drop=drop))
        assert data.table(sheet_id).empty and "sumber" in data.table(sheet_id)
        assert [p.level for p in data.problems if title in p.message or p.sheet == title] == [WARNING]


def test_an_iku_sheet_with_headers_only_loads_empty_with_a_warning(tmp_path):
    spec = fictional()
    spec["kinerja.xlsx"]["IKU"].rows.clear()
    data = read_data(make_workbooks(tmp_path, spec=spec))
    assert data.table("iku").empty and data.measure("iku").empty
    assert list(data.measure("iku").columns) == ["kode", "ukuran", "tahun", "periode", "nilai", "tertulis", "sumber"]
    assert any(p.sheet == "IKU" and p.level == WARNING and "tidak berisi data" in p.message for p in data.problems)


# --- the Profil the deck needs --------------------------------------------------------------------
@pytest.mark.parametrize(("cell", "typed", "says"), [
    ("B7", "dua ribu", "bukan tahun"),  # Tahun
    ("B8", "2023/2024", "bukan tahun"),  # Tahun Pembanding
])
def test_profil_years_must_be_years(tmp_path, cell, typed, says):
    problems = input_problems(make_workbooks(tmp_path, edit={"profil.xlsx": {"Profil": {cell: typed}}}))
    [problem] = problems_at(problems, f"profil.xlsx!Profil!{cell}")
    assert says in problem.message and "2025" in problem.expected


def test_a_profil_year_typed_into_a_date_cell_says_so(tmp_path):
    from workbooks import Fmt

    problems = input_problems(make_workbooks(tmp_path, edit={"profil.xlsx": {"Profil": {"B7": Fmt(2024, "dd/mm/yyyy")}}}))
    [problem] = problems_at(problems, "profil.xlsx!Profil!B7")
    assert problem.value == "16/07/1905" and "bukan tanggal" in problem.expected


def test_a_missing_profil_entry_the_deck_needs_is_an_error(tmp_path):
    problems = input_problems(make_workbooks(tmp_path, edit={"profil.xlsx": {"Profil": {"A6": "Catatan"}}}))
    assert any("'Pemerintah Daerah' tidak ada" in p.message and p.file == "profil.xlsx" for p in problems)


def test_an_empty_perangkat_daerah_sheet_gives_a_slide_that_says_so_without_empty_bands(tmp_path):
    """Headers only: the perangkat slide says 'Tidak ada data', like the other empty sheets, and
    shows neither the utama label nor bands of '-'."""
    from pptx import Presentation

    from sakip_report import paths
    from sakip_report.build import Options, build
    from sakip_report.compose import read_layout

    spec = fictional()
    spec["profil.xlsx"]["Perangkat Daerah"].rows.clear()
    spec["profil.xlsx"]["Perangkat Daerah"].merges.clear()
    out = tmp_path / "out"
    build(Options(data=make_workbooks(tmp_path / "data", spec=spec), out=out, formats=("pptx",), preview=False))
    slide = next(s for s in Presentation(str(next(out.glob("*.pptx")))).slides
                 if s.shapes.title is not None and s.shapes.title.text_frame.text.startswith("PERAN PERANGKAT"))
    texts = [sh.text_frame.text for sh in slide.shapes if sh.has_text_frame and sh != slide.shapes.title]
    assert texts == [read_layout(paths.TEMPLATES)["kotak"]["tidak_ada_data"]]
