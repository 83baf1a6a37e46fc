#!/usr/bin/env python3
"""Write data/contoh-dinkes/: a large fictional health office, laid out like data/contoh-dinsos.

Dinas Kesehatan, Pengendalian Penduduk dan Keluarga Berencana of the fictional Kabupaten Tanjung
Sari, reporting year 2025 (semester I and II) against 2024: 12 IKU under 5 sasaran (2 tujuan),
24 IKP over 8 programs, 20 kegiatan, 36 sub kegiatan, names of up to ~130 characters, units that
are not % and several Negatif indicators. What each deliberate oddity is for: data/README.md.

Every value is written literally below — no formulas, no randomness. The stated capaian and the
TOTAL row are literals too; the script only *checks* them (sub kegiatan add up to their program,
the TOTAL row to the programs) and refuses to write inconsistent workbooks. The .xlsx files are
byte-identical on every run (fixed document dates and zip entry times).

    python tools/make_contoh_dinkes.py [OUT_DIR]      # default: data/contoh-dinkes
"""
from __future__ import annotations

import io
import re
import sys
import zipfile
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "contoh-dinkes"

CREATOR = "Subbag Perencanaan dan Keuangan Dinkes P2KB Tanjung Sari"
STAMP = datetime(2026, 1, 15, 8, 0, 0)  # document dates and zip entry times: fixed, for identical bytes

DEC, INT, PCT = "#,##0.00", "#,##0", "0.00%"
DASH = "-"

_GREY = Side(style="thin", color="808080")
BORDER = Border(left=_GREY, right=_GREY, top=_GREY, bottom=_GREY)
HEAD_FONT = Font(name="Calibri", size=11, bold=True, color="FFFFFF")
HEAD_FILL = PatternFill("solid", fgColor="1F4E79")
TOTAL_FILL = PatternFill("solid", fgColor="DDEBF7")
BOLD = Font(name="Calibri", size=11, bold=True)
TITLE_FONT = Font(name="Calibri", size=13, bold=True)
TEXT = Alignment(vertical="top", wrap_text=True)
NUMBER = Alignment(horizontal="right", vertical="top")
CENTER = Alignment(horizontal="center", vertical="top")
MERGED = Alignment(vertical="center", wrap_text=True)


# === profil.xlsx ==================================================================================

PROFIL = [
    ("Nama Perangkat Daerah", "Dinas Kesehatan, Pengendalian Penduduk dan Keluarga Berencana"),
    ("Singkatan", "Dinkes P2KB"),
    ("Pemerintah Daerah", "Kabupaten Tanjung Sari"),
    ("Tahun", 2025),
    ("Tahun Pembanding", 2024),
    ("Periode Laporan", "Semester II"),
    ("Rumus Capaian Polaritas Negatif", "(2T-R)/T"),
]

# (uraian, nilai, number format, satuan)
KONDISI = [
    ("Persentase Penduduk Miskin Tahun 2024", 11.37, DEC, "%"),
    ("Jumlah Penduduk Miskin Tahun 2024", 104620, INT, "jiwa"),
    ("Garis Kemiskinan Tahun 2024", 468215, INT, "Rp/Kapita/Bulan"),
    ("Prevalensi Balita Stunting Tahun 2024 (e-PPGBM)", 16.84, DEC, "%"),
    ("Angka Kematian Ibu Tahun 2024", 91.43, DEC, "per 100.000 KH"),
    ("Angka Kematian Bayi Tahun 2024", 8.12, DEC, "per 1.000 KH"),
    ("Usia Harapan Hidup Tahun 2024", 72.91, DEC, "tahun"),
    ("Penduduk Miskin dan Rentan Peserta JKN Penerima Bantuan Iuran (PBI) APBN dan APBD Tahun 2024",
     187435, INT, "jiwa"),
]

PERMASALAHAN = [
    "Angka kematian ibu dan bayi masih di atas target RPJMD; sebagian besar kematian ibu terjadi pada ibu "
    "hamil dari keluarga miskin karena tiga terlambat (terlambat mengenali tanda bahaya, terlambat mencapai "
    "fasilitas kesehatan, terlambat mendapat penanganan)",
    "Prevalensi balita stunting masih di atas 14% dan terkonsentrasi pada keluarga miskin yang belum "
    "memiliki akses air minum dan sanitasi layak",
    "Masih terdapat penduduk miskin dan rentan yang belum terdaftar sebagai peserta JKN PBI karena belum "
    "memiliki NIK atau datanya belum padan dengan Data Tunggal Sosial dan Ekonomi Nasional (DTSEN)",
    "Penemuan kasus tuberkulosis masih rendah dan angka putus berobat tinggi pada pasien dari keluarga miskin",
    "Kasus demam berdarah dengue meningkat setiap musim hujan di permukiman padat",
    "Distribusi tenaga kesehatan belum merata: sebagian puskesmas di wilayah pegunungan dan pesisir belum "
    "memiliki sembilan jenis tenaga kesehatan sesuai standar",
    "Kebutuhan ber-KB yang tidak terpenuhi (unmet need) masih tinggi pada pasangan usia subur dari keluarga "
    "prasejahtera",
    "Perilaku hidup bersih dan sehat rumah tangga miskin masih rendah, terutama buang air besar sembarangan "
    "dan cuci tangan pakai sabun",
    "Keterbatasan sarana prasarana puskesmas pembantu dan alat kesehatan di desa terpencil",
    "Integrasi data sasaran program kesehatan dan keluarga berencana antarperangkat daerah belum optimal",
]

# (kelompok, [(perangkat daerah, [peran, ...]), ...]); a name without roles has an empty list
PERANGKAT = [
    ("Perangkat Daerah Utama", [
        ("DINAS KESEHATAN, PENGENDALIAN PENDUDUK DAN KELUARGA BERENCANA", [
            "Jaminan Kesehatan PBI Daerah bagi Penduduk Miskin dan Rentan",
            "Pencegahan dan Penanganan Stunting pada Keluarga Miskin",
            "Pelayanan KB Metode Kontrasepsi Jangka Panjang bagi Keluarga Prasejahtera",
            "Pendampingan Keluarga Berisiko Stunting oleh Tim Pendamping Keluarga",
        ]),
        ("DINAS SOSIAL", [
            "Pemutakhiran Data Tunggal Sosial dan Ekonomi Nasional (DTSEN)",
            "Penyaluran Bantuan Sosial PKH dan Sembako",
            "Rehabilitasi Sosial Lanjut Usia dan Penyandang Disabilitas Terlantar",
        ]),
        ("DINAS PENDIDIKAN", [
            "Bantuan Pendidikan bagi Anak dari Keluarga Miskin",
            "Penanganan Anak Tidak Sekolah",
        ]),
        ("DINAS PERUMAHAN RAKYAT DAN KAWASAN PERMUKIMAN", [
            "Rehabilitasi Rumah Tidak Layak Huni (RTLH)",
            "Jamban Sehat dan Sanitasi Layak bagi Rumah Tangga Miskin",
        ]),
        ("DINAS PEKERJAAN UMUM DAN PENATAAN RUANG", [
            "Penyediaan Air Minum Perdesaan (SPAM Desa)",
        ]),
        ("DINAS PERTANIAN DAN KETAHANAN PANGAN", [
            "Pekarangan Pangan Lestari (P2L)",
            "Bantuan Pangan bagi Keluarga Rawan Pangan",
            "Penanganan Daerah Rentan Rawan Pangan",
        ]),
        ("DINAS PERIKANAN", [
            "Gerakan Memasyarakatkan Makan Ikan bagi Ibu Hamil dan Balita",
        ]),
        ("DINAS TENAGA KERJA DAN TRANSMIGRASI", [
            "Pelatihan Keterampilan Kerja bagi Penganggur dari Keluarga Miskin",
        ]),
        ("DINAS KOPERASI, USAHA MIKRO DAN PERDAGANGAN", [
            "Pendampingan dan Akses Permodalan Usaha Mikro",
            "Stabilisasi Harga Bahan Pokok dan Pasar Murah",
        ]),
        ("DINAS PEMBERDAYAAN MASYARAKAT DAN DESA", [
            "Fasilitasi BLT Dana Desa",
            "Penggunaan Dana Desa untuk Konvergensi Stunting",
        ]),
        ("DINAS PEMBERDAYAAN PEREMPUAN DAN PERLINDUNGAN ANAK", [
            "Pencegahan Perkawinan Anak",
        ]),
        ("DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", [
            "Kepemilikan NIK dan Dokumen Kependudukan bagi Penduduk Miskin sebagai Syarat Kepesertaan PBI",
        ]),
    ]),
    ("Perangkat Daerah Penunjang", [
        ("BAPPERIDA", []),
        ("BADAN PENGELOLA KEUANGAN DAN ASET DAERAH", []),
        ("DINAS KOMUNIKASI DAN INFORMATIKA", []),
        ("INSPEKTORAT", []),
        ("RSUD TANJUNG SARI", []),
        ("KECAMATAN SE-KABUPATEN TANJUNG SARI", []),
    ]),
    ("Stakeholder Eksternal", [
        ("BPJS KESEHATAN KANTOR CABANG", []),
        ("DINAS KESEHATAN PROVINSI", []),
        ("PERWAKILAN BKKBN PROVINSI", []),
        ("TP PKK KABUPATEN TANJUNG SARI", []),
        ("BAZNAS KABUPATEN TANJUNG SARI", []),
        ("FORUM CSR KABUPATEN TANJUNG SARI", []),
        ("ORGANISASI PROFESI KESEHATAN (IDI, IBI, PPNI, PERSAGI)", []),
        ("PERGURUAN TINGGI", []),
    ]),
]

