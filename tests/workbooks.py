"""Minimal but complete source workbooks for tests, written with openpyxl into a tmp folder.

A tiny fictional agency, "Dinas Ketahanan Pangan" of "Kabupaten Sukamaju", reporting 2024
(Semester II) against 2023: 1 tujuan, 2 sasaran, 2 IKU, 3 IKP (IKP-2 has polaritas Negatif),
3 programs, 3 kegiatan, 4 sub kegiatan and the profil sheets. Every sheet has a merged title
row, a blank row and its header on row 3, as staff lay them out.

Cell map (the addresses tests edit):

kinerja.xlsx › IKU and › Indikator Program — two header rows (3-4), data from row 5:
    A No  B Kode  C Kode Sasaran/Program  D Indikator  E Definisi Operasional  F Pembilang
    G Penyebut  H Pengali  I Satuan  J Polaritas
    K/L/M  Tahun 2023 › Target / Realisasi / Capaian
    N/O/P  Tahun 2024 › Target / Target Semester I / Target Semester II
    Q/R    Tahun 2024 › Realisasi Semester I / II
    S/T    Tahun 2024 › Capaian Semester I / II        (stated, fractions in a 0.00% format)
    U      Rumus Capaian (empty: by polaritas)
    IKU rows: 5 IKU-1 (S1, %), 6 IKU-2 (S2, nilai)
    IKP rows: 5 IKP-1 (3.27.02), 6 IKP-2 (3.27.03, Negatif), 7 IKP-3 (3.27.03)
anggaran.xlsx › Program — header row 3, data rows 4-6 (X.XX.01→S2, 3.27.02→S1, 3.27.03→S1),
    TOTAL row 7 (A7:D7 merged):  A No  B Kode Program  C Program  D Kode Sasaran
    E Anggaran 2024  F Realisasi Anggaran 2024
profil.xlsx › Profil — header row 3 (A Uraian, B Isi), rows 4-9, next free row PROFIL_NEXT_ROW.

Usage::

    make_workbooks(tmp_path, edit={"kinerja.xlsx": {"IKU": {"K5": "4.25"}}})
    make_workbooks(tmp_path, rename={"kinerja.xlsx": {"IKU": "iku"}})
    make_workbooks(tmp_path, drop={"anggaran.xlsx": ["Kegiatan"]}, files=("profil.xlsx", "kinerja.xlsx"))
    spec = fictional(); spec["anggaran.xlsx"]["Kegiatan"].rows.append([...]); make_workbooks(tmp_path, spec=spec)
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

FILES = ("profil.xlsx", "kinerja.xlsx", "anggaran.xlsx")
HEADER_ROW = 3
PROFIL_NEXT_ROW = 10

PCT = "0.00%"
DEC = "#,##0.00"
INT = "#,##0"


@dataclass(frozen=True)
class Fmt:
    """A cell value with its number format (for `edit` and for rows)."""

    value: object
    number_format: str


@dataclass
class SheetSpec:
    """One sheet: a merged title, header rows (row 3 on), body rows, merges, hidden rows, formats.

    `merges` are A1 ranges; `formats` maps a column letter to the number format of its body cells.
    """

    title: str
    header: list[list]
    rows: list[list]
    merges: list[str] = field(default_factory=list)
    hidden: set[int] = field(default_factory=set)
    formats: dict[str, str] = field(default_factory=dict)

    @property
    def first_data_row(self) -> int:
        return HEADER_ROW + len(self.header)

    def row_of(self, index: int) -> int:
        """Sheet row number of body row `index` (0-based)."""
        return self.first_data_row + index


# --- the fictional agency ---------------------------------------------------------------------
_INDICATOR_HEADER = [
    ["No", "Kode", None, "Indikator", "Definisi Operasional", "Pembilang", "Penyebut", "Pengali", "Satuan",
     "Polaritas", "Tahun 2023", None, None, "Tahun 2024", None, None, None, None, None, None, "Rumus Capaian"],
    [None] * 10 + ["Target", "Realisasi", "Capaian", "Target", "Target Semester I", "Target Semester II",
                   "Realisasi Semester I", "Realisasi Semester II", "Capaian Semester I", "Capaian Semester II",
                   None],
]
_INDICATOR_MERGES = [f"{c}3:{c}4" for c in "ABCDEFGHIJU"] + ["K3:M3", "N3:T3"]
_INDICATOR_FORMATS = {**{c: DEC for c in "KLNOPQR"}, **{c: PCT for c in "MST"}}


def _indicator_sheet(title: str, parent_header: str, rows: list[list]) -> SheetSpec:
    header = [list(r) for r in _INDICATOR_HEADER]
    header[0][2] = parent_header
    return SheetSpec(title, header, rows, list(_INDICATOR_MERGES), formats=dict(_INDICATOR_FORMATS))


def fictional() -> dict[str, dict[str, SheetSpec]]:
    """The fictional agency's workbooks as specs: {file: {sheet title: SheetSpec}}. A fresh copy each call."""
    profil = {
        "Profil": SheetSpec("PROFIL PERANGKAT DAERAH", [["Uraian", "Isi"]], [
            ["Nama Perangkat Daerah", "Dinas Ketahanan Pangan"],
            ["Singkatan", "DKP"],
            ["Pemerintah Daerah", "Kabupaten Sukamaju"],
            ["Tahun", 2024],
            ["Tahun Pembanding", 2023],
            ["Periode Laporan", "Semester II"],
        ]),
        "Kondisi": SheetSpec("KONDISI KERAWANAN PANGAN", [["No", "Uraian", "Nilai", "Satuan"]], [
            [1, "Persentase Penduduk Rawan Pangan", 7.25, "%"],
            [2, "Jumlah Desa Rawan Pangan", 12, "desa"],
        ], formats={"C": DEC}),
        "Permasalahan": SheetSpec("PERMASALAHAN", [["No", "Permasalahan"]], [
            [1, "Cadangan pangan desa belum merata"],
            [2, "Produksi pangan lokal rentan cuaca"],
        ]),
        "Perangkat Daerah": SheetSpec(
            "PERANGKAT DAERAH DALAM PENANGGULANGAN KERAWANAN PANGAN",
            [["Kelompok", "Perangkat Daerah / Pemangku Kepentingan", "Peran"]], [
                ["Perangkat Daerah Utama", "DINAS SOSIAL", "Menyalurkan bantuan pangan"],
                [None, None, "Memverifikasi data penerima"],
                [None, "DINAS PERTANIAN", "Meningkatkan produksi padi"],
                ["Perangkat Daerah Penunjang", "BAPPEDA", None],
                ["Stakeholder Eksternal", "Perguruan Tinggi", None],
            ], merges=["A4:A6", "B4:B5"]),
        "Logical Framework": SheetSpec("LOGICAL FRAMEWORK", [["No", "Outcome", "Program Inovasi"]], [
            [1, "TERSEDIANYA PANGAN BERGIZI", "LUMBUNG DESA"],
            [None, None, "PEKARANGAN LESTARI"],
            [2, "TERKENDALINYA HARGA PANGAN", "PASAR MURAH"],
        ], merges=["A4:A5", "B4:B5"]),
    }
    kinerja = {
        "Tujuan": SheetSpec("TUJUAN PERANGKAT DAERAH", [["Kode", "Tujuan", "Indikator Tujuan"]], [
            ["T1", "Meningkatnya ketahanan pangan daerah", "Skor Pola Pangan Harapan"],
        ]),
        "Sasaran": SheetSpec("SASARAN STRATEGIS", [["Kode", "Kode Tujuan", "Sasaran Strategis"]], [
            ["S1", "T1", "Meningkatnya ketersediaan pangan"],
            ["S2", "T1", "Meningkatnya akuntabilitas kinerja"],
        ]),
        "IKU": _indicator_sheet("INDIKATOR KINERJA UTAMA", "Kode Sasaran", [
            [1, "IKU-1", "S1", "Persentase ketersediaan pangan", "Pangan tersedia dibanding kebutuhan",
             "Jumlah pangan tersedia", "Jumlah kebutuhan pangan", 100, "%", "Positif",
             90, 92.5, 1.0278, 100, "-", 100, "-", 94.87, "-", 0.9487, None],
            [2, "IKU-2", "S2", "Nilai SAKIP Dinas Ketahanan Pangan", "Nilai evaluasi dari Inspektorat",
             None, None, None, "nilai", "Positif",
             70, 72.5, 1.0357, 75, 72, 75, 70.2, 76.5, 0.975, 1.02, None],
        ]),
        "Indikator Program": _indicator_sheet("INDIKATOR KINERJA PENDUKUNG", "Kode Program", [
            [1, "IKP-1", "3.27.02", "Persentase cadangan pangan tersedia", "Cadangan dibanding rencana",
             "Cadangan pangan tersedia", "Rencana cadangan pangan", 100, "%", "Positif",
             60, 63, 1.05, 65, 40, 65, 42, 68.25, 1.05, 1.05, None],
            [2, "IKP-2", "3.27.03", "Persentase desa rawan pangan", "Desa rawan dibanding seluruh desa",
             "Jumlah desa rawan pangan", "Jumlah desa", 100, "%", "Negatif",
             12, 11, 1.0833, 10, 11, 10, 11, 8, 1.0, 1.2, None],
            [3, "IKP-3", "3.27.03", "Persentase pasar terpantau harga", "Pasar yang dipantau harganya",
             "Pasar terpantau", "Jumlah pasar", 100, "%", "Positif",
             100, 100, 1.0, 100, 50, 100, 50, 100, 1.0, 1.0, None],
        ]),
    }
    anggaran = {
        "Program": SheetSpec("ANGGARAN DAN REALISASI PROGRAM",
                             [["No", "Kode Program", "Program", "Kode Sasaran", "Anggaran 2024",
                               "Realisasi Anggaran 2024"]], [
            [1, "X.XX.01", "Program Penunjang Urusan Pemerintahan", "S2", 1_500_000_000, 1_350_000_000],
            [2, "3.27.02", "Program Peningkatan Diversifikasi dan Ketahanan Pangan", "S1", 250_000_000, 240_000_000],
            [3, "3.27.03", "Program Penanganan Kerawanan Pangan", "S1", 120_500_000, 100_000_000],
            ["TOTAL", None, None, None, 1_870_500_000, 1_690_000_000],
        ], merges=["A7:D7"], formats={"E": INT, "F": INT}),
        "Kegiatan": SheetSpec("KEGIATAN", [["Kode Kegiatan", "Kode Program", "Kegiatan", "Indikator Kegiatan"]], [
            ["X.XX.01.2.01", "X.XX.01", "Administrasi Umum Perangkat Daerah", "Persentase layanan administrasi"],
            ["3.27.02.2.01", "3.27.02", "Penyediaan Cadangan Pangan", "Jumlah cadangan pangan (ton)"],
            ["3.27.03.2.01", "3.27.03", "Penanganan Daerah Rawan Pangan", "Jumlah desa rawan tertangani"],
        ]),
        "Sub Kegiatan": SheetSpec("SUB KEGIATAN", [[
            "Kode Sub Kegiatan", "Kode Kegiatan", "Sub Kegiatan", "Indikator Sub Kegiatan", "Target 2024",
            "Satuan", "Anggaran 2024", "Mendukung Kemiskinan", "Program Prioritas"]], [
            ["X.XX.01.2.01.0001", "X.XX.01.2.01", "Penyediaan Alat Tulis Kantor", "Jumlah paket ATK", 4, "paket",
             1_500_000_000, "Tidak", "Tidak"],
            ["3.27.02.2.01.0001", "3.27.02.2.01", "Pengadaan Cadangan Pangan", "Jumlah cadangan pangan", 50, "ton",
             150_000_000, "Ya", "Ya"],
            ["3.27.02.2.01.0002", "3.27.02.2.01", "Pengembangan Lumbung Pangan", "Jumlah lumbung aktif", 10,
             "lumbung", 100_000_000, "Tidak", "Ya"],
            ["3.27.03.2.01.0001", "3.27.03.2.01", "Intervensi Daerah Rawan Pangan", "Jumlah desa diintervensi", 12,
             "desa", 120_500_000, "Ya", "Tidak"],
        ], formats={"E": INT, "G": INT}),
    }
    return {"profil.xlsx": profil, "kinerja.xlsx": kinerja, "anggaran.xlsx": anggaran}


