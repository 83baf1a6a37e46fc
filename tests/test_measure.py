"""Tests for text measurement with Carlito metrics, including a LibreOffice cross-check."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sakip_report import measure
from sakip_report.measure import (
    fit_font_size,
    font_path,
    line_height,
    text_height,
    text_width,
    wrap,
)

PARAGRAPH = (
    "Meningkatnya kualitas tata kelola pemerintahan daerah melalui penguatan akuntabilitas kinerja, "
    "perencanaan dan penganggaran yang terintegrasi serta pengawasan internal yang efektif"
)


# ------------------------------------------------------------------ fonts & metrics


@pytest.mark.parametrize("bold", [False, True])
def test_font_files_exist(bold: bool):
    assert font_path(bold).is_file()
    assert font_path(bold, "heading").is_file()


@pytest.mark.parametrize("size_pt", [9, 12, 18, 24.5])
def test_line_height_is_carlito_single_spacing(size_pt: float):
    assert line_height(size_pt) == pytest.approx(size_pt * 1.2207 / 72, rel=1e-3)


# ------------------------------------------------------------------ widths


@pytest.mark.parametrize(
    ("narrow", "wide"),
    [
        (("Kinerja", 10, False), ("Kinerja", 12, False)),
        (("Kinerja", 12, False), ("Kinerja", 24, False)),
        (("Kinerja", 12, False), ("Kinerja Instansi", 12, False)),
        (("Rp 1.000", 11, False), ("Rp 1.000.000", 11, False)),
        (("Anggaran", 12, False), ("Anggaran", 12, True)),
    ],
)
def test_width_grows_with_size_length_and_weight(narrow: tuple, wide: tuple):
    assert 0 < text_width(*narrow) < text_width(*wide)


def test_width_scales_linearly_with_size():
    assert text_width("Capaian Kinerja", 24) == pytest.approx(2 * text_width("Capaian Kinerja", 12), rel=0.02)


def test_empty_text_has_no_width():
    assert text_width("", 12) == 0


def test_width_includes_safety_margin():
    assert measure.WIDTH_SAFETY > 1
    assert text_width("m" * 10, 12) == pytest.approx(10 * text_width("m", 12), rel=0.01)


# ------------------------------------------------------------------ wrapping


@pytest.mark.parametrize("width_in", [1.5, 2.0, 3.5, 6.0])
@pytest.mark.parametrize("size_pt", [9, 12, 16])
def test_wrap_keeps_words_and_fits(width_in: float, size_pt: float):
    lines = wrap(PARAGRAPH, width_in, size_pt)
    assert " ".join(lines) == PARAGRAPH
    assert all(text_width(line, size_pt) <= width_in for line in lines)


@pytest.mark.parametrize("width_in", [1.0, 2.0, 3.5])
def test_wrap_is_greedy(width_in: float):
    lines = wrap(PARAGRAPH, width_in, 12)
    for line, following in zip(lines, lines[1:]):
        assert text_width(f"{line} {following.split(' ')[0]}", 12) > width_in


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Target\nRealisasi", ["Target", "Realisasi"]),
        ("Target\r\nRealisasi", ["Target", "Realisasi"]),
        ("Target\vRealisasi", ["Target", "Realisasi"]),
        ("Target\n\nRealisasi", ["Target", "", "Realisasi"]),
        ("Target\n", ["Target", ""]),
        ("", [""]),
        ("Satu dua tiga", ["Satu dua tiga"]),
    ],
)
def test_wrap_respects_explicit_line_breaks(text: str, expected: list[str]):
    assert wrap(text, 10.0, 12) == expected


def test_long_word_is_broken_by_characters():
    word = "Pertanggungjawaban" * 3
    lines = wrap(f"Laporan {word} akhir", 1.2, 12)
    assert lines[0] == "Laporan"
    assert lines[-1].endswith("akhir")
    assert "".join(lines[1:]).startswith(word)
    assert all(text_width(line, 12) <= 1.2 for line in lines)
    assert len(lines) >= 4


def test_trailing_spaces_do_not_force_a_break():
    width = text_width("Target", 12) + 0.001
    assert wrap("Target ", width, 12) == ["Target "]


@pytest.mark.parametrize(("text", "width_in", "lines"), [("Satu", 5, 1), ("Satu\nDua\nTiga", 5, 3), (PARAGRAPH, 2, None)])
def test_text_height_is_lines_times_line_height(text: str, width_in: float, lines: int | None):
    count = lines or len(wrap(text, width_in, 12))
    assert text_height(text, width_in, 12) == pytest.approx(count * line_height(12))


# ------------------------------------------------------------------ fitting


@pytest.mark.parametrize(
    ("text", "width_in", "height_in", "max_pt", "expected"),
    [
        ("Capaian", 10.0, 2.0, 28, 28),  # easy: max size
        (PARAGRAPH, 0.5, 0.2, 28, None),  # impossible even at min size
        ("x", 0.05, 5.0, 12, None),  # a single character wider than the box
        ("Capaian", 10.0, 2.0, 8, None),  # max below min
    ],
)
def test_fit_font_size_limits(text, width_in, height_in, max_pt, expected):
    assert fit_font_size(text, width_in, height_in, max_pt) == expected


@pytest.mark.parametrize(("width_in", "height_in"), [(3.0, 1.0), (4.0, 0.8), (6.0, 0.6), (2.5, 2.0)])
def test_fit_font_size_is_the_largest_fitting_step(width_in: float, height_in: float):
    size = fit_font_size(PARAGRAPH, width_in, height_in, max_pt=32, min_pt=6)
    assert size is not None and 6 <= size < 32
    assert text_height(PARAGRAPH, width_in, size) <= height_in
    assert text_height(PARAGRAPH, width_in, size + 0.5) > height_in


def test_fit_font_size_grows_with_the_box():
    sizes = [fit_font_size(PARAGRAPH, w, w / 3, max_pt=40, min_pt=6) for w in (2, 3, 4, 6, 8)]
    assert sizes == sorted(sizes)


def test_fit_font_size_honours_step_and_min():
    size = fit_font_size(PARAGRAPH, 3.0, 1.0, max_pt=20, min_pt=9.25, step=1.5)
    assert size is not None and (20 - size) % 1.5 == 0 and size >= 9.25


# ------------------------------------------------------------------ LibreOffice cross-check

LINES_WANTED = 4
SIZE_PT = 12


def width_for_lines(text: str, lines: int, size_pt: float) -> float:
    """Middle of the range of text widths (0.01 in grid) for which `wrap` predicts `lines` lines."""
    widths = [w / 100 for w in range(50, 1000) if len(wrap(text, w / 100, size_pt)) == lines]
    return round((min(widths) + max(widths)) / 2, 2)


def build_textbox_deck(path: Path, text: str, text_width_in: float) -> None:
    """One slide with a 12 pt Calibri textbox whose text area is `text_width_in` wide."""
    from pptx import Presentation
    from pptx.enum.text import MSO_AUTO_SIZE
    from pptx.util import Inches, Pt

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    box = slide.shapes.add_textbox(Inches(0.5), Inches(0.5), Inches(text_width_in + 2 * measure.DEFAULT_INSET_X_IN),
                                   Inches(5))
    frame = box.text_frame
    frame.word_wrap, frame.auto_size = True, MSO_AUTO_SIZE.NONE
    run = frame.paragraphs[0].add_run()
    run.text, run.font.size, run.font.name = text, Pt(SIZE_PT), "Calibri"
    prs.save(path)


def to_pdf(pptx: Path) -> Path:
    """Convert with LibreOffice headless, using a private profile."""
    profile = (pptx.parent / "lo-profile").as_uri()
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation={profile}", "--convert-to", "pdf",
                    "--outdir", str(pptx.parent), str(pptx)], check=True, capture_output=True, timeout=240)
    return pptx.with_suffix(".pdf")


def rendered_lines(pdf: Path) -> dict[float, str]:
    """Text of each rendered line of page 1, keyed by baseline (pt from top)."""
    import pdfplumber

    lines: dict[float, list[str]] = defaultdict(list)
    with pdfplumber.open(pdf) as doc:
        for word in doc.pages[0].extract_words():
            lines[round(word["bottom"], 1)].append(word["text"])
    return {baseline: " ".join(words) for baseline, words in sorted(lines.items())}


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_wraps_into_the_predicted_lines(tmp_path: Path):
    width = width_for_lines(PARAGRAPH, LINES_WANTED, SIZE_PT)
    predicted = wrap(PARAGRAPH, width, SIZE_PT)
    assert len(predicted) == LINES_WANTED

    build_textbox_deck(tmp_path / "wrap.pptx", PARAGRAPH, width)
    rendered = rendered_lines(to_pdf(tmp_path / "wrap.pptx"))

    assert len(rendered) == LINES_WANTED
    assert " ".join(rendered.values()) == PARAGRAPH  # broken only at spaces, nothing clipped
    baselines = list(rendered)
    pitch_in = (baselines[-1] - baselines[0]) / (LINES_WANTED - 1) / 72
    assert 0.95 * line_height(SIZE_PT) <= pitch_in <= line_height(SIZE_PT)


def _wrap_by_whole_lines(paragraph: str, width_in: float, size_pt: float, bold: bool) -> list[str]:
    """The obvious greedy wrap, measuring every growing line whole: the oracle for the fast one."""
    fits = lambda line: measure.text_width(line.rstrip(" "), size_pt, bold) <= width_in  # noqa: E731
    lines, current = [], None
    for word in paragraph.split(" "):
        hyphen_pieces = measure.pieces(word) if word else [word]
        too_wide = lambda piece: measure.text_width(piece, size_pt, bold) > width_in  # noqa: E731
        for k, piece in enumerate(p for hp in hyphen_pieces  # an overlong piece breaks after its slashes
                                  for p in (re.split(r"(?<=\w/)(?=\w)", hp) if too_wide(hp) else [hp])):
            candidate = piece if current is None else f"{current}{' ' if k == 0 else ''}{piece}"
            if fits(candidate):
                current = candidate
                continue
            if current is not None:
                lines.append(current)
            *full, current = measure._break_word(piece, width_in, size_pt, bold)
            lines.extend(full)
    lines.append(current or "")
    return lines


_REFERENCE_WORDS = (Path(__file__).parent / "data" / "reference_deck.txt").read_text(encoding="utf-8").split()


@settings(max_examples=300, deadline=None)
@given(start=st.integers(0, len(_REFERENCE_WORDS) - 40), count=st.integers(1, 40),
       spaces=st.lists(st.sampled_from([" ", " ", " ", "  "]), min_size=40, max_size=40),
       width=st.floats(0.3, 6.0), size=st.sampled_from([9.0, 10.5, 12.0, 14.0, 18.0]), bold=st.booleans())
def test_fast_wrap_equals_measuring_whole_lines(start, count, spaces, width, size, bold):
    words = [w.replace("a", "a-", 1) if i % 5 == 0 else w for i, w in enumerate(_REFERENCE_WORDS[start:start + count])]
    paragraph = "".join(w + s for w, s in zip(words, spaces)).rstrip(" ")
    assert measure._wrap_paragraph(paragraph, width, size, bold) == _wrap_by_whole_lines(paragraph, width, size, bold)


def test_lines_break_after_a_hyphen_inside_a_word_as_the_renderers_do():
    width = measure.text_width("Pendidikan Non-", 14) + 0.01
    assert wrap("Pendidikan Non-Formal dan Informal", width, 14)[0] == "Pendidikan Non-"


def test_a_slash_is_no_break_unless_the_word_is_wider_than_a_line():
    whole = measure.text_width("Kabupaten/Kota", 14)
    assert wrap("Dinas Kabupaten/Kota", whole + 0.01, 14) == ["Dinas", "Kabupaten/Kota"]
    assert measure.breaks_words("Dinas Kabupaten/Kota", whole - 0.01, 14)
    assert not measure.breaks_words("Dinas Kabupaten/Kota", whole + 0.01, 14)


def test_longest_piece_is_the_widest_unbreakable_part():
    assert measure.longest_piece_width("a Non-Formal b", 12) == measure.text_width("Formal", 12)


def test_a_no_break_space_holds_its_words_together():
    """"×\u00a0100.000" is one piece: a column narrower than it would break it, so it needs its width."""
    whole = measure.text_width("×\u00a0100.000", 14)
    assert measure.longest_piece_width("×\u00a0100.000", 14) == pytest.approx(whole)
    assert measure.wrap("×\u00a0100.000", whole + 0.01, 14) == ["×\u00a0100.000"]


def test_a_word_wider_than_its_line_breaks_after_its_slashes_and_the_renderers_are_told_so():
    """An overlong slash compound wraps at its slashes; `soft_breaks` puts a zero-width space after
    each of them (and nowhere else), so LibreOffice and PowerPoint break where the measure did."""
    word = "TERSELENGGARANYA/TERLAKSANANYA/TERPENUHINYA"
    width = measure.text_width("TERSELENGGARANYA/TERLAKSANANYA/", 12) + 0.01
    assert measure.wrap(f"PERSENTASE {word} DASAR", width, 12) == [
        "PERSENTASE TERSELENGGARANYA/", "TERLAKSANANYA/TERPENUHINYA", "DASAR"]
    soft = measure.soft_breaks(f"PERSENTASE {word} Kabupaten/Kota", width, 12)
    assert soft == f"PERSENTASE {word.replace('/', '/' + measure.SOFT_BREAK)} Kabupaten/Kota"
    assert measure.soft_breaks("Kabupaten/Kota", width, 12) == "Kabupaten/Kota"  # fits: untouched
