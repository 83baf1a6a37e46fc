#!/usr/bin/env python3
"""Extend data/contoh-dinsos with the data of issue 17: the years of its Renstra, end targets, a
national standard and the analysis of each IKU.

Dinas Sosial Kabupaten Sukamaju (fictional) reports 2025 against 2024 within its Renstra 2021–2026.
This script adds, as literals below (no formulas, no randomness):

- `kinerja.xlsx › IKU` and `› Indikator Program`: target and realisasi 2021, 2022 and 2023 for every
  indicator (merged "Tahun 2021" … over "Target" / "Realisasi", before the 2024 and 2025 columns);
- `kinerja.xlsx › IKU`: Target Akhir Renstra (2026) for every IKU, a Standar Nasional with its source
  for two of them, Faktor Pendorong, Faktor Penghambat and Solusi / Rencana Tindak Lanjut for each;
- `profil.xlsx › Profil`: Tahun Akhir Renstra 2026 (the IKU sheet has no year column of its own, so
  every end target takes the Profil's year).

Every other cell — the 2024 and 2025 figures, the stated capaian, names, codes, styles — is carried
over as it is. The script is idempotent: it lays the two sheets out afresh from what it reads plus
the literals, so a second run writes the same workbooks, byte for byte (fixed document dates and zip
entry times). Two IKU are lower-is-better (Polaritas Negatif): their realisasi fall year by year.

    python tools/extend_contoh_dinsos.py [DATA_DIR]      # default: data/contoh-dinsos
"""
from __future__ import annotations

import io
import math
import re
import sys
import zipfile
from copy import copy
from datetime import datetime
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "contoh-dinsos"
STAMP = datetime(2026, 1, 15, 8, 0, 0)  # document dates and zip entry times: fixed, for identical bytes

HEADER_ROW, SUB_ROW, FIRST_ROW = 3, 4, 5
HISTORY_YEARS = (2021, 2022, 2023)
TAHUN_AKHIR_RENSTRA = 2026
DASH = "-"

# kode → {year: (target, realisasi)}, Renstra 2021–2026. Negatif: IKU-1, IKU-2, IKP-6 (lower is better).
HISTORY = {
    "IKU-1": {2021: (11.30, 11.48), 2022: (10.85, 10.71), 2023: (10.30, 10.19)},  # % penduduk miskin
    "IKU-2": {2021: (36.00, 37.42), 2022: (32.00, 31.15), 2023: (28.00, 26.94)},  # % PPKS belum tertangani
    "IKU-3": {2021: (62.50, 61.80), 2022: (65.00, 65.42), 2023: (67.50, 68.10)},  # nilai SAKIP
    "IKP-1": {2021: (56.00, 54.20), 2022: (60.00, 61.35), 2023: (64.00, 65.80)},
    "IKP-2": {2021: (70.00, 66.50), 2022: (75.00, 77.80), 2023: (80.00, 82.15)},
    "IKP-3": {2021: (2.00, 1.85), 2022: (3.00, 3.10), 2023: (4.00, 3.62)},
    "IKP-4": {2021: (100.00, 100.00), 2022: (100.00, 100.00), 2023: (100.00, 100.00)},
    "IKP-5": {2021: (20.00, 18.40), 2022: (25.00, 26.05), 2023: (30.00, 31.70)},
    "IKP-6": {2021: (10.00, 11.20), 2022: (9.00, 8.60), 2023: (8.00, 7.40)},  # hari, T/R
    "IKP-7": {2021: (100.00, 100.00), 2022: (100.00, 100.00), 2023: (100.00, 100.00)},
    "IKP-8": {2021: (76.00, 75.12), 2022: (77.00, 78.40), 2023: (78.50, 80.05)},
}

TARGET_AKHIR = {"IKU-1": 8.90, "IKU-2": 18.00, "IKU-3": 75.00}  # Renstra 2021–2026, in each IKU's unit

# kode → (standar, its source); IKU-3 has none.
STANDAR = {
    "IKU-1": (8.47, "Persentase penduduk miskin nasional, BPS (Berita Resmi Statistik, Maret 2025)"),
    "IKU-2": (0.00, "SPM Bidang Sosial (Permensos 9/2018): seluruh PPKS terlantar memperoleh rehabilitasi "
                    "sosial dasar"),
}