# (outcome, [program inovasi, ...])
LOGFRAME = [
    ("MENURUNNYA KEMATIAN IBU DAN BAYI DARI KELUARGA MISKIN", [
        "SIBUMIL TANGGUH (SIAGA IBU HAMIL TANJUNG SARI)",
        "RUMAH TUNGGU KELAHIRAN DESA",
        "AMBULANS DESA SIAGA 24 JAM",
        "KB PASCA PERSALINAN GRATIS",
    ]),
    ("TURUNNYA PREVALENSI STUNTING PADA KELUARGA BERISIKO", [
        "DAPUR SEHAT ATASI STUNTING (DASHAT)",
        "GEMAR PMT PANGAN LOKAL",
        "BAPAK ASUH ANAK STUNTING",
        "TPK SAHABAT KELUARGA",
        "POSYANDU PRIMA",
    ]),
    ("TERLINDUNGINYA PENDUDUK MISKIN DENGAN JAMINAN KESEHATAN", [
        "KARTU SEHAT TANJUNG SARI (UHC PRIORITAS)",
        "JEMPUT BOLA PBI DESA",
    ]),
    ("TERKENDALINYA TUBERKULOSIS DAN DBD DI PERMUKIMAN PADAT", [
        "TOSS TB (TEMUKAN OBATI SAMPAI SEMBUH)",
        "SATU RUMAH SATU JUMANTIK",
        "KAMPUNG STBM",
    ]),
]


# === kinerja.xlsx =================================================================================

TUJUAN = [
    ("T1", "Meningkatnya Derajat Kesehatan Masyarakat Kabupaten Tanjung Sari", "Usia Harapan Hidup"),
    ("T2", "Meningkatnya Tata Kelola Pemerintahan yang Akuntabel di Lingkungan Dinas Kesehatan, "
           "Pengendalian Penduduk dan Keluarga Berencana",
     "Nilai SAKIP Dinas Kesehatan, Pengendalian Penduduk dan Keluarga Berencana"),
]

SASARAN = [
    ("S1", "T1", "Menurunnya Angka Kematian Ibu, Bayi dan Neonatal"),
    ("S2", "T1", "Menurunnya Prevalensi Stunting dan Meningkatnya Kualitas Kesehatan Lingkungan"),
    ("S3", "T1", "Terkendalinya Penyakit Menular dan Penyakit Tidak Menular"),
    ("S4", "T1", "Meningkatnya Usia Harapan Hidup melalui Akses, Mutu dan Pemerataan Pelayanan Kesehatan"),
    ("S5", "T2", "Meningkatnya Akuntabilitas Kinerja dan Kualitas Pelayanan Publik Perangkat Daerah"),
]

# One indicator row. Measures: T24 R24 C24 | T25 T25-S1 T25-S2 R25-S1 R25-S2 C25-S1 C25-S2.
# "-" = no value for that period (shown as text), None = an empty cell (not reported yet).
# Capaian (C..) are the fractions the staff typed (0.00% format); the build only compares them.
# fields: kode, induk, indikator, definisi, pembilang, penyebut, pengali, satuan, polaritas,
#         rumus capaian (None = by polaritas), number format of targets/realisasi, 10 measures
IKU = [
    ("IKU-1", "S1", "Angka Kematian Ibu (AKI)",
     "Jumlah kematian ibu selama masa kehamilan, persalinan dan nifas (42 hari setelah melahirkan) yang "
     "disebabkan oleh kehamilan, persalinan, nifas atau pengelolaannya, bukan karena kecelakaan atau "
     "insidental, per 100.000 kelahiran hidup pada tahun yang sama",
     "Jumlah kematian ibu pada tahun N", "Jumlah kelahiran hidup pada tahun N", 100000,
     "per 100.000 KH", "Negatif", None, DEC,
     (98.00, 91.43, 1.0670, 92.00, DASH, 92.00, 48.52, 85.37, DASH, 1.0721)),
    ("IKU-2", "S1", "Angka Kematian Bayi (AKB)",
     "Jumlah kematian bayi berusia 0 sampai 11 bulan per 1.000 kelahiran hidup pada tahun yang sama, "
     "dari laporan kematian puskesmas dan rumah sakit (makin rendah makin baik; capaian dihitung target "
     "dibagi realisasi sesuai pedoman evaluasi Renstra Dinas)",
     "Jumlah kematian bayi usia 0-11 bulan pada tahun N", "Jumlah kelahiran hidup pada tahun N", 1000,
     "per 1.000 KH", "Negatif", "T/R", DEC,
     (7.80, 8.12, 0.9606, 7.50, 7.50, 7.50, 7.94, 7.21, 0.9446, 1.0402)),
    ("IKU-3", "S1", "Angka Kematian Neonatal (AKN)",
     "Jumlah kematian bayi berusia 0 sampai 28 hari per 1.000 kelahiran hidup pada tahun yang sama",
     "Jumlah kematian neonatal (0-28 hari) pada tahun N", "Jumlah kelahiran hidup pada tahun N", 1000,
     "per 1.000 KH", "Negatif", None, DEC,
     (5.60, 5.95, 0.9375, 5.40, 5.40, 5.40, 5.72, 5.18, 0.9407, 1.0407)),
    ("IKU-4", "S2", "Prevalensi Balita Stunting",
     "Persentase balita dengan panjang atau tinggi badan menurut umur kurang dari -2 standar deviasi "
     "median standar pertumbuhan anak WHO, hasil penimbangan serentak yang tercatat dalam e-PPGBM "
     "(semester I: bulan Februari; semester II: bulan Agustus, dirilis setelah validasi provinsi)",
     "Jumlah balita pendek dan sangat pendek", "Jumlah balita yang diukur tinggi badannya", 100,
     "%", "Negatif", None, DEC,
     (17.50, 16.84, 1.0377, 15.80, 16.50, 15.80, 16.12, None, 1.0230, None)),
    ("IKU-5", "S2", "Jumlah Desa/Kelurahan yang Melaksanakan Sanitasi Total Berbasis Masyarakat (STBM) Lima Pilar",
     "Jumlah desa/kelurahan yang telah diverifikasi melaksanakan kelima pilar STBM: stop buang air besar "
     "sembarangan, cuci tangan pakai sabun, pengelolaan air minum dan makanan rumah tangga, pengamanan "
     "sampah rumah tangga, dan pengamanan limbah cair rumah tangga",
     "Jumlah desa/kelurahan terverifikasi STBM lima pilar (kumulatif)", None, None,
     "desa", "Positif", None, INT,
     (120, 126, 1.0500, 160, 140, 160, 138, 171, 0.9857, 1.0688)),
    ("IKU-6", "S3", "Insidensi Tuberkulosis",
     "Perkiraan jumlah kasus tuberkulosis baru dan kambuh per 100.000 penduduk pada tahun yang sama, "
     "dari estimasi program TB nasional dan hasil penemuan kasus di fasilitas pelayanan kesehatan",
     "Jumlah kasus TB baru dan kambuh pada tahun N", "Jumlah penduduk pertengahan tahun N", 100000,
     "per 100.000 penduduk", "Negatif", None, INT,
     (285, 301, 0.9439, 270, DASH, 270, DASH, 262, DASH, 1.0296)),
    ("IKU-7", "S3", "Jumlah Kasus Demam Berdarah Dengue (DBD)",
     "Jumlah kasus demam berdarah dengue yang terkonfirmasi dan dilaporkan puskesmas serta rumah sakit "
     "melalui sistem surveilans pada periode berjalan (kumulatif sejak Januari)",
     "Jumlah kasus DBD terkonfirmasi", None, None,
     "kasus", "Negatif", None, INT,
     (180, 212, 0.8222, 170, 85, 170, 64, 149, 1.2471, 1.1235)),
    ("IKU-8", "S3", "Persentase Penderita Hipertensi Usia 15 Tahun ke Atas yang Mendapatkan Pelayanan "
                    "Kesehatan Sesuai Standar",
     "Persentase penderita hipertensi usia 15 tahun ke atas yang mendapatkan pelayanan kesehatan sesuai "
     "standar (pengukuran tekanan darah, edukasi dan terapi) di fasilitas pelayanan kesehatan",
     "Jumlah penderita hipertensi usia ≥ 15 tahun yang mendapat pelayanan sesuai standar",
     "Jumlah estimasi penderita hipertensi usia ≥ 15 tahun", 100,
     "%", "Positif", None, DEC,
     (70.00, 64.38, 0.9197, 80.00, 40.00, 80.00, 37.25, 76.92, 0.9313, 0.9615)),
    ("IKU-9", "S4", "Usia Harapan Hidup (UHH)",
     "Rata-rata perkiraan lama hidup (dalam tahun) yang akan dicapai oleh penduduk sejak lahir, dihitung "
     "oleh BPS secara tidak langsung dari data Sensus Penduduk dan Susenas; dirilis sekali setahun",
     None, None, None,
     "tahun", "Positif", None, DEC,
     (72.85, 72.91, 1.0008, 73.05, DASH, 73.05, DASH, 73.12, DASH, 1.0010)),
    ("IKU-10", "S4", "Persentase Penduduk yang Terdaftar sebagai Peserta Jaminan Kesehatan Nasional "
                     "(Universal Health Coverage)",
     "Persentase penduduk Kabupaten Tanjung Sari yang terdaftar sebagai peserta JKN (PBI APBN, PBI APBD, "
     "pekerja penerima upah, pekerja bukan penerima upah dan bukan pekerja) menurut data BPJS Kesehatan",
     "Jumlah penduduk yang terdaftar sebagai peserta JKN", "Jumlah penduduk (data kependudukan semester berjalan)",
     100, "%", "Positif", None, DEC,
     (95.00, 96.41, 1.0148, 98.00, 97.00, 98.00, 97.36, 98.74, 1.0037, 1.0076)),
    ("IKU-11", "S4", "Jumlah Puskesmas Terakreditasi Paripurna",
     "Jumlah puskesmas yang memperoleh status akreditasi paripurna dari lembaga penyelenggara akreditasi "
     "yang ditetapkan Kementerian Kesehatan (penilaian dilakukan pada semester II)",
     "Jumlah puskesmas berstatus akreditasi paripurna", None, None,
     "puskesmas", "Positif", None, INT,
     (8, 8, 1.0000, 11, DASH, 11, DASH, 10, DASH, 0.9091)),
    ("IKU-12", "S5", "Nilai SAKIP Dinas Kesehatan, Pengendalian Penduduk dan Keluarga Berencana",
     "Nilai hasil evaluasi akuntabilitas kinerja instansi pemerintah oleh Inspektorat Kabupaten Tanjung Sari",
     None, None, None,
     "nilai", "Positif", None, DEC,
     (72.00, 73.18, 1.0164, 75.00, DASH, 75.00, DASH, 76.05, DASH, 1.0140)),
]

