"""PPTX -> PDF conversion with headless LibreOffice (one private profile per run)."""

from __future__ import annotations

import glob
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence
from xml.sax.saxutils import escape

from .paths import cache_root

INSTALL_HINT = (
    "LibreOffice tidak ditemukan (perintah 'soffice'). Pasang LibreOffice untuk membuat PDF, "
    "misalnya Debian/Ubuntu: sudo apt-get install libreoffice-impress fonts-crosextra-carlito; "
    "atau buat tanpa PDF dengan --formats pptx. / LibreOffice not found ('soffice'). Install it "
    "to produce the PDF, e.g. Debian/Ubuntu: sudo apt-get install libreoffice-impress "
    "fonts-crosextra-carlito; or build with --formats pptx."
)

def install_locations() -> tuple[str, ...]:
    """Where LibreOffice's installers put soffice (glob patterns): Linux packages, /opt tarballs,
    the macOS app, the Windows installer's Program Files folders."""
    windows = [os.path.join(os.environ.get(var, default), "LibreOffice", "program", "soffice.exe")
               for var, default in (("ProgramFiles", r"C:\Program Files"), ("ProgramFiles(x86)", r"C:\Program Files (x86)"))]
    return ("/usr/lib/libreoffice/program/soffice", "/usr/lib64/libreoffice/program/soffice",
            "/opt/libreoffice*/program/soffice", "/Applications/LibreOffice.app/Contents/MacOS/soffice", *windows)


