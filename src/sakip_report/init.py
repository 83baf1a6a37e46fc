"""`sakip-report init`: the blank source workbooks a new agency fills in, generated from schema.SHEETS.

Every workbook opens with a `Petunjuk` sheet (instructions in Indonesian), then one sheet per
schema sheet: a title on row 1, the headers on row 3 (bold, filled, locked), one example row on
row 4 and BLANK_ROWS unlocked rows with number formats and dropdowns. Sheets are protected without
a password, only so the headers are not overwritten by accident. A column added to the schema
appears here without editing this file; the example rows of the three workbooks refer to each
other, so a fresh folder passes `sakip-report validate` and even builds a (placeholder) deck.
"""
from __future__ import annotations

import math
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from . import paths, schema
from .load import norm
from .normalise import _REFERENCES, PROFIL_REQUIRED
from .schema import CODE, DECIMAL, INTEGER, PARAGRAPHS, TEXT, YEAR, Column, Measure, Sheet

TITLE_ROW, HEADER_ROW, FIRST_ROW = 1, 3, 4
BLANK_ROWS = 200
LAST_ROW = FIRST_ROW + BLANK_ROWS - 1
PETUNJUK = "Petunjuk"
EXAMPLE_PREFIX = "Contoh: "
EXAMPLE_CODE = "CONTOH-"
SEMESTERS = ("Semester I", "Semester II")
SATUAN = ("%", "nilai", "indeks", "orang", "dokumen", "laporan", "perusahaan", "paket", "Rp")
KELOMPOK = ("Perangkat Daerah Utama", "Perangkat Daerah Penunjang", "Stakeholder Eksternal")
# Text columns the schema leaves free but staff pick from a list: key → (items, only these?).
_LISTS = {"satuan": (SATUAN, False), "kelompok": (KELOMPOK, True)}
# Long text stays General: Excel shows a Text-formatted ("@") cell of more than 255 characters as ####.
_FORMATS = {DECIMAL: "#,##0.00", INTEGER: "#,##0", CODE: "@", YEAR: "0"}
_WIDTHS = {TEXT: 36, CODE: 20, PARAGRAPHS: 60}
_MEASURE_ORDER = ("target", "anggaran", "realisasi", "realisasi_anggaran", "capaian_tertulis")
_EXAMPLE_NUMBERS = {"pengali": 100, "target": 90, "realisasi": 94.5, "capaian_tertulis": 105,
                    "anggaran": 100_000_000, "realisasi_anggaran": 95_000_000, "target_akhir": 95, "standar": 100}
_KIND_NUMBERS = {DECIMAL: 12.5, INTEGER: 1}
_ALLOWED = {DECIMAL: "angka, mis. 94,87", INTEGER: "bilangan bulat, mis. 1.234.567", TEXT: "teks bebas",
            YEAR: "tahun empat angka, mis. 2026",
            PARAGRAPHS: "teks bebas, beberapa kalimat; Alt+Enter untuk baris baru di dalam sel"}
_YEARS = ("1900", "2099")  # what the loader reads as a year (19xx/20xx)
_PURPOSE = {
    "profil.xlsx": "Identitas perangkat daerah dan periode laporan (sheet Profil), serta bahan slide "
                   "penanggulangan kemiskinan: kondisi, permasalahan, peran perangkat daerah dan "
                   "logical framework.",
    "kinerja.xlsx": "Perencanaan dan capaian kinerja: tujuan, sasaran strategis, Indikator Kinerja Utama "
                    "(IKU) dan indikator program (IKP) dengan target, realisasi dan capaian per tahun "
                    "dan per semester.",
    "anggaran.xlsx": "Anggaran: program dengan anggaran dan realisasinya, kegiatan, serta sub kegiatan "
                     "dengan target, anggaran dan penandaan kemiskinan/prioritas.",
}

_THIN = Side(style="thin", color="9BA7B4")
_HEADER_STYLE = dict(font=Font(bold=True), fill=PatternFill("solid", fgColor="D9E2F3"),
                     alignment=Alignment(wrap_text=True, vertical="center", horizontal="center"),
                     border=Border(_THIN, _THIN, _THIN, _THIN))
