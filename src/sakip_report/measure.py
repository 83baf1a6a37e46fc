"""Measure text with the deck fonts' own metrics: the theme's body and heading fonts (fonts.py).

python-pptx cannot measure text, so the render layer sizes tables and boxes with these
functions. Lengths are inches, font sizes points. `width_in` always means the usable text
width, i.e. the box width minus its left/right insets (OOXML default 0.1 in each side).
`face` is "body" (everything but titles) or "heading" (titles), as the theme names them; a build
sets the files with `use_fonts` (by default: the project's templates).

Calibration against LibreOffice 7.4 (the PDF renderer), Carlito 10-18 pt:
  * widths: from 12 pt, Pillow+Raqm kerned advances match LibreOffice's PDF within +-0.4 %;
    below 12 pt text is measured unkerned, as PowerPoint draws it (kern="1200"), which is
    0.5-5 % wider than LibreOffice's always-kerned text, i.e. conservative;
  * line pitch: LibreOffice places baselines 1.20 x size apart; the font's own single
    spacing (ascent + descent + line gap) is 1.2207 x size, which `line_height` uses, so
    heights are ~1.7 % conservative.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont, features

POINTS_PER_INCH = 72.0
PX_PER_PT = 100  # load fonts 100x larger so FreeType hinting/rounding is negligible
METRICS_PX = 16384  # FreeType rounds vertical metrics to whole pixels: read them at a large size
KERN_MIN_PT = 12.0  # default text style has kern="1200": PowerPoint kerns from 12 pt up only
WIDTH_SAFETY = 1.03  # measured widths x 3 %: renderer rounding, kerning differences (PowerPoint vs LibreOffice)

DEFAULT_INSET_X_IN = 0.1  # OOXML default lIns/rIns (91440 EMU)

LINE_BREAK = re.compile(r"\r\n|[\n\r\v]")

_files: dict[tuple[str, bool], str] = {}  # (face, bold) → font file, set by use_fonts


def use_fonts(heading, body) -> None:
    """Measure with these faces (fonts.Face: their regular and bold files) from now on."""
    for face, found in (("heading", heading), ("body", body)):
        _files[(face, False)], _files[(face, True)] = str(found.regular), str(found.bold)


def font_path(bold: bool, face: str = "body") -> Path:
    """The font file measured for a face and weight."""
    return Path(_file(bold, face))


def _file(bold: bool, face: str) -> str:
    """font_path as a string: measuring asks for it millions of times in a big deck."""
    if not _files:
        from . import fonts, paths

        use_fonts(*fonts.deck_fonts(paths.TEMPLATES, fonts.twins(paths.TEMPLATES)))
    return _files[(face, bool(bold))]


@lru_cache(maxsize=256)
def _font(path: str, size_pt: float) -> ImageFont.FreeTypeFont:
    """The font file at `size_pt`, scaled by PX_PER_PT; kerned (Raqm) from KERN_MIN_PT up."""
    kerned = size_pt >= KERN_MIN_PT and features.check("raqm")
    engine = ImageFont.Layout.RAQM if kerned else ImageFont.Layout.BASIC
    return ImageFont.truetype(path, size_pt * PX_PER_PT, layout_engine=engine)


@lru_cache(maxsize=16)
def _spacing(path: str) -> float:
    return ImageFont.truetype(path, METRICS_PX).font.height / METRICS_PX


def line_spacing_em(face: str = "body") -> float:
    """Single line spacing in ems: FreeType's ascender + descender + line gap (hhea)."""
    return _spacing(_file(False, face))


def line_height(size_pt: float, face: str = "body") -> float:
    """Height in inches of one single-spaced line at `size_pt`."""
    return line_spacing_em(face) * size_pt / POINTS_PER_INCH


def text_width(text: str, size_pt: float, bold: bool = False, face: str = "body") -> float:
    """Width in inches of a single line of `text`, including the safety margin."""
    return _width(_file(bold, face), text, float(size_pt))