def with_row_under_header(sheet: SheetSpec, row: list) -> SheetSpec:
    """A copy of `sheet` with `row` inserted right under its header; merges and hidden rows below move down."""
    from openpyxl.utils import range_boundaries

    first = sheet.first_data_row
    merges = []
    for rng in sheet.merges:
        min_col, min_row, max_col, max_row = range_boundaries(rng)
        shift = 1 if min_row >= first else 0
        merges.append(f"{get_column_letter(min_col)}{min_row + shift}:{get_column_letter(max_col)}{max_row + shift}")
    hidden = {r + 1 if r >= first else r for r in sheet.hidden}
    return SheetSpec(sheet.title, sheet.header, [row] + sheet.rows, merges, hidden, dict(sheet.formats))


def with_columns(sheet: SheetSpec, columns: dict[str, list]) -> SheetSpec:
    """A copy of `sheet` with columns appended on the right: {header: [value of each body row]}.

    The header sits in the first header row, merged down over the others (as IKU's No ... Polaritas);
    a column shorter than the body leaves the last rows empty.
    """
    width = max(len(r) for r in sheet.header + sheet.rows)
    header = [row + [None] * (width - len(row)) for row in sheet.header]
    rows = [row + [None] * (width - len(row)) for row in sheet.rows]
    merges = list(sheet.merges)
    for k, (title, values) in enumerate(columns.items()):
        letter = get_column_letter(width + k + 1)
        header[0].append(title)
        for extra in header[1:]:
            extra.append(None)
        if len(header) > 1:
            merges.append(f"{letter}{HEADER_ROW}:{letter}{HEADER_ROW + len(header) - 1}")
        for i, row in enumerate(rows):
            row.append(values[i] if i < len(values) else None)
    return SheetSpec(sheet.title, header, rows, merges, set(sheet.hidden), dict(sheet.formats))


