"""The deck's fonts: the ones the master's theme names, found as font files.

PowerPoint shows the deck in the fonts of the master's theme (Design → Variants → Fonts): the
heading font for titles, the body font for everything else. Measurement, the charts and the PDF
must use the same fonts, or text measured to fit will not. A font is looked for in
`templates/fonts/`, then among the system's fonts; when it is not there, its metric-compatible
free twin (Calibri → Carlito ...; the table is `[huruf] kembaran` of layout.toml) is used in its
place. A font found nowhere is an error that says what to install.
"""
from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .problems import TemplateProblem
from .theme import read_theme

FONT_SUFFIXES = (".ttf", ".otf", ".ttc")


@dataclass(frozen=True)
class Face:
    """A font family as the deck uses it: the name the theme gives, the family whose files stand in."""

    family: str  # as the theme names it: "Calibri"
    used: str  # the family of the files: "Carlito" when Calibri is not installed
    regular: Path
    bold: Path


class FontMissing(TemplateProblem):
    """A theme font that is neither in templates/fonts/ nor installed, nor has an installed twin."""


def twins(templates: Path) -> dict[str, str]:
    """The metric-compatible twins of layout.toml's `[huruf] kembaran` (Calibri → Carlito ...)."""
    import tomllib

    layout = tomllib.loads((Path(templates) / "layout.toml").read_text(encoding="utf-8"))
    return dict(layout.get("huruf", {}).get("kembaran", {}))


def deck_fonts(templates: Path, twins: dict[str, str]) -> tuple[Face, Face]:
    """(heading, body) faces of a templates folder: its master's theme fonts, found."""
    theme = read_theme(Path(templates) / "master.pptx")
    heading, body = theme.major_font, theme.minor_font
    font_dir = Path(templates) / "fonts"
    return find(heading, font_dir, twins), find(body, font_dir, twins)


def find(family: str, font_dir: Path, twins: dict[str, str]) -> Face:
    """The regular and bold files of `family`, or of its twin; FontMissing when neither is there."""
    twin = {k.lower(): v for k, v in twins.items()}.get(family.lower())
    for name in (family, twin):
        if not name:
            continue
        files = _files_of(name, Path(font_dir))
        if files:
            return Face(family, name, *files)
    also = f" atau kembarannya '{twin}'" if twin else ""
    raise FontMissing(
        f"font tema '{family}'{also} tidak ditemukan di {font_dir} maupun di font sistem; pasang font itu "
        f"(Debian/Ubuntu: apt-get install fonts-..., Windows/macOS: klik dua kali berkas .ttf-nya) atau salin "
        f"berkas .ttf regular dan bold-nya ke {font_dir}")


def _files_of(family: str, font_dir: Path) -> tuple[Path, Path] | None:
    """(regular, bold) files of a family: from `font_dir` first, then the system's fonts."""
    folders = (font_dir, *system_font_dirs())
    for by_name in (True, False):  # files named after their family first; then every file (Windows' GARA.TTF)
        for folder in folders:
            found = _in_folder(family.lower(), str(folder), by_name)
            if found:
                return found
    return None


@lru_cache(maxsize=256)
def _in_folder(family: str, folder: str, by_name: bool = True) -> tuple[Path, Path] | None:
    """(regular, bold) of `family` among the font files under `folder` (a bold missing: the regular);
    `by_name`: only the files whose names start like the family's, which is quick and usual."""
    key = re.sub(r"[^a-z0-9]", "", family)
    styles: dict[str, Path] = {}
    for path in sorted(_font_files(folder)):
        if by_name and not re.sub(r"[^a-z0-9]", "", path.stem.lower()).startswith(key[:5]):
            continue  # a file named after another family ("DejaVuSans-Bold.ttf", "arialbd.ttf")
        name = _name(path)
        if name and name[0].lower() == family:
            styles.setdefault(name[1].lower(), path)
    regular = next((styles[s] for s in ("regular", "book", "normal", "roman", "medium") if s in styles), None)
    bold = styles.get("bold")
    return (regular, bold or regular) if regular else None


def _font_files(folder: str):
    for root, _, files in os.walk(folder):
        for f in files:
            if f.lower().endswith(FONT_SUFFIXES):
                yield Path(root) / f


def _name(path: Path) -> tuple[str, str] | None:
    """(family, style) a font file declares."""
    from PIL import ImageFont

    try:
        return ImageFont.truetype(str(path), 10).getname()
    except OSError:
        return None


def system_font_dirs() -> list[Path]:
    """Where the operating system keeps installed fonts."""
    home = Path.home()
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = Path(os.environ.get("LOCALAPPDATA", home / "AppData" / "Local"))
        candidates = [windir / "Fonts", local / "Microsoft" / "Windows" / "Fonts"]
    elif sys.platform == "darwin":
        candidates = [home / "Library" / "Fonts", Path("/Library/Fonts"), Path("/System/Library/Fonts")]
    else:
        candidates = [home / ".local" / "share" / "fonts", home / ".fonts", Path("/usr/local/share/fonts"),
                      Path("/usr/share/fonts")]
    return [c for c in candidates if c.is_dir()]
