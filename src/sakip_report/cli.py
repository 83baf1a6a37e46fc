"""Command line: `sakip-report build|watch|validate|init`.

Exit codes: 0 done, 1 a problem in the input (or a build that could not finish), 2 a usage error,
3 the PPTX was delivered but the PDF asked for was not (LibreOffice missing or failing), 4 an
internal error (a bug: the message says to run again with --debug), 130 cancelled with Ctrl-C.
No exception reaches the user as a traceback unless --debug asks for it.
"""
from __future__ import annotations

import argparse
import signal
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

from . import paths

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_NO_PDF, EXIT_INTERNAL, EXIT_CANCELLED = 0, 1, 2, 3, 4, 130


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="sakip-report", description="Deck SAKIP (PPTX/PDF) dari workbook kinerja dan anggaran.")
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="bangun deck dari data (satu atau banyak perangkat daerah)")
    _common(b, many=True)
    _build_options(b)
    return _more(sub, p)


def _build_options(b: argparse.ArgumentParser) -> None:
    """Options shared by build and watch."""
    b.add_argument("--out", type=Path, default=paths.BUILD, help="folder keluaran (bawaan: build/)")
    b.add_argument("--formats", default="pptx,pdf", help="pptx, pdf atau pptx,pdf (bawaan)")
    b.add_argument("--period", "--periode", dest="period", metavar="TAHUN-S1|S2", type=_period_arg,
                   help="periode laporan, mis. 2024-S1 (bawaan: periode terakhir yang punya realisasi)")
    b.add_argument("--strict", action="store_true", help="gagal bila ada teks yang meluap atau font diganti")
    b.add_argument("--no-preview", action="store_true", help="tanpa build/preview.png")