# kode → (Faktor Pendorong, Faktor Penghambat, Solusi / Rencana Tindak Lanjut); "\n" is a line break in the cell.
ANALISIS = {
    "IKU-1": (
        "Persentase penduduk miskin turun dari 9,62% pada 2024 menjadi 9,51% pada 2025, melanjutkan penurunan "
        "sejak 11,48% pada awal Renstra. Penurunan ini didorong oleh penyaluran bantuan sosial PKH dan BPNT yang "
        "lebih tepat sasaran setelah verifikasi dan validasi DTKS melalui musyawarah desa di seluruh "
        "desa/kelurahan. Kartu Sukamaju Peduli dan BLT Dana Desa menjangkau keluarga rentan yang belum menerima "
        "bantuan pusat, dan Tim Koordinasi Penanggulangan Kemiskinan Daerah membuka akses permodalan bagi 214 "
        "Kelompok Usaha Bersama (KUBE).",

        "1. Kenaikan harga beras dan bahan pokok pada semester I 2025 (inflasi kelompok makanan Kabupaten "
        "Sukamaju 4,8%) menaikkan garis kemiskinan menjadi Rp 531.420 per kapita per bulan, sehingga sebagian "
        "rumah tangga rentan yang pengeluarannya berada sedikit di atas garis kemiskinan pada 2024 kembali masuk "
        "kategori miskin walaupun pendapatannya tidak turun; kenaikan ini paling terasa di 11 kecamatan "
        "pertanian yang mengalami gagal panen akibat kemarau panjang pada triwulan III.\n"
        "2. Data Terpadu Kesejahteraan Sosial (DTKS) belum sepenuhnya padan dengan data kependudukan: dari "
        "41.286 rumah tangga dalam DTKS, 3.912 belum memiliki NIK yang valid sehingga tidak dapat diusulkan "
        "sebagai penerima bantuan sosial pusat, dan musyawarah desa pemutakhiran data di 27 desa baru terlaksana "
        "pada triwulan IV sehingga hasilnya belum dapat dipakai untuk penyaluran bantuan tahun berjalan; "
        "keluarga miskin baru hasil pendataan itu baru dapat menerima bantuan pada tahun berikutnya.\n"
        "3. Graduasi Keluarga Penerima Manfaat (KPM) PKH menuju keluarga sejahtera mandiri masih rendah, 5,12% "
        "dari target 6%, karena pendampingan usaha ekonomi produktif bertumpu pada 38 pendamping sosial untuk "
        "18.450 KPM, atau satu pendamping untuk hampir 486 keluarga, jauh dari rasio ideal satu pendamping untuk "
        "250 keluarga.\n"
        "4. Program penanggulangan kemiskinan di perangkat daerah lain, seperti rehabilitasi rumah tidak layak "
        "huni, penyediaan air minum dan sanitasi layak, serta pelatihan dan permodalan usaha mikro, belum "
        "sepenuhnya diarahkan ke desa dan keluarga dengan tingkat kemiskinan tertinggi, karena perencanaan "
        "lintas perangkat daerah belum memakai satu basis data sasaran yang sama dan lokasi kegiatannya masih "
        "ditentukan oleh usulan masing-masing perangkat daerah, sehingga di beberapa desa bantuan yang berbeda "
        "menumpuk pada keluarga yang sama sementara keluarga miskin lain belum tersentuh program apa pun.",

        "Dinas Sosial memutakhirkan DTKS setiap bulan melalui aplikasi SI-DATU Sukamaju dan menuntaskan padan "
        "data NIK bersama Dinas Kependudukan dan Pencatatan Sipil paling lambat triwulan II 2026. Pendamping "
        "sosial ditambah 12 orang dari APBD, dan program Graduasi PKH Berdaya difokuskan pada 2.500 KPM yang "
        "telah memiliki usaha produktif, bekerja sama dengan BAZNAS dan Forum CSR untuk permodalan. Bersama "
        "BAPPEDA, Tim Koordinasi Penanggulangan Kemiskinan Daerah menetapkan desa prioritas berdasarkan DTKS "
        "sebagai acuan tunggal lokasi program seluruh perangkat daerah.",
    ),
    "IKU-2": (
        "Persentase PPKS yang belum tertangani turun dari 22,87% pada 2024 menjadi 20,12% pada 2025, lebih "
        "rendah dari target 21%. Layanan Home Care Disabilitas dan Dapur Kasih Lansia menjangkau 1.146 lanjut "
        "usia dan penyandang disabilitas terlantar di rumahnya tanpa menunggu daya tampung panti. Penjangkauan "
        "bersama Satpol PP dan Lembaga Kesejahteraan Sosial (LKS) mempercepat pemulangan gelandangan dan "
        "pengemis kepada keluarganya.",

        "Realisasi semester I (27,35%) masih di atas target 26% karena penjangkauan baru berjalan penuh setelah "
        "perubahan anggaran. Sarana rehabilitasi sosial milik daerah hanya satu rumah singgah berdaya tampung 30 "
        "orang, sehingga PPKS yang membutuhkan layanan residensial dirujuk ke panti milik provinsi dengan waktu "
        "tunggu. Pekerja Sosial Masyarakat (PSM) belum merata: 61 desa belum memiliki PSM yang aktif.",

        "Penjangkauan dijadwalkan setiap bulan sejak awal tahun anggaran, tidak menunggu perubahan anggaran. "
        "Dinas Sosial mengusulkan pembentukan UPTD rehabilitasi sosial dalam RKPD 2027 dan menambah kerja sama "
        "rujukan dengan LKS terakreditasi. PSM untuk 61 desa yang belum memilikinya direkrut dan dilatih, dengan "
        "honorarium dari Dana Desa sesuai kesepakatan dengan Dinas Pemberdayaan Masyarakat dan Desa.",
    ),
    "IKU-3": (
        "Nilai SAKIP naik dari 71,25 menjadi 73,40 karena Renstra, Renja dan Perjanjian Kinerja telah selaras "
        "dengan pohon kinerja dan diturunkan sampai tingkat pelaksana. Pengukuran kinerja dilakukan setiap "
        "triwulan melalui aplikasi e-SAKIP daerah dan hasilnya dibahas dalam rapat evaluasi pimpinan.",

        "Hasil pengukuran kinerja belum dimanfaatkan secara nyata untuk perbaikan perencanaan dan penganggaran, "
        "sehingga komponen evaluasi akuntabilitas kinerja internal masih mendapat nilai terendah. Sebagian "
        "indikator program dan kegiatan belum memiliki definisi operasional dan sumber data yang jelas.",

        "Mulai 2026 hasil evaluasi kinerja triwulanan menjadi dasar usulan perubahan anggaran, disertai "
        "penghargaan dan sanksi berbasis capaian kinerja pegawai. Manual indikator kinerja seluruh program dan "
        "kegiatan disusun dan ditetapkan dengan Keputusan Kepala Dinas.",
    ),
}

