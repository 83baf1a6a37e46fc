"""Reading a built deck back: the texts of its shapes and table cells (shared by the deck tests)."""
import json
from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE


def shape_texts(shapes):
    """Texts of shapes, recursing into groups: one entry per text frame and per table cell."""
    for shape in shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from shape_texts(shape.shapes)
            continue
        if shape.has_text_frame and shape.text_frame.text.strip():
            yield shape.text_frame.text
        if getattr(shape, "has_table", False) and shape.has_table:
            yield from (cell.text for row in shape.table.rows for cell in row.cells if cell.text.strip())


def keyed_rows(pptx, definition: str | None = None):
    """(definition, {column id: text}) of every body row of every table of a built deck, optionally
    of one slide definition ("slides/12_capaian_iku.toml"): the column ids come from the
    manifest.json written beside the deck."""
    manifest = json.loads((Path(pptx).parent / "manifest.json").read_text(encoding="utf-8"))
    for page, slide in zip(manifest["slide"], Presentation(str(pptx)).slides):
        if not page.get("kolom") or (definition and page["definisi"] != definition):
            continue
        table = next(shape.table for shape in slide.shapes if getattr(shape, "has_table", False) and shape.has_table)
        for row in list(table.rows)[page["baris_judul"]:]:
            yield page["definisi"], dict(zip(page["kolom"], (" ".join(c.text.split()) for c in row.cells)))
