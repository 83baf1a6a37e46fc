"""Tests for the Pohon Kinerja layout geometry."""

from __future__ import annotations

import math
import random
import re
from dataclasses import replace

import pytest

from sakip_report import paths
from sakip_report.compose import read_layout
from sakip_report.pohon import (
    BOX_PADDING, Box, Connector, Frame, Page, TreeNode, layout_pages, page_notes, validate_page,
)

FRAME = Frame(0.4, 1.25, 12.53, 5.95)
LEVELS = ("Tujuan", "Sasaran Strategis", "Program", "Kegiatan", "Sub Kegiatan")
EPS = 1e-6


def fake_measure(text: str, width_in: float, size_pt: float, bold: bool) -> float:
    """Deterministic stand-in for the font-metric measure: fixed-width glyphs."""
    per_line = max(1, int(width_in * 72 / (size_pt * 0.5)))
    lines = max(1, math.ceil(len(text) / per_line))
    return lines * size_pt * 1.22 / 72


def layout(root: TreeNode, **kw) -> list[Page]:
    """layout_pages with the test frame and fake measure."""
    return layout_pages(root, FRAME, measure_height=fake_measure, **kw)


def deck_layout(root: TreeNode) -> list[Page]:
    """layout_pages with the deck's settings of templates/layout.toml [pohon]."""
    cfg = read_layout(paths.TEMPLATES)["pohon"]
    return layout(root, max_pt=cfg["font_maks"], min_pt=cfg["font_min"], max_levels=cfg["tingkat_per_slide"],
                  min_col_w=cfg["lebar_kotak_min"], max_col_w=cfg["lebar_kotak_maks"])


def node(id_: str, depth: int, name: str, kids=(), inds=()) -> TreeNode:
    """TreeNode at a cascade depth."""
    return TreeNode(id_, LEVELS[depth], name, tuple(inds), tuple(kids))


def long_name(stem: str, size: int = 100) -> str:
    """A realistic long nomenclature name of about `size` characters."""
    return (stem + " pada Dinas Tenaga Kerja dan Transmigrasi Kabupaten " * 4)[:size]


def sample_tree() -> TreeNode:
    """Tree shaped like the agency's real cascade: 1 tujuan, 2 sasaran, 6 programs."""
    programs1 = [("Perencanaan Tenaga Kerja", 1, 1),
                 ("Pelatihan Kerja dan Produktivitas Tenaga Kerja", 2, 2),
                 ("Penempatan Tenaga Kerja", 1, 1), ("Hubungan Industrial", 2, 1),
                 ("Pembangunan Kawasan Transmigrasi", 1, 1)]
    s1 = node("S1", 1, "Meningkatnya Penduduk yang Bekerja",
              [_program(f"P1{i}", n, k, inds) for i, (n, k, inds) in enumerate(programs1)],
              ["Persentase Penduduk yang Bekerja"])
    p2 = node("P20", 2, "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
              [_kegiatan("P20", j, subs) for j, subs in enumerate((2, 1, 2))],
              ["Persentase capaian kinerja penunjang urusan"])
    s2 = node("S2", 1, "Meningkatnya Manajemen Internal Perangkat Daerah", [p2],
              ["Nilai SAKIP Dinas"])
    return node("T", 0, "Meningkatnya kesempatan kerja dan kesejahteraan tenaga kerja",
                [s1, s2], ["Tingkat Pengangguran Terbuka"])


def _program(pid: str, name: str, n_keg: int, n_ind: int) -> TreeNode:
    """A program with n_keg kegiatan of one sub kegiatan each."""
    inds = [f"Indikator program {name} ke-{i + 1} (persen)" for i in range(n_ind)]
    return node(pid, 2, f"Program {name}", [_kegiatan(pid, j, 1) for j in range(n_keg)], inds)


def _kegiatan(pid: str, j: int, n_sub: int) -> TreeNode:
    """A kegiatan with n_sub sub kegiatan, all with long names."""
    subs = [node(f"{pid}K{j}S{s}", 4, long_name(f"Sub kegiatan {s + 1} kegiatan {j + 1}"),
                 inds=["Jumlah dokumen yang disusun"]) for s in range(n_sub)]
    return node(f"{pid}K{j}", 3, long_name(f"Kegiatan {j + 1} program {pid}"), subs,
                ["Persentase capaian output kegiatan"])


