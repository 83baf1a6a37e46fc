"""`sakip-report watch`: rebuild whenever data, templates or slide definitions change.

Polling (one stat per file each interval) keeps it dependency-free and works on network drives
and in containers where file-system events do not arrive.
"""
from __future__ import annotations

import time
from pathlib import Path
from typing import Callable

from .build import Options


def snapshot(folders: list[Path]) -> dict[str, tuple[int, int]]:
    """(mtime, size) of every file below the folders; editors' lock and temp files ignored."""
    out = {}
    for folder in folders:
        for path in Path(folder).rglob("*"):
            if path.is_file() and not path.name.startswith(("~$", ".~lock", ".")):
                stat = path.stat()
                out[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return out


def watched(opts: Options) -> list[Path]:
    """The folders whose changes make a new deck."""
    return [opts.data, opts.templates_dir, opts.slides_dir]


def watch(opts: Options, build_once: Callable[[Options], int], *, interval: float = 1.0,
          max_builds: int | None = None, sleep: Callable[[float], None] = time.sleep) -> int:
    """Build now, then again after every change, until interrupted (or `max_builds`)."""
    builds, seen = 0, None
    try:
        while max_builds is None or builds < max_builds:
            current = snapshot(watched(opts))
            if current != seen:
                seen = current
                build_once(opts)
                builds += 1
                seen = snapshot(watched(opts))  # a build must not trigger itself
            else:
                sleep(interval)
    except KeyboardInterrupt:
        pass
    return 0