# Windows has no process groups to kill: a process started with NEW_PROCESS_GROUP is killed with
# its children by `taskkill /T`. Elsewhere the child gets its own session (killpg reaches them all).
SESSION = ({"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP} if sys.platform == "win32"
           else {"start_new_session": True})

_TEMPLATE_MARKER = ".sakip-template-complete"
_LOG_TAIL_CHARS = 1500


class PdfError(RuntimeError):
    """PDF conversion failed; the message is in Indonesian and English."""


class Deadline:
    """One time limit for everything a conversion runs: version probe, LibreOffice start, conversion."""

    def __init__(self, seconds: float, clock=time.monotonic):
        self.seconds, self._clock = seconds, clock
        self._end = clock() + seconds

    def remaining(self) -> float:
        """Seconds left, never below zero."""
        return max(0.0, self._end - self._clock())

    def expired(self) -> bool:
        return self.remaining() <= 0

    def error(self, what: str) -> PdfError:
        """The message for a conversion stopped at this limit."""
        return PdfError(
            f"Konversi PDF melebihi batas waktu {self.seconds:g} detik dan dihentikan. / "
            f"PDF conversion timed out after {self.seconds:g} s and was killed: {what}"
        )


# A version probe that has not answered by then is given up (the version is then "unknown").
PROBE_LIMIT = 30.0
_PROBED: dict[str, str] = {}  # soffice path → the version its probe gave: one probe per process


def kill_group(process: subprocess.Popen) -> None:
    """Kill a process started with start_new_session and everything in its group, then reap it.

    The group holds what it spawned too: LibreOffice's `soffice` script starts oosplash, which
    starts soffice.bin.
    """
    if process.returncode is None:  # not reaped: its pid, and so its group id, is still ours
        try:
            if sys.platform == "win32":
                subprocess.run(["taskkill", "/F", "/T", "/PID", str(process.pid)], capture_output=True)
            else:
                os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    process.wait()


def find_soffice() -> str | None:
    """Return the LibreOffice executable ($SAKIP_SOFFICE, PATH, usual install dirs) or None."""
    override = os.environ.get("SAKIP_SOFFICE")
    if override and os.access(override, os.X_OK):
        return override
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for pattern in install_locations():
        for candidate in sorted(glob.glob(pattern)):
            if os.access(candidate, os.X_OK):
                return candidate
    return None


def lo_version(soffice: str, deadline: Deadline | None = None) -> str:
    """Return the LibreOffice version (e.g. '7.4.7.2'), cheaply read from the install tree.

    Without one there, `soffice --version` is asked once per process, within `deadline`.
    """
    # Reading main.xcd takes ~4 ms; `soffice --version` costs ~110 ms, more than the
    # template profile saves, so it is only the fallback.
    program_dir = Path(os.path.realpath(soffice)).parent
    for xcd in (
        program_dir.parent / "share" / "registry" / "main.xcd",
        program_dir.parent / "Resources" / "registry" / "main.xcd",  # macOS bundle
    ):
        try:
            match = re.search(
                rb'"ooSetupVersionAboutBox">\s*<value>([^<]+)</value>', xcd.read_bytes()
            )
        except OSError:
            continue
        if match:
            return _safe_name(match.group(1).decode("ascii", "replace"))
    key = os.path.realpath(soffice)
    if key not in _PROBED:
        _PROBED[key] = _version_from_cli(soffice, deadline or Deadline(PROBE_LIMIT))
    return _PROBED[key]


def _version_from_cli(soffice: str, deadline: Deadline) -> str:
    """Ask soffice for its version; 'unknown' if that fails or does not answer in time.

    The probe runs in its own process group, killed whole when it does not answer.
    """
    with tempfile.TemporaryDirectory(prefix="sakip-lo-probe-") as private:
        try:
            process = subprocess.Popen(
                [soffice, "--version"], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL, text=True, **SESSION,
                env={**os.environ, "TMPDIR": private},
            )
        except OSError:
            return "unknown"
        try:
            out, _ = process.communicate(timeout=min(PROBE_LIMIT, deadline.remaining()))
        except subprocess.TimeoutExpired:
            out = ""
        finally:
            kill_group(process)
    match = re.search(r"\d+(?:\.\d+)+", out)
    return _safe_name(match.group(0)) if match else "unknown"


def _safe_name(text: str) -> str:
    """Make text usable as a single path component."""
    return re.sub(r"[^A-Za-z0-9._-]+", "_", text.strip()) or "unknown"


def template_profile_dir(soffice: str, deadline: Deadline | None = None) -> Path:
    """Return where the initialised LibreOffice profile for this LO version is cached."""
    return cache_root() / f"lo-profile-{lo_version(soffice, deadline)}"


def office_env(work_dir: Path, font_dir: str | os.PathLike | None) -> dict[str, str]:
    """The environment LibreOffice runs in: the bundled fonts, and TMPDIR inside `work_dir`.

    LibreOffice keeps its temporary files (lu*.tmp) in TMPDIR and leaves them behind when it is
    killed; inside the work folder they go when the folder does.
    """
    env = fontconfig_env(font_dir, work_dir) if font_dir is not None else dict(os.environ)
    private = Path(work_dir) / "tmp"
    private.mkdir(parents=True, exist_ok=True)
    return {**env, "TMPDIR": str(private), "TMP": str(private), "TEMP": str(private)}


def fontconfig_env(font_dir: str | os.PathLike, conf_dir: str | os.PathLike) -> dict[str, str]:
    """Return os.environ plus FONTCONFIG_FILE: a fonts.conf in conf_dir that adds font_dir."""
    system_conf = Path("/etc/fonts/fonts.conf")
    include = f"  <include>{escape(str(system_conf))}</include>\n" if system_conf.is_file() else ""
    conf = Path(conf_dir) / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n'
        '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        "<fontconfig>\n"
        f"{include}"
        f"  <dir>{escape(str(Path(font_dir).resolve()))}</dir>\n"
        "</fontconfig>\n",
        encoding="utf-8",
    )
    return {**os.environ, "FONTCONFIG_FILE": str(conf)}


def font_substitutions(
    families: Sequence[str],
    *,
    font_dir: str | os.PathLike | None = None,
    env: dict[str, str] | None = None,
    deadline: Deadline | None = None,
    twins: dict[str, str] | None = None,
) -> list[str]:
    """Warn for each family that fontconfig would replace with a font that is neither it nor its
    metric-compatible twin (`twins`: layout.toml's `[huruf] kembaran`).

    Pass the font_dir given to convert() so bundled fonts count as installed.
    """
    if font_dir is not None:
        with tempfile.TemporaryDirectory(prefix="sakip-fc-") as conf_dir:
            return font_substitutions(families, env=fontconfig_env(font_dir, conf_dir), deadline=deadline, twins=twins)
    fc_match = shutil.which("fc-match")
    if fc_match is None:  # no fontconfig (e.g. macOS without Homebrew): nothing to check
        return []
    warnings = []
    for family in families:
        matched = _fc_match_families(fc_match, family, env, deadline or Deadline(PROBE_LIMIT))
        if not _is_acceptable(family, matched, twins or {}):
            shown = matched[0] if matched else "?"
            warnings.append(
                f"Font '{family}' akan diganti dengan '{shown}' yang ukurannya tidak sama; teks "
                f"di PDF bisa bergeser. / Font '{family}' will be substituted by '{shown}', which "
                "is not metric-compatible; text in the PDF may reflow."
            )
    return warnings


