"""Tests for the LibreOffice PPTX -> PDF conversion."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Inches, Pt
from pypdf import PdfReader

from sakip_report import pdf

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell or procfs stands in for LibreOffice")
FONT_DIR = Path(__file__).resolve().parents[1] / "templates" / "fonts"
needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice not installed"
)


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory, monkeypatch):
    """Keep the template profile cache out of the user's home (shared by this module's tests)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "xdg-cache"))


def make_deck(path: Path, slides: int = 2) -> Path:
    """Write a small deck with one title-like text box per slide."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    for i in range(slides):
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        box = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(8), Inches(1))
        box.text_frame.text = f"Capaian Kinerja {i + 1}"
        box.text_frame.paragraphs[0].runs[0].font.size = Pt(24)
    prs.save(path)
    return path


def fake_command(monkeypatch, argv: list[str]) -> None:
    """Make conversions run argv instead of LibreOffice."""
    monkeypatch.setattr(pdf, "find_soffice", lambda: "/bin/true")
    monkeypatch.setattr(pdf, "_soffice_command", lambda *args: argv)


def live_group_members(pgid: int) -> list[int]:
    """Return the pids in process group pgid that are still running (zombies don't count)."""
    if not Path("/proc/self/stat").exists():  # no procfs (macOS): ask the kernel directly
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return []
        return [pgid]
    live = []
    for entry in Path("/proc").iterdir():
        try:
            # Fields after the parenthesised command: state ppid pgrp ...
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            live.append(int(entry.name))
    return live


def wait_until_group_gone(pgid: int, seconds: float = 3.0) -> bool:
    """Poll until no process of the group runs; SIGKILL delivery is asynchronous."""
    deadline = time.monotonic() + seconds
    while live_group_members(pgid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_missing_soffice_explains_how_to_install(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    with pytest.raises(pdf.PdfError) as err:
        pdf.convert(make_deck(tmp_path / "deck.pptx"), tmp_path)
    message = str(err.value)
    assert "LibreOffice tidak ditemukan" in message
    assert "sudo apt-get install libreoffice-impress fonts-crosextra-carlito" in message
    assert "--formats pptx" in message


@posix_only
def test_timeout_kills_the_whole_process_group(tmp_path, monkeypatch):
    # The shell forks a grandchild: killing only the direct child would leak it.
    fake_command(monkeypatch, ["sh", "-c", "sleep 30 & sleep 30"])
    conversion = pdf.start_conversion(make_deck(tmp_path / "deck.pptx"), tmp_path, timeout=1)
    with pytest.raises(pdf.PdfError, match="timed out after 1 s"):
        conversion.wait()
    assert conversion.process.poll() is not None
    assert wait_until_group_gone(conversion.process.pid)
    assert not conversion.work_dir.exists()


@posix_only
def test_cancel_stops_a_running_conversion(tmp_path, monkeypatch):
    fake_command(monkeypatch, ["sh", "-c", "sleep 30 & sleep 30"])
    conversion = pdf.start_conversion(make_deck(tmp_path / "deck.pptx"), tmp_path)
    conversion.cancel()
    assert wait_until_group_gone(conversion.process.pid)
    assert not conversion.work_dir.exists()


@posix_only
def test_failed_exit_status_is_reported(tmp_path, monkeypatch):
    fake_command(monkeypatch, ["sh", "-c", "echo boom >&2; exit 3"])
    with pytest.raises(pdf.PdfError, match=r"exit status 3[\s\S]*boom"):
        pdf.convert(make_deck(tmp_path / "deck.pptx"), tmp_path)


@posix_only
def test_stale_pdf_does_not_count_as_output(tmp_path, monkeypatch):
    (tmp_path / "deck.pdf").write_bytes(b"%PDF-1.4 stale")
    fake_command(monkeypatch, ["true"])
    with pytest.raises(pdf.PdfError, match="was not created"):
        pdf.convert(make_deck(tmp_path / "deck.pptx"), tmp_path)


@posix_only
def test_non_pdf_output_is_rejected(tmp_path, monkeypatch):
    fake_command(monkeypatch, ["sh", "-c", f"echo garbage > {tmp_path / 'deck.pdf'}"])
    with pytest.raises(pdf.PdfError, match="not a valid PDF"):
        pdf.convert(make_deck(tmp_path / "deck.pptx"), tmp_path)


def test_batch_needs_distinct_file_names(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    decks = [make_deck(tmp_path / "a" / "deck.pptx"), make_deck(tmp_path / "b" / "deck.pptx")]
    with pytest.raises(ValueError, match="distinct"):
        pdf.convert_many(decks, tmp_path)


def test_command_uses_private_profile_and_headless_flags(tmp_path):
    argv = pdf._soffice_command("soffice", tmp_path / "p", tmp_path, [tmp_path / "d.pptx"])
    assert argv[:4] == ["soffice", "--headless", "--norestore", "--nolockcheck"]
    assert f"-env:UserInstallation=file://{tmp_path}/p" in argv
    assert argv[-3:] == ["--outdir", str(tmp_path), str(tmp_path / "d.pptx")]
    assert argv[argv.index("--convert-to") + 1].split(":")[0] == "pdf"


@pytest.mark.parametrize(("version", "target"), [
    ("7.4.7.2", 'pdf:impress_pdf_Export:{"UseLosslessCompression":{"type":"boolean","value":"true"},'
                '"ReduceImageResolution":{"type":"boolean","value":"false"}}'),
    ("24.2.1.2", "pdf:impress_pdf_Export:"),
    ("7.3.7.2", "pdf"),
    ("unknown", "pdf"),
])
def test_export_options_only_for_a_libreoffice_that_reads_them(monkeypatch, version, target):
    monkeypatch.setattr(pdf, "lo_version", lambda _soffice: version)
    assert pdf.pdf_target("soffice").startswith(target)
    assert pdf.pdf_target("soffice") == target or target.endswith(":")


def test_fontconfig_env_adds_bundled_font_dir(tmp_path):
    env = pdf.fontconfig_env(FONT_DIR, tmp_path)
    conf = Path(env["FONTCONFIG_FILE"])
    assert conf.parent == tmp_path
    text = conf.read_text()
    assert f"<dir>{FONT_DIR}</dir>" in text
    if Path("/etc/fonts/fonts.conf").is_file():
        assert "<include>/etc/fonts/fonts.conf</include>" in text
    if shutil.which("fc-list"):
        files = subprocess.run(
            ["fc-list", ":", "file"], env=env, capture_output=True, text=True, check=True
        ).stdout
        assert str(FONT_DIR / "Carlito-Regular.ttf") in files


@posix_only
def test_font_substitutions_flags_only_incompatible_fonts(tmp_path, monkeypatch):
    fake = tmp_path / "bin" / "fc-match"
    fake.parent.mkdir()
    # Arguments are: -f %{family} NAME
    fake.write_text(
        '#!/bin/sh\ncase "$3" in\n'
        "  Calibri) printf Carlito;;\n"
        "  Cambria) printf Caladea;;\n"
        "  Arial) printf 'Liberation Sans';;\n"
        "  Carlito) printf Carlito;;\n"
        "  *) printf 'DejaVu Sans,DejaVu Sans Condensed';;\nesac\n"
    )
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}{os.pathsep}{os.environ['PATH']}")
    twins = {"Calibri": "Carlito", "Cambria": "Caladea", "Arial": "Liberation Sans"}  # a fixture: layout.toml's kind
    warnings = pdf.font_substitutions(["Calibri", "Cambria", "Arial", "Carlito", "Segoe UI"], twins=twins)
    assert len(warnings) == 1
    assert "Segoe UI" in warnings[0] and "DejaVu Sans" in warnings[0]


def test_font_substitutions_without_fontconfig_is_silent(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    assert pdf.font_substitutions(["Calibri"]) == []


@pytest.mark.skipif(shutil.which("fc-match") is None, reason="fontconfig not installed")
def test_bundled_carlito_satisfies_calibri(tmp_path):
    env = pdf.fontconfig_env(FONT_DIR, tmp_path)
    assert pdf.font_substitutions(["Calibri", "Carlito"], env=env, twins={"Calibri": "Carlito"}) == []
    assert pdf.font_substitutions(["Calibri"], font_dir=FONT_DIR, twins={"Calibri": "Carlito"}) == []


@needs_soffice
def test_convert_produces_pdf_and_cleans_up(tmp_path):
    conversion = pdf.start_conversion(
        make_deck(tmp_path / "deck.pptx", slides=3), tmp_path / "out", font_dir=FONT_DIR
    )
    result = conversion.wait()
    assert result == (tmp_path / "out" / "deck.pdf").resolve()
    assert result.read_bytes().startswith(b"%PDF")
    assert len(PdfReader(result).pages) == 3
    assert not conversion.work_dir.exists()
    assert conversion.wait() == result  # idempotent


@needs_soffice
def test_template_profile_is_created_once_then_copied(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    soffice = pdf.find_soffice()
    template = pdf.template_profile_dir(soffice)
    deck = make_deck(tmp_path / "deck.pptx")
    first = pdf.start_conversion(deck, tmp_path / "out")
    assert not first.from_template
    first.wait()
    assert (template / ".sakip-template-complete").is_file()
    second = pdf.start_conversion(deck, tmp_path / "out")
    assert second.from_template and second.profile_dir != template
    assert second.wait().read_bytes().startswith(b"%PDF")
    assert template.exists()


def test_mark_version_seen_seeds_an_empty_profile_and_updates_an_old_entry(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf, "lo_version", lambda _soffice: "7.4.7.2")
    profile = tmp_path / "profile"
    registry = profile / "user" / "registrymodifications.xcu"
    assert pdf.mark_version_seen(profile, "soffice")
    text = registry.read_text()
    assert text.startswith("<?xml") and text.rstrip().endswith("</oor:items>")
    assert text.count('"ooSetupLastVersion"') == 1 and "<value>7.4</value>" in text
    assert pdf.mark_version_seen(profile, "soffice") and registry.read_text() == text  # idempotent
    # a profile of an older LibreOffice: its entry is replaced, the other settings stay
    other = '<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="FirstRun" oor:op="fuse">' \
            "<value>false</value></prop></item>"
    registry.write_text(text.replace("<value>7.4</value>", "<value>7.3</value>").replace(
        "</oor:items>", other + "\n</oor:items>"))
    monkeypatch.setattr(pdf, "lo_version", lambda _soffice: "24.2.1.2")
    assert pdf.mark_version_seen(profile, "soffice")
    text = registry.read_text()
    assert text.count('"ooSetupLastVersion"') == 1 and "<value>24.2</value>" in text and other in text


def test_mark_version_seen_leaves_the_profile_alone_when_unsure(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf, "lo_version", lambda _soffice: "unknown")
    assert not pdf.mark_version_seen(tmp_path / "a", "soffice")
    assert not (tmp_path / "a").exists()
    monkeypatch.setattr(pdf, "lo_version", lambda _soffice: "7.4.7.2")
    broken = tmp_path / "b" / "user" / "registrymodifications.xcu"
    broken.parent.mkdir(parents=True)
    broken.write_text("<not a registry")
    assert not pdf.mark_version_seen(tmp_path / "b", "soffice")
    assert broken.read_text() == "<not a registry"


@needs_soffice
def test_libreoffice_skips_its_start_up_self_test(tmp_path, monkeypatch):
    """The self-test writes GraphicsRenderTests.log; a seeded profile never gets one."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    template = pdf.template_profile_dir(pdf.find_soffice())
    pdf.start_conversion(make_deck(tmp_path / "deck.pptx"), tmp_path / "out").wait()
    registry = (template / "user" / "registrymodifications.xcu").read_text()
    assert registry.count('"ooSetupLastVersion"') == 1  # LibreOffice kept the entry
    assert not (template / "user" / "GraphicsRenderTests.log").exists()
    # and the unseeded control: a bare soffice with a fresh profile runs the test
    bare = tmp_path / "bare"
    subprocess.run([pdf.find_soffice(), "--headless", "--norestore", f"-env:UserInstallation={bare.as_uri()}",
                    "--convert-to", "pdf", "--outdir", str(tmp_path / "out2"), str(tmp_path / "deck.pptx")],
                   check=True, capture_output=True, timeout=120)
    assert (bare / "user" / "GraphicsRenderTests.log").exists()


@needs_soffice
def test_convert_many_converts_all_in_one_run(tmp_path):
    decks = [make_deck(tmp_path / f"deck{i}.pptx", slides=i + 1) for i in range(3)]
    results = pdf.convert_many(decks, tmp_path / "out")
    assert [p.name for p in results] == ["deck0.pdf", "deck1.pdf", "deck2.pdf"]
    assert [len(PdfReader(p).pages) for p in results] == [1, 2, 3]


@posix_only
def test_lo_version_reads_install_tree_or_reports_unknown(tmp_path):
    fake = tmp_path / "program" / "soffice"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\nexit 1\n")
    fake.chmod(0o755)
    assert pdf.lo_version(str(fake)) == "unknown"
    registry = tmp_path / "share" / "registry"
    registry.mkdir(parents=True)
    (registry / "main.xcd").write_text(
        '<prop oor:name="ooSetupVersionAboutBox">\n<value>7.4.7.2</value></prop>'
    )
    assert pdf.lo_version(str(fake)) == "7.4.7.2"


@posix_only
def test_charts_are_in_the_pdf_losslessly_at_their_own_size(sample_pdf_build):
    result, _ = sample_pdf_build
    pdf_path = next(p for p in result.outputs if p.suffix == ".pdf")
    charts = []
    for page in PdfReader(str(pdf_path)).pages:
        xobjects = page["/Resources"].get("/XObject", {})
        for ref in xobjects.values():
            image = ref.get_object()
            if image.get("/Subtype") == "/Image" and image["/Width"] >= 1000:
                charts.append((image["/Width"], image.get("/Filter")))
    assert len(charts) >= 4
    if pdf.pdf_target(pdf.find_soffice()) != "pdf":  # LibreOffice 7.4+: the export options apply
        import tomllib

        grafik = tomllib.loads((Path(__file__).parents[1] / "templates" / "layout.toml").read_text())["grafik"]
        width = round(grafik["lebar_maks"] * grafik["dpi"])  # a picture as wide as [grafik] lets it be, at its dpi
        assert all(w == width and flt == "/FlateDecode" for w, flt in charts), charts


# --- a LibreOffice that hangs: one time limit, nothing left running or lying around ------------
HANGING_SOFFICE = """#!/bin/bash
# A LibreOffice that never answers: logs its arguments, leaves a temporary file where LibreOffice
# would (TMPDIR), starts a child named soffice.bin as oosplash does, and waits.
echo "$*" >> "$SOFFICE_LOG"
touch "${TMPDIR:-/tmp}/lu$$.tmp"
if [ "$1" = "--version" ] && [ -n "$ANSWER_VERSION" ]; then echo "LibreOffice 7.4.7.2"; exit 0; fi
bash -c 'exec -a soffice.bin sleep 600' &
sleep 600
"""


@pytest.fixture
def hanging_soffice(tmp_path, monkeypatch):
    """$SAKIP_SOFFICE → a script that hangs (no install tree: its version must be probed); a private TMPDIR."""
    import tempfile
    import uuid

    fake = tmp_path / "lo" / "program" / "soffice"
    fake.parent.mkdir(parents=True)
    fake.write_text(HANGING_SOFFICE)
    fake.chmod(0o755)
    private_tmp = tmp_path / "tmpdir"
    private_tmp.mkdir()
    marker = uuid.uuid4().hex
    monkeypatch.setenv("SAKIP_SOFFICE", str(fake))
    monkeypatch.setenv("SOFFICE_LOG", str(tmp_path / "soffice.log"))
    monkeypatch.setenv("SAKIP_TEST_MARKER", marker)  # inherited: finds every process the fake started
    monkeypatch.setenv("TMPDIR", str(private_tmp))
    monkeypatch.setattr(tempfile, "tempdir", str(private_tmp))
    monkeypatch.setattr(pdf, "_PROBED", {}, raising=False)
    return {"log": tmp_path / "soffice.log", "tmp": private_tmp, "marker": marker}


def processes_with(marker: str) -> list[int]:
    """Live processes whose environment holds SAKIP_TEST_MARKER=marker."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            environ = (entry / "environ").read_bytes()
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if f"SAKIP_TEST_MARKER={marker}".encode() in environ.split(b"\0") and state != "Z":
            found.append(int(entry.name))
    return found


def gone(marker: str, seconds: float = 5.0) -> bool:
    """True once no process of the fake runs (SIGKILL is delivered asynchronously)."""
    deadline = time.monotonic() + seconds
    while processes_with(marker) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not processes_with(marker)


class StepClock:
    """A monotonic clock that moves `step` seconds each time it is read."""

    def __init__(self, step: float):
        self.now, self.step = 0.0, step

    def __call__(self) -> float:
        self.now += self.step
        return self.now


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs procfs")
def test_a_hanging_libreoffice_is_stopped_at_the_limit_with_its_whole_tree_and_temp_files(tmp_path, hanging_soffice):
    with pytest.raises(pdf.PdfError, match="batas waktu 2 detik"):
        pdf.convert(make_deck(tmp_path / "deck.pptx"), tmp_path / "out", timeout=2, font_dir=FONT_DIR)
    assert gone(hanging_soffice["marker"])  # the probe, its soffice.bin, everything
    assert list(hanging_soffice["tmp"].iterdir()) == []  # its lu*.tmp were in the work folder, removed
    assert hanging_soffice["log"].read_text().splitlines() == ["--version"]  # no time left to convert


def test_the_time_limit_counts_the_version_probe(tmp_path, hanging_soffice, monkeypatch):
    """The probe answers but uses the clock up: the conversion is not started, the message gives the limit."""
    monkeypatch.setenv("ANSWER_VERSION", "1")
    deadline = pdf.Deadline(180, clock=StepClock(100))
    with pytest.raises(pdf.PdfError, match="batas waktu 180 detik"):
        pdf.convert(make_deck(tmp_path / "deck.pptx"), tmp_path / "out", deadline=deadline, use_profile_cache=False)
    assert hanging_soffice["log"].read_text().splitlines() == ["--version"]


@posix_only
def test_libreoffice_is_probed_for_its_version_once_per_process(tmp_path, hanging_soffice, monkeypatch):
    monkeypatch.setenv("ANSWER_VERSION", "1")
    soffice = pdf.find_soffice()
    assert [pdf.lo_version(soffice), pdf.lo_release(soffice), pdf.template_profile_dir(soffice).name] == [
        "7.4.7.2", (7, 4), "lo-profile-7.4.7.2"]
    assert hanging_soffice["log"].read_text().splitlines() == ["--version"]


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs procfs")
def test_a_warm_office_that_hangs_is_stopped_with_its_tree(tmp_path, hanging_soffice):
    office = pdf.WarmOffice(font_dir=FONT_DIR, timeout=2)
    try:
        with pytest.raises(pdf.PdfError, match="batas waktu 2 detik"):
            office.convert(make_deck(tmp_path / "deck.pptx"), tmp_path / "out")
    finally:
        office.close()
    assert gone(hanging_soffice["marker"])
    assert list(hanging_soffice["tmp"].iterdir()) == []


@needs_soffice
def test_libreoffice_keeps_its_temporary_files_in_the_work_folder(tmp_path, monkeypatch):
    import tempfile

    private_tmp = tmp_path / "tmpdir"
    private_tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(private_tmp))
    monkeypatch.setattr(tempfile, "tempdir", str(private_tmp))
    conversion = pdf.start_conversion(make_deck(tmp_path / "deck.pptx"), tmp_path / "out", font_dir=FONT_DIR)
    assert conversion.process.args and Path(conversion.work_dir, "tmp").is_dir()
    conversion.cancel()  # killed mid-conversion, as Ctrl-C or a time-out would
    assert list(private_tmp.iterdir()) == []


@posix_only
def test_a_pdf_that_was_not_made_is_named_without_the_staging_folder(tmp_path, monkeypatch):
    fake_command(monkeypatch, ["true"])
    with pytest.raises(pdf.PdfError) as err:
        pdf.convert(make_deck(tmp_path / "deck.pptx"), tmp_path / ".staging-abc")
    assert "deck.pptx" in str(err.value) and ".staging" not in str(err.value)


def test_soffice_is_found_in_the_windows_install_folder(tmp_path, monkeypatch):
    """Windows puts LibreOffice under Program Files, not on PATH; paths with spaces are fine."""
    program_files = tmp_path / "Program Files"
    soffice = program_files / "LibreOffice" / "program" / "soffice.exe"
    soffice.parent.mkdir(parents=True)
    soffice.write_text("")
    soffice.chmod(0o755)
    monkeypatch.setenv("ProgramFiles", str(program_files))
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.delenv("SAKIP_SOFFICE", raising=False)
    monkeypatch.setattr(pdf.glob, "glob", lambda pattern: [pattern] if pattern == str(soffice) else [])
    assert pdf.find_soffice() == str(soffice)
