"""Geometry of the sample deck: everything on the slide, nothing overlapping, and a clean PDF.

Positions are read from the PPTX in EMU (914 400 per inch); group children are mapped to slide
coordinates through their group's child offset/extent.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn
from pptx.shapes.connector import Connector
from pptx.util import Inches

from sakip_report.layoutcheck import check_pdf, page_texts

EMU_PER_INCH = 914_400
PDF_KEY_FIGURES = ("7.454.074.768", "94,87%", "183,86%", "95,14")


@dataclass(frozen=True)
class Box:
    """A shape's bounding box in slide coordinates, and what it carries."""

    slide: int
    name: str
    left: float
    top: float
    right: float
    bottom: float
    text: str  # "" for shapes without text
    kind: str  # "text", "table", "picture", "connector", "shape"
    filled: bool
    ends: tuple[tuple[float, float], tuple[float, float]] | None = None  # connectors

    @property
    def content(self) -> bool:
        """Carries something to read: text, a table or a picture (chart)."""
        return bool(self.text.strip()) or self.kind in ("table", "picture")

    def label(self) -> str:
        first = self.text.strip().splitlines()[0][:50] if self.text.strip() else self.kind
        return f"{self.name} [{first!r}] ({_inch(self.left)}, {_inch(self.top)})–({_inch(self.right)}, {_inch(self.bottom)}) in"

    def contains(self, other: "Box") -> bool:
        return (self.left <= other.left and self.top <= other.top
                and other.right <= self.right and other.bottom <= self.bottom)


def _inch(emu: float) -> str:
    return f"{emu / EMU_PER_INCH:.2f}"


class _Transform:
    """Maps a group's child coordinates to slide coordinates."""

    def __init__(self, dx=0.0, dy=0.0, sx=1.0, sy=1.0):
        self.dx, self.dy, self.sx, self.sy = dx, dy, sx, sy

    def point(self, x, y):
        return self.dx + x * self.sx, self.dy + y * self.sy

    def child_of(self, group) -> "_Transform":
        xfrm = group._element.grpSpPr.find("{http://schemas.openxmlformats.org/drawingml/2006/main}xfrm")
        off, ext = xfrm.find("{*}off"), xfrm.find("{*}ext")
        ch_off, ch_ext = xfrm.find("{*}chOff"), xfrm.find("{*}chExt")
        ox, oy, cx, cy = (int(v) for v in (off.get("x"), off.get("y"), ext.get("cx"), ext.get("cy")))
        if ch_off is None or ch_ext is None:
            cox, coy, ccx, ccy = ox, oy, cx, cy
        else:
            cox, coy = int(ch_off.get("x")), int(ch_off.get("y"))
            ccx, ccy = int(ch_ext.get("cx")) or cx, int(ch_ext.get("cy")) or cy
        sx, sy = cx / ccx if ccx else 1.0, cy / ccy if ccy else 1.0
        # child point p -> group point off + (p - chOff) * scale -> slide point via self
        return _Transform(self.dx + self.sx * (ox - cox * sx), self.dy + self.sy * (oy - coy * sy),
                          self.sx * sx, self.sy * sy)


def _filled(shape) -> bool:
    try:
        return shape.fill.type is not None and shape.fill.type != 5  # 5: MSO_FILL.BACKGROUND
    except (AttributeError, TypeError, NotImplementedError):
        return False


def _boxes(shapes, slide: int, tf: _Transform = _Transform()):
    for shape in shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from _boxes(shape.shapes, slide, tf.child_of(shape))
            continue
        (x0, y0), (x1, y1) = tf.point(shape.left, shape.top), tf.point(shape.left + shape.width, shape.top + shape.height)
        if isinstance(shape, Connector):
            ends = (tf.point(shape.begin_x, shape.begin_y), tf.point(shape.end_x, shape.end_y))
            yield Box(slide, shape.name, x0, y0, x1, y1, "", "connector", False, ends)
            continue
        if getattr(shape, "has_table", False) and shape.has_table:
            text = " | ".join(c.text for r in shape.table.rows for c in r.cells)
            yield Box(slide, shape.name, x0, y0, x1, y1, text, "table", True)
        elif shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
            yield Box(slide, shape.name, x0, y0, x1, y1, "", "picture", True)
        else:
            text = shape.text_frame.text if shape.has_text_frame else ""
            yield Box(slide, shape.name, x0, y0, x1, y1, text, "text" if text.strip() else "shape", _filled(shape))