# The IKU's new columns, after the years: (header, width, kind) — kind "angka" or "teks".
IKU_COLUMNS = (
    ("Target Akhir Renstra", 12, "angka"),
    ("Standar Nasional", 11, "angka"),
    ("Sumber Standar Nasional", 30, "teks"),
    ("Faktor Pendorong", 70, "teks"),
    ("Faktor Penghambat", 70, "teks"),
    ("Solusi / Rencana Tindak Lanjut", 70, "teks"),
)


def iku_values(kode: str) -> dict[str, object]:
    """The new IKU columns of one row, by header."""
    standar, sumber = STANDAR.get(kode, (None, None))
    pendorong, penghambat, solusi = ANALISIS[kode]
    return {"Target Akhir Renstra": TARGET_AKHIR[kode], "Standar Nasional": standar,
            "Sumber Standar Nasional": sumber, "Faktor Pendorong": pendorong, "Faktor Penghambat": penghambat,
            "Solusi / Rencana Tindak Lanjut": solusi}


# --- the sheet as columns ---------------------------------------------------------------------------
def _group_of(ws, column: int) -> str | None:
    """The text over a column on the header row (a merged "Tahun 2024" covers all its columns)."""
    for rng in ws.merged_cells.ranges:
        if rng.min_row == HEADER_ROW and rng.min_col <= column <= rng.max_col:
            return ws.cell(HEADER_ROW, rng.min_col).value
    return ws.cell(HEADER_ROW, column).value


def read_columns(ws) -> list[tuple[tuple[str, str | None], int]]:
    """((header, sub header or None), column) of every column, in sheet order."""
    out = []
    for column in range(1, ws.max_column + 1):
        top = _group_of(ws, column)
        sub = ws.cell(SUB_ROW, column).value
        if top is not None or sub is not None:
            out.append(((top, sub), column))
    return out


