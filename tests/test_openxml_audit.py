"""Every deck the tests build opens in PowerPoint without repair: openxml-audit (the Open XML SDK's
validation rules) with `-f microsoft365`, zero errors.

The decks: every agency under data/ (the sample, contoh-dinsos, and any added later), the tests'
fictional agency, a fresh `sakip-report init` folder, the stress set (tests/stress.py), and the fictional agency with the awkward
inputs the loader now handles (column-number rows, Excel escapes, a hidden stale sheet), and decks
of empty optional sheets. Decks whose known faults belong to the slide side are built too, marked
xfail(strict) with the exact finding, so they turn into failures to remove the moment the fix lands.
"""
from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from stress import make_stress_data
from workbooks import column_numbers, fictional, make_workbooks, with_row_under_header

from sakip_report.build import Options, build
from sakip_report.init import init_workbooks
from sakip_report.problems import InputError

pytest.importorskip("openxml_audit")

ROOT = Path(__file__).resolve().parents[1]
AGENCIES = sorted(p for p in (ROOT / "data").iterdir() if (p / "kinerja.xlsx").exists())


def audit(path: Path) -> list[dict]:
    """openxml-audit's findings for a deck or a folder of decks, as its CLI reports them (JSON)."""
    args = ["-f", "microsoft365", "-o", "json", "-m", "0", *(["-r"] if path.is_dir() else []), str(path)]
    run = subprocess.run([sys.executable, "-m", "openxml_audit", *args], capture_output=True, text=True, timeout=600)
    return json.loads(run.stdout)


def errors_of(report: dict) -> list[str]:
    return [f"{e.get('part_uri', '')} {e.get('path', '')}: {e.get('description', e)}" for e in report["errors"]]


def deck(data: Path, out: Path) -> Path:
    """Build a PPTX-only deck of `data` into `out`; its path."""
    result = build(Options(data=data, out=out, formats=("pptx",), preview=False))
    return next(p for p in result.outputs if p.suffix == ".pptx")


def awkward(folder: Path) -> Path:
    """The fictional agency with a column-number row in every sheet, escapes in names, a hidden stale IKU."""
    spec = fictional()
    for sheets in spec.values():
        for title, sheet in sheets.items():
            sheets[title] = with_row_under_header(sheet, column_numbers(sheet))
    spec["kinerja.xlsx"]["Tujuan"].rows[1][1] = "Meningkatnya ketahanan_x000B_pangan_x0007_ daerah"

    def stale(books):
        wb = books["kinerja.xlsx"]
        old = wb.copy_worksheet(wb["IKU"])
        old.title, old.sheet_state = "Indikator Kinerja Utama", "hidden"

    return make_workbooks(folder, spec=spec, hook=stale)


@pytest.fixture(scope="module")
def decks(tmp_path_factory) -> dict[str, Path]:
    """name → PPTX of every deck that must pass, all in one folder audited once."""
    root = tmp_path_factory.mktemp("audit")
    init_workbooks(root / "data-init", "Dinas Tenaga Kerja", 2025, pemda="Kabupaten Sukamaju")
    sources = {p.name: p for p in AGENCIES} | {
        "fiktif": make_workbooks(root / "data-fiktif"), "init": root / "data-init", "janggal": awkward(root / "data-janggal"),
        "stress": make_stress_data(root / "data-stress")}
    return {name: deck(data, root / "decks" / name) for name, data in sources.items()}


@pytest.fixture(scope="module")
def reports(decks) -> dict[str, dict]:
    found = {Path(r["file"]).resolve(): r for r in audit(next(iter(decks.values())).parents[1])}
    return {name: found[path.resolve()] for name, path in decks.items()}


@pytest.mark.parametrize("name", [p.name for p in AGENCIES] + ["fiktif", "init", "janggal", "stress"])
def test_deck_has_no_openxml_audit_errors(reports, name):
    report = reports[name]
    assert report["format"] == "microsoft365"
    assert report["error_count"] == 0, errors_of(report)


def test_the_awkward_inputs_do_not_reach_the_slides(decks):
    from pptx import Presentation

    from deck_text import shape_texts

    texts = [t for slide in Presentation(str(decks["janggal"])).slides for t in shape_texts(slide.shapes)]
    assert any("Meningkatnya ketahanan pangan daerah" in " ".join(t.split()) for t in texts)
    assert not [t for t in texts if "_x00" in t or any(ord(c) < 32 and c not in "\t\n\v" for c in t)]
    assert not [t for t in texts if t.strip() in ("(1)", "(2)", "(3)", "-3", "(4)")]


# --- empty optional sheets and texts too long to lay out ------------------------------------------
def _empty_profil_sheets(folder: Path, titles: tuple[str, ...]) -> Path:
    spec = fictional()
    for title in titles:
        spec["profil.xlsx"][title].rows.clear()
        spec["profil.xlsx"][title].merges.clear()
    return make_workbooks(folder, spec=spec)


@pytest.mark.parametrize("titles", [("Kondisi", "Permasalahan"), ("Perangkat Daerah",), ("Logical Framework",)])
def test_deck_with_empty_optional_sheets_is_valid(tmp_path, titles):
    """Was: a p:txBody without a:p (Kondisi, Permasalahan) and a ZeroDivisionError (Perangkat Daerah)."""
    [report] = audit(deck(_empty_profil_sheets(tmp_path / "data", titles), tmp_path / "out"))
    assert report["error_count"] == 0, errors_of(report)


def test_a_huge_indicator_name_is_an_input_error_naming_its_sheet_and_row(tmp_path):
    """Was: ValueError "pohon node 'tujuan:T1' does not fit the frame even with one child per page"."""
    spec = fictional()
    spec["kinerja.xlsx"]["IKU"].rows[0][3] = "Persentase ketersediaan pangan " * 650  # ~20 000 characters
    with pytest.raises(InputError) as info:
        deck(make_workbooks(tmp_path / "data", spec=spec), tmp_path / "out")
    [problem] = info.value.problems
    assert (problem.file, problem.sheet) == ("kinerja.xlsx", "IKU") and "baris 5" in problem.message


def test_forty_iku_under_one_sasaran_build_a_valid_deck(tmp_path):
    spec = fictional()
    iku = spec["kinerja.xlsx"]["IKU"]
    template = iku.rows[0]
    iku.rows += [[n, f"IKU-{n}", "S1", f"Indikator tambahan {n}"] + template[4:] for n in range(3, 41)]
    [report] = audit(deck(make_workbooks(tmp_path / "data", spec=spec), tmp_path / "out"))
    assert report["error_count"] == 0, errors_of(report)


def test_deck_with_an_iku_sheet_with_headers_only_builds_and_is_valid(tmp_path):
    spec = fictional()
    spec["kinerja.xlsx"]["IKU"].rows.clear()
    [report] = audit(deck(make_workbooks(tmp_path / "data", spec=spec), tmp_path / "out"))
    assert report["error_count"] == 0, errors_of(report)


def test_a_deck_with_notes_lists_its_notes_master(decks):
    with zipfile.ZipFile(decks["sample"]) as pptx:
        names = pptx.namelist()
        presentation = pptx.read("ppt/presentation.xml").decode()
    assert any(n.startswith("ppt/notesSlides/") for n in names)
    assert "<p:notesMasterIdLst>" in presentation
