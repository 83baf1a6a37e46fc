#!/usr/bin/env python3
"""Build the SAKIP deck: `python build_report.py [--data DIR] [--out DIR] [--formats pptx,pdf]`.

The same as the installed console script `sakip-report build`.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))

from sakip_report.cli import run  # noqa: E402

if __name__ == "__main__":
    run(["build", *sys.argv[1:]])
