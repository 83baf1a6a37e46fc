"""The pipeline, stage by stage: load → validate → compute → compose → charts → render → PDF.

Outputs are written into a private temporary folder and moved into place only when every stage
has succeeded, so a failed build leaves the previous deck untouched.
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import paths, reproducible
from .manifest import input_files, write_manifest
from .problems import Problem

FORMATS = ("pptx", "pdf")


@dataclass(frozen=True)
class Options:
    """What to build, from where, to where."""

    data: Path = paths.DATA
    out: Path = paths.BUILD
    formats: tuple[str, ...] = ("pptx",)
    templates: Path | None = None  # None: `templates/` beside the data if there is one, else the project's
    slides: Path | None = None  # None: `slides/` beside the data if there is one, else the project's
    period: str | None = None  # `2024-S1`; None: the latest period with a realisasi
    strict: bool = False
    preview: bool = True
    chart_worker: bool = True  # draw charts in a second process while rendering (when there is a second core)
    pdf_timeout: float = 180  # seconds for everything LibreOffice does for one deck, from its start

    @property
    def templates_dir(self) -> Path:
        """The templates folder the build uses (master, layout, rules, text, fonts)."""
        return self.templates or paths.beside(self.data, "templates", paths.TEMPLATES)

    @property
    def slides_dir(self) -> Path:
        """The slide definitions the build uses."""
        return self.slides or paths.beside(self.data, "slides", paths.SLIDES)


@dataclass
class BuildResult:
    """Files written, warnings, and the time of each stage."""

    outputs: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    slides: int = 0
    peak_rss_kib: dict[str, int] = field(default_factory=dict)  # this process and the chart worker
    pdf_missing: str = ""  # why the PDF asked for was not made (the PPTX was still delivered)


class BuildFailed(Exception):
    """The build could not finish (strict-mode layout problems, converter failure, template errors)."""


class Stopwatch:
    """Times named stages into a dict and tells `progress(stage, seconds)` as each one ends."""

    def __init__(self, timings: dict[str, float], progress=None):
        self.timings = timings
        self.progress = progress
        self._nested: list[float] = []  # per open stage: time spent in stages inside it

    @contextmanager
    def stage(self, name: str, report: bool = True):
        """Time a stage; a stage inside another counts for itself only, so the stages add up.

        `report=False` adds to the stage's time without telling `progress` (a stage entered many
        times, whose total is reported when it is entered the last time).
        """
        start = time.perf_counter()
        self._nested.append(0.0)
        try:
            yield
        finally:
            elapsed = time.perf_counter() - start
            inner = self._nested.pop()
            if self._nested:
                self._nested[-1] += elapsed
            self.timings[name] = self.timings.get(name, 0.0) + elapsed - inner
        if self.progress and report:
            self.progress(name, self.timings[name])


def deck_name(profil: dict, tahun: int, semester: str) -> str:
    """`sakip-dinsos-2025-s2`: short, stable, safe on every file system."""
    import unicodedata

    short = profil.get("singkatan") or profil["nama perangkat daerah"]
    ascii_ = unicodedata.normalize("NFKD", short).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")
    return "-".join(part for part in ("sakip", slug, str(tahun), semester.lower()) if part)


def validate(opts: Options):
    """Run only the validation pass; returns the SourceData (raises InputError)."""
    from .normalise import read_data

    return read_data(opts.data)


def build(opts: Options, progress=None) -> BuildResult:
    """Build the deck; raise InputError for bad data, BuildFailed for anything else.

    Whatever stops the build (Ctrl-C included), the output folder is left as it was: the staging
    folder goes, and so does an output folder this build created and left empty.
    """
    check_pdf_possible(opts)
    created = not opts.out.exists()
    result = BuildResult()
    try:
        with ExitStack() as stack:
            warm = stack.enter_context(_warm_office(opts)) if "pdf" in opts.formats else None
            worker = stack.enter_context(_chart_worker(opts))
            _build(opts, warm, worker, progress, result)
    except BaseException as exc:
        if created:
            _remove_if_empty(opts.out)
        for problem in result.problems:  # an input warning often explains a later failure
            exc.add_note(f"peringatan: {problem}")
        raise
    result.peak_rss_kib = {"build": _peak_rss_kib(),
                           "chart worker": worker.maxrss_kib if worker else 0}
    return result


def check_pdf_possible(opts: Options) -> None:
    """Only a PDF asked for and no LibreOffice: nothing could be delivered, so stop before building."""
    if opts.formats != ("pdf",):
        return
    from . import pdf

    if pdf.find_soffice() is None:
        raise BuildFailed(pdf.INSTALL_HINT)


def _remove_if_empty(folder: Path) -> None:
    """Remove a folder that holds nothing but the publishing lock."""
    try:
        leftovers = [p for p in folder.iterdir() if p.name != ".lock"]
        if not leftovers:
            shutil.rmtree(folder, ignore_errors=True)
    except OSError:
        pass


def _peak_rss_kib() -> int:
    """This process's peak memory (0 where the platform does not say: Windows)."""
    try:
        import resource
    except ImportError:
        return 0
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


