"""Stage 7 — render: finished, laid-out slide content → a .pptx. The only module that knows python-pptx.

Colours are theme references (so a designer's edit of templates/master.pptx recolours the deck),
sizes come from templates/layout.toml, every height from layout/measure. Nothing is computed or
formatted here.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pptx import Presentation
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement
from pptx.util import Emu, Inches, Pt

from . import layout as lay
from . import measure, pohon
from .content import Cell, Slide
from .layout import Frame

THEME = {"dk1": MSO_THEME_COLOR.DARK_1, "lt1": MSO_THEME_COLOR.LIGHT_1, "dk2": MSO_THEME_COLOR.DARK_2,
         "lt2": MSO_THEME_COLOR.LIGHT_2, **{f"accent{i}": getattr(MSO_THEME_COLOR, f"ACCENT_{i}") for i in range(1, 7)}}
ALIGN = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}
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
        page = cfg["halaman"]
        self.frame = Frame(page["kiri"], page["atas"], page["lebar"], page["bawah"] - page["atas"])

    def save(self, path: Path) -> None:
        self.prs.save(str(path))

    # --- slides ---------------------------------------------------------------------------
    def new_slide(self, layout_name: str, title: str, source: str, caption: str = ""):
        """A slide with its title set and fitted; returns (slide, content frame)."""
        slide = self.prs.slides.add_slide(self.prs.slide_layouts.get_by_name(layout_name))
        self._title(slide, title)
        self.report.pages.append({"slide": len(self.prs.slides), "definisi": source, "judul": title, "angka": []})
        frame = self.frame
        if caption:
            sub = self.cfg["subjudul"]
            box = Frame(frame.left, frame.top - 0.12, frame.width, sub["tinggi"])
            self.text(slide, box, [(caption, sub["font"], True)], color=sub["warna"], inset=0)
            frame = Frame(frame.left, frame.top - 0.12 + sub["tinggi"] + 0.05, frame.width,
                          frame.height - sub["tinggi"] + 0.07)
        return slide, frame

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

    def trace(self, text: str, sources) -> None:
        """Record which source cells a figure on the current slide came from."""
        if sources:
            self.report.pages[-1]["angka"].append({"teks": text, "sumber": list(sources)})

    # --- primitives -------------------------------------------------------------------------
    def text(self, slide, box: Frame, paragraphs, *, color="dk1", align="left", anchor="top", inset=0.1,
             fill=None, line=None, shape=MSO_SHAPE.RECTANGLE):
        """A text box (or a filled shape with text) holding (text, size, bold) paragraphs."""
        if fill is None and line is None:
            sh = slide.shapes.add_textbox(Inches(box.left), Inches(box.top), Inches(box.width), Inches(box.height))
        else:
            sh = slide.shapes.add_shape(shape, Inches(box.left), Inches(box.top), Inches(box.width), Inches(box.height))
            _fill(sh.fill, fill)
            _line(sh.line, line)
            sh.shadow.inherit = False
        tf = sh.text_frame
        tf.word_wrap = True
        tf.auto_size = MSO_AUTO_SIZE.NONE
        tf.margin_left = tf.margin_right = Inches(inset)
        tf.margin_top = tf.margin_bottom = Inches(min(inset, 0.05) if inset else 0)
        tf.vertical_anchor = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE, "bottom": MSO_ANCHOR.BOTTOM}[anchor]
        for i, (text, size, bold) in enumerate(paragraphs):
            p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
            _run(p, text, size, bold, color)
            p.alignment = ALIGN[align]
        return sh

    def connector(self, slide, points, color="dk2") -> None:
        """Straight segments through `points` (inches)."""
        for (x1, y1), (x2, y2) in zip(points, points[1:]):
            if abs(x1 - x2) < 1e-6 and abs(y1 - y2) < 1e-6:
                continue
            c = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, Inches(x1), Inches(y1), Inches(x2), Inches(y2))
            c.line.color.theme_color = THEME[color]
            c.line.width = Pt(1.25)


# --- helpers on python-pptx objects ---------------------------------------------------------
def _run(paragraph, text: str, size: float, bold: bool, color: str) -> None:
    """Append a run (the same XML as python-pptx's font setters, written directly: much faster)."""
    from lxml import etree

    r = paragraph._p.add_r()
    r.text = text
    rpr = r.get_or_add_rPr()
    rpr.set("sz", str(round(size * 100)))
    rpr.set("b", "1" if bold else "0")
    etree.SubElement(etree.SubElement(rpr, qn("a:solidFill")), qn("a:schemeClr"), val=color)


def _fill(fill, color) -> None:
    if color is None:
        fill.background()
    else:
        fill.solid()
        fill.fore_color.theme_color = THEME[color]


def _line(line, color) -> None:
    if color is None:
        line.fill.background()
    else:
        line.color.theme_color = THEME[color]
        line.width = Pt(1)


def _cell_border(tc, edge: str, color: str, width_pt: float = 1.25) -> None:
    """Draw one edge of a table cell (python-pptx has no API for cell borders)."""
    tc_pr = tc.get_or_add_tcPr()
    ln = OxmlElement(f"a:ln{edge}")
    ln.set("w", str(int(Pt(width_pt))))
    solid = OxmlElement("a:solidFill")
    clr = OxmlElement("a:schemeClr")
    clr.set("val", SCHEME_SLOT.get(color, color))
    solid.append(clr)
    ln.append(solid)
    tc_pr.insert(0, ln)  # line elements precede the fill in CT_TableCellProperties


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


def render_tabel(deck: Deck, s: Slide) -> None:
    cfg = deck.cfg["tabel"]
    first = True
    pages = None
    while pages is None or pages:
        title = s.title if first else s.title + deck.cfg["judul"]["lanjutan"]
        slide, frame = deck.new_slide("Title Only", title, s.source_file, s.caption)
        if pages is None:
            pages = lay.paginate_table(s.table, frame, cfg["margin_x"], cfg["margin_y"], cfg["font_maks"], cfg["font_min"])
        page = pages.pop(0)
        if page.overflow:
            deck.warn("sebuah kelompok baris lebih tinggi dari satu slide meski pada font terkecil")
        _draw_table(deck, slide, frame, page, cfg)
        notes = _page_notes(s, page)
        if notes:
            slide.notes_slide.notes_text_frame.text = notes
        first = False


def _page_notes(s: Slide, page: lay.TablePage) -> str:
    """The slide's notes heading and the notes of the groups this page shows."""
    chunks = s.extra.get("group_notes", ())
    parts = [s.notes] + [chunks[g] for g in page.groups if g < len(chunks)]
    return "\n\n".join(p for p in parts if p)


def _draw_table(deck: Deck, slide, frame: Frame, page: lay.TablePage, cfg: dict) -> None:
    """A native table with merges, theme fills and a fraction bar for formulas."""
    rows, cols = len(page.rows), len(page.col_widths)
    gf = slide.shapes.add_table(rows, cols, Inches(frame.left), Inches(frame.top),
                                Inches(sum(page.col_widths)), Inches(page.height))
    table = gf.table
    table.first_row = table.horz_banding = False
    for j, w in enumerate(page.col_widths):
        table.columns[j].width = Inches(w)
    for i, h in enumerate(page.row_heights):
        table.rows[i].height = Inches(h)
    band = _group_bands(page)
    grid = [list(tr.tc_lst) for tr in table._tbl.tr_lst]  # the a:tc elements, looked up once
    for (r, c), (rs, cs) in lay.spans(page.rows).items():
        if rs > 1 or cs > 1:
            _merge(grid, r, c, rs, cs)
        _fill_cell(deck, grid[r][c], page.rows[r][c], page.font_pt, cfg, band[r])


def _merge(grid, r: int, c: int, rs: int, cs: int) -> None:
    """Merge a block of cells: the attributes python-pptx's _Cell.merge writes, set directly."""
    if cs > 1:
        grid[r][c].set("gridSpan", str(cs))
    if rs > 1:
        grid[r][c].set("rowSpan", str(rs))
    for i in range(r, r + rs):
        for j in range(c, c + cs):
            if (i, j) != (r, c):
                if j > c:
                    grid[i][j].set("hMerge", "1")
                if i > r:
                    grid[i][j].set("vMerge", "1")


def _group_bands(page: lay.TablePage) -> list[int]:
    """Alternate fills by row group (a merged block), not by row, so a group reads as one."""
    bands, band = [], 0
    for r, row in enumerate(page.rows):
        starts_group = r >= page.header_rows and not any(c.merged and c.text == "^" for c in row)
        band = band + 1 if starts_group else band
        bands.append(band)
    return bands


def _fill_cell(deck: Deck, tc, content: Cell, size: float, cfg: dict, band: int) -> None:
    role = content.role
    fill, color = {"header": (cfg["warna_header"], cfg["warna_teks_header"]),
                   "total": (cfg["warna_total"], cfg["warna_teks_total"])}.get(
        role, (cfg["warna_baris"][band % len(cfg["warna_baris"])], "dk1"))
    anchor = {"num": "b", "den": "t"}.get(role, "ctr")
    _cell_xml(tc, content.text, size, content.bold or role == "header", color, content.align, anchor,
              fill, Inches(cfg["margin_x"]), Inches(cfg["margin_y"]))
    if role == "num":
        _cell_border(tc, "B", cfg["warna_garis"])
    deck.trace(content.text, content.sources)


_ALGN = {"left": "l", "center": "ctr", "right": "r"}


def _cell_xml(tc, text: str, size: float, bold: bool, color: str, align: str, anchor: str, fill: str,
              margin_x: int, margin_y: int) -> None:
    """Write a table cell's text and properties as DrawingML directly.

    The same XML python-pptx's property setters produce, written in one pass: a deck's tables
    have hundreds of cells, and the setters cost half of the render time.
    """
    from lxml import etree

    body = tc.get_or_add_txBody()
    for p in body.findall(qn("a:p")):
        body.remove(p)
    body.find(qn("a:bodyPr")).set("wrap", "square")
    for line in text.split("\n"):
        p = etree.SubElement(body, qn("a:p"))
        etree.SubElement(p, qn("a:pPr"), algn=_ALGN[align])
        r = etree.SubElement(p, qn("a:r"))
        rpr = etree.SubElement(r, qn("a:rPr"), sz=str(round(size * 100)), b="1" if bold else "0")
        etree.SubElement(etree.SubElement(rpr, qn("a:solidFill")), qn("a:schemeClr"), val=color)
        etree.SubElement(r, qn("a:t")).text = line
    tc_pr = tc.get_or_add_tcPr()
    for name, value in (("marL", margin_x), ("marR", margin_x), ("marT", margin_y), ("marB", margin_y)):
        tc_pr.set(name, str(int(value)))
    tc_pr.set("anchor", anchor)
    etree.SubElement(etree.SubElement(tc_pr, qn("a:solidFill")), qn("a:schemeClr"), val=fill)


def render_gambar(deck: Deck, s: Slide) -> None:
    from PIL import Image

    slide, frame = deck.new_slide("Title Only", s.title, s.source_file, s.caption)
    with Image.open(s.image) as im:
        ratio = im.height / im.width
    width = min(frame.width, deck.cfg["gambar"]["lebar_maks"], frame.height / ratio)
    left = frame.left + (frame.width - width) / 2
    slide.shapes.add_picture(s.image, Inches(left), Inches(frame.top), Inches(width), Inches(width * ratio))


def render_pohon(deck: Deck, s: Slide) -> None:
    cfg = deck.cfg["pohon"]
    colors = cfg["warna_tingkat"]
    pages = None
    i = 0
    while pages is None or i < len(pages):
        title = s.title if i == 0 or pages is None else f"{s.title} — {pages[i].title_suffix}"
        slide, frame = deck.new_slide("Title Only", title, s.source_file, s.caption)
        if pages is None:
            pages = pohon.layout_pages(s.tree, frame, measure_height=_measure_height,
                                       max_pt=cfg["font_maks"], min_pt=cfg["font_min"])
            for problem in (p for page in pages for p in pohon.validate_page(page, frame)):
                deck.warn(problem)
            if pages[0].title_suffix:
                _retitle(deck, slide, f"{s.title} — {pages[0].title_suffix}")
        _draw_tree(deck, slide, pages[i], colors)
        i += 1


def _retitle(deck: Deck, slide, title: str) -> None:
    slide.shapes.title.text_frame.clear()
    deck._title(slide, title)


def _measure_height(text: str, width: float, size: float, bold: bool) -> float:
    return measure.text_height(text, width, size, bold)


def _draw_tree(deck: Deck, slide, page: pohon.Page, colors: list[str]) -> None:
    for c in page.connectors:
        deck.connector(slide, c.points)
    for b in page.boxes:
        box = Frame(b.x, b.y, b.w, b.h)
        sh = deck.text(slide, box, b.paragraphs(), color="lt1", align="center", anchor="middle",
                       inset=pohon.BOX_PADDING, fill=colors[min(b.depth, len(colors) - 1)], line=None,
                       shape=MSO_SHAPE.RECTANGLE)
        sh.text_frame.margin_top = sh.text_frame.margin_bottom = Inches(pohon.BOX_PADDING)
        if b.continued:
            sh.line.color.theme_color = THEME["accent2"]
            sh.line.width = Pt(2.25)


def render_perangkat(deck: Deck, s: Slide) -> None:
    cfg = deck.cfg["kotak"]
    slide, frame = deck.new_slide("Title Only", s.title, s.source_file, s.caption)
    label_h, gap = 0.32, 0.1
    bands_h = _bands_height(s.bands, frame.width, cfg)
    grid_frame = Frame(frame.left, frame.top + label_h + 0.05, frame.width,
                       frame.height - label_h - 0.05 - bands_h - gap)
    deck.text(slide, Frame(frame.left, frame.top, 4.5, label_h), [(s.extra["utama"].upper(), 12, True)],
              color="lt1", fill=cfg["warna_aksen"], anchor="middle", inset=0.08)
    columns = 4 if len(s.groups) > 6 else max(1, min(3, len(s.groups)))
    cells = lay.grid(len(s.groups), columns, grid_frame, 0.08)
    size = _common_size([_group_paragraphs(g, 1.0) for g in s.groups], cells, cfg)
    for g, cell in zip(s.groups, cells):
        deck.text(slide, cell, _group_paragraphs(g, size), color=cfg["warna_teks_isi"], fill=cfg["warna_isi"],
                  line=cfg["warna"], inset=cfg["padding"])
    top = grid_frame.bottom + gap
    for band in s.bands:
        top = _draw_band(deck, slide, band, Frame(frame.left, top, frame.width, 0), cfg) + 0.06


def _group_paragraphs(g, size: float):
    """A perangkat daerah box: its name in bold, then its roles as bullets."""
    return [(g.name, size, True)] + [("• " + item, size, False) for item in g.items]


def _common_size(paragraph_sets, cells: list[Frame], cfg: dict) -> float:
    """One font size for all boxes: the largest at which every box's text fits."""
    size = cfg["font_maks"]
    pad = cfg["padding"]
    while size > cfg["font_min"]:
        if all(lay.lines_height([(t, size * k, b) for t, k, b in ps], c.width - 2 * pad) <= c.height - 2 * pad
               for ps, c in zip(paragraph_sets, cells)):
            return size
        size -= lay.STEP_PT
    return cfg["font_min"]


BAND_LABEL_W = 3.2


def _band_text(band) -> str:
    return ", ".join(band.lines)


def _bands_height(bands, width: float, cfg: dict) -> float:
    return sum(_band_height(b, width, cfg) + 0.06 for b in bands)


def _band_height(band, width: float, cfg: dict) -> float:
    text_w = width - BAND_LABEL_W - 2 * cfg["padding"]
    return max(0.45, measure.text_height(_band_text(band), text_w, 11, False) + 2 * cfg["padding"])


def _draw_band(deck: Deck, slide, band, frame: Frame, cfg: dict) -> float:
    """A labelled band: `PERANGKAT DAERAH PENUNJANG | DINAS PPPA, ...`; returns its bottom."""
    h = _band_height(band, frame.width, cfg)
    deck.text(slide, Frame(frame.left, frame.top, BAND_LABEL_W, h), [(band.heading.upper(), 12, True)],
              color="lt1", fill=cfg["warna"], anchor="middle", inset=cfg["padding"])
    deck.text(slide, Frame(frame.left + BAND_LABEL_W, frame.top, frame.width - BAND_LABEL_W, h),
              [(_band_text(band), 11, False)], fill=cfg["warna_isi"], line=cfg["warna"], anchor="middle",
              inset=cfg["padding"])
    return frame.top + h


def render_kondisi(deck: Deck, s: Slide) -> None:
    cfg = deck.cfg["kotak"]
    slide, frame = deck.new_slide("Title Only", s.title, s.source_file, s.caption)
    cells = lay.grid(len(s.blocks), len(s.blocks), frame, 0.3)
    for block, cell in zip(s.blocks, cells):
        head = Frame(cell.left, cell.top, cell.width, 0.5)
        deck.text(slide, head, [(block.heading, 16, True)], color="lt1", fill=cfg["warna"], anchor="middle",
                  inset=0.12)
        body = Frame(cell.left, cell.top + 0.5, cell.width, cell.height - 0.5)
        lines = [("• " + t if block.bullets else t) for t in block.lines]
        text = "\n".join(lines)
        size, fits = lay.fit_text(text, body.width, body.height, 18, cfg["font_min"], inset_x=0.15, inset_y=0.1)
        if not fits:
            deck.warn(f"teks '{block.heading}' tidak muat")
        deck.text(slide, body, [(t, size, False) for t in lines], fill=cfg["warna_isi"], line=None, inset=0.15)
        deck.trace(text, block.sources)


def render_logframe(deck: Deck, s: Slide) -> None:
    cfg = deck.cfg["kotak"]
    slide, frame = deck.new_slide("Title Only", s.title, s.source_file)
    top_h = 0.55
    top = Frame(frame.left + frame.width * 0.25, frame.top, frame.width * 0.5, top_h)
    deck.text(slide, top, [(s.caption or s.subtitle, 16, True)], color="lt1", fill="dk2", align="center",
              anchor="middle", inset=0.1)
    n = max(1, len(s.groups))
    cols = lay.grid(n, n, Frame(frame.left, frame.top + top_h + 0.45, frame.width, frame.height - top_h - 0.45), 0.35)
    outcome_h = max(lay.fit_box_height(g.name, c.width, 13) for g, c in zip(s.groups, cols)) if s.groups else 0
    for g, col in zip(s.groups, cols):
        _logframe_column(deck, slide, g, col, outcome_h, s.extra["label"], cfg)
        deck.connector(slide, [(top.left + top.width / 2, top.bottom), (top.left + top.width / 2, top.bottom + 0.22),
                               (col.left + col.width / 2, top.bottom + 0.22), (col.left + col.width / 2, col.top)])


def _logframe_column(deck: Deck, slide, group, col: Frame, outcome_h: float, label: str, cfg: dict) -> None:
    """An outcome box, the INOVASI label and one chip per innovation program."""
    deck.text(slide, Frame(col.left, col.top, col.width, outcome_h), [(group.name, 13, True)], color="lt1",
              fill=cfg["warna"], align="center", anchor="middle", inset=0.1)
    y = col.top + outcome_h + 0.2
    deck.text(slide, Frame(col.left + col.width * 0.3, y, col.width * 0.4, 0.38), [(label, 12, True)],
              color="lt1", fill=cfg["warna_aksen"], align="center", anchor="middle", inset=0.05)
    deck.connector(slide, [(col.left + col.width / 2, col.top + outcome_h), (col.left + col.width / 2, y)])
    y += 0.5
    chip_h = min(0.5, (col.bottom - y) / max(1, len(group.items)) - 0.1)
    for item in group.items:
        deck.text(slide, Frame(col.left + 0.2, y, col.width - 0.4, chip_h), [(item, 12, True)],
                  color=cfg["warna_teks_isi"], fill=cfg["warna_isi"], line=cfg["warna"], align="center",
                  anchor="middle", inset=0.05, shape=MSO_SHAPE.ROUNDED_RECTANGLE)
        y += chip_h + 0.1


RENDERERS = {"judul": render_judul, "penutup": render_judul, "tabel": render_tabel, "gambar": render_gambar,
             "pohon": render_pohon, "perangkat": render_perangkat, "kondisi": render_kondisi,
             "logframe": render_logframe}


def render(slides: list[Slide], master: Path, cfg: dict, out_path: Path, properties: dict | None = None) -> RenderReport:
    """Write the deck; returns pages, traced figures and layout warnings."""
    deck = Deck(master, cfg)
    for s in slides:
        RENDERERS[s.kind](deck, s)
    core = deck.prs.core_properties
    for key, value in (properties or {}).items():
        setattr(core, key, value)
    deck.save(out_path)
    return deck.report
