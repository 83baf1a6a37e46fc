"""Many agencies in one run: PPTX builds in a process pool, PDFs converted in batches.

LibreOffice's start-up is paid once per batch, not per deck; the batches run in parallel, one
per core. An agency with bad data is reported and skipped; the others are still built.
"""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import paths
from .build import BuildFailed, Options, check_pdf_possible, build

DATA_FILE = paths.AGENCY_MARKER
BATCH_PDF_TIMEOUT = 600  # seconds for one LibreOffice run converting a share of the batch's decks


@dataclass
class AgencyResult:
    """The outcome for one agency folder."""

    data: Path
    out: Path
    outputs: list[Path] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    pdf_missing: str = ""  # why its PDF was not made (its PPTX was delivered)

    @property
    def ok(self) -> bool:
        return not self.errors


def agency_folders(folders: list[Path]) -> list[Path]:
    """The data folders named, or the agency subfolders of a folder of agencies."""
    out = []
    for folder in folders:
        folder = Path(folder)
        if (folder / DATA_FILE).exists() or not folder.is_dir():
            out.append(folder)
        else:
            out += sorted(p for p in folder.iterdir() if p.is_dir() and (p / DATA_FILE).exists())
    return out


def is_batch(folders: list[Path]) -> bool:
    """More than one agency to build."""
    return len(agency_folders(folders)) > 1


def build_many(base: Options, folders: list[Path], *, workers: int | None = None) -> list[AgencyResult]:
    """Build every agency's deck into `base.out/<folder name>/`."""
    check_pdf_possible(base)
    agencies = agency_folders(folders)
    workers = workers or os.cpu_count() or 1
    # the pool's processes fill the cores already: no chart worker beside each
    jobs = [replace(base, data=d, out=base.out / d.name, formats=("pptx",), chart_worker=False) for d in agencies]
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=_pool_context(), initializer=_ignore_sigint)
    try:
        results = list(pool.map(_build_one, jobs))
        if "pdf" in base.formats:
            results = _pdfs(results, base, workers, pool)
    except BaseException:  # Ctrl-C: no new builds; those running finish (they ignore SIGINT)
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    if "pptx" not in base.formats:
        for r in results:
            _drop_pptx(r)
    return results


def _ignore_sigint() -> None:
    """In a pool process: Ctrl-C is the parent's to handle (no traceback from every process)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _pdfs(results: list[AgencyResult], base: Options, workers: int, pool) -> list[AgencyResult]:
    """The PDFs, or for every built deck the reason there is none (LibreOffice missing)."""
    from . import pdf

    if pdf.find_soffice() is None:
        for r in results:
            if r.ok:
                r.pdf_missing = pdf.INSTALL_HINT
        return results
    return _convert_all(results, base, workers, pool)


def _pool_context():
    """The pool's start method; where it can share them, the build's libraries are loaded first.

    `fork` (Linux up to Python 3.13): this process warms up (~0.8 CPU-s) and every pool process
    inherits it, instead of each paying it. `forkserver` (Linux from 3.14): the fork server imports
    the modules. `spawn` (macOS, Windows): each pool process imports for itself.
    """
    import multiprocessing

    from .build import LAZY_MODULES, warm_up

    method = multiprocessing.get_start_method()
    if method == "fork":
        warm_up()
    elif method == "forkserver":
        multiprocessing.get_context("forkserver").set_forkserver_preload(
            ["sakip_report.chartdraw", "matplotlib.figure", "matplotlib.backends.backend_agg", *LAZY_MODULES])
    return multiprocessing.get_context(method)


def _build_one(opts: Options) -> AgencyResult:
    """One agency's PPTX build, with its problems as text (they cross a process boundary)."""
    from .problems import InputError, PeriodError, TemplateProblem

    result = AgencyResult(opts.data, opts.out)
    try:
        built = build(opts)
    except InputError as exc:
        result.errors = [str(p) for p in exc.problems if p.level == "error"]
    except (BuildFailed, TemplateProblem, PeriodError, OSError) as exc:
        result.errors = [str(exc)]
    except Exception as exc:  # a bug met on one agency's data must not stop the others
        result.errors = [f"galat internal ({type(exc).__name__}: {exc}); laporkan ke pengembang"]
        result.warnings = [note.removeprefix("peringatan: ") for note in getattr(exc, "__notes__", ())]
    else:
        result.outputs = built.outputs
        result.warnings = [str(p) for p in built.problems if p.level == "warning"] + built.warnings
    return result


