"""Regenerate templates/master.pptx: the 16:9 SAKIP master (theme, placeholders, three layouts).

Run:  .venv/bin/python tools/make_master.py [output.pptx]

Starts from python-pptx's default template and rewrites, deterministically:
  * slide size 13.333 x 7.5 in (16:9);
  * theme part: colour scheme "SAKIP" (sober government palette), Calibri major/minor font;
  * master placeholders re-laid out for 16:9, title style left/bold/24 pt/navy;
  * layouts "Title Slide" (accent1 background, white centred title), "Title Only"
    (title bar + thin accent1 rule) and "Blank"; every other layout is removed;
  * neutral document properties, no 4:3 thumbnail or printer settings, fixed zip timestamps.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.util import Emu, Inches

OUT = Path(__file__).resolve().parents[1] / "templates" / "master.pptx"

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
}
P = "{%s}" % NS["p"]

SLIDE_W, SLIDE_H = Emu(12192000), Emu(6858000)  # 13.333 x 7.5 in, PowerPoint's "Widescreen"
SLIDE_W_IN = SLIDE_W.inches

SCHEME_NAME = "SAKIP"
THEME_FONT = "Calibri"
PALETTE = {
    "dk1": "1F2933",  # near-black text
    "lt1": "FFFFFF",
    "dk2": "1F3A5F",  # navy (titles)
    "lt2": "E8EEF4",  # light grey-blue
    "accent1": "1F4E79",  # navy
    "accent2": "C55A11",  # orange
    "accent3": "548235",  # green
    "accent4": "BF9000",  # gold
    "accent5": "2E75B6",  # teal-blue
    "accent6": "C00000",  # red
    "hlink": "0563C1",
    "folHlink": "7F3F98",
}

KEEP_LAYOUTS = ("Title Slide", "Title Only", "Blank")

# Geometry in inches: (left, top, width, height).
TITLE_BAR = (0.4, 0.25, 12.53, 0.8)
TITLE_RULE = (0.4, 1.1, 12.53, 0.04)
BODY_AREA = (0.4, 1.3, 12.53, 5.55)
FOOTER_TOP, FOOTER_H = 7.0, 0.35
DATE_BOX = (0.4, FOOTER_TOP, 3.0, FOOTER_H)
FOOTER_BOX = ((SLIDE_W_IN - 6.0) / 2, FOOTER_TOP, 6.0, FOOTER_H)
SLIDE_NUMBER_BOX = (SLIDE_W_IN - 0.4 - 3.0, FOOTER_TOP, 3.0, FOOTER_H)
COVER_TITLE = (0.9, 1.9, 11.53, 1.9)
COVER_RULE = ((SLIDE_W_IN - 2.0) / 2, 3.95, 2.0, 0.06)
COVER_SUBTITLE = (0.9, 4.2, 11.53, 1.4)
COVER_BASE_STRIP = (0.0, 6.95, SLIDE_W_IN, 0.55)

TITLE_PT, COVER_TITLE_PT, COVER_SUBTITLE_PT = 24, 40, 20
BODY_LEVEL_PT = (20, 18, 16, 14, 14)

FIXED_DATE = dt.datetime(2024, 1, 1)  # constant so regenerating gives identical bytes
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)

APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>sakip-report</Application><PresentationFormat>Widescreen</PresentationFormat>"
    "</Properties>"
).encode()


# ---------------------------------------------------------------- small XML helpers


def sub(parent, tag: str, **attrs: object):
    """Append child `a:`/`p:` element `tag` ("a:foo") to `parent` with attributes."""
    prefix, local = tag.split(":")
    return etree.SubElement(parent, "{%s}%s" % (NS[prefix], local), {k: str(v) for k, v in attrs.items()})


def scheme_fill(parent, scheme_color: str):
    """Append an a:solidFill of theme colour `scheme_color` to `parent`."""
    fill = sub(parent, "a:solidFill")
    sub(fill, "a:schemeClr", val=scheme_color)
    return fill


def clear_children(element) -> None:
    """Remove all children of `element`."""
    for child in list(element):
        element.remove(child)


def place(shape, box: tuple[float, float, float, float]) -> None:
    """Move/resize a (placeholder) shape to `box` given in inches."""
    shape.left, shape.top, shape.width, shape.height = (Inches(v) for v in box)


# ---------------------------------------------------------------- theme


def theme_part(prs):
    """The theme part, found through the slide master's relationships."""
    return prs.slide_master.part.part_related_by(RT.THEME)


def set_color(scheme, name: str, hex_rgb: str) -> None:
    """Replace colour slot `name` of a:clrScheme by an sRGB colour."""
    slot = scheme.find(f"a:{name}", NS)
    clear_children(slot)
    sub(slot, "a:srgbClr", val=hex_rgb)


def set_fonts(font_scheme, typeface: str) -> None:
    """Set the latin typeface of the major and minor theme fonts."""
    font_scheme.set("name", SCHEME_NAME)
    for which in ("a:majorFont", "a:minorFont"):
        font_scheme.find(f"{which}/a:latin", NS).set("typeface", typeface)


