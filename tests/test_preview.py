"""Tests for the PDF contact sheet."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from sakip_report.preview import LABEL_HEIGHT, PAD, make_contact_sheet

COLOURS = [(200, 30, 30), (30, 160, 30), (30, 30, 200), (220, 180, 0), (120, 0, 120)]


def make_pdf(path: Path, pages: int) -> Path:
    """Write a PDF of 400 x 300 pt pages, each filled with its own colour."""
    images = [Image.new("RGB", (400, 300), COLOURS[i % len(COLOURS)]) for i in range(pages)]
    images[0].save(path, save_all=True, append_images=images[1:], resolution=72)
    return path


def close(pixel: tuple, colour: tuple) -> bool:
    """True if pixel matches colour up to JPEG noise (Pillow stores PDF images as JPEG)."""
    return all(abs(a - b) <= 8 for a, b in zip(pixel, colour))


def test_contact_sheet_grid_size_and_placement(tmp_path):
    source = make_pdf(tmp_path / "d.pdf", 5)
    out = make_contact_sheet(source, tmp_path / "s.png", columns=2, thumb_width=100)
    with Image.open(out) as sheet:
        # 2 columns x 3 rows of 100 x 75 px thumbnails, each with a label strip below
        assert sheet.size == (2 * 100 + 3 * PAD, 3 * (75 + LABEL_HEIGHT) + 4 * PAD)
        row_pitch = 75 + LABEL_HEIGHT + PAD
        for page, colour in enumerate(COLOURS):
            row, col = divmod(page, 2)
            centre = (PAD + col * (100 + PAD) + 50, PAD + row * row_pitch + 37)
            assert close(sheet.getpixel(centre), colour)
        assert sheet.getpixel((PAD + 100 + PAD + 50, PAD + 2 * row_pitch + 37)) == (255, 255, 255)


def test_contact_sheet_narrows_to_page_count(tmp_path):
    source = make_pdf(tmp_path / "d.pdf", 2)
    out = make_contact_sheet(source, tmp_path / "s.png", columns=4, thumb_width=80)
    with Image.open(out) as sheet:
        assert sheet.size == (2 * 80 + 3 * PAD, 60 + LABEL_HEIGHT + 2 * PAD)


def test_contact_sheet_is_deterministic_without_metadata(tmp_path):
    source = make_pdf(tmp_path / "d.pdf", 3)
    first = make_contact_sheet(source, tmp_path / "a.png").read_bytes()
    second = make_contact_sheet(source, tmp_path / "b.png").read_bytes()
    assert first == second
    for chunk in (b"tEXt", b"iTXt", b"zTXt", b"tIME", b"pHYs"):
        assert chunk not in first
