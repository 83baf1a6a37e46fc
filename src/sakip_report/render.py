"""Stage 7 — render: finished, laid-out slide content → a .pptx. The only module that knows python-pptx.

Colours are theme references (so a designer's edit of templates/master.pptx recolours the deck),
sizes come from templates/layout.toml, every height from layout/measure. Nothing is computed or
formatted here.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import re
from xml.sax.saxutils import escape

from pptx import Presentation
from pptx.opc.packuri import PackURI
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.util import Emu, Inches, Pt

from . import layout as lay
from . import measure, pohon
from .content import Cell, Slide
from .layout import Frame
from .problems import ERROR, InputError, Problem

SCHEME_SLOT = {"dk1": "tx1", "lt1": "bg1", "dk2": "tx2", "lt2": "bg2"}


@dataclass
class RenderReport:
    """What the render did: pages, figures traced to their cells, layout warnings."""

    pages: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class Deck:
    """A presentation being built from the master, slide by slide."""

    def __init__(self, master: Path, cfg: dict):
        self.prs = Presentation(str(master))
        self.cfg = cfg
        self.report = RenderReport()
        self.pictures: list[tuple] = []  # (slide, image file, left, top, width, height), added last
        self.table_sizes: dict[str, float] = {}  # font size of each kind of table (see table_sizes)
        self._next_id: dict[str, int] = {}  # per slide part: the next free shape id
        _quick_part_names(self.prs.part.package)

    def save(self, path: Path) -> None:
        self.prs.save(str(path))

    # --- slides ---------------------------------------------------------------------------
    def new_slide(self, layout_name: str, title: str, source: str, caption: str = ""):
        """A slide with its title set and fitted; returns (slide, content frame)."""
        slide = self.prs.slides.add_slide(self.prs.slide_layouts.get_by_name(layout_name))
        self._title(slide, title)
        self.report.pages.append({"slide": len(self.prs.slides), "definisi": source, "judul": title, "angka": []})
        if caption:
            sub = self.cfg["subjudul"]
            self.text(slide, lay.caption_frame(self.cfg), [(caption, sub["font"], True)], color=sub["warna"], inset=0)
        return slide, lay.content_frame(self.cfg, bool(caption))

    def _title(self, slide, title: str) -> None:
        """Put the title in the layout's title placeholder at the largest size that fits it."""
        ph = slide.shapes.title
        if ph is None:
            return
        cfg = self.cfg["judul"]
        width = Emu(ph.width).inches
        size, fits = lay.fit_text(title, width, Emu(ph.height).inches, cfg["font_maks"], cfg["font_min"], True, 0.0, 0.0)
        if not fits:
            self.warn(f"judul terlalu panjang: {title!r}")
        ph.text_frame.word_wrap = True
        ph.text_frame.text = title
        for run in ph.text_frame.paragraphs[0].runs:
            run.font.size = Pt(size)

    def warn(self, message: str) -> None:
        slide = len(self.prs.slides)
        self.report.warnings.append(f"slide {slide}: {message}")

    def legible(self, size: float, text: str) -> None:
        """Warn about text below the legibility floor of layout.toml (the layout should never make it)."""
        if size < self.cfg["keterbacaan"]["font_min"] - 1e-9:
            self.warn(f"teks {size:g} pt di bawah batas keterbacaan {self.cfg['keterbacaan']['font_min']:g} pt: {text[:40]!r}")

    def trace(self, text: str, sources) -> None:
        """Record which source cells a figure on the current slide came from."""
        if sources:
            self.report.pages[-1]["angka"].append({"teks": text, "sumber": list(sources)})

    # --- primitives: DrawingML written directly (python-pptx's setters cost most of the render) ---
    def add(self, slide, xml: str):
        """Parse one shape's XML and put it on top of the slide, with a fresh shape id.

        The shape's `p:cNvPr` (the first child of its first child) gets the id, and its name the
        number python-pptx would give ("Table 3" for id 4): set on the parsed element, never by
        editing the XML text, which holds the spreadsheet's text.
        """
        key = str(slide.part.partname)
        if key not in self._next_id:
            self._next_id[key] = 1 + max((int(i) for i in slide.shapes._spTree.xpath("//p:cNvPr/@id")), default=1)
        shape_id = self._next_id[key]
        self._next_id[key] += 1
        element = parse_xml(xml)
        c_nv_pr = element[0][0]
        c_nv_pr.set("id", str(shape_id))
        c_nv_pr.set("name", f"{c_nv_pr.get('name')} {shape_id - 1}")
        tree = slide.shapes._spTree
        ext = tree.find(qn("p:extLst"))
        if ext is None:
            tree.append(element)
        else:
            ext.addprevious(element)
        return element

    def text(self, slide, box: Frame, paragraphs, *, color="dk1", align="left", anchor="top", inset=0.1,
             inset_y=None, fill=None, line=None, line_width=1.0, rounded=False) -> None:
        """A text box (or a filled/outlined rectangle with text) holding (text, size, bold) paragraphs.

        The XML python-pptx's add_textbox/add_shape and text-frame setters produce, without shadow.
        """
        self.legible(min((para[1] for para in paragraphs), default=99), paragraphs[0][0] if paragraphs else "")
        mx = _emu(inset)
        my = _emu(min(inset, 0.05) if inset else 0) if inset_y is None else _emu(inset_y)
        textbox = fill is None and line is None
        rtl = "" if textbox else ' rtlCol="0"'
        body = (f'<a:bodyPr{rtl} wrap="square" lIns="{mx}" rIns="{mx}" '
                f'tIns="{my}" bIns="{my}" anchor="{_ANCHOR[anchor]}"><a:noAutofit/></a:bodyPr><a:lstStyle/>'
                + "".join(_paragraph_xml(*para[:3], color, align, *para[3:]) for para in paragraphs))
        if textbox:
            self.add(slide, f'<p:sp {_NS}><p:nvSpPr><p:cNvPr id="0" name="TextBox"/>'
                            f'<p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr>{_xfrm(box)}'
                            f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>'
                            f'<p:txBody>{body}</p:txBody></p:sp>')
            return
        geom, name = ("roundRect", "Rounded Rectangle") if rounded else ("rect", "Rectangle")
        fill_xml = "<a:noFill/>" if fill is None else _solid(fill)
        line_xml = ("<a:ln><a:noFill/></a:ln>" if line is None
                    else f'<a:ln w="{int(Pt(line_width))}">{_solid(line)}</a:ln>')
        self.add(slide, f'<p:sp {_NS}><p:nvSpPr><p:cNvPr id="0" name="{name}"/><p:cNvSpPr/>'
                        f'<p:nvPr/></p:nvSpPr><p:spPr>{_xfrm(box)}<a:prstGeom prst="{geom}"><a:avLst/>'
                        f'</a:prstGeom>{fill_xml}{line_xml}<a:effectLst/></p:spPr>{_SHAPE_STYLE}'
                        f'<p:txBody>{body}</p:txBody></p:sp>')

    def connector(self, slide, points, color="dk2") -> None:
        """Straight segments through `points` (inches), as python-pptx's add_connector draws them, without shadow."""
        for (x1, y1), (x2, y2) in zip(points, points[1:]):
            if abs(x1 - x2) < 1e-6 and abs(y1 - y2) < 1e-6:
                continue
            bx, by, ex, ey = _emu(x1), _emu(y1), _emu(x2), _emu(y2)
            flip = (' flipH="1"' if ex < bx else "") + (' flipV="1"' if ey < by else "")
            self.add(slide, f'<p:cxnSp {_NS}><p:nvCxnSpPr><p:cNvPr id="0" name="Connector"/>'
                            f'<p:cNvCxnSpPr/><p:nvPr/></p:nvCxnSpPr><p:spPr><a:xfrm{flip}>'
                            f'<a:off x="{min(bx, ex)}" y="{min(by, ey)}"/><a:ext cx="{abs(ex - bx)}" '
                            f'cy="{abs(ey - by)}"/></a:xfrm><a:prstGeom prst="line"><a:avLst/></a:prstGeom>'
                            f'<a:ln w="{int(Pt(1.25))}">{_solid(color)}</a:ln><a:effectLst/></p:spPr>{_LINE_STYLE}'
                            '</p:cxnSp>')


