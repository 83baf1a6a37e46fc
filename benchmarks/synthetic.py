"""Synthetic agencies of any size, laid out like `data/sample/` — for benchmarks and stress tests.

    make_agency(folder, 1000, seed=3)           # one agency with 1000 indicators
    make_agencies(root, count=5, n_indicators=100)   # five distinct agencies, one folder each

An agency with N indicators has about N/10 IKU (one sasaran per two IKU, one tujuan per five
sasaran) and the rest as Indikator Program (IKP) spread over N/4 programs; every program has
one to three kegiatan, every kegiatan one or two sub kegiatan. One indicator in ten has
polaritas Negatif; about one in four has no Semester I target ("-"). Names are plausible
Indonesian phrases of varied length. The same seed gives the same cell values, byte for byte
apart from the zip's timestamps.

The workbooks have the sample's sheets, headers, merges and number formats (a merged title on
row 1, the header on row 3, the two-row indicator header merged as in `kinerja.xlsx`), and
`sakip_report.normalise.read_data(folder)` accepts them without errors or warnings.

Run as a script to write one: `python benchmarks/synthetic.py OUT_DIR N [--seed S]`.
"""
from __future__ import annotations

import math
import random
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

TAHUN, TAHUN_LALU = 2024, 2023
PCT, DEC, INT = "0.00%", "#,##0.00", "#,##0"