IKP = [
    # Program Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat
    ("IKP-1", "1.02.02", "Persentase Ibu Hamil yang Mendapatkan Pelayanan Antenatal Sesuai Standar Minimal "
                         "Enam Kali Kunjungan (K6)",
     "Persentase ibu hamil yang mendapatkan pelayanan antenatal sesuai standar paling sedikit enam kali "
     "selama masa kehamilan, dua di antaranya oleh dokter",
     "Jumlah ibu hamil yang mendapat pelayanan K6", "Jumlah sasaran ibu hamil", 100,
     "%", "Positif", None, DEC,
     (88.00, 85.62, 0.9730, 92.00, 46.00, 92.00, 44.80, 90.15, 0.9739, 0.9799)),
    ("IKP-2", "1.02.02", "Persentase Persalinan yang Ditolong Tenaga Kesehatan Kompeten di Fasilitas "
                         "Pelayanan Kesehatan",
     "Persentase ibu bersalin yang mendapatkan pertolongan persalinan oleh tenaga kesehatan kompeten di "
     "fasilitas pelayanan kesehatan",
     "Jumlah persalinan oleh tenaga kesehatan di fasilitas pelayanan kesehatan", "Jumlah sasaran ibu bersalin",
     100, "%", "Positif", None, DEC,
     (96.00, 97.84, 1.0192, 98.00, 49.00, 98.00, 50.12, 98.31, 1.0229, 1.0032)),
    ("IKP-3", "1.02.02", "Persentase Bayi Baru Lahir yang Mendapatkan Pelayanan Kesehatan Neonatal "
                         "Esensial Sesuai Standar",
     "Persentase bayi baru lahir usia 0-28 hari yang mendapatkan pelayanan kesehatan neonatal esensial "
     "sesuai standar (kunjungan neonatal lengkap)",
     "Jumlah bayi baru lahir yang mendapat pelayanan sesuai standar", "Jumlah sasaran bayi baru lahir",
     100, "%", "Positif", None, DEC,
     (95.00, 96.30, 1.0137, 97.00, 48.50, 97.00, 49.20, 97.86, 1.0144, 1.0089)),
    ("IKP-4", "1.02.02", "Jumlah Kasus Kematian Ibu",
     "Jumlah kematian ibu selama masa kehamilan, persalinan dan nifas yang dilaporkan dan telah diaudit "
     "maternal perinatal pada tahun berjalan",
     "Jumlah kasus kematian ibu", None, None,
     "kasus", "Negatif", None, INT,
     (14, 13, 1.0714, 13, DASH, 13, DASH, 12, DASH, 1.0769)),
    ("IKP-5", "1.02.02", "Angka Keberhasilan Pengobatan Tuberkulosis (Treatment Success Rate)",
     "Persentase pasien tuberkulosis yang dinyatakan sembuh atau pengobatan lengkap di antara semua pasien "
     "tuberkulosis yang diobati dan dilaporkan pada kohort tahun sebelumnya",
     "Jumlah pasien TB sembuh dan pengobatan lengkap", "Jumlah pasien TB yang diobati pada kohort", 100,
     "%", "Positif", None, DEC,
     (90.00, 87.45, 0.9717, 90.00, DASH, 90.00, DASH, 88.62, DASH, 0.9847)),
    ("IKP-6", "1.02.02", "Persentase Kasus Kematian Ibu dan Bayi yang Dilakukan Audit Maternal Perinatal "
                         "Surveilans dan Respon (AMP-SR)",
     "Persentase kasus kematian ibu dan bayi yang dikaji melalui audit maternal perinatal surveilans dan "
     "respon beserta rekomendasi tindak lanjutnya",
     "Jumlah kasus kematian ibu dan bayi yang diaudit", "Jumlah kasus kematian ibu dan bayi", 100,
     "%", "Positif", None, DEC,
     (100.00, 100.00, 1.0000, 100.00, 100.00, 100.00, 100.00, 95.45, 1.0000, 0.9545)),
    # Program Pembinaan Keluarga Berencana (KB)
    ("IKP-7", "2.14.03", "Angka Pemakaian Kontrasepsi Modern (Modern Contraceptive Prevalence Rate/mCPR)",
     "Persentase pasangan usia subur yang sedang menggunakan alat atau cara kontrasepsi modern",
     "Jumlah PUS peserta KB aktif metode modern", "Jumlah pasangan usia subur (PUS)", 100,
     "%", "Positif", None, DEC,
     (61.50, 60.84, 0.9893, 62.20, DASH, 62.20, DASH, 62.57, DASH, 1.0059)),
    ("IKP-8", "2.14.03", "Persentase Kebutuhan Ber-KB yang Tidak Terpenuhi (Unmet Need)",
     "Persentase pasangan usia subur yang ingin menunda atau tidak ingin menambah anak tetapi tidak "
     "menggunakan kontrasepsi (makin rendah makin baik)",
     "Jumlah PUS unmet need", "Jumlah pasangan usia subur (PUS)", 100,
     "%", "Negatif", None, DEC,
     (11.20, 11.85, 0.9420, 10.50, 10.80, 10.50, 11.02, 10.36, 0.9796, 1.0133)),
    ("IKP-9", "2.14.03", "Jumlah Peserta KB Pasca Persalinan",
     "Jumlah ibu yang menggunakan kontrasepsi dalam 42 hari setelah melahirkan, kumulatif sejak Januari",
     "Jumlah peserta KB pasca persalinan", None, None,
     "orang", "Positif", None, INT,
     (4800, 5126, 1.0679, 5400, 2700, 5400, 1890, 5688, 0.7000, 1.0533)),
    # Program Pemberdayaan dan Peningkatan Keluarga Sejahtera (KS)
    ("IKP-10", "2.14.04", "Persentase Keluarga Berisiko Stunting yang Mendapatkan Pendampingan oleh Tim "
                          "Pendamping Keluarga (TPK)",
     "Persentase keluarga berisiko stunting hasil pendataan keluarga yang didampingi Tim Pendamping "
     "Keluarga (bidan, kader KB dan kader PKK) minimal sekali sebulan",
     "Jumlah keluarga berisiko stunting yang didampingi TPK", "Jumlah keluarga berisiko stunting", 100,
     "%", "Positif", None, DEC,
     (85.00, 88.62, 1.0426, 90.00, 45.00, 90.00, 47.35, 91.08, 1.0522, 1.0120)),
    ("IKP-11", "2.14.04", "Persentase Keluarga yang Memiliki Balita dan Aktif Mengikuti Kegiatan Bina "
                          "Keluarga Balita (BKB)",
     "Persentase keluarga dengan anak balita yang hadir dalam pertemuan kelompok Bina Keluarga Balita "
     "paling sedikit sembilan kali dalam setahun",
     "Jumlah keluarga balita yang aktif dalam BKB", "Jumlah keluarga yang memiliki balita", 100,
     "%", "Positif", None, DEC,
     (62.00, 58.74, 0.9474, 65.00, DASH, 65.00, DASH, 61.93, DASH, 0.9528)),
    # Program Pemberdayaan Masyarakat Bidang Kesehatan
    ("IKP-12", "1.02.05", "Persentase Posyandu Aktif dengan Strata Purnama dan Mandiri",
     "Persentase posyandu yang mencapai strata purnama atau mandiri berdasarkan penilaian tingkat "
     "perkembangan posyandu",
     "Jumlah posyandu strata purnama dan mandiri", "Jumlah posyandu", 100,
     "%", "Positif", None, DEC,
     (72.00, 74.15, 1.0299, 76.00, DASH, 76.00, DASH, 77.20, DASH, 1.0158)),
    ("IKP-13", "1.02.05", "Persentase Rumah Tangga yang Menerapkan Perilaku Hidup Bersih dan Sehat (PHBS)",
     "Persentase rumah tangga yang memenuhi sepuluh indikator PHBS tatanan rumah tangga hasil pendataan "
     "kader dan petugas promosi kesehatan puskesmas (rekap semester II disahkan pada bulan Februari tahun "
     "berikutnya)",
     "Jumlah rumah tangga ber-PHBS", "Jumlah rumah tangga yang didata", 100,
     "%", "Positif", None, DEC,
     (68.00, 66.92, 0.9841, 71.00, DASH, 71.00, DASH, None, DASH, None)),
    ("IKP-14", "1.02.05", "Jumlah Desa Siaga Aktif Strata Mandiri",
     "Jumlah desa/kelurahan siaga aktif yang mencapai strata mandiri berdasarkan penilaian tingkat "
     "perkembangan desa dan kelurahan siaga aktif",
     "Jumlah desa/kelurahan siaga aktif strata mandiri", None, None,
     "desa", "Positif", None, INT,
     (42, 45, 1.0714, 55, DASH, 55, DASH, 53, DASH, 0.9636)),
    # Program Sediaan Farmasi, Alat Kesehatan dan Makanan Minuman
    ("IKP-15", "1.02.04", "Persentase Puskesmas dengan Ketersediaan Obat dan Vaksin Esensial",
     "Persentase puskesmas yang memiliki minimal 80% dari 40 item obat dan vaksin indikator pada saat "
     "pemantauan",
     "Jumlah puskesmas dengan ketersediaan obat dan vaksin esensial ≥ 80%", "Jumlah puskesmas", 100,
     "%", "Positif", None, DEC,
     (90.00, 91.67, 1.0186, 95.00, 95.00, 95.00, 91.67, 95.83, 0.9649, 1.0087)),
    ("IKP-16", "1.02.04", "Rata-rata Lama Kekosongan Obat Program (Tuberkulosis, HIV dan Malaria) di "
                          "Instalasi Farmasi Kabupaten",
     "Rata-rata jumlah hari obat program kosong di Instalasi Farmasi Kabupaten sebelum distribusi "
     "berikutnya diterima (makin singkat makin baik)",
     "Jumlah hari kekosongan seluruh item obat program", "Jumlah item obat program", None,
     "hari", "Negatif", "T/R", DEC,
     (10.00, 12.50, 0.8000, 7.00, 7.00, 7.00, 9.00, 6.50, 0.7778, 1.0769)),
    ("IKP-17", "1.02.04", "Persentase Industri Rumah Tangga Pangan (IRTP) yang Memenuhi Syarat Keamanan Pangan",
     "Persentase IRTP bersertifikat P-IRT yang memenuhi syarat cara produksi pangan yang baik pada "
     "pemeriksaan sarana",
     "Jumlah IRTP yang memenuhi syarat", "Jumlah IRTP yang diperiksa", 100,
     "%", "Positif", None, DEC,
     (75.00, 72.40, 0.9653, 80.00, DASH, 80.00, DASH, 81.25, DASH, 1.0156)),
    # Program Peningkatan Kapasitas Sumber Daya Manusia Kesehatan
    ("IKP-18", "1.02.03", "Persentase Puskesmas dengan Sembilan Jenis Tenaga Kesehatan Sesuai Standar",
     "Persentase puskesmas yang memiliki sembilan jenis tenaga kesehatan (dokter, dokter gigi, perawat, "
     "bidan, tenaga promosi kesehatan, sanitarian, nutrisionis, tenaga kefarmasian, ahli laboratorium medik)",
     "Jumlah puskesmas dengan sembilan jenis tenaga kesehatan", "Jumlah puskesmas", 100,
     "%", "Positif", None, DEC,
     (70.83, 70.83, 1.0000, 79.17, DASH, 79.17, DASH, 75.00, DASH, 0.9473)),
    ("IKP-19", "1.02.03", "Jumlah Tenaga Kesehatan yang Ditingkatkan Kompetensinya",
     "Jumlah tenaga kesehatan yang mengikuti pelatihan teknis terakreditasi, kumulatif sejak Januari",
     "Jumlah tenaga kesehatan yang dilatih", None, None,
     "orang", "Positif", None, INT,
     (380, 402, 1.0579, 420, 180, 420, 165, 436, 0.9167, 1.0381)),
    ("IKP-20", "1.02.03", "Persentase Tenaga Kesehatan yang Memiliki Surat Izin Praktik (SIP) yang Masih Berlaku",
     "Persentase tenaga kesehatan di fasilitas pelayanan kesehatan yang memiliki surat izin praktik yang "
     "masih berlaku",
     "Jumlah tenaga kesehatan dengan SIP berlaku", "Jumlah tenaga kesehatan", 100,
     "%", "Positif", None, DEC,
     (92.00, 93.48, 1.0161, 95.00, 95.00, 95.00, 94.12, 96.37, 0.9907, 1.0144)),
    # Program Pengendalian Penduduk
    ("IKP-21", "2.14.02", "Persentase Desa/Kelurahan yang Memiliki Rumah Data Kependudukan (Rumah DataKu) Aktif",
     "Persentase desa/kelurahan yang memiliki Rumah DataKu dengan data kependudukan dan keluarga yang "
     "dimutakhirkan paling lambat enam bulan terakhir",
     "Jumlah desa/kelurahan dengan Rumah DataKu aktif", "Jumlah desa/kelurahan", 100,
     "%", "Positif", None, DEC,
     (20.00, 18.78, 0.9390, 25.00, DASH, 25.00, DASH, 26.12, DASH, 1.0448)),
    # Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota
    ("IKP-22", "1.02.01", "Persentase Dokumen Perencanaan, Penganggaran dan Laporan Kinerja Perangkat Daerah "
                          "yang Disusun Tepat Waktu",
     "Persentase dokumen Renja, RKA/DPA, LKjIP dan laporan realisasi yang disampaikan sesuai jadwal",
     "Jumlah dokumen yang disusun tepat waktu", "Jumlah dokumen yang wajib disusun", 100,
     "%", "Positif", None, DEC,
     (100.00, 100.00, 1.0000, 100.00, 100.00, 100.00, 100.00, 100.00, 1.0000, 1.0000)),
    ("IKP-23", "1.02.01", "Indeks Kepuasan Masyarakat (IKM) terhadap Pelayanan Dinas dan UPTD Puskesmas",
     "Indeks kepuasan masyarakat hasil survei kepuasan masyarakat terhadap sembilan unsur pelayanan "
     "(PermenPAN-RB Nomor 14 Tahun 2017)",
     None, None, None,
     "indeks", "Positif", None, DEC,
     (82.00, 83.46, 1.0178, 84.00, DASH, 84.00, DASH, 85.12, DASH, 1.0133)),
    ("IKP-24", "1.02.01", "Persentase Puskesmas BLUD dengan Kinerja Keuangan Kategori Sehat",
     "Persentase puskesmas BLUD yang memperoleh kategori sehat pada penilaian kinerja keuangan BLUD",
     "Jumlah puskesmas BLUD berkategori sehat", "Jumlah puskesmas BLUD", 100,
     "%", "Positif", None, DEC,
     (75.00, 79.17, 1.0556, 83.33, DASH, 83.33, DASH, 87.50, DASH, 1.0500)),
]


