"""Shared session fixtures: the sample deck, built once per test session."""
from __future__ import annotations

import shutil

import pytest

from sakip_report.build import Options, build


def _build(out, formats):
    """Build the sample deck into out; return (result, path of the PPTX)."""
    result = build(Options(out=out, formats=formats, preview=False))
    decks = [p for p in result.outputs if p.suffix == ".pptx"]
    assert len(decks) == 1, f"expected one PPTX among the outputs, got {result.outputs}"
    return result, decks[0]


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory):
    """(BuildResult, pptx path) of the sample data built with formats ("pptx",)."""
    return _build(tmp_path_factory.mktemp("sample-pptx"), ("pptx",))


@pytest.fixture(scope="session")
def sample_pdf_build(tmp_path_factory):
    """(BuildResult, pptx path) of the sample data built with ("pptx", "pdf"); needs LibreOffice."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) not installed: cannot build the PDF")
    return _build(tmp_path_factory.mktemp("sample-pdf"), ("pptx", "pdf"))
