"""Stage 7 — render: finished, laid-out slide content → a .pptx. With drawingml.py (the XML of
each element it draws), the only module that knows python-pptx.

Colours are theme references (so a designer's edit of templates/master.pptx recolours the deck),
sizes come from templates/layout.toml, every height from layout/measure. Nothing is computed or
formatted here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pptx import Presentation
from pptx.util import Emu, Inches, Pt

from . import drawingml as dml
from . import layout as lay
from . import measure, pohon
from .content import Cell, Slide
from .layout import Frame
from .problems import ERROR, InputError, Problem


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
        self.ids = dml.ShapeIds()
        dml.quick_part_names(self.prs.part.package)

    def save(self, path: Path) -> None:
        dml.list_notes_master(self.prs)
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
        """Put the title in the layout's title placeholder, measured with the title font: one line
        at the largest size that fits, or two lines broken at a sensible word (see _title_lines)."""
        ph = slide.shapes.title
        if ph is None:
            return
        cfg, tf = self.cfg["judul"], ph.text_frame
        width = Emu(ph.width - tf.margin_left - tf.margin_right).inches
        height = Emu(ph.height - tf.margin_top - tf.margin_bottom).inches
        size, lines, fits = _title_lines(title, width, height, cfg["font_maks"], cfg["font_min"], cfg["lanjutan"].strip())
        if not fits:
            self.warn(f"judul terlalu panjang: {title!r}")
        tf.word_wrap = True
        tf.text = "\n".join(lines)
        for paragraph in tf.paragraphs:
            for run in paragraph.runs:
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

    # --- primitives ------------------------------------------------------------------------
    def add(self, slide, xml: str):
        """Put one shape (its DrawingML) on top of the slide."""
        return self.ids.add(slide, xml)

    def text(self, slide, box: Frame, paragraphs, *, color="dk1", align="left", anchor="top", inset=0.1,
             inset_y=None, fill=None, line=None, line_width=1.0, rounded=False) -> None:
        """A text box (or a filled/outlined rectangle with text) holding (text, size, bold[, bullet,
        indent]) paragraphs."""
        self.legible(min((para[1] for para in paragraphs), default=99), paragraphs[0][0] if paragraphs else "")
        inset_y = (min(inset, 0.05) if inset else 0) if inset_y is None else inset_y
        shape = not (fill is None and line is None)
        room = box.width - 2 * inset
        body = dml.text_body([dml.paragraph(measure.soft_breaks(para[0], room - (para[4] if len(para) > 4 else 0),
                                                                para[1], para[2]), *para[1:3], color, align, *para[3:])
                              for para in paragraphs], anchor, inset, inset_y, shape)
        if not shape:
            self.add(slide, dml.text_box(box.left, box.top, box.width, box.height, body))
        else:
            self.add(slide, dml.box(box.left, box.top, box.width, box.height, body, fill, line, line_width, rounded))

    def connector(self, slide, points, color="dk2") -> None:
        """Straight segments through `points` (inches)."""
        for (x1, y1), (x2, y2) in zip(points, points[1:]):
            if abs(x1 - x2) > 1e-6 or abs(y1 - y2) > 1e-6:
                self.add(slide, dml.connector(x1, y1, x2, y2, color))


# --- slide titles -------------------------------------------------------------------------------
TITLE_CONNECTIVES = pohon.TITLE_CONNECTIVES  # a title's first line does not end on one ("… pada" / "Ruas Jalan")
NBSP = "\u00a0"


def _title_lines(title: str, width: float, height: float, max_pt: float, min_pt: float,
                 lanjutan: str) -> tuple[float, list[str], bool]:
    """(size, lines, fits) of a title measured with the title font (bold): at the largest size,
    one line, else two lines broken at a word such that the last line holds at least two words
    and the first does not end on a connective. The page counter "(1/2)" and `lanjutan` at the end
    are held to the word before them by a non-breaking space. A title too long for two lines at
    `min_pt` loses words from its end, before that tail, and ends in "…"."""
    tail = re.search(rf"(?:\s+(?:\(\d+/\d+\)|{re.escape(lanjutan)}))+$", title) if lanjutan else None
    core, tail = (title[:tail.start()], re.sub(r"\s+", NBSP, tail.group())) if tail else (title, "")
    words = core.split()
    sizes = measure.candidate_sizes(max_pt, min_pt, lay.STEP_PT)
    while True:
        text = " ".join(words[:-1] + [words[-1] + tail]) if words else tail.strip(NBSP)
        for size in sizes:
            lines = _title_break(text, tail, width, height, size)
            if lines:
                return size, lines, True
        if len(words) <= 2:
            return min_pt, [text], False
        words = _cut(words[:-1])


def _title_break(text: str, tail: str, width: float, height: float, size: float) -> list[str] | None:
    """The title's lines at `size`: one if it fits, else the best break into two (after a dash if
    that works, else the most even), None if neither fits."""
    def fits(line: str) -> bool:
        return measure.text_width(line, size, True, "heading") <= width

    lines = 1 if fits(text) else 2
    if lines * measure.line_height(size, "heading") > height:
        return None
    if lines == 1:
        return [text]
    words = text.split(" ")
    breaks = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))
              if words[i - 1].lower().rstrip(",;:") not in TITLE_CONNECTIVES]
    breaks = [(a, b) for a, b in breaks if fits(a) and fits(b) and _title_words(b[:len(b) - len(tail)]) >= 2]
    if not breaks:
        return None
    dash = [br for br in breaks if br[0].endswith("—")]
    return list(dash[0] if dash else min(breaks, key=lambda br: max(measure.text_width(x, size, True, "heading")
                                                                     for x in br)))


def _title_words(line: str) -> int:
    """Words of a title line, a lone dash or ellipsis not counted."""
    return sum(1 for w in line.split() if re.search(r"\w", w))


def _cut(words: list[str]) -> list[str]:
    """Words of a shortened title: no connective or punctuation before the "…" that ends them."""
    while len(words) > 2 and words[-1].lower().rstrip(",;:") in TITLE_CONNECTIVES:
        words = words[:-1]
    return words[:-1] + [words[-1].rstrip(" ,;:-—(") + "…"]


def too_long(cell: Cell, where: str, size: float) -> InputError:
    """The input problem of a text that does not fit a whole slide even at the floor size: where it
    comes from (file, sheet, row) and what to do."""
    file, sheet, row = (cell.origin.split("!") + ["", "", ""])[:3]
    shown = cell.text if len(cell.text) <= 60 else cell.text[:57] + "…"
    return InputError([Problem(ERROR, f"teks di baris {row} terlalu panjang untuk {where}: tidak muat dalam satu "
                                      f"slide meski pada huruf {size:g} pt ({len(cell.text)} karakter)", file, sheet,
                               value=shown, expected="teks yang lebih ringkas (pecah menjadi beberapa baris bila perlu)")])


# --- slide kinds ------------------------------------------------------------------------------
def render_judul(deck: Deck, s: Slide) -> None:
    slide = deck.prs.slides.add_slide(deck.prs.slide_layouts.get_by_name("Title Slide"))
    deck.report.pages.append({"slide": len(deck.prs.slides), "definisi": s.source_file, "judul": s.title, "angka": []})
    title, subtitle = slide.placeholders[0], slide.placeholders[1]
    _fit_placeholder(deck, title, s.title, 40, 24, True, "heading")
    _fit_placeholder(deck, subtitle, "\n".join(t for t in (s.subtitle, s.caption) if t), 22, 14, False)


def _fit_placeholder(deck: Deck, ph, text: str, max_pt: float, min_pt: float, bold: bool, face: str = "body") -> None:
    """Fill a placeholder, its size fitted to the placeholder box."""
    tf = ph.text_frame
    tf.word_wrap = True
    size, fits = lay.fit_text(text, Emu(ph.width).inches, Emu(ph.height).inches, max_pt, min_pt, bold, face=face)
    if not fits:
        deck.warn(f"teks terlalu panjang untuk placeholder: {text[:40]!r}")
    for i, line in enumerate(text.split("\n")):
        p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        run = p.add_run()
        run.text = line
        run.font.size = Pt(size)
        run.font.bold = bold


def table_pages(slides: list[Slide], cfg: dict) -> tuple[dict[int, list[lay.TablePage]], dict[str, float]]:
    """The pages of every table slide (by its index), at one font size per kind of table (the
    builder's name) for the whole deck: the smallest that any table of that kind needs, so the IKU
    and IKP capaian tables read alike; and those sizes, by kind."""
    t = cfg["tabel"]
    chosen: dict[int, tuple[float, list]] = {}
    sizes: dict[str, float] = {}
    for i, s in enumerate(slides):
        if s.kind in ("tabel", "analisis"):
            frame = lay.content_frame(cfg, bool(s.caption))
            chosen[i] = lay.table_size(s.table, frame, t["margin_x"], t["margin_y"], t["font_maks"], t["font_min"],
                                       footnote=_footnote_height(s.table, cfg), header_min=t["font_min_judul"])
            sizes[s.table.kind] = min(sizes.get(s.table.kind, chosen[i][0]), chosen[i][0])
    pages = {}
    for i, (size, at_own_size) in chosen.items():
        s = slides[i]
        pages[i] = at_own_size if size == sizes[s.table.kind] else lay.paginate_table(
            s.table, lay.content_frame(cfg, bool(s.caption)), t["margin_x"], t["margin_y"], sizes[s.table.kind],
            _footnote_height(s.table, cfg), header_min=t["font_min_judul"])
    return pages, sizes


def render_tabel(deck: Deck, s: Slide, pages: list[lay.TablePage]) -> None:
    cfg = deck.cfg["tabel"]
    for n, page in enumerate(pages):
        slide, frame = _continued(deck, s, n)
        for word, origin, at_slashes in _broken_words(page, cfg["margin_x"]):
            how = "dipecah sesudah '/'" if at_slashes else "terpotong di tengah; pendekkan kata itu"
            deck.warn(f"tabel '{s.title}': kata '{word}'{f' ({origin})' if origin else ''} lebih lebar dari kolomnya "
                      f"meski pada huruf {page.font_pt:g} pt: {how} (mis. beri spasi sesudah '/')")
        if page.overflow:  # the tallest text of the page is the one to shorten; at the floor it still did not fit
            raise too_long(max((c for row in page.rows[page.header_rows:] for c in row if not c.merged),
                               key=lambda c: len(c.text)), f"tabel '{s.title}'", cfg["font_min"])
        deck.legible(page.font_pt, s.title)
        deck.report.pages[-1].update(kolom=list(s.table.columns), baris_judul=page.header_rows)
        _draw_table(deck, slide, frame, page, cfg)
        if page.marks:
            _footnote(deck, slide, frame, s.table, page.marks, page.height)
        notes = _page_notes(s, page)
        if notes:
            slide.notes_slide.notes_text_frame.text = notes


def _broken_words(page: lay.TablePage, mx: float) -> list[tuple[str, str, bool]]:
    """(word, where it comes from, whether it breaks only after its slashes) of each word wider than
    its column on this page, once each."""
    if not page.breaks_words:
        return []
    found: dict[str, tuple[str, bool]] = {}
    for r, row in enumerate(page.rows):
        size = page.header_pt or page.font_pt if r < page.header_rows else page.font_pt
        for (_, c), (_, cs) in lay.spans((row,)).items():
            cell = row[c]
            room = sum(page.col_widths[c:c + cs]) - 2 * mx
            bold = cell.bold or cell.role == "header"
            for word in re.split(r"[ \n]+", cell.text):  # as measure: a no-break space joins
                if word and word not in found and measure.breaks_words(word, room, size, bold):
                    file, sheet, line = (cell.origin.split("!") + ["", "", ""])[:3]
                    at_slashes = measure.longest_piece_width(word, size, bold, at_slashes=True) <= room
                    found[word] = (f"{file}, sheet {sheet}, baris {line}" if line else "", at_slashes)
    return [(word, origin, at_slashes) for word, (origin, at_slashes) in found.items()]


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
    """A native table with merges, theme fills by role and row group, and a fraction bar for formulas."""
    origins, kept, widths = _own_columns(lay.spans(page.rows), page.col_widths)
    covered = {(i, j): (i > r, j > c) for (r, c), (rs, cs) in origins.items()
               for i in range(r, r + rs) for j in range(c, c + cs) if (i, j) != (r, c)}
    band = _group_bands(page)
    rows = []
    for r, row in enumerate(page.rows):
        cells = []
        for c, k in enumerate(kept):
            content = row[k]
            if (r, c) in origins:
                size = page.header_pt or page.font_pt if r < page.header_rows else page.font_pt
                span = origins[(r, c)]
                room = sum(widths[c:c + span[1]]) - 2 * cfg["margin_x"]
                cells.append(_cell_xml(content, span, size, cfg, band[r], room))
                deck.trace(content.text, content.sources)
            else:
                cells.append(dml.covered_cell(*covered[(r, c)]))
        rows.append(cells)
    deck.add(slide, dml.table(frame.left, frame.top, widths, list(page.row_heights), rows))


def _own_columns(origins: dict, widths: tuple[float, ...]) -> tuple[dict, list[int], list[float]]:
    """The table without the grid columns in which no cell starts: (spans on the kept columns,
    the kept columns' indices, their widths).

    A column that every row covers with a merge from its left (the "× 100" column of an IKU table
    whose indicators have no formula rows) goes, its width to the column on its left: LibreOffice 7.4
    lays out the last row of such a table one column off and writes two cells' texts into one.
    """
    kept = sorted({c for _, c in origins})
    index = {c: k for k, c in enumerate(kept)}
    spans = {(r, index[c]): (rs, sum(1 for k in range(c, c + cs) if k in index)) for (r, c), (rs, cs) in origins.items()}
    ends = kept[1:] + [len(widths)]
    return spans, kept, [sum(widths[c:end]) for c, end in zip(kept, ends)]


def _group_bands(page: lay.TablePage) -> list[int]:
    """Alternate fills by row group (a merged block), not by row, so a group reads as one."""
    bands, band = [], 0
    for r, row in enumerate(page.rows):
        starts_group = r >= page.header_rows and not any(c.merged and c.text == "^" for c in row)
        band = band + 1 if starts_group else band
        bands.append(band)
    return bands


def _cell_xml(content: Cell, span: tuple[int, int], size: float, cfg: dict, band: int, room: float = 99.0) -> str:
    """One table cell: its lines as paragraphs, fill and text colour by role, anchor.

    A fraction's numerator (role "num") sits on the bar: its cell has a bottom border.
    """
    role = content.role
    fill, color = {"header": (cfg["warna_header"], cfg["warna_teks_header"]),
                   "total": (cfg["warna_total"], cfg["warna_teks_total"])}.get(
        role, (cfg["warna_baris"][band % len(cfg["warna_baris"])], "dk1"))
    bold = content.bold or role == "header"
    paragraphs = [dml.paragraph(measure.soft_breaks(line, room, size, bold), size, bold, color, content.align)
                  for line in content.text.split("\n")]
    return dml.table_cell(paragraphs, fill, {"num": "bottom", "den": "top"}.get(role, "middle"), cfg["margin_x"],
                          cfg["margin_y"], *span, bottom_border=cfg["warna_garis"] if role == "num" else None)


def render_gambar(deck: Deck, s: Slide) -> None:
    """A chart picture at the size it was drawn, centred in the content area; placed after every other
    slide is done (the image may still be drawing). A chart without data says so instead."""
    slide, frame = deck.new_slide("Title Only", s.title, s.source_file, s.caption)
    if s.notes:  # the categories a limited chart leaves out
        slide.notes_slide.notes_text_frame.text = s.notes
    if not s.image:
        _no_data(deck, slide, frame)
        return
    for text, sources in s.extra["chart"].figures() if "chart" in s.extra else ():
        deck.trace(text, sources)
    width, height = s.image_size
    left, top = frame.left + (frame.width - width) / 2, frame.top + max(0.0, frame.height - height) / 2
    deck.pictures.append((slide, s.image, Inches(left), Inches(top), Inches(width), Inches(height)))


def render_pohon(deck: Deck, s: Slide) -> None:
    cfg = deck.cfg["pohon"]
    pages = None
    i = 0
    while pages is None or i < len(pages):
        title = s.title if i == 0 or pages is None else _pohon_title(s.title, pages[i].title_suffix)
        slide, frame = deck.new_slide("Title Only", title, s.source_file, s.caption)
        if pages is None:
            pages = _pohon_pages(s, frame, deck.cfg)
            for problem in (p for page in pages for p in pohon.validate_page(page, frame)):
                deck.warn(problem)
            if pages[0].title_suffix:
                _retitle(deck, slide, _pohon_title(s.title, pages[0].title_suffix))
        _draw_tree(deck, slide, pages[i], cfg)
        notes = pohon.page_notes(pages[i])
        if notes:
            slide.notes_slide.notes_text_frame.text = notes
        if any(b.continued for b in pages[i].boxes):
            note = deck.cfg["catatan_kaki"]
            deck.text(slide, Frame(frame.left, frame.bottom + 0.02, frame.width, 0.3),
                      [(cfg["keterangan_lanjut"], note["font"], False)], color=note["warna"], inset_y=0.02)
        i += 1


def _pohon_title(title: str, suffix: str) -> str:
    """"POHON KINERJA — Program X (1/2)", or "POHON KINERJA (1/2)" for the tree's own pages."""
    return f"{title} {suffix}" if suffix.startswith("(") else f"{title} — {suffix}"


def _pohon_pages(s: Slide, frame: Frame, cfg: dict) -> list:
    """The tree's pages, a footnote's height kept free; a box too big for any slide is an input problem."""
    p = cfg["pohon"]
    area = Frame(frame.left, frame.top, frame.width, frame.height - 0.32)
    try:
        return pohon.layout_pages(s.tree, area, measure_height=_measure_height, max_pt=p["font_maks"],
                                  min_pt=p["font_min"], max_levels=p["tingkat_per_slide"],
                                  min_col_w=p["lebar_kotak_min"], max_col_w=p["lebar_kotak_maks"],
                                  word_width=measure.longest_piece_width)
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


def continued_heading(heading: str, suffix: str) -> str:
    """A block heading on a continuation: the suffix before a closing colon, "Permasalahan (lanjutan) :"."""
    match = re.fullmatch(r"(.*?)(\s*:)\s*", heading, re.S)
    return f"{match[1]}{suffix}{match[2]}" if match else heading + suffix


def _no_data(deck: Deck, slide, frame: Frame) -> None:
    """What an empty sheet shows: a valid slide that says so."""
    deck.text(slide, Frame(frame.left, frame.top, frame.width, 0.6), [(deck.cfg["kotak"]["tidak_ada_data"], 16, False)],
              align="center", anchor="middle")


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
        top = frame.top
        if s.groups:
            deck.text(slide, Frame(frame.left, frame.top, 4.5, PERANGKAT_LABEL_H),
                      [(s.extra["utama"].upper(), cfg["font_maks"], True)],
                      color="lt1", fill=cfg["warna_aksen"], anchor="middle", inset=0.08)
            top += PERANGKAT_LABEL_H + 0.05
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
            pages = pohon.chunks(list(range(len(rows))), count)
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
    frame = lay.content_frame(deck.cfg, bool(s.caption))
    per_page = max(len(s.blocks), 1)
    cells = lay.grid(per_page, per_page, frame, 0.3)
    head_h = 0.5
    body = Frame(0, 0, cells[0].width, cells[0].height - head_h)
    size, columns = _kondisi_columns(s.blocks, body, deck.cfg["daftar"])
    pages = [columns[i:i + per_page] for i in range(0, len(columns), per_page)] or [[]]
    for k, page in enumerate(pages):
        slide, frame = _continued(deck, s, k)
        if not any(b.lines for b in s.blocks):
            _no_data(deck, slide, frame)
            return
        for (b, pieces, more), cell in zip(page, cells):
            block = s.blocks[b]
            heading = continued_heading(block.heading, deck.cfg["judul"]["lanjutan"]) if more else block.heading
            _list_block(deck, slide, cell, head_h, heading, pieces, size)
            deck.trace("\n".join(p[0] for p in pieces), block.sources)


def _kondisi_columns(blocks, body: Frame, cfg: dict):
    """(size, columns): each column (block index, its pieces there, continued) at the largest size
    that needs no more columns than the floor does. A block fills its columns in order; an item
    longer than what is left of a column continues in the next one, cut between sentences."""
    def columns_at(size):
        return [(b, run, i > 0) for b, block in enumerate(blocks)
                for i, run in enumerate(_runs(_pieces(block.lines), body, size, cfg))]

    floor = columns_at(cfg["font_min"])
    size = cfg["font_maks"]
    while size > cfg["font_min"] and len(columns_at(size)) > len(floor):
        size -= lay.STEP_PT
    return size, columns_at(size)


_SENTENCE_END = re.compile(r"(?<=[^\d\s][.!?;])\s+(?=\S)")  # not after a list number ("2. ")


def _pieces(lines) -> list[tuple[str, bool, str]]:
    """The list's items cut where a column may end inside them, at line breaks and between
    sentences: (text, starts an item, joined to the piece before by " " or a line break)."""
    pieces = []
    for item in lines:
        first = True
        for k, line in enumerate(measure.LINE_BREAK.split(item)):
            for j, sentence in enumerate(x for x in _SENTENCE_END.split(line) if x):
                pieces.append((sentence, first, "\n" if k and not j else " "))
                first = False
    return pieces


def _list_paragraphs(pieces, size: float, indent: float) -> list[tuple]:
    """A column's paragraphs: an item starting here bulleted, what continues it hanging under its text."""
    paragraphs: list[tuple] = []
    for text, starts, joint in pieces:
        if paragraphs and not starts and joint == " ":
            paragraphs[-1] = (f"{paragraphs[-1][0]} {text}",) + paragraphs[-1][1:]
        else:
            paragraphs.append((text, size, False, "•" if starts else "", indent))
    return paragraphs or [("-", size, False)]


def _runs(pieces, body: Frame, size: float, cfg: dict) -> list[list]:
    """The pieces in columns filled in order; a piece taller than a whole column is cut between words."""
    runs, run = [], []
    for piece in _small_enough(pieces, body, size, cfg):
        if run and not _fits_pieces(run + [piece], body, size, cfg):
            runs.append(run)
            run = []
        run.append(piece)
    return runs + [run] if run or not runs else runs


def _small_enough(pieces, body: Frame, size: float, cfg: dict):
    """Each piece, halved between words (the halves joined by a space) while it is taller than a column."""
    for piece in pieces:
        words = piece[0].split(" ")
        if len(words) < 2 or _fits_pieces([piece], body, size, cfg):
            yield piece
            continue
        half = len(words) // 2
        yield from _small_enough([(" ".join(words[:half]), piece[1], piece[2]), (" ".join(words[half:]), False, " ")],
                                 body, size, cfg)


def _fits_pieces(pieces, body: Frame, size: float, cfg: dict) -> bool:
    """Whether the pieces, as a column's paragraphs, fit the body box at `size`, no word broken."""
    width, height = body.width - 2 * cfg["padding"], body.height - 2 * min(cfg["padding"], 0.05)
    paragraphs = _list_paragraphs(pieces, size, cfg["indent"])
    return (_paragraphs_height(paragraphs, width) <= height
            and not any(measure.breaks_words(p[0], width - cfg["indent"], size) for p in paragraphs))


# --- analisis per sasaran --------------------------------------------------------------------------
def analysis_plans(slides: list[Slide], tables: dict[int, list[lay.TablePage]], cfg: dict) -> dict[int, "AnalysisPlan"]:
    """The plan of every analysis slide (by its index), their texts at one size in the whole deck:
    the smallest any of them needs (`analysis_plan`), as tables of one kind share theirs."""
    own = {i: analysis_plan(cfg, s, tables[i]) for i, s in enumerate(slides) if s.kind == "analisis"}
    size = min((plan.size for plan in own.values()), default=None)
    return {i: plan if plan.size == size else analysis_plan(cfg, slides[i], tables[i], size) for i, plan in own.items()}


def render_analisis(deck: Deck, s: Slide, plan: "AnalysisPlan") -> None:
    """The sasaran's IKU table on top, then its Pendorong, Penghambat and Solusi side by side in
    columns, one bullet per IKU, as planned (`analysis_plans`)."""
    frame = _analysis_frame(deck.cfg, plan.extra)
    blocks = [b for b in s.blocks if b.lines]
    for n, page in enumerate(plan.pages):
        slide = _analysis_slide(deck, s, n, plan.caption, plan.extra)
        if page.table is not None:
            _analysis_table(deck, s, slide, frame, page.table, first=n == 0)
        if page.columns:
            area = Frame(frame.left, frame.top + page.top, frame.width, frame.height - page.top)
            _analysis_blocks(deck, slide, blocks, page.columns, lay.grid(len(blocks), len(blocks), area, ANALYSIS_GAP),
                             ANALYSIS_HEAD_H, plan.size)


ANALYSIS_HEAD_H, ANALYSIS_GAP, ANALYSIS_TABLE_GAP = 0.45, 0.25, 0.15  # inches: heading bar, between columns, under the table
ANALYSIS_MIN_BODY = 1.0  # inches of text under a heading, at least, for the texts to start under the table
MID_ITEM, MID_SENTENCE = 0.25, 1.0  # cost of a column ending inside an item (between sentences / inside one)
UNUSED_SLOT = 1.0  # cost of a column left empty on the last slide: as much as an empty column


@dataclass(frozen=True)
class AnalysisPage:
    """One slide of a sasaran's analysis: a page of its table (or none), and the text columns that
    start `top` inches under the content frame's top: (block index, pieces, continued) left to right."""

    table: lay.TablePage | None
    top: float = 0.0
    columns: tuple = ()


@dataclass(frozen=True)
class AnalysisPlan:
    """A sasaran's analysis laid out: its caption as shown, how much taller than a line it is, the
    size of its texts and its slides."""

    caption: str
    extra: float
    size: float
    pages: tuple[AnalysisPage, ...]


def analysis_plan(cfg: dict, s: Slide, pages: list[lay.TablePage], size: float | None = None) -> AnalysisPlan:
    """The slides of one sasaran's analysis, its texts at `size` (None: the largest size, down to
    `[daftar] font_min`, that needs no more slides than the floor).

    The texts start under the table's last page when at least ANALYSIS_MIN_BODY of room is left
    there, and continue on slides of their own. Each block (Pendorong, Penghambat, Solusi) starts a
    column and fills as many as it needs, spread evenly: of the layouts on the fewest slides, the one
    with the least squared empty share of its columns (a column left empty on the last slide counting
    as empty), a column ending inside an item costing more.
    """
    caption, extra = _analysis_caption(cfg, s.caption)
    frame = _analysis_frame(cfg, extra)
    table = _analysis_pages(cfg, s, pages, frame)
    blocks = [b for b in s.blocks if b.lines]
    daftar = cfg["daftar"]
    if size is None:
        sizes = measure.candidate_sizes(daftar["font_maks"], daftar["font_min"], lay.STEP_PT)
        floor = len(_analysis_layout(cfg, s, blocks, table, frame, sizes[-1]))
        unavoidable = _unbreakable(cfg, blocks, frame, sizes[-1])
        size = next(x for x in sizes if _unbreakable(cfg, blocks, frame, x) <= unavoidable
                    and len(_analysis_layout(cfg, s, blocks, table, frame, x)) <= floor)
    return AnalysisPlan(caption, extra, size, tuple(_analysis_layout(cfg, s, blocks, table, frame, size)))


def _analysis_layout(cfg: dict, s: Slide, blocks, table: list[lay.TablePage], frame: Frame,
                     size: float) -> list[AnalysisPage]:
    """The table's pages, then the texts in columns at `size`: under the table's last page where
    there is room, and on slides of their own; the fewest slides, then the evenest columns."""
    if not blocks:
        return [AnalysisPage(page) for page in table]
    last = table[-1]
    top = last.height + (_footnote_height(s.table, cfg) if last.marks else 0.0) + ANALYSIS_TABLE_GAP
    room = frame.height - top - ANALYSIS_HEAD_H
    under = room >= ANALYSIS_MIN_BODY
    flow = _TextFlow(cfg["daftar"], blocks, frame, size, room if under else None)
    n, options = flow.n, []
    for short in ([room] if under else []) + [None]:
        columns, cost = flow.columns(short)
        slides = len(table) + -(-(len(columns) - (n if short else 0)) // n)
        options.append((slides, cost + (0.0 if short or not under else n), short, columns))
    _, _, short, columns = min(options, key=lambda o: o[:2])
    out = [AnalysisPage(page) for page in table]
    if short:
        out[-1] = AnalysisPage(last, top, tuple(columns[:n]))
        columns = columns[n:]
    return out + [AnalysisPage(None, 0.0, tuple(columns[k:k + n])) for k in range(0, len(columns), n)]


def _unbreakable(cfg: dict, blocks, frame: Frame, size: float) -> set[str]:
    """The words of the texts wider than a column's line at `size` even where they may break after
    their slashes (measure wraps a word too wide for a line there, and the render marks it so)."""
    n, daftar = len(blocks), cfg["daftar"]
    line = (frame.width - ANALYSIS_GAP * (n - 1)) / n - 2 * daftar["padding"] - daftar["indent"]
    words = {w for b in blocks for item in b.lines for w in item.split()}
    return {w for w in words if measure.longest_piece_width(w, size, at_slashes=True) > line}


class _TextFlow:
    """The analysis texts as pieces (items cut between sentences, and between words where a sentence
    is taller than the smallest column) and their columns, each holding pieces of one block in order."""

    def __init__(self, cfg: dict, blocks, frame: Frame, size: float, short: float | None):
        self.cfg, self.size, self.n = cfg, size, len(blocks)
        self.text_w = (frame.width - ANALYSIS_GAP * (self.n - 1)) / self.n - 2 * cfg["padding"]
        self.inset = 2 * min(cfg["padding"], 0.05)
        self.full = frame.height - ANALYSIS_HEAD_H - self.inset
        self._heights: dict[tuple[int, int], float] = {}
        pieces = [(piece, b, 0.0 if piece[1] else MID_ITEM) for b, block in enumerate(blocks) for piece in _pieces(block.lines)]
        self.pieces, self.block, self.cost = map(list, zip(*self._split(pieces, min(self.full, self._room(short)))))
        self.ends = [max(k for k, x in enumerate(self.block) if x == b) + 1 for b in self.block]

    def _room(self, short: float | None) -> float:
        return self.full if short is None else short - self.inset

    def _split(self, pieces, room: float):
        """Each piece halved between words (the halves joined by a space) while it is taller than `room`."""
        for piece, b, cost in pieces:
            words = piece[0].split(" ")
            if len(words) < 2 or self._measure([piece]) <= room:
                yield piece, b, cost
                continue
            half = len(words) // 2
            yield from self._split([((" ".join(words[:half]), piece[1], piece[2]), b, cost),
                                    ((" ".join(words[half:]), False, " "), b, MID_SENTENCE)], room)

    def _measure(self, pieces) -> float:
        """Height of pieces as one column's paragraphs: a word wider than a line breaks after its
        slashes (or, without any, inside), never alone in a column of its own."""
        return _paragraphs_height(_list_paragraphs(pieces, self.size, self.cfg["indent"]), self.text_w)

    def height(self, i: int, j: int) -> float:
        """Height of pieces i..j as one column's paragraphs."""
        if (i, j) not in self._heights:
            self._heights[(i, j)] = self._measure(self.pieces[i:j])
        return self._heights[(i, j)]

    def capacity(self, k: int, short: float | None) -> float:
        """Room for text in column `k`: the first row of columns under the table has `short` (if any)."""
        return self._room(short) if short is not None and k < self.n else self.full

    def columns(self, short: float | None) -> tuple[list, float]:
        """(the columns as (block, pieces, continued), their cost), starting under the table (`short`:
        the room there) or on a slide of their own (None): as few slides as the fullest columns need,
        and on those the least squared empty share (a column left empty on the last slide counting as
        empty), a column ending inside an item costing more."""
        slots = -(-self._fewest(short) // self.n) * self.n
        best = self._spread(short, slots)
        out, i, k = [], 0, 0
        while i < len(self.pieces):
            j = best[(i, k)][1]
            out.append((self.block[i], tuple(self.pieces[i:j]), i > 0 and self.block[i - 1] == self.block[i]))
            i, k = j, k + 1
        return out, best[(0, 0)][0]

    def _fewest(self, short: float | None) -> int:
        """The fewest columns: each filled as far as it goes (for pieces in order, first fit is optimal)."""
        i = k = 0
        while i < len(self.pieces):
            j, cap = i + 1, self.capacity(k, short)
            while j < self.ends[i] and self.height(i, j + 1) <= cap:
                j += 1
            i, k = j, k + 1
        return k

    def _spread(self, short: float | None, slots: int) -> dict:
        """(cost, end) of the best columns from piece i in column k, for every i and k < slots."""
        count = len(self.pieces)
        best = {(count, k): (UNUSED_SLOT * (-k % self.n), count) for k in range(slots + 1)}
        for i in range(count - 1, -1, -1):
            for k in range(slots - 1, -1, -1):
                cap, options = self.capacity(k, short), []
                for j in range(i + 1, self.ends[i] + 1):
                    h = self.height(i, j)
                    if h > cap and j > i + 1:
                        break
                    rest = best.get((j, k + 1))
                    if rest is None:
                        continue
                    cut = self.cost[j] if j < self.ends[i] else 0.0
                    options.append(((max(cap - h, 0.0) / cap) ** 2 + cut + (100.0 if h > cap else 0.0) + rest[0], j))
                if options:
                    best[(i, k)] = min(options)
        return best


def _analysis_caption(cfg: dict, caption: str) -> tuple[str, float]:
    """(the caption as shown, how much taller than one line it is). A sasaran's name wraps and
    what follows moves down; beyond `[subjudul] baris_maks` lines it ends at a word with "…"
    (the speaker notes name the sasaran whole)."""
    sub = cfg["subjudul"]
    width, size, most = lay.caption_frame(cfg).width, sub["font"], sub.get("baris_maks", 3)
    lines = measure.wrap(caption, width, size, True)
    if len(lines) > most:
        words = caption.split()
        while len(words) > 1 and len(measure.wrap(" ".join(words) + "…", width, size, True)) > most:
            words.pop()
        caption = " ".join(words).rstrip(",;:") + "…"
        lines = measure.wrap(caption, width, size, True)
    return caption, (len(lines) - 1) * measure.line_height(size)


def _analysis_frame(cfg: dict, extra: float) -> Frame:
    """The content area under a caption `extra` inches taller than one line."""
    frame = lay.content_frame(cfg, True)
    return Frame(frame.left, frame.top + extra, frame.width, frame.height - extra)


def _analysis_pages(cfg: dict, s: Slide, pages: list[lay.TablePage], frame: Frame) -> list[lay.TablePage]:
    """The table's pages in the room the caption leaves, at the size of its kind in the deck."""
    if abs(frame.height - lay.content_frame(cfg, True).height) < 1e-9:
        return pages
    t = cfg["tabel"]
    return lay.paginate_table(s.table, frame, t["margin_x"], t["margin_y"], pages[0].font_pt,
                              _footnote_height(s.table, cfg), header_min=t["font_min_judul"])


def _analysis_slide(deck: Deck, s: Slide, n: int, caption: str, extra: float):
    """Slide `n` of a sasaran's analysis, with its caption in a box as tall as its lines."""
    slide, _ = _continued(deck, s, n, caption="")
    sub, box = deck.cfg["subjudul"], lay.caption_frame(deck.cfg)
    deck.text(slide, Frame(box.left, box.top, box.width, box.height + extra), [(caption, sub["font"], True)],
              color=sub["warna"], inset=0)
    return slide


def _analysis_table(deck: Deck, s: Slide, slide, frame: Frame, page: lay.TablePage, first: bool = True) -> None:
    deck.legible(page.font_pt, s.title)
    _draw_table(deck, slide, frame, page, deck.cfg["tabel"])
    if page.marks:
        _footnote(deck, slide, frame, s.table, page.marks, page.height)
    if first and s.notes:
        slide.notes_slide.notes_text_frame.text = s.notes


def _analysis_blocks(deck: Deck, slide, blocks, columns, cells, head_h: float, size: float) -> None:
    for (b, pieces, more), cell in zip(columns, cells):
        heading = continued_heading(blocks[b].heading, deck.cfg["judul"]["lanjutan"]) if more else blocks[b].heading
        _list_block(deck, slide, cell, head_h, heading, pieces, size)


def _list_block(deck: Deck, slide, cell: Frame, head_h: float, heading: str, pieces, size: float) -> None:
    """A heading bar over a box of bulleted items with hanging indents."""
    cfg, box = deck.cfg["daftar"], deck.cfg["kotak"]
    deck.text(slide, Frame(cell.left, cell.top, cell.width, head_h), [(heading, cfg["font_judul"], True)],
              color="lt1", fill=box["warna"], anchor="middle", inset=0.12)
    paragraphs = _list_paragraphs(pieces, size, cfg["indent"])
    deck.text(slide, Frame(cell.left, cell.top + head_h, cell.width, cell.height - head_h), paragraphs,
              fill=box["warna_isi"], line=None, inset=cfg["padding"])


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


RENDERERS = {"judul": render_judul, "penutup": render_judul, "gambar": render_gambar,
             "pohon": render_pohon, "perangkat": render_perangkat, "kondisi": render_kondisi,
             "logframe": render_logframe}


def render(slides: list[Slide], master: Path, cfg: dict, out_path: Path, properties: dict | None = None,
           before_pictures=None) -> RenderReport:
    """Write the deck; returns pages, traced figures and layout warnings.

    Pictures are inserted last, after `before_pictures()` (which waits until their files exist),
    each as the top shape of its slide.
    """
    deck = Deck(master, cfg)
    tables, _ = table_pages(slides, cfg)
    analyses = analysis_plans(slides, tables, cfg)
    for i, s in enumerate(slides):
        if s.kind == "tabel":
            render_tabel(deck, s, tables[i])
        elif s.kind == "analisis":
            render_analisis(deck, s, analyses[i])
        else:
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