# === anggaran.xlsx ================================================================================

# (kode program, program, kode sasaran, anggaran 2024, realisasi 2024, anggaran 2025, realisasi 2025)
PROGRAM = [
    ("1.02.02", "Program Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat", "S1",
     64875200000, 60914386220, 68102400000, 63418275640),
    ("2.14.03", "Program Pembinaan Keluarga Berencana (KB)", "S1",
     1054600000, 987452300, 1129300000, 1052816400),
    ("2.14.04", "Program Pemberdayaan dan Peningkatan Keluarga Sejahtera (KS)", "S2",
     1986250000, 1902118450, 2133400000, 2021087150),
    ("1.02.05", "Program Pemberdayaan Masyarakat Bidang Kesehatan", "S2",
     1218700000, 1121045600, 1292400000, 1187652300),
    ("1.02.04", "Program Sediaan Farmasi, Alat Kesehatan dan Makanan Minuman", "S3",
     198500000, 184327000, 215150000, 198734500),
    ("1.02.03", "Program Peningkatan Kapasitas Sumber Daya Manusia Kesehatan", "S4",
     3412800000, 3196540125, 3646100000, 3402619850),
    ("2.14.02", "Program Pengendalian Penduduk", "S4",
     45000000, 41250000, 37250000, 29800000),
    ("1.02.01", "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota", "S5",
     153948650000, 147305772410, 161587300000, 154226908725),
]
# The TOTAL row as the staff typed it (checked against the sum of the programs before writing)
TOTAL = (226739700000, 215652892105, 238143300000, 225537894565)