def _convert_all(results: list[AgencyResult], base: Options, workers: int, pool) -> list[AgencyResult]:
    """Convert the decks in one LibreOffice run per core (and one more), in parallel; then finish each PDF in the pool.

    Returns the results in their order, each with its PDF and preview (or its conversion error).
    """
    from . import pdf

    decks = [(i, _pptx(r)) for i, r in enumerate(results) if r.ok]
    # One LibreOffice run more than the cores: a run leaves its core idle about a tenth of the time
    # (reading and writing files), which the extra run fills. 40 decks on 2 cores: 2 runs 28.9 s,
    # 3 runs 26.5 s, 4 runs 27.2 s.
    chunks = lanes(decks, workers + 1)
    staging = base.out / ".pdf-staging"
    staging.mkdir(parents=True, exist_ok=True)
    conversions = []
    try:
        for n, chunk in enumerate(chunks):
            folder = staging / str(n)
            conversions.append((chunk, pdf._start([p for _, p in chunk], folder, timeout=BATCH_PDF_TIMEOUT,
                                                  font_dir=base.templates_dir / paths.FONTS, use_profile_cache=True)))
        finishing = []
        for chunk, conversion in conversions:  # a finished batch's previews are drawn while the next one converts
            try:
                pdfs = conversion.wait_all()
            except pdf.PdfError as exc:  # the PPTX is still delivered, unless only PDFs were asked for
                for i, _ in chunk:
                    if "pptx" in base.formats:
                        results[i].pdf_missing = str(exc)
                    else:
                        results[i].errors.append(str(exc))
                continue
            finishing += [(i, pool.submit(_finish_pdf, results[i], made, base)) for (i, _), made in zip(chunk, pdfs)]
        for i, future in finishing:
            try:
                results[i] = future.result()
            except Exception as exc:  # one agency's PDF step must not stop the batch's report
                results[i].errors.append(f"PDF/preview: {type(exc).__name__}: {exc}")
    finally:
        for _, conversion in conversions:  # each LibreOffice run ends with the batch, whatever stopped it
            conversion.cancel()
        _remove_tree(staging)
    return results


def lanes(decks: list[tuple[int, Path]], count: int) -> list[list[tuple[int, Path]]]:
    """Share the decks round-robin among `count` LibreOffice runs, two decks of one name never in one run.

    One run writes every PDF into one folder by the deck's name, and agencies in different
    folders may share a name (two copies, or two kabupaten's "DINSOS"): such a deck goes to the
    next run without its name, or to a run of its own.
    """
    runs: list[list[tuple[int, Path]]] = [[] for _ in range(count)]
    for k, (i, deck) in enumerate(decks):
        turn = runs[k % count:] + runs[:k % count]  # its round-robin run first, then the others
        free = next((run for run in turn if all(d.name != deck.name for _, d in run)), None)
        if free is None:
            free = []
            runs.append(free)
        free.append((i, deck))
    return [run for run in runs if run]


def _pptx(result: AgencyResult) -> Path:
    return next(p for p in result.outputs if p.suffix == ".pptx")


def _finish_pdf(result: AgencyResult, made: Path, base: Options) -> AgencyResult:
    """Move a converted PDF beside its deck, normalise it, add the preview, update the manifest."""
    from . import reproducible
    from .manifest import add_outputs

    target = result.out / made.name
    os.replace(made, target)
    if reproducible.is_reproducible():
        reproducible.normalise_pdf(target, reproducible.build_time())
    written = [target]
    if base.preview:
        from .preview import make_contact_sheet

        written.append(make_contact_sheet(target, result.out / "preview.png"))
    add_outputs(result.out / "manifest.json", written)
    result.outputs += written
    return result


def _drop_pptx(result: AgencyResult) -> None:
    for p in [p for p in result.outputs if p.suffix == ".pptx"]:
        p.unlink(missing_ok=True)
        result.outputs.remove(p)


def _remove_tree(folder: Path) -> None:
    import shutil

    shutil.rmtree(folder, ignore_errors=True)