def with_year(sheet: SheetSpec, year: int, columns: dict[str, list]) -> SheetSpec:
    """A copy of a two-row-header sheet with a merged `Tahun <year>` over new sub-columns ("Target", ...)."""
    width = max(len(r) for r in sheet.header + sheet.rows)
    grown = with_columns(sheet, columns)
    first, last = get_column_letter(width + 1), get_column_letter(width + len(columns))
    grown.header[1][width:] = list(columns)
    grown.header[0][width:] = [f"Tahun {year}"] + [None] * (len(columns) - 1)
    grown.merges[len(sheet.merges):] = [f"{first}{HEADER_ROW}:{last}{HEADER_ROW}"] if len(columns) > 1 else []
    return grown


def column_letter(sheet: SheetSpec, header: str) -> str:
    """The letter of the column whose header (in any header row) is `header`."""
    for row in sheet.header:
        if header in row:
            return get_column_letter(row.index(header) + 1)
    raise KeyError(header)


def column_numbers(sheet: SheetSpec, style: str = "(n)") -> list:
    """The "(1) (2) (3) ..." row of a sheet's columns; style "n" gives plain numbers 1, 2, 3."""
    width = max(len(r) for r in sheet.header + sheet.rows)
    return [f"({j})" if style == "(n)" else j for j in range(1, width + 1)]


