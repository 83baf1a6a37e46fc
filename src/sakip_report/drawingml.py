"""DrawingML: the XML of every element the deck draws, one function per element kind.

The render decides what goes where and in which colour; this module writes it. It writes the
same XML python-pptx's `add_textbox`, `add_shape`, `add_connector`, `add_table` and their setters
write (read back through python-pptx by tests/test_render.py), but as one string per shape:
hundreds of cells through those setters cost most of a big deck's render. Sizes are inches and
points, colours theme slots (`accent1`, `dk2` ...). Every place this project reaches inside
python-pptx is in this module, with the reason next to it.
"""
from __future__ import annotations

import re
from xml.sax.saxutils import escape

from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.util import Inches, Pt

NS = nsdecls("a", "p", "r")
ALIGN = {"left": "l", "center": "ctr", "right": "r"}
ANCHOR = {"top": "t", "middle": "ctr", "bottom": "b"}
SCHEME_SLOT = {"dk1": "tx1", "lt1": "bg1", "dk2": "tx2", "lt2": "bg2"}  # a table cell's border names these
TABLE_STYLE = "{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"  # python-pptx's default: Medium Style 2 - Accent 1
# The <p:style> python-pptx's add_shape and add_connector write, but with no theme effect
# (effectRef idx="0" instead of 2 and 1: the theme's outer shadow). The slides are flat: an empty
# <a:effectLst/> in spPr already turns the shadow off in PowerPoint, but LibreOffice (7.4) ignores
# it and draws the style's blurred shadow, as a bitmap per shape.
SHAPE_STYLE = ('<p:style><a:lnRef idx="1"><a:schemeClr val="accent1"/></a:lnRef><a:fillRef idx="3">'
               '<a:schemeClr val="accent1"/></a:fillRef><a:effectRef idx="0"><a:schemeClr val="accent1"/>'
               '</a:effectRef><a:fontRef idx="minor"><a:schemeClr val="lt1"/></a:fontRef></p:style>')
LINE_STYLE = ('<p:style><a:lnRef idx="2"><a:schemeClr val="accent1"/></a:lnRef><a:fillRef idx="0">'
              '<a:schemeClr val="accent1"/></a:fillRef><a:effectRef idx="0"><a:schemeClr val="accent1"/>'
              '</a:effectRef><a:fontRef idx="minor"><a:schemeClr val="tx1"/></a:fontRef></p:style>')
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # not allowed in XML: written as _xHHHH_, as python-pptx does


def emu(inches: float) -> int:
    return int(Inches(inches))


def solid(color: str) -> str:
    """A solid fill in a theme colour."""
    return f'<a:solidFill><a:schemeClr val="{color}"/></a:solidFill>'


