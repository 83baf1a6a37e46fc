"""Three times the indicators, names twice as long: tables split, nothing overflows (PPTX and PDF)."""
import shutil

import pytest
from pptx import Presentation
from pptx.util import Emu

from sakip_report.build import Options, build
from sakip_report.layoutcheck import check_pdf
from stress import make_stress_data

HAS_SOFFICE = shutil.which("soffice") is not None


@pytest.fixture(scope="module")
def stress_build(tmp_path_factory):
    data = make_stress_data(tmp_path_factory.mktemp("stress-data"))
    out = tmp_path_factory.mktemp("stress-out")
    formats = ("pptx", "pdf") if HAS_SOFFICE else ("pptx",)
    result = build(Options(data=data, out=out, formats=formats, preview=False))
    return result, out


def test_stress_build_has_no_layout_warnings(stress_build):
    result, _ = stress_build
    assert result.warnings == []


def test_stress_tables_continue_on_new_slides_with_their_header(stress_build):
    _, out = stress_build
    deck = Presentation(str(next(out.glob("*.pptx"))))
    titles = [s.shapes.title.text_frame.text for s in deck.slides if s.shapes.title is not None]
    continued = [t for t in titles if t.endswith("(lanjutan)")]
    assert any(t.startswith("CAPAIAN INDIKATOR KINERJA PENDUKUNG") for t in continued)
    assert any(t.startswith("INDIKATOR KINERJA PENDUKUNG PD") for t in continued)
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_table:
                header = shape.table.cell(0, 0).text_frame.text
                assert header == "NO" or header.isupper(), header


def test_stress_shapes_stay_on_their_slides(stress_build):
    _, out = stress_build
    deck = Presentation(str(next(out.glob("*.pptx"))))
    width, height = deck.slide_width, deck.slide_height
    for number, slide in enumerate(deck.slides, 1):
        for shape in slide.shapes:
            bottom = shape.top + (sum(r.height for r in shape.table.rows) if shape.has_table else shape.height)
            assert 0 <= shape.left and shape.left + shape.width <= width, (number, shape.name)
            assert 0 <= shape.top and bottom <= height, (number, shape.name, Emu(bottom).inches)


@pytest.mark.skipif(not HAS_SOFFICE, reason="LibreOffice (soffice) is not installed")
def test_stress_pdf_has_no_glyph_outside_a_page_or_over_another(stress_build):
    _, out = stress_build
    pdf = next(out.glob("*.pdf"))
    deck = Presentation(str(next(out.glob("*.pptx"))))
    problems = check_pdf(pdf, expected_pages=len(deck.slides))
    assert problems == [], "\n".join(map(str, problems))