def _more(sub, p: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The other subcommands."""
    w = sub.add_parser("watch", help="bangun ulang setiap kali data, template atau slide berubah")
    _common(w)
    _build_options(w)
    w.add_argument("--interval", type=float, default=1.0, help="detik antar pemeriksaan (bawaan 1)")
    v = sub.add_parser("validate", help="periksa data saja")
    _common(v)
    i = sub.add_parser("init", help="buat workbook kosong untuk perangkat daerah baru")
    i.add_argument("folder", type=Path)
    i.add_argument("--agency", required=True, help='nama perangkat daerah, mis. "Dinas Ketahanan Pangan"')
    i.add_argument("--year", type=int, required=True, help="tahun laporan, mis. 2025")
    i.add_argument("--pemda", default="Kabupaten ...", help='pemerintah daerah, mis. "Kabupaten Sukamaju"')
    i.add_argument("--overwrite", action="store_true", help="timpa workbook yang sudah ada")
    i.add_argument("--with-templates", action="store_true",
                   help="salin juga templates/ dan slides/ proyek ke folder ini, untuk tampilan sendiri")
    return p


def _common(p: argparse.ArgumentParser, many: bool = False) -> None:
    """Options every subcommand has."""
    if many:
        p.add_argument("--data", type=Path, nargs="+", default=[paths.DATA], metavar="DIR",
                       help="folder workbook (bawaan: data/sample); beberapa folder, atau folder berisi "
                            "folder-folder perangkat daerah, dibangun sekaligus")
    else:
        p.add_argument("--data", type=Path, default=paths.DATA, help="folder workbook (bawaan: data/sample)")
    p.add_argument("--templates", type=Path, default=None, metavar="DIR",
                   help="folder templat (master.pptx, layout.toml, aturan.toml, text/, fonts/); bawaan: "
                        "templates/ di folder data bila ada, selain itu templates/ proyek")
    p.add_argument("--slides", type=Path, default=None, metavar="DIR",
                   help="folder definisi slide (*.toml); bawaan: slides/ di folder data bila ada, selain itu slides/ proyek")
    p.add_argument("--debug", action="store_true", help="tampilkan traceback (untuk pengembang)")
    p.add_argument("--quiet", action="store_true", help="hanya galat dan peringatan")


def _period_arg(text: str) -> str:
    """argparse type: a well-formed `2024-S1` (a malformed one is a usage error, exit 2)."""
    from .period import PeriodError, parse_period

    try:
        tahun, semester = parse_period(text)
    except PeriodError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return f"{tahun}-{semester}"


def main(argv: list[str] | None = None) -> int:
    """Run one command; the exit code. Every failure becomes a short Indonesian message."""
    with _cancellable():
        try:
            return _main(argv)
        except KeyboardInterrupt:
            print("dibatalkan", file=sys.stderr)
            return EXIT_CANCELLED


def _main(argv: list[str] | None) -> int:
    try:
        args = parser().parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    try:
        return COMMANDS[args.command](args)
    except UsageError as exc:
        print(f"galat penggunaan: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:  # a clear message, never a traceback, unless --debug
        return internal_error(exc, getattr(args, "debug", False))


class UsageError(Exception):
    """The command line asks for something impossible (exit 2): the message says what and what to do."""


def internal_error(exc: Exception, debug: bool) -> int:
    """Report an error nobody planned for: a file-system message, or a short note on a bug."""
    if debug:
        import traceback

        traceback.print_exception(exc)
    for note in getattr(exc, "__notes__", ()):  # the input warnings gathered before it failed
        print(note, file=sys.stderr)
    if isinstance(exc, OSError) and exc.errno is not None:
        print(f"galat: {os_message(exc)}", file=sys.stderr)
        return EXIT_INPUT
    print(f"galat internal ({type(exc).__name__}): ini kesalahan program, bukan kesalahan data Anda. "
          "Jalankan lagi dengan --debug dan kirim keluarannya ke pengembang.", file=sys.stderr)
    return EXIT_INTERNAL


_ERRNO = {  # errno name → what it means for a folder or file, in the user's words
    "EROFS": "sistem berkasnya hanya-baca (read-only)", "EACCES": "tidak ada izin menulis atau membaca",
    "EPERM": "tidak ada izin", "ENOSPC": "disk penuh", "EDQUOT": "kuota disk habis",
    "ENOENT": "tidak ada", "EEXIST": "sudah ada", "ENOTDIR": "bagian jalurnya berkas, bukan folder",
    "EISDIR": "berupa folder, bukan berkas", "ENAMETOOLONG": "nama terlalu panjang",
}


def os_message(exc: OSError) -> str:
    """`/data/out: sistem berkasnya hanya-baca (read-only)` for an OSError."""
    import errno

    reason = _ERRNO.get(errno.errorcode.get(exc.errno, ""), exc.strerror or str(exc))
    return f"{exc.filename}: {reason}" if exc.filename else reason


@contextmanager
def _cancellable():
    """Ctrl-C raises KeyboardInterrupt once; a second Ctrl-C is ignored, so the clean-up finishes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum, frame):
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _formats(text: str) -> tuple[str, ...]:
    """`pptx,pdf` → ("pptx", "pdf"); an unknown format is a usage error."""
    from .build import FORMATS

    formats = tuple(f.strip().lower() for f in text.split(",") if f.strip())
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise UsageError(f"format {', '.join(bad) or '(kosong)'} tidak dikenal; pilihan: {', '.join(FORMATS)}")
    return formats


def _options(args):
    """Build options from the command line; a bad --formats, --data or --out is a UsageError."""
    from .build import Options

    folders = args.data if isinstance(args.data, list) else [args.data]
    for folder in folders:
        check_data(folder)
    check_out(args.out)
    check_look(args.templates, args.slides)
    return Options(folders[0], args.out, _formats(args.formats), args.templates, args.slides, args.period,
                   args.strict, not args.no_preview)