# (kode kegiatan, kode program, kegiatan, indikator kegiatan)
KEGIATAN = [
    ("1.02.02.2.01", "1.02.02", "Penyediaan Fasilitas Pelayanan Kesehatan untuk UKM dan UKP Kewenangan Daerah "
                                "Kabupaten/Kota",
     "Jumlah fasilitas pelayanan kesehatan yang disediakan sesuai standar"),
    ("1.02.02.2.02", "1.02.02", "Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan Tingkat Daerah "
                                "Kabupaten/Kota",
     "Persentase layanan kesehatan UKM dan UKP yang diselenggarakan sesuai standar"),
    ("1.02.02.2.03", "1.02.02", "Penyelenggaraan Sistem Informasi Kesehatan secara Terintegrasi",
     "Jumlah sistem informasi kesehatan yang terintegrasi"),
    ("1.02.02.2.04", "1.02.02", "Penerbitan Izin Rumah Sakit Kelas C, D dan Fasilitas Pelayanan Kesehatan "
                                "Tingkat Daerah Kabupaten/Kota",
     "Jumlah fasilitas pelayanan kesehatan yang dibina dan ditingkatkan mutunya"),
    ("2.14.03.2.01", "2.14.03", "Pelaksanaan Advokasi, Komunikasi, Informasi dan Edukasi (KIE) Pengendalian "
                                "Penduduk dan KB sesuai Kearifan Budaya Lokal",
     "Jumlah kecamatan yang melaksanakan advokasi dan KIE pengendalian penduduk dan KB"),
    ("2.14.03.2.03", "2.14.03", "Pengendalian dan Pendistribusian Kebutuhan Alat dan Obat Kontrasepsi serta "
                                "Pelaksanaan Pelayanan KB di Daerah Kabupaten/Kota",
     "Jumlah fasilitas kesehatan yang menyediakan pelayanan KB"),
    ("2.14.04.2.01", "2.14.04", "Pelaksanaan Pembangunan Keluarga melalui Pembinaan Ketahanan dan "
                                "Kesejahteraan Keluarga",
     "Jumlah keluarga yang mendapatkan pembinaan ketahanan dan kesejahteraan keluarga"),
    ("2.14.04.2.02", "2.14.04", "Pemberdayaan Ekonomi Keluarga Akseptor KB melalui Usaha Peningkatan "
                                "Pendapatan Keluarga Akseptor (UPPKA)",
     "Jumlah kelompok UPPKA yang dibina"),
    ("1.02.05.2.01", "1.02.05", "Advokasi, Pemberdayaan, Kemitraan, Peningkatan Peran Serta Masyarakat dan "
                                "Lintas Sektor Tingkat Daerah Kabupaten/Kota",
     "Jumlah kegiatan advokasi, kemitraan dan pemberdayaan masyarakat bidang kesehatan"),
    ("1.02.05.2.03", "1.02.05", "Pengembangan dan Pelaksanaan Upaya Kesehatan Bersumber Daya Masyarakat "
                                "(UKBM) Tingkat Daerah Kabupaten/Kota",
     "Jumlah UKBM yang dibina"),
    ("1.02.04.2.02", "1.02.04", "Penerbitan Sertifikat Produksi Pangan Industri Rumah Tangga dan Nomor P-IRT "
                                "sebagai Izin Produksi untuk Makanan Minuman Tertentu",
     "Jumlah sertifikat P-IRT yang diterbitkan dan diawasi"),
    ("1.02.04.2.04", "1.02.04", "Pemeriksaan dan Tindak Lanjut Hasil Pemeriksaan Post Market pada Produksi dan "
                                "Produk Makanan Minuman Industri Rumah Tangga",
     "Jumlah produk makanan minuman IRT yang diperiksa"),
    ("1.02.03.2.01", "1.02.03", "Pemberian Izin Praktik Tenaga Kesehatan di Wilayah Kabupaten/Kota",
     "Jumlah izin praktik tenaga kesehatan yang diterbitkan"),
    ("1.02.03.2.02", "1.02.03", "Perencanaan Kebutuhan dan Pendayagunaan Sumber Daya Manusia Kesehatan untuk "
                                "UKP dan UKM di Wilayah Kabupaten/Kota",
     "Jumlah SDM kesehatan yang didayagunakan sesuai kebutuhan"),
    ("1.02.03.2.03", "1.02.03", "Pengembangan Mutu dan Peningkatan Kompetensi Teknis Sumber Daya Manusia "
                                "Kesehatan Tingkat Daerah Kabupaten/Kota",
     "Jumlah SDM kesehatan yang ditingkatkan kompetensinya"),
    ("2.14.02.2.02", "2.14.02", "Pemetaan Perkiraan Pengendalian Penduduk Cakupan Daerah Kabupaten/Kota",
     "Jumlah dokumen pemetaan perkiraan pengendalian penduduk"),
    ("1.02.01.2.01", "1.02.01", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
     "Jumlah dokumen perencanaan, penganggaran dan evaluasi kinerja yang tersusun"),
    ("1.02.01.2.02", "1.02.01", "Administrasi Keuangan Perangkat Daerah",
     "Jumlah bulan pemenuhan administrasi keuangan"),
    ("1.02.01.2.08", "1.02.01", "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah",
     "Jumlah laporan penyediaan jasa penunjang"),
    ("1.02.01.2.10", "1.02.01", "Peningkatan Pelayanan BLUD",
     "Jumlah BLUD yang menyediakan pelayanan dan penunjang pelayanan"),
]

