"""Stage 2 — validate and normalise: staff-shaped sheets become typed, tidy dataframes.

Every problem found is collected (never only the first) with file, sheet, cell, value and what
was expected. Every value keeps its source address in a `sumber` column (`kinerja.xlsx!IKU!K5`).
Entity sheets give one row per entity; year columns become a tidy frame with one row per
entity × year × period × measure.
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import load
from .formatting import format_number, is_missing
from .load import RawCell, RawSheet, norm
from .parsing import NumberParseError, parse_number, parse_percent_cell, plain, single_group
from .problems import ERROR, WARNING, InputError, Problem, errors
from .schema import (CHOICE, DECIMAL, FILES, INTEGER, PARAGRAPHS, RUMUS_CAPAIAN, SHEETS, YEAR, Column, Measure,
                     Sheet, sheets_of)

TAHUNAN, S1, S2 = "Tahunan", "S1", "S2"
_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
_SEMESTER = re.compile(r"\b(?:semester|sem\.?|smt\.?)\s*(ii|i|1|2)\b|\bs([12])\b")
_SEMESTERS = {"i": S1, "1": S1, "ii": S2, "2": S2}
_TOTAL_WORDS = ("total", "jumlah", "jumlah total", "total anggaran")
_NOTE_WORDS = re.compile(r"^(sumber|catatan|keterangan|ket\.|ket:|note|\*)")
TIDY_COLUMNS = ["kode", "ukuran", "tahun", "periode", "nilai", "tertulis", "sumber"]


@dataclass(frozen=True)
class MeasureColumn:
    """A recognised year column: which measure, year and period, at which index."""

    index: int
    measure: Measure
    tahun: int
    periode: str


@dataclass(frozen=True)
class SourceData:
    """Everything read from the data folder, typed and traced to its cells."""

    data_dir: Path
    tables: dict[str, pd.DataFrame]
    measures: dict[str, pd.DataFrame]
    totals: pd.DataFrame
    problems: tuple[Problem, ...] = field(default=())

    def table(self, sheet_id: str) -> pd.DataFrame:
        """The entity table of a sheet (`iku`, `program`, ...)."""
        return self.tables[sheet_id]

    def measure(self, sheet_id: str) -> pd.DataFrame:
        """The tidy year/period values of a sheet."""
        return self.measures[sheet_id]

    @property
    def profil(self) -> dict[str, str | None]:
        """The Profil sheet as {normalised key: text}; an entry whose Isi is empty is None."""
        t = self.tables["profil"]
        return {key: None if is_missing(isi) else isi for key, isi in zip(t["uraian"].map(norm), t["isi"])}


def read_data(data_dir: Path) -> SourceData:
    """Read and validate every workbook; raise InputError listing all errors if any."""
    problems: list[Problem] = []
    tables, measures, totals = {}, {}, []
    for file in FILES:
        _read_file(Path(data_dir), file, problems, tables, measures, totals)
    if "iku" in tables:
        tables["iku"], found = renstra_years(tables)
        problems += found
    problems += check_references(tables)  # sheets that failed to load are skipped there
    problems += check_unique_codes(tables)
    problems += check_profil(tables)
    problems += check_budget(measures)
    problems += example_rows(tables)
    if errors(problems):
        raise InputError(problems)
    totals_frame = pd.DataFrame(totals, columns=["sheet", "ukuran", "tahun", "nilai", "sumber"])
    return SourceData(Path(data_dir), tables, measures, totals_frame, tuple(problems))


def _read_file(data_dir, file, problems, tables, measures, totals) -> None:
    """Read all sheets of one workbook into the output dicts."""
    path = load.locate(data_dir, file, problems)
    wb = load.open_workbook(path, problems) if path else None
    if wb is None:
        return
    formulas = _FormulaCells(path)
    for spec in sheets_of(file):
        refused = len(errors(problems))
        ws = load.find_sheet(wb, spec, path.name, problems)
        if ws is None and len(errors(problems)) > refused:
            continue  # no such sheet, or two candidates: reported
        raw = load.read_sheet(ws, path.name, _header_matcher(spec)) if ws is not None else None
        if raw is not None:
            frame, tidy, total_rows = SheetReader(spec, raw, formulas, problems).read()
            tables[spec.id], measures[spec.id] = frame, tidy
            totals += total_rows
        elif spec.optional and not _has_content(ws):
            problems.append(_optional_missing(spec, path.name, ws))
            tables[spec.id], measures[spec.id] = empty_frames(spec)
        elif ws is not None:
            problems.append(Problem(ERROR, "baris judul kolom tidak ditemukan", path.name, ws.title,
                                    expected="judul kolom: " + ", ".join(display(c) for c in spec.columns)))


def _has_content(ws) -> bool:
    """True when a worksheet holds any value (False for no worksheet)."""
    return ws is not None and any(v is not None and str(v).strip() for row in ws.iter_rows(values_only=True)
                                  for v in row)


def _optional_missing(spec: Sheet, file: str, ws) -> Problem:
    """The warning for an optional sheet that is absent or blank."""
    what = f"sheet '{ws.title}' kosong" if ws is not None else f"sheet '{spec.name}' tidak ada"
    return Problem(WARNING, f"{what}: dibaca sebagai tabel tanpa baris", file, ws.title if ws is not None else "",
                   expected="judul kolom " + ", ".join(display(c) for c in spec.columns) + " dan datanya, "
                            "atau biarkan bila slide-nya memang tanpa data")


def empty_frames(spec: Sheet) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The entity table and tidy frame of a sheet with no rows: the right columns, nothing in them."""
    frame = pd.DataFrame(columns=frame_columns(spec))
    frame.attrs.update(kolom={}, judul={}, tahun_judul={})
    return frame, pd.DataFrame(columns=TIDY_COLUMNS)


