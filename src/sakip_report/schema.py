"""The source workbooks as staff keep them: files, sheets, columns and what each column holds.

This is the data dictionary of the project. Headers are matched case- and space-insensitively,
against the header text with merged group headers flattened ("Tahun 2024" over "Target Semester I"
reads "tahun 2024 target semester i"). Year columns (Target 2024, Realisasi Anggaran 2024, ...) are
recognised by pattern, so a new year needs new columns, never new code.

The IKU sheet also carries what an evaluator asks of the performance report beyond target and
realisasi (PermenPANRB 53/2014, Bab III): the Renstra's end target and its year, a national
standard with its source, and per IKU the factors behind the result and the follow-up. All of
them are optional: a sheet without those columns reads as before.
"""
from __future__ import annotations

from dataclasses import dataclass

TEXT, CODE, DECIMAL, INTEGER, CHOICE = "text", "code", "decimal", "integer", "choice"
YEAR = "year"  # a four-digit year (19xx/20xx), read as an int
PARAGRAPHS = "paragraphs"  # free text of some sentences: its line breaks are kept, unlike TEXT's

YA_TIDAK = ("ya", "tidak")
POLARITAS = ("positif", "negatif")
RUMUS_CAPAIAN = ("r/t", "(2t-r)/t", "t/r")


@dataclass(frozen=True)
class Column:
    """One fixed column: its key in the dataframe, the headers it may carry, its kind."""

    key: str
    headers: tuple[str, ...]
    kind: str = TEXT
    required: bool = True
    choices: tuple[str, ...] = ()
    meaning: str = ""
    negative: bool = True  # False: a number below zero is an error (an end target, a standard)
    traced: bool = False  # a figure the deck shows: its cell address is kept in `sumber_<key>`
    dated: bool = False  # its header may carry a year ("Target Akhir Renstra (2026)"), kept for the row's year
    blank: bool = False  # a required column whose cells may stay empty (the Profil's Isi: an optional entry)


@dataclass(frozen=True)
class Measure:
    """A family of year (and semester) columns such as `Target 2024 Semester I`."""

    key: str
    words: tuple[str, ...]
    kind: str = DECIMAL
    meaning: str = ""
    negative: bool = True  # False: a value below zero is an error (a budget, a target)


@dataclass(frozen=True)
class Sheet:
    """A sheet of a workbook; `aliases` are other names staff give it."""

    file: str
    name: str
    columns: tuple[Column, ...]
    measures: tuple[Measure, ...] = ()
    aliases: tuple[str, ...] = ()
    total_row: bool = False
    key: str = ""
    meaning: str = ""
    optional: bool = False  # the deck can do without it: missing or empty is a warning, not an error

    @property
    def id(self) -> str:
        """The short name the loader uses for this sheet."""
        return self.key or self.name.lower().replace(" ", "_")


def col(key, *headers, kind=TEXT, required=True, choices=(), meaning="", negative=True, traced=False, dated=False,
        blank=False):
    """Shorthand for a Column whose first header is its display name."""
    return Column(key, tuple(h.lower() for h in headers), kind, required, choices, meaning, negative, traced, dated,
                  blank)


_INDICATOR_COLUMNS = (
    col("no", "no", "no.", "nomor", kind=INTEGER, required=False, meaning="urutan tampil"),
    col("kode", "kode", "kode indikator", kind=CODE, meaning="kode unik indikator, mis. IKU-1"),
    col("nama", "indikator", "nama indikator", meaning="nama indikator seperti tertulis di dokumen"),
    col("definisi", "definisi operasional", "definisi", required=False),
    col("pembilang", "pembilang", required=False, meaning="pembilang formula"),
    col("penyebut", "penyebut", required=False, meaning="penyebut formula"),
    col("pengali", "pengali", kind=DECIMAL, required=False, meaning="mis. 100"),
    col("satuan", "satuan", meaning="%, nilai, indeks, orang, ..."),
    col("polaritas", "polaritas", kind=CHOICE, choices=POLARITAS,
        meaning="Positif: makin tinggi makin baik; Negatif: makin rendah makin baik"),
    col("rumus", "rumus capaian", kind=CHOICE, choices=RUMUS_CAPAIAN, required=False,
        meaning="kosong = menurut polaritas; R/T, (2T-R)/T atau T/R"),
)
_INDICATOR_MEASURES = (
    Measure("target", ("target",), meaning="target; '-' = tidak ada target pada periode itu", negative=False),
    Measure("realisasi", ("realisasi",)),
    Measure("capaian_tertulis", ("capaian",),
            meaning="capaian yang tertulis di lembar; hanya dibandingkan, tidak dipakai"),
)