_SECTION_FILL = PatternFill("solid", fgColor="EDEDED")
_WRAP = Alignment(wrap_text=True, vertical="top")
_UNLOCKED = Protection(locked=False)


@dataclass(frozen=True)
class Field:
    """One column of a blank sheet: header, kind, what it means and allows, its example value."""

    header: str
    kind: str
    meaning: str
    allowed: str
    required: bool
    choices: tuple[str, ...] = ()
    closed: bool = True
    example: object = None
    measure: str = ""  # the measure key of a year column
    negative: bool = True  # False: a fixed figure column that refuses a number below zero


@dataclass(frozen=True)
class Entry:
    """One row of the Profil sheet: Uraian, Isi, what it means, its allowed values."""

    uraian: str
    isi: object
    meaning: str
    choices: tuple[str, ...] = ()
    kind: str = TEXT

    @property
    def required(self) -> bool:
        """The build needs this entry (the others may be left empty)."""
        return norm(self.uraian) in PROFIL_REQUIRED


# --- API ----------------------------------------------------------------------------------------
def init_workbooks(folder: Path, agency: str, year: int, *, pemda: str = "Kabupaten ...",
                   overwrite: bool = False, with_templates: bool = False) -> list[Path]:
    """Write the blank profil/kinerja/anggaran workbooks into `folder`; return their paths.

    `with_templates`: also copy the project's templates/ and slides/ there, which the build then
    uses for this agency (its own master, colours, layout and slide set).
    """
    _check_arguments(agency, year)
    folder = Path(folder)
    targets = [folder / file for file in schema.FILES]
    looks = [(paths.TEMPLATES, folder / "templates"), (paths.SLIDES, folder / "slides")] if with_templates else []
    _refuse_existing(folder, targets + [dest for _, dest in looks], overwrite)
    entries = profil_entries(agency, year, pemda)
    books = [(path, workbook(path.name, agency, year, pemda, entries, folder)) for path in targets]
    folder.mkdir(parents=True, exist_ok=True)
    for path, book in books:
        book.save(path)
    for source, dest in looks:
        shutil.copytree(source, dest, dirs_exist_ok=overwrite)
    return targets + [dest for _, dest in looks]


def _check_arguments(agency: str, year: int) -> None:
    """A name to print and a year the loader recognises in headers (19xx/20xx)."""
    if not re.search(r"[^\W_]", agency or ""):  # the Singkatan and the deck's file name come from its letters
        raise ValueError(f"nama perangkat daerah (--agency) harus berisi huruf, mis. \"Dinas Ketahanan Pangan\"; "
                         f"ditemukan {agency!r}")
    if not 1901 <= int(year) <= 2099:
        raise ValueError(f"tahun {year} di luar 1901–2099")


def _refuse_existing(folder: Path, targets: list[Path], overwrite: bool) -> None:
    """Raise FileExistsError naming the workbooks already there (any letter case), unless overwriting."""
    present = {p.name.lower(): p for p in folder.iterdir()} if folder.is_dir() else {}
    clashes = [present[t.name.lower()] for t in targets if t.name.lower() in present]
    if clashes and not overwrite:
        raise FileExistsError(f"berkas sudah ada di {folder}: {', '.join(p.name for p in clashes)} "
                              "(pakai overwrite / --overwrite untuk menimpanya)")


def profil_entries(agency: str, year: int, pemda: str) -> tuple[Entry, ...]:
    """The Profil rows, filled for this agency and year."""
    return (
        Entry("Nama Perangkat Daerah", agency, "nama lengkap perangkat daerah, tampil di judul deck"),
        Entry("Singkatan", initials(agency), "singkatan nama; dipakai untuk nama berkas deck"),
        Entry("Pemerintah Daerah", pemda, "mis. Kabupaten Sukamaju"),
        Entry("Tahun", year, "tahun laporan; kolom tahun ini wajib ada di sheet IKU dan lainnya", kind=YEAR),
        Entry("Tahun Pembanding", year - 1, "tahun yang dibandingkan (biasanya tahun sebelumnya)", kind=YEAR),
        Entry("Periode Laporan", SEMESTERS[1], "semester yang dilaporkan", SEMESTERS),
        Entry("Tahun Akhir Renstra", None, "tahun terakhir periode Renstra (mis. 2026 untuk Renstra 2021–2026): "
                                           "tahun Target Akhir Renstra di sheet IKU (kinerja.xlsx) yang kolom "
                                           "Tahun Akhir Renstra-nya kosong", kind=YEAR),
    )