def too_long(cell: Cell, where: str, size: float) -> InputError:
    """The input problem of a text that does not fit a whole slide even at the floor size: where it
    comes from (file, sheet, row) and what to do."""
    file, sheet, row = (cell.origin.split("!") + ["", "", ""])[:3]
    shown = cell.text if len(cell.text) <= 60 else cell.text[:57] + "…"
    return InputError([Problem(ERROR, f"teks di baris {row} terlalu panjang untuk {where}: tidak muat dalam satu "
                                      f"slide meski pada huruf {size:g} pt ({len(cell.text)} karakter)", file, sheet,
                               value=shown, expected="teks yang lebih ringkas (pecah menjadi beberapa baris bila perlu)")])


# --- DrawingML text -----------------------------------------------------------------------------
_NS = nsdecls("a", "p", "r")
_ALGN = {"left": "l", "center": "ctr", "right": "r"}
_ANCHOR = {"top": "t", "middle": "ctr", "bottom": "b"}
# The <p:style> python-pptx's add_shape and add_connector write, but with no theme effect
# (effectRef idx="0" instead of 2 and 1: the theme's outer shadow). The slides are flat: an empty
# <a:effectLst/> in spPr already turns the shadow off in PowerPoint, but LibreOffice (7.4) ignores
# it and draws the style's blurred shadow, which is also its costliest part of a slide: 60-70 ms
# of PDF conversion for a slide of boxes (perangkat daerah, logical framework, pohon kinerja),
# about a quarter of LibreOffice's time for a whole deck.
_SHAPE_STYLE = ('<p:style><a:lnRef idx="1"><a:schemeClr val="accent1"/></a:lnRef><a:fillRef idx="3">'
                '<a:schemeClr val="accent1"/></a:fillRef><a:effectRef idx="0"><a:schemeClr val="accent1"/>'
                '</a:effectRef><a:fontRef idx="minor"><a:schemeClr val="lt1"/></a:fontRef></p:style>')
