"""LibreOffice started early: the conversion goes through it, and nothing is left running."""
import shutil

import pytest
from pptx import Presentation
from pptx.util import Inches

from sakip_report.pdf import WarmOffice

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")


def small_deck(path):
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    slide.shapes.add_textbox(Inches(1), Inches(1), Inches(4), Inches(1)).text_frame.text = "Capaian 94,87%"
    prs.save(str(path))
    return path


def test_warm_office_converts_and_leaves_no_process_or_profile(tmp_path):
    deck = small_deck(tmp_path / "deck.pptx")
    office = WarmOffice()
    try:
        pdf = office.convert(deck, tmp_path / "out")
        assert pdf.read_bytes().startswith(b"%PDF")
    finally:
        office.close()
    assert office.process.poll() is not None
    assert not office.work_dir.exists()


def test_warm_office_converts_twice_through_one_instance(tmp_path):
    with WarmOffice() as office:
        first = office.convert(small_deck(tmp_path / "a.pptx"), tmp_path / "out")
        second = office.convert(small_deck(tmp_path / "b.pptx"), tmp_path / "out")
    assert first.exists() and second.exists()