def wide_tree(n_leaves: int = 30) -> TreeNode:
    """One program with many kegiatan leaves."""
    kegs = [node(f"K{i}", 3, f"Kegiatan nomor {i}") for i in range(n_leaves)]
    program = node("P", 2, "Program Lebar", kegs)
    return node("T", 0, "Tujuan", [node("S", 1, "Sasaran", [program])])


def random_tree(seed: int, max_depth: int = 5, max_leaves: int = 40) -> TreeNode:
    """Random cascade with long names, up to max_depth levels and max_leaves leaves."""
    rng = random.Random(seed)
    budget = [rng.randint(1, max_leaves)]

    def make(path: str, depth: int) -> TreeNode:
        """Node whose subtree uses at most the remaining leaf budget."""
        name = " ".join(rng.choice(["kinerja", "layanan", "tenaga", "kerja", "daerah"])
                        for _ in range(rng.randint(1, 30)))[:200]
        inds = [f"Indikator {i} " + "x" * rng.randint(0, 60) for i in range(rng.randint(0, 2))]
        n_kids = 0 if depth == max_depth - 1 else rng.choice([0, 1, 1, 2, 2, 3, 4, 6])
        n_kids = min(n_kids, budget[0] - 1) if depth else max(1, min(n_kids, budget[0]))
        budget[0] -= max(n_kids - 1, 0)
        kids = [make(f"{path}.{i}", depth + 1) for i in range(n_kids)]
        return node(path, depth, name, kids, inds)

    return make("R", 0)


def count_leaves(tree: TreeNode) -> int:
    """Leaves of a TreeNode."""
    return sum(count_leaves(c) for c in tree.children) or 1


def all_ids(tree: TreeNode) -> set[str]:
    """Every node id in the tree."""
    return {tree.id}.union(*(all_ids(c) for c in tree.children))


def count_level(page: Page, level: str) -> int:
    """Number of boxes of one level on a page."""
    return sum(b.level == level for b in page.boxes)


def box_heights_fit(box: Box) -> bool:
    """Whether the box is tall enough for its measured paragraphs."""
    inner = box.w - 2 * BOX_PADDING
    need = sum(fake_measure(t, inner, s, b) for t, s, b in box.paragraphs())
    return box.h + EPS >= need + 2 * BOX_PADDING


def program_of(pid: str, n_keg: int, n_sub: int, size: int = 140) -> TreeNode:
    """A program of n_keg kegiatan with n_sub sub kegiatan each, names of `size` characters."""
    kegs = [node(f"{pid}K{j}", 3, long_name(f"Kegiatan {j + 1} program {pid}", size),
                 [node(f"{pid}K{j}S{s}", 4, long_name(f"Sub kegiatan {s + 1} kegiatan {j + 1}", size),
                       inds=["Jumlah dokumen"]) for s in range(n_sub)], ["Persentase capaian output kegiatan"])
            for j in range(n_keg)]
    return node(pid, 2, long_name(f"Program {pid}", size), kegs, [f"Indikator program {pid}"])


def unbalanced_tree() -> TreeNode:
    """Two tujuan; one program with 14 kegiatan, four with one kegiatan and one sub kegiatan each."""
    s1 = node("S1", 1, "Sasaran satu", [program_of("P1", 14, 1, 60), program_of("P2", 1, 1, 60),
                                        program_of("P3", 1, 1, 60)], ["Indikator sasaran satu"])
    t1 = node("T1", 0, "Tujuan satu", [s1, node("S3", 1, "Sasaran tiga", [program_of("P4", 1, 1, 60)], ["Ind"])], ["I"])
    t2 = node("T2", 0, "Tujuan dua", [node("S2", 1, "Sasaran dua", [program_of("P5", 1, 1, 60)], ["Ind"])], ["I"])
    return TreeNode("root", "", "Dinas Contoh Kabupaten Contoh", (), (t1, t2))


RANDOM_TREES = [random_tree(seed) for seed in range(12)]
ALL_TREES = [sample_tree(), wide_tree(), unbalanced_tree(), *RANDOM_TREES]


# --- pagination ----------------------------------------------------------------------