def _fc_match_families(fc_match: str, family: str, env: dict[str, str] | None, deadline: Deadline) -> list[str]:
    """Return the family names (first is preferred) fontconfig picks for family."""
    try:
        out = subprocess.run(
            [fc_match, "-f", "%{family}", family],
            capture_output=True, text=True, timeout=min(PROBE_LIMIT, deadline.remaining()), env=env,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return [name.strip() for name in out.split(",") if name.strip()]


def _is_acceptable(family: str, matched: list[str], twins: dict[str, str]) -> bool:
    """True if fontconfig returned the family itself or its metric-compatible twin."""
    wanted = family.strip().lower()
    names = {name.lower() for name in matched}
    twin = {k.lower(): v.lower() for k, v in twins.items()}.get(wanted)
    return wanted in names or twin in names


# The charts' PNGs go into the PDF losslessly (Flate) at their own resolution instead of being
# re-encoded as JPEG: sharper chart text, smaller files, ~5 % less conversion time. LibreOffice
# reads filter options written as JSON from 7.4 on; older versions get plain "pdf" (its defaults).
PDF_EXPORT_OPTIONS = {"UseLosslessCompression": True, "ReduceImageResolution": False}


def lo_release(soffice: str) -> tuple[int, int] | None:
    """LibreOffice's major and minor version, e.g. (7, 4); None when unknown."""
    match = re.match(r"(\d+)\.(\d+)", lo_version(soffice))
    return (int(match[1]), int(match[2])) if match else None


def pdf_target(soffice: str) -> str:
    """The `--convert-to` argument: "pdf" with the export options LibreOffice understands."""
    release = lo_release(soffice)
    if release is None or release < (7, 4):
        return "pdf"
    options = {k: {"type": "boolean", "value": str(v).lower()} for k, v in PDF_EXPORT_OPTIONS.items()}
    return "pdf:impress_pdf_Export:" + json.dumps(options, separators=(",", ":"))


def _soffice_command(
    soffice: str, profile_dir: Path, out_dir: Path, pptx_paths: Sequence[Path]
) -> list[str]:
    """Return the soffice command line converting pptx_paths into out_dir."""
    return [
        soffice,
        "--headless",
        "--norestore",
        "--nolockcheck",
        f"-env:UserInstallation={profile_dir.as_uri()}",
        "--convert-to",
        pdf_target(soffice),
        "--outdir",
        str(out_dir),
        *map(str, pptx_paths),
    ]


# LibreOffice runs a graphics self-test (GraphicsRenderTests, ~0.6 CPU-s: 4096-px bitmaps drawn
# and checksummed) at every start whose profile has not recorded the running version as seen.
# Only the interactive start-up records it, so a headless profile pays it on every conversion.
_REGISTRY = "user/registrymodifications.xcu"
_LAST_VERSION_ITEM = (
    '<item oor:path="/org.openoffice.Setup/Product"><prop oor:name="ooSetupLastVersion" '
    'oor:op="fuse"><value>{}</value></prop></item>'
)
_EMPTY_REGISTRY = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
    'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
    "</oor:items>\n"
)


