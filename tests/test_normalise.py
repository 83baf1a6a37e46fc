"""Stage 2 — typed, tidy, traced values; and every input problem reported at once, precisely."""
from __future__ import annotations

import math
import re

import pandas as pd
import pytest
from openpyxl import load_workbook
from workbooks import Fmt, fictional, input_problems, make_workbooks

from sakip_report.normalise import S1, S2, TAHUNAN, read_data
from sakip_report.problems import ERROR, WARNING

MEASURE_SHEETS = {  # sheet id → (file, title, entities, year/period columns per entity)
    "iku": ("kinerja.xlsx", "IKU", 2, 10),
    "ikp": ("kinerja.xlsx", "Indikator Program", 3, 10),
    "program": ("anggaran.xlsx", "Program", 3, 2),
    "sub_kegiatan": ("anggaran.xlsx", "Sub Kegiatan", 4, 2),
}


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The fictional agency's workbooks, read once."""
    folder = make_workbooks(tmp_path_factory.mktemp("wb"))
    return folder, read_data(folder)


def value_at(data, sheet_id: str, sumber: str):
    tidy = data.measure(sheet_id)
    rows = tidy[tidy["sumber"] == sumber]
    assert len(rows) == 1, f"{sumber}: {len(rows)} rows"
    return rows.iloc[0]["nilai"]


def problems_at(problems, where: str):
    return [p for p in problems if p.where == where]


def the_problem(problems, where: str):
    found = problems_at(problems, where)
    assert len(found) == 1, f"{where}: {[str(p) for p in problems]}"
    return found[0]


# --- the tidy frame -------------------------------------------------------------------------
@pytest.mark.parametrize("sheet_id", MEASURE_SHEETS)
def test_tidy_frame_has_one_row_per_entity_year_period_and_measure(sample, sheet_id):
    _, data = sample
    _, _, entities, columns = MEASURE_SHEETS[sheet_id]
    tidy = data.measure(sheet_id)
    assert len(tidy) == entities * columns
    assert not tidy.duplicated(["kode", "tahun", "periode", "ukuran"]).any()
    assert set(tidy["kode"]) == set(data.table(sheet_id)["kode"])


def test_indicator_tidy_frame_covers_both_years_and_all_periods(sample):
    _, data = sample
    one = data.measure("iku").query("kode == 'IKU-1'")
    keys = set(zip(one["ukuran"], one["tahun"], one["periode"]))
    assert keys == {
        ("target", 2023, TAHUNAN), ("realisasi", 2023, TAHUNAN), ("capaian_tertulis", 2023, TAHUNAN),
        ("target", 2024, TAHUNAN), ("target", 2024, S1), ("target", 2024, S2),
        ("realisasi", 2024, S1), ("realisasi", 2024, S2),
        ("capaian_tertulis", 2024, S1), ("capaian_tertulis", 2024, S2)}


@pytest.mark.parametrize("sheet_id", MEASURE_SHEETS)
def test_every_tidy_value_carries_the_cell_it_came_from(sample, sheet_id):
    folder, data = sample
    file, title, _, _ = MEASURE_SHEETS[sheet_id]
    ws = load_workbook(folder / file, data_only=True)[title]
    for row in data.measure(sheet_id).itertuples():
        match = re.fullmatch(rf"{re.escape(file)}!{re.escape(title)}!([A-Z]+\d+)", row.sumber)
        assert match, row.sumber
        raw = ws[match.group(1)].value
        if pd.isna(row.nilai):
            assert raw in (None, "-")
        else:
            scale = 100 if ws[match.group(1)].number_format.endswith("%") else 1
            assert row.nilai == pytest.approx(raw * scale), row.sumber


def test_sumber_names_file_sheet_and_cell(sample):
    _, data = sample
    assert value_at(data, "iku", "kinerja.xlsx!IKU!K5") == 90
    assert value_at(data, "program", "anggaran.xlsx!Program!E6") == 120_500_000