def frame_columns(spec: Sheet) -> list[str]:
    """The columns of a sheet's entity table: one per schema column, the cell address of each traced
    figure (`sumber_target_akhir`), the sheet row and the row's address."""
    return ([c.key for c in spec.columns] + [f"sumber_{c.key}" for c in spec.columns if c.traced]
            + ["baris", "sumber"])


def display(column: Column) -> str:
    """A schema column's header as the blank workbooks of `sakip-report init` write it."""
    return column.headers[0].title()


class _FormulaCells:
    """Lazily finds formula cells without cached values, only for workbooks that have formulas."""

    def __init__(self, path: Path):
        self.path = path
        self._has = None
        self._cells: dict[str, set[str]] | None = None

    def has_formulas(self) -> bool:
        """True when any sheet of the workbook holds a formula (a cheap scan of the zip)."""
        if self._has is None:
            with zipfile.ZipFile(self.path) as zf:
                self._has = any(b"<f" in zf.read(n) for n in zf.namelist() if n.startswith("xl/worksheets/"))
        return self._has

    def uncached(self, sheet_title: str) -> set[str]:
        """Formula cells of a sheet (data_only gave None for those that were never calculated)."""
        if not self.has_formulas():
            return set()
        if self._cells is None:  # one formula-reading pass per workbook, whatever the sheet
            self._cells = load.formula_cells(self.path)
        return self._cells.get(sheet_title, set())


def _header_matcher(spec: Sheet):
    """A predicate telling whether a normalised text is one of this sheet's headers."""
    known = {h for c in spec.columns for h in c.headers}
    dated = {h for c in spec.columns if c.dated for h in c.headers}
    return lambda text: (text in known or _measure_of(spec, text) is not None
                         or (_undated(text)[1] is not None and _undated(text)[0] in dated))


_PERIOD_WORDS = re.compile(r"\b(?:tahun|periode|s\.?\s?d\.?|s/d|sampai|hingga)(?!\w)|[()\[\]\-\u2013\u2014/,]")


def _undated(header: str) -> tuple[str, int | None]:
    """`target akhir renstra (2021–2026)` → (`target akhir renstra`, 2026): a header without its years and
    the latest of them (None when it names no year)."""
    years = [int(y) for y in _YEAR.findall(header)]
    if not years:
        return header, None
    words = _PERIOD_WORDS.sub(" ", _YEAR.sub(" ", header))
    return re.sub(r"\s+", " ", words).strip(), max(years)


def _measure_of(spec: Sheet, header: str) -> MeasureColumn | None:
    """Recognise `target 2024 semester i`, `tahun 2023 realisasi`, `anggaran 2024` ..."""
    year = _YEAR.search(header)
    if not year:
        return None
    semester = _SEMESTER.search(header)
    rest = _SEMESTER.sub(" ", _YEAR.sub(" ", header)).replace("tahun", " ")
    rest = re.sub(r"\s+", " ", rest).strip()
    for m in spec.measures:
        if rest in m.words:
            periode = _SEMESTERS[(semester.group(1) or semester.group(2))] if semester else TAHUNAN
            return MeasureColumn(-1, m, int(year.group(1)), periode)
    return None


