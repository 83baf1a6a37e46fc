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

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell or procfs stands in for LibreOffice")
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


# --- LibreOffice missing or failing: the PPTX is still delivered (exit 3) --------------------------
def test_without_libreoffice_pptx_and_pdf_still_delivers_the_pptx_and_exits_three(tmp_path, monkeypatch, capsys):
    import sakip_report.pdf as pdf

    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    code = main(["build", "--out", str(tmp_path / "out"), "--formats", "pptx,pdf", "--quiet"])
    err = capsys.readouterr().err
    assert code == 3 and "Traceback" not in err
    assert f"PDF tidak dibuat; PPTX tetap ditulis ke {tmp_path / 'out'}." in err and "libreoffice-impress" in err
    assert [p.suffix for p in (tmp_path / "out").glob("*.p*")] == [".pptx"]
    assert not list((tmp_path / "out").glob(".staging*"))


@posix_only
def test_a_libreoffice_that_hangs_is_stopped_at_the_limit_and_the_pptx_delivered(tmp_path, monkeypatch):
    from sakip_report.build import Options, build

    fake = tmp_path / "lo" / "program" / "soffice"
    fake.parent.mkdir(parents=True)
    fake.write_text("#!/bin/sh\nsleep 600 & sleep 600\n")
    fake.chmod(0o755)
    monkeypatch.setenv("SAKIP_SOFFICE", str(fake))
    result = build(Options(out=tmp_path / "out", formats=("pptx", "pdf"), preview=False, pdf_timeout=2))
    assert "batas waktu 2 detik" in result.pdf_missing and ".staging" not in result.pdf_missing
    assert [p.suffix for p in result.outputs if p.suffix in (".pptx", ".pdf")] == [".pptx"]


# --- usage errors: exit 2 with a message that says what to do ------------------------------------
def test_an_out_that_is_a_file_is_a_usage_error(tmp_path, capsys):
    (tmp_path / "deck").write_text("not a folder")
    assert main(["build", "--out", str(tmp_path / "deck"), "--formats", "pptx"]) == 2
    err = capsys.readouterr().err
    assert err == f"galat penggunaan: --out {tmp_path / 'deck'} adalah berkas, bukan folder; pilih folder (yang sudah ada atau akan dibuat)\n"


def test_a_read_only_out_is_a_usage_error(tmp_path, monkeypatch, capsys):
    import os

    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if str(p).startswith(str(tmp_path)) else real_access(p, mode))
    monkeypatch.setattr(os, "statvfs", lambda p: type("S", (), {"f_flag": os.ST_RDONLY})())
    assert main(["build", "--out", str(tmp_path / "out"), "--formats", "pptx"]) == 2
    err = capsys.readouterr().err
    assert err == (f"galat penggunaan: folder keluaran {tmp_path / 'out'} tidak dapat ditulisi: sistem berkasnya "
                   "hanya-baca (read-only); pilih folder lain dengan --out\n")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("command", ["build", "validate"])
def test_a_missing_data_folder_is_a_usage_error(tmp_path, capsys, command):
    assert main([command, "--data", str(tmp_path / "nowhere")]) == 2
    assert "tidak ada; periksa jalur --data" in capsys.readouterr().err


def test_an_unknown_format_is_a_usage_error_with_the_choices(capsys):
    assert main(["build", "--formats", "docx"]) == 2
    assert capsys.readouterr().err == "galat penggunaan: format docx tidak dikenal; pilihan: pptx, pdf\n"


# --- no internal exception reaches the user ------------------------------------------------------
def test_an_unexpected_error_is_a_short_message_and_debug_shows_the_traceback(tmp_path, monkeypatch, capsys):
    import sakip_report.build as build_module

    def broken(*args, **kwargs):
        return 1 / 0

    monkeypatch.setattr(build_module, "_build", broken)
    assert main(["build", "--out", str(tmp_path), "--formats", "pptx", "--quiet"]) == 4
    err = capsys.readouterr().err
    assert err == ("galat internal (ZeroDivisionError): ini kesalahan program, bukan kesalahan data Anda. "
                   "Jalankan lagi dengan --debug dan kirim keluarannya ke pengembang.\n")
    assert main(["build", "--out", str(tmp_path), "--formats", "pptx", "--quiet", "--debug"]) == 4
    err = capsys.readouterr().err
    assert "Traceback" in err and "ZeroDivisionError: division by zero" in err


def test_a_file_system_error_during_a_build_is_said_in_indonesian(tmp_path, monkeypatch, capsys):
    import errno
    import tempfile

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "out"))

    monkeypatch.setattr(tempfile, "mkdtemp", full)
    assert main(["build", "--out", str(tmp_path / "out"), "--formats", "pptx", "--quiet"]) == 1
    assert capsys.readouterr().err.splitlines()[-1] == f"galat: {tmp_path / 'out'}: disk penuh"


# --- Ctrl-C: exit 130, one line, nothing left behind ---------------------------------------------
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_ctrl_c_during_a_build_exits_130_with_one_line_and_leaves_nothing(tmp_path):
    import os
    import signal
    import time

    private_tmp, out = tmp_path / "tmp", tmp_path / "out"
    private_tmp.mkdir()
    env = {**os.environ, "TMPDIR": str(private_tmp), "SAKIP_NO_CACHE": "1"}
    proc = subprocess.Popen([sys.executable, str(ROOT / "build_report.py"), "--out", str(out), "--quiet"],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # interrupt once the deck is rendered, while LibreOffice converts it
    while proc.poll() is None and not list(out.glob(".staging-*/*.pptx")):
        time.sleep(0.02)
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr
    assert stderr == "dibatalkan\n" and stdout == ""
    assert not out.exists()  # the build made it, and it holds nothing
    assert list(private_tmp.iterdir()) == []


def test_an_unexpected_error_is_preceded_by_the_input_warnings_that_may_explain_it(tmp_path, monkeypatch, capsys):
    import sakip_report.compute as compute_module
    from workbooks import fictional, make_workbooks

    spec = fictional()
    spec["profil.xlsx"]["Kondisi"].rows.clear()

    def broken(*args, **kwargs):
        raise ValueError("no rows to plot")

    monkeypatch.setattr(compute_module, "compute", broken)
    data = make_workbooks(tmp_path / "data", spec=spec)
    assert main(["build", "--data", str(data), "--out", str(tmp_path / "out"), "--formats", "pptx", "--quiet"]) == 4
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("peringatan: profil.xlsx!Kondisi!A3:D3: sheet tidak berisi data")
    assert err[-1].startswith("galat internal (ValueError)")


def test_validate_warns_of_what_the_figures_show_as_the_build_does(tmp_path, capsys):
    """A stated capaian that differs from the computed one is a warning of the figures, not of the
    cells: validate reports it too (the sample's IKU T5, 100,45% against 100,00%)."""
    assert main(["validate"]) == 0
    out = capsys.readouterr()
    assert "kinerja.xlsx!IKU!T5" in out.out + out.err and "100,45%" in out.out + out.err


def test_validate_reports_a_broken_rules_file_beside_the_data_as_the_build_does(tmp_path, capsys):
    """validate now computes the figures, so it reads aturan.toml: a broken one is a message, not
    an internal error."""
    copy_sample(tmp_path)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "aturan.toml").write_text("[[kategori]\nbatas = ", encoding="utf-8")
    assert main(["validate", "--data", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "aturan.toml" in err and "galat internal" not in err
