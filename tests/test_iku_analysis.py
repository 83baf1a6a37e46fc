"""The IKU's analysis columns (issue 17): Renstra end target and year, national standard, the factors
behind a result and the follow-up; and years of the Renstra period before the report's.

Every case writes its own fixture workbooks (tests/workbooks.py) and asserts by column id; a problem's
cell is found from the header the fixture wrote, never typed in.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from workbooks import (PCT, PROFIL_NEXT_ROW, Fmt, column_letter, fictional, input_problems, make_workbooks,
                       with_columns, with_year)

from sakip_report.formatting import is_missing
from sakip_report.normalise import S1, S2, TAHUNAN, read_data
from sakip_report.problems import ERROR, WARNING

NEW = ["target_akhir", "tahun_akhir", "standar", "rujukan_standar", "pendorong", "penghambat", "solusi",
       "sumber_target_akhir", "sumber_standar", "sumber_tahun_akhir"]
HEADERS = {  # the headers `sakip-report init` writes, by column id
    "target_akhir": "Target Akhir Renstra", "tahun_akhir": "Tahun Akhir Renstra", "standar": "Standar Nasional",
    "rujukan_standar": "Sumber Standar Nasional", "pendorong": "Faktor Pendorong",
    "penghambat": "Faktor Penghambat", "solusi": "Solusi / Rencana Tindak Lanjut"}
PENGHAMBAT = ("Keterlambatan pemutakhiran data di 4 desa.\nAnggaran pendampingan terbatas.\n\n"
              "Cuaca   ekstrem  pada triwulan IV.")


def spec_with(columns: dict[str, list], profil: list[list] | None = None):
    """The fictional agency with columns appended to its IKU sheet (by column id) and rows added to its Profil."""
    spec = fictional()
    spec["kinerja.xlsx"]["IKU"] = with_columns(spec["kinerja.xlsx"]["IKU"],
                                               {HEADERS.get(k, k): v for k, v in columns.items()})
    spec["profil.xlsx"]["Profil"].rows += profil or []
    return spec


def cell(spec, key: str, index: int) -> str:
    """`kinerja.xlsx!IKU!V5`: where the fixture put column `key` (by its header) of IKU body row `index`."""
    sheet = spec["kinerja.xlsx"]["IKU"]
    return f"kinerja.xlsx!IKU!{column_letter(sheet, HEADERS.get(key, key))}{sheet.row_of(index)}"


def iku(data, kode: str) -> pd.Series:
    table = data.table("iku")
    return table[table["kode"] == kode].iloc[0]


def at(problems, where: str):
    found = [p for p in problems if p.where == where]
    assert len(found) == 1, f"{where}: {[str(p) for p in problems]}"
    return found[0]


# --- optional: a workbook without them reads as before ------------------------------------------
def test_without_the_columns_the_iku_table_has_them_empty_and_nothing_is_reported(tmp_path):
    data = read_data(make_workbooks(tmp_path))
    table = data.table("iku")
    assert set(NEW) <= set(table.columns)
    assert all(is_missing(v) for key in NEW for v in table[key])
    assert not [p for p in data.problems if "renstra" in p.message.lower() or "standar" in p.message.lower()]


def test_the_ikp_table_is_unchanged(tmp_path):
    assert not set(NEW) & set(read_data(make_workbooks(tmp_path)).table("ikp").columns)


# --- values ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def full(tmp_path_factory):
    """IKU-1 with every analysis column, IKU-2 with some of them."""
    spec = spec_with({
        "target_akhir": ["1.234,5", Fmt(0.985, PCT)], "tahun_akhir": [2026, "2027"],
        "standar": [100, "-"], "rujukan_standar": ["SPM (Permendagri 59/2021)", None],
        "pendorong": ["Dukungan  anggaran\r\ndan SDM memadai.", None], "penghambat": [PENGHAMBAT, None],
        "solusi": ["Pemutakhiran data_x000D_\nsetiap bulan.", "-"]})
    return spec, read_data(make_workbooks(tmp_path_factory.mktemp("lengkap"), spec=spec))


def test_figures_are_read_like_the_other_figures(full):
    _, data = full
    assert iku(data, "IKU-1")["target_akhir"] == 1234.5  # Indonesian text
    assert iku(data, "IKU-2")["target_akhir"] == pytest.approx(98.5)  # a 0.00% cell, in percent units
    assert iku(data, "IKU-1")["standar"] == 100
    assert is_missing(iku(data, "IKU-2")["standar"])  # "-": none


def test_each_figure_names_its_cell(full):
    spec, data = full
    for index, kode in enumerate(("IKU-1", "IKU-2")):
        assert iku(data, kode)["sumber_target_akhir"] == cell(spec, "target_akhir", index)
        assert iku(data, kode)["sumber_standar"] == cell(spec, "standar", index)


def test_end_year_is_an_int_from_its_own_cell(full):
    spec, data = full
    assert data.table("iku")["tahun_akhir"].dtype == "Int64"
    assert (iku(data, "IKU-1")["tahun_akhir"], iku(data, "IKU-2")["tahun_akhir"]) == (2026, 2027)
    assert iku(data, "IKU-2")["sumber_tahun_akhir"] == cell(spec, "tahun_akhir", 1)


def test_texts_keep_their_line_breaks_and_tidy_their_spaces(full):
    _, data = full
    assert iku(data, "IKU-1")["pendorong"] == "Dukungan anggaran\ndan SDM memadai."
    assert iku(data, "IKU-1")["penghambat"] == ("Keterlambatan pemutakhiran data di 4 desa.\nAnggaran pendampingan "
                                                "terbatas.\n\nCuaca ekstrem pada triwulan IV.")
    assert iku(data, "IKU-1")["solusi"] == "Pemutakhiran data\nsetiap bulan."  # Excel's _x000D_ escape decoded
    assert iku(data, "IKU-1")["rujukan_standar"] == "SPM (Permendagri 59/2021)"
    assert is_missing(iku(data, "IKU-2")["solusi"]) and is_missing(iku(data, "IKU-2")["pendorong"])


def test_complete_columns_give_no_problems(full):
    _, data = full
    assert not [p for p in data.problems if p.sheet == "IKU"], [str(p) for p in data.problems]


# --- headers as staff write them -------------------------------------------------------------------
@pytest.mark.parametrize("header, key", [
    ("TARGET AKHIR\nRENSTRA", "target_akhir"), ("Kondisi Kinerja pada Akhir Periode Renstra", "target_akhir"),
    ("tahun  akhir renstra", "tahun_akhir"), ("Standar Nasional (SPM)", "standar"), ("SPM", "standar"),
    ("Sumber Standar", "rujukan_standar"), ("Faktor Pendukung", "pendorong"), ("Kendala", "penghambat"),
    ("Solusi", "solusi"), ("Rencana Tindak Lanjut", "solusi"), ("RTL", "solusi"),
    ("Solusi/Rencana Tindak Lanjut", "solusi"), ("Solusi / Rencana\nTindak Lanjut", "solusi"),
])
def test_headers_are_matched_by_their_aliases(tmp_path, header, key):
    value = 2026 if key == "tahun_akhir" else 12.5 if key in ("target_akhir", "standar") else "teks"
    spec = spec_with({header: [value]}, profil=[["Tahun Akhir Renstra", 2026]])
    assert iku(read_data(make_workbooks(tmp_path, spec=spec)), "IKU-1")[key] == value


@pytest.mark.parametrize("header", ["Target Akhir Renstra (2026)", "Target Akhir Renstra 2021–2026",
                                   "Target Tahun 2026 (Akhir Renstra)", "Kondisi Akhir Renstra Tahun 2026"])
def test_a_year_in_the_end_target_header_is_the_end_year(tmp_path, header):
    spec = spec_with({header: [95, 97]}, profil=[["Tahun Akhir Renstra", 2030]])
    data = read_data(make_workbooks(tmp_path, spec=spec))
    sheet = spec["kinerja.xlsx"]["IKU"]
    assert list(data.table("iku")["target_akhir"]) == [95, 97]
    assert list(data.table("iku")["tahun_akhir"]) == [2026, 2026]  # the header's year before the Profil's
    assert iku(data, "IKU-1")["sumber_tahun_akhir"] == f"kinerja.xlsx!IKU!{column_letter(sheet, header)}3"


@pytest.mark.parametrize("header", ["Target Akhir Tahun 2026", "Target Renstra 2026"])
def test_a_year_end_target_is_not_the_renstra_end_target(tmp_path, header):
    data = read_data(make_workbooks(tmp_path, spec=spec_with({header: [95, 97]})))
    assert all(is_missing(v) for key in ("target_akhir", "tahun_akhir") for v in data.table("iku")[key])


def test_a_plain_target_year_column_stays_a_year_column(tmp_path):
    spec = spec_with({"Target 2026": [95, 97]})
    data = read_data(make_workbooks(tmp_path, spec=spec))
    assert all(is_missing(v) for v in data.table("iku")["target_akhir"])
    target = data.measure("iku").query("ukuran == 'target' and tahun == 2026")
    assert sorted(target["nilai"]) == [95, 97]


# --- the end year: own cell, else the Profil's ----------------------------------------------------
def test_profil_end_year_fills_the_rows_without_one(tmp_path):
    spec = spec_with({"target_akhir": [95, 80], "tahun_akhir": [None, 2027]},
                     profil=[["Tahun Akhir Renstra", 2026]])
    data = read_data(make_workbooks(tmp_path, spec=spec))
    assert (iku(data, "IKU-1")["tahun_akhir"], iku(data, "IKU-2")["tahun_akhir"]) == (2026, 2027)
    assert iku(data, "IKU-1")["sumber_tahun_akhir"] == f"profil.xlsx!Profil!B{PROFIL_NEXT_ROW}"
    assert data.profil["tahun akhir renstra"] == "2026"


def test_profil_end_year_serves_a_sheet_without_the_year_column(tmp_path):
    spec = spec_with({"target_akhir": [95, 80]}, profil=[["Tahun Akhir Renstra", "2026"]])
    data = read_data(make_workbooks(tmp_path, spec=spec))
    assert list(data.table("iku")["tahun_akhir"]) == [2026, 2026]


@pytest.mark.parametrize("with_year_column", [True, False])
def test_end_target_without_any_year_is_an_error_naming_the_cell(tmp_path, with_year_column):
    columns = {"target_akhir": [95, None], **({"tahun_akhir": [None, None]} if with_year_column else {})}
    spec = spec_with(columns)
    problems = input_problems(make_workbooks(tmp_path, spec=spec))
    where = cell(spec, "tahun_akhir" if with_year_column else "target_akhir", 0)
    problem = at(problems, where)
    assert problem.level == ERROR
    assert "'Target Akhir Renstra' berisi 95" in problem.message and "tahun akhir Renstra" in problem.message
    assert "Tahun Akhir Renstra" in problem.expected and "Profil" in problem.expected
    assert not [p for p in problems if p.where == cell(spec, "target_akhir", 1)]  # no target, no year needed


def test_end_year_before_the_report_year_is_a_warning(tmp_path):
    spec = spec_with({"target_akhir": [95, 80], "tahun_akhir": [2023, None]}, profil=[["Tahun Akhir Renstra", 2026]])
    data = read_data(make_workbooks(tmp_path, spec=spec))
    problem = at(data.problems, cell(spec, "tahun_akhir", 0))
    assert problem.level == WARNING and "2023" in problem.message and "2024" in problem.message


# --- bad input: every problem at once, with file, sheet, cell, header, value, what to write --------
BAD = [  # (column id, value written, words of the message, value reported, words of what is expected)
    ("target_akhir", -5, "bernilai negatif", "-5", "0 atau lebih"),
    ("target_akhir", "(2,5)", "bernilai negatif", "(2,5)", "0 atau lebih"),
    ("target_akhir", "sembilan puluh", "bukan angka", "sembilan puluh", "format Indonesia"),
    ("target_akhir", "4.25", "ambigu", "4.25", "4,25"),
    ("target_akhir", True, "nilai logika", "TRUE", "angka"),
    ("standar", -1, "bernilai negatif", "-1", "0 atau lebih"),
    ("standar", "100 persen", "bukan angka", "100 persen", "format Indonesia"),
    ("standar", Fmt(dt.datetime(1900, 4, 3), "dd/mm/yyyy"), "tanggal", "03/04/1900", "Number"),
    ("tahun_akhir", "2026/2027", "bukan tahun", "2026/2027", "tahun empat angka"),
    ("tahun_akhir", 26, "bukan tahun", "26", "tahun empat angka"),
    ("tahun_akhir", 2026.5, "bukan tahun", "2026.5", "tahun empat angka"),
    ("tahun_akhir", Fmt(dt.datetime(2026, 1, 1), "dd/mm/yyyy"), "tanggal", "01/01/2026", "Number"),
]


@pytest.mark.parametrize("key, value, message, shown, expected", BAD, ids=[f"{b[0]}={b[1]!r}" for b in BAD])
def test_bad_value_is_an_error_naming_cell_header_value_and_what_to_write(tmp_path, key, value, message, shown,
                                                                        expected):
    spec = spec_with({key: [value], **({"target_akhir": [95]} if key != "target_akhir" else {})},
                     profil=[["Tahun Akhir Renstra", 2026]])
    if key == "standar":
        spec = spec_with({key: [value], "rujukan_standar": ["BPS"]}, profil=[["Tahun Akhir Renstra", 2026]])
    problem = at(input_problems(make_workbooks(tmp_path, spec=spec)), cell(spec, key, 0))
    assert problem.level == ERROR
    assert f"'{HEADERS[key]}'" in problem.message and message in problem.message
    assert str(problem.value) == shown and expected in problem.expected
    assert str(problem).startswith(f"{cell(spec, key, 0)}: kolom '{HEADERS[key]}'")


def test_every_problem_of_the_new_columns_is_reported_at_once(tmp_path):
    spec = spec_with({"target_akhir": [-5, "lima"], "tahun_akhir": ["dua ribu", None], "standar": [10, -2],
                      "rujukan_standar": [None, "BPS"]})
    problems = input_problems(make_workbooks(tmp_path, spec=spec))
    expected = {cell(spec, "target_akhir", 0): ERROR, cell(spec, "target_akhir", 1): ERROR,
                cell(spec, "tahun_akhir", 0): ERROR, cell(spec, "standar", 1): ERROR,
                cell(spec, "rujukan_standar", 0): WARNING}
    assert {p.where: p.level for p in problems if p.where in expected} == expected


def test_standard_without_its_source_is_a_warning_on_the_source_cell(tmp_path):
    spec = spec_with({"standar": [100, 90], "rujukan_standar": [None, "SPM"]})
    data = read_data(make_workbooks(tmp_path, spec=spec))
    problem = at(data.problems, cell(spec, "rujukan_standar", 0))
    assert problem.level == WARNING
    assert "'Standar Nasional' berisi 100" in problem.message and "'Sumber Standar Nasional'" in problem.expected
    assert iku(data, "IKU-1")["standar"] == 100


def test_standard_without_a_source_column_warns_on_the_standard(tmp_path):
    spec = spec_with({"SPM": [100]})
    data = read_data(make_workbooks(tmp_path, spec=spec))
    sheet = spec["kinerja.xlsx"]["IKU"]
    problem = at(data.problems, f"kinerja.xlsx!IKU!{column_letter(sheet, 'SPM')}{sheet.row_of(0)}")
    assert problem.level == WARNING and "'SPM' berisi 100" in problem.message


@pytest.mark.parametrize("isi", ["dua ribu dua puluh enam", "2026-2030", 26])
def test_profil_end_year_must_be_a_year(tmp_path, isi):
    spec = spec_with({}, profil=[["Tahun Akhir Renstra", isi]])
    problem = at(input_problems(make_workbooks(tmp_path, spec=spec)), f"profil.xlsx!Profil!B{PROFIL_NEXT_ROW}")
    assert problem.level == ERROR and "Tahun Akhir Renstra" in problem.message and "bukan tahun" in problem.message


def test_profil_entry_left_empty_is_no_entry_but_a_required_one_is_an_error(tmp_path):
    spec = spec_with({}, profil=[["Tahun Akhir Renstra", None]])
    assert read_data(make_workbooks(tmp_path / "a", spec=spec)).profil["tahun akhir renstra"] is None
    spec = fictional()
    row = next(i for i, r in enumerate(spec["profil.xlsx"]["Profil"].rows) if r[0] == "Tahun")
    spec["profil.xlsx"]["Profil"].rows[row][1] = None
    problem = at(input_problems(make_workbooks(tmp_path / "b", spec=spec)),
                 f"profil.xlsx!Profil!B{spec['profil.xlsx']['Profil'].row_of(row)}")
    assert problem.level == ERROR and "Tahun" in problem.message and "wajib" in problem.expected


def test_cli_validate_prints_the_problems_without_a_traceback(tmp_path, capsys):
    from sakip_report.cli import main

    spec = spec_with({"target_akhir": [-5], "tahun_akhir": ["2026/2027"]})
    folder = make_workbooks(tmp_path, spec=spec)
    assert main(["validate", "--data", str(folder)]) == 1
    err = capsys.readouterr().err
    assert cell(spec, "target_akhir", 0) in err and cell(spec, "tahun_akhir", 0) in err
    assert "Traceback" not in err


# --- years of the Renstra period: the year-column pattern takes any number of them -------------------
def test_five_and_more_years_of_target_and_realisasi(tmp_path):
    spec = fictional()
    sheet = spec["kinerja.xlsx"]["IKU"]
    for year, (targets, realisasi) in {2020: ([80, 60], [79, 61]), 2021: ([82, 62], [83, 63]),
                                       2022: ([85, 65], [84.5, 66])}.items():
        sheet = with_year(sheet, year, {"Target": targets, "Realisasi": realisasi})
    sheet = with_columns(sheet, {"Target 2019": [78, 58], "Realisasi 2019": ["77,5", 57]})  # plain headers too
    sheet = with_year(sheet, 2025, {"Target": [101, 76]})  # a year after the report's
    spec["kinerja.xlsx"]["IKU"] = sheet
    data = read_data(make_workbooks(tmp_path, spec=spec))
    tidy = data.measure("iku")
    annual = tidy[tidy["periode"] == TAHUNAN]
    targets = annual[annual["ukuran"] == "target"]
    assert sorted(set(targets["tahun"])) == [2019, 2020, 2021, 2022, 2023, 2024, 2025]
    assert sorted(set(annual[annual["ukuran"] == "realisasi"]["tahun"])) == [2019, 2020, 2021, 2022, 2023]
    one = annual[annual["kode"] == "IKU-1"].set_index(["ukuran", "tahun"])["nilai"]
    assert [one[("target", y)] for y in (2019, 2020, 2021, 2022, 2025)] == [78, 80, 82, 85, 101]
    assert [one[("realisasi", y)] for y in (2019, 2020, 2021, 2022)] == [77.5, 79, 83, 84.5]
    assert set(tidy[tidy["tahun"] == 2024]["periode"]) == {TAHUNAN, S1, S2}  # the report's year as before
    assert not [p for p in data.problems if p.level == ERROR]