def test_small_tree_fits_one_page():
    tree = node("T", 0, "Tujuan", [node("S1", 1, "Sasaran satu", [node("P", 2, "Program")]),
                                   node("S2", 1, "Sasaran dua")])
    pages = layout(tree)
    assert len(pages) == 1
    assert pages[0].title_suffix == ""
    assert [b.node_id for b in pages[0].boxes] == ["T", "S1", "P", "S2"]
    assert pages[0].boxes[0].font_pt == 11.0
    assert not any(b.continued for b in pages[0].boxes)


def test_small_tree_columns_capped_parent_spans_them_and_centred():
    tree = node("T", 0, "Tujuan", [node("S1", 1, "A"), node("S2", 1, "B")])
    boxes = layout(tree)[0].boxes
    assert [b.w for b in boxes[1:]] == [pytest.approx(3.0)] * 2
    assert boxes[0].x == pytest.approx(boxes[1].x) and boxes[0].w == pytest.approx(2 * 3.0 + 0.15)
    span_centre = (min(b.x for b in boxes) + max(b.x + b.w for b in boxes)) / 2
    assert span_centre == pytest.approx(FRAME.left + FRAME.width / 2)


def test_leaf_root_is_one_box():
    pages = layout(node("T", 0, "Tujuan saja"))
    assert [len(p.boxes) for p in pages] == [1]
    assert pages[0].connectors == ()


def test_sample_tree_overview_then_the_branches_that_go_on():
    pages = layout(sample_tree())
    assert [p.title_suffix for p in pages] == ["(1/2)", "Meningkatnya Penduduk yang Bekerja", "(2/2)"]
    assert [b.node_id for b in pages[0].boxes if b.level != "Program"] == ["T", "S1", "S2"]
    assert [p.boxes[0].node_id for p in pages] == ["T", "S1", "P14"]


def test_sample_overview_marks_cut_programs_continued():
    overview = layout(sample_tree())[0]
    continued = {b.node_id for b in overview.boxes if b.continued}
    assert continued == {b.node_id for b in overview.boxes if b.level == "Program"}


def test_sample_tree_draws_every_node():
    tree = sample_tree()
    drawn = {b.node_id for p in layout(tree) for b in p.boxes}
    assert drawn == all_ids(tree)


@pytest.mark.parametrize("n_leaves", [8, 15, 30])
def test_wide_program_split_into_min_width_columns(n_leaves):
    pages = layout(wide_tree(n_leaves))
    assert len(pages) > 1
    assert all(b.w >= 1.55 - EPS for p in pages for b in p.boxes)
    drawn = [b.node_id for p in pages for b in p.boxes if b.level == "Kegiatan"]
    assert drawn == [f"K{i}" for i in range(n_leaves)]


def test_wide_program_groups_are_balanced_and_numbered():
    pages = layout(wide_tree(30))
    groups = [p for p in pages if p.boxes[0].node_id == "P"]
    assert [count_level(p, "Kegiatan") for p in groups] == [6] * 5
    assert [p.title_suffix for p in groups] == [f"Program Lebar ({i}/5)" for i in range(1, 6)]
    assert [p.boxes[0].continued for p in groups] == [True] * 4 + [False]


def is_lone_chain(page: Page) -> bool:
    """Whether the page is one tree of boxes each with at most one child below it."""
    return sum(b.depth == 0 for b in page.boxes) == 1 and all(len(v) == 1 for v in _children_by_parent(page).values())


def test_a_few_short_boxes_five_levels_deep_are_one_slide():
    subs = {"K1": ("Sosialisasi Pancasila", "Bela Negara"), "K2": ("Fasilitasi Ormas",)}
    kegs = [node(k, 3, name, [node(f"{k}S{i}", 4, s, inds=["Peserta"]) for i, s in enumerate(subs[k])], ["Jumlah"])
            for k, name in (("K1", "Wawasan Kebangsaan"), ("K2", "Pembinaan Ormas"))]
    program = node("P", 2, "Program Wawasan Kebangsaan", kegs, ["Persentase ormas dibina"])
    tree = node("T", 0, "Terjaganya Kondusivitas Daerah",
                [node("S", 1, "Meningkatnya Kerukunan Warga", [program], ["Indeks Kerukunan", "Konflik"])], ["Indeks"])
    pages = deck_layout(tree)
    assert len(pages) == 1 and {b.node_id for b in pages[0].boxes} == all_ids(tree)


