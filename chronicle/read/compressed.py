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
        import zstandard

        raw = open(path, "rb")  # noqa: SIM115 - closed by the reader wrapping it
        # read_across_frames: files written by several `zstd` runs (or streamed writers) hold several frames.
        reader = zstandard.ZstdDecompressor().stream_reader(raw, read_across_frames=True, closefd=True)
        return io.BufferedReader(reader)
    return open(path, "rb")
