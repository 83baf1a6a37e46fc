"""A content-addressed cache of chart images: an unchanged chart is never drawn twice.

The key is a hash of everything that decides the picture — the chart's kind and data, the palette,
the size, the source of the modules that draw and format it, the bundled fonts' names and the
versions of matplotlib, numpy and the PNG's deflate (ISA-L or zlib) — so a hit is byte-identical to what drawing would give. Watch mode and
semester rebuilds then cost no matplotlib at all. `SAKIP_NO_CACHE=1` turns it off.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from .paths import cache_root

_SOURCES = ("charts.py", "formatting.py", "png.py")


def enabled() -> bool:
    """False when SAKIP_NO_CACHE is set."""
    return not os.environ.get("SAKIP_NO_CACHE")


def cache_dir() -> Path:
    """$XDG_CACHE_HOME/sakip-report/charts."""
    return cache_root() / "charts"


def key(kind: str, data, palette: dict, size: tuple[float, float]) -> str:
    """The hash naming one chart image."""
    h = hashlib.sha256()
    h.update(json.dumps([kind, palette, list(size)]).encode())
    h.update(data.to_json(orient="split", double_precision=15).encode())
    h.update(_drawing_code())
    return h.hexdigest()


@lru_cache(maxsize=1)
def _drawing_code() -> bytes:
    """What draws every chart, the same for all of them: library versions and the drawing modules' source.

    Read once per process (a batch asks for it hundreds of times).
    """
    here = Path(__file__).parent
    from .png import compressor

    versions = [_version("matplotlib"), _version("numpy"), compressor()]  # the PNG: png.encode and its deflate
    return json.dumps(versions).encode() + b"".join((here / name).read_bytes() for name in _SOURCES)


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "-"


def fetch(digest: str, dest: Path) -> bool:
    """Copy a cached image to `dest`; False on a miss."""
    src = cache_dir() / f"{digest}.png"
    if not src.is_file():
        return False
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dest)
    return True


def store(digest: str, image: Path) -> None:
    """Keep a drawn image (atomically; a read-only cache is simply not used)."""
    try:
        folder = cache_dir()
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        os.close(fd)
        shutil.copyfile(image, tmp)
        os.replace(tmp, folder / f"{digest}.png")
    except OSError:
        pass