def mark_version_seen(profile: Path, soffice: str) -> bool:
    """Record this LibreOffice version as already started in `profile`, so it skips its self-test.

    Works on a complete profile and on an empty folder (LibreOffice fills in the rest and keeps
    the entry). False when the version is unknown or the profile cannot be written.
    """
    release = lo_release(soffice)
    if release is None:
        return False
    registry = profile / _REGISTRY
    try:
        text = registry.read_text(encoding="utf-8") if registry.exists() else _EMPTY_REGISTRY
        item = _LAST_VERSION_ITEM.format("{}.{}".format(*release))
        if item in text:
            return True
        text = re.sub(r'<item oor:path="/org.openoffice.Setup/Product"><prop oor:name="ooSetupLastVersion".*?</item>\n?',
                      "", text)
        if "</oor:items>" not in text:
            return False
        registry.parent.mkdir(parents=True, exist_ok=True)
        registry.write_text(text.replace("</oor:items>", item + "\n</oor:items>", 1), encoding="utf-8")
        return True
    except (OSError, UnicodeError):
        return False


def _copy_template(template: Path, profile: Path) -> bool:
    """Copy a complete cached template profile to profile; False if there is none usable."""
    if not (template / _TEMPLATE_MARKER).is_file():
        return False
    try:
        shutil.copytree(template, profile, symlinks=True)
        return True
    except OSError:  # e.g. another build replaced the template mid-copy: start fresh
        shutil.rmtree(profile, ignore_errors=True)
        return False


def _store_template(profile: Path, template: Path) -> None:
    """Publish profile as the cached template; best effort, atomic, first writer wins."""
    if template.exists():
        return
    try:
        template.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{template.name}.", dir=template.parent))
    except OSError:  # read-only cache dir: conversions still work, just without the shortcut
        return
    try:
        copy = staging / "profile"
        shutil.copytree(profile, copy, symlinks=True, ignore=shutil.ignore_patterns(".lock"))
        (copy / _TEMPLATE_MARKER).touch()
        os.rename(copy, template)  # atomic; fails if a parallel build got there first
    except OSError:
        pass
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _discard_template(template: Path) -> None:
    """Remove the cached template so the next conversion rebuilds it from scratch."""
    doomed = template.with_name(f".{template.name}.{os.getpid()}.discard")
    try:
        os.rename(template, doomed)  # atomic: parallel builds see either old or no template
    except OSError:
        return
    shutil.rmtree(doomed, ignore_errors=True)


@dataclass
class Conversion:
    """A running soffice conversion; wait() / wait_all() collect the PDFs and clean up."""

    process: subprocess.Popen
    pptx_paths: tuple[Path, ...]
    pdf_paths: tuple[Path, ...]
    work_dir: Path
    deadline: Deadline  # shared with the version probe and, for a WarmOffice, its start
    template: Path | None = None  # cached template profile location (None: cache disabled)
    from_template: bool = False  # profile_dir was copied from template
    owns_work_dir: bool = True  # False when the profile belongs to a WarmOffice
    _result: list[Path] | None = field(default=None, repr=False)

    @property
    def timeout(self) -> float:
        """The time limit, in seconds."""
        return self.deadline.seconds

    @property
    def profile_dir(self) -> Path:
        """Return the private LibreOffice profile of this conversion."""
        return self.work_dir / "profile"

    @property
    def log_path(self) -> Path:
        """Return the file receiving soffice's stdout and stderr."""
        return self.work_dir / "soffice.log"

    def wait(self) -> Path:
        """Wait for the single PDF of this conversion and return its path."""
        if len(self.pdf_paths) != 1:
            raise ValueError("conversion has several outputs; use wait_all()")
        return self.wait_all()[0]

    def wait_all(self) -> list[Path]:
        """Wait (within the deadline), verify every PDF, remove the temp profile."""
        if self._result is not None:
            return self._result
        try:
            self._wait_for_exit()
            self._result = [
                self._checked_pdf(pptx, pdf) for pptx, pdf in zip(self.pptx_paths, self.pdf_paths)
            ]
            if self.template is not None and not self.from_template:
                _store_template(self.profile_dir, self.template)
            return self._result
        except PdfError:
            if self.from_template:
                _discard_template(self.template)  # a damaged template must not fail every build
            raise
        finally:
            self.cancel()

    def cancel(self) -> None:
        """Stop the conversion (e.g. when another build step failed) and clean up."""
        kill_group(self.process)
        if self.owns_work_dir:
            shutil.rmtree(self.work_dir, ignore_errors=True)

    def _wait_for_exit(self) -> None:
        """Wait for soffice to exit; kill it and raise PdfError on timeout or failure."""
        try:
            returncode = self.process.wait(timeout=self.deadline.remaining())
        except subprocess.TimeoutExpired:  # wait_all's cleanup kills the process group
            raise self.deadline.error(_names(self.pptx_paths)) from None
        if returncode != 0:
            raise PdfError(
                f"LibreOffice gagal (kode keluar {returncode}). / LibreOffice failed (exit status "
                f"{returncode}) converting {_names(self.pptx_paths)}.{self._log_tail()}"
            )

    def _checked_pdf(self, pptx: Path, pdf: Path) -> Path:
        """Return pdf if it exists and looks like a PDF; raise PdfError otherwise."""
        try:
            with pdf.open("rb") as handle:
                head = handle.read(5)
        except OSError:
            head = None
        if head is None or not head.startswith(b"%PDF"):
            problem = (
                "tidak dibuat / was not created" if head is None else "rusak / is not a valid PDF"
            )
            raise PdfError(
                f"PDF untuk {pptx.name} {problem}. LibreOffice mungkin tidak dapat membaca "
                f"berkas PPTX. / LibreOffice may have failed to read the PPTX.{self._log_tail()}"
            )
        return pdf

    def _log_tail(self) -> str:
        """Return the end of soffice's output, formatted for an error message."""
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace").strip()
        except OSError:
            return ""
        return f"\nsoffice: {text[-_LOG_TAIL_CHARS:]}" if text else ""