# What an evaluator asks per IKU beyond target and realisasi (PermenPANRB 53/2014, Bab III): each feeds
# one analysis slide of the deck (Capaian terhadap target akhir Renstra, Standar nasional, Analisis per
# sasaran). Optional; the aliases are how planning staff head these columns in their own tables.
_IKU_ANALYSIS_COLUMNS = (
    # Every alias says "akhir … renstra": "Target Akhir Tahun 2025" is a year-end target and "Target Renstra
    # 2025" the Renstra's target for 2025, not its end target.
    col("target_akhir", "target akhir renstra", "target akhir periode renstra", "target kondisi akhir renstra",
        "kondisi akhir renstra", "kondisi akhir periode renstra", "kondisi kinerja pada akhir periode renstra",
        kind=DECIMAL, required=False, negative=False, traced=True, dated=True,
        meaning="target tahun terakhir Renstra, dalam satuan indikator; slide Capaian terhadap target akhir "
                "Renstra dan garis target akhir pada slide Tren"),
    col("tahun_akhir", "tahun akhir renstra", "tahun akhir", "tahun akhir periode renstra", "tahun target akhir",
        kind=YEAR, required=False,
        meaning="tahun terakhir periode Renstra untuk Target Akhir Renstra; kosong = isian 'Tahun Akhir "
                "Renstra' di sheet Profil"),
    col("standar", "standar nasional", "standar nasional (spm)", "standar pelayanan minimal", "standar spm",
        "target spm", "spm", "standar", "standar nasional/spm", "standar nasional / spm",
        kind=DECIMAL, required=False, negative=False, traced=True,
        meaning="standar nasional untuk indikator ini (mis. target SPM atau angka nasional), dalam satuan "
                "indikator; slide Standar nasional"),
    col("rujukan_standar", "sumber standar nasional", "sumber standar", "sumber spm", "dasar standar nasional",
        "dasar hukum standar", "rujukan standar", "rujukan standar nasional", "sumber standar nasional (spm)",
        required=False,
        meaning="dari mana standar itu, mis. 'SPM (Permendagri 59/2021)' atau 'BPS, Maret 2025'; "
                "wajib bila Standar Nasional diisi"),
    col("pendorong", "faktor pendorong", "pendorong", "faktor pendukung", "faktor pendukung keberhasilan",
        "faktor keberhasilan", kind=PARAGRAPHS, required=False,
        meaning="mengapa target tercapai atau kinerja membaik (2–4 kalimat); slide Analisis per sasaran"),
    col("penghambat", "faktor penghambat", "penghambat", "kendala", "hambatan", "faktor kegagalan",
        "kendala / hambatan", kind=PARAGRAPHS, required=False,
        meaning="apa yang menghambat pencapaian target (2–4 kalimat); slide Analisis per sasaran"),
    col("solusi", "solusi / rencana tindak lanjut", "solusi/rencana tindak lanjut", "solusi dan rencana tindak lanjut",
        "solusi", "rencana tindak lanjut", "rtl", "tindak lanjut", "upaya", "solusi / rtl", "solusi/rtl",
        "alternatif solusi", "langkah antisipatif", kind=PARAGRAPHS, required=False,
        meaning="langkah yang diambil atau direncanakan untuk mengatasi hambatan (2–4 kalimat); slide "
                "Analisis per sasaran"),
)

