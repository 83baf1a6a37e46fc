"""Reading a built deck back: the texts of its shapes and table cells (shared by the deck tests)."""
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