def _names(paths: Sequence[Path]) -> str:
    """Return a short comma-separated list of file names."""
    return ", ".join(p.name for p in paths)


def _prepare_outputs(
    pptx_paths: Sequence[str | os.PathLike], out_dir: str | os.PathLike
) -> tuple[tuple[Path, ...], tuple[Path, ...]]:
    """Validate the sources and return them with their (freshly removed) PDF paths."""
    sources = tuple(Path(p).resolve() for p in pptx_paths)
    if not sources:
        raise ValueError("no PPTX files given")
    missing = [p for p in sources if not p.is_file()]
    if missing:
        raise PdfError(f"Berkas PPTX tidak ada / PPTX file not found: {_names(missing)}")
    stems = [p.stem for p in sources]
    if len(set(stems)) != len(stems):  # soffice would write both to the same PDF name
        raise ValueError(f"PPTX files must have distinct names: {_names(sources)}")
    target = Path(out_dir).resolve()
    target.mkdir(parents=True, exist_ok=True)
    pdfs = tuple(target / f"{stem}.pdf" for stem in stems)
    for pdf in pdfs:  # a stale PDF must not pass the existence check
        pdf.unlink(missing_ok=True)
    return sources, pdfs


def _start(
    pptx_paths: Sequence[str | os.PathLike],
    out_dir: str | os.PathLike,
    *,
    timeout: float,
    font_dir: str | os.PathLike | None,
    use_profile_cache: bool,
    warm: "WarmOffice | None" = None,
    deadline: Deadline | None = None,
) -> Conversion:
    """Launch one soffice process converting all pptx_paths into out_dir.

    The time limit counts from here (or from `deadline`'s start; for a WarmOffice from its
    start) and covers the version probe too.
    """
    deadline = warm.deadline if warm else deadline or Deadline(timeout)
    soffice = find_soffice()
    if soffice is None:
        raise PdfError(INSTALL_HINT)
    lo_version(soffice, deadline)  # a probe, if one is needed, runs now and within the limit
    sources, pdfs = _prepare_outputs(pptx_paths, out_dir)
    work_dir = warm.work_dir if warm else Path(tempfile.mkdtemp(prefix="sakip-lo-"))
    try:
        template = template_profile_dir(soffice, deadline) if use_profile_cache and not warm else None
        from_template = template is not None and _copy_template(template, work_dir / "profile")
        if not warm:
            mark_version_seen(work_dir / "profile", soffice)
        env = warm.env if warm else office_env(work_dir, font_dir)
        if deadline.expired():
            raise deadline.error(_names(sources))
        with open(work_dir / "soffice.log", "wb") as log:  # a file never blocks like a full pipe
            process = subprocess.Popen(
                _soffice_command(soffice, work_dir / "profile", pdfs[0].parent, sources),
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                # Own process group, so killpg also reaches the children oosplash spawns.
                env=env, **SESSION,
            )
    except BaseException:
        if not warm:
            shutil.rmtree(work_dir, ignore_errors=True)
        raise
    return Conversion(
        process=process, pptx_paths=sources, pdf_paths=pdfs, work_dir=work_dir,
        deadline=deadline, template=template, from_template=from_template,
        owns_work_dir=warm is None,
    )