def test_entity_rows_carry_file_sheet_and_row(sample):
    _, data = sample
    assert list(data.table("iku")["sumber"]) == ["kinerja.xlsx!IKU!5", "kinerja.xlsx!IKU!6"]
    assert list(data.table("program")["baris"]) == [4, 5, 6]


# --- values ---------------------------------------------------------------------------------
@pytest.mark.parametrize(("file", "sheet", "cell", "typed", "sheet_id", "expected"), [
    ("kinerja.xlsx", "IKU", "R5", "94,87", "iku", 94.87),
    ("kinerja.xlsx", "IKU", "R5", " 94,87 ", "iku", 94.87),
    ("kinerja.xlsx", "IKU", "K5", "1.234,5", "iku", 1234.5),
    ("kinerja.xlsx", "IKU", "K5", "90", "iku", 90.0),
    ("kinerja.xlsx", "IKU", "R5", "94,87%", "iku", 94.87),
    ("anggaran.xlsx", "Program", "E4", "1.234.567", "program", 1_234_567),
    ("anggaran.xlsx", "Program", "E4", "Rp 1.234.567", "program", 1_234_567),
    ("anggaran.xlsx", "Program", "E4", "Rp. 1.500.000.000", "program", 1_500_000_000),
    ("anggaran.xlsx", "Sub Kegiatan", "G5", "Rp 150.000.000", "sub_kegiatan", 150_000_000),
    ("anggaran.xlsx", "Sub Kegiatan", "E5", "50", "sub_kegiatan", 50),
])
def test_numbers_typed_as_indonesian_text_are_parsed(tmp_path, file, sheet, cell, typed, sheet_id, expected):
    data = read_data(make_workbooks(tmp_path, edit={file: {sheet: {cell: typed}}}))
    assert value_at(data, sheet_id, f"{file}!{sheet}!{cell}") == pytest.approx(expected)


@pytest.mark.parametrize("typed", [None, "", "  ", "-", " - ", "\u2013", "\u2014"])
def test_dash_and_blank_give_nan_but_keep_their_cell(tmp_path, typed):
    data = read_data(make_workbooks(tmp_path, edit={"kinerja.xlsx": {"IKU": {"K5": typed}}}))
    assert math.isnan(value_at(data, "iku", "kinerja.xlsx!IKU!K5"))


@pytest.mark.parametrize(("value", "number_format", "expected"), [
    (0.9487, "0.00%", 94.87),
    (0.9487, "0%", 94.87),
    (1.2, "0.00%", 120.0),
    (0.9487, "#,##0.00", 0.9487),
    (0.9487, "General", 0.9487),
    (0.9487, '0.00"%"', 0.9487),  # a literal percent sign: the value is shown as it is
    ("94,87%", "0.00%", 94.87),  # text is read as written, never scaled
])
def test_percent_formatted_cell_is_read_in_percent_units(tmp_path, value, number_format, expected):
    edit = {"kinerja.xlsx": {"IKU": {"T5": Fmt(value, number_format)}}}
    data = read_data(make_workbooks(tmp_path, edit=edit))
    assert value_at(data, "iku", "kinerja.xlsx!IKU!T5") == pytest.approx(expected)


def test_default_percent_capaian_cell_reads_94_87(sample):
    _, data = sample
    assert value_at(data, "iku", "kinerja.xlsx!IKU!T5") == 94.87


@pytest.mark.parametrize(("typed", "expected"), [("Positif", "positif"), (" NEGATIF ", "negatif"),
                                                 ("negatif", "negatif")])
def test_choice_is_matched_ignoring_case_and_spaces(tmp_path, typed, expected):
    data = read_data(make_workbooks(tmp_path, edit={"kinerja.xlsx": {"IKU": {"J5": typed}}}))
    assert data.table("iku")["polaritas"].iloc[0] == expected


@pytest.mark.parametrize(("typed", "expected"), [
    ("R/T", "r/t"), ("(2T-R)/T", "(2t-r)/t"), ("t/r", "t/r"), (None, None)])
