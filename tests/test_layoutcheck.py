"""Tests for the PDF layout check, on decks rendered by LibreOffice and on synthetic glyphs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.util import Inches, Pt

from sakip_report import pdf
from sakip_report.layoutcheck import (
    LayoutProblem,
    _Glyph,
    _overlap_problems,
    _Page,
    check_pdf,
    page_texts,
)

FONT_DIR = Path(__file__).resolve().parents[1] / "templates" / "fonts"
needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice not installed"
)


def add_text(slide, x: float, y: float, w: float, h: float, text: str) -> None:
    """Add a fixed-size, word-wrapped 18 pt text box (inches)."""
    box = slide.shapes.add_textbox(Inches(x), Inches(y), Inches(w), Inches(h))
    frame = box.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE  # keep the box size: overflowing text spills out
    frame.text = text
    for run in frame.paragraphs[0].runs:
        run.font.size = Pt(18)
        run.font.name = "Calibri"


def save_deck(path: Path, slides: list[list[tuple]]) -> Path:
    """Write a 16:9 deck; each slide is a list of add_text argument tuples."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    for boxes in slides:
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        for box in boxes:
            add_text(slide, *box)
    prs.save(path)
    return path


CLEAN = [
    [(1, 1, 6, 0.6, "Capaian Kinerja 2024"), (1, 2, 6, 0.6, "Realisasi Anggaran")],
    [(1, 1, 11, 0.6, "Indikator Kinerja Utama"), (1, 6.5, 11, 0.6, "Sumber: LKj 2024")],
]
FAULTY = [
    CLEAN[0],
    [  # slide 2: the upper box overflows into the lower one
        (1, 1, 4, 0.6, "Teks yang terlalu panjang meluap ke kotak di bawahnya " * 4),
        (1, 1.8, 4, 0.6, "KOTAK BAWAH TIDAK BOLEH TERTIMPA"),
    ],
    [(11.5, 6.8, 4, 0.6, "Sebagian di luar slide ini")],  # slide 3: runs off the right edge
]


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    """Render both decks with one soffice run."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice not installed")
    tmp = tmp_path_factory.mktemp("layout")
    decks = [save_deck(tmp / "clean.pptx", CLEAN), save_deck(tmp / "faulty.pptx", FAULTY)]
    clean, faulty = pdf.convert_many(decks, tmp / "pdf", font_dir=FONT_DIR)
    return {"clean": clean, "faulty": faulty}


@needs_soffice
def test_clean_deck_has_no_problems(pdfs):
    assert check_pdf(pdfs["clean"], expected_pages=2) == []
    texts = page_texts(pdfs["clean"])
    assert len(texts) == 2
    assert "Capaian Kinerja 2024" in texts[0] and "Sumber: LKj 2024" in texts[1]


@needs_soffice
def test_overflowing_text_box_is_an_overlap(pdfs):
    problems = check_pdf(pdfs["faulty"])
    overlaps = [p for p in problems if p.kind == "overlap"]
    assert overlaps and {p.page for p in overlaps} == {2}
    lower_words = {"KOTAK", "BAWAH", "TIDAK", "BOLEH", "TERTIMPA"}
    for problem in overlaps:
        first, second = problem.text.split(" / ")
        # Every reported pair is overflow text against the box below, never within one box.
        assert (first in lower_words) != (second in lower_words), problem


@needs_soffice
def test_text_off_the_slide_is_outside_page(pdfs):
    outside = [p for p in check_pdf(pdfs["faulty"]) if p.kind == "outside_page"]
    assert [p.page for p in outside] == [3]
    assert "ini" in outside[0].text.split()


@needs_soffice
def test_page_count_mismatch(pdfs):
    problems = check_pdf(pdfs["clean"], expected_pages=3)
    assert problems == [LayoutProblem(0, "page_count", "", problems[0].detail)]
    assert "expected 3" in problems[0].detail


def glyphs_for(*words: tuple[str, float, float, float]) -> _Page:
    """Build a page from (word, x, top, advance) tuples: one glyph per letter, 10 pt high."""
    glyphs, texts = [], []
    for word_index, (word, x, top, advance) in enumerate(words):
        texts.append(word)
        for k, _ in enumerate(word):
            x0 = x + k * advance
            glyphs.append(_Glyph(len(glyphs), word_index, x0, x0 + 6, top, top + 10, 10, True))
    return _Page(1, (0, 0, 500, 500), glyphs, texts)


def test_kerned_neighbours_are_not_overlaps():
    # 6 pt boxes advancing 4 pt: each glyph overlaps the next by a third
    assert _overlap_problems(glyphs_for(("AVATAR", 10, 10, 4))) == []


def test_text_from_another_line_overlapping_is_reported_per_word_pair():
    page = glyphs_for(("Realisasi", 10, 10, 6), ("Anggaran", 12, 14, 6))
    problems = _overlap_problems(page)
    assert [p.text for p in problems] == ["Realisasi / Anggaran"]
    assert problems[0].page == 1 and "glyph pair" in problems[0].detail


def test_shadow_copy_of_a_word_is_not_an_overlap():
    assert _overlap_problems(glyphs_for(("Judul", 10, 10, 6), ("Judul", 11.5, 11.5, 6))) == []


def test_grid_scales_to_dense_pages():
    lines = [(f"w{i:04d}" * 8, 5, 5 + 12 * i, 6) for i in range(40)]
    page = glyphs_for(*lines)  # 40 lines x 40 glyphs, none colliding
    assert len(page.glyphs) == 1600 and _overlap_problems(page) == []