class SheetReader:
    """Turns one RawSheet into (entity frame, tidy measure frame, stated totals)."""

    def __init__(self, spec: Sheet, raw: RawSheet, formulas: _FormulaCells, problems: list[Problem]):
        self.spec, self.raw, self.formulas, self.problems = spec, raw, formulas, problems
        self.header_years: dict[str, tuple[int, str]] = {}  # key → (year, header cell) of a dated header
        self.columns = self._map_columns()
        self.measure_columns = self._map_measures()

    def read(self):
        """Read all data rows."""
        records, tidy, totals = [], [], []
        for number, cells in self.raw.rows:
            if self.spec.total_row and _is_total(cells):
                totals += self._total(cells)
            elif (note := self._note(cells)) is not None:
                self._warn(note.ref, "baris catatan di luar tabel diabaikan", note.value)
            else:
                records.append(self._record(number, cells))
                tidy += self._measures(records[-1], cells)
        frame = pd.DataFrame(records, columns=frame_columns(self.spec))
        frame.attrs["kolom"] = {key: _col(j) for key, j in self.columns.items()}  # for cell addresses later
        frame.attrs["judul"] = {key: self.raw.label(j) for key, j in self.columns.items()}  # for messages later
        frame.attrs["tahun_judul"] = dict(self.header_years)
        tidy_frame = pd.DataFrame(tidy, columns=TIDY_COLUMNS)
        self._check_duplicates(frame)
        self._note_layout(records)
        return frame, tidy_frame, totals

    def _note_layout(self, records: list) -> None:
        """Warn about the column-number row that was skipped, and about a sheet without data."""
        last = self.raw.header_refs[-1].rstrip("0123456789")
        if self.raw.column_numbers is not None:
            row = self.raw.column_numbers
            self._warn(f"A{row}:{last}{row}", f"baris {row} berisi nomor kolom ((1), (2), ...) dan diabaikan")
        if not records:
            self._warn(self._header_range(), "sheet tidak berisi data: hanya judul kolom", None,
                       "satu baris per data di bawah judul kolom"
                       + (", atau biarkan kosong bila slide-nya memang tanpa data" if self.spec.optional else ""))

    # --- header mapping -------------------------------------------------------------------
    def _map_columns(self) -> dict[str, int]:
        """Index of each fixed column; report required ones that are missing."""
        found = {}
        for column in self.spec.columns:
            for j, header in enumerate(self.raw.headers):
                if j not in found.values() and self._matches(column, j, header):
                    found[column.key] = j
                    break
            else:
                if column.required:
                    self._error(self._header_range(), f"kolom '{display(column)}' tidak ditemukan di baris judul",
                                ", ".join(h for h in self.raw.labels if h), f"kolom berjudul '{display(column)}'")
        return found

    def _matches(self, column: Column, index: int, header: str) -> bool:
        """The header is one of the column's; a dated column's header may also name a year, kept for later."""
        if header in column.headers:
            return True
        base, year = _undated(header) if column.dated else (header, None)
        if year is None or base not in column.headers:
            return False
        self.header_years[column.key] = (year, self.raw.header_refs[index])
        return True

    def _header_range(self) -> str:
        """The header row as an A1 range (`A3:T3`): where a missing column should have been."""
        return f"{self.raw.header_refs[0]}:{self.raw.header_refs[-1]}"

    def _map_measures(self) -> list[MeasureColumn]:
        """All year/period columns of the sheet."""
        out = []
        for j, header in enumerate(self.raw.headers):
            mc = _measure_of(self.spec, header)
            if mc is not None and j not in self.columns.values():
                out.append(MeasureColumn(j, mc.measure, mc.tahun, mc.periode))
        if self.spec.measures and not out:
            self._error(self._header_range(), "tidak ada kolom tahun (mis. 'Target 2024')",
                        ", ".join(h for h in self.raw.labels if h), "kolom seperti 'Target 2024' atau 'Anggaran 2024'")
        return out

    # --- rows -----------------------------------------------------------------------------
    def _record(self, number: int, cells) -> dict:
        """One entity row with typed values."""
        record = {"baris": number, "sumber": f"{self.raw.file}!{self.raw.title}!{number}"}
        for column in self.spec.columns:
            j = self.columns.get(column.key)
            cell = cells[j] if j is not None and j < len(cells) else None
            record[column.key] = self._value(column, cell)
            if column.traced:
                record[f"sumber_{column.key}"] = f"{self.raw.file}!{self.raw.title}!{cell.ref}" if cell else None
        return record

    def _value(self, column: Column, cell: RawCell | None):
        """Parse a fixed-column cell by its kind; problems are recorded, None returned."""
        if cell is None:
            return None
        label = self._label_of(cell)
        if cell.is_error:
            return self._formula_error(cell, label)
        if _blank(cell.value):
            self._check_blank(cell, label, column.required and not column.blank)
            return None
        if column.kind in (DECIMAL, INTEGER):
            return self._figure(cell, column, label)
        if column.kind == YEAR:
            return self._year(cell, label)
        if column.kind == PARAGRAPHS:
            return paragraphs(cell.value)
        text = _text(cell.value)
        if column.kind == CHOICE and norm(text) not in column.choices:
            self._error(cell.ref, f"isian kolom '{label}' tidak dikenal", text,
                        "salah satu dari: " + ", ".join(c.title() for c in column.choices))
            return None
        return norm(text) if column.kind == CHOICE else text

    def _label_of(self, cell: RawCell) -> str:
        """The header of a cell's column, as the sheet shows it."""
        return self.raw.label(_column_index(cell.ref))

    def _check_blank(self, cell: RawCell, label: str, required: bool) -> None:
        """A required cell is empty, or holds a formula that was never calculated."""
        if cell.ref in self.formulas.uncached(self.raw.title):
            self._error(cell.ref, f"kolom '{label}': sel berisi rumus tanpa nilai tersimpan", None,
                        "buka dan simpan ulang di Excel/LibreOffice agar nilainya terhitung")
        elif required:
            self._error(cell.ref, f"kolom '{label}' kosong", None, "isian wajib")

    def _formula_error(self, cell: RawCell, label: str) -> None:
        """A cell holding the error a formula gave (#DIV/0!, #REF!, ...): what it means, what to do."""
        code = str(cell.value).upper()
        self._error(cell.ref, f"kolom '{label}': rumus di sel ini menghasilkan galat {code} di Excel "
                              f"({FORMULA_ERRORS.get(code, 'rumus tidak dapat dihitung')})", code,
                    "perbaiki rumusnya sampai Excel menampilkan angka, atau ketik nilainya langsung")

    def _number(self, cell: RawCell, kind: str, label: str):
        """A number from a cell, or None with an error saying what Excel stored and what to write."""
        if cell.is_error:
            return self._formula_error(cell, label)
        if self._stored_instead(cell, label, "angka"):
            return None
        try:
            if kind == DECIMAL:
                value = parse_percent_cell(cell.value, cell.number_format)
                if single_group(cell.value):  # an English-format sheet would have meant a decimal
                    typed = cell.value.strip()
                    decimal = typed.replace(".", ",")
                    self._warn(cell.ref, f"kolom '{label}': '{typed}' dibaca {plain(value)}, bukan "
                                         f"{decimal} (titik = pemisah ribuan, seperti tertulis di Petunjuk)", typed,
                               f"bila maksudnya {decimal}, tulis dengan koma")
                return value
            return parse_number(cell.value, kind="integer")
        except NumberParseError as exc:
            self._error(cell.ref, f"kolom '{label}': {exc.reason}", exc.value, exc.expected)
            return None

    def _stored_instead(self, cell: RawCell, label: str, wanted: str) -> bool:
        """Whether Excel stored a date, a time or TRUE/FALSE where a number (`wanted`) belongs; the error names it."""
        stored = excel_type(cell.value)
        if stored is None:
            return False
        what, shown, expected = stored
        self._error(cell.ref, f"kolom '{label}': Excel menyimpan isian ini sebagai {what}, bukan {wanted}", shown, expected)
        return True

    def _figure(self, cell: RawCell, column: Column, label: str):
        """A fixed column's number; a negative one is an error where the column cannot be negative."""
        value = self._number(cell, column.kind, label)
        if value is not None and value < 0 and not column.negative:
            self._error(cell.ref, f"kolom '{label}' bernilai negatif", _text(cell.value),
                        "angka 0 atau lebih, dalam satuan indikator (kosongkan atau tulis '-' bila tidak ada)")
            return None
        return value

    def _year(self, cell: RawCell, label: str) -> int | None:
        """A four-digit year (19xx/20xx) as an int; what Excel stored instead (a date, TRUE) is named."""
        if self._stored_instead(cell, label, "tahun"):
            return None
        try:
            number = parse_number(cell.value, kind="integer")
        except NumberParseError:
            number = None
        if number is None or not re.fullmatch(r"(19|20)\d{2}", str(int(number))):
            self._error(cell.ref, f"kolom '{label}' bukan tahun", _text(cell.value), EXPECT_YEAR)
            return None
        return int(number)

    def _measures(self, record: dict, cells) -> list[tuple]:
        """Tidy rows for the year columns of one entity row."""
        out = []
        for mc in self.measure_columns:
            cell = cells[mc.index] if mc.index < len(cells) else None
            if cell is None:
                continue
            value = self._measure_value(mc, cell)
            written = "" if cell.value is None else _text(cell.value)
            out.append((record.get("kode"), mc.measure.key, mc.tahun, mc.periode, value, written,
                        f"{self.raw.file}!{self.raw.title}!{cell.ref}"))
        return out

    def _measure_value(self, mc: MeasureColumn, cell: RawCell):
        """A year column's number: None when blank, an error when unreadable or negative where it cannot be."""
        label = self.raw.label(mc.index)
        if _blank(cell.value) and not cell.is_error:
            self._check_blank(cell, label, required=False)
            return None
        value = self._number(cell, mc.measure.kind, label)
        if value is not None and value < 0 and not mc.measure.negative:
            self._error(cell.ref, f"kolom '{label}' bernilai negatif", _text(cell.value),
                        "angka 0 atau lebih (tulis '-' bila tidak ada nilai)")
            return None
        return value

    def _total(self, cells) -> list[tuple]:
        """Stated totals on a TOTAL row, kept to compare with the computed ones."""
        out = []
        for mc in self.measure_columns:
            cell = cells[mc.index]
            if not _blank(cell.value):
                value = self._number(cell, mc.measure.kind, self.raw.label(mc.index))
                out.append((self.spec.id, mc.measure.key, mc.tahun, value,
                            f"{self.raw.file}!{self.raw.title}!{cell.ref}"))
        return out

    def _note(self, cells) -> RawCell | None:
        """The cell of a stray note row ("Sumber: BPS", a signature), or None for a data row.

        A note is a lone text on its row: outside the code column of a sheet with codes, in a
        column that holds no text (an unmapped column, No or number columns), or starting with a
        note word. Otherwise a lone text is a data row with missing cells, reported as such.
        """
        filled = [c for c in cells if not _blank(c.value)]
        if len(filled) != 1 or not isinstance(filled[0].value, str):
            return None
        cell = filled[0]
        if cell.is_error:
            return None
        index = cells.index(cell)
        keyed = "kode" in self.columns and index != self.columns["kode"]  # a data row has its code
        kind = self._kind_at(index)
        return cell if keyed or kind in (None, INTEGER, DECIMAL) or _NOTE_WORDS.match(norm(cell.value)) else None

    def _kind_at(self, index: int) -> str | None:
        """The kind of the fixed column at a position (None when the position is no fixed column)."""
        for column in self.spec.columns:
            if self.columns.get(column.key) == index:
                return column.kind
        return DECIMAL if any(mc.index == index for mc in self.measure_columns) else None

    def _check_duplicates(self, frame: pd.DataFrame) -> None:
        """Codes must be unique within a sheet: they are how sheets refer to each other."""
        if "kode" not in frame or self.spec.columns[0].kind == CHOICE:
            return
        dup = frame[frame["kode"].notna() & frame["kode"].duplicated(keep="first")]
        for _, row in dup.iterrows():
            ref = f"{_col(self.columns['kode'])}{row['baris']}"
            self._error(ref, "kode ganda", row["kode"], "kode yang unik dalam sheet ini")

    def _error(self, cell: str, message: str, value=None, expected: str = "") -> None:
        self.problems.append(Problem(ERROR, message, self.raw.file, self.raw.title, cell, value, expected))

    def _warn(self, cell: str, message: str, value=None, expected: str = "") -> None:
        self.problems.append(Problem(WARNING, message, self.raw.file, self.raw.title, cell, value, expected))


