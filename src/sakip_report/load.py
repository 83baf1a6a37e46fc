"""Stage 1 — read the source workbooks as they are: cells with their values, formats and addresses.

Nothing is interpreted here beyond undoing the spreadsheet's presentation: merged cells are
filled from their top-left cell, hidden rows are skipped, multi-row headers are flattened, a row
of column numbers under the header ("(1) (2) (3)", common in government tables) is set aside, and
Excel's `_xHHHH_` escapes of control characters are decoded.
Workbooks are untrusted files: size and type are checked before openpyxl opens them (openpyxl
parses XML with defusedxml when it is installed, which refuses entity attacks).
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .problems import ERROR, WARNING, Problem
from .schema import Sheet

MAX_UNCOMPRESSED = 100 * 1024 * 1024  # a zip bomb declares far more than any real workbook
HEADER_SEARCH_ROWS = 20
_OTHER_FORMATS = {".xls": "Excel 97-2003 (.xls)", ".ods": "OpenDocument (.ods)", ".csv": "CSV (.csv)",
                  ".xlsm": "Excel dengan makro (.xlsm)"}


@dataclass(frozen=True)
class RawCell:
    """A cell value as stored, with its number format, A1 address and Excel's type.

    `data_type` is openpyxl's: "n" number, "s" text, "b" TRUE/FALSE, "d" date, "e" a formula
    error such as #DIV/0!.
    """

    value: object
    number_format: str
    ref: str
    data_type: str = "n"

    @property
    def is_error(self) -> bool:
        """True when Excel stored the result of a formula that failed (#DIV/0!, #REF!, ...)."""
        return self.data_type == "e"


@dataclass(frozen=True)
class RawSheet:
    """A sheet's flattened header texts (one per column) and its data rows."""

    file: str
    title: str
    header_row: int
    headers: tuple[str, ...]
    header_refs: tuple[str, ...]
    rows: tuple[tuple[int, tuple[RawCell, ...]], ...]
    labels: tuple[str, ...] = ()  # the headers as the user sees them ("Tahun 2024 Target Semester II")
    column_numbers: int | None = None  # the row of "(1) (2) (3) ..." under the header, skipped

    def label(self, index: int) -> str:
        """The header of a column as written in the sheet."""
        return self.labels[index] if index < len(self.labels) and self.labels[index] else self.headers[index]


def norm(text: object) -> str:
    """Header/keyword normal form: lower case, single spaces, no NBSP, no trailing colon."""
    s = str(text or "").replace("\xa0", " ").replace("\u202f", " ").replace("\n", " ")
    return re.sub(r"\s+", " ", s).strip().rstrip(":*").strip().lower()


_LINE_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def clean_text(text: str) -> str:
    """Decode Excel's `_xHHHH_` escapes (`_x000B_`, `_x0007_`; `_x005F_` is a literal `_`).

    Line-break characters become newlines and other control characters spaces: no slide, chart or
    XML part can show them.
    """
    from openpyxl.utils.escape import unescape  # openpyxl writes these escapes but does not read them back

    return _CONTROLS.sub(" ", _LINE_BREAKS.sub("\n", unescape(text)))


def locate(data_dir: Path, file: str, problems: list[Problem]) -> Path | None:
    """Find `file` in the data folder (case-insensitively), or say what is there instead."""
    exact = data_dir / file
    if exact.is_file():
        return exact
    stem = Path(file).stem.lower()
    candidates = sorted(p for p in data_dir.iterdir() if p.stem.lower() == stem) if data_dir.is_dir() else []
    for path in candidates:
        if path.suffix.lower() == ".xlsx":
            return path
    problems.append(_missing_file(data_dir, file, candidates))
    return None


def _missing_file(data_dir: Path, file: str, candidates: list[Path]) -> Problem:
    """The message for a workbook that is absent or saved in another format."""
    if candidates:
        kind = _OTHER_FORMATS.get(candidates[0].suffix.lower(), candidates[0].suffix)
        return Problem(ERROR, f"berkas berformat {kind}, bukan .xlsx", file=candidates[0].name,
                       expected="simpan ulang sebagai Excel Workbook (.xlsx)")
    return Problem(ERROR, f"berkas tidak ditemukan di folder {data_dir}", file=file,
                   expected=f"berkas {file}")


def open_workbook(path: Path, problems: list[Problem]):
    """Open a workbook with cached values, after checking that it is a sane .xlsx."""
    if not _is_safe_xlsx(path, problems):
        return None
    from openpyxl import load_workbook  # lazy: openpyxl costs ~0.1 s to import

    try:
        return load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl raises many types for damaged files
        problems.append(Problem(ERROR, f"workbook rusak atau tidak dapat dibaca ({exc})",
                                file=path.name, expected="berkas .xlsx yang utuh"))
        return None


def _is_safe_xlsx(path: Path, problems: list[Problem]) -> bool:
    """Refuse non-zips, encrypted files and zip bombs before any XML is parsed."""
    head = path.read_bytes()[:8]
    if head.startswith(b"\xd0\xcf\x11\xe0"):  # OLE2: an encrypted .xlsx or a renamed .xls
        problems.append(_ole2_problem(path))
        return False
    if not head.startswith(b"PK"):
        problems.append(Problem(ERROR, "bukan berkas workbook Excel", file=path.name,
                                expected="berkas .xlsx"))
        return False
    return _zip_within_limits(path, problems)


def _ole2_problem(path: Path) -> Problem:
    """An OLE2 compound file named .xlsx: a password-protected workbook, or an old .xls renamed.

    Excel keeps an encrypted .xlsx inside OLE2 streams `EncryptionInfo` + `EncryptedPackage`
    (MS-OFFCRYPTO); an Excel 97-2003 file has a `Workbook` (or Excel 5's `Book`) stream.
    """
    import olefile

    try:
        with olefile.OleFileIO(str(path)) as ole:
            streams = {"/".join(entry).lower() for entry in ole.listdir()}
    except (OSError, ValueError, EOFError):
        streams = set()
    if "encryptedpackage" in streams:
        return Problem(ERROR, "workbook dilindungi kata sandi (terenkripsi), sehingga isinya tidak dapat dibaca",
                       file=path.name, expected="buka di Excel dengan kata sandinya, lalu File › Info › Protect "
                                                "Workbook › Encrypt with Password: kosongkan kata sandi dan simpan")
    if streams & {"workbook", "book"}:
        return Problem(ERROR, "berkas ini workbook Excel 97-2003 (.xls) yang namanya diganti menjadi .xlsx",
                       file=path.name, expected="buka di Excel lalu Simpan Sebagai › Excel Workbook (.xlsx)")
    return Problem(ERROR, "berkas Office lama (OLE2) yang bukan workbook .xlsx", file=path.name,
                   expected="simpan ulang sebagai Excel Workbook (.xlsx)")


def _zip_within_limits(path: Path, problems: list[Problem]) -> bool:
    """Check the zip's declared uncompressed size against MAX_UNCOMPRESSED."""
    try:
        with zipfile.ZipFile(path) as zf:
            total = sum(info.file_size for info in zf.infolist())
            names = set(zf.namelist())
    except zipfile.BadZipFile as exc:
        problems.append(Problem(ERROR, f"workbook rusak atau terpotong ({exc})", file=path.name,
                                expected="berkas .xlsx yang utuh"))
        return False
    if total > MAX_UNCOMPRESSED:
        problems.append(Problem(ERROR, f"isi workbook terlalu besar ({total // 2**20} MB setelah diekstrak)",
                                file=path.name, expected=f"paling besar {MAX_UNCOMPRESSED // 2**20} MB"))
        return False
    if "xl/workbook.xml" not in names:
        problems.append(Problem(ERROR, "berkas zip ini bukan workbook Excel", file=path.name,
                                expected="berkas .xlsx"))
        return False
    return True


def formula_cells(path: Path) -> dict[str, set[str]]:
    """Sheet title → addresses of its formula cells (data_only reads None for those never calculated)."""
    from openpyxl import load_workbook

    wb = load_workbook(path, data_only=False)
    return {ws.title: {c.coordinate for row in ws.iter_rows() for c in row
                       if isinstance(c.value, str) and c.value.startswith("=")} for ws in wb.worksheets}


def find_sheet(wb, spec: Sheet, file: str, problems: list[Problem]):
    """The worksheet for `spec`, matched by name or alias ignoring case and spaces.

    A visible sheet always wins over a hidden one (a hidden sheet is often an old copy kept for
    reference); two visible candidates, or two hidden ones and no visible one, are an error naming
    both, since either could be the right one. None when there is no single sheet to read.
    """
    wanted = {norm(spec.name), *(norm(a) for a in spec.aliases)}
    found = [ws for ws in wb.worksheets if norm(ws.title) in wanted]
    visible = [ws for ws in found if ws.sheet_state == "visible"]
    hidden = [ws for ws in found if ws.sheet_state != "visible"]
    chosen = visible or hidden
    if len(chosen) > 1:
        names = " dan ".join(f"'{ws.title}'" for ws in chosen)
        problems.append(Problem(ERROR, f"ada {len(chosen)} sheet yang dapat dibaca sebagai sheet '{spec.name}': {names}",
                                file=file, sheet=chosen[0].title,
                                expected="satu sheet saja: hapus atau ganti nama sheet yang tidak dipakai"))
        return None
    if not chosen:
        if not spec.optional:
            problems.append(Problem(ERROR, f"sheet '{spec.name}' tidak ada", file=file,
                                    value=", ".join(wb.sheetnames), expected=f"sheet bernama '{spec.name}'"))
        return None
    _note_hidden(chosen[0], hidden, spec, file, problems)
    return chosen[0]


def _note_hidden(chosen, hidden: list, spec: Sheet, file: str, problems: list[Problem]) -> None:
    """Warn about hidden sheets that were passed over, or about reading a hidden one."""
    for ws in hidden:
        if ws is chosen:
            problems.append(Problem(WARNING, f"sheet '{ws.title}' tersembunyi (hidden) tetapi dibaca sebagai "
                                             f"sheet '{spec.name}' karena tidak ada sheet lain", file=file,
                                    sheet=ws.title, expected="tampilkan sheet itu (Unhide) bila datanya benar"))
        else:
            problems.append(Problem(WARNING, f"sheet tersembunyi '{ws.title}' diabaikan; yang dibaca sheet "
                                             f"'{chosen.title}' yang tampil", file=file, sheet=ws.title,
                                    expected="hapus sheet lama yang tersembunyi agar tidak tertukar"))


def read_sheet(ws, file: str, is_header) -> RawSheet | None:
    """Read a worksheet: find the header block with `is_header`, flatten it, collect visible rows."""
    grid = _grid(ws)
    values = [[_text_value(c) for c in row] for row in grid]
    header_row = _find_header_row(values, is_header)
    if header_row is None:
        return None
    depth = _header_depth(ws, header_row)
    block = values[header_row - 1: header_row - 1 + depth]
    headers = _flatten_headers(block, norm)
    labels = _flatten_headers(block, _label_text)
    refs = tuple(f"{_col_letter(j)}{header_row}" for j in range(len(headers)))
    rows = _data_rows(ws, grid, header_row + depth, len(headers))
    numbers = None
    if rows and is_column_numbers([c.value for c in rows[0][1]]):
        numbers, rows = rows[0][0], rows[1:]
    return RawSheet(file, ws.title, header_row, headers, refs, rows, labels, numbers)


def _grid(ws) -> list[list]:
    """The sheet's cells, row by row, with each merged cell replaced by its range's top-left cell."""
    top_left = {}
    for rng in ws.merged_cells.ranges:
        source = ws.cell(rng.min_row, rng.min_col)
        for row in range(rng.min_row, rng.max_row + 1):
            for column in range(rng.min_col, rng.max_col + 1):
                top_left[(row, column)] = source
    grid = []
    for r, row in enumerate(ws.iter_rows(), 1):
        grid.append([top_left.get((r, j), cell) for j, cell in enumerate(row, 1)])
    return grid


def _find_header_row(grid, is_header) -> int | None:
    """First row (1-based) with at least two different known headers of this sheet.

    Distinct texts, because a merged title row repeats one text across all its columns.
    """
    for i, row in enumerate(grid[:HEADER_SEARCH_ROWS], 1):
        if len({norm(v) for v in row if v is not None and is_header(norm(v))}) >= 2:
            return i
    return None


def _header_depth(ws, header_row: int) -> int:
    """How many rows the header spans: the tallest merge that starts on the header row."""
    depths = [r.max_row - r.min_row + 1 for r in ws.merged_cells.ranges if r.min_row == header_row]
    return max(depths, default=1)


def _label_text(value: object) -> str:
    """A header as written, with its spacing tidied (not lower-cased: it is shown to the user)."""
    return " ".join(clean_text(str(value)).split()).rstrip(":*").strip() if value is not None else ""


def _flatten_headers(block, text) -> tuple[str, ...]:
    """Join each column's header texts top to bottom, skipping repeats from vertical merges."""
    width = max(len(r) for r in block)
    out = []
    for j in range(width):
        parts = []
        for row in block:
            part = text(row[j]) if j < len(row) else ""
            if part and (not parts or norm(parts[-1]) != norm(part)):
                parts.append(part)
        out.append(" ".join(parts))
    return tuple(out)


_COLUMN_NUMBER = re.compile(r"\(?\s*(\d{1,3})\s*\)?(?:\s*=.*)?", re.S)


def _column_number(value) -> int | None:
    """1 for `1`, `(1)` or `(4) = (3)/(2)`: a column's number in a numbering row; else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return int(value) if float(value).is_integer() else None
    match = _COLUMN_NUMBER.fullmatch(value.strip()) if isinstance(value, str) else None
    return int(match.group(1)) if match else None


def is_column_numbers(values) -> bool:
    """A row that numbers the columns: two or more cells, all numbers rising from 1, nothing else."""
    filled = [v for v in values if not (v is None or (isinstance(v, str) and not v.strip()))]
    numbers = [_column_number(v) for v in filled]
    if len(numbers) < 2 or None in numbers or numbers[0] != 1:
        return False
    return all(b > a for a, b in zip(numbers, numbers[1:]))


def _data_rows(ws, grid, first_row: int, width: int):
    """Visible rows below the header that hold anything, as RawCells."""
    rows = []
    for r in range(first_row, len(grid) + 1):
        if ws.row_dimensions[r].hidden:
            continue
        cells = grid[r - 1][:width]
        if all(_empty(c) for c in cells):
            continue
        rows.append((r, tuple(_raw_cell(c, f"{_col_letter(j)}{r}") for j, c in enumerate(cells))))
    return tuple(rows)


def _empty(cell) -> bool:
    value = cell.value if cell is not None else None
    return value is None or (isinstance(value, str) and not value.strip())


def _text_value(cell):
    """A cell's value with text decoded (formula errors such as #DIV/0! are kept as they are)."""
    value = cell.value if cell is not None else None
    return clean_text(value) if isinstance(value, str) and cell.data_type != "e" else value


def _raw_cell(cell, ref: str) -> RawCell:
    """A RawCell of an openpyxl cell (for a merged cell: its range's top-left cell)."""
    return RawCell(_text_value(cell), cell.number_format, ref, cell.data_type)


def _col_letter(index: int) -> str:
    """0-based column index to Excel letters."""
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)