SHEETS: tuple[Sheet, ...] = (
    Sheet("profil.xlsx", "Profil", (
        col("uraian", "uraian"), col("isi", "isi", "nilai", kind=TEXT, blank=True)),
        meaning="nama perangkat daerah, pemerintah daerah, tahun, periode, pengaturan"),
    Sheet("profil.xlsx", "Kondisi", (
        col("no", "no", kind=INTEGER, required=False), col("uraian", "uraian"),
        col("nilai", "nilai", kind=DECIMAL), col("satuan", "satuan", required=False)), optional=True),
    Sheet("profil.xlsx", "Permasalahan", (
        col("no", "no", kind=INTEGER, required=False), col("uraian", "permasalahan", "uraian")), optional=True),
    Sheet("profil.xlsx", "Perangkat Daerah", (
        col("kelompok", "kelompok"),
        col("nama", "perangkat daerah / pemangku kepentingan", "perangkat daerah", "nama"),
        col("peran", "peran", required=False)), key="perangkat_daerah", optional=True),
    Sheet("profil.xlsx", "Logical Framework", (
        col("no", "no", kind=INTEGER, required=False), col("outcome", "outcome"),
        col("inovasi", "program inovasi", "inovasi")), key="logframe", optional=True),
    Sheet("kinerja.xlsx", "Tujuan", (
        col("kode", "kode", "kode tujuan", kind=CODE), col("nama", "tujuan"),
        col("indikator", "indikator tujuan", required=False))),
    Sheet("kinerja.xlsx", "Sasaran", (
        col("kode", "kode", "kode sasaran", kind=CODE), col("tujuan", "kode tujuan", kind=CODE),
        col("nama", "sasaran strategis", "sasaran"))),
    Sheet("kinerja.xlsx", "IKU", _INDICATOR_COLUMNS[:2] + (
        col("induk", "kode sasaran", kind=CODE),) + _INDICATOR_COLUMNS[2:] + _IKU_ANALYSIS_COLUMNS,
        _INDICATOR_MEASURES, aliases=("indikator kinerja utama",)),
    Sheet("kinerja.xlsx", "Indikator Program", _INDICATOR_COLUMNS[:2] + (
        col("induk", "kode program", kind=CODE),) + _INDICATOR_COLUMNS[2:],
        _INDICATOR_MEASURES, aliases=("ikp", "indikator kinerja pendukung"), key="ikp"),
    Sheet("anggaran.xlsx", "Program", (
        col("no", "no", kind=INTEGER, required=False), col("kode", "kode program", "kode", kind=CODE),
        col("nama", "program"), col("sasaran", "kode sasaran", kind=CODE)),
        (Measure("realisasi_anggaran", ("realisasi anggaran", "realisasi"), INTEGER, negative=False),
         Measure("anggaran", ("anggaran", "pagu"), INTEGER, negative=False)), total_row=True),
    Sheet("anggaran.xlsx", "Kegiatan", (
        col("kode", "kode kegiatan", "kode", kind=CODE), col("program", "kode program", kind=CODE),
        col("nama", "kegiatan"), col("indikator", "indikator kegiatan", "indikator", required=False))),
    Sheet("anggaran.xlsx", "Sub Kegiatan", (
        col("kode", "kode sub kegiatan", "kode", kind=CODE), col("kegiatan", "kode kegiatan", kind=CODE),
        col("nama", "sub kegiatan"), col("indikator", "indikator sub kegiatan", "indikator", required=False),
        col("satuan", "satuan", required=False),
        col("kemiskinan", "mendukung kemiskinan", kind=CHOICE, choices=YA_TIDAK, required=False),
        col("prioritas", "program prioritas", "prioritas", kind=CHOICE, choices=YA_TIDAK, required=False)),
        (Measure("target", ("target",), DECIMAL, negative=False),
         Measure("anggaran", ("anggaran", "pagu"), INTEGER, negative=False)),
        key="sub_kegiatan"),
)

FILES: tuple[str, ...] = tuple(dict.fromkeys(s.file for s in SHEETS))


def sheets_of(file: str) -> tuple[Sheet, ...]:
    """The sheets read from one workbook."""
    return tuple(s for s in SHEETS if s.file == file)
