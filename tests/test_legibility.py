"""Every agency under data/ and a stress agency read from the back of a meeting room.

Floors from templates/layout.toml: no text below [keterbacaan] font_min on any slide (PPTX and
PDF), table bodies at [tabel] font_min or more, no word broken across two lines, one colour per
pohon kinerja level and one font size per kind of table on every slide.
"""
from __future__ import annotations

import json
import shutil
import tomllib
from collections import defaultdict
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Pt

from deck_text import shape_texts
from sakip_report import paths
from sakip_report.build import Options, build
from sakip_report.layoutcheck import check_pdf, deck_words
from stress import make_stress_data

LAYOUT = tomllib.loads((paths.TEMPLATES / paths.LAYOUT).read_text(encoding="utf-8"))
FLOOR = LAYOUT["keterbacaan"]["font_min"]
TABLE_FLOOR = LAYOUT["tabel"]["font_min"]
HAS_SOFFICE = shutil.which("soffice") is not None
AGENCIES = sorted(p.parent.name for p in (paths.ROOT / "data").glob("*/kinerja.xlsx"))


@pytest.fixture(scope="module", params=AGENCIES + ["stress"])
def built(request, tmp_path_factory):
    """(BuildResult, pptx, pdf or None, manifest) of one agency, PDF included when LibreOffice is there."""
    if request.param == "stress":
        data = make_stress_data(tmp_path_factory.mktemp("stress-data"))
    else:
        data = paths.ROOT / "data" / request.param
    out = tmp_path_factory.mktemp(f"legible-{request.param}")
    result = build(Options(data=data, out=out, formats=("pptx", "pdf") if HAS_SOFFICE else ("pptx",), preview=False))
    pdf = next(out.glob("*.pdf"), None)
    return result, next(out.glob("*.pptx")), pdf, json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def test_agencies_are_all_there():
    assert {"sample", "contoh-dinsos", "contoh-dinkes"} <= set(AGENCIES)


def test_no_layout_warnings(built):
    result, *_ = built
    assert not [w for w in result.warnings if "pt" in w or "muat" in w], result.warnings


def _runs(shape):
    """(size in pt or None, text) of every run of a shape's text or table cells."""
    frames = [shape.text_frame] if shape.has_text_frame else []
    if getattr(shape, "has_table", False) and shape.has_table:
        frames += [cell.text_frame for row in shape.table.rows for cell in row.cells]
    for frame in frames:
        for paragraph in frame.paragraphs:
            for run in paragraph.runs:
                if run.text.strip():
                    yield (run.font.size.pt if run.font.size else None), run.text


def test_every_run_of_text_is_at_least_the_floor(built):
    _, pptx, *_ = built
    small = [(n, size, text) for n, slide in enumerate(Presentation(str(pptx)).slides, 1)
             for shape in slide.shapes for size, text in _runs(shape) if size is not None and size < FLOOR]
    assert small == [], small[:10]


def test_table_bodies_are_at_least_the_table_floor(built):
    _, pptx, *_ = built
    for n, slide in enumerate(Presentation(str(pptx)).slides, 1):
        for shape in slide.shapes:
            if getattr(shape, "has_table", False) and shape.has_table:
                sizes = {size for size, _ in _runs(shape)}
                assert min(sizes) >= TABLE_FLOOR, (n, sizes)


def _table_kinds() -> dict[str, str]:
    """slides/NN_x.toml → the kind of table it defines."""
    return {f"slides/{p.name}": tomllib.loads(p.read_text(encoding="utf-8")).get("tabel", "")
            for p in paths.SLIDES.glob("*.toml")}


def test_tables_of_one_kind_share_one_size(built):
    _, pptx, _, manifest = built
    kinds, sizes = _table_kinds(), defaultdict(set)
    for page, slide in zip(manifest["slide"], Presentation(str(pptx)).slides):
        kind = kinds.get(page["definisi"])
        for shape in slide.shapes:
            if kind and getattr(shape, "has_table", False) and shape.has_table:
                sizes[kind] |= {size for size, _ in _runs(shape)}
    assert sizes["capaian"], "the deck has capaian tables"
    assert all(len(s) == 1 for s in sizes.values()), dict(sizes)


def test_each_pohon_level_has_one_colour_on_every_slide(built):
    _, pptx, *_ = built
    colours = defaultdict(set)
    for slide in Presentation(str(pptx)).slides:
        title = slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""
        if not title.startswith("POHON KINERJA"):
            continue
        for shape in slide.shapes:
            if shape.has_text_frame and shape.shape_type == 1 and shape.text_frame.paragraphs:  # autoshape boxes
                heading = shape.text_frame.paragraphs[0].text
                fill = shape._element.spPr.find(
                    "{http://schemas.openxmlformats.org/drawingml/2006/main}solidFill")
                if fill is not None and heading.isupper():
                    colours[heading].add(fill[0].get("val"))
    assert {"PROGRAM", "KEGIATAN", "SUB KEGIATAN"} <= set(colours), dict(colours)
    assert all(len(c) == 1 for c in colours.values()), dict(colours)
    assert len({next(iter(c)) for c in colours.values()}) == len(colours)  # and the levels differ


@pytest.mark.skipif(not HAS_SOFFICE, reason="LibreOffice (soffice) is not installed")
def test_pdf_text_is_on_its_page_unbroken_and_at_least_the_floor(built):
    _, pptx, pdf, _ = built
    deck = Presentation(str(pptx))
    words = deck_words(t for slide in deck.slides for t in shape_texts(slide.shapes))
    problems = check_pdf(pdf, expected_pages=len(deck.slides), min_pt=FLOOR, words=words)
    assert problems == [], "\n".join(map(str, problems[:20]))


def test_floors_are_read_from_the_layout_file():
    assert FLOOR >= 10 and TABLE_FLOOR >= 12 and Pt(FLOOR) > 0