def test_kegiatan_with_their_sub_kegiatan_share_a_slide_when_they_fit():
    tree = node("T", 0, long_name("Tujuan", 150),
                [node("S", 1, long_name("Sasaran", 150), [program_of("P", 3, 2)], ["Indikator sasaran"])],
                ["Indikator tujuan"])
    pages = deck_layout(tree)
    with_kegiatan = [p for p in pages if any(b.level == "Sub Kegiatan" for b in p.boxes)]
    assert len(with_kegiatan) == 1 and len(pages) == 2


def test_small_branches_share_a_slide_instead_of_a_lone_chain_each():
    pages = deck_layout(unbalanced_tree())
    assert not [p.title_suffix for p in pages if is_lone_chain(p)]
    shared = [p for p in pages if {"P2K0", "P3K0"} <= {b.node_id for b in p.boxes}]
    assert len(shared) == 1
    assert {b.node_id for p in pages for b in p.boxes} == all_ids(unbalanced_tree())


def test_a_wide_program_fills_the_fewest_slides_evenly():
    pages = deck_layout(unbalanced_tree())
    per_page = [n for p in pages if (n := sum(b.node_id.startswith("P1K") and b.level == "Kegiatan" for b in p.boxes))]
    assert per_page == [7, 7]
    nine = node("T", 0, "Tujuan", [node("S", 1, "Sasaran", [program_of("P", 9, 1, 60)])])
    per_page = [n for p in deck_layout(nine) if (n := sum(b.level == "Kegiatan" for b in p.boxes))]
    assert sorted(per_page) == [4, 5]


def fake_word_width(text: str, size_pt: float, bold: bool) -> float:
    """The fake measure's widest word: fixed-width glyphs."""
    return max(map(len, text.split()), default=0) * size_pt * 0.5 / 72


def wordy_measure(text: str, width_in: float, size_pt: float, bold: bool) -> float:
    """fake_measure that, like the real one, has no room for a line narrower than a word."""
    return math.inf if fake_word_width(text, size_pt, bold) > width_in else fake_measure(text, width_in, size_pt, bold)


def test_a_column_widens_for_a_long_word_and_the_others_share_the_rest():
    subs = ["Rehabilitasi Jalan"] * 6 + ["Pembangunan/Rehabilitasi/Jalan"[:26]]
    kegs = [node(f"K{j}", 3, f"Kegiatan {j}", [node(f"K{j}S", 4, sub)]) for j, sub in enumerate(subs)]
    tree = node("P", 2, "Program Jalan", kegs)
    pages = layout_pages(tree, FRAME, measure_height=wordy_measure, word_width=fake_word_width, max_pt=12, min_pt=11)
    assert len(pages) == 1
    widths = {b.node_id: b.w for b in pages[0].boxes if b.level == "Sub Kegiatan"}
    assert widths["K6S"] > 2.1 and all(1.55 - EPS <= w < widths["K6S"] for n, w in widths.items() if n != "K6S")
    assert validate_page(pages[0], FRAME) == [] and all(box_heights_fit(b) for b in pages[0].boxes)


def roads_tree(n_indicators: int = 5) -> TreeNode:
    """A sasaran and its program with `n_indicators` long indicators each, over four kegiatan."""
    inds = [long_name(f"Persentase panjang jalan kabupaten ke-{i} dalam kondisi mantap", 100) for i in range(n_indicators)]
    program = node("P", 2, "Program Penyelenggaraan Jalan", [
        node(f"K{j}", 3, long_name(f"Kegiatan jalan {j}", 120), [node(f"K{j}S", 4, long_name(f"Sub {j}", 120))],
             ["Panjang jalan yang ditangani"]) for j in range(4)], inds)
    sasaran = node("S", 1, long_name("Meningkatnya kemantapan jalan", 150), [program], inds)
    return node("T", 0, long_name("Meningkatnya kualitas infrastruktur", 150), [sasaran], ["Indeks infrastruktur"])