@pytest.fixture(scope="module")
def deck(sample_build):
    return Presentation(str(sample_build[1]))


@pytest.fixture(scope="module")
def boxes(deck) -> list[list[Box]]:
    return [list(_boxes(slide.shapes, n)) for n, slide in enumerate(deck.slides, 1)]


def _title(slide) -> str:
    shape = slide.shapes.title
    return shape.text_frame.text if shape is not None else ""


# --- slide ------------------------------------------------------------------------------------


def test_slide_size_is_16_9(deck):
    w, h = deck.slide_width, deck.slide_height
    assert abs(w / EMU_PER_INCH - 13.333) < 0.001 and h == Inches(7.5), (
        f"slide is {w / EMU_PER_INCH:.3f} × {h / EMU_PER_INCH:.3f} in, expected 13.333 × 7.5"
    )


def test_every_shape_lies_inside_the_slide(deck, boxes):
    W, H = deck.slide_width, deck.slide_height
    outside = [f"slide {b.slide}: {b.label()}" for slide in boxes for b in slide
               if b.kind != "connector" and not (0 <= b.left and 0 <= b.top and b.right <= W and b.bottom <= H)]
    assert sum(len(s) for s in boxes) > 100, "suspiciously few shapes read"
    assert not outside, "shapes outside the slide:\n  " + "\n  ".join(outside)


def test_connector_ends_lie_inside_the_slide(deck, boxes):
    W, H = deck.slide_width, deck.slide_height
    connectors = [b for slide in boxes for b in slide if b.kind == "connector"]
    assert connectors, "the deck draws connectors (logical framework, pohon kinerja)"
    outside = [f"slide {b.slide}: {b.name} {b.ends}" for b in connectors
               if not all(0 <= x <= W and 0 <= y <= H for x, y in b.ends)]
    assert not outside, "connector end points outside the slide:\n  " + "\n  ".join(outside)


# --- overlaps ---------------------------------------------------------------------------------


def _overlap(a: Box, b: Box) -> bool:
    """Intersect with a positive area (touching edges are fine)."""
    return min(a.right, b.right) > max(a.left, b.left) and min(a.bottom, b.bottom) > max(a.top, b.top)


def _overlap_problems(slide: list[Box]) -> list[str]:
    """Content shapes overlapping each other, or sticking out of an empty filled panel."""
    problems = []
    shapes = [b for b in slide if b.kind != "connector"]
    for a, b in combinations(shapes, 2):
        if not _overlap(a, b):
            continue
        if a.content and b.content:
            problems.append(f"slide {a.slide}: {a.label()}  overlaps  {b.label()}")
            continue
        panel, inner = (a, b) if not a.content else (b, a)
        if inner.content and panel.filled and not panel.contains(inner):
            problems.append(f"slide {a.slide}: {inner.label()}  sticks out of panel  {panel.label()}")
    return problems


def test_no_text_bearing_shapes_overlap(boxes):
    problems = [p for slide in boxes for p in _overlap_problems(slide)]
    assert not problems, "overlapping shapes:\n  " + "\n  ".join(problems)


def test_overlap_check_sees_the_diagram_boxes(deck, boxes):
    """The check above is not vacuous: the Pohon Kinerja and perangkat daerah boxes are in it."""
    def text_boxes(slide_boxes):
        return sum(b.kind == "text" and not b.name.startswith("Title") for b in slide_boxes)

    pohon = [(n, text_boxes(boxes[n - 1])) for n, s in enumerate(deck.slides, 1)
             if _title(s).upper().startswith("POHON KINERJA")]
    perangkat = [(n, text_boxes(b)) for n, b in enumerate(boxes, 1)
                 if any(x.text.strip().upper() == "PERANGKAT DAERAH UTAMA" for x in b)]
    assert len(pohon) >= 3 and all(count >= 5 for _, count in pohon), f"pohon kinerja (slide, boxes): {pohon}"
    assert len(perangkat) == 1 and perangkat[0][1] >= 16, f"perangkat daerah (slide, boxes): {perangkat}"


