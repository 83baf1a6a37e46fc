"""Tests for reading the deck theme straight from the .pptx package."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from sakip_report.theme import Theme, read_theme

MASTER = Path(__file__).resolve().parents[1] / "templates" / "master.pptx"

SAKIP_COLORS = {
    "dk1": "#1F2933", "lt1": "#FFFFFF", "dk2": "#1F3A5F", "lt2": "#E8EEF4",
    "accent1": "#1F4E79", "accent2": "#C55A11", "accent3": "#548235",
    "accent4": "#BF9000", "accent5": "#2E75B6", "accent6": "#C00000",
}

REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"


def rels_xml(*targets: tuple[str, str]) -> str:
    """A .rels document with (type suffix, target) relationships."""
    body = "".join(f'<Relationship Id="rId{i}" Type="{REL}/{kind}" Target="{target}"/>'
                   for i, (kind, target) in enumerate(targets, start=1))
    return f'<Relationships xmlns="{PKG_REL}">{body}</Relationships>'


def theme_xml(accent1: str, dk1: str = '<a:sysClr val="windowText" lastClr="000000"/>') -> str:
    """A minimal theme document; dk1 given as raw colour XML."""
    slots = "".join(f"<a:{slot}><a:srgbClr val=\"{accent1 if slot == 'accent1' else 'abcdef'}\"/></a:{slot}>"
                    for slot in ("lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4", "accent5",
                                 "accent6"))
    return (
        '<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="T"><a:themeElements>'
        f'<a:clrScheme name="T"><a:dk1>{dk1}</a:dk1>{slots}</a:clrScheme>'
        '<a:fontScheme name="T"><a:majorFont><a:latin typeface="Cambria"/></a:majorFont>'
        '<a:minorFont><a:latin typeface="Carlito"/></a:minorFont></a:fontScheme>'
        "</a:themeElements></a:theme>"
    )


def write_package(path: Path, dk1_xml: str = '<a:sysClr val="windowText" lastClr="000000"/>') -> Path:
    """A package whose master uses ppt/theme/theme7.xml, with a decoy theme1.xml beside it."""
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("_rels/.rels", rels_xml(("officeDocument", "ppt/presentation.xml")))
        z.writestr("ppt/_rels/presentation.xml.rels", rels_xml(("slideMaster", "slideMasters/slideMaster1.xml")))
        z.writestr("ppt/slideMasters/_rels/slideMaster1.xml.rels",
                   rels_xml(("slideLayout", "../slideLayouts/slideLayout1.xml"), ("theme", "../theme/theme7.xml")))
        z.writestr("ppt/theme/theme7.xml", theme_xml("123456", dk1_xml))
        z.writestr("ppt/theme/theme1.xml", theme_xml("FFFFFF", dk1_xml))
    return path


@pytest.fixture
def odd_package(tmp_path: Path) -> Path:
    """The relationship-following test package with default colours."""
    return write_package(tmp_path / "odd.pptx")


def test_master_theme_is_sakip_palette_with_calibri():
    assert read_theme(MASTER) == Theme(colors=SAKIP_COLORS, major_font="Calibri", minor_font="Calibri")


def test_theme_is_found_through_relationships_not_by_name(odd_package: Path):
    theme = read_theme(odd_package)
    assert theme.colors["accent1"] == "#123456"
    assert (theme.major_font, theme.minor_font) == ("Cambria", "Carlito")


@pytest.mark.parametrize(
    ("dk1_xml", "expected"),
    [
        ('<a:sysClr val="windowText" lastClr="000000"/>', "#000000"),
        ('<a:sysClr val="windowText" lastClr="1a2b3c"/>', "#1A2B3C"),
        ('<a:srgbClr val="0f0f0f"/>', "#0F0F0F"),
    ],
)
def test_colour_forms(tmp_path: Path, dk1_xml: str, expected: str):
    assert read_theme(write_package(tmp_path / "c.pptx", dk1_xml)).colors["dk1"] == expected


def test_all_ten_slots_as_hex(odd_package: Path):
    colors = read_theme(odd_package).colors
    assert set(colors) == set(SAKIP_COLORS)
    assert all(len(v) == 7 and v.startswith("#") for v in colors.values())


def test_theme_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        read_theme(MASTER).major_font = "Arial"


def test_theme_module_does_not_import_python_pptx():
    code = "import sys, sakip_report.theme; assert 'pptx' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
