"""Stage 6 — table pagination measured with the deck font, and merge spans."""
from __future__ import annotations

import pytest

from sakip_report import measure
from sakip_report.content import MERGE_LEFT as L
from sakip_report.content import MERGE_UP as U
from sakip_report.content import Cell, Table
from sakip_report.layout import column_widths, paginate_table, row_heights, spans, table_size
from sakip_report.pohon import Frame

FRAME = Frame(0.4, 1.3, 12.53, 5.8)  # the content area of templates/layout.toml
MX, MY = 0.06, 0.04
MAX_PT, MIN_PT = 14.0, 12.0
EPS = 1e-6


def h(text: str) -> Cell:
    return Cell(text, "center", True, "header")


def b(text: str) -> Cell:
    return Cell(text)


HEADER = ((h("NO"), h("PROGRAM"), h("INDIKATOR"), h("ANGGARAN")),)
WIDTHS = (0.6, 4.4, 5.2, 2.2)


def group(i: int, rows: int = 1, name: str = "Program Peningkatan Diversifikasi dan Ketahanan Pangan") -> tuple:
    first = (b(f"{i}."), b(f"{name} {i}"), b(f"Persentase cadangan pangan tersedia {i}"), b("1.500.000.000"))
    rest = tuple((U, U, b(f"Indikator tambahan {i}.{k}"), U) for k in range(1, rows))
    return (first,) + rest


def table(n: int, rows: int = 1, **kw) -> Table:
    return Table(HEADER, tuple(group(i, rows) for i in range(1, n + 1)), WIDTHS, **kw)


def paginate(t: Table, frame: Frame = FRAME, max_pt: float = MAX_PT, min_pt: float = MIN_PT):
    return table_size(t, frame, MX, MY, max_pt, min_pt)[1]


def body_rows(pages):
    return [row for p in pages for row in p.rows[p.header_rows:]]


def body_height(page) -> float:
    return sum(page.row_heights[page.header_rows:])


# --- small tables -----------------------------------------------------------------------------
@pytest.mark.parametrize("n", [1, 3, 5])
def test_small_table_is_one_page_at_the_largest_font(n):
    [page] = paginate(table(n))
    assert page.font_pt == MAX_PT
    assert not page.continued and not page.overflow
    assert page.height <= FRAME.height + EPS
    assert page.rows == HEADER + tuple(r for g in table(n).groups for r in g)


def test_table_font_limits_override_the_defaults_but_not_the_floor():
    [page] = paginate(table(2, max_pt=13.0))
    assert page.font_pt == 13.0
    [page] = paginate(table(60, max_pt=13.0, min_pt=10.0))[:1]
    assert page.font_pt >= MIN_PT


def test_column_widths_are_scaled_to_the_frame():
    [page] = paginate(table(2))
    assert sum(page.col_widths) == pytest.approx(FRAME.width)
    share = [w / sum(WIDTHS) * FRAME.width for w in WIDTHS]
    assert page.col_widths[3] < share[3]  # "1.500.000.000" needs less than its share ...
    assert page.col_widths[1] > share[1]  # ... the column that wraps gets it


def test_columns_that_all_wrap_keep_the_definitions_proportions():
    long_text = "kata " * 40
    t = Table(((h("A"), h("B")),), (((b(long_text), b(long_text)),),), (1.0, 3.0))
    widths = column_widths(t, 8.0, 12, MX)
    assert widths[1] / widths[0] == pytest.approx(3.0)


def test_table_that_fits_one_page_only_smaller_shrinks_but_stays_one_page():
    n = next(n for n in range(5, 60) if len(paginate(table(n), min_pt=MAX_PT)) > 1)
    pages = paginate(table(n))
    assert len(pages) == 1
    assert MIN_PT <= pages[0].font_pt < MAX_PT
    assert pages[0].height <= FRAME.height + EPS


# --- long tables ------------------------------------------------------------------------------
@pytest.fixture(scope="module", params=[1, 2, 3], ids=lambda r: f"{r}-row-groups")
def long(request):
    t = table(60, rows=request.param)
    return t, paginate(t)