# --- word pools ----------------------------------------------------------------------------
AGENCIES = (  # (nama perangkat daerah, singkatan)
    ("Dinas Tenaga Kerja", "Disnaker"), ("Dinas Ketahanan Pangan", "DKP"), ("Dinas Sosial", "Dinsos"),
    ("Dinas Kesehatan", "Dinkes"), ("Dinas Pendidikan", "Dispendik"),
    ("Dinas Perindustrian dan Perdagangan", "Disperindag"), ("Dinas Koperasi dan Usaha Mikro", "Diskopum"),
    ("Dinas Pemberdayaan Masyarakat dan Desa", "DPMD"), ("Dinas Perikanan", "Diskan"),
    ("Dinas Peternakan dan Kesehatan Hewan", "Disnakkeswan"), ("Dinas Lingkungan Hidup", "DLH"),
    ("Dinas Perhubungan", "Dishub"), ("Dinas Pariwisata dan Kebudayaan", "Disparbud"),
    ("Dinas Kependudukan dan Pencatatan Sipil", "Dispendukcapil"),
    ("Dinas Perumahan Rakyat dan Kawasan Permukiman", "Disperkim"),
    ("Badan Perencanaan Pembangunan Daerah", "Bappeda"), ("Dinas Komunikasi dan Informatika", "Diskominfo"),
    ("Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "DP3A"),
)
REGIONS = ("Sukamaju", "Tanjung Sari", "Mekarsari", "Sumber Rejo", "Karang Anyar Baru", "Bumi Harapan",
           "Pasir Putih", "Sido Mulyo", "Teluk Jaya", "Gunung Kidul Raya", "Lembah Hijau", "Muara Indah")
SUBJECTS = (
    "penduduk yang bekerja", "tenaga kerja bersertifikat kompetensi", "pencari kerja yang ditempatkan",
    "perusahaan yang menerapkan norma ketenagakerjaan", "desa rawan pangan", "rumah tangga miskin penerima bantuan",
    "UMKM yang naik kelas", "pelaku usaha yang difasilitasi", "kelompok tani aktif", "aduan masyarakat yang ditindaklanjuti",
    "sekolah terakreditasi minimal B", "balita stunting", "cadangan pangan pemerintah daerah", "pasar rakyat yang direvitalisasi",
    "penduduk dengan akses air minum layak", "rumah tidak layak huni yang diperbaiki", "dokumen perencanaan yang tepat waktu",
    "temuan pemeriksaan yang ditindaklanjuti", "layanan perizinan yang selesai tepat waktu", "koperasi sehat",
    "transmigran yang berhasil meningkatkan taraf ekonominya", "anak usia sekolah yang bersekolah", "kasus kekerasan terhadap anak",
    "sampah yang tertangani", "kawasan permukiman kumuh", "produk IKM bersertifikat halal", "wisatawan nusantara",
    "keluarga penerima manfaat yang graduasi", "ruas jalan dalam kondisi mantap", "desa mandiri",
    "penyandang disabilitas yang mendapat pelatihan", "pegawai yang memenuhi standar kompetensi jabatan",
    "nelayan yang memiliki asuransi", "hewan ternak yang divaksinasi", "data kependudukan yang terverifikasi",
    "perempuan yang berpartisipasi dalam pembangunan", "pengangguran terbuka", "penduduk miskin ekstrem",
)
QUALIFIERS = (
    "di wilayah kabupaten", "melalui mekanisme layanan antar kerja", "(dalam dan luar negeri)", "pada tahun berjalan",
    "terhadap jumlah sasaran", "berbasis kompetensi", "sesuai standar pelayanan minimal", "yang terverifikasi dan tervalidasi",
    "secara tepat waktu", "di kawasan perdesaan", "dibandingkan tahun sebelumnya", "dengan dukungan dana desa",
)
VERBS = ("Pengelolaan", "Peningkatan", "Pengembangan", "Pembinaan", "Penyelenggaraan", "Fasilitasi", "Perlindungan",
         "Pemberdayaan", "Penataan", "Pengendalian")
OBJECTS = (
    "Tenaga Kerja", "Pelatihan Kerja dan Produktivitas", "Penempatan Tenaga Kerja", "Hubungan Industrial",
    "Kawasan Transmigrasi", "Ketahanan Pangan", "Diversifikasi Pangan", "Usaha Mikro", "Koperasi",
    "Industri Kecil dan Menengah", "Sarana Distribusi Perdagangan", "Pelayanan Kesehatan Masyarakat",
    "Pendidikan Anak Usia Dini", "Pendidikan Dasar", "Rehabilitasi Sosial", "Jaminan Sosial", "Pemberdayaan Sosial",
    "Administrasi Kependudukan", "Kawasan Permukiman", "Perumahan Rakyat", "Lingkungan Hidup", "Persampahan",
    "Lalu Lintas Angkutan Jalan", "Destinasi Pariwisata", "Kebudayaan Daerah", "Informasi dan Komunikasi Publik",
    "Aplikasi Informatika", "Perlindungan Anak", "Kualitas Hidup Perempuan", "Kelembagaan Desa", "Perikanan Tangkap",
    "Kesehatan Hewan", "Data dan Statistik Sektoral",
)
ACTIVITIES = (
    "Penyusunan Dokumen", "Penyediaan Jasa", "Pelaksanaan Pelatihan", "Pengadaan Sarana", "Sosialisasi dan Edukasi",
    "Monitoring dan Evaluasi", "Koordinasi dan Sinkronisasi", "Pendampingan", "Verifikasi dan Validasi Data",
    "Pemberian Bantuan", "Pembangunan dan Rehabilitasi", "Pengukuran dan Penilaian",
)
PARTICIPLES = ("yang dilatih", "yang difasilitasi", "yang tersusun", "yang terlayani", "yang didampingi",
               "yang diverifikasi", "yang tersedia", "yang dibina")
UNITS = ("dokumen", "orang", "paket", "laporan", "kelompok", "desa", "unit", "kegiatan")
# (satuan, name prefix, value range, has pembilang/penyebut and pengali 100)
SATUAN = (("%", "Persentase", (20.0, 98.0), True), ("%", "Tingkat", (5.0, 95.0), True),
          ("nilai", "Nilai", (60.0, 95.0), False), ("indeks", "Indeks", (2.0, 4.5), False),
          ("orang", "Jumlah", (50, 5000), False), ("%", "Rasio", (10.0, 90.0), True))


def _rng_name(rng: random.Random, *, long_chance: float = 0.35) -> tuple[str, str]:
    """(subject, qualifier text) with 0–3 qualifiers: short and very long names both occur."""
    subject = rng.choice(SUBJECTS)
    r = rng.random()
    count = 0 if r < 0.3 else 1 if r < 1 - long_chance else rng.choice((2, 3))
    return subject, " ".join(rng.sample(QUALIFIERS, count))


def _unique(seen: set[str], make, fallback: str) -> str:
    """A name not in `seen` (tries `make()` a few times, then adds `fallback`)."""
    for _ in range(8):
        name = make()
        if name not in seen:
            break
    else:
        name = f"{name} {fallback}"
    seen.add(name)
    return name


def _round(value: float, places: int) -> float:
    """Half-up rounding, as Excel and the deck's formatting do."""
    q = Decimal(1).scaleb(-places)
    return float(Decimal(repr(value)).quantize(q, rounding=ROUND_HALF_UP))


def _capaian(target, realisasi, negatif: bool):
    """The stated capaian as a fraction (0.00% cell), as the build computes it; '-' without a target."""
    if target == "-" or realisasi == "-":
        return "-"
    value = (2 * target - realisasi) / target * 100 if negatif else realisasi / target * 100
    return round(_round(value, 2) / 100, 6)  # 0.9923, not 0.9923000000000001


# --- the agency as rows ---------------------------------------------------------------------
@dataclass
class _Sheet:
    title: str
    header: list[list]  # header rows (row 3 on)
    rows: list[list]
    merges: list[str]
    formats: dict[int, str]  # 0-based column → number format of numeric body cells
    width: int


def _indicator_sheet(title: str, parent: str, rows: list[list]) -> _Sheet:
    header = [
        ["No", "Kode", parent, "Indikator", "Definisi Operasional", "Pembilang", "Penyebut", "Pengali", "Satuan",
         "Polaritas", f"Tahun {TAHUN_LALU}", None, None, f"Tahun {TAHUN}", None, None, None, None, None, None],
        [None] * 10 + ["Target", "Realisasi", "Capaian", "Target", "Target Semester I", "Target Semester II",
                       "Realisasi Semester I", "Realisasi Semester II", "Capaian Semester I", "Capaian Semester II"],
    ]
    merges = [f"{c}3:{c}4" for c in "ABCDEFGHIJ"] + ["K3:M3", "N3:T3"]
    formats = {**{j: DEC for j in (10, 11, 13, 14, 15, 16, 17)}, **{j: PCT for j in (12, 18, 19)}}
    return _Sheet(title, header, rows, merges, formats, 20)


def _plain(title: str, header: list, rows: list[list], formats=None, merges=()) -> _Sheet:
    return _Sheet(title, [header], rows, list(merges), dict(formats or {}), len(header))


def agency_sheets(n_indicators: int, seed: int = 0, name: tuple[str, str, str] | None = None
                  ) -> dict[str, list[_Sheet]]:
    """The three workbooks of a synthetic agency as sheet specs {file: [sheet]}.

    `name` = (nama perangkat daerah, singkatan, pemerintah daerah); chosen from the seed if None.
    """
    if n_indicators < 2:
        raise ValueError("an agency needs at least 2 indicators (one IKU, one IKP)")
    rng = random.Random(seed)
    if name is None:
        (nama, singkatan), region = rng.choice(AGENCIES), rng.choice(REGIONS)
        name = (nama, singkatan, f"Kabupaten {region}")
    nama, singkatan, pemda = name

    n_iku = max(1, round(n_indicators / 10))
    n_ikp = n_indicators - n_iku
    n_sasaran = max(1, math.ceil(n_iku / 2))
    n_tujuan = max(1, math.ceil(n_sasaran / 5))
    n_program = max(1, min(n_ikp, n_indicators // 4))

    tujuan = [[f"T{i}", f"Meningkatnya {rng.choice(OBJECTS).lower()} {rng.choice(QUALIFIERS)}",
               f"{rng.choice(('Indeks', 'Persentase', 'Tingkat'))} {rng.choice(SUBJECTS)}"] for i in range(1, n_tujuan + 1)]
    seen: set[str] = set()
    sasaran = []
    for i in range(1, n_sasaran + 1):
        label = "Meningkatnya akuntabilitas kinerja perangkat daerah" if i == n_sasaran and n_sasaran > 1 else None
        label = label or _unique(seen, lambda: f"Meningkatnya {' '.join(_rng_name(rng)).strip()}", f"(S{i})")
        sasaran.append([f"S{i}", f"T{(i - 1) % n_tujuan + 1}", label[0].upper() + label[1:]])

    # programs: the first is the penunjang program of the manajemen-internal sasaran
    programs, seen = [], set()
    for i in range(n_program):
        if i == 0:
            kode, label, sas = "X.XX.01", "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota", n_sasaran
        else:
            b = i - 1
            kode = f"{2 + b // 270}.{(b // 9) % 30 + 1:02d}.{b % 9 + 2:02d}"
            label = _unique(seen, lambda: f"Program {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
                            + (f" {rng.choice(QUALIFIERS)}" if rng.random() < 0.3 else ""), f"({kode})")
            sas = (i - 1) % max(1, n_sasaran - 1) + 1 if n_sasaran > 1 else 1
        programs.append({"kode": kode, "nama": label, "sasaran": f"S{sas}", "anggaran": 0})

    kegiatan, sub = [], []
    for p in programs:
        for k in range(1, rng.choice((1, 2, 2, 3)) + 1):
            kk = f"{p['kode']}.2.{k:02d}"
            obj = rng.choice(OBJECTS)
            kegiatan.append([kk, p["kode"], f"{rng.choice(ACTIVITIES)} {obj}",
                             f"Jumlah {rng.choice(SUBJECTS).split(' yang ')[0]} {rng.choice(PARTICIPLES)}"])
            for s in range(1, rng.choice((1, 1, 2)) + 1):
                anggaran = rng.randrange(5, 1500) * 1_000_000 if rng.random() < 0.8 else None
                p["anggaran"] += anggaran or 0
                extra = f" {rng.choice(QUALIFIERS)}" if rng.random() < 0.4 else ""
                unit = rng.choice(UNITS)
                sub.append([f"{kk}.{s:04d}", kk, f"{rng.choice(ACTIVITIES)} {obj}{extra}",
                            f"Jumlah {unit} {rng.choice(PARTICIPLES)}", rng.randrange(1, 200), unit, anggaran,
                            "Ya" if rng.random() < 0.15 else "Tidak", "Ya" if rng.random() < 0.2 else "Tidak"])

    iku_rows, ikp_rows, seen = [], [], set()
    for i in range(n_indicators):
        is_iku = i < n_iku
        local = i if is_iku else i - n_iku
        satuan, prefix, (low, high), fraction = rng.choice(SATUAN)
        negatif = i % 10 == 9
        for _ in range(8):
            subject, qual = _rng_name(rng)
            label = " ".join(x for x in (prefix, subject, qual) if x)
            if rng.random() < 0.06:  # a short name now and then
                label = f"{prefix} {subject.split()[0].upper()}"
            if label not in seen:
                break
        else:
            label = f"{label} ({'IKU' if is_iku else 'IKP'}-{local + 1})"
        seen.add(label)
        definisi = (f"Indikator yang mengukur {label[0].lower() + label[1:]}"
                    + (f" {rng.choice(QUALIFIERS)}" if rng.random() < 0.5 else ""))
        pembilang = f"Jumlah {subject}" if fraction else None
        penyebut = f"Jumlah seluruh {subject.split(' yang ')[0]}" if fraction else None
        integer = isinstance(low, int)

        def amount(base, lo, hi):
            v = base * rng.uniform(lo, hi)
            return float(round(v)) if integer else _round(v, 2)

        t_lalu = float(rng.randrange(low, high)) if integer else _round(rng.uniform(low, high), 2)
        r_lalu = amount(t_lalu, 0.9, 1.08)
        t_ini = amount(t_lalu, 1.0, 1.05)
        t_s1 = "-" if rng.random() < 0.25 else amount(t_ini, 0.4, 0.7)
        r_s1 = "-" if t_s1 == "-" else amount(t_s1, 0.85, 1.15)
        r_s2 = amount(t_ini, 0.88, 1.1)
        row = [local + 1, f"{'IKU' if is_iku else 'IKP'}-{local + 1}",
               f"S{local % n_sasaran + 1}" if is_iku else programs[local % n_program]["kode"],
               label, definisi, pembilang, penyebut, 100 if fraction else None, satuan,
               "Negatif" if negatif else "Positif",
               t_lalu, r_lalu, _capaian(t_lalu, r_lalu, negatif), t_ini, t_s1, t_ini, r_s1, r_s2,
               _capaian(t_s1, r_s1, negatif), _capaian(t_ini, r_s2, negatif)]
        (iku_rows if is_iku else ikp_rows).append(row)

    program_rows, total_a, total_r = [], 0, 0
    for i, p in enumerate(programs, 1):
        anggaran = p["anggaran"] + rng.randrange(0, 200) * 1_000_000 or 10_000_000
        realisasi = round(anggaran * rng.uniform(0.82, 0.995))
        total_a, total_r = total_a + anggaran, total_r + realisasi
        program_rows.append([i, p["kode"], p["nama"], p["sasaran"], anggaran, realisasi])
    program_rows.append(["TOTAL", None, None, None, total_a, total_r])

    profil = [
        _plain("PROFIL PERANGKAT DAERAH", ["Uraian", "Isi"], [
            ["Nama Perangkat Daerah", nama], ["Singkatan", singkatan], ["Pemerintah Daerah", pemda],
            ["Tahun", TAHUN], ["Tahun Pembanding", TAHUN_LALU], ["Periode Laporan", "Semester II"],
            ["Rumus Capaian Polaritas Negatif", "(2T-R)/T"]]),
        _plain("KONDISI KEMISKINAN", ["No", "Uraian", "Nilai", "Satuan"], [
            [1, f"Prosentase Penduduk Miskin Tahun {TAHUN - 2}", _round(rng.uniform(5, 18), 2), "%"],
            [2, f"Jumlah Penduduk Miskin Tahun {TAHUN - 2}", rng.randrange(20_000, 250_000), "jiwa"],
            [3, "Garis Kemiskinan", rng.randrange(350_000, 600_000), "Rp/Kapita/Bulan"]], {2: DEC}),
        _plain("PERMASALAHAN KEMISKINAN", ["No", "Permasalahan"],
               [[i, f"Masih rendahnya {s}"] for i, s in enumerate(rng.sample(SUBJECTS, rng.randrange(4, 10)), 1)]),
    ]
    pd_rows, pd_merges, row = [], [], 4
    for a, (dinas, _) in enumerate(rng.sample(AGENCIES, 6)):
        roles = rng.randrange(1, 4)
        for r in range(roles):
            pd_rows.append(["Perangkat Daerah Utama", dinas.upper() if r == 0 else None,
                            f"{rng.choice(VERBS)} {rng.choice(OBJECTS)}"])
        if roles > 1:
            pd_merges.append(f"B{row}:B{row + roles - 1}")
        row += roles
    pd_rows += [["Perangkat Daerah Penunjang", x, None] for x in ("BAPPEDA", "BPBD", "RSUD", "KECAMATAN")]
    pd_rows += [["Stakeholder Eksternal", x, None] for x in ("KEMENTERIAN SOSIAL", "BAZNAS", "BADAN USAHA", "AKADEMISI")]
    profil.append(_plain("PERANGKAT DAERAH DALAM PENANGGULANGAN KEMISKINAN",
                         ["Kelompok", "Perangkat Daerah / Pemangku Kepentingan", "Peran"], pd_rows, merges=pd_merges))
    lf_rows, lf_merges, row = [], [], 4
    for o in range(1, 4):
        inovasi = rng.randrange(2, 5)
        outcome = f"MENINGKATNYA {rng.choice(SUBJECTS).upper()}"
        for k in range(inovasi):
            lf_rows.append([o if k == 0 else None, outcome if k == 0 else None,
                            " ".join(rng.choice(SUBJECTS).split()[:2]).upper()])
        lf_merges += [f"A{row}:A{row + inovasi - 1}", f"B{row}:B{row + inovasi - 1}"]
        row += inovasi
    profil.append(_plain("LOGICAL FRAMEWORK STRATEGI PENGENTASAN KEMISKINAN", ["No", "Outcome", "Program Inovasi"],
                         lf_rows, merges=lf_merges))

    kinerja = [
        _plain("TUJUAN PERANGKAT DAERAH", ["Kode", "Tujuan", "Indikator Tujuan"], tujuan),
        _plain("SASARAN STRATEGIS", ["Kode", "Kode Tujuan", "Sasaran Strategis"], sasaran),
        _indicator_sheet("INDIKATOR KINERJA UTAMA (IKU)", "Kode Sasaran", iku_rows),
        _indicator_sheet("INDIKATOR KINERJA PENDUKUNG (INDIKATOR PROGRAM)", "Kode Program", ikp_rows),
    ]
    total_row = len(program_rows) + 3
    anggaran = [
        _plain(f"ANGGARAN DAN REALISASI PER PROGRAM TAHUN {TAHUN}",
               ["No", "Kode Program", "Program", "Kode Sasaran", f"Anggaran {TAHUN}", f"Realisasi Anggaran {TAHUN}"],
               program_rows, {4: INT, 5: INT}, [f"A{total_row}:D{total_row}"]),
        _plain("KEGIATAN", ["Kode Kegiatan", "Kode Program", "Kegiatan", "Indikator Kegiatan"], kegiatan),
        _plain("SUB KEGIATAN", ["Kode Sub Kegiatan", "Kode Kegiatan", "Sub Kegiatan", "Indikator Sub Kegiatan",
                                f"Target {TAHUN}", "Satuan", f"Anggaran {TAHUN}", "Mendukung Kemiskinan",
                                "Program Prioritas"], sub, {4: INT, 6: INT}),
    ]
    names = {"profil.xlsx": ("Profil", "Kondisi", "Permasalahan", "Perangkat Daerah", "Logical Framework"),
             "kinerja.xlsx": ("Tujuan", "Sasaran", "IKU", "Indikator Program"),
             "anggaran.xlsx": ("Program", "Kegiatan", "Sub Kegiatan")}
    sheets = {"profil.xlsx": profil, "kinerja.xlsx": kinerja, "anggaran.xlsx": anggaran}
    return {file: list(zip(names[file], sheets[file])) for file in names}


# --- writing --------------------------------------------------------------------------------
def _write(ws, spec: _Sheet) -> None:
    ws["A1"] = spec.title
    ws.merge_cells(f"A1:{get_column_letter(spec.width)}1")
    for i, header in enumerate(spec.header):
        for j, value in enumerate(header, 1):
            if value is not None:
                ws.cell(3 + i, j, value)
    first = 3 + len(spec.header)
    for i, values in enumerate(spec.rows):
        for j, value in enumerate(values):
            if value is None:
                continue
            cell = ws.cell(first + i, j + 1, value)
            if j in spec.formats and not isinstance(value, str):
                cell.number_format = spec.formats[j]
    for rng in spec.merges:
        ws.merge_cells(rng)


def make_agency(folder: Path, n_indicators: int, *, seed: int = 0, name: str | None = None,
                singkatan: str | None = None, pemda: str | None = None) -> Path:
    """Write profil.xlsx, kinerja.xlsx and anggaran.xlsx of a synthetic agency into `folder`; return it.

    `name` is the Nama Perangkat Daerah (default: chosen from the seed); `singkatan` (which names
    the deck file) defaults to the name's initials.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    full = None
    if name is not None:
        rng = random.Random(seed)
        short = singkatan or "".join(w[0] for w in name.split() if w[0].isalnum()).upper()
        full = (name, short, pemda or f"Kabupaten {rng.choice(REGIONS)}")
    for file, sheets in agency_sheets(n_indicators, seed, full).items():
        wb = Workbook()
        wb.remove(wb.active)
        for title, spec in sheets:
            _write(wb.create_sheet(title), spec)
        wb.save(folder / file)
    return folder


def make_agencies(root: Path, count: int, n_indicators: int, *, seed: int = 0) -> list[Path]:
    """`count` agencies with distinct names (and deck file names) in root/agency-01, agency-02, ..."""
    root = Path(root)
    folders = []
    for i in range(count):
        nama, short = AGENCIES[i % len(AGENCIES)]
        region = REGIONS[(i // len(AGENCIES) + i) % len(REGIONS)]
        rnd = i // (len(AGENCIES) * len(REGIONS))  # more agencies than pairs: number them
        suffix = f" {rnd + 1}" if rnd else ""
        folders.append(make_agency(root / f"agency-{i + 1:02d}", n_indicators, seed=seed + i, name=nama + suffix,
                                   singkatan=f"{short} {region}{suffix}", pemda=f"Kabupaten {region}"))
    return folders


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("n", type=int)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    print(make_agency(args.out, args.n, seed=args.seed))