def initials(name: str) -> str:
    """`Dinas Ketahanan Pangan` → `DKP`: the first letter of each word except `dan`/`serta` (all words if
    that leaves none)."""
    words = re.findall(r"[^\W_]+", name)
    kept = [w for w in words if w.lower() not in ("dan", "serta")] or words
    return "".join(w[0].upper() for w in kept)


# --- fields: what each column of a sheet is -------------------------------------------------------
def fields(spec: Sheet, year: int) -> list[Field]:
    """The columns of a sheet: its fixed columns, then its year columns."""
    return [column_field(spec, c, year) for c in spec.columns] + [
        measure_field(m, tahun, semester) for m, tahun, semester in measure_slots(spec, year)]


def column_field(spec: Sheet, column: Column, year: int) -> Field:
    """A fixed column as a Field, with its choices and example value."""
    choices, closed = _choices(column)
    header = column.headers[0].title()
    return Field(header, column.kind, column.meaning or _default_meaning(spec, column),
                 _allowed(spec, column, choices, closed), column.required, choices, closed,
                 _example(spec, column, choices, header, year), negative=column.negative)


def measure_field(measure: Measure, tahun: int, semester: str) -> Field:
    """One year (and semester) column of a measure, e.g. `Target 2024 Semester I`."""
    header = " ".join(filter(None, (measure.words[0].title(), str(tahun), semester)))
    example = _EXAMPLE_NUMBERS.get(measure.key, _KIND_NUMBERS[measure.kind])
    return Field(header, measure.kind, measure.meaning or measure.words[0], _ALLOWED[measure.kind], False,
                 example=example, measure=measure.key)


def measure_slots(spec: Sheet, year: int) -> list[tuple[Measure, int, str]]:
    """(measure, year, semester) per year column: indicator sheets get last year and both semesters."""
    measures = sorted(spec.measures, key=_measure_rank)
    if not _per_semester(spec):
        return [(m, year, "") for m in measures]
    return ([(m, year - 1, "") for m in measures] + [(m, year, "") for m in measures if m.key == "target"]
            + [(m, year, s) for m in measures for s in SEMESTERS])


def _per_semester(spec: Sheet) -> bool:
    """Sheets measuring both target and realisasi (IKU, IKP) are reported per semester."""
    return {"target", "realisasi"} <= {m.key for m in spec.measures}


def _measure_rank(measure: Measure) -> int:
    """Plan before actual before stated capaian; unknown measures last, in schema order."""
    return _MEASURE_ORDER.index(measure.key) if measure.key in _MEASURE_ORDER else len(_MEASURE_ORDER)


def _choices(column: Column) -> tuple[tuple[str, ...], bool]:
    """Dropdown items and whether only they are allowed."""
    if column.choices:
        return tuple(c.title() for c in column.choices), True
    return _LISTS.get(column.key, ((), True))


def _referenced(spec: Sheet, column: Column) -> Sheet:
    """The sheet a code column points to (its own sheet for the key column)."""
    target = next((t for s, c, t, _ in _REFERENCES if s == spec.id and c == column.key), spec.id)
    return next((s for s in schema.SHEETS if s.id == target), spec)


def _default_meaning(spec: Sheet, column: Column) -> str:
    """What a column means when the schema does not say."""
    if column.kind != CODE:
        return column.headers[0]
    target = _referenced(spec, column)
    if target is spec:
        return "kode unik baris ini; dipakai sheet lain untuk merujuknya"
    return f"kode {target.name} induk baris ini"


