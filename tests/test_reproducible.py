"""Byte-identical rebuilds, the manifest's tracing, the CI workflow's structure, incremental make."""
import json
import shutil
from pathlib import Path

import pytest
import yaml

from sakip_report.build import Options, build
from sakip_report.reproducible import sha256

ROOT = Path(__file__).resolve().parents[1]
EPOCH = "1719792000"  # 2024-07-01


def _hashes(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): sha256(p) for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    formats = ("pptx", "pdf") if shutil.which("soffice") else ("pptx",)
    outs = []
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        for name in ("first", "second"):
            out = tmp_path_factory.mktemp(name)
            build(Options(out=out, formats=formats))
            outs.append(out)
    return outs


def test_two_builds_with_source_date_epoch_are_byte_identical(two_builds):
    first, second = (_hashes(o) for o in two_builds)
    assert first == second
    assert any(name.endswith(".pptx") for name in first)
    assert any(name.startswith("charts/") for name in first)


def test_pptx_core_properties_name_the_agency_and_the_epoch(two_builds):
    from pptx import Presentation

    deck = Presentation(str(next(two_builds[0].glob("*.pptx"))))
    core = deck.core_properties
    assert core.author == "Dinas Tenaga Kerja Kabupaten Lamongan"
    assert core.created.isoformat().startswith("2024-07-01T00:00")
    assert "python-pptx" not in (core.title + core.subject + core.author + core.last_modified_by)


def test_manifest_traces_a_capaian_to_its_target_and_realisasi_cells(two_builds):
    manifest = json.loads((two_builds[0] / "manifest.json").read_text(encoding="utf-8"))
    traced = [(page["slide"], figure["sumber"]) for page in manifest["slide"]
              for figure in page["angka"] if figure["teks"] == "183,86%"]
    assert traced, "183,86% is not traced"
    _, sources = traced[0]
    assert sources == ["kinerja.xlsx!Indikator Program!K6", "kinerja.xlsx!Indikator Program!L6"]


def test_manifest_hashes_every_input_and_output(two_builds):
    manifest = json.loads((two_builds[0] / "manifest.json").read_text(encoding="utf-8"))
    assert "data/sample/kinerja.xlsx" in manifest["masukan"]
    assert "templates/master.pptx" in manifest["masukan"]
    assert any(k.startswith("slides/") for k in manifest["masukan"])
    for name, digest in manifest["keluaran"].items():
        assert sha256(two_builds[0] / name) == digest
    assert manifest["versi"]["python-pptx"]


def test_every_figure_on_table_slides_is_traced_to_cells(two_builds):
    manifest = json.loads((two_builds[0] / "manifest.json").read_text(encoding="utf-8"))
    figures = [f for page in manifest["slide"] for f in page["angka"]]
    assert len(figures) > 100
    for f in figures:
        assert all("!" in s for s in f["sumber"]), f


def test_workflow_builds_tests_and_uploads_the_deck():
    wf = yaml.safe_load((ROOT / ".github/workflows/deck.yml").read_text(encoding="utf-8"))
    triggers = wf[True] if True in wf else wf["on"]  # YAML 1.1 reads `on` as True
    assert "push" in triggers and "workflow_dispatch" in triggers
    steps = wf["jobs"]["build"]["steps"]
    runs = "\n".join(s.get("run", "") for s in steps)
    for needed in ("libreoffice-impress", "fonts-crosextra-carlito", "make test", "make report", "sha256sum"):
        assert needed in runs
    upload = [s for s in steps if s.get("uses", "").startswith("actions/upload-artifact")]
    assert upload and all(p in upload[0]["with"]["path"] for p in ("pptx", "pdf", "preview.png", "manifest.json"))


def test_ci_script_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make test" in readme and "make test" in (ROOT / ".ci/run").read_text(encoding="utf-8")
