"""Byte-identical outputs: fixed times and identifiers when SOURCE_DATE_EPOCH is set.

(reproducible-builds.org convention.) Without it, dates are the real time of the build.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import zipfile
from pathlib import Path


def build_time() -> dt.datetime:
    """SOURCE_DATE_EPOCH as UTC time, else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc)


def is_reproducible() -> bool:
    """True when a fixed build time was asked for."""
    return bool(os.environ.get("SOURCE_DATE_EPOCH"))


def normalise_zip(path: Path, when: dt.datetime) -> None:
    """Rewrite a zip (the .pptx) with every entry dated `when`, entries in their original order."""
    stamp = max(when, dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)).timetuple()[:6]
    with zipfile.ZipFile(path) as src:
        entries = [(info.filename, src.read(info)) for info in src.infolist()]
    tmp = path.with_suffix(path.suffix + ".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, blob in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, blob)
    os.replace(tmp, path)


_PDF_DATE = re.compile(rb"/(CreationDate|ModDate)\s*\(D:[^)]*\)")
_PDF_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]")
_PDF_CHECKSUM = re.compile(rb"/DocChecksum\s*/([0-9A-Fa-f]+)")  # LibreOffice's, date-dependent


def normalise_pdf(path: Path, when: dt.datetime) -> None:
    """Fix the PDF's dates and derive its /ID from its content (same byte lengths: xref stays valid)."""
    data = path.read_bytes()
    date = when.strftime("D:%Y%m%d%H%M%SZ").encode()

    def fixed_date(m: re.Match) -> bytes:
        old = m.group(0)
        new = b"/" + m.group(1) + b"(" + date + b")"
        return new.ljust(len(old)) if len(new) <= len(old) else old

    data = _PDF_DATE.sub(fixed_date, data)
    digest = hashlib.md5(_PDF_CHECKSUM.sub(b"", _PDF_ID.sub(b"", data))).hexdigest().upper().encode()
    data = _PDF_CHECKSUM.sub(lambda m: m.group(0).replace(m.group(1), (digest * 4)[: len(m.group(1))]), data)

    def fixed_id(m: re.Match) -> bytes:
        a, b = (digest * 4)[: len(m.group(1))], (digest * 4)[: len(m.group(2))]
        return m.group(0).replace(m.group(1), a, 1).replace(m.group(2), b, 1)

    path.write_bytes(_PDF_ID.sub(fixed_id, data))


def sha256(path: Path) -> str:
    """Hex SHA-256 of a file."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