# --- writing ------------------------------------------------------------------------------------
def _set(ws, ref: str, value) -> None:
    """Write a value (or a Fmt) into a cell."""
    if isinstance(value, Fmt):
        ws[ref] = value.value
        ws[ref].number_format = value.number_format
    else:
        ws[ref] = value


def _write_sheet(ws, spec: SheetSpec) -> None:
    width = max(len(r) for r in spec.header + spec.rows)
    ws["A1"] = spec.title
    ws.merge_cells(f"A1:{get_column_letter(width)}1")
    for i, row in enumerate(spec.header):
        for j, value in enumerate(row, 1):
            if value is not None:
                ws.cell(HEADER_ROW + i, j, value)
    for i, row in enumerate(spec.rows):
        number = spec.row_of(i)
        for j, value in enumerate(row, 1):
            letter = get_column_letter(j)
            if value is not None:
                _set(ws, f"{letter}{number}", value)
            if letter in spec.formats and not isinstance(value, (str, Fmt)):
                ws[f"{letter}{number}"].number_format = spec.formats[letter]
    for rng in spec.merges:
        ws.merge_cells(rng)
    for number in spec.hidden:
        ws.row_dimensions[number].hidden = True


def build_books(spec: dict[str, dict[str, SheetSpec]] | None = None) -> dict[str, Workbook]:
    """openpyxl Workbooks of a spec (default: the fictional agency), not yet saved."""
    spec = fictional() if spec is None else spec
    books = {}
    for file, sheets in spec.items():
        wb = Workbook()
        wb.remove(wb.active)
        for name, sheet in sheets.items():
            _write_sheet(wb.create_sheet(name), sheet)
        books[file] = wb
    return books


def make_workbooks(folder: Path, *, spec: dict[str, dict[str, SheetSpec]] | None = None,
                   edit: dict[str, dict[str, dict[str, object]]] | None = None,
                   drop: dict[str, list[str]] | None = None,
                   rename: dict[str, dict[str, str]] | None = None,
                   files: tuple[str, ...] = FILES,
                   hook: Callable[[dict[str, Workbook]], None] | None = None) -> Path:
    """Write the workbooks into `folder` and return it.

    Applied in this order: `edit` {file: {sheet: {cell: value or Fmt}}} (sheet by its original
    name), `drop` {file: [sheet]}, `rename` {file: {sheet: new title}}, `hook(books)`; only
    `files` are saved.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    books = build_books(spec)
    for file, sheets in (edit or {}).items():
        for sheet, cells in sheets.items():
            for ref, value in cells.items():
                _set(books[file][sheet], ref, value)
    for file, sheets in (drop or {}).items():
        for sheet in sheets:
            books[file].remove(books[file][sheet])
    for file, names in (rename or {}).items():
        for old, new in names.items():
            ws = books[file][old]
            ws.title = "tmp-rename"  # openpyxl would make "IKU" → "iku" into "iku1"
            ws.title = new
    if hook is not None:
        hook(books)
    for file in files:
        books[file].save(folder / file)
    return folder


def input_problems(folder: Path) -> list:
    """The problems of the InputError that reading `folder` raises (fails the test if none is raised)."""
    import pytest

    from sakip_report.normalise import read_data
    from sakip_report.problems import InputError

    with pytest.raises(InputError) as info:
        read_data(folder)
    return info.value.problems