# The modules a build imports only when it needs them (pandas, python-pptx, openpyxl, jinja2, Babel,
# Pillow, pdfium through these), for `warm_up`. tests/test_batch.py checks that a build after
# warm_up() imports none of the heavy libraries itself.
LAZY_MODULES = ("sakip_report.compose", "sakip_report.compute", "sakip_report.render", "sakip_report.chartcache",
                "sakip_report.preview", "openpyxl", "jinja2.sandbox", "babel.dates")


def warm_up() -> None:
    """Import and initialise what every build needs (~0.8 CPU-s), once.

    For the batch: its pool processes are forked from this one and start ready instead of each
    importing matplotlib, pandas and the rest again.
    """
    import importlib

    from .chartdraw import warm_up as warm_up_charts

    for name in LAZY_MODULES:
        importlib.import_module(name)
    warm_up_charts()


@contextmanager
def _chart_worker(opts: Options):
    """Start the chart worker now, so matplotlib is imported while the data are read (None: draw here)."""
    from . import chartdraw

    if not (opts.chart_worker and chartdraw.worker_wanted()):
        yield None
        return
    try:
        worker = chartdraw.Worker()
    except OSError:
        yield None
        return
    try:
        yield worker
    finally:
        worker.close()


@contextmanager
def _warm_office(opts: Options):
    """Start LibreOffice now, so it is up by the time the PPTX is written (None if not installed)."""
    from . import pdf

    if pdf.find_soffice() is None:
        yield None
        return
    office = pdf.WarmOffice(font_dir=opts.templates_dir / paths.FONTS, timeout=opts.pdf_timeout)
    try:
        yield office
    finally:
        office.close()


def _build(opts: Options, warm, worker, progress, result: BuildResult) -> BuildResult:
    """The stages, in order, filling `result`."""
    from .chartdraw import Charts
    from .compose import compose, read_layout
    from .compute import compute, load_rules, period_of
    from .render import render
    from .theme import read_theme

    clock = Stopwatch(result.timings, progress)
    with clock.stage("load+validate"):
        data = validate(opts)
    result.problems += list(data.problems)
    with clock.stage("compute"):
        results = compute(data, load_rules(opts.templates_dir / paths.RULES), period_of(data, opts.period))
    result.problems += list(results.problems)
    opts.out.mkdir(parents=True, exist_ok=True)
    name = deck_name(data.profil, results.period.tahun, results.period.semester)
    layout = read_layout(opts.templates_dir)
    from . import fonts, measure

    measure.use_fonts(*fonts.deck_fonts(opts.templates_dir, layout.get("huruf", {}).get("kembaran", {})))
    with _staging(opts.out) as stage:
        charts = Charts(read_theme(opts.templates_dir / paths.MASTER).colors, stage / "charts", worker)

        def hand_on(name, slide):  # a chart goes to the worker as soon as its slide is composed
            with clock.stage("charts", report=False):
                return charts.add(name, slide)

        when = reproducible.build_time()
        pptx = stage / f"{name}.pptx"
        try:
            with clock.stage("compose"):
                slides = compose(data, results, opts.slides_dir, opts.templates_dir / paths.TEXT, on_chart=hand_on,
                                 layout=layout)
            with clock.stage("charts"):
                charts.finish()
            with clock.stage("render"):
                report = render(slides, opts.templates_dir / paths.MASTER, layout, pptx,
                                deck_properties(data.profil, results, when), before_pictures=lambda: _wait(clock, charts))
                if reproducible.is_reproducible():
                    reproducible.normalise_zip(pptx, when)
        except BaseException:
            charts.abort()  # the worker must not write into the staging folder while it is removed
            raise
        result.slides = len(report.pages)
        result.warnings += charts.warnings + report.warnings
        if opts.strict and report.warnings:
            raise BuildFailed("mode --strict: " + "; ".join(report.warnings))
        libreoffice = None
        if "pdf" in opts.formats:
            with clock.stage("pdf"):
                libreoffice = _pdf_stage(pptx, stage, opts, result, when, warm)
        if "pptx" not in opts.formats and not result.pdf_missing:
            pptx.unlink()
        with clock.stage("manifest"):
            outputs = sorted(p for p in stage.rglob("*") if p.is_file())
            write_manifest(stage / "manifest.json", inputs=input_files(opts.data, opts.templates_dir, opts.slides_dir),
                           outputs=outputs, root=paths.ROOT, pages=report.pages,
                           build_time=when.isoformat(), libreoffice=libreoffice,
                           warnings=[str(p) for p in result.problems] + result.warnings)
        result.outputs = _publish(stage, opts.out)
    return result


