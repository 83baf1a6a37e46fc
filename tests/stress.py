"""A stress data set made from the sample: three times the indicators, names twice as long."""
from __future__ import annotations

import shutil
from pathlib import Path

from openpyxl import load_workbook

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"
INDICATOR_SHEETS = ("IKU", "Indikator Program")
NAME_COLUMNS = {"D", "E"}  # Indikator, Definisi Operasional


def make_stress_data(dest: Path, factor: int = 3) -> Path:
    """Copy the sample into `dest` and multiply its indicators by `factor`, with doubled names."""
    dest.mkdir(parents=True, exist_ok=True)
    for xlsx in SAMPLE.glob("*.xlsx"):
        shutil.copy(xlsx, dest / xlsx.name)
    wb = load_workbook(dest / "kinerja.xlsx")
    for title in INDICATOR_SHEETS:
        _multiply(wb[title], factor)
    wb.save(dest / "kinerja.xlsx")
    return dest


def _multiply(ws, factor: int) -> None:
    """Append `factor - 1` copies of every indicator row, with new codes and numbers."""
    rows = [row for row in ws.iter_rows(min_row=5) if row[1].value]
    number = len(rows)
    for copy in range(1, factor):
        for row in rows:
            number += 1
            values = [c.value for c in row]
            values[0], values[1] = number, f"{values[1]}-{copy}"
            values[3] = f"{values[3]} ({copy + 1})"
            ws.append(values)
            for src, dst in zip(row, ws[ws.max_row]):
                dst.number_format = src.number_format
    for row in ws.iter_rows(min_row=5):
        for cell in row:
            if cell.column_letter in NAME_COLUMNS and isinstance(cell.value, str) and cell.row <= 4 + len(rows):
                cell.value = f"{cell.value} {cell.value}" if cell.column_letter == "D" else cell.value
