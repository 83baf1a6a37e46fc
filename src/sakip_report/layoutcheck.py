"""Layout check on the rendered PDF: glyphs off the page, text running into other text, text too
small to read from the back of a meeting room, and words broken across lines."""

from __future__ import annotations

import os
import statistics
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Iterable, Iterator, Sequence

import pdfplumber

OUTSIDE_TOLERANCE = 0.5  # pt a glyph may stick out of the page (rounding in the PDF writer)
OVERLAP_FRACTION = 0.20  # of the smaller glyph box; interleaved lines overlap >= ~39 %
SAME_LINE = 0.25  # baseline difference, in font sizes, still counted as one line
WORD_GAP = 0.25  # horizontal gap/kerning overlap, in font sizes, still inside one word
DUPLICATE_OFFSET = 0.3  # shadows / fake bold: the same word redrawn within this many sizes


@dataclass(frozen=True)
class LayoutProblem:
    """One layout defect; page is 1-based (0 for document-level problems)."""

    page: int
    kind: str  # "outside_page" | "overlap" | "page_count" | "small_text" | "broken_word"
    text: str
    detail: str


@dataclass(frozen=True)
class _Glyph:
    """A visible character box in PDF points, origin at the page's top-left corner."""

    index: int  # reading (content stream) order among visible glyphs
    word: int  # index into the page's word list
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    upright: bool

    @property
    def area(self) -> float:
        """Return the box area."""
        return (self.x1 - self.x0) * (self.bottom - self.top)


@dataclass(frozen=True)
class _Page:
    """The visible glyphs of a page and the words they form."""

    number: int
    bbox: tuple[float, float, float, float]  # x0, top, x1, bottom of the mediabox
    glyphs: list[_Glyph]
    words: list[str]


def check_pdf(
    pdf_path: str | os.PathLike, *, expected_pages: int | None = None, min_pt: float | None = None,
    words: Iterable[str] | None = None,
) -> list[LayoutProblem]:
    """Return every glyph outside its page, every text overlap, and a page count mismatch; with
    `min_pt`, each page's text smaller than that; with `words` (the deck's own words), every word
    the PDF breaks across two lines ("perempu" / "an")."""
    known = set(words) if words is not None else None
    problems = []
    with pdfplumber.open(pdf_path) as doc:
        if expected_pages is not None and len(doc.pages) != expected_pages:
            problems.append(LayoutProblem(
                0, "page_count", "",
                f"PDF berisi {len(doc.pages)} halaman, seharusnya {expected_pages}. / "
                f"PDF has {len(doc.pages)} pages, expected {expected_pages}.",
            ))
        for number, page in enumerate(doc.pages, start=1):
            parsed = _parse_page(number, page)
            problems.extend(_outside_problems(parsed))
            problems.extend(_overlap_problems(parsed))
            if min_pt is not None:
                problems.extend(_small_text(parsed, min_pt))
            if known is not None:
                problems.extend(_broken_words(parsed, known))
            page.close()  # drop pdfplumber's per-page caches: decks can be long
    return problems


def page_texts(pdf_path: str | os.PathLike) -> list[str]:
    """Return the extracted text of each page."""
    with pdfplumber.open(pdf_path) as doc:
        return [page.extract_text() or "" for page in doc.pages]


def _parse_page(number: int, page) -> _Page:
    """Turn pdfplumber chars into visible glyphs grouped into words."""
    glyphs: list[_Glyph] = []
    words: list[list[str]] = []
    previous = None
    for char in page.chars:
        if not char["text"].strip():  # a space ends the word and is never a collision
            previous = None
            continue
        if char["x1"] <= char["x0"] or char["bottom"] <= char["top"]:
            continue  # zero-size box (e.g. combining mark): nothing to collide with
        glyph = _Glyph(
            index=len(glyphs), word=len(words),  # tentatively starts a new word
            x0=char["x0"], x1=char["x1"], top=char["top"], bottom=char["bottom"],
            size=char["size"] or (char["bottom"] - char["top"]), upright=bool(char["upright"]),
        )
        if previous is not None and _same_word(previous, glyph):
            glyph = replace(glyph, word=previous.word)
        else:
            words.append([])
        words[glyph.word].append(char["text"])
        glyphs.append(glyph)
        previous = glyph
    return _Page(number, tuple(page.mediabox), glyphs, ["".join(w) for w in words])