@lru_cache(maxsize=65536)  # layout tries several sizes and pages: the same words come back
def _width(path: str, text: str, size_pt: float) -> float:
    px = _font(path, size_pt).getlength(text) if text else 0.0
    return px / PX_PER_PT / POINTS_PER_INCH * WIDTH_SAFETY


def wrap(text: str, width_in: float, size_pt: float, bold: bool = False, face: str = "body") -> list[str]:
    """Greedy word wrap into lines no wider than `width_in`, keeping explicit line breaks."""
    return list(_wrapped(text, width_in, size_pt, bool(bold), face, _file(bold, face)))


@lru_cache(maxsize=16384)
def _wrapped(text: str, width_in: float, size_pt: float, bold: bool, face: str, path: str) -> tuple[str, ...]:
    """wrap(), memoised (per font file): pagination measures each cell at several sizes, often twice."""
    return tuple(line for paragraph in LINE_BREAK.split(text)
                 for line in _wrap_paragraph(paragraph, width_in, size_pt, bold, face))


def _fits(line: str, width_in: float, size_pt: float, bold: bool, face: str = "body") -> bool:
    """Whether `line` fits `width_in`; trailing spaces hang past the margin as in the renderers."""
    return text_width(line.rstrip(" "), size_pt, bold, face) <= width_in


# Where a line may break inside a space-free word: after a hyphen between letters ("Non-|Formal"),
# as LibreOffice and PowerPoint do. A slash is not one: "Kabupaten/Kota" breaks only when it is
# wider than a whole line, and then anywhere, like any other overlong word.
_HYPHEN_BREAK = re.compile(r"(?<=\w-)(?=\w)")


def pieces(word: str) -> list[str]:
    """A space-free word cut where a line may break inside it ("Non-Formal" -> "Non-", "Formal")."""
    return _HYPHEN_BREAK.split(word)


def longest_piece_width(text: str, size_pt: float, bold: bool = False, face: str = "body",
                        at_slashes: bool = False) -> float:
    """Width of the widest unbreakable piece of `text`: a line narrower than this breaks a word.
    With `at_slashes`, the widest part between slashes: what a line must hold when a word too wide
    for any line breaks after its slashes."""
    return _longest(_file(bold, face), text, float(size_pt), at_slashes)


@lru_cache(maxsize=65536)  # column widths ask it of every cell at every size tried
def _longest(path: str, text: str, size_pt: float, at_slashes: bool = False) -> float:
    words = (w for line in LINE_BREAK.split(text) for w in line.split(" ") if w)  # a no-break space joins
    parts = (q for w in words for p in pieces(w) for q in (_SLASH_BREAK.split(p) if at_slashes else (p,)))
    return max((_width(path, q, size_pt) for q in parts), default=0.0)


def _wrap_paragraph(paragraph: str, width_in: float, size_pt: float, bold: bool, face: str = "body") -> list[str]:
    """Greedy wrap of one paragraph, as the renderers do it: break at spaces and after hyphens;
    a piece wider than a whole line breaks after its slashes (`soft_breaks` lets the renderers do
    the same), and what is still too wide starts a new line and is broken by characters.

    A line's width is the sum of its pieces' widths and the spaces between them, so each piece is
    measured once per size (`text_width` is memoised) instead of every growing line once: the
    deck's font has no kerning pairs with the space or the hyphen, so the sum is the width of the line.
    """
    space = text_width(" ", size_pt, bold, face)
    lines: list[str] = []
    current: str | None = None
    width = 0.0  # of `current` without its trailing spaces
    spaces = 0  # trailing spaces of `current` (runs of spaces in the text)
    for word in paragraph.split(" "):
        if current is not None and not word:  # a space more: it hangs past the margin if need be
            current += " "
            spaces += 1
            continue
        for k, piece in enumerate(_breakable(word, width_in, size_pt, bold, face)):
            gap = (spaces + 1) * space if k == 0 else 0.0  # hyphen pieces join without a space
            piece_w = text_width(piece, size_pt, bold, face)
            candidate_w = piece_w if current is None else width + gap + piece_w
            if candidate_w <= width_in:
                current = piece if current is None else f"{current}{' ' if k == 0 else ''}{piece}"
                width, spaces = candidate_w, 0
                continue
            if current is not None:
                lines.append(current)
            *full, current = _break_word(piece, width_in, size_pt, bold, face)
            lines.extend(full)
            width, spaces = text_width(current, size_pt, bold, face), 0
    lines.append(current or "")
    return lines


