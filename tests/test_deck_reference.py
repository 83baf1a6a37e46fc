"""The sample deck against the original presentation's text (tests/data/reference_deck.txt).

Figures, phrases, the order of the sections, the capaian values and the table slides. The reference
and its documented exceptions live in tests/reference.py.
"""
from __future__ import annotations

import re
from decimal import Decimal

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

import reference as ref
from deck_text import shape_texts as _shape_texts

# --- reading the deck ---------------------------------------------------------------------------


def _tables(shapes):
    """Every table of the shapes, recursing into groups."""
    for shape in shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from _tables(shape.shapes)
        elif getattr(shape, "has_table", False) and shape.has_table:
            yield shape.table


def _pictures(shapes):
    for shape in shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from _pictures(shape.shapes)
        elif shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
            yield shape


def _title(slide) -> str:
    shape = slide.shapes.title
    return shape.text_frame.text if shape is not None else ""


@pytest.fixture(scope="module")
def deck(sample_build):
    return Presentation(str(sample_build[1]))


@pytest.fixture(scope="module")
def fragments(deck) -> list[list[str]]:
    """Per slide, the normalised text of each shape and each table cell."""
    return [[ref.normalise(t) for t in _shape_texts(slide.shapes)] for slide in deck.slides]


@pytest.fixture(scope="module")
def deck_text(deck) -> str:
    """All the deck's text, one fragment a line."""
    return "\n".join(t for slide in deck.slides for t in _shape_texts(slide.shapes))


@pytest.fixture(scope="module")
def reference_text() -> str:
    return ref.reference_text()


def _first_slide_with(fragments: list[list[str]], phrase: str) -> int | None:
    """1-based number of the first slide with a shape or cell containing the phrase."""
    for number, texts in enumerate(fragments, 1):
        if any(ref.contains_phrase(t, phrase) for t in texts):
            return number
    return None


def _find_phrase(normalised_text: str, phrase: str) -> int:
    """Offset of the phrase's first whole-word occurrence, -1 when absent."""
    match = re.search(rf"(?<!\w){re.escape(ref.normalise(phrase))}(?!\w)", normalised_text)
    return match.start() if match else -1


# --- the reference itself -----------------------------------------------------------------------


def test_reference_copy_matches_shared_seed():
    """The committed copy is the shared seed file, byte for byte (drift check)."""
    if not ref.SHARED_REFERENCE.is_file():
        pytest.skip(f"shared seed not beside the clone ({ref.SHARED_REFERENCE}): nothing to compare")
    assert ref.REFERENCE_COPY.read_bytes() == ref.SHARED_REFERENCE.read_bytes(), (
        f"{ref.REFERENCE_COPY} differs from {ref.SHARED_REFERENCE}: copy the shared file again"
    )


def test_hand_picked_phrases_come_from_the_reference(reference_text):
    text = ref.normalise(reference_text)
    missing = [p for p in ref.all_phrases() if not ref.contains_phrase(text, p)]
    assert not missing, "phrases of tests/reference.py not in the reference text:\n  " + "\n  ".join(missing)


def test_phrase_exceptions_are_in_the_reference_and_used(reference_text):
    text = ref.normalise(reference_text)
    stale = [f for f in ref.PHRASE_EXCEPTIONS if not ref.contains_phrase(text, f)]
    unused = [f for f in ref.PHRASE_EXCEPTIONS if not any(f in p for p in ref.all_phrases())]
    assert not stale, f"phrase exceptions not in the reference: {stale}"
    assert not unused, f"phrase exceptions no hand-picked phrase uses: {unused}"


def test_figure_exceptions_are_in_the_reference(reference_text):
    figures = ref.figures(reference_text)
    stale = [f for f in ref.FIGURE_EXCEPTIONS if f not in figures]
    assert not stale, f"figure exceptions not among the reference's figures: {stale}"


def test_figure_extraction_skips_names_and_labels(reference_text):
    figures = ref.figures(reference_text)
    assert len(figures) > 80, f"suspiciously few figures extracted: {figures}"
    for expected in ("94,87%", "86,50", "7.454.074.768", "166.350", "419.309", "1.000", "160", "95,14", "183,86%"):
        assert expected in figures, f"{expected} not extracted from the reference"
    for label in ("2021", "2023", "2024", "10", "100", "13"):
        assert label not in figures, f"{label!r} is part of a name/label, not a figure"