def _allowed(spec: Sheet, column: Column, choices: tuple[str, ...], closed: bool) -> str:
    """What may be written in a fixed column."""
    if choices:
        return ("pilih: " if closed else "pilih dari daftar atau tulis yang lain: ") + ", ".join(choices)
    if column.kind != CODE:
        return _ALLOWED[column.kind] + ("" if column.negative or column.kind != DECIMAL else ", 0 atau lebih")
    target = _referenced(spec, column)
    return "teks, unik dalam sheet ini" if target is spec else f"kode yang ada di sheet {target.name} ({target.file})"


def _example(spec: Sheet, column: Column, choices: tuple[str, ...], header: str, year: int):
    """The example row's value: linked codes, the first choice, a number, the report's year, or `Contoh: ...`."""
    if column.kind == CODE:
        return example_code(_referenced(spec, column))
    if choices:
        return choices[0]
    if column.kind == YEAR:
        return year
    if column.kind in _KIND_NUMBERS:
        return _EXAMPLE_NUMBERS.get(column.key, _KIND_NUMBERS[column.kind])
    return EXAMPLE_PREFIX + header


def example_code(spec: Sheet) -> str:
    """`CONTOH-SASARAN`: the example row's code in a sheet, the same wherever it is referenced."""
    return EXAMPLE_CODE + spec.id.upper().replace("_", "-")


# --- workbooks ----------------------------------------------------------------------------------
def workbook(file: str, agency: str, year: int, pemda: str, entries: tuple[Entry, ...], folder: Path) -> Workbook:
    """One blank workbook: Petunjuk, then its schema sheets."""
    wb = Workbook()
    specs = [(spec, fields(spec, year)) for spec in schema.sheets_of(file)]
    write_petunjuk(wb.active, file, specs, petunjuk_context(agency, year, pemda, entries, folder))
    for spec, spec_fields in specs:
        ws = wb.create_sheet(spec.name)
        rows = [(e.uraian, e.isi) for e in entries] if spec.id == "profil" else [[f.example for f in spec_fields]]
        write_data_sheet(ws, spec_fields, f"{spec.name.upper()} — {agency.upper()} — TAHUN {year}", rows)
        if spec.id == "profil":
            _profil_dropdowns(ws, entries)
    return wb


def write_data_sheet(ws, spec_fields: list[Field], title: str, rows: list) -> None:
    """Title, locked header, first rows, formatted unlocked body, dropdowns, frozen header."""
    _title(ws, title, len(spec_fields))
    for i, values in enumerate(rows, FIRST_ROW):
        for j, value in enumerate(values, 1):
            ws.cell(i, j, value)
    for j, f in enumerate(spec_fields, 1):
        _style(ws.cell(HEADER_ROW, j, f.header), **_HEADER_STYLE)
        ws.column_dimensions[get_column_letter(j)].width = max(_WIDTHS.get(f.kind, 15), min(len(f.header) + 4, 40))
        _format_body(ws, j, f)
        cells = f"{get_column_letter(j)}{FIRST_ROW}:{get_column_letter(j)}{LAST_ROW}"
        if f.choices:
            _dropdown(ws, f.choices, f.closed, cells)
        elif f.kind == YEAR:
            _year_check(ws, cells)
        elif f.kind == DECIMAL and not f.negative and not f.measure:
            _not_negative_check(ws, cells)
    ws.row_dimensions[HEADER_ROW].height = 32
    ws.freeze_panes = f"A{FIRST_ROW}"
    _protect(ws, editable=True)


def _profil_dropdowns(ws, entries: tuple[Entry, ...]) -> None:
    """Dropdowns on the Isi cells of the Profil entries that have choices; a year check on those that are years."""
    for i, entry in enumerate(entries, FIRST_ROW):
        if entry.choices:
            _dropdown(ws, entry.choices, True, f"B{i}")
        elif entry.kind == YEAR:
            _year_check(ws, f"B{i}")


def _title(ws, text: str, width: int) -> None:
    """A bold title on row 1, merged over the table."""
    ws.cell(TITLE_ROW, 1, text).font = Font(bold=True, size=13)
    if width > 1:
        ws.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=width)


