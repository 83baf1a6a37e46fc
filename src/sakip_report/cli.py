"""Command line: `sakip-report build|watch|validate|init`. Exit 0 ok, 1 input problem, 2 usage error."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import paths

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2


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
    return p


def _common(p: argparse.ArgumentParser, many: bool = False) -> None:
    """Options every subcommand has."""
    if many:
        p.add_argument("--data", type=Path, nargs="+", default=[paths.DATA], metavar="DIR",
                       help="folder workbook (bawaan: data/sample); beberapa folder, atau folder berisi "
                            "folder-folder perangkat daerah, dibangun sekaligus")
    else:
        p.add_argument("--data", type=Path, default=paths.DATA, help="folder workbook (bawaan: data/sample)")
    p.add_argument("--templates", type=Path, default=paths.TEMPLATES, help=argparse.SUPPRESS)
    p.add_argument("--slides", type=Path, default=paths.SLIDES, help=argparse.SUPPRESS)
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
    try:
        args = parser().parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    try:
        return COMMANDS[args.command](args)
    except Exception as exc:  # a clear message, never a traceback, unless --debug
        if getattr(args, "debug", False):
            raise
        print(f"galat: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_INPUT


def _formats(text: str) -> tuple[str, ...]:
    """`pptx,pdf` → ("pptx", "pdf"); an unknown format is a usage error."""
    from .build import FORMATS

    formats = tuple(f.strip().lower() for f in text.split(",") if f.strip())
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        print(f"galat penggunaan: format {', '.join(bad) or '(kosong)'} tidak dikenal; pilihan: {', '.join(FORMATS)}",
              file=sys.stderr)
        raise SystemExit(EXIT_USAGE)
    return formats


def _options(args):
    """Build options from the command line (raises SystemExit(2) on a bad --formats)."""
    from .build import Options

    data = args.data[0] if isinstance(args.data, list) else args.data
    return Options(data, args.out, _formats(args.formats), args.templates, args.slides, args.period,
                   args.strict, not args.no_preview)


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

    try:
        opts = _options(args)
    except SystemExit as exc:
        return int(exc.code)
    if _is_batch(args.data):
        return run_batch(opts, args.data, Reporter(args.quiet))
    return run_build(opts, Reporter(args.quiet))


def run_batch(opts, folders, reporter) -> int:
    """Many agencies: every one reported; exit 1 when any failed."""
    import time

    from .batch import build_many

    start = time.perf_counter()
    results = build_many(opts, folders)
    for r in results:
        if r.ok:
            reporter.written(p for p in r.outputs if p.parent == r.out and p.suffix in (".pptx", ".pdf"))
        else:
            reporter.error(f"{r.data}: {len(r.errors)} galat")
            for e in r.errors:
                print(f"  [GALAT] {e}", file=sys.stderr)
    failed = [r for r in results if not r.ok]
    reporter.warnings([f"{r.data.name}: {w}" for r in results for w in r.warnings])
    if not reporter.quiet:
        print(f"{len(results) - len(failed)} dari {len(results)} perangkat daerah dibangun "
              f"dalam {time.perf_counter() - start:.1f} s")
    return EXIT_INPUT if failed else EXIT_OK


def cmd_watch(args) -> int:
    from .console import Reporter
    from .watch import watch

    try:
        opts = _options(args)
    except SystemExit as exc:
        return int(exc.code)
    reporter = Reporter(args.quiet)
    reporter.console.print(f"memantau {opts.data}, {opts.templates}, {opts.slides} — Ctrl-C untuk berhenti")
    return watch(opts, lambda o: run_build(o, reporter), interval=args.interval)


def cmd_validate(args) -> int:
    from .build import Options, validate
    from .console import Reporter
    from .problems import InputError

    reporter = Reporter(args.quiet)
    try:
        data = validate(Options(data=args.data))
    except InputError as exc:
        reporter.problems(exc.problems)
        return EXIT_INPUT
    reporter.warnings([str(p) for p in data.problems])
    if not args.quiet:
        print(f"data valid: {args.data}")
    return EXIT_OK


def cmd_init(args) -> int:
    from .init import init_workbooks

    try:
        written = init_workbooks(args.folder, args.agency, args.year, pemda=args.pemda, overwrite=args.overwrite)
    except (FileExistsError, ValueError) as exc:
        print(f"galat: {exc}", file=sys.stderr)
        return EXIT_INPUT
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