def test_a_box_shows_all_its_indicators_when_the_slide_has_room():
    tree = roads_tree()
    pages = deck_layout(tree)
    shown = {b.node_id: b.indicators for p in pages for b in p.boxes}
    assert shown["S"] == shown["P"] == tree.children[0].indicators
    assert not [b for p in pages for b in p.boxes if b.hidden]


def test_indicators_that_cannot_fit_at_the_floor_are_counted_and_kept_for_the_notes():
    tree = roads_tree(60)
    pages = deck_layout(tree)
    boxes = [b for p in pages for b in p.boxes if b.node_id == "S"]
    full = tree.children[0].indicators
    for box in boxes:
        *first, more = box.indicators
        assert more == f"… dan {len(full) - len(first)} indikator lain" and box.hidden == full[len(first):]
        assert box_heights_fit(box) and 1 < len(first) < len(full)
    notes = page_notes(next(p for p in pages if boxes[0] in p.boxes))
    assert all(ind in notes for ind in full) and notes.count("\n") >= len(full)


def test_the_slide_of_a_box_that_shows_only_its_first_indicators_lists_them_all_in_its_notes():
    from sakip_report.content import Slide
    from sakip_report.render import Deck, render_pohon

    iku = tuple(f"Indikator kinerja utama ke-{i}" for i in range(40))
    tree = TreeNode("sasaran:S", "SASARAN STRATEGIS", "Sasaran", iku, (TreeNode("program:P", "PROGRAM", "Program"),))
    deck = Deck(paths.TEMPLATES / paths.MASTER, read_layout(paths.TEMPLATES))
    render_pohon(deck, Slide("pohon", "POHON KINERJA", tree=tree))
    [slide] = deck.prs.slides
    shown = next(s.text_frame.text for s in slide.shapes if s.has_text_frame and "Sasaran" in s.text_frame.text)
    assert "indikator lain" in shown and "ke-39" not in shown
    notes = slide.notes_slide.notes_text_frame.text
    assert all(f"{k}. {ind}" in notes for k, ind in enumerate(iku, 1))


def test_a_branch_name_cut_for_its_slide_titles_ends_on_a_word_that_is_not_a_connective():
    names = ("Program Pengelolaan Sumber Daya Air (SDA) melalui Pembangunan/Rehabilitasi Jaringan Irigasi",
             "Pembangunan, Penggantian dan Rehabilitasi Jembatan Kabupaten pada Ruas Jalan Penghubung",
             "Pengembangan dan Pengelolaan Sistem Irigasi Primer dan Sekunder pada Daerah Irigasi")
    kids = [replace(program_of(f"P{i}", 3, 2), name=name) for i, name in enumerate(names)]
    pages = deck_layout(node("S", 1, "Sasaran", kids, ["Indikator"]))
    cut = [p.title_suffix for p in pages if "…" in p.title_suffix]
    assert len(cut) >= len(names)
    assert not [t for t in cut if re.search(r"\b(dan|pada|melalui|serta|di|yang)…", t)], cut


LONG_TITLES = (  # titles QA saw end in an orphan: "pada…", "Jasa…", "(1/2)" or "(1/3)" alone on a line
    "POHON KINERJA — Pembangunan, Penggantian dan Rehabilitasi Jembatan Kabupaten pada Ruas Jalan Penghubung "
    "Antarkecamatan, Desa Terisolasi dan Kawasan Sentra Produksi Pertanian dan Perkebunan Rakyat",
    "POHON KINERJA — Meningkatnya Mutu, Ketertiban dan Keselamatan Penyelenggaraan Jasa Konstruksi Daerah",
    "POHON KINERJA — Meningkatnya Ketahanan Air, Pengendalian Daya Rusak Air serta Akses Masyarakat terhadap "
    "Infrastruktur Permukiman yang Layak, Aman dan Berkelanjutan (1/3)",
    "POHON KINERJA — Program Pengelolaan dan Pengembangan Sistem Penyediaan Air Minum Kabupaten (1/3)",
    "POHON KINERJA — Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota (1/2)",
    "POHON KINERJA — Terwujudnya Penyelenggaraan Penataan Ruang yang Tertib, Bangunan Gedung yang Andal serta "
    "Tata Kelola Pemerintahan yang Akuntabel dan Berorientasi pada Hasil (2/2)",
    "POHON KINERJA — " + "Penyelenggaraan Jalan Kabupaten/Kota melalui Pembangunan/Rehabilitasi " * 4 + "(1/2)",
)