def test_rumus_capaian_column_is_optional_and_normalised(tmp_path, typed, expected):
    data = read_data(make_workbooks(tmp_path, edit={"kinerja.xlsx": {"IKU": {"U5": typed}}}))
    assert data.table("iku")["rumus"].iloc[0] == expected


def test_sheet_without_the_optional_rumus_column_reads(tmp_path):
    def drop_u(books):
        ws = books["kinerja.xlsx"]["IKU"]
        ws.unmerge_cells("U3:U4")
        ws.delete_cols(21)

    data = read_data(make_workbooks(tmp_path, hook=drop_u))
    assert data.table("iku")["rumus"].isna().all()


@pytest.mark.parametrize(("sheet", "cell", "note"), [
    ("Kondisi", "A9", "Sumber: BPS 2022"), ("Permasalahan", "A20", "Catatan: hasil rapat"),
    ("Permasalahan", "B20", "Keterangan: diolah"),
])
def test_note_in_column_a_of_a_sheet_without_codes_is_a_warning(tmp_path, sheet, cell, note):
    folder = make_workbooks(tmp_path, edit={"profil.xlsx": {sheet: {cell: note}}})
    data = read_data(folder)
    assert the_problem(data.problems, f"profil.xlsx!{sheet}!{cell}").level == WARNING


def test_note_below_a_table_is_a_warning_not_a_row(tmp_path):
    spec = fictional()
    spec["anggaran.xlsx"]["Kegiatan"].rows.append([None, None, "Mengetahui, Kepala Dinas", None])
    data = read_data(make_workbooks(tmp_path, spec=spec))
    assert len(data.table("kegiatan")) == 3
    warning = the_problem(data.problems, "anggaran.xlsx!Kegiatan!C7")  # the cell holding the note
    assert warning.level == WARNING


# --- problems -------------------------------------------------------------------------------
def test_missing_sheet_names_file_sheet_and_the_sheets_present(tmp_path):
    problems = input_problems(make_workbooks(tmp_path, drop={"kinerja.xlsx": ["Sasaran"]}))
    problem = next(p for p in problems if "Sasaran" in p.message)
    assert problem.level == ERROR and problem.file == "kinerja.xlsx"
    assert "IKU" in problem.value and "Tujuan" in problem.value
    assert "Sasaran" in problem.expected


@pytest.mark.parametrize(("sheet", "cell", "header", "key"), [
    ("IKU", "I3", "Unit", "Satuan"),
    ("IKU", "J3", "Arah", "Polaritas"),
    ("Sasaran", "C3", "Nama", "Sasaran Strategis"),
])
def test_missing_required_column_names_sheet_header_row_and_expected_header(tmp_path, sheet, cell, header, key):
    problems = input_problems(make_workbooks(tmp_path, edit={"kinerja.xlsx": {sheet: {cell: header}}}))
    problem = next(p for p in problems if f"'{key}'" in p.message)
    assert (problem.file, problem.sheet) == ("kinerja.xlsx", sheet)
    assert problem.cell.endswith("3")  # the header row
    assert header in problem.value  # the headers that are there, as written
    assert key in problem.expected


def test_missing_optional_column_is_not_a_problem(tmp_path):
    data = read_data(make_workbooks(tmp_path, edit={"kinerja.xlsx": {"IKU": {"E3": "Keterangan"}}}))
    assert data.table("iku")["definisi"].isna().all()
    assert not [p for p in data.problems if p.level == ERROR]


