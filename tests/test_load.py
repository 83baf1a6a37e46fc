"""Stage 1 — reading workbooks as staff lay them out, and refusing files that are not sane .xlsx."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from workbooks import FILES, Fmt, column_numbers, fictional, input_problems, make_workbooks, with_row_under_header

from sakip_report import load
from sakip_report.normalise import S1, S2, TAHUNAN, _header_matcher, read_data
from sakip_report.problems import ERROR, WARNING
from sakip_report.schema import SHEETS

SPECS = {s.id: s for s in SHEETS}
FIXTURES = Path(__file__).parent / "data"


def raw_sheet(folder: Path, file: str, title: str, sheet_id: str) -> load.RawSheet:
    """load.read_sheet of one sheet of a written workbook."""
    ws = load_workbook(folder / file, data_only=True)[title]
    return load.read_sheet(ws, file, _header_matcher(SPECS[sheet_id]))


# --- headers ------------------------------------------------------------------------------------
def test_title_rows_above_the_header_are_skipped(tmp_path):
    raw = raw_sheet(make_workbooks(tmp_path), "kinerja.xlsx", "IKU", "iku")
    assert raw.header_row == 3
    assert raw.rows[0][0] == 5  # two header rows (3-4), data from row 5
    assert all(cells[1].value != "INDIKATOR KINERJA UTAMA" for _, cells in raw.rows)


def test_merged_group_header_is_flattened_into_each_column(tmp_path):
    raw = raw_sheet(make_workbooks(tmp_path), "kinerja.xlsx", "IKU", "iku")
    assert raw.headers[:3] == ("no", "kode", "kode sasaran")  # vertical merges: not repeated
    assert raw.headers[10:13] == ("tahun 2023 target", "tahun 2023 realisasi", "tahun 2023 capaian")
    assert raw.headers[14] == "tahun 2024 target semester i"
    assert raw.headers[19] == "tahun 2024 capaian semester ii"


@pytest.mark.parametrize(("cell", "ukuran", "tahun", "periode"), [
    ("K5", "target", 2023, TAHUNAN),
    ("M5", "capaian_tertulis", 2023, TAHUNAN),
    ("N5", "target", 2024, TAHUNAN),
    ("O5", "target", 2024, S1),
    ("P5", "target", 2024, S2),
    ("Q5", "realisasi", 2024, S1),
    ("T5", "capaian_tertulis", 2024, S2),
])
def test_merged_year_header_over_measure_gives_measure_year_and_period(tmp_path, cell, ukuran, tahun, periode):
    tidy = read_data(make_workbooks(tmp_path)).measure("iku")
    row = tidy[tidy["sumber"] == f"kinerja.xlsx!IKU!{cell}"].iloc[0]
    assert (row["ukuran"], row["tahun"], row["periode"]) == (ukuran, tahun, periode)


@pytest.mark.parametrize("header", ["SATUAN", "  Satuan  ", "Satuan\xa0", "\xa0satuan", "satuan:", "Satuan\n"])
def test_header_case_spacing_and_nbsp_differences_are_accepted(tmp_path, header):
    data = read_data(make_workbooks(tmp_path, edit={"kinerja.xlsx": {"IKU": {"I3": header}}}))
    assert list(data.table("iku")["satuan"]) == ["%", "nilai"]


@pytest.mark.parametrize("header", ["  KODE   SASARAN ", "Kode\xa0Sasaran", "kode sasaran", "Kode  Sasaran:"])
def test_header_variants_of_a_two_word_header_are_accepted(tmp_path, header):
    data = read_data(make_workbooks(tmp_path, edit={"kinerja.xlsx": {"IKU": {"C3": header}}}))
    assert list(data.table("iku")["induk"]) == ["S1", "S2"]


# --- sheets -------------------------------------------------------------------------------------
@pytest.mark.parametrize(("old", "new", "sheet_id"), [
    ("IKU", "Indikator Kinerja Utama", "iku"),
    ("IKU", "iku", "iku"),
    ("IKU", " Iku ", "iku"),
    ("Indikator Program", "IKP", "ikp"),
    ("Indikator Program", "Indikator Kinerja Pendukung", "ikp"),
    ("Sub Kegiatan", "SUB KEGIATAN", "sub_kegiatan"),
])
def test_sheet_found_by_alias_or_other_case(tmp_path, old, new, sheet_id):
    file = next(f for f, sheets in fictional().items() if old in sheets)
    data = read_data(make_workbooks(tmp_path, rename={file: {old: new}}))
    assert len(data.table(sheet_id)) > 0
    assert data.table(sheet_id)["sumber"].iloc[0].startswith(f"{file}!{new}!")


# --- body rows ----------------------------------------------------------------------------------
def test_hidden_rows_are_skipped(tmp_path):
    spec = fictional()
    kegiatan = spec["anggaran.xlsx"]["Kegiatan"]
    kegiatan.rows.append(["9.99.99.2.01", "9.99.99", "Kegiatan lama yang disembunyikan", "-"])
    kegiatan.hidden.add(kegiatan.row_of(len(kegiatan.rows) - 1))
    data = read_data(make_workbooks(tmp_path, spec=spec))  # an undefined program if it were read
    assert "9.99.99.2.01" not in set(data.table("kegiatan")["kode"])
    assert len(data.table("kegiatan")) == 3


def test_hidden_row_in_the_middle_does_not_shift_other_rows(tmp_path):
    spec = fictional()
    spec["kinerja.xlsx"]["Sasaran"].hidden.add(4)  # S1
    raw = raw_sheet(make_workbooks(tmp_path, spec=spec), "kinerja.xlsx", "Sasaran", "sasaran")
    assert [(n, cells[0].value, cells[0].ref) for n, cells in raw.rows] == [(5, "S2", "A5")]


def test_merged_body_cells_are_filled_from_their_top_left_cell(tmp_path):
    frame = read_data(make_workbooks(tmp_path)).table("perangkat_daerah")
    roles = frame[frame["nama"] == "DINAS SOSIAL"]["peran"]
    assert list(roles) == ["Menyalurkan bantuan pangan", "Memverifikasi data penerima"]
    assert list(frame["kelompok"][:3]) == ["Perangkat Daerah Utama"] * 3


def test_merged_outcome_is_filled_over_its_innovations(tmp_path):
    frame = read_data(make_workbooks(tmp_path)).table("logframe")
    assert list(frame["outcome"]) == ["TERSEDIANYA PANGAN BERGIZI"] * 2 + ["TERKENDALINYA HARGA PANGAN"]


@pytest.mark.parametrize("label", ["TOTAL", "Jumlah", "  total "])
def test_total_row_is_a_stated_total_not_a_program(tmp_path, label):
    data = read_data(make_workbooks(tmp_path, edit={"anggaran.xlsx": {"Program": {"A7": label}}}))
    assert list(data.table("program")["kode"]) == ["X.XX.01", "3.27.02", "3.27.03"]
    totals = data.totals.set_index("ukuran")
    assert totals.loc["anggaran", "nilai"] == 1_870_500_000
    assert totals.loc["anggaran", "sumber"] == "anggaran.xlsx!Program!E7"
    assert totals.loc["realisasi_anggaran", "sumber"] == "anggaran.xlsx!Program!F7"
    assert set(data.totals["tahun"]) == {2024}


def test_blank_rows_between_data_rows_are_ignored(tmp_path):
    spec = fictional()
    sasaran = spec["kinerja.xlsx"]["Sasaran"]
    sasaran.rows.insert(1, [None, None, None])
    data = read_data(make_workbooks(tmp_path, spec=spec))
    assert list(data.table("sasaran")["kode"]) == ["S1", "S2"]
    assert list(data.table("sasaran")["baris"]) == [4, 6]


# --- files that are not sane workbooks ----------------------------------------------------------
def _only_error(problems, file):
    found = [p for p in problems if p.file == file and p.level == ERROR]
    assert found, f"no error for {file}: {[str(p) for p in problems]}"
    return found[0]


@pytest.mark.parametrize("file", FILES)
def test_missing_file_is_reported_with_its_name(tmp_path, file):
    folder = make_workbooks(tmp_path, files=tuple(f for f in FILES if f != file))
    problem = _only_error(input_problems(folder), file)
    assert "tidak ditemukan" in problem.message
    assert file in problem.expected


@pytest.mark.parametrize(("suffix", "kind"), [(".xls", ".xls"), (".ods", ".ods"), (".csv", ".csv")])
def test_other_format_with_same_stem_is_named_instead_of_missing(tmp_path, suffix, kind):
    folder = make_workbooks(tmp_path, files=("profil.xlsx", "kinerja.xlsx"))
    (folder / f"anggaran{suffix}").write_bytes(b"No;Kode Program\n1;X.XX.01\n")
    problem = _only_error(input_problems(folder), f"anggaran{suffix}")
    assert kind in problem.message and "bukan .xlsx" in problem.message
    assert ".xlsx" in problem.expected


def test_file_name_in_other_case_is_found(tmp_path):
    folder = make_workbooks(tmp_path)
    (folder / "anggaran.xlsx").rename(folder / "Anggaran.XLSX")
    if (folder / "anggaran.xlsx").exists():  # case-insensitive file system
        pytest.skip("file system ignores case")
    assert len(read_data(folder).table("program")) == 3


def test_non_zip_file_named_xlsx_is_refused(tmp_path):
    folder = make_workbooks(tmp_path)
    (folder / "kinerja.xlsx").write_text("Kode,Tujuan\nT1,Meningkatnya\n", encoding="utf-8")
    problem = _only_error(input_problems(folder), "kinerja.xlsx")
    assert "bukan berkas workbook" in problem.message
    assert problem.expected == "berkas .xlsx"


@pytest.mark.parametrize(("fixture", "says", "advice"), [
    ("terenkripsi.xlsx", "dilindungi kata sandi (terenkripsi)", "kosongkan kata sandi"),  # made by msoffcrypto-tool
    ("excel97.xls", "Excel 97-2003 (.xls) yang namanya diganti", "Simpan Sebagai › Excel Workbook (.xlsx)"),
])
def test_encrypted_workbook_and_renamed_xls_get_different_messages(tmp_path, fixture, says, advice):
    folder = make_workbooks(tmp_path)
    (folder / "kinerja.xlsx").write_bytes((FIXTURES / fixture).read_bytes())
    problem = _only_error(input_problems(folder), "kinerja.xlsx")
    assert says in problem.message and advice in problem.expected


def test_other_ole2_file_named_xlsx_is_refused(tmp_path):
    folder = make_workbooks(tmp_path)
    (folder / "kinerja.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    problem = _only_error(input_problems(folder), "kinerja.xlsx")
    assert "bukan workbook .xlsx" in problem.message and "simpan ulang" in problem.expected


def test_truncated_zip_is_refused(tmp_path):
    folder = make_workbooks(tmp_path)
    path = folder / "kinerja.xlsx"
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    problem = _only_error(input_problems(folder), "kinerja.xlsx")
    assert "rusak" in problem.message
    assert "utuh" in problem.expected


def test_zip_without_workbook_part_is_refused(tmp_path):
    folder = make_workbooks(tmp_path)
    with zipfile.ZipFile(folder / "kinerja.xlsx", "w") as zf:
        zf.writestr("word/document.xml", "<w:document/>")
    problem = _only_error(input_problems(folder), "kinerja.xlsx")
    assert "bukan workbook" in problem.message


def test_zip_declaring_a_huge_uncompressed_size_is_refused_before_parsing(tmp_path, monkeypatch):
    folder = make_workbooks(tmp_path)
    monkeypatch.setattr(load, "MAX_UNCOMPRESSED", 2048)
    opened = []
    monkeypatch.setattr("openpyxl.load_workbook", lambda *a, **k: opened.append(a))
    problems = input_problems(folder)
    assert {p.file for p in problems} == set(FILES)
    assert all("terlalu besar" in p.message for p in problems)
    assert all("MB" in p.expected for p in problems)
    assert not opened  # refused before any XML was parsed


def test_size_limit_lets_a_normal_workbook_through(tmp_path):
    folder = make_workbooks(tmp_path)
    with zipfile.ZipFile(folder / "kinerja.xlsx") as zf:
        assert sum(i.file_size for i in zf.infolist()) < load.MAX_UNCOMPRESSED
    assert read_data(folder).table("iku") is not None


def test_broken_files_are_all_reported_together(tmp_path):
    folder = make_workbooks(tmp_path, files=("profil.xlsx",))
    (folder / "kinerja.xlsx").write_bytes(b"not a workbook")
    problems = input_problems(folder)
    assert {p.file for p in problems if p.level == ERROR} == {"kinerja.xlsx", "anggaran.xlsx"}


# --- RawCell ------------------------------------------------------------------------------------
def test_raw_cells_keep_value_number_format_and_address(tmp_path):
    folder = make_workbooks(tmp_path, edit={"kinerja.xlsx": {"IKU": {"T5": Fmt(0.9487, "0.00%")}}})
    raw = raw_sheet(folder, "kinerja.xlsx", "IKU", "iku")
    number, cells = raw.rows[0]
    assert number == 5
    assert (cells[19].value, cells[19].number_format, cells[19].ref) == (0.9487, "0.00%", "T5")


# --- column-number rows ("(1) (2) (3) ..." under the header) --------------------------------------
SHEET_FILES = [(file, title) for file, sheets in fictional().items() for title in sheets]


@pytest.mark.parametrize("style", ["(n)", "n"])
@pytest.mark.parametrize(("file", "title"), SHEET_FILES)
def test_column_number_row_under_the_header_is_skipped_with_a_note(tmp_path, file, title, style):
    plain = read_data(make_workbooks(tmp_path / "plain"))
    spec = fictional()
    sheet = spec[file][title]
    spec[file][title] = with_row_under_header(sheet, column_numbers(sheet, style))
    data = read_data(make_workbooks(tmp_path / "numbered", spec=spec))
    sheet_id = next(s.id for s in SHEETS if s.file == file and s.name == title)
    ours, theirs = data.table(sheet_id), plain.table(sheet_id)
    columns = [c.key for c in SPECS[sheet_id].columns]
    assert ours[columns].equals(theirs[columns])  # the same entities, none of them "(3)" or -3
    row = sheet.first_data_row
    [note] = [p for p in data.problems if p.sheet == title and "nomor kolom" in p.message]
    assert note.level == WARNING and note.cell.startswith(f"A{row}:") and f"baris {row}" in note.message


def test_kondisi_column_numbers_are_not_read_as_accounting_negatives(tmp_path):
    spec = fictional()
    kondisi = spec["profil.xlsx"]["Kondisi"]
    spec["profil.xlsx"]["Kondisi"] = with_row_under_header(kondisi, ["(1)", "(2)", "(3)", "(4)"])
    frame = read_data(make_workbooks(tmp_path, spec=spec)).table("kondisi")
    assert list(frame["nilai"]) == [7.25, 12] and "(2)" not in set(frame["uraian"])


@pytest.mark.parametrize("row", [
    [1, "Persentase Penduduk Rawan Pangan", 7.25, "%"],  # a data row: has text
    [2, 3, None, None],  # does not start at 1
    [1, None, None, None],  # a lone number
    ["(1)", "(3)", "(2)", None],  # not rising
])
def test_rows_that_are_not_column_numbers_stay_data(row):
    assert not load.is_column_numbers(row)


@pytest.mark.parametrize("row", [["(1)", "(2)", "(3)", "(4)"], [1, 2, 3, 4], ["1", "2", None, "3"],
                                 ["(1)", "(2)", "(3)", "(4) = (3)/(2)"], [1.0, 2.0]])
def test_column_number_rows_are_recognised(row):
    assert load.is_column_numbers(row)


# --- Excel's escapes of control characters --------------------------------------------------------
@pytest.mark.parametrize(("written", "read"), [
    ("Cadangan pangan_x000B_desa", "Cadangan pangan desa"),
    ("Cadangan_x0007_ pangan", "Cadangan pangan"),
    ("Cadangan pangan_x000D__x000A_desa", "Cadangan pangan desa"),
    ("kode_x005F_x000B_literal", "kode_x000B_literal"),  # Excel's escape of a typed "_x000B_"
])
def test_excel_escapes_are_decoded(tmp_path, written, read):
    data = read_data(make_workbooks(tmp_path, edit={"profil.xlsx": {"Permasalahan": {"B4": written}}}))
    assert data.table("permasalahan")["uraian"].iloc[0] == read


def test_clean_text_keeps_line_breaks_and_drops_other_controls():
    assert load.clean_text("a_x000B_b_x000D_\nc_x0007_d") == "a\nb\nc d"