def check_data(folder: Path) -> None:
    """--data must name an existing folder."""
    if not folder.exists():
        raise UsageError(f"folder data {folder} tidak ada; periksa jalur --data")
    if not folder.is_dir():
        raise UsageError(f"--data {folder} adalah berkas, bukan folder; berikan folder yang berisi "
                         "profil.xlsx, kinerja.xlsx dan anggaran.xlsx")


TEMPLATE_FILES = ("master.pptx", "layout.toml", "aturan.toml", "text")


def check_look(templates: Path | None, slides: Path | None) -> None:
    """--templates must hold the template files, --slides some slide definitions."""
    if templates is not None:
        missing = [name for name in TEMPLATE_FILES if not (templates / name).exists()]
        if not templates.is_dir() or missing:
            raise UsageError(f"--templates {templates} bukan folder templat: tidak ada {', '.join(missing or TEMPLATE_FILES)}; "
                             "salin folder templates/ proyek (sakip-report init FOLDER --with-templates)")
    if slides is not None and not (slides.is_dir() and any(slides.glob("*.toml"))):
        raise UsageError(f"--slides {slides} tidak berisi definisi slide (*.toml); salin folder slides/ proyek")


def check_out(out: Path) -> None:
    """--out must be a folder this user can write, or one that can be made inside such a folder."""
    import os

    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out} adalah berkas, bukan folder; pilih folder (yang sudah ada atau akan dibuat)")
    existing = next(p for p in (out, *out.absolute().parents) if p.exists())
    if not existing.is_dir():
        raise UsageError(f"--out {out} tidak dapat dibuat: {existing} adalah berkas, bukan folder")
    if not os.access(existing, os.W_OK | os.X_OK):
        read_only = hasattr(os, "statvfs") and bool(os.statvfs(existing).f_flag & os.ST_RDONLY)  # no statvfs on Windows
        reason = "sistem berkasnya hanya-baca (read-only)" if read_only else "tidak ada izin menulis di sana"
        raise UsageError(f"folder keluaran {out} tidak dapat ditulisi: {reason}; pilih folder lain dengan --out")


def run_build(opts, reporter) -> int:
    """One build with its report; the exit code."""
    import time

    from .build import BuildFailed, build
    from .problems import InputError, PeriodError, TemplateProblem  # not compose/compute: they import pandas

    start = time.perf_counter()
    try:
        result = build(opts, progress=reporter.stage)
    except InputError as exc:
        reporter.problems(exc.problems)
        return EXIT_INPUT
    except (BuildFailed, TemplateProblem, PeriodError) as exc:
        reporter.error(str(exc))
        return EXIT_INPUT
    reporter.written(p for p in result.outputs if p.parent == opts.out and p.suffix in (".pptx", ".pdf", ".png", ".json"))
    reporter.warnings([str(p) for p in result.problems if p.level == "warning"] + result.warnings)
    reporter.summary(result.slides, time.perf_counter() - start)
    if result.pdf_missing:
        reporter.error(f"PDF tidak dibuat; PPTX tetap ditulis ke {opts.out}. {result.pdf_missing}")
        return EXIT_NO_PDF
    return EXIT_OK


def _is_batch(folders: list[Path]) -> bool:
    """Several folders, or one folder of agency folders (checked without importing the pool)."""
    if len(folders) > 1:
        return True
    folder, marker = folders[0], paths.AGENCY_MARKER
    return folder.is_dir() and not (folder / marker).exists() and any(
        (p / marker).exists() for p in folder.iterdir() if p.is_dir())


def cmd_build(args) -> int:
    from .console import Reporter

    opts = _options(args)
    if _is_batch(args.data):
        return run_batch(opts, args.data, Reporter(args.quiet))
    return run_build(opts, Reporter(args.quiet))


