"""A reporting period as written on the command line: `2024-S1`, `2024-S2` (no pandas here).

The command line checks `--period` with it before anything heavy is imported.
"""
from __future__ import annotations

import re

from .problems import PeriodError

_PERIOD = re.compile(r"^\s*((?:19|20)\d{2})\s*-\s*[sS]([12])\s*$")


def parse_period(text: str) -> tuple[int, str]:
    """`2024-S1` → (2024, "S1")."""
    m = _PERIOD.match(text or "")
    if not m:
        raise PeriodError(f"periode {text!r} tidak dikenal; tulis seperti 2024-S1 atau 2024-S2")
    return int(m.group(1)), f"S{m.group(2)}"