Y, T = "Ya", "Tidak"
# (kode sub kegiatan, kode kegiatan, sub kegiatan, indikator, target 2025, satuan, anggaran 2025,
#  mendukung kemiskinan, program prioritas)
SUB_KEGIATAN = [
    ("1.02.02.2.01.0010", "1.02.02.2.01", "Rehabilitasi dan Pemeliharaan Puskesmas",
     "Jumlah Puskesmas yang Direhabilitasi dan Dipelihara", 3, "unit", 4860000000, T, T),
    ("1.02.02.2.01.0014", "1.02.02.2.01", "Pengadaan Alat Kesehatan/Alat Penunjang Medik Fasilitas "
                                          "Pelayanan Kesehatan",
     "Jumlah Alat Kesehatan/Alat Penunjang Medik Fasilitas Pelayanan Kesehatan yang Disediakan",
     186, "unit", 6125400000, T, Y),
    ("1.02.02.2.01.0017", "1.02.02.2.01", "Pengadaan Obat, Bahan Habis Pakai, Bahan Medis Habis Pakai, "
                                          "Vaksin, Makanan dan Minuman di Fasilitas Kesehatan",
     "Jumlah Puskesmas yang Disediakan Obat, Bahan Medis Habis Pakai dan Vaksin", 24, "puskesmas",
     5472800000, T, T),
    ("1.02.02.2.02.0001", "1.02.02.2.02", "Pengelolaan Pelayanan Kesehatan Ibu Hamil",
     "Jumlah Ibu Hamil yang Mendapatkan Pelayanan Kesehatan Sesuai Standar", 14850, "orang",
     1248500000, Y, Y),
    ("1.02.02.2.02.0002", "1.02.02.2.02", "Pengelolaan Pelayanan Kesehatan Ibu Bersalin",
     "Jumlah Ibu Bersalin yang Mendapatkan Pelayanan Kesehatan Sesuai Standar", 14180, "orang",
     986300000, Y, T),
    ("1.02.02.2.02.0003", "1.02.02.2.02", "Pengelolaan Pelayanan Kesehatan Bayi Baru Lahir",
     "Jumlah Bayi Baru Lahir yang Mendapatkan Pelayanan Kesehatan Sesuai Standar", 14060, "bayi",
     642750000, T, Y),
    ("1.02.02.2.02.0004", "1.02.02.2.02", "Pengelolaan Pelayanan Kesehatan Balita",
     "Jumlah Balita yang Mendapatkan Pelayanan Kesehatan Sesuai Standar", 58400, "balita",
     1135900000, Y, Y),
    ("1.02.02.2.02.0011", "1.02.02.2.02", "Pengelolaan Pelayanan Kesehatan Penderita Hipertensi",
     "Jumlah Penderita Hipertensi yang Mendapatkan Pelayanan Kesehatan Sesuai Standar", 96500, "orang",
     412600000, T, T),
    ("1.02.02.2.02.0017", "1.02.02.2.02", "Pengelolaan Pelayanan Kesehatan Orang Terduga Tuberkulosis",
     "Jumlah Orang Terduga Tuberkulosis yang Mendapatkan Pelayanan Sesuai Standar", 6200, "orang",
     738250000, Y, Y),
    ("1.02.02.2.02.0020", "1.02.02.2.02", "Pengelolaan Pelayanan Kesehatan Gizi Masyarakat",
     "Jumlah Balita Gizi Kurang dan Ibu Hamil Kurang Energi Kronik (KEK) yang Mendapatkan Makanan "
     "Tambahan Berbahan Pangan Lokal", 4250, "orang", 1864000000, Y, Y),
    ("1.02.02.2.02.0025", "1.02.02.2.02", "Pengelolaan Surveilans Kesehatan",
     "Jumlah Desa/Kelurahan yang Melaksanakan Pemantauan Jentik Berkala dan Penyelidikan Epidemiologi DBD",
     245, "desa", 527400000, T, T),
    ("1.02.02.2.02.0033", "1.02.02.2.02", "Operasional Pelayanan Puskesmas",
     "Jumlah Puskesmas yang Menyelenggarakan Operasional Pelayanan", 24, "puskesmas", 3950000000, T, T),
    ("1.02.02.2.02.0042", "1.02.02.2.02", "Pengelolaan Jaminan Kesehatan Masyarakat",
     "Jumlah Penduduk Miskin dan Tidak Mampu yang Didaftarkan sebagai Peserta JKN Penerima Bantuan Iuran "
     "(PBI) Daerah", 92000, "jiwa", 38640000000, Y, Y),
    ("1.02.02.2.03.0001", "1.02.02.2.03", "Pengelolaan Data dan Informasi Kesehatan",
     "Jumlah Dokumen Data dan Informasi Kesehatan (Profil Kesehatan)", 4, "dokumen", 312500000, T, T),
    ("1.02.02.2.04.0003", "1.02.02.2.04", "Peningkatan Mutu Pelayanan Fasilitas Kesehatan",
     "Jumlah Puskesmas yang Didampingi Survei Akreditasi dan Pengukuran Indikator Mutu", 11, "puskesmas",
     1186000000, T, Y),
    ("2.14.03.2.01.0002", "2.14.03.2.01", "Pelaksanaan Komunikasi, Informasi dan Edukasi (KIE) Program "
                                          "Pembangunan Keluarga, Kependudukan dan Keluarga Berencana",
     "Jumlah Kecamatan yang Melaksanakan KIE Program Bangga Kencana", 18, "kecamatan", 268400000, T, T),
    ("2.14.03.2.03.0001", "2.14.03.2.03", "Pengendalian dan Pendistribusian Kebutuhan Alat dan Obat "
                                          "Kontrasepsi ke Fasilitas Kesehatan",
     "Jumlah Fasilitas Kesehatan yang Menerima Distribusi Alat dan Obat Kontrasepsi", 96, "faskes",
     176900000, T, T),
    ("2.14.03.2.03.0004", "2.14.03.2.03", "Penyediaan Pelayanan KB Metode Kontrasepsi Jangka Panjang (MKJP) "
                                          "bagi Pasangan Usia Subur dari Keluarga Prasejahtera",
     "Jumlah PUS Keluarga Prasejahtera yang Mendapatkan Pelayanan KB MKJP", 3600, "orang",
     684000000, Y, Y),
    ("2.14.04.2.01.0001", "2.14.04.2.01", "Pengembangan Kelompok Kegiatan Bina Keluarga "
                                          "Balita (BKB), Bina Keluarga Remaja (BKR) dan Bina Keluarga Lansia (BKL)",
     "Jumlah Kelompok BKB, BKR dan BKL yang Aktif Dibina", 420, "kelompok", 312800000, T, T),
    ("2.14.04.2.01.0002", "2.14.04.2.01", "Pendampingan Keluarga Berisiko Stunting oleh Tim Pendamping "
                                          "Keluarga (TPK)",
     "Jumlah Keluarga Berisiko Stunting yang Didampingi Tim Pendamping Keluarga", 12400, "keluarga",
     1572000000, Y, Y),
    ("2.14.04.2.02.0001", "2.14.04.2.02", "Fasilitasi Pengembangan Usaha Kelompok UPPKA bagi Keluarga "
                                          "Akseptor KB dari Keluarga Prasejahtera",
     "Jumlah Kelompok UPPKA yang Mendapatkan Fasilitasi Pengembangan Usaha", 60, "kelompok",
     248600000, Y, T),
    ("1.02.05.2.01.0001", "1.02.05.2.01", "Peningkatan Upaya Advokasi Kesehatan, Pemberdayaan, Penggalangan "
                                          "Kemitraan, Peran Serta Masyarakat dan Lintas Sektor",
     "Jumlah Dokumen Hasil Advokasi, Kemitraan dan Pemberdayaan Masyarakat Bidang Kesehatan", 12,
     "dokumen", 384600000, T, T),
    ("1.02.05.2.03.0001", "1.02.05.2.03", "Bimbingan Teknis dan Supervisi Pengembangan dan Pelaksanaan Upaya "
                                          "Kesehatan Bersumber Daya Masyarakat (UKBM)",
     "Jumlah Posyandu dan UKBM Lainnya yang Dibina", 1180, "posyandu", 692500000, Y, Y),
    ("1.02.05.2.03.0002", "1.02.05.2.03", "Pembinaan Desa dan Kelurahan Siaga Aktif",
     "Jumlah Desa/Kelurahan Siaga Aktif yang Dibina", 60, "desa", 215300000, T, T),
    ("1.02.04.2.02.0001", "1.02.04.2.02", "Pengendalian dan Pengawasan serta Tindak Lanjut Pengawasan "
                                          "Sertifikat Produksi Pangan Industri Rumah Tangga dan Nomor P-IRT",
     "Jumlah IRTP yang Diawasi dan Ditindaklanjuti Hasil Pengawasannya", 180, "IRTP", 96750000, T, T),
    ("1.02.04.2.04.0001", "1.02.04.2.04", "Pemeriksaan Post Market pada Produk Makanan Minuman Industri Rumah "
                                          "Tangga yang Beredar serta Pengawasan dan Tindak Lanjutnya",
     "Jumlah Produk Makanan Minuman IRT yang Dilakukan Pemeriksaan Post Market", 120, "produk",
     118400000, T, T),
    ("1.02.03.2.01.0001", "1.02.03.2.01", "Pengendalian Perizinan Praktik Tenaga Kesehatan",
     "Jumlah Surat Izin Praktik Tenaga Kesehatan yang Diterbitkan dan Dikendalikan", 1250, "dokumen",
     64800000, T, T),
    ("1.02.03.2.02.0002", "1.02.03.2.02", "Pemenuhan Kebutuhan Sumber Daya Manusia Kesehatan sesuai Standar",
     "Jumlah Sumber Daya Manusia Kesehatan yang Memenuhi Standar di Fasilitas Pelayanan Kesehatan", 96,
     "orang", 2736000000, T, Y),
    ("1.02.03.2.03.0001", "1.02.03.2.03", "Peningkatan Kompetensi dan Kualifikasi Sumber Daya Manusia Kesehatan",
     "Jumlah Sumber Daya Manusia Kesehatan yang Ditingkatkan Kompetensi dan Kualifikasinya", 420, "orang",
     845300000, T, T),
    ("2.14.02.2.02.0001", "2.14.02.2.02", "Penyusunan dan Pemanfaatan Grand Design Pembangunan Kependudukan "
                                          "(GDPK)",
     "Jumlah Dokumen GDPK yang Disusun dan Dimanfaatkan", 1, "dokumen", 22500000, T, T),
    ("2.14.02.2.02.0002", "2.14.02.2.02", "Pengelolaan Rumah Data Kependudukan (Rumah DataKu) di Kampung "
                                          "Keluarga Berkualitas",
     "Jumlah Desa/Kelurahan dengan Rumah DataKu yang Dikelola", 15, "desa", 14750000, T, T),
    ("1.02.01.2.01.0001", "1.02.01.2.01", "Penyusunan Dokumen Perencanaan Perangkat Daerah",
     "Jumlah Dokumen Perencanaan Perangkat Daerah", 5, "dokumen", 86450000, T, T),
    ("1.02.01.2.01.0007", "1.02.01.2.01", "Evaluasi Kinerja Perangkat Daerah",
     "Jumlah Laporan Evaluasi Kinerja Perangkat Daerah", 4, "laporan", 54200000, T, T),
    ("1.02.01.2.02.0001", "1.02.01.2.02", "Penyediaan Gaji dan Tunjangan ASN",
     "Jumlah Orang yang Menerima Gaji dan Tunjangan ASN", 1386, "orang", 98412650000, T, T),
    ("1.02.01.2.08.0002", "1.02.01.2.08", "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik",
     "Jumlah Laporan Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik", 12, "laporan",
     1284000000, T, T),
    ("1.02.01.2.10.0001", "1.02.01.2.10", "Pelayanan dan Penunjang Pelayanan BLUD",
     "Jumlah BLUD yang Menyediakan Pelayanan dan Penunjang Pelayanan", 24, "unit kerja", 61750000000, T, T),
]