def test_overlap_check_catches_an_overlap(boxes):
    """Sanity: moving one pohon kinerja box onto its neighbour is reported."""
    from dataclasses import replace

    slide = next(s for s in boxes if sum(b.kind == "text" for b in s) >= 8 and any("PROGRAM" in b.text for b in s))
    texts = [b for b in slide if b.kind == "text" and not b.name.startswith("Title")]
    a, b = texts[1], texts[2]
    moved = replace(b, left=a.left + 10, top=a.top + 10, right=a.left + 10 + (b.right - b.left),
                    bottom=a.top + 10 + (b.bottom - b.top))
    assert _overlap_problems([moved if x is b else x for x in slide])


# --- tables -----------------------------------------------------------------------------------


def _table_frames(deck):
    for n, slide in enumerate(deck.slides, 1):
        for shape in slide.shapes:
            if getattr(shape, "has_table", False) and shape.has_table:
                yield n, shape


def test_tables_fit_on_the_slide(deck):
    frames = list(_table_frames(deck))
    assert len(frames) >= 9, f"only {len(frames)} tables"
    problems = []
    for n, frame in frames:
        height = sum(row.height for row in frame.table.rows)
        width = sum(col.width for col in frame.table.columns)
        if frame.top + height > deck.slide_height:
            problems.append(f"slide {n}: rows end at {_inch(frame.top + height)} in > {_inch(deck.slide_height)} in")
        if frame.left + width > deck.slide_width:
            problems.append(f"slide {n}: columns end at {_inch(frame.left + width)} in > {_inch(deck.slide_width)} in")
    assert not problems, "tables running off the slide:\n  " + "\n  ".join(problems)


def test_no_shape_takes_a_shadow_from_the_theme(deck):
    """The slides are flat: shapes and connectors refer to no theme effect and list none.

    The theme's effect styles are blurred outer shadows. An empty <a:effectLst/> hides them in
    PowerPoint, but LibreOffice draws the style's shadow anyway (and slowly), so the style
    reference itself must be "no effect" (idx 0).
    """
    problems = []
    for n, slide in enumerate(deck.slides, 1):
        for el in slide.shapes._spTree.iter(qn("p:sp"), qn("p:cxnSp")):
            name = el.find(".//" + qn("p:cNvPr")).get("name")
            ref = el.find(f"{qn('p:style')}/{qn('a:effectRef')}")
            if ref is not None and ref.get("idx") != "0":
                problems.append(f"slide {n}, {name}: effectRef idx={ref.get('idx')}")
            effects = el.find(f"{qn('p:spPr')}/{qn('a:effectLst')}")
            if effects is not None and len(effects):
                problems.append(f"slide {n}, {name}: effects {[child.tag for child in effects]}")
            if ref is not None and effects is None:
                problems.append(f"slide {n}, {name}: a style but no empty effect list")
    assert not problems, "shapes with a shadow:\n  " + "\n  ".join(problems)


# --- PDF ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_pdf(sample_pdf_build):
    result, pptx = sample_pdf_build
    pdfs = [p for p in result.outputs if p.suffix == ".pdf"]
    assert len(pdfs) == 1, f"expected one PDF among the outputs, got {result.outputs}"
    return pdfs[0], len(Presentation(str(pptx)).slides)


def test_pdf_layout_has_no_problems(sample_pdf):
    pdf, slides = sample_pdf
    problems = check_pdf(pdf, expected_pages=slides)
    assert not problems, f"{len(problems)} PDF layout problems:\n  " + "\n  ".join(
        f"page {p.page}: {p.kind} — {p.text!r} {p.detail}" for p in problems
    )


@pytest.fixture(scope="module")
def pdf_texts(sample_pdf) -> list[str]:
    return page_texts(sample_pdf[0])


@pytest.mark.parametrize("figure", PDF_KEY_FIGURES)
def test_pdf_shows_key_figures(figure, pdf_texts):
    texts = pdf_texts
    assert any(figure in t for t in texts), f"{figure} not on any of the {len(texts)} PDF pages"


def test_pdf_images_are_the_charts(deck, sample_pdf):
    """Each page's only images are its slide's pictures (the charts): no shadows drawn as bitmaps."""
    import pdfplumber

    pictures = [sum(s.shape_type == MSO_SHAPE_TYPE.PICTURE for s in slide.shapes) for slide in deck.slides]
    with pdfplumber.open(sample_pdf[0]) as doc:
        images = [len(page.images) for page in doc.pages]
    assert sum(pictures) >= 5, "the sample deck has its charts"
    assert images == pictures, "images per page differ from pictures per slide: " + ", ".join(
        f"page {n}: {i} images, {p} pictures" for n, (i, p) in enumerate(zip(images, pictures), 1) if i != p)