# --- 1. figures ---------------------------------------------------------------------------------


def test_every_reference_figure_is_in_the_deck(reference_text, deck_text):
    figures = [f for f in ref.figures(reference_text) if f not in ref.FIGURE_EXCEPTIONS]
    missing = [f for f in figures if not ref.contains_figure(deck_text, f)]
    assert not missing, (
        f"{len(missing)} of {len(figures)} reference figures missing from the deck: {missing}"
    )


@pytest.mark.parametrize("figure", sorted(ref.FIGURE_EXCEPTIONS))
def test_documented_wrong_figures_are_not_in_the_deck(figure, deck_text):
    """The reference's inconsistent figures are not reproduced: see FIGURE_EXCEPTIONS."""
    assert not ref.contains_figure(deck_text, figure), (
        f"{figure} is in the deck although: {ref.FIGURE_EXCEPTIONS[figure]}"
    )


@pytest.mark.parametrize("figure", [*ref.COMPUTED_FIGURES, *ref.KEY_FIGURES])
def test_key_and_computed_figures_are_in_the_deck(figure, deck_text):
    assert ref.contains_figure(deck_text, figure), (
        f"{figure} missing from the deck ({ref.COMPUTED_FIGURES.get(figure, 'key figure')})"
    )


def test_iku1_semester_ii_mismatch_is_warned(sample_build):
    """The workbook's stated 100,45% differs from the computed 100,00%: the build says so."""
    result, _ = sample_build
    messages = [p.message for p in result.problems] + list(result.warnings)
    assert any("100,45" in m and "100,00" in m for m in messages), (
        f"no warning about the stated 100,45% vs computed 100,00%; messages: {messages}"
    )


# --- 2. phrases ---------------------------------------------------------------------------------


@pytest.mark.parametrize("section", list(ref.PHRASES))
def test_every_reference_phrase_is_in_the_deck(section, fragments):
    """Each hand-picked phrase (deck wording per PHRASE_EXCEPTIONS) lies within one shape or cell."""
    all_texts = [t for slide in fragments for t in slide]
    missing = []
    for phrase in ref.PHRASES[section]:
        wanted = ref.deck_form(phrase)
        if wanted is not None and not any(ref.contains_phrase(t, wanted) for t in all_texts):
            missing.append(wanted if wanted == phrase else f"{wanted}  (reference: {phrase})")
    assert not missing, f"section {section}: phrases missing from the deck:\n  " + "\n  ".join(missing)


def test_phrase_list_is_substantial():
    assert len(ref.expected_phrases()) >= 80, len(ref.expected_phrases())


@pytest.mark.parametrize("fragment", list(ref.PHRASE_EXCEPTIONS))
def test_documented_phrase_variants_are_not_in_the_deck(fragment, deck_text):
    """The reference's misspellings, abbreviations and artefacts do not reach the deck."""
    assert not ref.contains_phrase(ref.normalise(deck_text), fragment), (
        f"{fragment!r} is in the deck although: {ref.PHRASE_EXCEPTIONS[fragment].reason}"
    )


def test_formula_multiplier_is_shown(reference_text, deck_text):
    """Every fraction formula carries its "× 100", as often as the reference prints "X 100"."""
    want = len(ref.MULTIPLIER_RE.findall(reference_text))
    got = len(ref.MULTIPLIER_RE.findall(deck_text))
    assert want == 7, f"the reference prints 'X 100' {want} times, expected 7"
    assert got == want, f"the deck shows '× 100' {got} times, the reference {want} times"


def test_no_missing_value_placeholders_in_the_deck(fragments):
    """No shape or cell shows a pandas/Python missing-value marker."""
    bad = [(n, t) for n, slide in enumerate(fragments, 1) for t in slide
           if re.search(r"\b(nan|none|nat)\b", t) or re.fullmatch(r"[x×] -", t)]
    assert not bad, "missing-value placeholders (slide, text): " + repr(bad)


