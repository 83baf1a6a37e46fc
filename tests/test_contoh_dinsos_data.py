"""data/contoh-dinsos carries the data of every analysis of issue 17, written by tools/extend_contoh_dinsos.py.

Read through the package (by column id), so what is checked is what the deck receives. The sample
(data/sample) stays without any of it: its deck is the reference deck.
"""
from __future__ import annotations

import filecmp
import importlib.util
import re
import shutil
import tomllib
from pathlib import Path

import pytest

from sakip_report import measure
from sakip_report.formatting import is_missing
from sakip_report.normalise import S2, TAHUNAN, read_data

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "contoh-dinsos"
RENSTRA = range(2021, 2026)  # Renstra 2021–2026: realised years up to the report's (2025)


@pytest.fixture(scope="module")
def data():
    return read_data(DATA)


def _annual(data, sheet: str, kode: str, ukuran: str) -> dict[int, float]:
    """{year: value} of an indicator's yearly figure; for the report's year, its semester II (the year's)."""
    tidy = data.measure(sheet)
    rows = tidy[(tidy["kode"] == kode) & (tidy["ukuran"] == ukuran) & tidy["nilai"].notna()]
    out = {int(t): v for t, p, v in zip(rows["tahun"], rows["periode"], rows["nilai"]) if p == TAHUNAN}
    out.update({int(t): v for t, p, v in zip(rows["tahun"], rows["periode"], rows["nilai"])
                if p == S2 and int(t) not in out})
    return out


def test_the_workbooks_have_no_problems(data):
    assert not data.problems, [str(p) for p in data.problems]


@pytest.mark.parametrize("sheet", ["iku", "ikp"])
def test_every_indicator_has_target_and_realisasi_for_every_renstra_year(data, sheet):
    for kode in data.table(sheet)["kode"]:
        for ukuran in ("target", "realisasi"):
            years = _annual(data, sheet, kode, ukuran)
            assert set(RENSTRA) <= set(years), f"{kode} {ukuran}: {sorted(years)}"


def test_lower_is_better_iku_realisasi_fall_year_by_year(data):
    negatif = data.table("iku")[data.table("iku")["polaritas"] == "negatif"]["kode"]
    assert len(negatif) >= 2
    for kode in negatif:
        realisasi = [_annual(data, "iku", kode, "realisasi")[y] for y in RENSTRA]
        assert realisasi == sorted(realisasi, reverse=True) and len(set(realisasi)) == len(realisasi), (kode, realisasi)


def test_every_iku_has_an_end_target_for_2026_from_the_profil(data):
    iku = data.table("iku")
    assert iku["target_akhir"].notna().all()
    assert list(iku["tahun_akhir"]) == [2026] * len(iku)
    assert data.profil["tahun akhir renstra"] == "2026"
    assert all(s.startswith("profil.xlsx!Profil!B") for s in iku["sumber_tahun_akhir"])
    assert all(re.fullmatch(r"kinerja\.xlsx!IKU![A-Z]+\d+", s) for s in iku["sumber_target_akhir"])


def test_end_targets_lie_beyond_the_last_realisasi_in_the_good_direction(data):
    for row in data.table("iku").itertuples():
        last = _annual(data, "iku", row.kode, "realisasi")[2025]
        assert (row.target_akhir < last) if row.polaritas == "negatif" else (row.target_akhir > last), row.kode


def test_some_iku_have_a_national_standard_with_its_source_and_some_not(data):
    iku = data.table("iku")
    given = iku[iku["standar"].notna()]
    assert 1 <= len(given) < len(iku)
    assert all(isinstance(s, str) and s.strip() for s in given["rujukan_standar"])
    assert any("SPM" in s for s in given["rujukan_standar"])


def test_every_iku_has_its_factors_and_follow_up_in_two_to_four_sentences(data):
    for row in data.table("iku").itertuples():
        for key in ("pendorong", "penghambat", "solusi"):
            text = getattr(row, key)
            assert not is_missing(text), (row.kode, key)
            prose = re.sub(r"(?m)^\d+\.\s+", "", text)  # "1. " starts an item, not a sentence's end
            sentences = re.findall(r"\.(?:\s|$)", prose)
            assert 2 <= len(sentences) <= 4, (row.kode, key, len(sentences))


def test_one_analysis_text_needs_more_than_a_slide_at_14_pt_in_half_a_slide(data):
    page = tomllib.loads((ROOT / "templates" / "layout.toml").read_text(encoding="utf-8"))["halaman"]
    half, height = page["lebar"] / 2, page["bawah"] - page["atas"]
    texts = [getattr(row, key) for row in data.table("iku").itertuples() for key in ("pendorong", "penghambat", "solusi")]
    longest = max(texts, key=len)
    assert measure.text_height(longest, half, 14) > height
    assert "\n" in longest  # its line breaks are kept


def test_the_script_is_deterministic_and_wrote_the_committed_workbooks(tmp_path):
    spec = importlib.util.spec_from_file_location("extend_contoh_dinsos", ROOT / "tools" / "extend_contoh_dinsos.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    copy = tmp_path / "dinsos"
    shutil.copytree(DATA, copy)
    assert tool.main(["extend_contoh_dinsos.py", str(copy)]) == 0
    for name in ("profil.xlsx", "kinerja.xlsx", "anggaran.xlsx"):
        assert filecmp.cmp(copy / name, DATA / name, shallow=False), f"{name}: a second run changed it"


def test_the_sample_has_none_of_it():
    data = read_data(ROOT / "data" / "sample")
    iku = data.table("iku")
    analysis = ["target_akhir", "tahun_akhir", "standar", "rujukan_standar", "pendorong", "penghambat", "solusi"]
    assert all(is_missing(v) for key in analysis for v in iku[key])
    assert "tahun akhir renstra" not in data.profil
    assert {int(t) for t in data.measure("iku")["tahun"]} == {2023, 2024}
