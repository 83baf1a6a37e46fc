"""Contact sheet: every PDF page as a numbered thumbnail in one deterministic PNG."""

from __future__ import annotations

import math
import os
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFont

PAD = 12  # px around and between thumbnails
LABEL_HEIGHT = 18  # px below each thumbnail for its page number
BACKGROUND = (255, 255, 255)
BORDER = (160, 160, 160)
LABEL = (60, 60, 60)


def make_contact_sheet(
    pdf_path: str | os.PathLike,
    out_png: str | os.PathLike,
    *,
    columns: int = 4,
    thumb_width: int = 320,
) -> Path:
    """Render all pages as thumb_width-px thumbnails in a grid (at most `columns` wide)."""
    if columns < 1 or thumb_width < 1:
        raise ValueError("columns and thumb_width must be positive")
    thumbs = render_thumbnails(pdf_path, thumb_width)
    sheet = _compose(thumbs, min(columns, max(len(thumbs), 1)), thumb_width)
    out = Path(out_png)
    out.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(out, format="PNG", compress_level=1)  # no metadata: reproducible; level 1: a third less time
    return out


def render_thumbnails(pdf_path: str | os.PathLike, thumb_width: int) -> list[Image.Image]:
    """Render each page of the PDF to an RGB image thumb_width pixels wide."""
    doc = pdfium.PdfDocument(str(pdf_path))
    try:
        return [_render_page(doc[i], thumb_width) for i in range(len(doc))]
    finally:
        doc.close()


def _render_page(page: pdfium.PdfPage, thumb_width: int) -> Image.Image:
    """Render one page at the scale that makes it thumb_width pixels wide."""
    try:
        image = page.render(scale=thumb_width / page.get_width()).to_pil().convert("RGB")
    finally:
        page.close()
    if image.width != thumb_width:  # rounding in pdfium can be off by a pixel
        image = image.resize((thumb_width, round(image.height * thumb_width / image.width)))
    return image


def sheet_size(pages: int, columns: int, thumb_width: int, thumb_height: int) -> tuple[int, int]:
    """Return the (width, height) in px of a sheet holding pages thumbnails."""
    rows = max(math.ceil(pages / columns), 1)
    return (
        columns * thumb_width + (columns + 1) * PAD,
        rows * (thumb_height + LABEL_HEIGHT) + (rows + 1) * PAD,
    )


def _compose(thumbs: list[Image.Image], columns: int, thumb_width: int) -> Image.Image:
    """Paste thumbnails into a bordered, numbered grid."""
    cell_height = max((t.height for t in thumbs), default=0)
    sheet = Image.new("RGB", sheet_size(len(thumbs), columns, thumb_width, cell_height), BACKGROUND)
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.load_default(size=12)
    for i, thumb in enumerate(thumbs):
        row, col = divmod(i, columns)
        x = PAD + col * (thumb_width + PAD)
        y = PAD + row * (cell_height + LABEL_HEIGHT + PAD)
        sheet.paste(thumb, (x, y))
        draw.rectangle((x - 1, y - 1, x + thumb.width, y + thumb.height), outline=BORDER)
        _draw_label(draw, str(i + 1), font, x + thumb_width // 2, y + thumb.height + 2)
    return sheet


def _draw_label(draw: ImageDraw.ImageDraw, label: str, font, centre_x: int, top: int) -> None:
    """Draw label centred on centre_x just below top (no anchors: bitmap fonts lack them)."""
    left, upper, right, _ = draw.textbbox((0, 0), label, font=font)
    draw.text((centre_x - (right - left) // 2 - left, top + 2 - upper), label, fill=LABEL, font=font)
