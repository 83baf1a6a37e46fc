"""sakip_report.png: the PNG writer of the preview sheet."""

from __future__ import annotations

import io
import struct
import zlib

import numpy as np
import pytest
from PIL import Image

from sakip_report import png


def _pixels(channels: int, height: int = 37, width: int = 53) -> np.ndarray:
    """Flat areas, gradients and noise: every byte value, rows of different content."""
    rng = np.random.default_rng(7)
    pixels = rng.integers(0, 256, (height, width, channels), dtype=np.uint8)
    pixels[:10] = (30, 80, 120, 255)[:channels]  # a flat band
    pixels[10:20, :, 0] = np.arange(width, dtype=np.uint8)[None, :] * 4
    if channels == 4:
        pixels[:, :, 3] = 255  # opaque
    return pixels


def _chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    out, at = [], 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at:at + 4])
        tag, body = data[at + 4:at + 8], data[at + 8:at + 8 + length]
        (crc,) = struct.unpack(">I", data[at + 8 + length:at + 12 + length])
        assert crc == zlib.crc32(tag + body), tag
        out.append((tag, body))
        at += 12 + length
    return out


@pytest.mark.parametrize("channels", [3, 4], ids=["rgb", "rgba"])
def test_decodes_to_exactly_the_pixels(channels: int) -> None:
    pixels = _pixels(channels)
    with Image.open(io.BytesIO(png.encode(pixels))) as im:
        assert im.mode == "RGB" and im.size == (53, 37)
        assert (np.asarray(im) == pixels[:, :, :3]).all()


def test_chunks_are_the_minimum_with_the_dpi_only_when_given() -> None:
    pixels = _pixels(3)
    assert [tag for tag, _ in _chunks(png.encode(pixels))] == [b"IHDR", b"IDAT", b"IEND"]
    chunks = dict(_chunks(png.encode(pixels, 150)))
    assert list(chunks) == [b"IHDR", b"pHYs", b"IDAT", b"IEND"]
    assert struct.unpack(">IIB", chunks[b"pHYs"]) == (5906, 5906, 1)  # 150 dpi in whole pixels per metre
    assert struct.unpack(">IIBBBBB", chunks[b"IHDR"]) == (53, 37, 8, 2, 0, 0, 0)  # 8-bit RGB, no interlace
    with Image.open(io.BytesIO(png.encode(pixels, 150))) as im:
        assert im.info["dpi"] == pytest.approx((150, 150), abs=0.05)


def test_rows_are_unfiltered_and_the_stream_is_zlib() -> None:
    pixels = _pixels(4)
    raw = zlib.decompress(dict(_chunks(png.encode(pixels)))[b"IDAT"])
    rows = np.frombuffer(raw, np.uint8).reshape(37, 1 + 53 * 3)
    assert (rows[:, 0] == 0).all()
    assert (rows[:, 1:].reshape(37, 53, 3) == pixels[:, :, :3]).all()


def test_same_pixels_same_bytes() -> None:
    assert png.encode(_pixels(3), 96) == png.encode(_pixels(3).copy(), 96)


def _forget_the_deflate() -> None:
    """Drop png's memoised name of the deflate."""
    png.compressor.cache_clear()


@pytest.fixture
def plain_zlib(monkeypatch: pytest.MonkeyPatch):
    """png as on an install without ISA-L."""
    _forget_the_deflate()
    monkeypatch.setattr(png, "_deflate", zlib)
    yield
    _forget_the_deflate()


def test_zlib_fallback_writes_the_same_pixels(plain_zlib) -> None:
    """Without ISA-L the stream comes from zlib: other bytes, the same picture."""
    pixels = _pixels(3)
    plain = png.encode(pixels)
    assert png.compressor().startswith("zlib ")
    with Image.open(io.BytesIO(plain)) as im:
        assert (np.asarray(im) == pixels).all()


def test_isal_writes_the_stream() -> None:
    import isal  # a dependency: if it stops importing, png falls back to zlib and this fails

    assert png._deflate is not zlib
    assert png.compressor().startswith(f"isal {isal.__version__} ")


@pytest.mark.parametrize(
    "pixels, problem",
    [
        (np.zeros((4, 4, 2), np.uint8), r"uint8 \(4, 4, 2\)"),
        (np.zeros((4, 4), np.uint8), r"uint8 \(4, 4\)"),
        (np.zeros((4, 4, 3), np.float64), r"float64 \(4, 4, 3\)"),
        (np.zeros((0, 4, 3), np.uint8), r"uint8 \(0, 4, 3\)"),
    ],
    ids=["two-channels", "flat", "floats", "empty"],
)
def test_refuses_what_is_not_opaque_8_bit_pixels(pixels: np.ndarray, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        png.encode(pixels)