def restyle_theme(prs) -> None:
    """Rewrite the theme XML: SAKIP colour scheme and Calibri fonts."""
    part = theme_part(prs)
    theme = etree.fromstring(part.blob)
    theme.set("name", SCHEME_NAME)
    scheme = theme.find("a:themeElements/a:clrScheme", NS)
    scheme.set("name", SCHEME_NAME)
    for name, hex_rgb in PALETTE.items():
        set_color(scheme, name, hex_rgb)
    set_fonts(theme.find("a:themeElements/a:fontScheme", NS), THEME_FONT)
    part.blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)


# ---------------------------------------------------------------- text styles


def level1_style(parent, *, algn: str, size_pt: float, color: str, bold: bool) -> None:
    """Append an unbulleted a:lvl1pPr paragraph style with run defaults to `parent`."""
    ppr = sub(parent, "a:lvl1pPr", marL=0, indent=0, algn=algn)
    sub(ppr, "a:buNone")
    rpr = sub(ppr, "a:defRPr", sz=int(size_pt * 100), b=int(bold))
    scheme_fill(rpr, color)


def set_placeholder_style(shape, *, anchor: str, algn: str, size_pt: float, color: str,
                          bold: bool = False, inset_x: int | None = None) -> None:
    """Give a layout placeholder its own anchor and level-1 text style."""
    body = shape._element.txBody
    body_pr = body.find("a:bodyPr", NS)
    body_pr.set("anchor", anchor)
    if inset_x is not None:
        body_pr.set("lIns", str(inset_x))
        body_pr.set("rIns", str(inset_x))
    lst = body.find("a:lstStyle", NS)
    clear_children(lst)
    level1_style(lst, algn=algn, size_pt=size_pt, color=color, bold=bold)


def restyle_master_text(master) -> None:
    """Master title style (left, bold, navy) and smaller 16:9-friendly body levels."""
    tx_styles = master._element.find("p:txStyles", NS)
    title_ppr = tx_styles.find("p:titleStyle/a:lvl1pPr", NS)
    title_ppr.set("algn", "l")
    rpr = title_ppr.find("a:defRPr", NS)
    rpr.set("sz", str(TITLE_PT * 100))
    rpr.set("b", "1")
    rpr.find("a:solidFill/a:schemeClr", NS).set("val", "tx2")
    for level, size_pt in enumerate(BODY_LEVEL_PT, start=1):
        tx_styles.find(f"p:bodyStyle/a:lvl{level}pPr/a:defRPr", NS).set("sz", str(size_pt * 100))


def drop_autofit(shape) -> None:
    """Remove shrink-on-overflow from a placeholder: the render layer sizes text itself."""
    body_pr = shape._element.txBody.find("a:bodyPr", NS)
    for fit in body_pr.findall("a:normAutofit", NS):
        body_pr.remove(fit)


# ---------------------------------------------------------------- decorations


def next_shape_id(sp_tree) -> int:
    """One more than the largest shape id in `sp_tree`."""
    return 1 + max(int(e.get("id")) for e in sp_tree.iter(f"{P}cNvPr"))


def add_band(layout, name: str, box: tuple[float, float, float, float], color: str) -> None:
    """Add a designer rectangle (no outline, scheme fill) behind the layout's placeholders."""
    sp_tree = layout.shapes._spTree
    sp = sub(sp_tree, "p:sp")
    nv = sub(sp, "p:nvSpPr")
    sub(nv, "p:cNvPr", id=next_shape_id(sp_tree), name=name)
    sub(nv, "p:cNvSpPr")
    sub(nv, "p:nvPr", userDrawn="1")
    sp_pr = sub(sp, "p:spPr")
    xfrm = sub(sp_pr, "a:xfrm")
    left, top, width, height = (int(Inches(v)) for v in box)
    sub(xfrm, "a:off", x=left, y=top)
    sub(xfrm, "a:ext", cx=width, cy=height)
    sub(sub(sp_pr, "a:prstGeom", prst="rect"), "a:avLst")
    scheme_fill(sp_pr, color)
    sub(sub(sp_pr, "a:ln"), "a:noFill")
    sp_tree.find(f"{P}grpSpPr").addnext(sp)  # move to the back, behind the placeholders


def set_background(layout, color: str) -> None:
    """Give a layout a solid scheme-colour background."""
    c_sld = layout._element.cSld
    for old in c_sld.findall("p:bg", NS):
        c_sld.remove(old)
    bg = etree.Element(f"{P}bg")
    bg_pr = sub(bg, "p:bgPr")
    scheme_fill(bg_pr, color)
    sub(bg_pr, "a:effectLst")
    c_sld.insert(0, bg)


# ---------------------------------------------------------------- master & layouts


MASTER_BOXES = {"title": TITLE_BAR, "body": BODY_AREA, "dt": DATE_BOX, "ftr": FOOTER_BOX,
                "sldNum": SLIDE_NUMBER_BOX}