def _year(key: tuple[str, str | None]) -> int | None:
    match = re.fullmatch(r"Tahun (\d{4})", str(key[0] or ""))
    return int(match.group(1)) if match else None


def layout(columns: list[tuple[tuple[str, str | None], int]], extras: tuple) -> list[tuple[str, str | None]]:
    """The sheet's columns in order: fixed ones, the years oldest first (history years Target, Realisasi),
    then the extra columns."""
    added = {header for header, _, _ in extras}
    fixed = [key for key, _ in columns if _year(key) is None and key[0] not in added]
    years = {_year(key) for key, _ in columns if _year(key) is not None} | set(HISTORY_YEARS)
    dated = []
    for year in sorted(years):
        if year in HISTORY_YEARS:
            dated += [(f"Tahun {year}", "Target"), (f"Tahun {year}", "Realisasi")]
        else:
            dated += [key for key, _ in columns if _year(key) == year]
    return fixed + dated + [(header, None) for header, _, _ in extras]


# --- writing ----------------------------------------------------------------------------------------
def rewrite(wb, name: str, extras: tuple, values) -> None:
    """Lay sheet `name` out afresh: its carried-over cells, the history years and the extra columns."""
    old = wb[name]
    columns = read_columns(old)
    where = dict(columns)
    order = layout(columns, extras)
    rows = [r for r in range(FIRST_ROW, old.max_row + 1) if old.cell(r, 1).value is not None]
    styles = _styles(old, where)
    new = wb.create_sheet(f"{name}~", wb.sheetnames.index(name))
    _title(new, old, len(order))
    widths = {header: width for header, width, _ in extras}
    texts = {header for header, _, kind in extras if kind == "teks"}
    for j, key in enumerate(order, 1):
        letter = get_column_letter(j)
        source = where.get(key)
        new.column_dimensions[letter].width = (old.column_dimensions[get_column_letter(source)].width
                                               if source and _year(key) is None else widths.get(key[0], 11))
        for i, r in enumerate(rows, FIRST_ROW):
            kode = old.cell(r, where[("Kode", None)]).value
            target = new.cell(i, j)
            if _year(key) in HISTORY_YEARS:
                _put(target, HISTORY[kode][_year(key)][key[1] == "Realisasi"], styles)
            elif key[0] in widths:
                _put(target, values(kode)[key[0]], styles, text=key[0] in texts)
            else:
                cell = old.cell(r, source)
                target.value = cell.value
                target._style = copy(cell._style)
    _headers(new, order, styles)
    _row_heights(new, order, extras, len(rows))
    new.freeze_panes = old.freeze_panes
    wb.remove(old)
    new.title = name


def _styles(ws, where: dict) -> dict:
    """Styles of the sheet's own cells, for the new ones: header, number, dash, text."""
    first = FIRST_ROW
    target = where[next(k for k in where if _year(k) and k[1] == "Target")]
    return {"header": copy(ws.cell(HEADER_ROW, 1)._style), "title": copy(ws.cell(1, 1)._style),
            "angka": copy(ws.cell(first, target)._style),
            "dash": next(copy(ws.cell(r, c)._style) for r in range(first, ws.max_row + 1)
                         for c in range(1, ws.max_column + 1) if ws.cell(r, c).value == DASH),
            "teks": copy(ws.cell(first, where[("Indikator", None)])._style)}


def _put(cell, value, styles: dict, text: bool = False) -> None:
    """A literal with the style of its kind: number (#,##0.00), '-' or empty, text."""
    if text:
        cell.value, cell._style = value, copy(styles["teks"])
    elif value is None or value == DASH:
        cell.value, cell._style = value, copy(styles["dash"])
    else:
        cell.value, cell._style = value, copy(styles["angka"])


def _title(new, old, width: int) -> None:
    """The title on row 1, merged over the table."""
    new.cell(1, 1, old.cell(1, 1).value)._style = copy(old.cell(1, 1)._style)
    new.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)


