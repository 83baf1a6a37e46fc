"""Smoke tests of the benchmark's synthetic agencies (benchmarks/synthetic.py): valid, buildable, paginating,
deterministic. The benchmark itself (benchmarks/bench.py) is run with `make bench`, not here."""
from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pptx import Presentation

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from synthetic import make_agencies, make_agency  # noqa: E402

from sakip_report.build import Options, build  # noqa: E402
from sakip_report.normalise import read_data  # noqa: E402

FILES = ("profil.xlsx", "kinerja.xlsx", "anggaran.xlsx")
SLIDES = Path(__file__).resolve().parents[1] / "slides"


def _values(folder: Path) -> dict:
    """Every cell value of the three workbooks, by file, sheet and address."""
    out = {}
    for file in FILES:
        wb = load_workbook(folder / file)
        for ws in wb.worksheets:
            out[(file, ws.title)] = {c.coordinate: (c.value, c.number_format)
                                     for row in ws.iter_rows() for c in row if c.value is not None}
            out[(file, ws.title, "merged")] = sorted(map(str, ws.merged_cells.ranges))
    return out


def _row(ws, r: int) -> list:
    """A row's values without trailing empty cells."""
    values = [c.value for c in ws[r]]
    while values and values[-1] is None:
        values.pop()
    return values


def _titles(pptx: Path) -> list[str]:
    deck = Presentation(str(pptx))
    return [s.shapes.title.text_frame.text if s.shapes.title is not None else "" for s in deck.slides]


def test_sample_sheets_and_headers(tmp_path):
    """Same sheets as data/sample, same header texts on row 3 (and 4 for the indicator sheets)."""
    sample = Path(__file__).resolve().parents[1] / "data" / "sample"
    made = make_agency(tmp_path / "a", 12, seed=1)
    for file in FILES:
        ours, theirs = load_workbook(made / file), load_workbook(sample / file)
        assert ours.sheetnames == theirs.sheetnames
        for title in theirs.sheetnames:
            for r in (3, 4) if title in ("IKU", "Indikator Program") else (3,):
                assert _row(ours[title], r) == _row(theirs[title], r), (file, title, r)


def test_small_agency_validates_and_builds(tmp_path):
    folder = make_agency(tmp_path / "data", 12, seed=3)
    data = read_data(folder)
    assert [p for p in data.problems if p.level == "error"] == []
    assert len(data.table("iku")) + len(data.table("ikp")) == 12
    assert (data.table("iku")["polaritas"] == "negatif").sum() + (data.table("ikp")["polaritas"] == "negatif").sum() == 1
    result = build(Options(data=folder, out=tmp_path / "out", formats=("pptx",)))
    decks = [p for p in result.outputs if p.suffix == ".pptx"]
    assert len(decks) == 1 and result.slides >= 19
    assert len(Presentation(str(decks[0])).slides) == result.slides


def test_sixty_indicators_paginate(tmp_path):
    """Only the capaian table slides (charts of 60 indicators take ~15 s; the benchmark times them)."""
    folder = make_agency(tmp_path / "data", 60, seed=0)
    slides = tmp_path / "slides"
    slides.mkdir()
    for definition in sorted(SLIDES.glob("*.toml")):
        if re.search(r'^tabel\s*=\s*"capaian"', definition.read_text(encoding="utf-8"), re.M):
            shutil.copy(definition, slides / definition.name)
    assert len(list(slides.iterdir())) == 2
    result = build(Options(data=folder, out=tmp_path / "out", formats=("pptx",), slides=slides))
    titles = _titles(next(p for p in result.outputs if p.suffix == ".pptx"))
    continued = [t for t in titles if t.strip().endswith("(lanjutan)")]
    assert any(t.startswith("CAPAIAN INDIKATOR KINERJA PENDUKUNG") for t in continued), titles


def test_same_seed_same_cells(tmp_path):
    a = _values(make_agency(tmp_path / "a", 40, seed=7))
    b = _values(make_agency(tmp_path / "b", 40, seed=7))
    c = _values(make_agency(tmp_path / "c", 40, seed=8))
    assert a == b
    assert a != c


def test_agencies_have_distinct_names(tmp_path):
    folders = make_agencies(tmp_path, 3, 8)
    profils = [read_data(f).profil for f in folders]
    assert len({p["nama perangkat daerah"] for p in profils}) == 3
    assert len({p["singkatan"] for p in profils}) == 3


def test_too_few_indicators(tmp_path):
    with pytest.raises(ValueError):
        make_agency(tmp_path, 1)
