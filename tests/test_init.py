"""`init_workbooks`: blank source workbooks generated from the schema, which the loader accepts as they are."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from openpyxl import load_workbook

from sakip_report import schema
from sakip_report.build import Options, build
from sakip_report.init import FIRST_ROW, HEADER_ROW, LAST_ROW, PETUNJUK, init_workbooks, initials
from sakip_report.load import norm
from sakip_report.normalise import S1, S2, TAHUNAN, read_data

AGENCY, YEAR, PEMDA = "Dinas Tenaga Kerja", 2025, "Kabupaten Sukamaju"


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> Path:
    """A folder with freshly initialised workbooks (shared: tests only read it)."""
    folder = tmp_path_factory.mktemp("baru") / "data"
    init_workbooks(folder, AGENCY, YEAR, pemda=PEMDA)
    return folder


def _sheet(folder: Path, spec: schema.Sheet):
    return load_workbook(folder / spec.file)[spec.name]


def _headers(ws) -> dict[str, str]:
    """Normalised header text → column letter."""
    return {norm(c.value): c.column_letter for c in ws[HEADER_ROW] if c.value}


def _validations(ws) -> dict[str, object]:
    """Cell range → data validation of a sheet."""
    return {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}


def _column_range(ws, header: str) -> str:
    letter = _headers(ws)[header]
    return f"{letter}{FIRST_ROW}:{letter}{LAST_ROW}"


def test_writes_the_three_workbooks_with_petunjuk_first(tmp_path):
    paths = init_workbooks(tmp_path / "baru", AGENCY, YEAR)
    assert [p.name for p in paths] == list(schema.FILES)
    for path in paths:
        wb = load_workbook(path)
        assert wb.sheetnames == [PETUNJUK] + [s.name for s in schema.sheets_of(path.name)]


def test_fresh_folder_passes_the_loader_with_only_example_row_warnings(fresh):
    data = read_data(fresh)
    assert data.problems and all("baris contoh" in p.message and p.level == "warning" for p in data.problems)
    assert set(data.tables) == {s.id for s in schema.SHEETS}
    assert all(len(frame) == 1 for sheet_id, frame in data.tables.items() if sheet_id != "profil")


def test_every_schema_column_has_its_header(fresh):
    for spec in schema.SHEETS:
        headers = _headers(_sheet(fresh, spec))
        missing = [c.headers[0] for c in spec.columns if c.headers[0] not in headers]
        assert not missing, f"{spec.file} › {spec.name}: {missing}"


def test_year_columns_last_year_annual_this_year_per_semester(fresh):
    iku = read_data(fresh).measure("iku")
    periods = set(zip(iku["ukuran"], iku["tahun"], iku["periode"]))
    last_year = {(m, YEAR - 1, TAHUNAN) for m in ("target", "realisasi", "capaian_tertulis")}
    semesters = {(m, YEAR, p) for m in ("target", "realisasi", "capaian_tertulis") for p in (S1, S2)}
    assert periods == last_year | semesters | {("target", YEAR, TAHUNAN)}
    program = _headers(_sheet(fresh, schema.sheets_of("anggaran.xlsx")[0]))
    assert {f"anggaran {YEAR}", f"realisasi anggaran {YEAR}"} <= set(program)


def test_example_rows_are_linked_across_workbooks(fresh):
    data = read_data(fresh)
    chain = [("sasaran", "tujuan", "tujuan"), ("iku", "induk", "sasaran"), ("ikp", "induk", "program"),
             ("program", "sasaran", "sasaran"), ("kegiatan", "program", "program"),
             ("sub_kegiatan", "kegiatan", "kegiatan")]
    for sheet, column, target in chain:
        assert data.table(sheet)[column].iloc[0] == data.table(target)["kode"].iloc[0]
    assert all(k.startswith("CONTOH-") for sheet in ("tujuan", "iku", "program") for k in data.table(sheet)["kode"])
    assert data.table("tujuan")["nama"].iloc[0].startswith("Contoh:")


def test_profil_is_filled_for_the_agency(fresh):
    profil = read_data(fresh).profil
    assert profil["nama perangkat daerah"] == AGENCY
    assert profil["singkatan"] == "DTK"
    assert profil["pemerintah daerah"] == PEMDA
    assert (profil["tahun"], profil["tahun pembanding"]) == (str(YEAR), str(YEAR - 1))
    assert profil["periode laporan"] == "Semester II"


def test_initials_skip_connectives():
    assert initials("Dinas Pemberdayaan Perempuan dan Perlindungan Anak") == "DPPPA"


@pytest.mark.parametrize("file, sheet, header, items", [
    ("kinerja.xlsx", "IKU", "polaritas", "Positif,Negatif"),
    ("kinerja.xlsx", "Indikator Program", "rumus capaian", "R/T,(2T-R)/T,T/R"),
    ("anggaran.xlsx", "Sub Kegiatan", "mendukung kemiskinan", "Ya,Tidak"),
    ("anggaran.xlsx", "Sub Kegiatan", "program prioritas", "Ya,Tidak"),
    ("profil.xlsx", "Perangkat Daerah", "kelompok",
     "Perangkat Daerah Utama,Perangkat Daerah Penunjang,Stakeholder Eksternal"),
])
def test_closed_choices_are_dropdowns(fresh, file, sheet, header, items):
    ws = load_workbook(fresh / file)[sheet]
    dv = _validations(ws)[_column_range(ws, header)]
    assert (dv.type, dv.formula1, bool(dv.showErrorMessage)) == ("list", f'"{items}"', True)


def test_satuan_suggests_units_but_allows_others(fresh):
    for file, sheet in (("kinerja.xlsx", "IKU"), ("anggaran.xlsx", "Sub Kegiatan"), ("profil.xlsx", "Kondisi")):
        ws = load_workbook(fresh / file)[sheet]
        dv = _validations(ws)[_column_range(ws, "satuan")]
        assert dv.formula1 == '"%,nilai,indeks,orang,dokumen,laporan,perusahaan,paket,Rp"'
        assert not dv.showErrorMessage


def test_periode_laporan_is_a_dropdown_in_profil(fresh):
    ws = load_workbook(fresh / "profil.xlsx")["Profil"]
    row = next(c.row for c in ws["A"] if c.value == "Periode Laporan")
    assert _validations(ws)[f"B{row}"].formula1 == '"Semester I,Semester II"'


def test_headers_locked_data_rows_unlocked_no_password(fresh):
    for spec in schema.SHEETS:
        ws = _sheet(fresh, spec)
        width = len(_headers(ws))
        assert ws.protection.sheet and not ws.protection.password, spec.name
        assert ws.freeze_panes == f"A{FIRST_ROW}"
        assert all(ws.cell(HEADER_ROW, j).protection.locked for j in range(1, width + 1))
        assert all(c.font.bold and c.fill.fill_type == "solid" for c in ws[HEADER_ROW][:width])
        for row in (FIRST_ROW, LAST_ROW):
            assert not any(ws.cell(row, j).protection.locked for j in range(1, width + 1)), (spec.name, row)
    assert load_workbook(fresh / "kinerja.xlsx")[PETUNJUK].protection.sheet


@pytest.mark.parametrize("file, sheet, header, number_format", [
    ("kinerja.xlsx", "IKU", f"target {YEAR} semester i", "#,##0.00"),
    ("kinerja.xlsx", "Indikator Program", f"realisasi {YEAR - 1}", "#,##0.00"),
    ("anggaran.xlsx", "Program", f"anggaran {YEAR}", "#,##0"),
    ("anggaran.xlsx", "Program", f"realisasi anggaran {YEAR}", "#,##0"),
    ("anggaran.xlsx", "Sub Kegiatan", f"target {YEAR}", "#,##0.00"),
    ("profil.xlsx", "Kondisi", "nilai", "#,##0.00"),
])
def test_numeric_columns_are_formatted(fresh, file, sheet, header, number_format):
    ws = load_workbook(fresh / file)[sheet]
    letter = _headers(ws)[header]
    assert {ws[f"{letter}{r}"].number_format for r in range(FIRST_ROW, LAST_ROW + 1)} == {number_format}


def test_petunjuk_explains_columns_numbers_and_validation(fresh):
    for file in schema.FILES:
        ws = load_workbook(fresh / file)[PETUNJUK]
        text = "\n".join(str(v) for row in ws.iter_rows(values_only=True) for v in row if v)
        assert f"sakip-report validate --data {fresh}" in text
        assert all(s in text for s in ("94,87", "1.234.567", "tidak ada target", "%", "wajib"))
        for spec in schema.sheets_of(file):
            assert spec.name in text
            assert all(c.headers[0] in text.lower() for c in spec.columns), spec.name
        assert ws.column_dimensions["C"].width >= 40 and ws["C20"].alignment.wrap_text


def test_refuses_to_overwrite_unless_asked(tmp_path):
    init_workbooks(tmp_path, AGENCY, YEAR)
    with pytest.raises(FileExistsError, match="profil.xlsx, kinerja.xlsx, anggaran.xlsx"):
        init_workbooks(tmp_path, "Dinas Lain", YEAR)
    assert read_data(tmp_path).profil["nama perangkat daerah"] == AGENCY
    init_workbooks(tmp_path, "Dinas Lain", YEAR, overwrite=True)
    assert read_data(tmp_path).profil["nama perangkat daerah"] == "Dinas Lain"


def test_existing_workbook_in_other_letter_case_is_not_overwritten(tmp_path):
    (tmp_path / "Kinerja.xlsx").write_bytes(b"mine")
    with pytest.raises(FileExistsError, match="Kinerja.xlsx"):
        init_workbooks(tmp_path, AGENCY, YEAR)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Kinerja.xlsx"]


@pytest.mark.parametrize("agency, year", [("  ", 2025), ("/", 2025), ("-- / --", 2025), (AGENCY, 1899), (AGENCY, 2100)])
def test_rejects_empty_agency_and_unrecognisable_years(tmp_path, agency, year):
    with pytest.raises(ValueError):
        init_workbooks(tmp_path, agency, year)


def test_column_added_to_the_schema_appears_without_code_changes(tmp_path, monkeypatch):
    extra = schema.col("keterangan", "keterangan", required=False, meaning="catatan tambahan")
    sheets = tuple(dataclasses.replace(s, columns=s.columns + (extra,)) if s.id == "kegiatan" else s
                   for s in schema.SHEETS)
    monkeypatch.setattr(schema, "SHEETS", sheets)
    init_workbooks(tmp_path, AGENCY, YEAR)
    wb = load_workbook(tmp_path / "anggaran.xlsx")
    assert "keterangan" in _headers(wb["Kegiatan"])
    petunjuk = [row for row in wb[PETUNJUK].iter_rows(values_only=True) if row[1] == "Keterangan"]
    assert petunjuk and petunjuk[0][2] == "catatan tambahan"
    assert read_data(tmp_path).table("kegiatan")["keterangan"].iloc[0] == "Contoh: Keterangan"


def test_fresh_folder_builds_a_deck(fresh, tmp_path):
    result = build(Options(data=fresh, out=tmp_path / "out", formats=("pptx",), preview=False))
    assert [p.name for p in result.outputs if p.suffix == ".pptx"] == [f"sakip-dtk-{YEAR}-s2.pptx"]
    assert result.slides > 0


def test_cli_init_then_validate_warns_about_the_example_rows(tmp_path, capsys):
    from sakip_report.cli import main

    folder = tmp_path / "baru"
    assert main(["init", str(folder), "--agency", "Dinas Sosial", "--year", "2025", "--pemda", "Kabupaten Sukamaju"]) == 0
    assert main(["init", str(folder), "--agency", "Dinas Sosial", "--year", "2025"]) == 2  # no silent overwrite
    capsys.readouterr()
    assert main(["validate", "--data", str(folder)]) == 0
    err = capsys.readouterr().err
    assert "kinerja.xlsx!IKU!B4" in err and "CONTOH-IKU" in err


@pytest.mark.parametrize("agency", ["/", "  ", "***"])
def test_cli_init_refuses_a_name_without_letters_as_a_usage_error(tmp_path, capsys, agency):
    from sakip_report.cli import main

    assert main(["init", str(tmp_path / "baru"), "--agency", agency, "--year", "2025"]) == 2
    assert "harus berisi huruf" in capsys.readouterr().err
    assert not (tmp_path / "baru").exists()


@pytest.mark.parametrize(("agency", "singkatan"), [("Dan", "D"), ("Dinas Ñandú", "DÑ"), ("Badan 2045", "B2")])
def test_every_name_init_accepts_gives_a_folder_that_validates_and_builds(tmp_path, agency, singkatan):
    init_workbooks(tmp_path / "baru", agency, YEAR)
    data = read_data(tmp_path / "baru")
    assert data.profil["singkatan"] == singkatan
    assert all(p.level == "warning" for p in data.problems)
    result = build(Options(data=tmp_path / "baru", out=tmp_path / "out", formats=("pptx",), preview=False))
    [deck] = [p for p in result.outputs if p.suffix == ".pptx"]
    assert deck.name.startswith("sakip-") and "--" not in deck.name


# --- the IKU's analysis columns and the Renstra's end year (issue 17) ---------------------------------
ANALYSIS = {"target_akhir": "target akhir renstra", "tahun_akhir": "tahun akhir renstra", "standar": "standar nasional",
            "rujukan_standar": "sumber standar nasional", "pendorong": "faktor pendorong",
            "penghambat": "faktor penghambat", "solusi": "solusi / rencana tindak lanjut"}


def test_iku_has_the_analysis_columns_and_its_example_row_fills_them(fresh):
    assert set(ANALYSIS.values()) <= set(_headers(load_workbook(fresh / "kinerja.xlsx")["IKU"]))
    row = read_data(fresh).table("iku").iloc[0]
    assert (row["target_akhir"], row["tahun_akhir"], row["standar"]) == (95, YEAR, 100)
    assert all(row[key].startswith("Contoh:") for key in ("rujukan_standar", "pendorong", "penghambat", "solusi"))


def test_end_year_column_takes_only_years(fresh):
    ws = load_workbook(fresh / "kinerja.xlsx")["IKU"]
    dv = _validations(ws)[_column_range(ws, "tahun akhir renstra")]
    assert (dv.type, dv.operator, dv.formula1, dv.formula2, bool(dv.showErrorMessage)) == (
        "whole", "between", "1900", "2099", True)
    letter = _headers(ws)["tahun akhir renstra"]
    assert {ws[f"{letter}{r}"].number_format for r in (FIRST_ROW, LAST_ROW)} == {"0"}  # 2026, not 2.026


@pytest.mark.parametrize("header", ["target akhir renstra", "standar nasional"])
def test_end_target_and_standard_refuse_negative_numbers_but_take_a_dash(fresh, header):
    ws = load_workbook(fresh / "kinerja.xlsx")["IKU"]
    dv = _validations(ws)[_column_range(ws, header)]
    first = f"{_headers(ws)[header]}{FIRST_ROW}"
    assert (dv.type, dv.formula1) == ("custom", f'OR({first}="-",AND(ISNUMBER({first}),{first}>=0))')
    assert ws[first].number_format == "#,##0.00"


def test_text_columns_are_wide_and_general_so_long_text_shows(fresh):
    ws = load_workbook(fresh / "kinerja.xlsx")["IKU"]
    for header in ("faktor pendorong", "faktor penghambat", "solusi / rencana tindak lanjut"):
        letter = _headers(ws)[header]
        assert ws.column_dimensions[letter].width >= 60
        assert ws[f"{letter}{FIRST_ROW}"].number_format == "General"  # Excel shows a Text cell of 256+ characters as ###
        assert ws[f"{letter}{FIRST_ROW}"].alignment.wrap_text


def test_profil_offers_the_end_year_empty_with_a_year_check(fresh):
    ws = load_workbook(fresh / "profil.xlsx")["Profil"]
    row = next(c.row for c in ws["A"] if c.value == "Tahun Akhir Renstra")
    assert ws[f"B{row}"].value is None
    assert _validations(ws)[f"B{row}"].type == "whole"
    assert read_data(fresh).profil["tahun akhir renstra"] is None


def test_petunjuk_explains_the_renstra_columns_and_optional_profil_entries(fresh):
    rows = list(load_workbook(fresh / "kinerja.xlsx")[PETUNJUK].iter_rows(values_only=True))
    [renstra] = [r[1] for r in rows if r[0] == "Renstra"]
    assert all(h in renstra for h in ("Target Akhir Renstra", "Tahun Akhir Renstra", "Profil",
                                      "Sumber Standar Nasional", "Solusi / Rencana Tindak Lanjut"))
    assert any("Target 2021" in str(r[1]) for r in rows if r[0] == "Kolom tahun")
    [tahun_akhir] = [r for r in rows if r[1] == "Tahun Akhir Renstra"]
    assert "Profil" in tahun_akhir[2] and tahun_akhir[4] == "boleh kosong"
    profil = {r[1]: r[4] for r in load_workbook(fresh / "profil.xlsx")[PETUNJUK].iter_rows(values_only=True)}
    assert profil["Uraian: Tahun Akhir Renstra"] == "boleh kosong" and profil["Uraian: Tahun"] == "wajib"


def test_filled_in_end_year_and_analysis_validate(tmp_path):
    from openpyxl.utils import column_index_from_string

    folder = tmp_path / "baru"
    init_workbooks(folder, AGENCY, YEAR)
    wb = load_workbook(folder / "kinerja.xlsx")
    ws = wb["IKU"]
    column = {key: column_index_from_string(_headers(ws)[header]) for key, header in ANALYSIS.items()}
    ws.cell(FIRST_ROW, column["tahun_akhir"]).value = None
    ws.cell(FIRST_ROW, column["penghambat"], "Kalimat satu.\nKalimat dua.")
    wb.save(folder / "kinerja.xlsx")
    wb = load_workbook(folder / "profil.xlsx")
    row = next(c.row for c in wb["Profil"]["A"] if c.value == "Tahun Akhir Renstra")
    wb["Profil"][f"B{row}"] = YEAR + 1
    wb.save(folder / "profil.xlsx")
    data = read_data(folder)
    assert data.table("iku").iloc[0]["tahun_akhir"] == YEAR + 1
    assert data.table("iku").iloc[0]["penghambat"] == "Kalimat satu.\nKalimat dua."
    assert all(p.level == "warning" for p in data.problems)