# --- 3. order of the sections -------------------------------------------------------------------


def test_reference_sections_are_in_this_order(reference_text):
    text = ref.normalise(reference_text)
    positions = [(name, _find_phrase(text, marker)) for name, marker in ref.SECTIONS]
    assert all(pos >= 0 for _, pos in positions), f"markers not in the reference: {positions}"
    assert [p for _, p in positions] == sorted(p for _, p in positions), positions


def test_sections_follow_the_reference_order(fragments):
    firsts = [(name, _first_slide_with(fragments, ref.deck_form(marker))) for name, marker in ref.SECTIONS]
    absent = [name for name, n in firsts if n is None]
    assert not absent, f"sections missing from the deck: {absent}"
    out_of_order = [(a, b) for a, b in zip(firsts, firsts[1:]) if not a[1] < b[1]]
    assert not out_of_order, f"sections out of order (section, first slide): {out_of_order}; all: {firsts}"


# --- 4. capaian ---------------------------------------------------------------------------------


def _grid(table) -> list[list[str]]:
    """Cell texts with every merged cell's text copied into the cells it spans."""
    rows = [[c.text.strip() for c in row.cells] for row in table.rows]
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            if cell.is_merge_origin:
                for dr in range(cell.span_height):
                    for dc in range(cell.span_width):
                        rows[r + dr][c + dc] = cell.text.strip()
    return rows


def _header_depth(grid) -> int:
    """Header rows: those before the first numbered body row ("1.")."""
    for r, row in enumerate(grid):
        if re.fullmatch(r"\d+\.?", row[0]):
            return r
    return 0


def _column(grid, *words: str, last: str | None = None) -> int:
    """The one column whose header path contains all words (and ends with last)."""
    depth = _header_depth(grid)
    hits = []
    for c in range(len(grid[0])):
        path = [grid[r][c] for r in range(depth)]
        joined = ref.normalise(" / ".join(path))
        if all(ref.normalise(w) in joined for w in words) and (last is None or ref.normalise(path[-1]) == ref.normalise(last)):
            hits.append(c)
    assert len(hits) == 1, f"header {words} / {last}: columns {hits}; header rows: {grid[:depth]}"
    return hits[0]


@pytest.fixture(scope="module")
def capaian_tables(deck):
    """Grids of the capaian tables (IKU and IKP)."""
    grids = [_grid(t) for slide in deck.slides if ref.normalise(_title(slide)).startswith("capaian indikator kinerja")
             for t in _tables(slide.shapes)]
    assert len(grids) >= 2, "capaian IKU and IKP tables not found"
    return grids


def _capaian_cell(grids, indicator: str, period: str) -> str:
    for grid in grids:
        body = grid[_header_depth(grid):]
        rows = [row for row in body if any(ref.normalise(v) == ref.normalise(indicator) for v in row)]
        if not rows:
            continue
        assert len(rows) == 1, f"{indicator}: {len(rows)} rows"
        if period == "2023":
            col = _column(grid, "TAHUN 2023", "CAPAIAN")
        else:
            col = _column(grid, "TAHUN 2024", "CAPAIAN", last={"S1": "Semester I", "S2": "Semester II"}[period])
        return rows[0][col]
    raise AssertionError(f"indicator {indicator!r} not in any capaian table")


def _decimal(text: str) -> Decimal:
    return Decimal(ref.normalise_figure(text).replace(".", "").replace(",", "."))


@pytest.mark.parametrize("case", ref.CAPAIAN, ids=lambda c: f"{c.indicator[:30]}-{c.period}")
def test_capaian_matches_hand_computation(case, capaian_tables):
    shown = _capaian_cell(capaian_tables, case.indicator, case.period)
    exception = ref.CAPAIAN_EXCEPTIONS.get((case.indicator, case.period))
    if exception is None:
        assert shown == case.computed_text, (
            f"{case.indicator} {case.period}: deck shows {shown!r}, "
            f"{case.realisasi} / {case.target} × 100 = {case.computed_text}"
        )
    else:
        expected, reason = exception
        assert shown == expected, f"{case.indicator} {case.period}: deck shows {shown!r}, expected {expected} ({reason})"
        assert abs(_decimal(shown) - case.computed) <= Decimal("0.05"), (shown, case.computed_text)


