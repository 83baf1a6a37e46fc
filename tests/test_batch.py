"""Many agencies in one run: each gets its deck, a failing one is reported and does not stop the rest."""
import json
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from sakip_report.batch import agency_folders, build_many
from sakip_report.build import LAZY_MODULES, Options
from sakip_report.cli import main

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"
HAS_SOFFICE = shutil.which("soffice") is not None


@pytest.fixture(scope="module")
def agencies(tmp_path_factory):
    root = tmp_path_factory.mktemp("agencies")
    for name in ("dinas-a", "dinas-b", "dinas-rusak"):
        shutil.copytree(SAMPLE, root / name)
    wb = load_workbook(root / "dinas-rusak" / "kinerja.xlsx")
    wb["IKU"]["K5"] = "sembilan puluh"
    wb.save(root / "dinas-rusak" / "kinerja.xlsx")
    return root


@pytest.fixture(scope="module")
def batch(agencies, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    formats = ("pptx", "pdf") if HAS_SOFFICE else ("pptx",)
    return build_many(Options(out=out, formats=formats), [agencies], workers=2), out


def test_a_folder_of_agency_folders_is_expanded(agencies):
    assert [p.name for p in agency_folders([agencies])] == ["dinas-a", "dinas-b", "dinas-rusak"]
    assert agency_folders([SAMPLE]) == [SAMPLE]


def test_each_good_agency_gets_its_own_deck(batch):
    results, out = batch
    good = [r for r in results if r.ok]
    assert [r.data.name for r in good] == ["dinas-a", "dinas-b"]
    for r in good:
        assert list((out / r.data.name).glob("*.pptx"))


def test_the_failing_agency_is_reported_with_its_cell(batch):
    results, out = batch
    [bad] = [r for r in results if not r.ok]
    assert bad.data.name == "dinas-rusak"
    assert any("kinerja.xlsx!IKU!K5" in e for e in bad.errors)
    assert not list((out / "dinas-rusak").glob("*.pptx"))


@pytest.mark.skipif(not HAS_SOFFICE, reason="LibreOffice (soffice) is not installed")
def test_pdfs_are_converted_in_batches_and_recorded_in_each_manifest(batch):
    results, out = batch
    for r in (r for r in results if r.ok):
        pdf = next((out / r.data.name).glob("*.pdf"))
        assert pdf.read_bytes().startswith(b"%PDF")
        manifest = json.loads((out / r.data.name / "manifest.json").read_text(encoding="utf-8"))
        assert pdf.name in manifest["keluaran"] and "preview.png" in manifest["keluaran"]
    assert not (out / ".pdf-staging").exists()


def test_cli_batch_exits_one_when_an_agency_failed(agencies, tmp_path, capsys):
    code = main(["build", "--data", str(agencies / "dinas-a"), str(agencies / "dinas-rusak"),
                 "--out", str(tmp_path), "--formats", "pptx", "--quiet"])
    assert code == 1
    assert "dinas-rusak" in capsys.readouterr().err
    assert list((tmp_path / "dinas-a").glob("*.pptx"))


WARM_CHECK = """
import json, sys
from pathlib import Path
from sakip_report.build import Options, build, warm_up
warm_up()
warm = set(sys.modules)
build(Options(data=Path(sys.argv[1]), out=Path(sys.argv[2]), chart_worker=False))
print(json.dumps({"warm": sorted(warm), "build": sorted(set(sys.modules) - warm)}))
"""

# What warm_up() must have imported: the libraries a build needs and the modules it loads lazily.
HEAVY = {"matplotlib", "matplotlib.figure", "matplotlib.backends.backend_agg", "pandas", "numpy", "openpyxl",
         "jinja2", "babel", "pptx", "PIL.Image", "lxml.etree", "sakip_report.chartdraw", *LAZY_MODULES}


def test_after_warm_up_a_build_imports_nothing_costly(tmp_path):
    """What the batch's pool processes inherit is all a build needs (build.LAZY_MODULES stays complete).

    Checked by name: after warm_up() the build may still load small helpers (Pillow's format
    plugins, a pandas submodule) but none of the libraries or lazy modules. What they cost is
    `make bench`'s business, not a test's.
    """
    import json
    import os
    import subprocess
    import sys

    env = {**os.environ, "SAKIP_NO_CACHE": "1"}  # every chart drawn: the costliest path
    out = subprocess.run([sys.executable, "-c", WARM_CHECK, str(SAMPLE), str(tmp_path / "out")],
                         env=env, capture_output=True, text=True, check=True, timeout=120).stdout
    modules = json.loads(out.splitlines()[-1])
    assert HEAVY <= set(modules["warm"]), HEAVY - set(modules["warm"])
    assert not HEAVY & set(modules["build"]), HEAVY & set(modules["build"])


def test_batch_runs_on_a_fork_server_too(agencies, tmp_path, monkeypatch):
    """Python 3.14 starts pools with a fork server on Linux: it preloads the modules, and the batch still works."""
    import importlib.util
    import multiprocessing

    if "forkserver" not in multiprocessing.get_all_start_methods():
        pytest.skip("no fork server on this platform")
    monkeypatch.setattr(multiprocessing, "get_start_method", lambda *a, **k: "forkserver")
    from multiprocessing import forkserver

    from sakip_report.batch import _pool_context

    _pool_context()
    # the fork server skips a name it cannot import: check them (where this Python keeps the list)
    preload = getattr(forkserver._forkserver, "_preload_modules", ["sakip_report.chartdraw"])
    assert "sakip_report.chartdraw" in preload and all(importlib.util.find_spec(name) for name in preload)
    results = build_many(Options(out=tmp_path, formats=("pptx",)), [agencies / "dinas-a", agencies / "dinas-b"],
                         workers=2)
    assert [r.ok for r in results] == [True, True]
    assert all(p.exists() for r in results for p in r.outputs)
    assert [sum(p.suffix == ".pptx" for p in r.outputs) for r in results] == [1, 1]


def test_without_libreoffice_a_batch_delivers_every_pptx_and_exits_three(agencies, tmp_path, monkeypatch, capsys):
    import sakip_report.pdf as pdf

    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    code = main(["build", "--data", str(agencies / "dinas-a"), str(agencies / "dinas-b"), "--out", str(tmp_path),
                 "--formats", "pptx,pdf", "--quiet"])
    assert code == 3
    err = capsys.readouterr().err
    assert err.count("PDF tidak dibuat; PPTX tetap ditulis") == 2 and "Traceback" not in err
    assert all(list((tmp_path / name).glob("*.pptx")) for name in ("dinas-a", "dinas-b"))
    assert not list(tmp_path.rglob("*.pdf")) and not (tmp_path / ".pdf-staging").exists()


def test_a_batch_asking_only_for_pdfs_without_libreoffice_builds_nothing(agencies, tmp_path, monkeypatch, capsys):
    import sakip_report.pdf as pdf

    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    code = main(["build", "--data", str(agencies / "dinas-a"), str(agencies / "dinas-b"), "--out", str(tmp_path / "out"),
                 "--formats", "pdf", "--quiet"])
    assert code == 1 and "LibreOffice tidak ditemukan" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_an_unexpected_error_in_one_agency_does_not_stop_the_batch(agencies, tmp_path, monkeypatch):
    import sakip_report.batch as batch

    real = batch.build

    def flaky(opts, *args, **kwargs):
        if opts.data.name == "dinas-a":
            raise ZeroDivisionError("float division by zero")
        return real(opts, *args, **kwargs)

    import multiprocessing

    monkeypatch.setattr(batch, "build", flaky)
    monkeypatch.setattr(multiprocessing, "get_start_method", lambda *a, **k: "fork")  # the pool inherits the patch
    results = build_many(Options(out=tmp_path, formats=("pptx",)), [agencies / "dinas-a", agencies / "dinas-b"],
                         workers=1)
    assert [r.ok for r in results] == [False, True]
    assert results[0].errors[0].startswith("galat internal (ZeroDivisionError")


def test_decks_of_one_name_never_share_a_libreoffice_run():
    from sakip_report.batch import lanes

    decks = [(i, Path(f"/out/dinas-{i}/sakip-dinsos-2025-s2.pptx")) for i in range(4)] + [(4, Path("/out/x/sakip-dkp.pptx"))]
    runs = lanes(decks, 3)
    assert sorted(i for run in runs for i, _ in run) == [0, 1, 2, 3, 4]
    assert all(len({d.name for _, d in run}) == len(run) for run in runs)
    assert len(runs) == 4  # one more run than asked for: four decks share one name
    assert lanes([(i, Path(f"/o/{i}.pptx")) for i in range(6)], 3) == [
        [(0, Path("/o/0.pptx")), (3, Path("/o/3.pptx"))], [(1, Path("/o/1.pptx")), (4, Path("/o/4.pptx"))],
        [(2, Path("/o/2.pptx")), (5, Path("/o/5.pptx"))]]  # distinct names: round-robin as before