@pytest.mark.parametrize(("file", "sheet", "cell", "typed", "reason"), [
    ("kinerja.xlsx", "IKU", "K5", "banyak", "bukan angka"),
    ("kinerja.xlsx", "IKU", "K5", "1,234.56", "format Inggris"),
    ("kinerja.xlsx", "Indikator Program", "R6", "8 desa", "bukan angka"),
    ("anggaran.xlsx", "Program", "E4", 1500.5, "bukan bilangan bulat"),
    ("anggaran.xlsx", "Program", "F5", "dua ratus juta", "bukan angka"),
    ("profil.xlsx", "Kondisi", "C4", "tujuh", "bukan angka"),
])
def test_non_number_in_a_number_column_names_cell_value_and_expected(tmp_path, file, sheet, cell, typed, reason):
    problems = input_problems(make_workbooks(tmp_path, edit={file: {sheet: {cell: typed}}}))
    problem = the_problem(problems, f"{file}!{sheet}!{cell}")
    assert problem.level == ERROR
    assert reason in problem.message
    assert str(typed) in str(problem.value)
    assert problem.expected


@pytest.mark.parametrize(("file", "sheet", "cell", "typed", "readings"), [
    ("kinerja.xlsx", "IKU", "K5", "4.25", ("4,25", "425")),
    ("kinerja.xlsx", "IKU", "R6", "76.5", ("76,5", "765")),
])
def test_ambiguous_dot_number_is_refused_with_both_readings(tmp_path, file, sheet, cell, typed, readings):
    problems = input_problems(make_workbooks(tmp_path, edit={file: {sheet: {cell: typed}}}))
    problem = the_problem(problems, f"{file}!{sheet}!{cell}")
    assert "ambigu" in problem.message
    for reading in readings:
        assert reading in str(problem)
    assert problem.value == typed


@pytest.mark.parametrize(("file", "sheet", "cell", "typed", "value"), [
    ("profil.xlsx", "Kondisi", "C4", "7.250", 7250.0),
    ("kinerja.xlsx", "IKU", "R6", "1.850", 1850.0),
])
def test_one_dot_group_in_a_decimal_column_is_thousands_with_a_warning(tmp_path, file, sheet, cell, typed, value):
    """As the Petunjuk says (titik = ribuan): read, not refused; the warning gives the other reading."""
    data = read_data(make_workbooks(tmp_path, edit={file: {sheet: {cell: typed}}}))
    problem = the_problem(data.problems, f"{file}!{sheet}!{cell}")
    assert problem.level == WARNING
    assert f"dibaca {value:g}" in problem.message and typed.replace(".", ",") in problem.message


def test_thousands_dot_in_an_integer_column_is_not_ambiguous(tmp_path):
    data = read_data(make_workbooks(tmp_path, edit={"anggaran.xlsx": {"Sub Kegiatan": {"G5": "150.000"}}}))
    assert value_at(data, "sub_kegiatan", "anggaran.xlsx!Sub Kegiatan!G5") == 150_000


@pytest.mark.parametrize(("file", "sheet", "cell", "code", "where"), [
    ("kinerja.xlsx", "IKU", "B6", "IKU-1", "B6"),
    ("kinerja.xlsx", "Indikator Program", "B7", "IKP-2", "B7"),
    ("anggaran.xlsx", "Program", "B6", "3.27.02", "B6"),
    ("kinerja.xlsx", "Sasaran", "A5", "S1", "A5"),
])
def test_duplicate_kode_names_the_second_cell_and_the_code(tmp_path, file, sheet, cell, code, where):
    problems = input_problems(make_workbooks(tmp_path, edit={file: {sheet: {cell: code}}}))
    problem = the_problem(problems, f"{file}!{sheet}!{where}")
    assert "ganda" in problem.message
    assert problem.value == code
    assert "unik" in problem.expected


@pytest.mark.parametrize(("file", "sheet", "cell", "typed", "choices"), [
    ("kinerja.xlsx", "IKU", "J5", "Naik", ("positif", "negatif")),
    ("kinerja.xlsx", "Indikator Program", "J6", "Menurun", ("positif", "negatif")),
    ("kinerja.xlsx", "IKU", "U5", "R*T", ("r/t", "(2t-r)/t", "t/r")),
    ("anggaran.xlsx", "Sub Kegiatan", "H5", "Mungkin", ("ya", "tidak")),
])
def test_invalid_choice_names_cell_value_and_the_choices(tmp_path, file, sheet, cell, typed, choices):
    problems = input_problems(make_workbooks(tmp_path, edit={file: {sheet: {cell: typed}}}))
    problem = the_problem(problems, f"{file}!{sheet}!{cell}")
    assert problem.value == typed
    for choice in choices:
        assert choice in problem.expected.lower()


