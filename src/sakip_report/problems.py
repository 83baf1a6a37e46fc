"""Input problems: every one names file, sheet, cell, the value found and what was expected."""
from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One problem in the input, located as precisely as we can."""

    level: str
    message: str
    file: str = ""
    sheet: str = ""
    cell: str = ""
    value: object = None
    expected: str = ""

    @property
    def where(self) -> str:
        """`kinerja.xlsx!IKU!F7`, or as much of it as is known."""
        return "!".join(part for part in (self.file, self.sheet, self.cell) if part)

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}" if self.where else self.message
        if self.value is not None and self.value != "":
            text += f" — ditemukan {self.value!r}"
        if self.expected:
            text += f"; seharusnya {self.expected}"
        return text


class InputError(Exception):
    """Raised when the input has errors; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} masalah pada data masukan")
        self.problems = problems


def errors(problems: list[Problem]) -> list[Problem]:
    """The problems that stop the build."""
    return [p for p in problems if p.level == ERROR]


def warnings(problems: list[Problem]) -> list[Problem]:
    """The problems that are reported but let the build go on."""
    return [p for p in problems if p.level == WARNING]


class TemplateProblem(Exception):
    """A slide definition or text template is wrong; names the file (and line)."""


class PeriodError(ValueError):
    """A --period that is malformed or not in the data."""