# Where a piece wider than a whole line breaks first: after a slash between letters
# ("Terselenggaranya/|Terlaksananya"). The renderers do not break there by themselves; `soft_breaks`
# puts a zero-width space there so that they do.
_SLASH_BREAK = re.compile(r"(?<=\w/)(?=\w)")
SOFT_BREAK = "\u200b"


def _breakable(word: str, width_in: float, size_pt: float, bold: bool, face: str) -> list[str]:
    """The pieces of a word a line may break between: at hyphens, and at slashes inside a piece
    wider than a whole line."""
    return [p for piece in pieces(word)
            for p in (_SLASH_BREAK.split(piece) if text_width(piece, size_pt, bold, face) > width_in else (piece,))]


def _break_word(word: str, width_in: float, size_pt: float, bold: bool, face: str = "body") -> list[str]:
    """Split `word` into character chunks that each fit `width_in` (at least one char each)."""
    chunks = [""]
    for char in word:
        if chunks[-1] and not _fits(chunks[-1] + char, width_in, size_pt, bold, face):
            chunks.append("")
        chunks[-1] += char
    return chunks


def soft_breaks(text: str, width_in: float, size_pt: float, bold: bool = False, face: str = "body") -> str:
    """`text` with a zero-width space after each slash of a piece wider than `width_in`, so that the
    renderers break it there, as `wrap` does, not at the last letter that fits."""
    if longest_piece_width(text, size_pt, bold, face) <= width_in:
        return text
    return "".join(_SLASH_BREAK.sub(SOFT_BREAK, p) if text_width(p, size_pt, bold, face) > width_in else p
                   for p in re.split(r"([ \n\r\v]+)", text) for p in pieces(p))  # as wrap: a no-break space joins


def breaks_words(text: str, width_in: float, size_pt: float, bold: bool = False, face: str = "body") -> bool:
    """Whether wrapping `text` into `width_in` must break a word in the middle (a piece wider than a line)."""
    return longest_piece_width(text, size_pt, bold, face) > width_in


def text_height(text: str, width_in: float, size_pt: float, bold: bool = False, face: str = "body") -> float:
    """Height in inches of `text` wrapped to `width_in` (lines x line height, no insets)."""
    return len(wrap(text, width_in, size_pt, bold, face)) * line_height(size_pt, face)


def _fits_box(text: str, width_in: float, height_in: float, size_pt: float, bold: bool, face: str) -> bool:
    """Whether wrapped `text` fits the box in both height and width (no word broken)."""
    lines = wrap(text, width_in, size_pt, bold, face)
    return (len(lines) * line_height(size_pt, face) <= height_in
            and not breaks_words(text, width_in, size_pt, bold, face))


def candidate_sizes(max_pt: float, min_pt: float, step: float) -> list[float]:
    """Sizes from `max_pt` down to `min_pt` in `step`s, free of float drift."""
    count = int((max_pt - min_pt) / step + 1e-9) + 1 if max_pt >= min_pt else 0
    return [round(max_pt - i * step, 4) for i in range(count)]


def fit_font_size(text: str, width_in: float, height_in: float, max_pt: float, min_pt: float = 9.0,
                  step: float = 0.5, bold: bool = False, face: str = "body") -> float | None:
    """Largest size (max_pt down to min_pt by step) at which `text` fits the box, else None."""
    return next((size for size in candidate_sizes(max_pt, min_pt, step)
                 if _fits_box(text, width_in, height_in, size, bold, face)), None)
