"""Reading a sample's workbooks independently of the package, as the deck tests check it."""
from __future__ import annotations

import re
from pathlib import Path

import openpyxl


def indicator_rows(kinerja: Path, sheet: str) -> list[dict[str, object]]:
    """Rows of an indicator sheet keyed by "Indikator", "Polaritas", ... and "2025 Target Semester II"
    (a merged "Tahun 2025" over "Target Semester II")."""
    ws = openpyxl.load_workbook(kinerja, data_only=True)[sheet]
    keys, year = [], ""
    for col in range(1, ws.max_column + 1):
        top, sub = ws.cell(3, col).value, ws.cell(4, col).value
        if isinstance(top, str) and re.fullmatch(r"Tahun \d{4}", top.strip()):
            year = top.split()[1]
        keys.append(f"{year} {sub}".strip() if sub else str(top))
    return [dict(zip(keys, values)) for values in ws.iter_rows(min_row=5, values_only=True) if values[0] is not None]