def _headers(ws, order: list, styles: dict) -> None:
    """Two header rows: a column's own header merged down, a year merged across its sub-columns."""
    for j, (top, sub) in enumerate(order, 1):
        for row in (HEADER_ROW, SUB_ROW):
            ws.cell(row, j)._style = copy(styles["header"])
        ws.cell(HEADER_ROW, j).value = top if j == 1 or order[j - 2][0] != top or sub is None else None
        ws.cell(SUB_ROW, j).value = sub
        if sub is None:
            ws.merge_cells(start_row=HEADER_ROW, start_column=j, end_row=SUB_ROW, end_column=j)
    spans: dict[str, list[int]] = {}
    for j, (top, sub) in enumerate(order, 1):
        if sub is not None:
            spans.setdefault(top, []).append(j)
    for columns in spans.values():
        if len(columns) > 1:
            ws.merge_cells(start_row=HEADER_ROW, start_column=columns[0], end_row=HEADER_ROW, end_column=columns[-1])
    ws.row_dimensions[SUB_ROW].height = 30


def _row_heights(ws, order: list, extras: tuple, count: int) -> None:
    """Rows as tall as their longest wrapped text (Excel does not fit them on opening), at most 409 pt."""
    width = {header: w for header, w, kind in extras if kind == "teks"}
    for row in range(FIRST_ROW, FIRST_ROW + count):
        lines = [_lines(str(ws.cell(row, j).value), width[top])
                 for j, (top, _) in enumerate(order, 1) if top in width and ws.cell(row, j).value]
        if lines:
            ws.row_dimensions[row].height = min(409, 15 * max(lines))


def _lines(text: str, width: float) -> int:
    """Lines of a wrapped text in a column `width` characters wide (a rough count, for the row height)."""
    return sum(math.ceil(max(len(part), 1) * 1.15 / width) for part in text.split("\n"))


def set_profil_end_year(wb) -> None:
    """Profil › Tahun Akhir Renstra: the row after the last entry (or the one already there)."""
    ws = wb["Profil"]
    rows = [r for r in range(FIRST_ROW - 1, ws.max_row + 1) if ws.cell(r, 1).value]
    row = next((r for r in rows if ws.cell(r, 1).value == "Tahun Akhir Renstra"), rows[-1] + 1)
    for column, value in ((1, "Tahun Akhir Renstra"), (2, TAHUN_AKHIR_RENSTRA)):
        ws.cell(row, column).value = value
        ws.cell(row, column)._style = copy(ws.cell(rows[0], column)._style)


def save(wb, path: Path) -> None:
    """Save with fixed document dates and zip entry times, so the bytes are the same on every run."""
    wb.properties.created = wb.properties.created or STAMP
    buffer = io.BytesIO()
    wb.save(buffer)
    stamp = wb.properties.created.strftime("%Y-%m-%dT%H:%M:%SZ")  # modified = created: the same on every run
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>" + stamp.encode() + rb"\g<2>", data)
            entry = zipfile.ZipInfo(info.filename, date_time=STAMP.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, data)


def check(wb) -> None:
    """Refuse literals that do not fit the workbook: every indicator has its history, every IKU its analysis,
    and the realisasi of a Negatif IKU falls from year to year."""
    problems = []
    for name, needs in (("IKU", (HISTORY, TARGET_AKHIR, ANALISIS)), ("Indikator Program", (HISTORY,))):
        ws = wb[name]
        where = dict(read_columns(ws))
        codes = [ws.cell(r, where[("Kode", None)]).value for r in range(FIRST_ROW, ws.max_row + 1)
                 if ws.cell(r, 1).value is not None]
        problems += [f"{name} {kode}: no literals" for kode in codes for table in needs if kode not in table]
    for kode in ("IKU-1", "IKU-2"):
        realisasi = [HISTORY[kode][y][1] for y in HISTORY_YEARS]
        if realisasi != sorted(realisasi, reverse=True):
            problems.append(f"{kode} is Negatif: its realisasi should fall, not {realisasi}")
    if problems:
        raise SystemExit("extend_contoh_dinsos: " + "; ".join(problems))


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else DATA
    kinerja = load_workbook(folder / "kinerja.xlsx")
    check(kinerja)
    rewrite(kinerja, "IKU", IKU_COLUMNS, iku_values)
    rewrite(kinerja, "Indikator Program", (), lambda kode: {})
    profil = load_workbook(folder / "profil.xlsx")
    set_profil_end_year(profil)
    for book, name in ((kinerja, "kinerja.xlsx"), (profil, "profil.xlsx")):
        save(book, folder / name)
        print(folder / name)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
