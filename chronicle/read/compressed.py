"""Compressed inputs: gzip, Zstandard, bzip2 and xz files opened as one decompressed byte stream.

Reads a path; gives a buffered binary stream of its decompressed bytes, so
readers stream a big `.jsonl.zst` line by line without holding it whole.
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
from typing import BinaryIO

# Compression suffix -> codec name. CC-NEWS and most dumps ship gzip; Zstandard is the
# common choice of newer corpora (it decompresses several times faster than gzip).
SUFFIXES = {".gz": "gzip", ".zst": "zstd", ".zstd": "zstd", ".bz2": "bzip2", ".xz": "xz"}


def compression_of(name: str) -> str | None:
    """The codec a file name promises ("gzip", "zstd", "bzip2", "xz"), or None."""
    lower = name.lower()
    for suffix, codec in SUFFIXES.items():
        if lower.endswith(suffix):
            return codec
    return None


def strip_compression(name: str) -> str:
    """The name without its compression suffix: "a.jsonl.zst" -> "a.jsonl"."""
    lower = name.lower()
    for suffix in SUFFIXES:
        if lower.endswith(suffix):
            return name[: -len(suffix)]
    return name


def open_binary(path: str) -> BinaryIO:
    """The decompressed bytes of `path` as a buffered stream (with `peek`); plain files as they are."""
    codec = compression_of(path)
    if codec == "gzip":
        return gzip.open(path, "rb")  # type: ignore[return-value]
    if codec == "bzip2":
        return bz2.open(path, "rb")  # type: ignore[return-value]
    if codec == "xz":
        return lzma.open(path, "rb")  # type: ignore[return-value]
    if codec == "zstd":
        return io.BufferedReader(_ZstdFrames(open(path, "rb")))
    return open(path, "rb")


_CHUNK = 1 << 16


class _ZstdFrames(io.RawIOBase):
    """Decompressed bytes of a Zstandard file, frame after frame, that raise `ZstdError` at a cut.

    zstandard's own `stream_reader` ends quietly where a file was cut short, losing its tail with no
    word; here a frame still open when the input ends is an error, as gzip's EOFError is. Files
    written by several `zstd` runs (or streamed writers) hold several frames: each is read in turn.
    """

    def __init__(self, raw: BinaryIO) -> None:
        import zstandard

        self._raw = raw
        self._new = zstandard.ZstdDecompressor().decompressobj
        self._error = zstandard.ZstdError
        self._frame = self._new()
        self._started = False  # the current frame has taken input
        self._pending = b""
        self._at = 0  # read position in _pending (slicing it at every read would copy it again and again)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        while self._at >= len(self._pending):
            self._pending, self._at = b"", 0
            chunk = self._raw.read(_CHUNK)
            if not chunk:
                if self._started:
                    raise self._error("the file ends inside a Zstandard frame (cut short)")
                return 0
            while chunk:
                self._started = True
                self._pending += self._frame.decompress(chunk)
                chunk = b""
                if self._frame.eof:
                    chunk = self._frame.unused_data
                    self._frame, self._started = self._new(), False
        size = min(len(buffer), len(self._pending) - self._at)
        buffer[:size] = self._pending[self._at:self._at + size]
        self._at += size
        return size

    def close(self) -> None:
        self._raw.close()
        super().close()
