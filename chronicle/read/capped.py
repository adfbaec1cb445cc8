"""Reading a whole file's bytes under the size limit, with the failures every whole-file reader shares.

Used by the plain text/HTML reader (read/files.py) and the feed reader
(read/feeds.py): a file too large is refused by its size before it is read, a
damaged compressed file or an unreadable one becomes a Failure that names it,
and an empty file is reported as such.
"""

from __future__ import annotations

import gzip
import lzma
import os
import zlib
from functools import cache

from chronicle.config import Config
from chronicle.errors import failure
from chronicle.read.compressed import compression_of, open_binary
from chronicle.records import Failure

# Most bytes one character takes in any encoding we decode (UTF-8 / UTF-32), so a file
# bigger than this many bytes per allowed character is too large without reading it.
MAX_BYTES_PER_CHAR = 4


@cache
def damaged_errors() -> tuple[type[Exception], ...]:
    """What the decompressors raise for a damaged or cut-short file (zstandard only when installed)."""
    errors: list[type[Exception]] = [EOFError, zlib.error, lzma.LZMAError, gzip.BadGzipFile]
    try:
        import zstandard

        errors.append(zstandard.ZstdError)
    except ImportError:
        pass
    return tuple(errors)


def read_capped(path: str, config: Config) -> bytes | Failure:
    """The (decompressed) bytes of `path`, at most one byte past the limit; else the Failure saying why."""
    limit = MAX_BYTES_PER_CHAR * config.max_chars
    try:
        if compression_of(path) is None and os.path.getsize(path) > limit:
            return failure(path, None, "too_large", f"{os.path.getsize(path):,} bytes")
        with open_binary(path) as fh:
            data = fh.read(limit + 1)
    except damaged_errors() as exc:  # before OSError: gzip's BadGzipFile is one
        return failure(path, None, "damaged", f"{path}: {type(exc).__name__}: {exc}")
    except OSError as exc:
        return failure(path, None, "unreadable", f"{path}: {exc}")
    if not data.strip():
        return failure(path, None, "empty", path)
    return data