def _col(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _blank(value) -> bool:
    """Empty, whitespace, or a dash: no value."""
    if value is None:
        return True
    return isinstance(value, str) and norm(value) in ("", "-", "–", "—")


def _text(value) -> str:
    """A cell as display text: whitespace tidied, whole floats without `.0`, dates as Excel shows them."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    elif isinstance(value, bool):
        value = "TRUE" if value else "FALSE"
    elif excel_type(value) is not None:
        value = _shown_date(value)
    return re.sub(r"\s+", " ", str(value).replace("\xa0", " ")).strip()


EXPECT_YEAR = "tahun empat angka, mis. 2025 (sel berformat Number atau General, bukan tanggal)"


def paragraphs(value) -> str:
    """Free text of some sentences as written: spaces tidied within each line, line breaks kept (at most
    one empty line between paragraphs)."""
    written = value if isinstance(value, str) else _text(value)
    lines = [re.sub(r"\s+", " ", line).strip() for line in written.replace("\xa0", " ").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines).strip("\n"))


def _column_index(ref: str) -> int:
    """0-based column of an A1 address."""
    from openpyxl.utils import column_index_from_string

    return column_index_from_string(ref.rstrip("0123456789")) - 1


# What each error a formula can leave in a cell means (Excel's own list), for the message.
FORMULA_ERRORS = {
    "#DIV/0!": "pembagian dengan nol: pembaginya kosong atau 0",
    "#N/A": "nilai yang dicari tidak ada, mis. VLOOKUP tidak menemukan kodenya",
    "#VALUE!": "rumus memakai isian yang jenisnya salah, mis. teks dalam perhitungan",
    "#REF!": "rumus merujuk sel atau sheet yang sudah dihapus",
    "#NAME?": "nama fungsi atau nama range dalam rumus tidak dikenal",
    "#NUM!": "hasil perhitungan bukan angka yang sah",
    "#NULL!": "dua range dalam rumus tidak berpotongan",
    "#SPILL!": "hasil rumus tidak muat karena sel di sebelahnya terisi",
    "#CALC!": "rumus tidak dapat dihitung",
}


def excel_type(value) -> tuple[str, str, str] | None:
    """What Excel stored instead of a number — (what, as shown, what to do) — or None for a number or text.

    openpyxl gives a date/time for a cell with a date format (Excel turns 94 typed into such a cell
    into 3 April 1900) and a bool for TRUE/FALSE (Indonesian Excel shows BENAR/SALAH).
    """
    import datetime as dt

    if isinstance(value, bool):
        return (f"nilai logika {'TRUE (BENAR)' if value else 'FALSE (SALAH)'}", str(value).upper(),
                "angka; bila sel berisi rumus perbandingan (mis. =A1>B1), ganti dengan rumus yang menghasilkan angka")
    if isinstance(value, (dt.datetime, dt.date, dt.time, dt.timedelta)):
        return ("tanggal/waktu karena sel berformat tanggal", _shown_date(value),
                "ubah format sel menjadi Number (Format Cells › Number) lalu ketik ulang angkanya")
    return None


def _shown_date(value) -> str:
    """A date or time roughly as Indonesian Excel shows it: 31/12/2024, 07:30."""
    import datetime as dt

    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, (dt.datetime, dt.date)):
        return value.strftime("%d/%m/%Y %H:%M" if isinstance(value, dt.datetime) else "%d/%m/%Y")
    return str(value)


def _first_value(cells):
    return next((c.value for c in cells if not _blank(c.value)), None)


def _is_total(cells) -> bool:
    """A TOTAL / JUMLAH row (often merged across the label columns)."""
    first = _first_value(cells)
    return isinstance(first, str) and norm(first) in _TOTAL_WORDS


# --- cross-sheet checks -------------------------------------------------------------------
EXAMPLE_PREFIX = "contoh"  # `sakip-report init` writes one example row per sheet with CONTOH-… codes


def example_rows(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    """Warn about example rows from the blank workbooks that were left in."""
    out = []
    for frame in tables.values():
        if "kode" not in frame:
            continue
        letter = frame.attrs.get("kolom", {}).get("kode", "")
        for _, row in frame[frame["kode"].map(lambda k: isinstance(k, str) and k.lower().startswith(EXAMPLE_PREFIX))].iterrows():
            file, title, number = row["sumber"].split("!")
            out.append(Problem(WARNING, "baris contoh dari `sakip-report init` masih ada", file, title,
                               f"{letter}{number}", row["kode"], "hapus baris contoh atau ganti dengan data sebenarnya"))
    return out
_REFERENCES = (  # (sheet, column, referenced sheet, what)
    ("sasaran", "tujuan", "tujuan", "tujuan"),
    ("iku", "induk", "sasaran", "sasaran"),
    ("ikp", "induk", "program", "program"),
    ("program", "sasaran", "sasaran", "sasaran"),
    ("kegiatan", "program", "program", "program"),
    ("sub_kegiatan", "kegiatan", "kegiatan", "kegiatan"),
)


def check_references(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    """Every code that points to another sheet must be defined there."""
    problems = []
    for sheet, column, target, what in _REFERENCES:
        if sheet not in tables or target not in tables:
            continue
        known = set(tables[target]["kode"].dropna())
        letter = tables[sheet].attrs.get("kolom", {}).get(column, "")
        for _, row in tables[sheet].iterrows():
            if isinstance(row[column], str) and row[column] not in known:
                file, title, number = row["sumber"].split("!")
                problems.append(Problem(ERROR, f"{what} '{row[column]}' dirujuk tetapi tidak didefinisikan",
                                        file, title, f"{letter}{number}", row[column],
                                        f"kode {what} yang ada: " + ", ".join(sorted(known))))
    return problems


# --- codes across sheets, the Profil, budgets -------------------------------------------------
# The pohon kinerja's levels, top to bottom: one code names one box, whatever its level (indicators
# are hung under their sasaran or program by code alone). IKU and IKP share one namespace too:
# their targets and realisasi are looked up by code.
TREE_LEVELS = ("tujuan", "sasaran", "program", "kegiatan", "sub_kegiatan")
INDICATOR_SHEETS = ("iku", "ikp")
_LEVEL_NAMES = {"tujuan": "tujuan", "sasaran": "sasaran", "program": "program", "kegiatan": "kegiatan",
                "sub_kegiatan": "sub kegiatan", "iku": "IKU", "ikp": "indikator program"}


def check_unique_codes(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    """A code used at two levels of the tree (a program coded like a sasaran) is an error naming both cells."""
    return _collisions(tables, TREE_LEVELS) + _collisions(tables, INDICATOR_SHEETS)


def _collisions(tables: dict[str, pd.DataFrame], sheet_ids: tuple[str, ...]) -> list[Problem]:
    """Codes of `sheet_ids` defined in more than one of those sheets."""
    first: dict[str, tuple[str, str]] = {}
    out = []
    for sheet_id in (s for s in sheet_ids if s in tables):
        for code, where in _code_cells(tables[sheet_id]):
            if code in first and first[code][0] != sheet_id:
                other, other_where = first[code]
                file, title, cell = where.split("!")
                out.append(Problem(ERROR, f"kode '{code}' dipakai untuk {_LEVEL_NAMES[sheet_id]} di sini dan untuk "
                                          f"{_LEVEL_NAMES[other]} di {other_where}", file, title, cell, code,
                                   "kode yang berbeda untuk setiap " + ", ".join(_LEVEL_NAMES[s] for s in sheet_ids)))
            first.setdefault(code, (sheet_id, where))
    return out


def _code_cells(frame: pd.DataFrame):
    """(code, `file!sheet!cell`) of every row of an entity table that has a code."""
    letter = frame.attrs.get("kolom", {}).get("kode", "")
    for code, sumber in zip(frame["kode"], frame["sumber"]):
        if isinstance(code, str):
            file, title, number = sumber.split("!")
            yield code, f"{file}!{title}!{letter}{number}"


PROFIL_REQUIRED = ("nama perangkat daerah", "pemerintah daerah", "tahun")
PROFIL_TAHUN_AKHIR = "tahun akhir renstra"  # optional: the year of every IKU's Target Akhir Renstra that names none
_PROFIL_YEARS = ("tahun", "tahun pembanding", PROFIL_TAHUN_AKHIR)


def check_profil(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    """The Profil entries the deck needs are there, its years are years and its formula is known."""
    if "profil" not in tables:
        return []
    frame = tables["profil"]
    entries = {norm(u): row for u, row in zip(frame["uraian"], frame.itertuples()) if isinstance(u, str)}
    letter = frame.attrs.get("kolom", {}).get("isi", "B")
    out = [Problem(ERROR, f"isian '{key.title()}' tidak ada di sheet Profil", "profil.xlsx", _title(frame), "",
                   None, f"baris dengan Uraian '{key.title()}' dan Isi-nya")
           for key in PROFIL_REQUIRED if key not in entries]
    for key in (k for k in PROFIL_REQUIRED if k in entries and is_missing(entries[k].isi)):
        file, title, number = entries[key].sumber.split("!")
        out.append(Problem(ERROR, f"Isi '{entries[key].uraian}' kosong", file, title, f"{letter}{number}", None,
                           "isian wajib"))
    for key, row in entries.items():
        problem = _profil_value(key, row.isi)
        if problem:
            file, title, number = row.sumber.split("!")
            out.append(Problem(ERROR, f"Isi '{row.uraian}' {problem[0]}", file, title, f"{letter}{number}",
                               row.isi, problem[1]))
    return out


def _profil_value(key: str, isi) -> tuple[str, str] | None:
    """(what is wrong, what is expected) for a Profil entry the build reads, else None."""
    if is_missing(isi):
        return None
    if key in _PROFIL_YEARS and not re.fullmatch(r"(19|20)\d{2}", str(isi)):
        return "bukan tahun", EXPECT_YEAR
    if key == "rumus capaian polaritas negatif" and norm(isi) not in RUMUS_CAPAIAN:
        return "tidak dikenal", "salah satu dari: " + ", ".join(r.upper() for r in RUMUS_CAPAIAN)
    return None


# --- the Renstra's end year, standards ---------------------------------------------------------
def renstra_years(tables: dict[str, pd.DataFrame]) -> tuple[pd.DataFrame, list[Problem]]:
    """The IKU table with each row's Tahun Akhir Renstra resolved, and the problems of these columns.

    A row's year is its own cell, else the year in the Target Akhir Renstra header ("Target Akhir
    Renstra (2026)"), else the Profil's `Tahun Akhir Renstra`; `sumber_tahun_akhir` names the cell it
    came from. An end target without any year is an error; an end year before the report's year, and a
    standard without its source, are warnings.
    """
    iku = tables["iku"]
    fallback = _header_year(iku) or _profil_entry_year(tables.get("profil"), PROFIL_TAHUN_AKHIR)
    years, sources, problems = [], [], []
    for row in iku.itertuples():
        own = row.tahun_akhir if not is_missing(row.tahun_akhir) else None
        year, source = (own, _cell_of(iku, "tahun_akhir", row)) if own else fallback or (None, None)
        years.append(year)
        sources.append(source)
        if not is_missing(row.target_akhir) and year is None:
            problems.append(_no_end_year(iku, row))
        if not is_missing(row.standar) and is_missing(row.rujukan_standar):
            problems.append(_no_standard_source(iku, row))
    problems += _past_end_years(iku, years, sources, _profil_entry_year(tables.get("profil"), "tahun"))
    out = iku.assign(tahun_akhir=pd.array(years, dtype="Int64"), sumber_tahun_akhir=sources)
    out.attrs.update(iku.attrs)
    return out, problems


_IKU = next(spec for spec in SHEETS if spec.id == "iku")


def _header_year(iku: pd.DataFrame) -> tuple[int, str] | None:
    """(year, header cell) when the Target Akhir Renstra header names a year."""
    found = iku.attrs.get("tahun_judul", {}).get("target_akhir")
    if not found or not len(iku):
        return None
    file, title, _ = iku["sumber"].iloc[0].split("!")
    return found[0], f"{file}!{title}!{found[1]}"


def _profil_entry_year(profil: pd.DataFrame | None, key: str) -> tuple[int, str] | None:
    """(year, Isi cell) of a Profil entry that holds a valid year (a wrong one is check_profil's to report)."""
    if profil is None:
        return None
    letter = profil.attrs.get("kolom", {}).get("isi", "B")
    for uraian, isi, sumber in zip(profil["uraian"], profil["isi"], profil["sumber"]):
        if norm(uraian) == key and isinstance(isi, str) and re.fullmatch(r"(19|20)\d{2}", isi):
            file, title, number = sumber.split("!")
            return int(isi), f"{file}!{title}!{letter}{number}"
    return None


def _cell_of(frame: pd.DataFrame, key: str, row) -> str | None:
    """`kinerja.xlsx!IKU!X5`: the cell of a column in a row (None when the sheet has no such column)."""
    letter = frame.attrs.get("kolom", {}).get(key)
    if letter is None:
        return None
    file, title, number = row.sumber.split("!")
    return f"{file}!{title}!{letter}{number}"


def _label(frame: pd.DataFrame, key: str) -> str:
    """A column's header as the sheet shows it (the schema's display name when the sheet has no such column)."""
    return frame.attrs.get("judul", {}).get(key) or display(next(c for c in _IKU.columns if c.key == key))


def _problem_at(level: str, where: str, message: str, value, expected: str) -> Problem:
    file, title, cell = where.split("!")
    return Problem(level, message, file, title, cell, value, expected)


def _no_end_year(iku: pd.DataFrame, row) -> Problem:
    """The error for an end target whose year is nowhere: on the (empty) year cell, else on the target."""
    where = _cell_of(iku, "tahun_akhir", row) or row.sumber_target_akhir
    return _problem_at(ERROR, where, f"kolom '{_label(iku, 'target_akhir')}' berisi "
                                     f"{format_number(row.target_akhir)} tetapi tahun akhir Renstra-nya tidak ada",
                       None, f"tahun di kolom '{_label(iku, 'tahun_akhir')}' baris ini, atau sekali untuk semua IKU "
                             "di isian 'Tahun Akhir Renstra' sheet Profil (profil.xlsx)")


def _no_standard_source(iku: pd.DataFrame, row) -> Problem:
    """The warning for a national standard without its source: on the (empty) source cell, else on the standard."""
    where = _cell_of(iku, "rujukan_standar", row) or row.sumber_standar
    return _problem_at(WARNING, where, f"kolom '{_label(iku, 'standar')}' berisi {format_number(row.standar)} "
                                       "tanpa sumbernya", None,
                       f"dasar standar itu di kolom '{_label(iku, 'rujukan_standar')}', "
                       "mis. 'SPM (Permendagri 59/2021)' atau 'BPS, Maret 2025'")


def _past_end_years(iku: pd.DataFrame, years: list, sources: list, tahun) -> list[Problem]:
    """A warning, once per cell, for an end year before the report's year (the Renstra has already ended)."""
    if tahun is None:
        return []
    late = {}
    for year, source, target in zip(years, sources, iku["target_akhir"]):
        if year is not None and year < tahun[0] and not is_missing(target):
            late.setdefault(source, year)
    return [_problem_at(WARNING, where, f"tahun akhir Renstra {year} lebih awal dari tahun laporan {tahun[0]} "
                                        f"({tahun[1]})", str(year),
                        "tahun terakhir periode Renstra yang berlaku untuk tahun laporan")
            for where, year in late.items()]


def _title(frame: pd.DataFrame) -> str:
    """The sheet title an entity table was read from ("" for an empty one)."""
    return frame["sumber"].iloc[0].split("!")[1] if len(frame) else ""


def check_budget(measures: dict[str, pd.DataFrame]) -> list[Problem]:
    """Realisasi anggaran above its anggaran (same program, year and period) is a warning on the realisasi cell."""
    from .formatting import format_integer, format_percent

    tidy = measures.get("program")
    if tidy is None or tidy.empty:
        return []
    keys = ["kode", "tahun", "periode"]
    anggaran = tidy[tidy["ukuran"] == "anggaran"].dropna(subset=["nilai"])
    realisasi = tidy[tidy["ukuran"] == "realisasi_anggaran"].dropna(subset=["nilai"])
    both = realisasi.merge(anggaran, on=keys, suffixes=("", "_anggaran"))
    out = []
    for row in both[both["nilai"] > both["nilai_anggaran"]].itertuples():
        file, title, cell = row.sumber.split("!")
        share = format_percent(row.nilai / row.nilai_anggaran * 100) if row.nilai_anggaran else "-"
        out.append(Problem(WARNING, f"realisasi anggaran {format_integer(row.nilai)} melebihi anggaran "
                                    f"{format_integer(row.nilai_anggaran)} ({row.sumber_anggaran.split('!')[-1]}): "
                                    f"{share} dari anggaran", file, title, cell, None,
                           "realisasi paling banyak sama dengan anggaran; periksa kedua sel"))
    return out