def _style(cell, **attributes) -> None:
    """Set several style attributes of a cell."""
    for name, value in attributes.items():
        setattr(cell, name, value)


def _format_body(ws, column: int, f: Field) -> None:
    """Unlock the data cells of a column and give them its number format and wrapping."""
    number_format = _FORMATS.get(f.kind, "General")
    for row in range(FIRST_ROW, LAST_ROW + 1):
        _style(ws.cell(row, column), protection=_UNLOCKED, number_format=number_format, alignment=_WRAP)


def _dropdown(ws, items: tuple[str, ...], closed: bool, cells: str) -> None:
    """A list validation; `closed` refuses other values, otherwise the list only suggests."""
    dv = DataValidation(type="list", formula1='"' + ",".join(items) + '"', allow_blank=True,
                        showErrorMessage=closed, errorTitle="Isian tidak dikenal",
                        error="Pilih salah satu: " + ", ".join(items))
    dv.add(cells)
    ws.add_data_validation(dv)


def _year_check(ws, cells: str) -> None:
    """A whole number the loader reads as a year; anything else is refused as it is typed."""
    dv = DataValidation(type="whole", operator="between", formula1=_YEARS[0], formula2=_YEARS[1], allow_blank=True,
                        showErrorMessage=True, errorTitle="Bukan tahun",
                        error=f"Tulis tahun empat angka, mis. 2026 ({_YEARS[0]}–{_YEARS[1]}).")
    dv.add(cells)
    ws.add_data_validation(dv)


def _not_negative_check(ws, cells: str) -> None:
    """A number of 0 or more, or '-' for none (a custom formula: a decimal rule would refuse the dash)."""
    first = cells.split(":")[0]
    dv = DataValidation(type="custom", formula1=f'OR({first}="-",AND(ISNUMBER({first}),{first}>=0))',
                        allow_blank=True, showErrorMessage=True, errorTitle="Bukan angka 0 atau lebih",
                        error="Tulis angka 0 atau lebih dalam satuan indikator, mis. 94,87; '-' atau kosong bila "
                              "tidak ada.")
    dv.add(cells)
    ws.add_data_validation(dv)


def _protect(ws, editable: bool) -> None:
    """Protect the sheet without a password; on data sheets rows may still be inserted, sorted, sized."""
    p = ws.protection
    p.sheet, p.formatColumns, p.formatRows = True, False, False
    if editable:
        p.formatCells = p.insertRows = p.deleteRows = p.sort = p.autoFilter = False


# --- Petunjuk -----------------------------------------------------------------------------------
_PETUNJUK_HEADER = ("Sheet", "Kolom", "Arti", "Isian yang diperbolehkan", "Wajib")
_PETUNJUK_WIDTHS = (22, 30, 55, 45, 13)


def petunjuk_context(agency: str, year: int, pemda: str, entries: tuple[Entry, ...], folder: Path) -> dict:
    """What the Petunjuk text needs besides the schema."""
    return {"agency": agency, "year": year, "pemda": pemda, "entries": entries, "folder": folder}