# === writing ======================================================================================

def title(ws, text: str, last_col: str) -> None:
    """The bold title on row 1, merged across the table; row 2 stays empty."""
    ws["A1"] = text
    ws["A1"].font = TITLE_FONT
    ws.merge_cells(f"A1:{last_col}1")


def head(ws, row: int, col: int, text: str) -> None:
    cell = ws.cell(row, col, text)
    cell.font, cell.fill, cell.border = HEAD_FONT, HEAD_FILL, BORDER
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def header_row(ws, names: list[str], row: int = 3) -> None:
    for j, name in enumerate(names, 1):
        head(ws, row, j, name)


def put(ws, row: int, col: int, value, number_format: str | None = None, align: Alignment = TEXT):
    """A body cell: thin grey border, top-aligned; numbers right-aligned with their format."""
    cell = ws.cell(row, col, value)
    cell.border = BORDER
    if value == DASH:
        cell.alignment = CENTER
    elif number_format and isinstance(value, (int, float)):
        cell.number_format, cell.alignment = number_format, NUMBER
    else:
        cell.alignment = align
    return cell


def widths(ws, values: dict[str, float]) -> None:
    for letter, width in values.items():
        ws.column_dimensions[letter].width = width


def sheet(wb: Workbook, name: str):
    ws = wb.create_sheet(name)
    return ws


def new_workbook() -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.creator = CREATOR
    wb.properties.lastModifiedBy = CREATOR
    wb.properties.created = STAMP
    return wb


# --- profil ---------------------------------------------------------------------------------------

def profil_workbook() -> Workbook:
    wb = new_workbook()

    ws = sheet(wb, "Profil")
    title(ws, "PROFIL PERANGKAT DAERAH", "B")
    header_row(ws, ["Uraian", "Isi"])
    for i, (uraian, isi) in enumerate(PROFIL, 4):
        put(ws, i, 1, uraian)
        put(ws, i, 2, isi, align=Alignment(horizontal="left", vertical="top"))
    widths(ws, {"A": 36, "B": 62})

    ws = sheet(wb, "Kondisi")
    title(ws, "KONDISI KEMISKINAN DAN DERAJAT KESEHATAN KABUPATEN TANJUNG SARI", "D")
    header_row(ws, ["No", "Uraian", "Nilai", "Satuan"])
    for i, (uraian, nilai, fmt, satuan) in enumerate(KONDISI, 1):
        r = i + 3
        put(ws, r, 1, i)
        put(ws, r, 2, uraian)
        put(ws, r, 3, nilai, fmt)
        put(ws, r, 4, satuan)
    widths(ws, {"A": 5, "B": 56, "C": 14, "D": 18})

    ws = sheet(wb, "Permasalahan")
    title(ws, "PERMASALAHAN KEMISKINAN DAN KESEHATAN MASYARAKAT", "B")
    header_row(ws, ["No", "Permasalahan"])
    for i, text in enumerate(PERMASALAHAN, 1):
        put(ws, i + 3, 1, i)
        put(ws, i + 3, 2, text)
    widths(ws, {"A": 5, "B": 90})

    ws = sheet(wb, "Perangkat Daerah")
    title(ws, "PERANGKAT DAERAH DALAM PENANGGULANGAN KEMISKINAN", "C")
    header_row(ws, ["Kelompok", "Perangkat Daerah / Pemangku Kepentingan", "Peran"])
    r = 4
    for kelompok, members in PERANGKAT:
        first_of_group = r
        for name, roles in members:
            first_of_name = r
            for k, role in enumerate(roles or [None]):
                put(ws, r, 1, kelompok if r == first_of_group else None, align=MERGED)
                put(ws, r, 2, name if k == 0 else None, align=MERGED if len(roles) > 1 else TEXT)
                put(ws, r, 3, role)
                r += 1
            if r - first_of_name > 1:
                ws.merge_cells(f"B{first_of_name}:B{r - 1}")
        ws.merge_cells(f"A{first_of_group}:A{r - 1}")
    widths(ws, {"A": 26, "B": 50, "C": 70})

    ws = sheet(wb, "Logical Framework")
    title(ws, "LOGICAL FRAMEWORK STRATEGI PENANGGULANGAN KEMISKINAN BIDANG KESEHATAN", "C")
    header_row(ws, ["No", "Outcome", "Program Inovasi"])
    r = 4
    for i, (outcome, programs) in enumerate(LOGFRAME, 1):
        first = r
        for k, program in enumerate(programs):
            put(ws, r, 1, i if k == 0 else None, align=Alignment(horizontal="center", vertical="center", wrap_text=True))
            put(ws, r, 2, outcome if k == 0 else None, align=MERGED)
            put(ws, r, 3, program)
            r += 1
        ws.merge_cells(f"A{first}:A{r - 1}")
        ws.merge_cells(f"B{first}:B{r - 1}")
    widths(ws, {"A": 5, "B": 62, "C": 48})
    return wb


# --- kinerja --------------------------------------------------------------------------------------

IND_FIXED = ["No", "Kode", None, "Indikator", "Definisi Operasional", "Pembilang", "Penyebut", "Pengali",
             "Satuan", "Polaritas", "Rumus Capaian"]
IND_2024 = ["Target", "Realisasi", "Capaian"]
IND_2025 = ["Target", "Target Semester I", "Target Semester II", "Realisasi Semester I", "Realisasi Semester II",
            "Capaian Semester I", "Capaian Semester II"]