def test_capaian_exceptions_are_only_rounding(capaian_tables):
    """Every exception's printed value is the reference's own, not a hand-computable one."""
    printed = {(c.indicator, c.period): c for c in ref.CAPAIAN}
    for key, (expected, _) in ref.CAPAIAN_EXCEPTIONS.items():
        case = printed[key]
        assert expected == case.printed and expected != case.computed_text, key


@pytest.mark.parametrize("indicator", ref.NO_SEMESTER_I)
def test_semester_i_without_target_shows_dash(indicator, capaian_tables):
    assert _capaian_cell(capaian_tables, indicator, "S1") == "-"


@pytest.mark.parametrize("indicator, anggaran, realisasi, capaian", ref.ALOKASI)
def test_alokasi_capaian_matches_hand_computation(indicator, anggaran, realisasi, capaian, deck):
    computed = (_decimal(realisasi) / _decimal(anggaran) * 100).quantize(Decimal("0.01"))
    assert f"{computed}".replace(".", ",") == capaian, "reference arithmetic"
    grids = [_grid(t) for slide in deck.slides if ref.normalise(_title(slide)).startswith("alokasi per sasaran")
             for t in _tables(slide.shapes)]
    assert grids, "alokasi table not found"
    grid = grids[0]
    row = next((r for r in grid[1:] if ref.normalise(indicator) in map(ref.normalise, r)), None)
    assert row is not None, f"{indicator} not in the alokasi table {grid}"
    cells = {ref.normalise(h): v for h, v in zip(grid[0], row)}
    assert (cells["anggaran"], cells["realisasi anggaran"], cells["capaian %"]) == (anggaran, realisasi, capaian), cells


# --- 5. tables ----------------------------------------------------------------------------------


def test_ikp_definitions_split_over_two_slides_with_repeated_header(deck):
    slides = [(n, s) for n, s in enumerate(deck.slides, 1)
              if ref.normalise(_title(s)).startswith("indikator kinerja pendukung pd")]
    titles = [_title(s) for _, s in slides]
    assert len(slides) == 2, f"IKP definition slides: {titles}"
    (n1, s1), (n2, s2) = slides
    assert n2 == n1 + 1, f"IKP definition slides {n1} and {n2} are not consecutive"
    assert not titles[0].rstrip().endswith("(lanjutan)") and titles[1].rstrip().endswith("(lanjutan)"), titles
    t1, t2 = (list(_tables(s.shapes)) for s in (s1, s2))
    assert len(t1) == 1 and len(t2) == 1, "one table per IKP definition slide"
    g1, g2 = _grid(t1[0]), _grid(t2[0])
    depth = _header_depth(g1)
    assert depth >= 1 and _header_depth(g2) == depth, "header rows differ in number"
    assert g1[:depth] == g2[:depth], f"header not repeated:\n{g1[:depth]}\n{g2[:depth]}"
    names = [ref.normalise(cell.text) for t in (t1[0], t2[0]) for row in list(t.rows)[depth:]
             for cell in row.cells if not cell.is_spanned]
    for name in ref.IKP_NAMES:
        count = names.count(ref.normalise(name))
        assert count == 1, f"{name!r} appears {count} times across the two IKP slides"


def test_table_slides_use_native_tables(deck):
    found = {}
    for number, slide in enumerate(deck.slides, 1):
        title = ref.normalise(_title(slide))
        for prefix in ref.TABLE_SLIDE_TITLES:
            p = ref.normalise(prefix)
            # the exact section title or its continuation, not the "… TAHUN 2024" chart slides
            if title == p or title == f"{p} (lanjutan)":
                found.setdefault(prefix, []).append(number)
                tables = list(_tables(slide.shapes))
                pictures = list(_pictures(slide.shapes))
                assert tables, f"slide {number} ({title}) has no native table"
                assert not pictures, f"slide {number} ({title}) has pictures: {[p.name for p in pictures]}"
    missing = [p for p in ref.TABLE_SLIDE_TITLES if p not in found]
    assert not missing, f"table slides not found: {missing}"