def run_batch(opts, folders, reporter) -> int:
    """Many agencies: every one reported; exit 1 when any failed, 3 when a PDF is missing."""
    import time

    from .batch import build_many
    from .build import BuildFailed

    start = time.perf_counter()
    try:
        results = build_many(opts, folders)
    except BuildFailed as exc:  # only PDFs asked for, and no LibreOffice
        reporter.error(str(exc))
        return EXIT_INPUT
    for r in results:
        if r.ok:
            reporter.written(p for p in r.outputs if p.parent == r.out and p.suffix in (".pptx", ".pdf"))
        else:
            reporter.error(f"{r.data}: {len(r.errors)} galat")
            for e in r.errors:
                print(f"  [GALAT] {e}", file=sys.stderr)
    failed = [r for r in results if not r.ok]
    reporter.warnings([f"{r.data.name}: {w}" for r in results for w in r.warnings])
    no_pdf = [r for r in results if r.ok and r.pdf_missing]
    for r in no_pdf:
        reporter.error(f"{r.data.name}: PDF tidak dibuat; PPTX tetap ditulis ke {r.out}. {r.pdf_missing}")
    if not reporter.quiet:
        print(f"{len(results) - len(failed)} dari {len(results)} perangkat daerah dibangun "
              f"dalam {time.perf_counter() - start:.1f} s")
    return EXIT_INPUT if failed else EXIT_NO_PDF if no_pdf else EXIT_OK


def cmd_watch(args) -> int:
    from .console import Reporter
    from .watch import watch

    opts = _options(args)
    reporter = Reporter(args.quiet)
    reporter.console.print(f"memantau {opts.data}, {opts.templates_dir}, {opts.slides_dir} — Ctrl-C untuk berhenti")

    def build_once(o) -> int:  # an unexpected failure is reported and the watch goes on
        try:
            return run_build(o, reporter)
        except Exception as exc:
            return internal_error(exc, args.debug)

    return watch(opts, build_once, interval=args.interval)


def cmd_validate(args) -> int:
    from . import paths
    from .build import Options, validate
    from .compute import compute, load_rules, period_of
    from .console import Reporter
    from .problems import InputError, PeriodError, TemplateProblem

    check_data(args.data)
    reporter = Reporter(args.quiet)
    opts = Options(data=args.data)
    try:
        data = validate(opts)
        # the figures' own checks too (a stated capaian that differs, a zero target, totals), as the build warns
        results = compute(data, load_rules(opts.templates_dir / paths.RULES), period_of(data))
    except InputError as exc:
        reporter.problems(exc.problems)
        return EXIT_INPUT
    except (TemplateProblem, PeriodError) as exc:  # an agency's own aturan.toml, as the build says it
        reporter.error(str(exc))
        return EXIT_INPUT
    reporter.warnings([str(p) for p in (*data.problems, *results.problems)])
    if not args.quiet:
        print(f"data valid: {args.data}")
    return EXIT_OK


def cmd_init(args) -> int:
    from .init import init_workbooks

    if args.folder.exists() and not args.folder.is_dir():
        raise UsageError(f"{args.folder} adalah berkas, bukan folder; pilih folder untuk workbook baru")
    try:
        written = init_workbooks(args.folder, args.agency, args.year, pemda=args.pemda, overwrite=args.overwrite,
                                 with_templates=args.with_templates)
    except (FileExistsError, ValueError) as exc:  # both say what to change on the command line
        message = os_message(exc) if isinstance(exc, OSError) and exc.errno else str(exc)
        raise UsageError(message) from None
    for path in written:
        print(f"ditulis: {path}")
    print(f"isi workbook di {args.folder}, lalu: sakip-report validate --data {args.folder}")
    return EXIT_OK


def run(argv: list[str] | None = None) -> None:
    """Console entry point: main(), then exit without tearing the interpreter down.

    Every file, process and temporary folder is closed by the time main() returns; what is left
    is freeing pandas' and lxml's object graphs one by one at interpreter exit, ~0.1 s (a tenth
    of a build) of work nobody needs.
    """
    import os

    code = main(argv)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


COMMANDS = {"build": cmd_build, "validate": cmd_validate, "watch": cmd_watch, "init": cmd_init}

if __name__ == "__main__":
    run()