_RULES = (  # (topic, text, when): the text is formatted with petunjuk_rules' values; "" = always
    ("Kegunaan", "{purpose}", ""),
    ("Cara mengisi", "Isi satu baris per data mulai baris {first}, tepat di bawah judul kolom (baris {header}). "
                     "Jangan mengubah atau menghapus judul kolom: kolom dikenali dari judulnya (huruf "
                     "besar/kecil tidak berpengaruh).", ""),
    ("Contoh", "Baris berkode '{code}…' atau berteks '{prefix}…' hanya contoh; kode contoh saling merujuk "
               "antar-sheet dan antar-workbook. Timpa dengan data sebenarnya atau hapus barisnya sebelum "
               "membuat laporan.", ""),
    ("Angka", "Tulis angka dalam format Indonesia: koma untuk desimal (94,87), titik untuk ribuan (1.234.567). "
              "Rupiah ditulis bilangan bulat tanpa 'Rp'. Teks '1.850' dibaca seribu delapan ratus lima puluh "
              "(dengan peringatan); teks yang maknanya tidak pasti, mis. '4.25' (4,25 atau 425?), ditolak saat "
              "pemeriksaan.", ""),
    ("Persen", "Nilai persen ditulis 94,87 dengan Satuan '%', atau 0,9487 pada sel berformat persen (tampil "
               "94,87%); keduanya dibaca 94,87.", ""),
    ("Tanda '-'", "'-' berarti tidak ada target (atau tidak ada nilai) pada periode itu: capaiannya ditampilkan "
                  "'-' dan tidak dihitung. Sel kosong juga berarti tidak ada nilai, kecuali pada kolom wajib.", ""),
    ("Kolom tahun", "Kolom tahun dikenali dari judulnya, mis. 'Target 2024', 'Realisasi 2024 Semester I', "
                    "'Anggaran 2024'. Untuk tahun berikutnya, atau tahun-tahun Renstra yang sudah lewat (slide "
                    "Tren), tambahkan kolom dengan pola judul yang sama, mis. 'Target 2021' dan 'Realisasi 2021'.",
     "years"),
    ("Renstra", "Kolom Target Akhir Renstra sampai Solusi / Rencana Tindak Lanjut di sheet IKU boleh kosong; "
                "slide analisisnya hanya tampil bila datanya ada. 'Target Akhir Renstra' adalah target tahun "
                "terakhir Renstra, dalam satuan indikator; tahunnya ditulis di kolom "
                "'Tahun Akhir Renstra', atau sekali untuk semua IKU di isian 'Tahun Akhir Renstra' sheet Profil "
                "(profil.xlsx). 'Standar Nasional' (mis. target SPM) selalu disertai 'Sumber Standar Nasional'. "
                "'Faktor Pendorong', 'Faktor Penghambat' dan 'Solusi / Rencana Tindak Lanjut': 2–4 kalimat per "
                "IKU; teks panjang dilanjutkan ke slide berikutnya.", "renstra"),
    ("Daftar pilihan", "Pilih dari daftar turun (dropdown): {lists}.", "lists"),
    ("Kunci lembar", "Judul kolom dikunci tanpa kata sandi agar tidak terubah tanpa sengaja; sel data (baris "
                     "{first}–{last}) bebas diisi dan baris boleh disisipkan atau dihapus. Untuk menambah kolom: "
                     "Tinjau (Review) › Buka Proteksi Lembar (Unprotect Sheet).", ""),
    ("Periksa", "Setelah ketiga workbook terisi, jalankan: sakip-report validate --data {folder} — setiap "
                "kesalahan ditampilkan dengan berkas, sheet dan selnya. Bila valid: sakip-report build --data "
                "{folder}", ""),
)


def petunjuk_rules(file: str, specs: list[tuple[Sheet, list[Field]]], ctx: dict) -> list[tuple[str, str]]:
    """(topic, text) rows: what the workbook is for and how to fill it in."""
    lists = _choice_lists(specs, ctx["entries"])
    values = {"purpose": _PURPOSE.get(file, "Data sumber laporan SAKIP."), "first": FIRST_ROW, "header": HEADER_ROW,
              "last": LAST_ROW, "code": EXAMPLE_CODE, "prefix": EXAMPLE_PREFIX, "folder": ctx["folder"],
              "lists": "; ".join(lists)}
    when = {"": True, "years": any(spec.measures for spec, _ in specs), "lists": bool(lists),
            "renstra": any(c.key == "target_akhir" for spec, _ in specs for c in spec.columns)}
    return [(topic, text.format(**values)) for topic, text, condition in _RULES if when[condition]]


def _choice_lists(specs: list[tuple[Sheet, list[Field]]], entries: tuple[Entry, ...]) -> list[str]:
    """`Polaritas (Positif, Negatif)` for each dropdown of the workbook, once each."""
    lists = [f"{f.header} ({', '.join(f.choices)}{'' if f.closed else ', atau yang lain'})"
             for _, fs in specs for f in fs if f.choices]
    if any(spec.id == "profil" for spec, _ in specs):
        lists += [f"{e.uraian} di sheet Profil ({', '.join(e.choices)})" for e in entries if e.choices]
    return list(dict.fromkeys(lists))