@pytest.mark.parametrize(("sheet", "cell"), [
    ("IKU", "K5"),  # a year column
    ("IKU", "H5"),  # an optional fixed column (Pengali)
    ("IKU", "D5"),  # a required fixed column
])
def test_formula_without_cached_value_is_reported(tmp_path, sheet, cell):
    problems = input_problems(make_workbooks(tmp_path, edit={"kinerja.xlsx": {sheet: {cell: "=1+1"}}}))
    problem = the_problem(problems, f"kinerja.xlsx!{sheet}!{cell}")
    assert "rumus" in problem.message
    assert "simpan ulang" in problem.expected


def test_blank_required_cell_is_reported(tmp_path):
    problems = input_problems(make_workbooks(tmp_path, edit={"kinerja.xlsx": {"IKU": {"D5": None}}}))
    problem = the_problem(problems, "kinerja.xlsx!IKU!D5")
    assert "kosong" in problem.message


# --- references -------------------------------------------------------------------------------
REFERENCES = [  # (file, sheet, cell, code, what)
    ("kinerja.xlsx", "IKU", "C5", "S9", "sasaran"),
    ("kinerja.xlsx", "Sasaran", "B5", "T7", "tujuan"),
    ("kinerja.xlsx", "Indikator Program", "C6", "9.99.99", "program"),
    ("anggaran.xlsx", "Program", "D5", "S8", "sasaran"),
    ("anggaran.xlsx", "Kegiatan", "B5", "8.88.88", "program"),
    ("anggaran.xlsx", "Sub Kegiatan", "B6", "7.77.77.2.01", "kegiatan"),
]


@pytest.mark.parametrize(("file", "sheet", "cell", "code", "what"), REFERENCES)
def test_reference_to_an_undefined_code_is_reported(tmp_path, file, sheet, cell, code, what):
    problems = input_problems(make_workbooks(tmp_path, edit={file: {sheet: {cell: code}}}))
    problem = next(p for p in problems if p.value == code)
    assert (problem.file, problem.sheet) == (file, sheet)
    assert cell[1:] in problem.cell  # at least the row
    assert what in problem.message
    assert what in problem.expected  # and the codes that do exist


def test_all_undefined_references_are_reported_in_one_error(tmp_path):
    edit = {}
    for file, sheet, cell, code, _ in REFERENCES:
        edit.setdefault(file, {}).setdefault(sheet, {})[cell] = code
    problems = input_problems(make_workbooks(tmp_path, edit=edit))
    assert {p.value for p in problems} >= {code for *_, code, _ in REFERENCES}


def test_undefined_reference_names_the_exact_cell(tmp_path):
    problems = input_problems(make_workbooks(tmp_path, edit={"kinerja.xlsx": {"IKU": {"C5": "S9"}}}))
    assert the_problem(problems, "kinerja.xlsx!IKU!C5").value == "S9"