def deck_words(texts: Iterable[str]) -> set[str]:
    """The words of a deck's texts, as `check_pdf(words=...)` compares them."""
    return {w for text in texts for w in (_bare(x) for x in text.split()) if w}


def _bare(word: str) -> str:
    return word.strip(".,:;()“”\"'")


def _small_text(page: _Page, min_pt: float) -> list[LayoutProblem]:
    """One problem for a page whose smallest text is below `min_pt`, naming its words."""
    small = [g for g in page.glyphs if g.size < min_pt - 0.05]
    if not small:
        return []
    size = min(g.size for g in small)
    text = " ".join(dict.fromkeys(page.words[g.word] for g in small if g.size == size))[:80]
    return [LayoutProblem(page.number, "small_text", text,
                          f"Teks {size:.1f} pt, di bawah batas {min_pt:g} pt / text below the floor.")]


def _broken_words(page: _Page, known: set[str]) -> list[LayoutProblem]:
    """Words of the deck that a line break cuts in two: the end of one line and the start of the
    next make a deck word that neither part is (a break after a hyphen is allowed)."""
    ends: list[tuple[int, _Glyph, _Glyph]] = []  # (word, its first glyph, its last glyph) in reading order
    for glyph in page.glyphs:
        if ends and ends[-1][0] == glyph.word:
            ends[-1] = (glyph.word, ends[-1][1], glyph)
        else:
            ends.append((glyph.word, glyph, glyph))
    problems = []
    for (wa, _, last), (wb, first, _) in zip(ends, ends[1:]):
        if not (first.upright and last.upright) or first.top < last.bottom - 0.2 * last.size or first.x0 >= last.x0:
            continue  # the next word is not at the start of the next line
        left, right = _bare(page.words[wa]), _bare(page.words[wb])
        if (left and right and left + right in known and left not in known and right not in known
                and not left.endswith("-")):
            problems.append(LayoutProblem(page.number, "broken_word", f"{left}|{right}",
                                          "Kata terpotong di tengah / a word broken across lines."))
    return problems


def _same_word(prev: _Glyph, glyph: _Glyph) -> bool:
    """True if glyph directly continues prev (same line, touching) in reading order."""
    if not _same_line(prev, glyph):
        return False
    limit = WORD_GAP * max(prev.size, glyph.size, 1.0)
    if prev.upright and glyph.upright:
        return abs(glyph.x0 - prev.x1) <= limit
    gap_x = max(glyph.x0 - prev.x1, prev.x0 - glyph.x1)
    gap_y = max(glyph.top - prev.bottom, prev.top - glyph.bottom)
    return max(gap_x, gap_y) <= limit  # rotated text: just require touching boxes


def _outside_problems(page: _Page) -> list[LayoutProblem]:
    """Return one problem per line of glyphs that stick out of the page."""
    left, top, right, bottom = page.bbox
    tol = OUTSIDE_TOLERANCE
    outside = [
        g for g in page.glyphs
        if g.x0 < left - tol or g.x1 > right + tol or g.top < top - tol or g.bottom > bottom + tol
    ]
    return [
        LayoutProblem(
            page.number, "outside_page", _words_text(page, run),
            f"Teks keluar dari halaman / text outside the page ({_extent(run)}; page "
            f"{right - left:.0f}x{bottom - top:.0f} pt).",
        )
        for run in _runs(outside)
    ]


def _runs(glyphs: Sequence[_Glyph]) -> Iterator[list[_Glyph]]:
    """Split glyphs (in reading order) into runs that are consecutive and on one line."""
    run: list[_Glyph] = []
    for glyph in glyphs:
        if run and not (glyph.index == run[-1].index + 1 and _same_line(run[-1], glyph)):
            yield run
            run = []
        run.append(glyph)
    if run:
        yield run