def test_long_table_splits_into_several_pages(long):
    _, pages = long
    assert len(pages) > 1


def test_every_page_fits_the_frame(long):
    _, pages = long
    for page in pages:
        assert page.height <= FRAME.height + EPS
        assert not page.overflow
        assert len(page.row_heights) == len(page.rows)


def test_header_is_repeated_on_every_page(long):
    _, pages = long
    for page in pages:
        assert page.header_rows == len(HEADER)
        assert page.rows[:page.header_rows] == HEADER


def test_continued_after_the_first_page(long):
    _, pages = long
    assert [p.continued for p in pages] == [False] + [True] * (len(pages) - 1)


def test_every_row_appears_once_and_in_order(long):
    t, pages = long
    assert body_rows(pages) == [r for g in t.groups for r in g]


def test_groups_never_split_across_pages(long):
    t, pages = long
    starts, at = set(), 0
    for g in t.groups:
        starts.add(at)
        at += len(g)
    at = 0
    for page in pages:
        assert at in starts  # every page begins with a group
        at += len(page.rows) - page.header_rows
        first = page.rows[page.header_rows]
        assert not any(c.merged and c.text == "^" for c in first)


def test_all_pages_share_one_font_size(long):
    _, pages = long
    assert len({p.font_pt for p in pages}) == 1
    assert MIN_PT <= pages[0].font_pt <= MAX_PT


def test_font_is_the_largest_that_needs_no_more_pages(long):
    t, pages = long
    fewest = len(paginate(t, max_pt=MIN_PT, min_pt=MIN_PT))
    assert len(pages) == fewest
    size = pages[0].font_pt
    if size < MAX_PT:
        bigger = size + 0.5
        assert len(paginate(t, max_pt=bigger, min_pt=bigger)) > fewest