def indicator_sheet(wb: Workbook, name: str, sheet_title: str, induk: str, rows) -> None:
    ws = sheet(wb, name)
    title(ws, sheet_title, "U")
    fixed = [induk if h is None else h for h in IND_FIXED]
    for j, text in enumerate(fixed, 1):  # A..K: one header merged over rows 3-4
        head(ws, 3, j, text)
        head(ws, 4, j, None)
        ws.merge_cells(start_row=3, start_column=j, end_row=4, end_column=j)
    head(ws, 3, 12, "Tahun 2024")
    for j in (13, 14):
        head(ws, 3, j, None)
    ws.merge_cells("L3:N3")
    head(ws, 3, 15, "Tahun 2025")
    for j in range(16, 22):
        head(ws, 3, j, None)
    ws.merge_cells("O3:U3")
    for j, text in enumerate(IND_2024 + IND_2025, 12):
        head(ws, 4, j, text)

    for i, row in enumerate(rows, 1):
        kode, parent, nama, definisi, pembilang, penyebut, pengali, satuan, polaritas, rumus, fmt, m = row
        r = i + 4
        for j, value in enumerate([i, kode, parent, nama, definisi, pembilang, penyebut, pengali, satuan,
                                   polaritas, rumus], 1):
            put(ws, r, j, value)
        t24, r24, c24, t25, ts1, ts2, rs1, rs2, cs1, cs2 = m
        for j, (value, number_format) in enumerate(
                [(t24, fmt), (r24, fmt), (c24, PCT), (t25, fmt), (ts1, fmt), (ts2, fmt), (rs1, fmt), (rs2, fmt),
                 (cs1, PCT), (cs2, PCT)], 12):
            put(ws, r, j, value, number_format)
    widths(ws, {"A": 5, "B": 8, "C": 11, "D": 40, "E": 52, "F": 32, "G": 32, "H": 9, "I": 14, "J": 10,
                "K": 11, **{c: 11 for c in "LMNOPQRSTU"}})
    ws.freeze_panes = "E5"


def kinerja_workbook() -> Workbook:
    wb = new_workbook()
    ws = sheet(wb, "Tujuan")
    title(ws, "TUJUAN PERANGKAT DAERAH", "C")
    header_row(ws, ["Kode", "Tujuan", "Indikator Tujuan"])
    for i, row in enumerate(TUJUAN, 4):
        for j, value in enumerate(row, 1):
            put(ws, i, j, value)
    widths(ws, {"A": 8, "B": 64, "C": 48})

    ws = sheet(wb, "Sasaran")
    title(ws, "SASARAN STRATEGIS", "C")
    header_row(ws, ["Kode", "Kode Tujuan", "Sasaran Strategis"])
    for i, row in enumerate(SASARAN, 4):
        for j, value in enumerate(row, 1):
            put(ws, i, j, value)
    widths(ws, {"A": 8, "B": 12, "C": 72})

    indicator_sheet(wb, "IKU", "INDIKATOR KINERJA UTAMA (IKU) DINAS KESEHATAN, PENGENDALIAN PENDUDUK DAN "
                               "KELUARGA BERENCANA KABUPATEN TANJUNG SARI", "Kode Sasaran", IKU)
    indicator_sheet(wb, "Indikator Program", "INDIKATOR KINERJA PENDUKUNG (INDIKATOR PROGRAM)", "Kode Program", IKP)
    return wb


# --- anggaran -------------------------------------------------------------------------------------

def anggaran_workbook() -> Workbook:
    wb = new_workbook()
    ws = sheet(wb, "Program")
    title(ws, "ANGGARAN DAN REALISASI PER PROGRAM TAHUN 2024-2025", "H")
    for j, text in enumerate(["No", "Kode Program", "Program", "Kode Sasaran"], 1):
        head(ws, 3, j, text)
        head(ws, 4, j, None)
        ws.merge_cells(start_row=3, start_column=j, end_row=4, end_column=j)
    for j, text in ((5, "Tahun 2024"), (6, None), (7, "Tahun 2025"), (8, None)):
        head(ws, 3, j, text)
    ws.merge_cells("E3:F3")
    ws.merge_cells("G3:H3")
    for j, text in enumerate(["Anggaran", "Realisasi Anggaran"] * 2, 5):
        head(ws, 4, j, text)
    for i, (kode, nama, sasaran, *money) in enumerate(PROGRAM, 1):
        r = i + 4
        for j, value in enumerate([i, kode, nama, sasaran], 1):
            put(ws, r, j, value)
        for j, value in enumerate(money, 5):
            put(ws, r, j, value, INT)
    r = len(PROGRAM) + 5
    for j in range(1, 9):
        cell = put(ws, r, j, "TOTAL" if j == 1 else (TOTAL[j - 5] if j >= 5 else None), INT)
        cell.font, cell.fill = BOLD, TOTAL_FILL
    ws.cell(r, 1).alignment = Alignment(horizontal="center")
    ws.merge_cells(f"A{r}:D{r}")
    widths(ws, {"A": 5, "B": 12, "C": 62, "D": 10, "E": 19, "F": 19, "G": 19, "H": 19})

    ws = sheet(wb, "Kegiatan")
    title(ws, "KEGIATAN", "D")
    header_row(ws, ["Kode Kegiatan", "Kode Program", "Kegiatan", "Indikator Kegiatan"])
    for i, row in enumerate(KEGIATAN, 4):
        for j, value in enumerate(row, 1):
            put(ws, i, j, value)
    widths(ws, {"A": 16, "B": 12, "C": 70, "D": 60})

    ws = sheet(wb, "Sub Kegiatan")
    title(ws, "SUB KEGIATAN TAHUN 2025", "I")
    header_row(ws, ["Kode Sub Kegiatan", "Kode Kegiatan", "Sub Kegiatan", "Indikator Sub Kegiatan", "Target 2025",
                    "Satuan", "Anggaran 2025", "Mendukung Kemiskinan", "Program Prioritas"])
    for i, (kode, kegiatan, nama, indikator, target, satuan, anggaran, miskin, prioritas) in enumerate(SUB_KEGIATAN, 4):
        for j, (value, number_format) in enumerate(
                [(kode, None), (kegiatan, None), (nama, None), (indikator, None), (target, INT), (satuan, None),
                 (anggaran, INT), (miskin, None), (prioritas, None)], 1):
            put(ws, i, j, value, number_format)
    widths(ws, {"A": 20, "B": 16, "C": 62, "D": 62, "E": 12, "F": 14, "G": 18, "H": 14, "I": 14})
    ws.freeze_panes = "C4"
    return wb


# === checks and output ============================================================================

def check() -> None:
    """Refuse to write workbooks whose literals disagree with each other."""
    problems = []
    programs = {p[0] for p in PROGRAM}
    kegiatan = {k[0]: k[1] for k in KEGIATAN}
    sums = dict.fromkeys(programs, 0)
    for sub in SUB_KEGIATAN:
        if sub[1] not in kegiatan or not sub[0].startswith(sub[1] + "."):
            problems.append(f"sub kegiatan {sub[0]}: kegiatan {sub[1]} unknown or code mismatch")
            continue
        sums[kegiatan[sub[1]]] += sub[6]
    for kode, _, _, a24, r24, a25, r25 in PROGRAM:
        if sums[kode] != a25:
            problems.append(f"program {kode}: sub kegiatan add up to {sums[kode]}, anggaran 2025 is {a25}")
        if not (r24 < a24 and r25 < a25):
            problems.append(f"program {kode}: realisasi anggaran should be below anggaran")
    computed_total = tuple(sum(p[k] for p in PROGRAM) for k in range(3, 7))
    if computed_total != TOTAL:
        problems.append(f"TOTAL row {TOTAL} != sum of programs {computed_total}")
    for kode, parent, *_ in KEGIATAN:
        if parent not in programs:
            problems.append(f"kegiatan {kode}: program {parent} unknown")
    sasaran = {s[0] for s in SASARAN}
    for row in IKU:
        if row[1] not in sasaran:
            problems.append(f"{row[0]}: sasaran {row[1]} unknown")
    for row in IKP:
        if row[1] not in programs:
            problems.append(f"{row[0]}: program {row[1]} unknown")
    if problems:
        raise SystemExit("make_contoh_dinkes: inconsistent literals:\n  " + "\n  ".join(problems))


def save(wb: Workbook, path: Path) -> None:
    """Save with fixed document dates and zip entry times, so the bytes are the same on every run."""
    buffer = io.BytesIO()
    wb.save(buffer)
    stamp = STAMP.strftime("%Y-%m-%dT%H:%M:%SZ")
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


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else OUT
    check()
    out.mkdir(parents=True, exist_ok=True)
    for name, build in (("profil.xlsx", profil_workbook), ("kinerja.xlsx", kinerja_workbook),
                        ("anggaran.xlsx", anggaran_workbook)):
        save(build(), out / name)
        print(out / name)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
