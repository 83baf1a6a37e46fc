"""What the command line prints: stage progress, files written, a warnings summary (rich)."""
from __future__ import annotations

import sys


class Reporter:
    """Prints through rich on stderr; `quiet` keeps only warnings and errors (for CI)."""

    def __init__(self, quiet: bool = False):
        self.quiet = quiet
        self._console = None

    @property
    def console(self):
        if self._console is None:
            from rich.console import Console  # lazy: rich costs ~50 ms to import

            self._console = Console(stderr=True, highlight=False, soft_wrap=True)
        return self._console

    def stage(self, name: str, seconds: float) -> None:
        """One finished stage of the pipeline."""
        if not self.quiet:
            self.console.print(f"[green]✓[/] {name:<14} [dim]{seconds:5.2f} s[/]")

    def written(self, paths) -> None:
        """The files a build wrote (on stdout: scripts read it)."""
        if not self.quiet:
            for path in paths:
                print(f"ditulis: {path}")

    def summary(self, slides: int, seconds: float) -> None:
        if not self.quiet:
            self.console.print(f"[bold]{slides} slide[/] dalam {seconds:.2f} s")

    def warnings(self, messages: list[str]) -> None:
        """All warnings together at the end, so none scrolls away."""
        if not messages:
            return
        if self.quiet:
            for m in messages:
                print(f"peringatan: {m}", file=sys.stderr)
            return
        self.console.print(f"[yellow]{len(messages)} peringatan:[/]")
        for m in messages:
            self.console.print("  • " + m, markup=False, style="yellow")

    def problems(self, problems) -> None:
        """Input problems: every one, errors first."""
        errors = [p for p in problems if p.level == "error"]
        print(f"{len(errors)} galat pada data masukan:", file=sys.stderr)
        for p in sorted(problems, key=lambda p: p.level != "error"):
            print(f"  [{'GALAT' if p.level == 'error' else 'PERINGATAN'}] {p}", file=sys.stderr)

    def error(self, message: str) -> None:
        print(f"galat: {message}", file=sys.stderr)