def ph_type(shape) -> str:
    """The raw p:ph type attribute of a placeholder ("body" when absent)."""
    return shape._element.ph.get("type", "body")


def layout_master(master) -> None:
    """Reposition every master placeholder for 16:9 and restyle master text."""
    for shape in master.placeholders:
        place(shape, MASTER_BOXES[ph_type(shape)])
        if ph_type(shape) == "title":
            drop_autofit(shape)
    restyle_master_text(master)


def layout_title_slide(layout) -> None:
    """Cover: accent1 background, big white centred title, light subtitle, gold rule."""
    set_background(layout, "accent1")
    add_band(layout, "Base Strip", COVER_BASE_STRIP, "tx2")
    add_band(layout, "Cover Rule", COVER_RULE, "accent4")
    for shape in layout.placeholders:
        kind = ph_type(shape)
        if kind == "ctrTitle":
            place(shape, COVER_TITLE)
            set_placeholder_style(shape, anchor="b", algn="ctr", size_pt=COVER_TITLE_PT, color="bg1", bold=True)
        elif kind == "subTitle":
            place(shape, COVER_SUBTITLE)
            set_placeholder_style(shape, anchor="t", algn="ctr", size_pt=COVER_SUBTITLE_PT, color="bg2")


def layout_title_only(layout) -> None:
    """Content slide: left-aligned navy title bar with a thin accent1 rule beneath."""
    add_band(layout, "Title Rule", TITLE_RULE, "accent1")
    for shape in layout.placeholders:
        if ph_type(shape) == "title":
            place(shape, TITLE_BAR)
            set_placeholder_style(shape, anchor="ctr", algn="l", size_pt=TITLE_PT, color="tx2", bold=True,
                                  inset_x=0)


LAYOUT_BUILDERS = {"Title Slide": layout_title_slide, "Title Only": layout_title_only, "Blank": lambda _: None}


def prune_layouts(prs) -> None:
    """Remove every layout not in KEEP_LAYOUTS (drops sldLayoutId and relationship)."""
    for layout in [lo for lo in prs.slide_layouts if lo.name not in KEEP_LAYOUTS]:
        prs.slide_layouts.remove(layout)


def renumber_layouts(prs) -> None:
    """Name the kept layout parts slideLayout1..N in master order."""
    for number, layout in enumerate(prs.slide_layouts, start=1):
        layout.part.partname = PackURI(f"/ppt/slideLayouts/slideLayout{number}.xml")


def build_layouts(prs) -> None:
    """Apply the per-layout design."""
    for layout in prs.slide_layouts:
        LAYOUT_BUILDERS[layout.name](layout)


# ---------------------------------------------------------------- package hygiene


def set_slide_size(prs) -> None:
    """16:9 widescreen; drop the stale 4:3 `type` attribute."""
    prs.slide_width, prs.slide_height = SLIDE_W, SLIDE_H
    prs.part._element.sldSz.attrib.pop("type", None)


def neutral_core_properties(prs) -> None:
    """Empty, reproducible document properties (no leftover python-pptx values)."""
    cp = prs.core_properties
    for field in ("title", "subject", "author", "keywords", "comments", "category", "last_modified_by",
                  "content_status", "identifier", "language", "version"):
        setattr(cp, field, "")
    cp.revision = 1
    cp.created = cp.modified = FIXED_DATE


def drop_rels(owner, reltype: str) -> None:
    """Drop every relationship of `reltype` from a part or from the package itself."""
    # python-pptx has no public listing for package-level rels; `_rels` is shared by both.
    for r_id in [r_id for r_id, rel in owner._rels.items() if rel.reltype == reltype]:
        owner.drop_rel(r_id)


def clean_package(prs) -> None:
    """Neutral app.xml; remove the 4:3 thumbnail and the Mac printer settings."""
    package = prs.part.package
    package.part_related_by(RT.EXTENDED_PROPERTIES).blob = APP_XML
    drop_rels(package, RT.THUMBNAIL)
    drop_rels(prs.part, RT.PRINTER_SETTINGS)


def reproducible_zip(blob: bytes) -> bytes:
    """Re-pack a zip with fixed timestamps so identical input gives identical bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blob)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(zipfile.ZipInfo(info.filename, ZIP_EPOCH), src.read(info), zipfile.ZIP_DEFLATED)
    return out.getvalue()


def build_master():
    """Build the SAKIP master presentation in memory."""
    prs = Presentation()
    set_slide_size(prs)
    restyle_theme(prs)
    prune_layouts(prs)
    renumber_layouts(prs)
    layout_master(prs.slide_master)
    build_layouts(prs)
    neutral_core_properties(prs)
    clean_package(prs)
    return prs


def save(prs, path: Path) -> None:
    """Save `prs` to `path` with reproducible zip metadata."""
    buffer = io.BytesIO()
    prs.save(buffer)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(reproducible_zip(buffer.getvalue()))


def main(argv: list[str]) -> None:
    """Generate the master at argv[0] or templates/master.pptx."""
    out = Path(argv[0]) if argv else OUT
    save(build_master(), out)
    print(f"wrote {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