def _same_line(a: _Glyph, b: _Glyph) -> bool:
    """True if both glyphs sit on the same baseline (rotated text: always)."""
    if not (a.upright and b.upright):
        return True
    return abs(a.bottom - b.bottom) <= SAME_LINE * max(a.size, b.size, 1.0)


def _overlap_problems(page: _Page) -> list[LayoutProblem]:
    """Return one problem per pair of words whose glyphs overlap."""
    pairs: dict[tuple[int, int], list[tuple[_Glyph, _Glyph]]] = defaultdict(list)
    for a, b in _overlapping_glyphs(page.glyphs):
        key = (min(a.word, b.word), max(a.word, b.word))
        pairs[key].append((a, b) if a.word <= b.word else (b, a))
    first = {}
    for glyph in page.glyphs:
        first.setdefault(glyph.word, glyph)
    problems = []
    for (word_a, word_b), hits in pairs.items():
        if _is_redraw(page, first[word_a], first[word_b]):
            continue
        side_a = [a for a, _ in hits]
        side_b = [b for _, b in hits]
        problems.append(LayoutProblem(
            page.number, "overlap", f"{page.words[word_a]} / {page.words[word_b]}",
            f"Teks bertumpuk / overlapping text: '{page.words[word_a]}' ({_extent(side_a)}) and "
            f"'{page.words[word_b]}' ({_extent(side_b)}), {len(hits)} glyph pair(s).",
        ))
    return problems


def _overlapping_glyphs(glyphs: Sequence[_Glyph]) -> Iterator[tuple[_Glyph, _Glyph]]:
    """Yield each pair of glyphs that overlap, via a uniform grid (near-linear time)."""
    if not glyphs:
        return
    cell = max(statistics.median(g.bottom - g.top for g in glyphs), 1.0)
    grid: dict[tuple[int, int], list[_Glyph]] = defaultdict(list)
    seen: set[tuple[int, int]] = set()
    for glyph in glyphs:
        for key in _cells(glyph, cell):
            for other in grid[key]:
                pair = (other.index, glyph.index)
                if pair not in seen and _collide(other, glyph):
                    seen.add(pair)
                    yield other, glyph
            grid[key].append(glyph)


def _cells(glyph: _Glyph, cell: float) -> Iterable[tuple[int, int]]:
    """Return the grid cells the glyph box touches."""
    cols = range(int(glyph.x0 // cell), int(glyph.x1 // cell) + 1)
    rows = range(int(glyph.top // cell), int(glyph.bottom // cell) + 1)
    return [(c, r) for c in cols for r in rows]


def _collide(a: _Glyph, b: _Glyph) -> bool:
    """True if the boxes overlap substantially and are not kerned neighbours in one word."""
    if abs(a.index - b.index) == 1 and a.word == b.word:
        return False  # kerning lets neighbours touch
    width = min(a.x1, b.x1) - max(a.x0, b.x0)
    height = min(a.bottom, b.bottom) - max(a.top, b.top)
    if width <= 0 or height <= 0:
        return False
    return width * height > OVERLAP_FRACTION * min(a.area, b.area)


def _is_redraw(page: _Page, first_a: _Glyph, first_b: _Glyph) -> bool:
    """True for one word drawn twice, slightly shifted (shadow, fake bold): not a collision."""
    if first_a.word == first_b.word or page.words[first_a.word] != page.words[first_b.word]:
        return False
    limit = DUPLICATE_OFFSET * max(first_a.size, first_b.size)
    return abs(first_a.x0 - first_b.x0) <= limit and abs(first_a.top - first_b.top) <= limit


def _words_text(page: _Page, glyphs: Sequence[_Glyph]) -> str:
    """Return the words the glyphs belong to, in reading order."""
    return " ".join(page.words[w] for w in dict.fromkeys(g.word for g in glyphs))


def _extent(glyphs: Sequence[_Glyph]) -> str:
    """Describe the bounding box of glyphs, in points from the top-left corner."""
    x0 = min(g.x0 for g in glyphs)
    top = min(g.top for g in glyphs)
    x1 = max(g.x1 for g in glyphs)
    bottom = max(g.bottom for g in glyphs)
    return f"x {x0:.1f}-{x1:.1f}, y {top:.1f}-{bottom:.1f} pt"
