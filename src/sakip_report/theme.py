"""Read a deck's theme (colour scheme and fonts) straight from the .pptx zip, without python-pptx."""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import Element

from defusedxml import ElementTree as SafeET

A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
THEME_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
PRESENTATION_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
SLIDE_MASTER_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slideMaster"
NS = {"a": A_NS, "r": REL_NS}

COLOR_SLOTS = ("dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6")


@dataclass(frozen=True)
class Theme:
    """Theme colours ("#RRGGBB" by slot name) and the major/minor latin typefaces."""

    colors: dict[str, str]
    major_font: str
    minor_font: str


def read_theme(pptx_path: str | Path) -> Theme:
    """Read the theme used by the first slide master of `pptx_path`."""
    with zipfile.ZipFile(pptx_path) as package:
        root = SafeET.fromstring(package.read(theme_partname(package)))
    return Theme(colors=scheme_colors(root), major_font=latin_font(root, "major"),
                 minor_font=latin_font(root, "minor"))


def theme_partname(package: zipfile.ZipFile) -> str:
    """Zip member name of the theme, followed from package -> presentation -> master -> theme."""
    presentation = related(package, "", PRESENTATION_REL)
    master = related(package, presentation, SLIDE_MASTER_REL)
    return related(package, master, THEME_REL)


def related(package: zipfile.ZipFile, source: str, reltype: str) -> str:
    """Member name of the first part `source` relates to with `reltype` ("" = the package)."""
    rels = SafeET.fromstring(package.read(rels_name(source)))
    target = next(r.get("Target") for r in rels.iter(f"{{{REL_NS}}}Relationship") if r.get("Type") == reltype)
    return resolve(source, target)


def rels_name(source: str) -> str:
    """Zip member holding the relationships of part `source` ("" = the package)."""
    folder, name = posixpath.split(source)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def resolve(source: str, target: str) -> str:
    """Zip member name of a relationship target, relative to `source`'s folder or absolute."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def scheme_colors(root: Element) -> dict[str, str]:
    """The ten scheme colour slots as "#RRGGBB"."""
    scheme = root.find("a:themeElements/a:clrScheme", NS)
    return {slot: slot_hex(scheme.find(f"a:{slot}", NS)) for slot in COLOR_SLOTS}


def slot_hex(slot: Element) -> str:
    """"#RRGGBB" of a colour slot holding a:srgbClr or a:sysClr (its lastClr)."""
    srgb = slot.find("a:srgbClr", NS)
    value = srgb.get("val") if srgb is not None else slot.find("a:sysClr", NS).get("lastClr")
    return f"#{value.upper()}"


def latin_font(root: Element, kind: str) -> str:
    """Latin typeface of the `kind` ("major" or "minor") theme font."""
    return root.find(f"a:themeElements/a:fontScheme/a:{kind}Font/a:latin", NS).get("typeface")