@pytest.mark.parametrize("title", LONG_TITLES)
def test_a_long_title_fits_one_line_or_breaks_at_a_word_with_two_words_on_its_last_line(title):
    from sakip_report import measure
    from sakip_report.render import Deck

    deck = Deck(paths.TEMPLATES / paths.MASTER, read_layout(paths.TEMPLATES))
    slide, _ = deck.new_slide("Title Only", title, "uji.toml")
    ph = slide.shapes.title
    width = (ph.width - ph.text_frame.margin_left - ph.text_frame.margin_right) / 914400
    size = ph.text_frame.paragraphs[0].runs[0].font.size.pt
    lines = [line for p in ph.text_frame.paragraphs for line in  # as the renderer wraps them, with the title font
             measure.wrap(p.text, width, size, True, face="heading")]
    assert 1 <= len(lines) <= 2 and size >= read_layout(paths.TEMPLATES)["judul"]["font_min"]
    assert len(lines) * measure.line_height(size, "heading") <= (ph.height - ph.text_frame.margin_top
                                                                  - ph.text_frame.margin_bottom) / 914400
    assert not measure.breaks_words(" ".join(lines), width, size, True, face="heading")
    words = [w for w in re.split(r"[ \u00a0]+", lines[-1]) if not re.fullmatch(r"\(\d+/\d+\)|…", w)]
    assert len(lines) == 1 or len(words) >= 2, lines
    counter = re.search(r"\(\d+/\d+\)$", title)
    assert not counter or re.search(r"\w…?[ \u00a0]\(\d+/\d+\)$", lines[-1]), lines
    assert "".join(lines).replace("\u00a0", " ").replace(" ", "")[:-8] in title.replace(" ", "") or "…" in lines[-1]
    assert not re.search(r"\b(dan|pada|serta|yang|di|ke|dari|untuk|melalui)$", lines[0]), lines


def test_max_levels_limits_rows_per_page():
    tree = sample_tree()
    for max_levels in (2, 3, 4):
        pages = layout(tree, max_levels=max_levels)
        assert max(b.depth for p in pages for b in p.boxes) < max_levels
        assert {b.node_id for p in pages for b in p.boxes} == all_ids(tree)


def test_text_too_tall_for_capped_column_uses_full_width():
    tree = node("T", 0, "t" * 1500, [node("S", 1, "s" * 1500)])
    pages = layout(tree)
    assert len(pages) == 1 and pages[0].boxes[0].w > 3.0
    assert validate_page(pages[0], FRAME) == []


def test_text_too_tall_for_any_page_raises():
    with pytest.raises(ValueError, match="does not fit"):
        layout(node("T", 0, "t" * 20000, [node("S", 1, "s")]))


def test_bad_options_rejected():
    with pytest.raises(ValueError):
        layout(sample_tree(), max_levels=1)
    with pytest.raises(ValueError):
        layout(sample_tree(), min_pt=12.0)


# --- geometry invariants over many trees ---------------------------------------------


@pytest.mark.parametrize("tree", ALL_TREES)
def test_pages_valid(tree):
    for page in layout(tree):
        assert validate_page(page, FRAME) == []


@pytest.mark.parametrize("tree", ALL_TREES)
def test_every_node_drawn_and_text_fits(tree):
    pages = layout(tree)
    assert {b.node_id for p in pages for b in p.boxes} == all_ids(tree)
    assert all(box_heights_fit(b) for p in pages for b in p.boxes)


@pytest.mark.parametrize("tree", ALL_TREES)
def test_font_and_columns_within_limits(tree):
    for page in layout(tree):
        sizes = {b.font_pt for b in page.boxes}
        assert len(sizes) == 1 and 8.0 <= sizes.pop() <= 11.0
        assert all(b.w >= 1.55 - EPS for b in page.boxes)
        assert max(b.depth for b in page.boxes) < 4


@pytest.mark.parametrize("tree", ALL_TREES)
def test_rows_share_height(tree):
    for page in layout(tree):
        by_depth = {}
        for b in page.boxes:
            by_depth.setdefault(b.depth, set()).add((round(b.y, 9), round(b.h, 9)))
        assert all(len(v) == 1 for v in by_depth.values())


