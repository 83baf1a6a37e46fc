"""Where things live: the project's folders, in one place (as cookiecutter-data-science does)."""
from __future__ import annotations

import os
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


def beside(data: Path, name: str, default: Path) -> Path:
    """`data/../name`-style look-up: a folder `name` inside the data folder, else `default`.

    A kabupaten keeps its own master, layout and slide set beside its data (`sakip-report init
    --with-templates` puts a copy there); without one the project's own are used.
    """
    own = Path(data) / name
    return own if own.is_dir() else default


def cache_root() -> Path:
    """$XDG_CACHE_HOME/sakip-report (default ~/.cache/sakip-report): chart images, LibreOffice profile."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "sakip-report"
