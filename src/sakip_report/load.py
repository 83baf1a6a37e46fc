"""Stage 1 — read the source workbooks as they are: cells with their values, formats and addresses.

Nothing is interpreted here beyond undoing the spreadsheet's presentation: merged cells are
filled from their top-left cell, hidden rows are skipped, multi-row headers are flattened.
Workbooks are untrusted files: size and type are checked before openpyxl opens them (openpyxl
parses XML with defusedxml when it is installed, which refuses entity attacks).
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .problems import ERROR, Problem
from .schema import Sheet

MAX_UNCOMPRESSED = 100 * 1024 * 1024  # a zip bomb declares far more than any real workbook
HEADER_SEARCH_ROWS = 20
_OTHER_FORMATS = {".xls": "Excel 97-2003 (.xls)", ".ods": "OpenDocument (.ods)", ".csv": "CSV (.csv)",
                  ".xlsm": "Excel dengan makro (.xlsm)"}


@dataclass(frozen=True)
class RawCell:
    """A cell value as stored, with its number format and A1 address."""

    value: object
    number_format: str
    ref: str
    formula_without_value: bool = False


@dataclass(frozen=True)
class RawSheet:
    """A sheet's flattened header texts (one per column) and its data rows."""

    file: str
    title: str
    header_row: int
    headers: tuple[str, ...]
    header_refs: tuple[str, ...]
    rows: tuple[tuple[int, tuple[RawCell, ...]], ...]


def norm(text: object) -> str:
    """Header/keyword normal form: lower case, single spaces, no NBSP, no trailing colon."""
    s = str(text or "").replace("\xa0", " ").replace("\u202f", " ").replace("\n", " ")
    return re.sub(r"\s+", " ", s).strip().rstrip(":*").strip().lower()


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
        problems.append(Problem(ERROR, f"workbook rusak atau tidak dapat dibaca ({type(exc).__name__}: {exc})",
                                file=path.name, expected="berkas .xlsx yang utuh"))
        return None


def _is_safe_xlsx(path: Path, problems: list[Problem]) -> bool:
    """Refuse non-zips, encrypted files and zip bombs before any XML is parsed."""
    head = path.read_bytes()[:8]
    if head.startswith(b"\xd0\xcf\x11\xe0"):  # OLE2: an encrypted .xlsx or a renamed .xls
        problems.append(Problem(ERROR, "workbook terenkripsi (berkata sandi) atau format .xls lama",
                                file=path.name, expected="workbook .xlsx tanpa kata sandi"))
        return False
    if not head.startswith(b"PK"):
        problems.append(Problem(ERROR, "bukan berkas workbook Excel", file=path.name,
                                expected="berkas .xlsx"))
        return False
    return _zip_within_limits(path, problems)


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
    """The worksheet for `spec`, matched by name or alias ignoring case and spaces."""
    wanted = {norm(spec.name), *(norm(a) for a in spec.aliases)}
    for ws in wb.worksheets:
        if norm(ws.title) in wanted:
            return ws
    problems.append(Problem(ERROR, f"sheet '{spec.name}' tidak ada", file=file, value=", ".join(wb.sheetnames),
                            expected=f"sheet bernama '{spec.name}'"))
    return None


def read_sheet(ws, file: str, is_header) -> RawSheet | None:
    """Read a worksheet: find the header block with `is_header`, flatten it, collect visible rows."""
    filled = _merged_fill(ws)
    grid = [[filled.get(c.coordinate, c.value) for c in row] for row in ws.iter_rows()]
    header_row = _find_header_row(grid, is_header)
    if header_row is None:
        return None
    depth = _header_depth(ws, header_row)
    headers = _flatten_headers(grid[header_row - 1: header_row - 1 + depth])
    refs = tuple(f"{_col_letter(j)}{header_row}" for j in range(len(headers)))
    rows = _data_rows(ws, grid, header_row + depth, len(headers))
    return RawSheet(file, ws.title, header_row, headers, refs, rows)


def _merged_fill(ws) -> dict[str, object]:
    """Every cell of a merged range mapped to its top-left value."""
    filled = {}
    for rng in ws.merged_cells.ranges:
        top_left = ws.cell(rng.min_row, rng.min_col).value
        for row in range(rng.min_row, rng.max_row + 1):
            for column in range(rng.min_col, rng.max_col + 1):
                filled[f"{_col_letter(column - 1)}{row}"] = top_left
    return filled


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


def _flatten_headers(block) -> tuple[str, ...]:
    """Join each column's header texts top to bottom, skipping repeats from vertical merges."""
    width = max(len(r) for r in block)
    out = []
    for j in range(width):
        parts = []
        for row in block:
            text = norm(row[j]) if j < len(row) else ""
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        out.append(" ".join(parts))
    return tuple(out)


def _data_rows(ws, grid, first_row: int, width: int):
    """Visible rows below the header that hold anything, as RawCells."""
    rows = []
    for r in range(first_row, len(grid) + 1):
        if ws.row_dimensions[r].hidden:
            continue
        values = grid[r - 1][:width]
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        cells = tuple(RawCell(v, ws.cell(r, j + 1).number_format, f"{_col_letter(j)}{r}")
                      for j, v in enumerate(values))
        rows.append((r, cells))
    return tuple(rows)


def _col_letter(index: int) -> str:
    """0-based column index to Excel letters."""
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)
