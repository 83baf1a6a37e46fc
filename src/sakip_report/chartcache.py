"""A content-addressed cache of chart images: an unchanged chart is never drawn twice.

The key is a hash of everything that decides the picture — its plan (size, DPI and every shape, as
compose made it), the palette, the source of every module of this package, the font files it is
drawn in and the versions of matplotlib, Pillow and numpy — so a hit is byte-identical to what drawing would
give. Watch mode and semester rebuilds then cost no matplotlib at all. `SAKIP_NO_CACHE=1` turns it off.
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


def enabled() -> bool:
    """False when SAKIP_NO_CACHE is set."""
    return not os.environ.get("SAKIP_NO_CACHE")


def cache_dir() -> Path:
    """$XDG_CACHE_HOME/sakip-report/charts."""
    return cache_root() / "charts"


def key(picture, palette: dict) -> str:
    """The hash naming one chart image."""
    h = hashlib.sha256()
    h.update(repr(picture).encode())
    h.update(json.dumps(palette, sort_keys=True).encode())
    h.update(_drawing_code())
    for font in picture.fonts:  # a font file replaced under the same name draws other pixels
        stat = os.stat(font)
        h.update(_file_digest(font, stat.st_mtime_ns, stat.st_size))
    return h.hexdigest()


@lru_cache(maxsize=16)
def _file_digest(path: str, mtime_ns: int, size: int) -> bytes:
    return hashlib.sha256(Path(path).read_bytes()).digest()


@lru_cache(maxsize=1)
def _drawing_code() -> bytes:
    """What draws every chart, the same for all of them: the package's code and the libraries' versions.

    All of the package's modules, not a list of those that draw: a list goes stale, and a change
    anywhere costs no more than drawing the charts once. Read once per process (a batch asks often).
    """
    files = sorted(Path(__file__).parent.glob("*.py"))
    versions = [_version(p) for p in ("matplotlib", "pillow", "numpy")]
    return json.dumps(versions).encode() + b"".join(hashlib.sha256(f.read_bytes()).digest() for f in files)


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
