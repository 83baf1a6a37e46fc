"""Another agency or year needs new data, never new code: no agency is named in code or layout."""
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PLACES = [*ROOT.joinpath("src").rglob("*.py"), *ROOT.joinpath("slides").glob("*.toml"),
          *ROOT.joinpath("templates").rglob("*.toml"), *ROOT.joinpath("templates", "text").glob("*.j2"),
          ROOT / "build_report.py", ROOT / "Makefile"]


@pytest.mark.parametrize("name", ["Lamongan", "Tenaga Kerja", "Disnaker", "Dinas Sosial", "Sukamaju 2025"])
def test_no_sample_agency_is_named_outside_data(name):
    hits = [str(p.relative_to(ROOT)) for p in PLACES if name.lower() in p.read_text(encoding="utf-8").lower()]
    assert hits == []