def _wait(clock: Stopwatch, charts) -> None:
    """The render's wait for the worker's charts, timed apart (zero when they were ready first)."""
    if charts.done:
        return
    with clock.stage("charts-wait"):
        charts.wait()


def deck_properties(profil: dict, results, when) -> dict:
    """Document properties: title, subject, author = the agency, dates = the build time."""
    agency = f"{profil['nama perangkat daerah']} {profil['pemerintah daerah']}"
    p = results.period
    return {"title": f"SAKIP {agency} {p.tahun}", "subject": f"Capaian kinerja {p.tahun} {p.semester}",
            "author": agency, "last_modified_by": agency, "created": when.replace(tzinfo=None),
            "modified": when.replace(tzinfo=None), "revision": 1, "keywords": "SAKIP"}


def _pdf_stage(pptx: Path, stage: Path, opts: Options, result: BuildResult, when, warm) -> str | None:
    """The PDF and preview; the LibreOffice version for the manifest (None when there is no PDF).

    When LibreOffice is missing or its conversion fails, the PPTX is still delivered: the reason
    goes into `result.pdf_missing` (the command line exits 3) unless only a PDF was asked for.
    """
    from . import pdf

    soffice = pdf.find_soffice()
    try:
        if soffice is None:
            raise pdf.PdfError(pdf.INSTALL_HINT)
        result.warnings += make_pdf(pptx, stage, opts, with_preview=opts.preview, when=when, warm=warm)
    except pdf.PdfError as exc:
        if "pptx" not in opts.formats:
            raise BuildFailed(str(exc)) from None
        result.pdf_missing = str(exc)
        return None
    return pdf.lo_version(soffice)


def make_pdf(pptx: Path, stage: Path, opts: Options, with_preview: bool, when, warm=None) -> list[str]:
    """Convert to PDF with LibreOffice, check its layout, and make the preview sheet.

    One time limit (`opts.pdf_timeout`, for a WarmOffice counted from its start) covers the font
    check, LibreOffice's version probe and the conversion.
    """
    from . import fonts, pdf
    from .layoutcheck import check_pdf
    from .theme import read_theme

    deadline = warm.deadline if warm is not None else pdf.Deadline(opts.pdf_timeout)
    templates = opts.templates_dir
    theme = read_theme(templates / paths.MASTER)
    families = list(dict.fromkeys((theme.major_font, theme.minor_font)))
    warnings = pdf.font_substitutions(families, font_dir=templates / paths.FONTS, deadline=deadline,
                                      twins=fonts.twins(templates))
    if warm is not None:
        pdf_path = warm.convert(pptx, stage)
    else:
        pdf_path = pdf.convert(pptx, stage, font_dir=opts.templates_dir / paths.FONTS, deadline=deadline)
    if reproducible.is_reproducible():
        reproducible.normalise_pdf(pdf_path, when)
    if opts.strict:  # the glyph-level check costs ~0.7 s; the test suite runs it on every change
        problems = check_pdf(pdf_path)
        warnings += [f"PDF halaman {p.page}: {p.kind} — {p.text!r} {p.detail}" for p in problems]
        if warnings:
            raise BuildFailed("mode --strict: " + "; ".join(warnings))
    if with_preview:
        from .preview import make_contact_sheet

        make_contact_sheet(pdf_path, stage / "preview.png")
    return warnings


@contextmanager
def _staging(out: Path):
    """A private folder next to the outputs; removed whatever happens."""
    stage = Path(tempfile.mkdtemp(prefix=".staging-", dir=out))
    try:
        yield stage
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _publish(stage: Path, out: Path) -> list[Path]:
    """Move every staged file into the output folder (atomic per file: os.replace).

    Under an exclusive lock, so two builds finishing at once cannot interleave their files.
    """
    written = []
    with open(out / ".lock", "w") as lock:
        _lock(lock)
        for src in sorted(p for p in stage.rglob("*") if p.is_file()):
            dest = out / src.relative_to(stage)
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.replace(src, dest)
            written.append(dest)
        for folder in OWN_FOLDERS:  # images of an earlier build that this one did not make
            for old in (out / folder).glob("*") if (out / folder).is_dir() else ():
                if old.is_file() and old not in written:
                    old.unlink()
    return written


def _lock(handle) -> None:
    """An exclusive lock on an open file, held until it is closed (fcntl; msvcrt on Windows)."""
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
        return
    fcntl.flock(handle, fcntl.LOCK_EX)


OWN_FOLDERS = ("charts",)  # folders of out/ that hold only what the last build wrote
