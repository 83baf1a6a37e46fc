"""Command line: `sakip-report build|validate`. Exit 0 ok, 1 input problem, 2 usage error."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import paths

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="sakip-report", description="Deck SAKIP (PPTX/PDF) dari workbook kinerja dan anggaran.")
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="bangun deck dari data")
    _common(b)
    b.add_argument("--out", type=Path, default=paths.BUILD, help="folder keluaran (bawaan: build/)")
    b.add_argument("--formats", default="pptx,pdf", help="pptx, pdf atau pptx,pdf (bawaan)")
    b.add_argument("--period", "--periode", dest="period", metavar="TAHUN-S1|S2", type=_period_arg,
                   help="periode laporan, mis. 2024-S1 (bawaan: periode terakhir yang punya realisasi)")
    b.add_argument("--strict", action="store_true", help="gagal bila ada teks yang meluap atau font diganti")
    b.add_argument("--no-preview", action="store_true", help="tanpa build/preview.png")
    v = sub.add_parser("validate", help="periksa data saja")
    _common(v)
    return p


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data", type=Path, default=paths.DATA, help="folder workbook (bawaan: data/sample)")
    p.add_argument("--templates", type=Path, default=paths.TEMPLATES, help=argparse.SUPPRESS)
    p.add_argument("--slides", type=Path, default=paths.SLIDES, help=argparse.SUPPRESS)
    p.add_argument("--debug", action="store_true", help="tampilkan traceback (untuk pengembang)")
    p.add_argument("--quiet", action="store_true", help="hanya galat dan peringatan")


def _period_arg(text: str) -> str:
    """argparse type: a well-formed `2024-S1` (a malformed one is a usage error, exit 2)."""
    from .compute import PeriodError, parse_period

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
        if args.debug:
            raise
        print(f"galat: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_INPUT


def _formats(text: str) -> tuple[str, ...]:
    from .build import FORMATS

    formats = tuple(f.strip().lower() for f in text.split(",") if f.strip())
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        print(f"galat penggunaan: format {', '.join(bad) or '(kosong)'} tidak dikenal; pilihan: {', '.join(FORMATS)}",
              file=sys.stderr)
        raise SystemExit(EXIT_USAGE)
    return formats


def cmd_build(args) -> int:
    from .build import BuildFailed, Options, build
    from .compose import TemplateProblem
    from .compute import PeriodError
    from .problems import InputError

    try:
        formats = _formats(args.formats)
    except SystemExit as exc:
        return int(exc.code)
    opts = Options(args.data, args.out, formats, args.templates, args.slides, args.period, args.strict,
                   not args.no_preview)
    try:
        result = build(opts)
    except InputError as exc:
        return _report_input(exc.problems)
    except (BuildFailed, TemplateProblem, PeriodError) as exc:
        print(f"galat: {exc}", file=sys.stderr)
        return EXIT_INPUT
    _print_warnings([str(p) for p in result.problems if p.level == "warning"] + result.warnings)
    if not args.quiet:
        for path in result.outputs:
            if path.suffix in (".pptx", ".pdf", ".png", ".json") and path.parent == args.out:
                print(f"ditulis: {path}")
        print(f"{result.slides} slide; " + ", ".join(f"{k} {v:.2f}s" for k, v in result.timings.items()))
    return EXIT_OK


def cmd_validate(args) -> int:
    from .build import Options, validate
    from .problems import InputError

    try:
        data = validate(Options(data=args.data))
    except InputError as exc:
        return _report_input(exc.problems)
    _print_warnings([str(p) for p in data.problems])
    if not args.quiet:
        print(f"data valid: {args.data}")
    return EXIT_OK


def _report_input(problems) -> int:
    errors = [p for p in problems if p.level == "error"]
    print(f"{len(errors)} galat pada data masukan:", file=sys.stderr)
    for p in problems:
        print(f"  [{'GALAT' if p.level == 'error' else 'PERINGATAN'}] {p}", file=sys.stderr)
    return EXIT_INPUT


def _print_warnings(warnings: list[str]) -> None:
    for w in warnings:
        print(f"peringatan: {w}", file=sys.stderr)


COMMANDS = {"build": cmd_build, "validate": cmd_validate}

if __name__ == "__main__":
    sys.exit(main())