def _children_by_parent(page: Page) -> dict[str, list[Box]]:
    """Map parent node id to the child boxes connected below it, via connector ends."""
    tops = {(round(b.x + b.w / 2, 6), round(b.y, 6)): b for b in page.boxes}
    bottoms = {(round(b.x + b.w / 2, 6), round(b.y + b.h, 6)): b for b in page.boxes}
    kids: dict[str, list[Box]] = {}
    for c in page.connectors:
        parent = bottoms[(round(c.x1, 6), round(c.y1, 6))]
        kids.setdefault(parent.node_id, []).append(tops[(round(c.x2, 6), round(c.y2, 6))])
    return kids


@pytest.mark.parametrize("tree", ALL_TREES)
def test_parent_centred_over_children(tree):
    for page in layout(tree):
        boxes = {b.node_id: b for b in page.boxes}
        for pid, kids in _children_by_parent(page).items():
            centre = boxes[pid].x + boxes[pid].w / 2
            assert min(k.x for k in kids) - EPS <= centre <= max(k.x + k.w for k in kids) + EPS


@pytest.mark.parametrize("tree", ALL_TREES)
def test_connectors_join_parent_bottom_to_child_top(tree):
    for page in layout(tree):
        kids = _children_by_parent(page)  # raises KeyError if an end misses a box edge
        trees = sum(b.depth == 0 for b in page.boxes)
        assert sum(len(v) for v in kids.values()) == len(page.connectors) == len(page.boxes) - trees
        for c in page.connectors:
            (ax, ay), (bx, by), (cx, cy), (dx, dy) = c.points
            assert (ax, ay, dx, dy) == (c.x1, c.y1, c.x2, c.y2)
            assert ax == bx and by == cy and cx == dx and ay < by < dy


def children_of(tree: TreeNode) -> dict[str, set[str]]:
    """Each node id's children's ids."""
    found = {tree.id: {c.id for c in tree.children}}
    for kid in tree.children:
        found.update(children_of(kid))
    return found


@pytest.mark.parametrize("tree", ALL_TREES)
def test_a_box_marked_as_continuing_has_children_on_a_later_slide(tree):
    kids, pages = children_of(tree), deck_layout(tree)
    for i, page in enumerate(pages):
        here = {b.node_id for b in page.boxes}
        later = {b.node_id for p in pages[i + 1:] for b in p.boxes}
        for box in page.boxes:
            assert box.continued == bool((kids[box.node_id] - here) & later), (i, box.node_id)


@pytest.mark.parametrize("tree", ALL_TREES)
def test_deterministic(tree):
    assert layout(tree) == layout(tree)


def test_random_trees_cover_the_brief():
    assert max(count_leaves(t) for t in RANDOM_TREES) > 20
    assert all(count_leaves(t) <= 40 for t in RANDOM_TREES)
    assert any(len(layout(t)) > 1 for t in RANDOM_TREES)


# --- validate_page itself -------------------------------------------------------------


def _b(node_id: str, x: float, y: float, w: float = 2.0, h: float = 1.0) -> Box:
    """A bare box for validator tests."""
    return Box(node_id, "Program", 0, x, y, w, h, "Program", "n", (), 10.0, False)


@pytest.mark.parametrize("boxes, connectors, expected", [
    ([_b("a", 1, 2), _b("b", 3.5, 2)], [], []),
    ([_b("a", 1, 2), _b("b", 3.0, 2)], [], []),  # touching edges is not overlap
    ([_b("a", 1, 2), _b("b", 2.5, 2.5)], [], ["boxes a and b overlap"]),
    ([_b("a", 0.1, 2)], [], ["box a outside frame"]),
    ([_b("a", 12, 2)], [], ["box a outside frame"]),
    ([_b("a", 1, 6.5)], [], ["box a outside frame"]),
    ([], [Connector(1, 2, 1, 8, ((1, 2), (1, 5), (1, 5), (1, 8)))],
     ["connector (1, 2)->(1, 8) outside frame"]),
])
def test_validate_page(boxes, connectors, expected):
    assert validate_page(Page("", tuple(boxes), tuple(connectors)), FRAME) == expected