_LINE_STYLE = ('<p:style><a:lnRef idx="2"><a:schemeClr val="accent1"/></a:lnRef><a:fillRef idx="0">'
               '<a:schemeClr val="accent1"/></a:fillRef><a:effectRef idx="0"><a:schemeClr val="accent1"/>'
               '</a:effectRef><a:fontRef idx="minor"><a:schemeClr val="tx1"/></a:fontRef></p:style>')
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # not allowed in XML: written as _xHHHH_, as python-pptx does


def _emu(inches: float) -> int:
    return int(Inches(inches))


def _xfrm(box: Frame) -> str:
    return (f'<a:xfrm><a:off x="{_emu(box.left)}" y="{_emu(box.top)}"/>'
            f'<a:ext cx="{_emu(box.width)}" cy="{_emu(box.height)}"/></a:xfrm>')


def _solid(color: str) -> str:
    return f'<a:solidFill><a:schemeClr val="{color}"/></a:solidFill>'


def _text(text: str) -> str:
    return escape(_CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", text))


def _paragraph_xml(text: str, size: float, bold: bool, color: str, align: str, bullet: str = "",
                   indent: float = 0.0) -> str:
    """One paragraph of one run: size, weight and theme colour set on the run; with a `bullet`
    ("•", or "1." for automatic numbering) it hangs `indent` inches to the left of the text."""
    if not bullet:
        return (f'<a:p><a:pPr algn="{_ALGN[align]}"/><a:r><a:rPr sz="{round(size * 100)}" b="{1 if bold else 0}">'
                f'{_solid(color)}</a:rPr><a:t>{_text(text)}</a:t></a:r></a:p>')
    mark = ('<a:buAutoNum type="arabicPeriod"/>' if bullet == "1." else
            f'<a:buFont typeface="Arial"/><a:buChar char="{escape(bullet)}"/>')
    return (f'<a:p><a:pPr marL="{_emu(indent)}" indent="{-_emu(indent)}" algn="{_ALGN[align]}">{mark}</a:pPr>'
            f'<a:r><a:rPr sz="{round(size * 100)}" b="{1 if bold else 0}">{_solid(color)}</a:rPr>'
            f'<a:t>{_text(text)}</a:t></a:r></a:p>')


def _quick_part_names(package) -> None:
    """Give `package` a `next_partname` that remembers the names it handed out.

    python-pptx finds a free part name (e.g. for each notes page) by walking every part of the
    package: quadratic in a deck of hundreds of slides. This gives the same names in O(1).
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


# --- slide kinds ------------------------------------------------------------------------------
def render_judul(deck: Deck, s: Slide) -> None:
    slide = deck.prs.slides.add_slide(deck.prs.slide_layouts.get_by_name("Title Slide"))
    deck.report.pages.append({"slide": len(deck.prs.slides), "definisi": s.source_file, "judul": s.title, "angka": []})
    title, subtitle = slide.placeholders[0], slide.placeholders[1]
    _fit_placeholder(deck, title, s.title, 40, 24, True)
    _fit_placeholder(deck, subtitle, "\n".join(t for t in (s.subtitle, s.caption) if t), 22, 14, False)


def _fit_placeholder(deck: Deck, ph, text: str, max_pt: float, min_pt: float, bold: bool) -> None:
    """Fill a placeholder, its size fitted to the placeholder box."""
    tf = ph.text_frame
    tf.word_wrap = True
    size, fits = lay.fit_text(text, Emu(ph.width).inches, Emu(ph.height).inches, max_pt, min_pt, bold)
    if not fits:
        deck.warn(f"teks terlalu panjang untuk placeholder: {text[:40]!r}")
    for i, line in enumerate(text.split("\n")):
        p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        run = p.add_run()
        run.text = line
        run.font.size = Pt(size)
        run.font.bold = bold


def table_sizes(slides: list[Slide], cfg: dict) -> dict[str, float]:
    """One font size per kind of table (the builder's name) for the whole deck: the smallest that
    any table of that kind needs, so the IKU and IKP capaian tables read alike."""
    t = cfg["tabel"]
    sizes: dict[str, float] = {}
    for s in slides:
        if s.kind == "tabel":
            frame = lay.content_frame(cfg, bool(s.caption))
            size = lay.table_size(s.table, frame, t["margin_x"], t["margin_y"], t["font_maks"], t["font_min"],
                                  footnote=_footnote_height(s.table, cfg))
            sizes[s.table.kind] = min(sizes.get(s.table.kind, size), size)
    return sizes


def render_tabel(deck: Deck, s: Slide) -> None:
    cfg = deck.cfg["tabel"]
    size = deck.table_sizes.get(s.table.kind) or cfg["font_min"]
    footnote = _footnote_height(s.table, deck.cfg)
    pages = None
    for n in range(10**6):
        title = s.title if n == 0 else s.title + deck.cfg["judul"]["lanjutan"]
        slide, frame = deck.new_slide("Title Only", title, s.source_file, s.caption)
        if pages is None:
            pages = lay.paginate_table(s.table, frame, cfg["margin_x"], cfg["margin_y"], size, footnote)
        page = pages[n]
        if page.overflow:
            raise too_long(max((c for row in page.rows[page.header_rows:] for c in row if not c.merged),
                               key=lambda c: len(c.text)), f"tabel '{s.title}'", page.font_pt)
        deck.legible(page.font_pt, s.title)
        _draw_table(deck, slide, frame, page, cfg)
        if page.marks:
            _footnote(deck, slide, frame, s.table, page.marks, page.height)
        notes = _page_notes(s, page)
        if notes:
            slide.notes_slide.notes_text_frame.text = notes
        if n + 1 == len(pages):
            return


def _footnote_text(table, marks) -> str:
    """'Keterangan: “-” tidak ada target pada periode ini; “b.d.” realisasi belum dilaporkan'."""
    explained = dict(table.marks)
    return "Keterangan: " + "; ".join(f"“{m}” {explained.get(m, '')}" for m in marks)


def _footnote_height(table, cfg: dict) -> float:
    """Room kept under a table whose cells may show a [tanda] mark (none when none can)."""
    if not any(c.mark for g in table.groups for row in g for c in row):
        return 0.0
    size = cfg["catatan_kaki"]["font"]
    text = _footnote_text(table, [m for m, _ in table.marks])
    return measure.text_height(text, lay.content_frame(cfg).width - 0.2, size) + 0.1 + 0.08


def _footnote(deck: Deck, slide, frame: Frame, table, marks, top: float) -> None:
    """The footnote that explains the marks a page of a table shows, `top` inches under the frame's top."""
    cfg = deck.cfg["catatan_kaki"]
    height = _footnote_height(table, deck.cfg) - 0.08
    box = Frame(frame.left, min(frame.top + top + 0.08, frame.bottom - height), frame.width, height)
    deck.text(slide, box, [(_footnote_text(table, marks), cfg["font"], False)], color=cfg["warna"], inset_y=0.05)


def _page_notes(s: Slide, page: lay.TablePage) -> str:
    """The slide's notes heading and the notes of the rows this page shows."""
    notes = s.table.notes
    parts = [s.notes] + [notes[g][r] for g, r in page.body if g < len(notes) and r < len(notes[g])]
    return "\n\n".join(p for p in parts if p)


def _draw_table(deck: Deck, slide, frame: Frame, page: lay.TablePage, cfg: dict) -> None:
    """A native table with merges, theme fills and a fraction bar for formulas, as one XML fragment.

    The same DrawingML python-pptx's add_table, merge and cell setters write; hundreds of cells
    through those setters cost most of a big deck's render.
    """
    origins = lay.spans(page.rows)
    covered = {(i, j): (i > r, j > c) for (r, c), (rs, cs) in origins.items()
               for i in range(r, r + rs) for j in range(c, c + cs) if (i, j) != (r, c)}
    band = _group_bands(page)
    mx, my = _emu(cfg["margin_x"]), _emu(cfg["margin_y"])
    rows, heights = [], [_emu(h) for h in page.row_heights]
    for r, (row, height) in enumerate(zip(page.rows, heights)):
        cells = []
        for c, content in enumerate(row):
            if (r, c) in origins:
                rs, cs = origins[(r, c)]
                span = (f' gridSpan="{cs}"' if cs > 1 else "") + (f' rowSpan="{rs}"' if rs > 1 else "")
                cells.append(_cell_xml(content, span, page.font_pt, cfg, band[r], mx, my))
                deck.trace(content.text, content.sources)
            else:
                below, right = covered[(r, c)]
                span = (' hMerge="1"' if right else "") + (' vMerge="1"' if below else "")
                cells.append(f'<a:tc{span}><a:txBody><a:bodyPr/><a:lstStyle/><a:p/></a:txBody><a:tcPr/></a:tc>')
        rows.append(f'<a:tr h="{height}">{"".join(cells)}</a:tr>')
    widths = [_emu(w) for w in page.col_widths]
    grid = "".join(f'<a:gridCol w="{w}"/>' for w in widths)
    deck.add(slide, f'<p:graphicFrame {_NS}><p:nvGraphicFramePr><p:cNvPr id="0" name="Table"/>'
                    f'<p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/>'
                    f'</p:nvGraphicFramePr><p:xfrm><a:off x="{_emu(frame.left)}" y="{_emu(frame.top)}"/>'
                    f'<a:ext cx="{sum(widths)}" cy="{sum(heights)}"/></p:xfrm><a:graphic><a:graphicData '
                    f'uri="http://schemas.openxmlformats.org/drawingml/2006/table"><a:tbl><a:tblPr>'
                    f'<a:tableStyleId>{_TABLE_STYLE}</a:tableStyleId></a:tblPr><a:tblGrid>{grid}</a:tblGrid>'
                    f'{"".join(rows)}</a:tbl></a:graphicData></a:graphic></p:graphicFrame>')


_TABLE_STYLE = "{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"  # python-pptx's default: Medium Style 2 - Accent 1


def _group_bands(page: lay.TablePage) -> list[int]:
    """Alternate fills by row group (a merged block), not by row, so a group reads as one."""
    bands, band = [], 0
    for r, row in enumerate(page.rows):
        starts_group = r >= page.header_rows and not any(c.merged and c.text == "^" for c in row)
        band = band + 1 if starts_group else band
        bands.append(band)
    return bands


def _cell_xml(content: Cell, span: str, size: float, cfg: dict, band: int, mx: int, my: int) -> str:
    """One table cell: its lines as paragraphs, fill and text colour by role, margins, anchor.

    A fraction's numerator (role "num") sits on the bar: its cell has a bottom border.
    """
    role = content.role
    fill, color = {"header": (cfg["warna_header"], cfg["warna_teks_header"]),
                   "total": (cfg["warna_total"], cfg["warna_teks_total"])}.get(
        role, (cfg["warna_baris"][band % len(cfg["warna_baris"])], "dk1"))
    anchor = {"num": "b", "den": "t"}.get(role, "ctr")
    bold = content.bold or role == "header"
    paragraphs = "".join(_paragraph_xml(line, size, bold, color, content.align) for line in content.text.split("\n"))
    border = ""
    if role == "num":
        slot = SCHEME_SLOT.get(cfg["warna_garis"], cfg["warna_garis"])
        border = f'<a:lnB w="{int(Pt(1.25))}"><a:solidFill><a:schemeClr val="{slot}"/></a:solidFill></a:lnB>'
    return (f'<a:tc{span}><a:txBody><a:bodyPr wrap="square"/><a:lstStyle/>{paragraphs}</a:txBody>'
            f'<a:tcPr marL="{mx}" marR="{mx}" marT="{my}" marB="{my}" anchor="{anchor}">{border}'
            f'{_solid(fill)}</a:tcPr></a:tc>')


def render_gambar(deck: Deck, s: Slide) -> None:
    """A chart picture, centred; placed after every other slide is done (the image may still be drawing)."""
    slide, frame = deck.new_slide("Title Only", s.title, s.source_file, s.caption)
    if s.image_size:
        ratio = s.image_size[1] / s.image_size[0]
    else:
        from PIL import Image

        with Image.open(s.image) as im:
            ratio = im.height / im.width
    width = min(frame.width, deck.cfg["gambar"]["lebar_maks"], frame.height / ratio)
    left = frame.left + (frame.width - width) / 2
    deck.pictures.append((slide, s.image, Inches(left), Inches(frame.top), Inches(width), Inches(width * ratio)))


def render_pohon(deck: Deck, s: Slide) -> None:
    cfg = deck.cfg["pohon"]
    pages = None
    i = 0
    while pages is None or i < len(pages):
        title = s.title if i == 0 or pages is None else f"{s.title} — {pages[i].title_suffix}"
        slide, frame = deck.new_slide("Title Only", title, s.source_file, s.caption)
        if pages is None:
            pages = _pohon_pages(s, frame, deck.cfg)
            for problem in (p for page in pages for p in pohon.validate_page(page, frame)):
                deck.warn(problem)
            if pages[0].title_suffix:
                _retitle(deck, slide, f"{s.title} — {pages[0].title_suffix}")
        _draw_tree(deck, slide, pages[i], cfg)
        if any(b.continued for b in pages[i].boxes):
            note = deck.cfg["catatan_kaki"]
            deck.text(slide, Frame(frame.left, frame.bottom + 0.02, frame.width, 0.3),
                      [(cfg["keterangan_lanjut"], note["font"], False)], color=note["warna"], inset_y=0.02)
        i += 1


def _pohon_pages(s: Slide, frame: Frame, cfg: dict) -> list:
    """The tree's pages, a footnote's height kept free; a box too big for any slide is an input problem."""
    p = cfg["pohon"]
    area = Frame(frame.left, frame.top, frame.width, frame.height - 0.32)
    try:
        return pohon.layout_pages(s.tree, area, measure_height=_measure_height, max_pt=p["font_maks"],
                                  min_pt=p["font_min"], max_levels=p["tingkat_per_slide"],
                                  min_col_w=p["lebar_kotak_min"], max_col_w=p["lebar_kotak_maks"])
    except pohon.NodeTooBig as exc:
        node = exc.node
        raise too_long(Cell(node.name, origin=node.origin), f"kotak {node.level or 'pohon kinerja'}", exc.size) from None


def _retitle(deck: Deck, slide, title: str) -> None:
    slide.shapes.title.text_frame.clear()
    deck._title(slide, title)


def _measure_height(text: str, width: float, size: float, bold: bool) -> float:
    """The height pohon's layout asks for; a width that would break a word is no room at all."""
    if measure.breaks_words(text, width, size, bold):
        return float("inf")
    return measure.text_height(text, width, size, bold)


def _draw_tree(deck: Deck, slide, page: pohon.Page, cfg: dict) -> None:
    for c in page.connectors:
        deck.connector(slide, c.points)
    for b in page.boxes:
        box = Frame(b.x, b.y, b.w, b.h)
        deck.text(slide, box, b.paragraphs(), color="lt1", align="center", anchor="middle",
                  inset=pohon.BOX_PADDING, inset_y=pohon.BOX_PADDING, fill=cfg["warna"].get(b.kind, "dk2"),
                  line=cfg["warna_garis_lanjut"] if b.continued else None, line_width=2.25)


def _continued(deck: Deck, s: Slide, n: int, caption: str | None = None):
    """Slide `n` (from 0) of a slide definition that continues: " (lanjutan)" after the first."""
    title = s.title if n == 0 else s.title + deck.cfg["judul"]["lanjutan"]
    return deck.new_slide("Title Only", title, s.source_file, s.caption if caption is None else caption)


def _no_data(deck: Deck, slide, frame: Frame) -> None:
    """What an empty sheet shows: a valid slide that says so."""
    deck.text(slide, Frame(frame.left, frame.top, frame.width, 0.6), [(deck.cfg["kotak"]["tidak_ada_data"], 16, False)],
              align="center", anchor="middle")


def _balanced(items: list, pages: int) -> list[list]:
    """`items` in `pages` consecutive runs of near-equal length, longer ones first."""
    size, extra = divmod(len(items), max(pages, 1))
    bounds = [i * size + min(i, extra) for i in range(pages + 1)]
    return [items[a:b] for a, b in zip(bounds, bounds[1:])]


# --- perangkat daerah -------------------------------------------------------------------------
def render_perangkat(deck: Deck, s: Slide) -> None:
    """Perangkat daerah utama as rows of boxes with their roles, continuing on further slides
    rather than shrinking below the floor; penunjang and stakeholders as bands on the last slide."""
    cfg = deck.cfg["kotak"]
    frame = lay.content_frame(deck.cfg, bool(s.caption))
    size, pages = _perangkat_pages(list(s.groups), frame, _bands_height(s.bands, frame.width, cfg), cfg)
    for k, rows in enumerate(pages):
        slide, frame = _continued(deck, s, k)
        if not s.groups and not s.bands:
            _no_data(deck, slide, frame)
            return
        deck.text(slide, Frame(frame.left, frame.top, 4.5, PERANGKAT_LABEL_H), [(s.extra["utama"].upper(), cfg["font_maks"], True)],
                  color="lt1", fill=cfg["warna_aksen"], anchor="middle", inset=0.08)
        top = frame.top + PERANGKAT_LABEL_H + 0.05
        width = _box_width(frame, _columns(len(s.groups)))
        for row in rows:
            height = _row_height(row, width, size, cfg)
            for i, g in enumerate(row):
                deck.text(slide, Frame(frame.left + i * (width + BOX_GAP), top, width, height), _group_paragraphs(g, size),
                          color=cfg["warna_teks_isi"], fill=cfg["warna_isi"], line=cfg["warna"], inset=cfg["padding"])
            top += height + BOX_GAP
        if k == len(pages) - 1:
            top += 0.02
            for band in s.bands:
                top = _draw_band(deck, slide, band, Frame(frame.left, top, frame.width, 0), cfg) + 0.06


PERANGKAT_LABEL_H, BOX_GAP = 0.32, 0.08


def _columns(n: int) -> int:
    return 4 if n > 6 else max(1, min(3, n))


def _box_width(frame: Frame, columns: int) -> float:
    return (frame.width - BOX_GAP * (columns - 1)) / columns


def _row_height(row, width: float, size: float, cfg: dict) -> float:
    """The tallest box of a row: every box of the row is drawn that tall."""
    pad = cfg["padding"]
    return max(_paragraphs_height(_group_paragraphs(g, size), width - 2 * pad) + 2 * pad for g in row)


def _perangkat_pages(groups, frame: Frame, bands_h: float, cfg: dict):
    """(size, slides as rows of groups): the fewest slides at the floor, at the largest size that
    needs no more; rows spread evenly over the slides, the bands under the last."""
    columns = _columns(len(groups))
    width = _box_width(frame, columns)
    rows = [groups[i:i + columns] for i in range(0, len(groups), columns)]
    room = frame.height - PERANGKAT_LABEL_H - 0.05

    def plan(size):
        if any(measure.breaks_words(p[0], width - 2 * cfg["padding"] - (p[4] if len(p) > 4 else 0), size, p[2])
               for g in groups for p in _group_paragraphs(g, size)):
            return None
        heights = [_row_height(r, width, size, cfg) + BOX_GAP for r in rows]
        for count in range(1, len(rows) + 2):
            pages = _balanced(list(range(len(rows))), count)
            used = [sum(heights[i] for i in page) for page in pages]
            if all(u <= room for u in used[:-1]) and used[-1] + bands_h <= room:
                return [[rows[i] for i in page] for page in pages]
        return None

    size = cfg["font_min"]
    best = plan(size) or [[r] for r in rows] or [[]]
    while size + lay.STEP_PT <= cfg["font_maks"] + 1e-9:
        bigger = plan(size + lay.STEP_PT)
        if bigger is None or len(bigger) > len(best):
            break
        size, best = size + lay.STEP_PT, bigger
    return size, best or [[]]


def _group_paragraphs(g, size: float):
    """A perangkat daerah box: its name in bold, then its roles as bullets."""
    return [(g.name, size, True)] + [(item, size, False, "•", BULLET_INDENT) for item in g.items]


BULLET_INDENT = 0.2  # inches between a bullet and its text (the text's hanging indent)


def _paragraphs_height(paragraphs, width: float) -> float:
    """Height of stacked paragraphs; a bulleted one is measured in the width its hanging indent leaves."""
    return sum(measure.text_height(p[0], width - (p[4] if len(p) > 4 else 0.0), p[1], p[2]) for p in paragraphs)


BAND_LABEL_W = 3.2


def _band_text(band) -> str:
    return ", ".join(band.lines) or "-"


def _bands_height(bands, width: float, cfg: dict) -> float:
    return sum(_band_height(b, width, cfg) + 0.06 for b in bands)


def _band_height(band, width: float, cfg: dict) -> float:
    text_w = width - BAND_LABEL_W - 2 * cfg["padding"]
    return max(0.45, measure.text_height(_band_text(band), text_w, cfg["font_min"], False) + 2 * cfg["padding"])


def _draw_band(deck: Deck, slide, band, frame: Frame, cfg: dict) -> float:
    """A labelled band: `PERANGKAT DAERAH PENUNJANG | DINAS PPPA, ...`; returns its bottom."""
    h = _band_height(band, frame.width, cfg)
    deck.text(slide, Frame(frame.left, frame.top, BAND_LABEL_W, h), [(band.heading.upper(), cfg["font_maks"], True)],
              color="lt1", fill=cfg["warna"], anchor="middle", inset=cfg["padding"])
    deck.text(slide, Frame(frame.left + BAND_LABEL_W, frame.top, frame.width - BAND_LABEL_W, h),
              [(_band_text(band), cfg["font_min"], False)], fill=cfg["warna_isi"], line=cfg["warna"], anchor="middle",
              inset=cfg["padding"])
    return frame.top + h


# --- kondisi dan permasalahan -----------------------------------------------------------------
def render_kondisi(deck: Deck, s: Slide) -> None:
    """Text blocks in columns, one size for all, items bulleted with hanging indents. Each block
    starts a column; a block too long for its column at the floor continues in the next column
    (and slide), its heading repeated with " (lanjutan)"."""
    cfg, box = deck.cfg["daftar"], deck.cfg["kotak"]
    frame = lay.content_frame(deck.cfg, bool(s.caption))
    per_page = max(len(s.blocks), 1)
    cells = lay.grid(per_page, per_page, frame, 0.3)
    head_h = 0.5
    body = Frame(0, 0, cells[0].width, cells[0].height - head_h)
    size, columns = _kondisi_columns(s.blocks, body, cfg)
    pages = [columns[i:i + per_page] for i in range(0, len(columns), per_page)] or [[]]
    for k, page in enumerate(pages):
        slide, frame = _continued(deck, s, k)
        if not any(b.lines for b in s.blocks):
            _no_data(deck, slide, frame)
            return
        for (b, lines, more), cell in zip(page, cells):
            block = s.blocks[b]
            heading = block.heading + (deck.cfg["judul"]["lanjutan"] if more else "")
            deck.text(slide, Frame(cell.left, cell.top, cell.width, head_h), [(heading, cfg["font_judul"], True)],
                      color="lt1", fill=box["warna"], anchor="middle", inset=0.12)
            paragraphs = [(t, size, False, "•", cfg["indent"]) for t in lines] or [("-", size, False)]
            deck.text(slide, Frame(cell.left, cell.top + head_h, cell.width, cell.height - head_h), paragraphs,
                      fill=box["warna_isi"], line=None, inset=cfg["padding"])
            deck.trace("\n".join(lines), block.sources)


def _kondisi_columns(blocks, body: Frame, cfg: dict):
    """(size, columns): each column (block index, its lines there, continued) at the largest size
    that needs no more columns than the floor does."""
    def columns_at(size):
        out = []
        for b, block in enumerate(blocks):
            lines = list(block.lines)
            count = next(n for n in range(1, max(len(lines), 1) + 1)
                         if all(_fits_list(piece, body, size, cfg) for piece in _balanced(lines, n)) or n == len(lines))
            out += [(b, tuple(piece), i > 0) for i, piece in enumerate(_balanced(lines, count) if lines else [[]])]
        return out

    floor = columns_at(cfg["font_min"])
    size = cfg["font_maks"]
    while size > cfg["font_min"] and len(columns_at(size)) > len(floor):
        size -= lay.STEP_PT
    return size, columns_at(size)


def _fits_list(lines, body: Frame, size: float, cfg: dict) -> bool:
    """Whether bulleted `lines` fit the body box at `size`, no word broken."""
    width, height = body.width - 2 * cfg["padding"], body.height - 2 * min(cfg["padding"], 0.05)
    paragraphs = [(t, size, False, "•", cfg["indent"]) for t in lines]
    return (_paragraphs_height(paragraphs, width) <= height
            and not any(measure.breaks_words(t, width - cfg["indent"], size) for t in lines))


# --- logical framework ------------------------------------------------------------------------
def render_logframe(deck: Deck, s: Slide) -> None:
    """The strategy over its outcomes, each with its innovation programs as chips; outcomes beyond
    `kolom_maks` and chips beyond a column's height continue on further slides."""
    cfg, box = deck.cfg["logframe"], deck.cfg["kotak"]
    frame = lay.content_frame(deck.cfg)
    top_h = 0.55
    area = Frame(frame.left, frame.top + top_h + 0.45, frame.width, frame.height - top_h - 0.45)
    pages = _logframe_pages(list(s.groups), area, cfg)
    for k, columns in enumerate(pages or [[]]):
        slide, frame = _continued(deck, s, k, caption="")
        top = Frame(frame.left + frame.width * 0.25, frame.top, frame.width * 0.5, top_h)
        deck.text(slide, top, [(s.caption or s.subtitle, cfg["font_judul"], True)], color="lt1", fill="dk2",
                  align="center", anchor="middle", inset=0.1)
        if not columns:
            _no_data(deck, slide, area)
            continue
        cols = lay.grid(len(columns), len(columns), area, 0.35)
        outcome_h = max(_outcome_height(name, c.width, cfg) for (name, _), c in zip(columns, cols))
        for (name, items), col in zip(columns, cols):
            _logframe_column(deck, slide, name, items, col, outcome_h, s.extra["label"], cfg, box)
            deck.connector(slide, [(top.left + top.width / 2, top.bottom), (top.left + top.width / 2, top.bottom + 0.22),
                                   (col.left + col.width / 2, top.bottom + 0.22), (col.left + col.width / 2, col.top)])


def _outcome_height(name: str, width: float, cfg: dict) -> float:
    return lay.fit_box_height(name, width, cfg["font_judul"] - 3)


def _chip_height(item: str, width: float, cfg: dict) -> float:
    return max(0.42, measure.text_height(item, width - 0.4 - 0.1, cfg["font"], True) + 0.1)


def _logframe_pages(groups, area: Frame, cfg: dict) -> list[list[tuple[str, tuple[str, ...]]]]:
    """Columns (outcome, its chips) per slide: at most `kolom_maks` a slide, each column's chips cut
    where the column is full (the rest continue in the same column on the next slide)."""
    if not groups:
        return []
    per_page = min(cfg["kolom_maks"], len(groups))
    pages = []
    for start in range(0, len(groups), per_page):
        chunk = groups[start:start + per_page]
        width = lay.grid(len(chunk), len(chunk), area, 0.35)[0].width
        outcome_h = max(_outcome_height(g.name, width, cfg) for g in chunk)
        room = area.height - outcome_h - 0.2 - 0.5
        pieces = [_chip_runs(g.items, width, room, cfg) for g in chunk]
        for k in range(max(len(p) for p in pieces)):
            pages.append([(g.name, p[k] if k < len(p) else ()) for g, p in zip(chunk, pieces)])
    return pages


def _chip_runs(items, width: float, room: float, cfg: dict) -> list[tuple[str, ...]]:
    """The chips of one column in runs that each fit `room` inches."""
    runs, run, used = [], [], 0.0
    for item in items:
        h = _chip_height(item, width, cfg) + 0.1
        if run and used + h > room:
            runs.append(tuple(run))
            run, used = [], 0.0
        run.append(item)
        used += h
    runs.append(tuple(run))
    return runs


def _logframe_column(deck: Deck, slide, name: str, items, col: Frame, outcome_h: float, label: str, cfg: dict,
                     box: dict) -> None:
    """An outcome box, the INOVASI label and one chip per innovation program."""
    deck.text(slide, Frame(col.left, col.top, col.width, outcome_h), [(name, cfg["font_judul"] - 3, True)], color="lt1",
              fill=box["warna"], align="center", anchor="middle", inset=0.1)
    y = col.top + outcome_h + 0.2
    deck.text(slide, Frame(col.left + col.width * 0.3, y, col.width * 0.4, 0.38), [(label, cfg["font"], True)],
              color="lt1", fill=box["warna_aksen"], align="center", anchor="middle", inset=0.05)
    deck.connector(slide, [(col.left + col.width / 2, col.top + outcome_h), (col.left + col.width / 2, y)])
    y += 0.5
    for item in items:
        h = _chip_height(item, col.width, cfg)
        deck.text(slide, Frame(col.left + 0.2, y, col.width - 0.4, h), [(item, cfg["font"], True)],
                  color=box["warna_teks_isi"], fill=box["warna_isi"], line=box["warna"], align="center",
                  anchor="middle", inset=0.05, rounded=True)
        y += h + 0.1


RENDERERS = {"judul": render_judul, "penutup": render_judul, "tabel": render_tabel, "gambar": render_gambar,
             "pohon": render_pohon, "perangkat": render_perangkat, "kondisi": render_kondisi,
             "logframe": render_logframe}


def render(slides: list[Slide], master: Path, cfg: dict, out_path: Path, properties: dict | None = None,
           before_pictures=None) -> RenderReport:
    """Write the deck; returns pages, traced figures and layout warnings.

    Pictures are inserted last, after `before_pictures()` (which waits until their files exist),
    each as the top shape of its slide.
    """
    deck = Deck(master, cfg)
    deck.table_sizes = table_sizes(slides, cfg)
    for s in slides:
        RENDERERS[s.kind](deck, s)
    if before_pictures is not None:
        before_pictures()
    for slide, image, *box in deck.pictures:
        slide.shapes.add_picture(image, *box)
    core = deck.prs.core_properties
    for key, value in (properties or {}).items():
        setattr(core, key, value)
    deck.save(out_path)
    return deck.report
