"""The performance report's analyses (PermenPANRB 53/2014, Bab III) on the second sample, which has
their data, and not on the reference sample, which has none. Expected figures are computed here from
the workbook cells, with the tests' own rules."""
from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from pptx import Presentation

from deck_text import keyed_rows
from sample_sheets import indicator_rows
from sakip_report import analisis, paths
from sakip_report.build import Options, build
from sakip_report.compute import compute, load_rules
from sakip_report.normalise import read_data

DINSOS = paths.ROOT / "data" / "contoh-dinsos"
RULES = Path(__file__).parent / "data" / "aturan.toml"
ANALYSES = ("18a_grafik_tren", "18b_renstra", "18c_standar_nasional", "18d_analisis_sasaran", "18e_efisiensi_sasaran",
            "18f_grafik_efisiensi", "18g_efisiensi_program", "18h_program_pendukung", "18i_rata_rata_capaian")


def _deck(tmp_path_factory, data: Path, name: str):
    out = tmp_path_factory.mktemp(name)
    build(Options(data=data, out=out, formats=("pptx",), preview=False))
    return next(out.glob("*.pptx")), json.loads((out / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def dinsos(tmp_path_factory):
    return _deck(tmp_path_factory, DINSOS, "dinsos")


def _definitions(manifest) -> list[str]:
    return [Path(page["definisi"]).stem for page in manifest["slide"]]


def test_the_second_sample_shows_every_analysis(dinsos):
    shown = _definitions(dinsos[1])
    assert [a for a in ANALYSES if a not in shown] == []


def test_the_reference_sample_shows_none_of_them(sample_build):
    _, pptx = sample_build
    manifest = json.loads((pptx.parent / "manifest.json").read_text(encoding="utf-8"))
    assert not set(ANALYSES) & set(_definitions(manifest))


def _iku() -> dict[str, dict]:
    return {r["Kode"]: r for r in indicator_rows(DINSOS / "kinerja.xlsx", "IKU")}


def _years(row: dict, what: str) -> dict[int, float]:
    """year → the workbook's annual figure, else its semester II one (what: Target / Realisasi)."""
    out = {}
    for key, value in row.items():
        m = re.fullmatch(rf"(\d{{4}}) {what}( Semester II)?", str(key))
        if m and value not in (None, "-") and (m[2] is None or int(m[1]) not in out):
            out[int(m[1])] = float(value)
    return out


def test_the_renstra_table_shows_the_latest_realisasi_against_the_end_target_traced_to_its_cells(dinsos):
    rows = {row["nama"]: row for _, row in keyed_rows(dinsos[0], "slides/18b_renstra.toml")}
    for kode, sheet in _iku().items():
        realisasi = _years(sheet, "Realisasi")
        latest = max(realisasi)
        row = next(r for name, r in rows.items() if name.startswith(str(sheet["Indikator"]).split(" (")[0]))
        assert row["tahun_realisasi"] == str(latest)
        assert row["tahun_akhir"] == "2026"
    manifest = dinsos[1]
    traced = [f for page in manifest["slide"] if page["definisi"].endswith("18b_renstra.toml") for f in page["angka"]
              if f["teks"].endswith("%") and len(f["sumber"]) == 2]
    assert traced and all(re.fullmatch(r"kinerja\.xlsx!IKU!\w+\d+", s) for f in traced for s in f["sumber"])


@pytest.fixture(scope="module")
def dinsos_results():
    data = read_data(DINSOS)
    return data, compute(data, load_rules(RULES))


def _expected_status(sheet: dict, tolerance: float, labels) -> str:
    """The straight-path rule, computed from the workbook: for a lower-is-better indicator at or below the path."""
    realisasi = _years(sheet, "Realisasi")
    first, latest = min(realisasi), max(realisasi)
    end = float(sheet["Target Akhir Renstra"])
    lower = str(sheet["Polaritas"]).lower() == "negatif"
    now, start = realisasi[latest], realisasi[first]
    if (now <= end) if lower else (now >= end):
        return labels.tercapai
    expected = start + (end - start) * (latest - first) / (2026 - first)
    slack = abs(end - start) * tolerance / 100
    on_track = now <= expected + slack if lower else now >= expected - slack
    return labels.sesuai_jalur if on_track else labels.perlu_percepatan


@pytest.mark.parametrize("tolerance", [0.0, 5.0])
def test_the_renstra_status_follows_the_straight_path_rule_and_its_tolerance(dinsos_results, tolerance):
    from dataclasses import replace

    data, results = dinsos_results
    rules = replace(results.rules.analisis, toleransi=tolerance)
    frame = analisis.renstra(results, rules).set_index("kode")
    for kode, sheet in _iku().items():
        assert frame.loc[kode, "status"] == _expected_status(sheet, tolerance, rules), kode


def test_a_lower_is_better_indicator_is_on_track_below_its_path_not_above(dinsos_results):
    data, results = dinsos_results
    statuses = {tol: analisis.renstra(results, __import__("dataclasses").replace(results.rules.analisis, toleransi=tol))
                .set_index("kode")["status"] for tol in (0.0, 50.0)}
    negatif = [k for k, s in _iku().items() if str(s["Polaritas"]).lower() == "negatif"]
    assert negatif and all(statuses[50.0][k] in ("Sesuai jalur", "Target akhir tercapai") for k in negatif)


def test_the_standard_is_met_by_polarity_and_a_zero_standard_divides_nothing(dinsos):
    rows = [row for _, row in keyed_rows(dinsos[0], "slides/18c_standar_nasional.toml")]
    sheets = {str(s["Indikator"]): s for s in _iku().values() if s.get("Standar Nasional") not in (None, "-")}
    assert len(rows) == len(sheets) >= 2
    for row in rows:
        sheet = next(s for name, s in sheets.items() if row["nama"].startswith(name))
        realisasi = _years(sheet, "Realisasi")[2025]
        standar = float(sheet["Standar Nasional"])
        meets = realisasi <= standar if str(sheet["Polaritas"]).lower() == "negatif" else realisasi >= standar
        assert row["keterangan"] == ("Memenuhi" if meets else "Belum memenuhi")


def test_efficiency_is_capaian_against_serapan_by_the_rule_file(tmp_path, dinsos_results):
    from dataclasses import replace

    data, results = dinsos_results
    minus = analisis.efisiensi(results, results.rules.analisis, "program").set_index("kode")
    ratio = analisis.efisiensi(results, replace(results.rules.analisis, efisiensi_rumus="capaian / serapan"),
                               "program").set_index("kode")
    for kode in minus.index:
        c, s = minus.loc[kode, "capaian"], minus.loc[kode, "serapan"]
        assert minus.loc[kode, "nilai"] == pytest.approx(c - s)
        assert ratio.loc[kode, "nilai"] == pytest.approx(c / s * 100)
        assert minus.loc[kode, "kategori"] == ("Efisien" if c - s >= 0 else "Kurang efisien")


def test_the_average_capaian_row_of_the_agency_is_the_mean_of_every_iku(dinsos_results):
    data, results = dinsos_results
    frame = analisis.rata_rata(results, results.rules, dict(zip(data.table("sasaran")["kode"], data.table("sasaran")["nama"])))
    agency = frame.iloc[-1]
    cap = analisis.capaian_lookup(results)
    values = [analisis.now(cap, k, results.period).capaian for k in _iku()]
    assert agency["rata_rata"] == pytest.approx(sum(values) / len(values))
    assert agency["jumlah"] == len(values)


def test_each_sasaran_has_its_analysis_slide_with_the_texts_and_notes(dinsos):
    deck = Presentation(str(dinsos[0]))
    pages = [(page, slide) for page, slide in zip(dinsos[1]["slide"], deck.slides)
             if page["definisi"].endswith("18d_analisis_sasaran.toml")]
    text = " ".join(" ".join(sh.text_frame.text.split()) for _, slide in pages for sh in slide.shapes if sh.has_text_frame)
    for sheet in _iku().values():
        for column in ("Faktor Pendorong", "Faktor Penghambat"):
            first_words = " ".join(str(sheet[column]).split()[:6])
            assert first_words in text, (sheet["Kode"], column)
    notes = [slide.notes_slide.notes_text_frame.text for _, slide in pages if slide.has_notes_slide]
    assert notes and all("Analisis capaian sasaran" in n for n in notes)


def test_the_analysis_figures_are_shown_as_the_formatting_module_shows_them(dinsos):
    rows = [row for _, row in keyed_rows(dinsos[0], "slides/18i_rata_rata_capaian.toml")]
    assert rows and all(re.fullmatch(r"\d{1,3}(\.\d{3})*,\d{2}%", row["rata_rata"]) for row in rows)
    assert Decimal(rows[-1]["rata_rata"].rstrip("%").replace(".", "").replace(",", ".")) > 0


def test_a_year_end_deck_takes_the_years_annual_realisasi_as_the_latest():
    """2024 has annual columns only in the second sample: a 2024-S2 deck's latest realisasi is 2024's."""
    from sakip_report.compute import Period
    from sakip_report.normalise import S2

    data = read_data(DINSOS)
    results = compute(data, load_rules(RULES), Period(2024, 2023, S2))
    frame = analisis.renstra(results, results.rules.analisis).set_index("kode")
    for kode, sheet in _iku().items():
        assert frame.loc[kode, "tahun_realisasi"] == 2024
        assert frame.loc[kode, "realisasi"] == pytest.approx(_years(sheet, "Realisasi")[2024])


def test_next_years_deck_compares_with_this_years_realisasi_where_its_columns_put_it():
    """2025 has an annual target but semester realisasi: as the comparison year of 2026, its
    realisasi is semester II's, not "not reported"."""
    from sakip_report.compute import Period
    from sakip_report.normalise import S2

    data = read_data(DINSOS)
    results = compute(data, load_rules(RULES), Period(2026, 2025, S2))
    cap = analisis.capaian_lookup(results)
    for kode, sheet in _iku().items():
        assert analisis.year_row(cap, kode, 2025).realisasi == pytest.approx(_years(sheet, "Realisasi")[2025])


# --- an agency the samples never were: long sasaran names, long words, gaps in the data -----------------
LONG_SASARAN = ("Meningkatnya Keandalan Infrastruktur Irigasi dan Air Baku serta Pengendalian Banjir, Genangan dan "
                "Daya Rusak Air pada Daerah Aliran Sungai Kabupaten")
LONG_WORD = "TERSELENGGARANYA/TERLAKSANANYA/TERPENUHINYA/TERLAYANINYA"
PENDORONG = ("Koordinasi lintas perangkat daerah berjalan setiap bulan dan data kondisi lapangan dimutakhirkan. "
             "Dukungan anggaran tersedia sejak awal tahun sehingga pekerjaan fisik dimulai pada triwulan I.")
PENGHAMBAT = ("Curah hujan di atas normal pada triwulan I mempercepat kerusakan. Kenaikan harga material sekitar 12% "
              "mengurangi volume pekerjaan yang dapat dibiayai dari pagu yang sama.")
SOLUSI = ("Menyusun jadwal pelaksanaan sejak awal tahun anggaran dan memantau kemajuan setiap paket melalui dasbor "
          "kinerja. Menambah pelatihan dan sertifikasi tenaga teknis.")


def _iku_row(no, kode, sasaran, nama, satuan, polaritas, target, realisasi, rumus=None):
    """An IKU row of the fictional sheet: 2023 and 2024 (semester II) figures, semester I without a target."""
    return [no, kode, sasaran, nama, f"Definisi {nama}", None, None, None, satuan, polaritas,
            target, target, 1, target, "-", target, "-", realisasi, None, None, rumus]


def awkward_spec():
    """The fictional agency grown: the first sasaran with three IKU whose texts continue on further
    slides; a third sasaran with a name of two lines and four IKU (one named with a word wider than a
    text column, one lower-is-better that moved away from its end target, one whose realisasi is not
    reported, one whose end target is 0); the second sasaran has no national standard; a program with
    two indicators; every IKU with the analysis texts."""
    from workbooks import fictional, with_columns

    spec = fictional()
    spec["kinerja.xlsx"]["Sasaran"].rows.append(["S3", "T1", LONG_SASARAN])
    iku = spec["kinerja.xlsx"]["IKU"]
    iku.rows += [_iku_row(3, "IKU-3", "S3", f"PERSENTASE {LONG_WORD} PELAYANAN DASAR", "%", "Positif", 90, 92),
                 _iku_row(4, "IKU-4", "S3", "Jumlah desa terdampak banjir", "desa", "Negatif", 4, 9),
                 _iku_row(5, "IKU-5", "S3", "Persentase rumah tangga dengan akses air baku", "%", "Positif", 92, "-"),
                 _iku_row(6, "IKU-6", "S3", "Jumlah kejadian banjir bandang", "kejadian", "Negatif", 3, 2),
                 _iku_row(7, "IKU-7", "S1", "Skor pola pangan harapan", "skor", "Positif", 88, 90),
                 _iku_row(8, "IKU-8", "S1", "Persentase desa mandiri pangan", "%", "Positif", 40, 38)]
    longer = {"IKU-1", "IKU-7", "IKU-8"}  # the first sasaran's texts: twice as long
    text = lambda words: [f"{words} {words}" if row[1] in longer else words for row in iku.rows]  # noqa: E731
    spec["kinerja.xlsx"]["IKU"] = with_columns(iku, {
        "Target Akhir Renstra": [100, 80, 100, 4, 100, 0, 90, 50],
        "Standar Nasional": [90, None, 100, None, 100, None, None, None],
        "Sumber Standar Nasional": ["SPM", None, "SPM", None, "SPM", None, None, None],
        "Faktor Pendorong": text(PENDORONG), "Faktor Penghambat": text(PENGHAMBAT),
        "Solusi / Rencana Tindak Lanjut": text(SOLUSI)})
    spec["profil.xlsx"]["Profil"].rows.append(["Tahun Akhir Renstra", 2026])
    return spec


@pytest.fixture(scope="module")
def awkward(tmp_path_factory):
    """(pptx, manifest) of the awkward agency."""
    from workbooks import make_workbooks

    folder = make_workbooks(tmp_path_factory.mktemp("awkward-data"), spec=awkward_spec())
    return _deck(tmp_path_factory, folder, "awkward")


def _pages_of(deck, definition: str):
    """(manifest page, slide) of every slide of one definition."""
    pptx, manifest = deck
    return [(page, slide) for page, slide in zip(manifest["slide"], Presentation(str(pptx)).slides)
            if Path(page["definisi"]).stem == definition]


def test_the_awkward_agency_builds_every_analysis(awkward):
    shown = _definitions(awkward[1])
    assert [a for a in ANALYSES if a not in shown] == []


def _inches(emu) -> float:
    return emu / 914400


def _caption(slide):
    return next(sh for sh in slide.shapes if sh.has_text_frame and sh.text_frame.text.startswith("SASARAN:"))


def test_a_sasaran_name_of_two_lines_is_shown_whole_and_what_follows_starts_below_it(awkward):
    from sakip_report import measure

    pages = _pages_of(awkward, "18d_analisis_sasaran")
    assert any(LONG_SASARAN.upper() in _caption(slide).text_frame.text for _, slide in pages)
    for _, slide in pages:
        caption = _caption(slide)
        size = caption.text_frame.paragraphs[0].runs[0].font.size.pt
        lines = measure.wrap(caption.text_frame.text, _inches(caption.width), size, True)
        bottom = _inches(caption.top) + len(lines) * measure.line_height(size)
        assert _inches(caption.top + caption.height) >= bottom - 1e-6
        below = [sh for sh in slide.shapes if sh.shape_id != caption.shape_id and not sh.is_placeholder]
        assert below and min(_inches(sh.top) for sh in below) >= bottom, caption.text_frame.text


HEADINGS = ("Faktor Pendorong", "Faktor Penghambat", "Solusi / Rencana Tindak Lanjut")


def _text_columns(deck):
    """Per sasaran (its caption), its text columns in reading order: (heading, text box, slide number)."""
    out: dict[str, list] = {}
    for number, (_, slide) in enumerate(_pages_of(deck, "18d_analisis_sasaran")):
        shapes = list(slide.shapes)
        for head in shapes:
            if head.has_text_frame and head.text_frame.text.removesuffix(" (lanjutan)") in HEADINGS:
                box = next(sh for sh in shapes if sh.left == head.left and sh.top == head.top + head.height)
                out.setdefault(_caption(slide).text_frame.text, []).append((head.text_frame.text, box, number))
    return out


def _text_height(box) -> float:
    """The height of a text box's paragraphs, measured as the layout measures them (inches)."""
    from sakip_report import measure
    from sakip_report.compose import read_layout

    daftar = read_layout(paths.TEMPLATES)["daftar"]
    width = _inches(box.width) - 2 * daftar["padding"] - daftar["indent"]
    return sum(measure.text_height(p.text.replace("\u200b", " "), width, p.runs[0].font.size.pt)
               for p in box.text_frame.paragraphs)


def test_the_texts_start_under_the_table_when_there_is_room(awkward):
    for caption, columns in _text_columns(awkward).items():
        first_slide = columns[0][2]
        slide = _pages_of(awkward, "18d_analisis_sasaran")[first_slide][1]
        assert columns[0][0] == HEADINGS[0] and any(getattr(sh, "has_table", False) and sh.has_table
                                                    for sh in slide.shapes), caption


def _evenly_spread(columns) -> int:
    """How many blocks continue over several columns; each of them is spread evenly (asserted): no
    column holds less than 40 % of the text of the fullest column of its block (bullets are not cut
    to even them out further)."""
    continued = 0
    for heading in HEADINGS:
        heights = [_text_height(box) for text, box, _ in columns if text.removesuffix(" (lanjutan)") == heading]
        if len(heights) > 1:
            continued += 1
            assert min(heights) >= 0.4 * max(heights), (heading, heights)
    return continued


def test_a_block_that_continues_is_spread_evenly_over_its_columns(awkward):
    columns = _text_columns(awkward)["SASARAN: MENINGKATNYA KETERSEDIAAN PANGAN"]
    assert _evenly_spread(columns) == 3


def test_the_last_slide_of_a_sasarans_texts_uses_every_column_as_the_slides_before_it(awkward):
    for caption, columns in _text_columns(awkward).items():
        per_slide = [sum(1 for *_, slide in columns if slide == n) for n in sorted({c[2] for c in columns})]
        if len(per_slide) > 1:
            assert per_slide[-1] == per_slide[0] == len(HEADINGS), (caption, per_slide)


def test_every_analysis_text_of_the_deck_is_set_at_one_size_at_or_above_the_floor(awkward):
    from sakip_report.compose import read_layout

    daftar = read_layout(paths.TEMPLATES)["daftar"]
    sizes = {run.font.size.pt for columns in _text_columns(awkward).values() for _, box, _ in columns
             for paragraph in box.text_frame.paragraphs for run in paragraph.runs}
    assert len(sizes) == 1 and daftar["font_min"] <= sizes.pop() <= daftar["font_maks"]


def test_a_word_wider_than_a_column_breaks_after_its_slashes_and_stays_in_its_bullet(awkward):
    columns = _text_columns(awkward)[_caption_of(awkward, LONG_SASARAN)]
    texts = [box.text_frame.text for _, box, _ in columns]
    named = [t for t in texts if "PERSENTASE" in t]
    assert len(named) == 3  # the IKU's bullet in each block, whole: its name, the long word and its text
    for text in named:
        bullet = next(p for p in text.split("\n") if "PERSENTASE" in p)
        assert "TERSELENGGARANYA/\u200bTERLAKSANANYA/\u200bTERPENUHINYA/\u200bTERLAYANINYA PELAYANAN DASAR:" in bullet
        assert bullet.replace("\u200b", "").startswith(f"PERSENTASE {LONG_WORD} PELAYANAN DASAR: ")
    assert _evenly_spread(columns) >= 1


def _caption_of(deck, name: str) -> str:
    return next(caption for caption in _text_columns(deck) if name.upper() in caption)


def test_a_bullet_with_a_word_wider_than_its_column_shares_the_column_with_the_other_bullets(tmp_path):
    """Three short bullets a block, one of them naming the IKU with the long word: each block fits one
    column, so the sasaran's texts take one row of columns, not a column for the long word's bullet."""
    from dataclasses import replace

    from workbooks import make_workbooks

    from sakip_report import render
    from sakip_report.compose import compose, read_layout

    data = read_data(make_workbooks(tmp_path, spec=awkward_spec()))
    slides = compose(data, compute(data, load_rules(RULES)), paths.SLIDES, paths.TEMPLATES / paths.TEXT)
    third = next(s for s in slides if s.kind == "analisis" and LONG_SASARAN.upper() in s.caption)
    short = replace(third, blocks=tuple(replace(b, lines=tuple(line.split(":")[0] + ": Target tercapai." for line in b.lines[:3]))
                                        for b in third.blocks))
    cfg = read_layout(paths.TEMPLATES)
    tables, _ = render.table_pages([short], cfg)
    plan = render.analysis_plan(cfg, short, tables[0])
    columns = [column for page in plan.pages for column in page.columns]
    assert [b for b, _, _ in columns] == [0, 1, 2] and all(len(pieces) == 3 for _, pieces, _ in columns)


NAME_COLUMN = {"12_capaian_iku": "induk", "18b_renstra": "induk", "18c_standar_nasional": "induk",
               "18e_efisiensi_sasaran": "nama", "18h_program_pendukung": "sasaran", "18i_rata_rata_capaian": "sasaran"}


def test_a_sasaran_has_the_number_of_its_place_in_the_sasaran_sheet_on_every_slide(awkward):
    """The second sasaran has no national standard: the third is still "3." in that table."""
    place = {name: f"{k}." for k, (_, _, name) in enumerate(awkward_spec()["kinerja.xlsx"]["Sasaran"].rows, 1)}
    seen = {}
    for definition, row in keyed_rows(awkward[0]):
        column = NAME_COLUMN.get(Path(definition).stem)
        if column and re.fullmatch(r"\d+\.", row.get("no", "")):  # a group's first row (not a total's)
            seen.setdefault(Path(definition).stem, {})[row[column]] = row["no"]
            assert row["no"] == place[row[column]], (definition, row)
    assert seen["18c_standar_nasional"][LONG_SASARAN] == "3." and set(seen) == set(NAME_COLUMN)


def test_a_program_with_several_indicators_shows_one_indicator_a_row(awkward):
    ikp = awkward_spec()["kinerja.xlsx"]["Indikator Program"].rows
    names = {row[3] for row in ikp}
    several = [row[3] for row in ikp if row[2] == "3.27.03"]
    rows = [row for _, row in keyed_rows(awkward[0], "slides/18h_program_pendukung.toml")]
    shown = [row["indikator"] for row in rows]
    assert len(several) == 2 and all(name in shown for name in several)
    assert all(text in names | {"-"} for text in shown)  # one indicator per cell, never several run together
    notes = _pages_of(awkward, "18h_program_pendukung")[0][1].notes_slide.notes_text_frame.text
    assert notes.count("Program Penanganan Kerawanan Pangan") == 1


def _footnote(slide) -> str:
    return next(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame
                and sh.text_frame.text.startswith("Keterangan:"))


NOT_REPORTED = "Persentase rumah tangga dengan akses air baku"  # IKU-5: a standard, a target, no realisasi yet


def test_an_iku_with_a_standard_and_no_realisasi_yet_is_shown_marked_not_left_out(awkward):
    rows = {row["nama"]: row for _, row in keyed_rows(awkward[0], "slides/18c_standar_nasional.toml")}
    assert len(rows) == 3 and rows[NOT_REPORTED]["realisasi"] == rows[NOT_REPORTED]["keterangan"] == "b.d."
    assert "“b.d.” realisasi belum dilaporkan" in _footnote(_pages_of(awkward, "18c_standar_nasional")[0][1])


def test_the_averages_count_every_iku_and_name_in_a_footnote_those_left_out(awkward):
    rows = [row for _, row in keyed_rows(awkward[0], "slides/18i_rata_rata_capaian.toml")]
    third, agency = next(r for r in rows if r["sasaran"] == LONG_SASARAN), rows[-1]
    assert re.fullmatch(r"4[¹²³]", third["jumlah"]) and re.fullmatch(r"8[¹²³]", agency["jumlah"])
    footnote = _footnote(_pages_of(awkward, "18i_rata_rata_capaian")[0][1])
    assert f"“{third['jumlah']}” 1 dari 4 IKU tidak masuk rata-rata: {NOT_REPORTED} — realisasi belum dilaporkan" in footnote
    assert f"“{agency['jumlah']}” 1 dari 8 IKU tidak masuk rata-rata" in footnote
    assert next(r for r in rows if r["sasaran"] == "Meningkatnya ketersediaan pangan")["jumlah"] == "3"


def test_a_share_of_the_end_target_that_cannot_be_computed_or_is_below_zero_is_marked_and_footnoted(awkward):
    """IKU-6's end target is 0 (no share: not "-", which means no target); IKU-4 is lower-is-better with a
    realisasi of 9 against an end target of 4: (2·4 − 9)/4 = −25 %, which counts 0 % (aturan.toml [renstra])."""
    from sakip_report.compose import read_layout

    tanda = read_layout(paths.TEMPLATES)["tanda"]
    rows = {row["nama"]: row for _, row in keyed_rows(awkward[0], "slides/18b_renstra.toml")}
    zero, away = rows["Jumlah kejadian banjir bandang"], rows["Jumlah desa terdampak banjir"]
    assert zero["capaian_akhir"] == tanda["tidak_terhitung"] != tanda["tanpa_target"]
    assert away["capaian_akhir"] == "0,00%" + tanda["di_bawah_nol"]
    assert not [r for r in rows.values() if r["capaian_akhir"].startswith(("-", "−"))]
    footnote = " ".join(_footnote(slide) for _, slide in _pages_of(awkward, "18b_renstra"))
    assert f"“{zero['capaian_akhir']}” {tanda['keterangan_tidak_terhitung']}" in footnote
    assert f"“{away['capaian_akhir']}” {tanda['keterangan_di_bawah_nol']}" in footnote


def test_the_share_below_zero_keeps_the_formulas_own_value(dinsos_results):
    from sakip_report.compute import capaian_value

    _, results = dinsos_results
    frame = analisis.renstra(results, results.rules.analisis)
    assert frame["capaian_akhir"].dropna().ge(0).all()
    for r in frame.itertuples():
        raw = capaian_value(r.target_akhir, r.realisasi, results.indikator.set_index("kode").loc[r.kode, "rumus"])
        assert r.capaian_akhir_rumus == raw and r.di_bawah_nol == (raw is not None and raw < 0)