def petunjuk_table(specs: list[tuple[Sheet, list[Field]]], entries: tuple[Entry, ...]) -> list[tuple]:
    """One row per sheet, then one per column (year columns grouped by measure)."""
    rows = []
    for spec, spec_fields in specs:
        rows.append((spec.name, "", spec.meaning or f"satu baris per {spec.name}", "", ""))
        rows += [_field_row(f) for f in spec_fields if not f.measure]
        rows += _measure_rows([f for f in spec_fields if f.measure])
        if spec.id == "profil":
            rows += [("", f"Uraian: {e.uraian}", e.meaning, _entry_allowed(e),
                      "wajib" if e.required else "boleh kosong") for e in entries]
    return rows


def _field_row(f: Field) -> tuple:
    """The Petunjuk row of one column."""
    return ("", f.header, f.meaning, f.allowed, "wajib" if f.required else "boleh kosong")


def _measure_rows(year_fields: list[Field]) -> list[tuple]:
    """One Petunjuk row per measure, naming all its year columns."""
    groups: dict[str, list[Field]] = {}
    for f in year_fields:
        groups.setdefault(f.measure, []).append(f)
    return [("", "; ".join(f.header for f in fs), fs[0].meaning, fs[0].allowed, "boleh kosong")
            for fs in groups.values()]


def _entry_allowed(entry: Entry) -> str:
    """What may be written as the Isi of a Profil entry."""
    return "pilih: " + ", ".join(entry.choices) if entry.choices else _ALLOWED[YEAR] if entry.kind == YEAR else "teks"


def write_petunjuk(ws, file: str, specs: list[tuple[Sheet, list[Field]]], ctx: dict) -> None:
    """The instruction sheet: title, rules, then the column table."""
    ws.title = PETUNJUK
    for j, width in enumerate(_PETUNJUK_WIDTHS, 1):
        ws.column_dimensions[get_column_letter(j)].width = width
    ws.cell(1, 1, f"PETUNJUK PENGISIAN {file}").font = Font(bold=True, size=14)
    ws.cell(2, 1, f"{ctx['agency']} — {ctx['pemda']} — Tahun {ctx['year']}").font = Font(italic=True)
    row = 4
    for topic, text in petunjuk_rules(file, specs, ctx):
        _rule_row(ws, row, topic, text)
        row += 1
    _table(ws, row + 1, petunjuk_table(specs, ctx["entries"]))
    _protect(ws, editable=False)


def _rule_row(ws, row: int, topic: str, text: str) -> None:
    """A topic in column A, its text merged over B:E with a height that fits it."""
    ws.cell(row, 1, topic).font = Font(bold=True)
    _style(ws.cell(row, 2, text), alignment=_WRAP)
    ws.cell(row, 1).alignment = _WRAP
    ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=len(_PETUNJUK_WIDTHS))
    ws.row_dimensions[row].height = _height(text, sum(_PETUNJUK_WIDTHS[1:]))


def _table(ws, first: int, rows: list[tuple]) -> None:
    """The column table with a styled header; sheet rows shaded."""
    for j, text in enumerate(_PETUNJUK_HEADER, 1):
        _style(ws.cell(first, j, text), **_HEADER_STYLE)
    for i, values in enumerate(rows, first + 1):
        for j, value in enumerate(values, 1):
            _style(ws.cell(i, j, value), alignment=_WRAP)
            if values[0]:
                _style(ws.cell(i, j), font=Font(bold=True), fill=_SECTION_FILL)
        ws.row_dimensions[i].height = max(_height(str(v), w) for v, w in zip(values, _PETUNJUK_WIDTHS))


def _height(text: str, width: float) -> float:
    """Row height (points) for wrapped text in a column `width` characters wide."""
    return 15 * max(1, math.ceil(len(text) * 1.1 / width))