# --- all at once ----------------------------------------------------------------------------
def test_problems_in_different_files_and_sheets_come_in_one_input_error(tmp_path):
    edit = {
        "profil.xlsx": {"Kondisi": {"C5": "dua belas"}},
        "kinerja.xlsx": {"IKU": {"K5": "4.25", "J6": "Naik"},
                         "Indikator Program": {"B7": "IKP-1", "P6": "=10"}},
        "anggaran.xlsx": {"Program": {"E4": "banyak"}, "Sub Kegiatan": {"F3": "Unit?"}},
    }
    problems = input_problems(make_workbooks(tmp_path, edit=edit, drop={"profil.xlsx": ["Permasalahan"]}))
    where = {p.where for p in problems}
    assert {"profil.xlsx!Kondisi!C5", "kinerja.xlsx!IKU!K5", "kinerja.xlsx!IKU!J6",
            "kinerja.xlsx!Indikator Program!B7", "kinerja.xlsx!Indikator Program!P6",
            "anggaran.xlsx!Program!E4"} <= where
    # Permasalahan is optional: its absence is a warning, everything else here an error
    assert [p.level for p in problems if p.file == "profil.xlsx" and "Permasalahan" in p.message] == [WARNING]
    assert len({(p.file, p.sheet) for p in problems}) >= 5
    assert all(p.level == ERROR for p in problems if "Permasalahan" not in p.message)


def test_problem_text_names_place_value_and_expectation(tmp_path):
    problems = input_problems(make_workbooks(tmp_path, edit={"kinerja.xlsx": {"IKU": {"K5": "4.25"}}}))
    text = str(the_problem(problems, "kinerja.xlsx!IKU!K5"))
    assert text.startswith("kinerja.xlsx!IKU!K5: ")
    assert "'4.25'" in text and "seharusnya" in text


# --- what Excel stored, said in the user's words --------------------------------------------------
def test_a_number_problem_names_the_column_as_the_sheet_shows_it(tmp_path):
    problems = input_problems(make_workbooks(tmp_path, edit={"kinerja.xlsx": {"IKU": {"R5": "banyak"}}}))
    problem = the_problem(problems, "kinerja.xlsx!IKU!R5")
    assert problem.message == "kolom 'Tahun 2024 Realisasi Semester II': bukan angka yang valid"


@pytest.mark.parametrize(("code", "meaning"), [("#DIV/0!", "pembagian dengan nol"), ("#REF!", "sudah dihapus"),
                                               ("#N/A", "tidak ada"), ("#VALUE!", "jenisnya salah")])
def test_a_formula_error_is_explained_as_a_formula_result(tmp_path, code, meaning):
    problems = input_problems(make_workbooks(tmp_path, edit={"kinerja.xlsx": {"IKU": {"R5": code}}}))
    problem = the_problem(problems, "kinerja.xlsx!IKU!R5")
    assert problem.message.startswith(f"kolom 'Tahun 2024 Realisasi Semester II': rumus di sel ini menghasilkan "
                                      f"galat {code} di Excel (")
    assert meaning in problem.message and "perbaiki rumusnya" in problem.expected


def test_a_formula_error_in_a_text_column_is_an_error_too(tmp_path):
    problems = input_problems(make_workbooks(tmp_path, edit={"kinerja.xlsx": {"IKU": {"D5": "#REF!"}}}))
    assert "galat #REF!" in the_problem(problems, "kinerja.xlsx!IKU!D5").message


def test_a_date_formatted_cell_says_excel_stored_a_date(tmp_path):
    edit = {"anggaran.xlsx": {"Program": {"E4": Fmt(45657, "dd/mm/yyyy")}}}
    problem = the_problem(input_problems(make_workbooks(tmp_path, edit=edit)), "anggaran.xlsx!Program!E4")
    assert problem.message == ("kolom 'Anggaran 2024': Excel menyimpan isian ini sebagai tanggal/waktu karena sel "
                               "berformat tanggal, bukan angka")
    assert problem.value == "31/12/2024" and "Format Cells › Number" in problem.expected


@pytest.mark.parametrize(("typed", "shown"), [(True, "TRUE (BENAR)"), (False, "FALSE (SALAH)")])
def test_a_boolean_says_excel_stored_true_or_false(tmp_path, typed, shown):
    problems = input_problems(make_workbooks(tmp_path, edit={"kinerja.xlsx": {"IKU": {"K5": typed}}}))
    problem = the_problem(problems, "kinerja.xlsx!IKU!K5")
    assert f"sebagai nilai logika {shown}, bukan angka" in problem.message
    assert problem.value == str(typed).upper()
