"""Where things live: the project's folders, in one place (as cookiecutter-data-science does)."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data" / "sample"
TEMPLATES = ROOT / "templates"
SLIDES = ROOT / "slides"
BUILD = ROOT / "build"

MASTER = "master.pptx"
LAYOUT = "layout.toml"
RULES = "aturan.toml"
TEXT = "text"
FONTS = "fonts"
AGENCY_MARKER = "kinerja.xlsx"  # a folder holding this workbook is one agency's data folder