class WarmOffice:
    """LibreOffice started early (while Python still builds the deck) with a private profile.

    A later `soffice --convert-to` with the same profile hands its work to this running
    instance through LibreOffice's own IPC pipe, so the conversion skips LibreOffice's start-up
    (about 0.9 s of 2.5 s for the sample deck on a 2-core machine). If the instance is not up
    yet, the converting process simply becomes the instance itself. `timeout` counts from here:
    the version probe, the start and every conversion through this instance share it.
    """

    def __init__(self, *, font_dir: str | os.PathLike | None = None, use_profile_cache: bool = True,
                 timeout: float = 180):
        self.deadline = Deadline(timeout)
        soffice = find_soffice()
        if soffice is None:
            raise PdfError(INSTALL_HINT)
        lo_version(soffice, self.deadline)  # a probe, if one is needed, runs now and within the limit
        self.work_dir = Path(tempfile.mkdtemp(prefix="sakip-lo-warm-"))
        try:
            template = template_profile_dir(soffice, self.deadline) if use_profile_cache else None
            if template is not None:
                _copy_template(template, self.work_dir / "profile")
            mark_version_seen(self.work_dir / "profile", soffice)
            self.env = office_env(self.work_dir, font_dir)
            command = [soffice, "--headless", "--invisible", "--norestore", "--nolockcheck",
                       f"-env:UserInstallation={(self.work_dir / 'profile').as_uri()}"]
            with open(self.work_dir / "warm.log", "wb") as log:
                self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log,
                                                stderr=subprocess.STDOUT, env=self.env, **SESSION)
        except BaseException:
            shutil.rmtree(self.work_dir, ignore_errors=True)
            raise

    def convert(self, pptx_path: str | os.PathLike, out_dir: str | os.PathLike) -> Path:
        """Convert through the running instance; returns the checked PDF."""
        return _start([pptx_path], out_dir, timeout=self.deadline.seconds, font_dir=None,
                      use_profile_cache=False, warm=self).wait()

    def close(self) -> None:
        """Stop the instance and everything it spawned; remove its profile and temporary files."""
        kill_group(self.process)
        shutil.rmtree(self.work_dir, ignore_errors=True)

    def __enter__(self) -> "WarmOffice":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def start_conversion(
    pptx_path: str | os.PathLike,
    out_dir: str | os.PathLike,
    *,
    timeout: float = 180,
    font_dir: str | os.PathLike | None = None,
    use_profile_cache: bool = True,
) -> Conversion:
    """Start converting pptx_path to out_dir/<stem>.pdf in the background."""
    return _start(
        [pptx_path], out_dir, timeout=timeout, font_dir=font_dir,
        use_profile_cache=use_profile_cache,
    )


def convert(
    pptx_path: str | os.PathLike,
    out_dir: str | os.PathLike,
    timeout: float = 180,
    *,
    font_dir: str | os.PathLike | None = None,
    use_profile_cache: bool = True,
    deadline: Deadline | None = None,
) -> Path:
    """Convert pptx_path to PDF and return the PDF path (within `deadline`, else `timeout` from now)."""
    return _start(
        [pptx_path], out_dir, timeout=timeout, font_dir=font_dir,
        use_profile_cache=use_profile_cache, deadline=deadline,
    ).wait()


def convert_many(
    pptx_paths: Sequence[str | os.PathLike],
    out_dir: str | os.PathLike,
    timeout: float = 180,
    *,
    font_dir: str | os.PathLike | None = None,
    use_profile_cache: bool = True,
) -> list[Path]:
    """Convert several PPTX files in one soffice run (startup paid once); timeout is for all."""
    return _start(
        pptx_paths, out_dir, timeout=timeout, font_dir=font_dir,
        use_profile_cache=use_profile_cache,
    ).wait_all()
