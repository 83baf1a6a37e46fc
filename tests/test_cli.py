"""The command line as staff meet it: exit codes, messages without tracebacks, the last deck kept."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from sakip_report.cli import main
from sakip_report.normalise import read_data
from sakip_report.problems import InputError
from sakip_report.reproducible import sha256

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample"


def copy_sample(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for xlsx in SAMPLE.glob("*.xlsx"):
        shutil.copy(xlsx, dest / xlsx.name)
    return dest


def set_cell(folder: Path, file: str, sheet: str, cell: str, value) -> None:
    wb = load_workbook(folder / file)
    wb[sheet][cell] = value
    wb.save(folder / file)


def run_cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build_report.py"), *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)


@pytest.fixture(scope="module")
def good_then_bad(tmp_path_factory):
    """Build once from good data, then again from broken data into the same folder."""
    data = copy_sample(tmp_path_factory.mktemp("data"))
    out = tmp_path_factory.mktemp("out")
    first = run_cli("--data", str(data), "--out", str(out), "--formats", "pptx")
    before = {p.name: sha256(p) for p in out.rglob("*") if p.is_file() and p.name != ".lock"}
    set_cell(data, "kinerja.xlsx", "IKU", "K5", "sembilan puluh")
    set_cell(data, "anggaran.xlsx", "Program", "E6", "1.234,5.6")
    second = run_cli("--data", str(data), "--out", str(out), "--formats", "pptx")
    after = {p.name: sha256(p) for p in out.rglob("*") if p.is_file() and p.name != ".lock"}
    return first, second, before, after


def test_a_good_build_exits_zero_and_says_what_it_wrote(good_then_bad):
    first, *_ = good_then_bad
    assert first.returncode == 0, first.stderr
    assert "ditulis:" in first.stdout and ".pptx" in first.stdout


def test_bad_input_exits_one_with_every_problem_and_no_traceback(good_then_bad):
    _, second, *_ = good_then_bad
    assert second.returncode == 1
    assert "Traceback" not in second.stderr + second.stdout
    assert "kinerja.xlsx!IKU!K5" in second.stderr and "'sembilan puluh'" in second.stderr
    assert "anggaran.xlsx!Program!E6" in second.stderr


def test_a_failed_build_leaves_the_previous_deck_byte_identical(good_then_bad):
    _, _, before, after = good_then_bad
    assert before and before == after
    assert not any(name.startswith(".staging") for name in after)


@pytest.mark.parametrize("args", [["--formats", "docx"], ["--no-such-flag"], ["--semester", "S3"]])
def test_usage_errors_exit_two(args, capsys):
    assert main(["build", *args]) == 2


def test_pdf_without_libreoffice_says_how_to_install_it(tmp_path, monkeypatch, capsys):
    import sakip_report.pdf as pdf

    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    code = main(["build", "--out", str(tmp_path), "--formats", "pdf"])
    err = capsys.readouterr().err
    assert code == 1 and "libreoffice-impress" in err and "Traceback" not in err
    assert not list(tmp_path.glob("*.pdf"))


def test_validate_reports_clean_sample_with_exit_zero(capsys):
    assert main(["validate"]) == 0
    assert "data valid" in capsys.readouterr().out


def test_validate_reports_a_missing_file_with_exit_one(tmp_path, capsys):
    copy_sample(tmp_path)
    (tmp_path / "anggaran.xlsx").unlink()
    assert main(["validate", "--data", str(tmp_path)]) == 1
    assert "anggaran.xlsx" in capsys.readouterr().err


def test_a_template_typo_names_the_slide_file(tmp_path, capsys):
    slides = tmp_path / "slides"
    shutil.copytree(ROOT / "slides", slides)
    (slides / "01_judul.toml").write_text('kind = "judul"\ntitle = "{{ pd.nmaa }}"\n', encoding="utf-8")
    code = main(["build", "--slides", str(slides), "--out", str(tmp_path / "out"), "--formats", "pptx"])
    err = capsys.readouterr().err
    assert code == 1 and "slides/01_judul.toml" in err and "nmaa" in err


cell_values = st.one_of(st.none(), st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=20), st.integers(-10**12, 10**12),
                        st.floats(allow_nan=False, allow_infinity=False), st.just("-"), st.just(" "))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(target=cell_values, anggaran=cell_values, polaritas=cell_values)
def test_normaliser_meets_arbitrary_cells_with_validation_errors_only(tmp_path_factory, target, anggaran, polaritas):
    data = copy_sample(tmp_path_factory.mktemp("fuzz"))
    wb = load_workbook(data / "kinerja.xlsx")
    wb["IKU"]["K5"], wb["IKU"]["J6"] = target, polaritas
    wb.save(data / "kinerja.xlsx")
    set_cell(data, "anggaran.xlsx", "Program", "E5", anggaran)
    try:
        read_data(data)
    except InputError as exc:
        assert exc.problems and all(p.file and p.sheet and p.cell for p in exc.problems)


def test_an_encrypted_workbook_is_named_and_refused(tmp_path, capsys):
    copy_sample(tmp_path)
    # a password-protected .xlsx is an OLE2 compound file, not a zip (made by msoffcrypto-tool)
    (tmp_path / "kinerja.xlsx").write_bytes((Path(__file__).parent / "data" / "terenkripsi.xlsx").read_bytes())
    assert main(["validate", "--data", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "kinerja.xlsx" in err and "terenkripsi" in err


def test_two_builds_into_one_folder_at_once_leave_one_consistent_deck(tmp_path):
    env = {**__import__("os").environ, "SOURCE_DATE_EPOCH": "1719792000"}
    cmd = [sys.executable, str(ROOT / "build_report.py"), "--out", str(tmp_path / "out"), "--formats", "pptx"]
    procs = [subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    assert [p.wait(timeout=300) for p in procs] == [0, 0]
    reference = tmp_path / "single"
    subprocess.run([*cmd[:3], str(reference), *cmd[4:]], cwd=ROOT, env=env, check=True, capture_output=True)
    names = sorted(p.relative_to(reference) for p in reference.rglob("*") if p.is_file() and p.name != ".lock")
    assert names
    for name in names:
        assert sha256(tmp_path / "out" / name) == sha256(reference / name), name
    assert not list((tmp_path / "out").glob(".staging-*"))