@pytest.mark.parametrize(("n", "rows"), [
    (25, 1), (60, 1), (90, 1),
    (25, 2), (60, 2), (90, 2),
    (10, 3), (25, 3), (40, 3), (60, 3), (90, 3),
])
def test_pages_are_balanced(n, rows):
    """Uniform groups: the fullest page is at most ~1.6x the emptiest (4 + 3, never 6 + 1)."""
    pages = paginate(table(n, rows))
    heights = [body_height(p) for p in pages]
    per_page = [(len(p.rows) - p.header_rows) // rows for p in pages]
    assert max(heights) <= 1.6 * min(heights), per_page
    assert max(per_page) - min(per_page) <= 1, per_page
    assert all(p.height <= FRAME.height + EPS for p in pages)


def test_uneven_groups_are_still_kept_whole():
    groups = tuple(group(i, rows=1 + (i % 4)) for i in range(1, 41))
    t = Table(HEADER, groups, WIDTHS)
    pages = paginate(t)
    assert len(pages) > 1
    assert body_rows(pages) == [r for g in groups for r in g]
    for page in pages:
        assert page.height <= FRAME.height + EPS
        assert not any(c.merged and c.text == "^" for c in page.rows[page.header_rows])


# --- the floor ----------------------------------------------------------------------------------
@pytest.mark.parametrize("n", [1, 20, 60, 200])
def test_font_is_never_below_the_minimum(n):
    assert all(p.font_pt >= MIN_PT for p in paginate(table(n)))


def test_group_too_tall_for_any_page_overflows_but_not_below_the_minimum():
    huge = ((b("1."), b("kata " * 900), b("x"), b("1")),)
    pages = paginate(Table(HEADER, (huge,), WIDTHS))
    assert len(pages) == 1 and pages[0].overflow
    assert pages[0].font_pt >= MIN_PT


@pytest.mark.parametrize("words", [270, 320])
def test_single_group_that_fits_only_at_a_smaller_font_shrinks_instead_of_overflowing(words):
    tall = ((b("1."), b("kata " * words), b("x"), b("1")),)
    t = Table(HEADER, (tall,), WIDTHS)
    assert not paginate(t, max_pt=MIN_PT, min_pt=MIN_PT)[0].overflow  # it does fit at the floor
    [page] = paginate(t)
    assert not page.overflow
    assert page.height <= FRAME.height + EPS


def test_small_frame_forces_more_pages_than_a_big_one():
    t = table(30)
    small = Frame(0, 0, FRAME.width, FRAME.height / 2)
    assert len(paginate(t, small)) > len(paginate(t))


def test_tall_group_among_others_shrinks_the_table_rather_than_overflowing():
    def with_tall(words):
        tall = ((b("4."), b("kata " * words), b("x"), b("1")),)
        return Table(HEADER, tuple(group(i) for i in range(1, 4)) + (tall,) + tuple(group(i) for i in range(5, 8)), WIDTHS)

    def overflows(t, size):
        return any(p.overflow for p in paginate_table(t, FRAME, MX, MY, size))

    words = next(w for w in range(100, 2000, 10) if overflows(with_tall(w), MAX_PT))
    assert not overflows(with_tall(words), MIN_PT)
    pages = paginate(with_tall(words))
    assert not any(p.overflow for p in pages)
    assert all(MIN_PT <= p.font_pt < MAX_PT for p in pages)


# --- spans ----------------------------------------------------------------------------------------
CAPAIAN_HEADER = (
    (h("NO"), h("SASARAN PD"), L, h("TAHUN 2023"), L, L, h("TAHUN 2024"), L, L, L, L, L, L),
    (U, h("SASARAN"), h("INDIKATOR"), h("TARGET"), h("REALISASI"), h("CAPAIAN"), h("TARGET KINERJA"), L, L,
     h("REALISASI"), L, h("CAPAIAN"), L),
    (U, U, U, U, U, U, h("TAHUN"), h("S I"), h("S II"), h("S I"), h("S II"), h("S I"), h("S II")),
)


@pytest.mark.parametrize(("origin", "span"), [
    ((0, 0), (3, 1)),
    ((0, 1), (1, 2)),
    ((0, 3), (1, 3)),
    ((0, 6), (1, 7)),
    ((1, 1), (2, 1)),
    ((1, 2), (2, 1)),
    ((1, 5), (2, 1)),
    ((1, 6), (1, 3)),
    ((1, 9), (1, 2)),
    ((1, 11), (1, 2)),
    ((2, 6), (1, 1)),
    ((2, 12), (1, 1)),
])
def test_spans_of_a_header_with_left_and_up_markers(origin, span):
    assert spans(CAPAIAN_HEADER)[origin] == span


def test_spans_lists_only_origin_cells():
    result = spans(CAPAIAN_HEADER)
    origins = {(r, c) for r, row in enumerate(CAPAIAN_HEADER) for c, cell in enumerate(row) if not cell.merged}
    assert set(result) == origins
    covered = sum(rs * cs for rs, cs in result.values())
    assert covered == len(CAPAIAN_HEADER) * len(CAPAIAN_HEADER[0])  # every cell covered exactly once


@pytest.mark.parametrize(("rows", "expected"), [
    (((h("X"), L), (U, U)), {(0, 0): (2, 2)}),
    (((h("A"), h("B")), (U, h("C"))), {(0, 0): (2, 1), (0, 1): (1, 1), (1, 1): (1, 1)}),
    (((h("A"), L, L),), {(0, 0): (1, 3)}),
    (((h("A"),), (U,), (U,)), {(0, 0): (3, 1)}),
])
def test_spans_of_small_blocks(rows, expected):
    assert spans(rows) == expected


def test_literal_marker_text_in_a_body_cell_is_not_a_merge():
    rows = ((b("A"), b("<")), (b("^"), b("D")))
    assert spans(rows) == {(0, 0): (1, 1), (0, 1): (1, 1), (1, 0): (1, 1), (1, 1): (1, 1)}


# --- heights ----------------------------------------------------------------------------------
def test_row_heights_give_a_tall_spanning_cell_its_room():
    tall = b("kata " * 60)
    rows = ((b("1."), tall, b("a")), (U, U, b("b")))
    widths = (0.5, 2.0, 2.0)
    heights = row_heights(rows, widths, 12.0, MX, MY)
    need = measure.text_height(tall.text, 2.0 - 2 * MX, 12.0) + 2 * MY
    assert sum(heights) >= need - EPS
    assert heights[0] == pytest.approx(heights[1])  # the deficit is spread over the spanned rows


def test_row_height_of_a_short_row_is_one_line_plus_margins():
    [height] = row_heights(((b("a"), b("b")),), (2.0, 2.0), 12.0, MX, MY)
    assert height == pytest.approx(measure.line_height(12.0) + 2 * MY)


def test_a_column_is_widened_to_its_longest_word_instead_of_breaking_it():
    head = ((h("NO"), h("REALISASI"), h("INDIKATOR")),)
    t = Table(head, (((b("1"), b("95,23%"), b("Persentase penduduk yang bekerja")),),), (0.3, 0.5, 4.0))
    widths = column_widths(t, 4.8, 14, MX)
    assert widths[1] >= measure.text_width("REALISASI", 14, True) + 2 * MX
    assert sum(widths) == pytest.approx(4.8)
    assert widths[2] < 4.0 / 4.8 * 4.8  # the room came from the wide column


def test_no_width_when_the_words_cannot_fit_at_that_size():
    head = ((h("REALISASI"), h("ANGGARAN")),)
    t = Table(head, (((b("1"), b("2")),),), (1, 1))
    assert column_widths(t, 1.0, 14, MX) is None
    assert column_widths(t, 3.0, 14, MX) is not None


def _capaian_like(groups: int, per_group: int) -> Table:
    rows = []
    for g in range(groups):
        rows.append(tuple(((b(f"{g + 1}."), b(f"Program nomor {g + 1} dengan nama panjang")) if k == 0 else (U, U))
                          + (b(f"Indikator {g + 1}.{k + 1}"), b("95,00%")) for k in range(per_group)))
    return Table(HEADER, tuple(rows), WIDTHS, split_groups=True)


def test_a_group_that_may_continue_fills_the_page_and_repeats_its_lead_cells():
    t = _capaian_like(2, 30)  # two programs of 30 indicators: more than a page each
    pages = paginate(t)
    assert len(pages) >= 2
    heights = [body_height(p) for p in pages]
    assert min(heights[:-1]) > 0.6 * (FRAME.height - (pages[0].height - body_height(pages[0])))
    for page in pages[1:]:
        first = page.rows[page.header_rows]
        assert not any(c.merged for c in first)  # the program's number and name are repeated
        assert first[1].text.startswith("Program nomor")
    assert [r[2].text for p in pages for r in p.rows[p.header_rows:]] == \
        [r[2].text for g in t.groups for r in g]


def test_groups_that_may_continue_still_break_between_groups_when_that_is_as_good():
    t = _capaian_like(6, 3)  # small groups: whole groups per page
    pages = paginate(t)
    for page in pages:
        first = page.rows[page.header_rows]
        assert first[0].text.endswith(".")


def test_pages_record_which_group_rows_they_show():
    t = _capaian_like(2, 30)
    pages = paginate(t)
    shown = [gr for p in pages for gr in p.body]
    assert shown == [(g, r) for g in range(2) for r in range(30)]


def test_a_group_taller_than_a_slide_continues_with_its_lead_cells_repeated():
    rows = ((b("1."), b("Sasaran yang indikatornya banyak"), b("Indikator 1"), b("1.000")),) + tuple(
        (U, U, b(f"Indikator kinerja utama nomor {k} yang panjang namanya"), U) for k in range(2, 60))
    t = Table(HEADER, (rows,), WIDTHS)
    pages = paginate(t)
    assert len(pages) > 1 and not any(p.overflow for p in pages)
    for page in pages[1:]:
        first = page.rows[page.header_rows]
        assert [first[0].text, first[1].text, first[3].text] == ["1.", "Sasaran yang indikatornya banyak", "1.000"]


def test_a_merged_text_that_wraps_keeps_its_columns_from_narrowing():
    """A definition spanning the definition and multiplier columns: those keep their share, though
    the numerator and denominator under it are short."""
    head = ((h("NO"), h("INDIKATOR"), h("DEFINISI"), L),)
    definisi = "Ukuran yang menghitung persentase penduduk usia kerja yang bekerja terhadap angkatan kerja " * 2
    group = ((b("1."), b("Persentase bekerja"), b(definisi), L),
             (U, U, b("Penduduk bekerja"), b("× 100")))
    t = Table(head, (group,), (0.5, 2.9, 5.6, 0.9))
    widths = column_widths(t, 9.9, 12, MX)
    assert widths[2] >= 5.6 / 9.9 * 9.9 - 1e-6


def test_a_word_too_wide_for_any_column_is_flagged_and_the_others_keep_their_room():
    word = "Desa/Kelurahan/Kecamatan/Kabupaten/Kota/Provinsi/Nasional/Regional/Internasional"
    head = ((h("NO"), h("NAMA"), h("TARGET")),)
    t = Table(head, (((b("1."), b(f"Jumlah {word}"), b("95,00%")),),), (0.5, 2.0, 1.0))
    [page] = paginate_table(t, Frame(0, 0, 4.0, 5.0), MX, MY, 12)
    assert page.breaks_words
    assert page.col_widths[1] == max(page.col_widths)  # the long word's column gets the most room
    assert sum(page.col_widths) == pytest.approx(4.0)


def test_a_word_too_wide_breaks_alone_every_other_column_keeps_its_longest_word():
    """The squeeze caps only the widest words: "NO", "TARGET", "REALISASI" and "107,16%" stay whole."""
    word = "TERSELENGGARANYA/TERLAKSANANYA/TERPENUHINYA/TERLAYANINYA/TERWUJUDNYA"
    head = ((h("NO"), h("INDIKATOR"), h("TARGET"), h("REALISASI"), h("CAPAIAN")),)
    t = Table(head, (((b("1."), b(f"PERSENTASE {word}"), b("95,00"), b("101,80"), b("107,16%")),),),
              (0.5, 4.0, 1.0, 1.0, 1.0))
    [page] = paginate_table(t, Frame(0, 0, 5.0, 5.0), MX, MY, 12)
    assert page.breaks_words
    assert sum(page.col_widths) == pytest.approx(5.0)
    for c, text in enumerate(("NO", None, "TARGET", "REALISASI", "CAPAIAN")):
        if text:
            assert page.col_widths[c] >= measure.longest_piece_width(text, page.header_pt, True) + 2 * MX - 1e-9


def test_a_merged_header_word_widens_the_columns_under_it():
    """"KEBERLANJUTAN" over two narrow figure columns: the two share the width the word needs."""
    head = ((h("NO"), h("KEBERLANJUTAN"), L), (U, h("I"), h("II")))
    t = Table(head, (((b("1."), b("1"), b("2")),),), (3.0, 0.2, 0.2))
    widths = column_widths(t, 5.0, 14, MX)
    assert widths is not None
    assert widths[1] + widths[2] >= measure.longest_piece_width("KEBERLANJUTAN", 14, True) + 2 * MX - 1e-9


def test_a_slash_compound_too_wide_breaks_at_its_slashes_and_leaves_every_other_word_whole():
    """The squeeze first lets the compound break after its slashes: its column needs only its widest
    part, so a capitalised word of another column ("MENINGKATNYA") keeps its width."""
    word = "TERSELENGGARANYA/TERLAKSANANYA/TERPENUHINYA/TERLAYANINYA"
    head = ((h("NO"), h("SASARAN"), h("INDIKATOR"), h("TARGET")),)
    t = Table(head, (((b("1."), b("MENINGKATNYA KUALITAS"), b(f"PERSENTASE {word}"), b("95,00")),),),
              (0.5, 1.5, 2.0, 1.0))
    total = sum(measure.longest_piece_width(x, 12, bold) + 2 * MX for x, bold in
                (("NO", True), ("MENINGKATNYA", False), ("TERSELENGGARANYA/", False), ("TARGET", True))) + 0.3
    [page] = paginate_table(t, Frame(0, 0, total, 5.0), MX, MY, 12)
    assert page.breaks_words
    assert page.col_widths[1] >= measure.longest_piece_width("MENINGKATNYA", 12) + 2 * MX - 1e-9
    assert page.col_widths[2] >= measure.longest_piece_width(word, 12, at_slashes=True) + 2 * MX - 1e-9