def _text(text: str) -> str:
    return escape(_CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", text))


def _xfrm(left: float, top: float, width: float, height: float) -> str:
    return f'<a:xfrm><a:off x="{emu(left)}" y="{emu(top)}"/><a:ext cx="{emu(width)}" cy="{emu(height)}"/></a:xfrm>'


# --- text -------------------------------------------------------------------------------------------
def paragraph(text: str, size: float, bold: bool, color: str, align: str = "left", bullet: str = "",
              indent: float = 0.0) -> str:
    """One paragraph of one run: size, weight and theme colour set on the run; with a `bullet`
    ("•", or "1." for automatic numbering) it hangs `indent` inches to the left of the text, and
    with an `indent` but no bullet the text lines up with a bulleted paragraph's."""
    run = (f'<a:r><a:rPr sz="{round(size * 100)}" b="{1 if bold else 0}">{solid(color)}</a:rPr>'
           f'<a:t>{_text(text)}</a:t></a:r>')
    if not bullet and not indent:
        return f'<a:p><a:pPr algn="{ALIGN[align]}"/>{run}</a:p>'
    if not bullet:  # an item's continuation: under its bulleted text, no bullet of its own
        return f'<a:p><a:pPr marL="{emu(indent)}" indent="0" algn="{ALIGN[align]}"><a:buNone/></a:pPr>{run}</a:p>'
    mark = ('<a:buAutoNum type="arabicPeriod"/>' if bullet == "1." else
            f'<a:buFont typeface="+mn-lt"/><a:buChar char="{escape(bullet)}"/>')  # the theme's body font: LibreOffice else sets it in a fallback font
    return f'<a:p><a:pPr marL="{emu(indent)}" indent="{-emu(indent)}" algn="{ALIGN[align]}">{mark}</a:pPr>{run}</a:p>'


def text_body(paragraphs: list[str], anchor: str, inset_x: float, inset_y: float, shape: bool) -> str:
    """A shape's text body: no autofit (the layout measured it), insets, vertical anchor."""
    rtl = ' rtlCol="0"' if shape else ""
    mx, my = emu(inset_x), emu(inset_y)
    return (f'<p:txBody><a:bodyPr{rtl} wrap="square" lIns="{mx}" rIns="{mx}" tIns="{my}" bIns="{my}" '
            f'anchor="{ANCHOR[anchor]}"><a:noAutofit/></a:bodyPr><a:lstStyle/>{"".join(paragraphs) or "<a:p/>"}'
            '</p:txBody>')


def text_box(left: float, top: float, width: float, height: float, body: str) -> str:
    """A text box without fill or outline."""
    return (f'<p:sp {NS}><p:nvSpPr><p:cNvPr id="0" name="TextBox"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr>'
            f'<p:spPr>{_xfrm(left, top, width, height)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/>'
            f'</p:spPr>{body}</p:sp>')


def box(left: float, top: float, width: float, height: float, body: str, fill: str | None = None,
        line: str | None = None, line_width: float = 1.0, rounded: bool = False) -> str:
    """A rectangle (or rounded one) with a theme fill and outline, holding text; flat."""
    geom, name = ("roundRect", "Rounded Rectangle") if rounded else ("rect", "Rectangle")
    fill_xml = "<a:noFill/>" if fill is None else solid(fill)
    line_xml = "<a:ln><a:noFill/></a:ln>" if line is None else f'<a:ln w="{int(Pt(line_width))}">{solid(line)}</a:ln>'
    return (f'<p:sp {NS}><p:nvSpPr><p:cNvPr id="0" name="{name}"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr>'
            f'{_xfrm(left, top, width, height)}<a:prstGeom prst="{geom}"><a:avLst/></a:prstGeom>{fill_xml}{line_xml}'
            f'<a:effectLst/></p:spPr>{SHAPE_STYLE}{body}</p:sp>')


def connector(x1: float, y1: float, x2: float, y2: float, color: str, width: float = 1.25) -> str:
    """A straight line from (x1, y1) to (x2, y2), flat."""
    bx, by, ex, ey = emu(x1), emu(y1), emu(x2), emu(y2)
    flip = (' flipH="1"' if ex < bx else "") + (' flipV="1"' if ey < by else "")
    return (f'<p:cxnSp {NS}><p:nvCxnSpPr><p:cNvPr id="0" name="Connector"/><p:cNvCxnSpPr/><p:nvPr/></p:nvCxnSpPr>'
            f'<p:spPr><a:xfrm{flip}><a:off x="{min(bx, ex)}" y="{min(by, ey)}"/><a:ext cx="{abs(ex - bx)}" '
            f'cy="{abs(ey - by)}"/></a:xfrm><a:prstGeom prst="line"><a:avLst/></a:prstGeom>'
            f'<a:ln w="{int(Pt(width))}">{solid(color)}</a:ln><a:effectLst/></p:spPr>{LINE_STYLE}</p:cxnSp>')


# --- tables -------------------------------------------------------------------------------------------
def table_cell(paragraphs: list[str], fill: str, anchor: str, margin_x: float, margin_y: float,
               row_span: int = 1, col_span: int = 1, bottom_border: str | None = None) -> str:
    """A table cell that starts a (merged) block: its paragraphs, fill, margins and anchor; a
    `bottom_border` (theme colour) draws a fraction bar under it."""
    span = (f' gridSpan="{col_span}"' if col_span > 1 else "") + (f' rowSpan="{row_span}"' if row_span > 1 else "")
    border = ""
    if bottom_border:
        slot = SCHEME_SLOT.get(bottom_border, bottom_border)
        border = f'<a:lnB w="{int(Pt(1.25))}"><a:solidFill><a:schemeClr val="{slot}"/></a:solidFill></a:lnB>'
    mx, my = emu(margin_x), emu(margin_y)
    return (f'<a:tc{span}><a:txBody><a:bodyPr wrap="square"/><a:lstStyle/>{"".join(paragraphs) or "<a:p/>"}'
            f'</a:txBody><a:tcPr marL="{mx}" marR="{mx}" marT="{my}" marB="{my}" anchor="{ANCHOR[anchor]}">'
            f'{border}{solid(fill)}</a:tcPr></a:tc>')


def covered_cell(below: bool, right: bool) -> str:
    """A cell covered by a merge: below its origin (vMerge) and/or right of it (hMerge)."""
    span = (' hMerge="1"' if right else "") + (' vMerge="1"' if below else "")
    return f'<a:tc{span}><a:txBody><a:bodyPr/><a:lstStyle/><a:p/></a:txBody><a:tcPr/></a:tc>'


def table(left: float, top: float, widths: list[float], heights: list[float], rows: list[list[str]]) -> str:
    """A native table (graphic frame) of rows of cell XML, columns and rows sized in inches."""
    cols = [emu(w) for w in widths]
    tall = [emu(h) for h in heights]
    grid = "".join(f'<a:gridCol w="{w}"/>' for w in cols)
    body = "".join(f'<a:tr h="{h}">{"".join(cells)}</a:tr>' for h, cells in zip(tall, rows))
    return (f'<p:graphicFrame {NS}><p:nvGraphicFramePr><p:cNvPr id="0" name="Table"/><p:cNvGraphicFramePr>'
            '<a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>'
            f'<p:xfrm><a:off x="{emu(left)}" y="{emu(top)}"/><a:ext cx="{sum(cols)}" cy="{sum(tall)}"/></p:xfrm>'
            '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table"><a:tbl><a:tblPr>'
            f'<a:tableStyleId>{TABLE_STYLE}</a:tableStyleId></a:tblPr><a:tblGrid>{grid}</a:tblGrid>{body}</a:tbl>'
            '</a:graphicData></a:graphic></p:graphicFrame>')


# --- into the package ----------------------------------------------------------------------------------
class ShapeIds:
    """The next free shape id of each slide, so shapes added as XML get unique ids."""

    def __init__(self) -> None:
        self._next: dict[str, int] = {}

    def add(self, slide, xml: str):
        """Parse one shape's XML and put it on top of the slide (before any extLst), with a fresh id.

        The shape's `p:cNvPr` (the first child of its first child) gets the id, and its name the
        number python-pptx would give ("Table 3" for id 4): set on the parsed element, never by
        editing the XML text, which holds the spreadsheet's text.
        """
        tree = slide.element.cSld.spTree
        key = str(slide.part.partname)
        if key not in self._next:
            self._next[key] = 1 + max((int(i) for i in tree.xpath("//p:cNvPr/@id")), default=1)
        shape_id = self._next[key]
        self._next[key] += 1
        element = parse_xml(xml)
        c_nv_pr = element[0][0]
        c_nv_pr.set("id", str(shape_id))
        c_nv_pr.set("name", f"{c_nv_pr.get('name')} {shape_id - 1}")
        ext = tree.find(qn("p:extLst"))
        if ext is None:
            tree.append(element)
        else:
            ext.addprevious(element)
        return element


def quick_part_names(package) -> None:
    """Give `package` a `next_partname` that remembers the names it handed out.

    A patch of python-pptx's (private) OpcPackage.next_partname: python-pptx finds a free part name
    (e.g. for each notes page) by walking every part of the package, which is quadratic in a deck
    of hundreds of slides. This gives the same names in O(1).
    """
    taken = {str(part.partname) for part in package.iter_parts()}
    last: dict[str, int] = {}

    def next_partname(template: str) -> PackURI:
        n = last.get(template, 0) + 1
        while template % n in taken:
            n += 1
        last[template] = n
        taken.add(template % n)
        return PackURI(template % n)

    package.next_partname = next_partname


def list_notes_master(prs) -> None:
    """Name the notes master in presentation.xml (`p:notesMasterIdLst`), as PowerPoint does.

    python-pptx relates the notes master it creates for the first notes page to the presentation
    but does not list it; PowerPoint expects the list whenever the part is there.
    """
    part = prs.part
    if not any(rel.reltype == RT.NOTES_MASTER for rel in part.rels.values()):
        return
    presentation = prs.element
    if presentation.find(qn("p:notesMasterIdLst")) is not None:
        return
    r_id = part.relate_to(part.notes_master_part, RT.NOTES_MASTER)
    listing = parse_xml(f'<p:notesMasterIdLst {NS}><p:notesMasterId r:id="{r_id}"/></p:notesMasterIdLst>')
    presentation.find(qn("p:sldMasterIdLst")).addnext(listing)
