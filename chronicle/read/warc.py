"""WARC reader (plain or gzipped, as CC-NEWS ships it): HTML responses to documents, streamed.

Reads a `.warc` / `.warc.gz` file record by record (warcio); yields one
`Document` of kind "html" per successful HTML response (or resource) record,
with `input_id` "PATH@RECORD-ID", `url` from WARC-Target-URI, `fetched` from
WARC-Date and `position` "byte N" (the record's offset in the file). Requests,
metadata, non-HTML and non-2xx responses are passed over. A record that cannot
be parsed becomes a `Failure` (code bad_warc) at its byte offset; reading then
resumes at the next record boundary, so one corrupt record loses only itself.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO

from chronicle.config import Config
from chronicle.errors import failure
from chronicle.read.decode import decode
from chronicle.records import Document, Failure

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_MAGIC = b"WARC/1."
_SCAN = 1 << 20  # bytes searched per step for the next record boundary
# Same bound as the other readers: a record longer than this many bytes per allowed character is refused.
_MAX_BYTES_PER_CHAR = 4


def is_warc(name: str) -> bool:
    lower = name.lower()
    return lower.endswith((".warc", ".warc.gz"))


def read_warc(path: str, config: Config) -> Iterator[Document | Failure]:
    """Every HTML response of the WARC file at `path`, in file order; corrupt records become failures."""
    from warcio.archiveiterator import ArchiveIterator

    gzipped = path.lower().endswith(".gz")
    with open(path, "rb") as fh:
        start: int | None = 0
        while start is not None:
            fh.seek(start)
            records = ArchiveIterator(fh)
            offset = start
            try:
                for record in records:
                    offset = records.offset
                    item = _document(record, path, offset, config)
                    if item is not None:
                        yield item
                return
            except Exception as exc:  # warcio raises several types (format, gzip, header parse errors)
                # `records.offset` has moved past the record only when it was read whole; the failing
                # one starts at the last offset seen, or at `start` when the very first record failed.
                at = max(offset, getattr(records, "offset", offset))
                yield failure(path, f"byte {at}", "bad_warc", f"{type(exc).__name__}: {_short(exc)}")
                start = _next_boundary(fh, at + 1, gzipped)


def _short(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= 160 else text[:159] + "…"


def _next_boundary(fh: BinaryIO, after: int, gzipped: bool) -> int | None:
    """Offset of the first record start at or after `after` (a gzip member, or a line "WARC/1.x")."""
    magic = _GZIP_MAGIC if gzipped else b"\n" + _WARC_MAGIC
    pos = after
    carry = b""
    while True:
        fh.seek(pos)
        chunk = fh.read(_SCAN)
        if not chunk:
            return None
        data = carry + chunk
        found = data.find(magic)
        while found >= 0:
            at = pos - len(carry) + found
            if not gzipped:
                return at + 1  # past the newline
            if _starts_warc_member(fh, at):
                return at
            # The magic bytes turned up inside compressed data: not a record start, look further.
            found = data.find(magic, found + 1)
        carry = data[-(len(magic) - 1):]
        pos += len(chunk)


def _starts_warc_member(fh: BinaryIO, at: int) -> bool:
    """True when a gzip member starting at `at` decompresses to a WARC header."""
    fh.seek(at)
    try:
        head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(fh.read(4096), 16)
    except zlib.error:
        return False
    return head.startswith(_WARC_MAGIC)


def _document(record: Any, path: str, offset: int, config: Config) -> Document | Failure | None:
    if record.rec_type not in ("response", "resource"):
        return None
    headers = record.rec_headers
    record_id = (headers.get_header("WARC-Record-ID") or f"byte-{offset}").strip("<>")
    input_id = f"{path}@{record_id}"
    position = f"byte {offset}"
    if record.rec_type == "response":
        http = record.http_headers
        if http is None:
            return None
        status = http.get_statuscode() or ""
        if not status.startswith("2"):
            return None
        content_type = http.get_header("Content-Type") or ""
    else:
        content_type = headers.get_header("Content-Type") or ""
    if not content_type.lower().lstrip().startswith(_HTML_TYPES):
        return None
    limit = _MAX_BYTES_PER_CHAR * config.max_chars
    try:
        data = record.content_stream().read(limit + 1)
    except (OSError, EOFError, zlib.error, ValueError) as exc:
        return failure(input_id, position, "bad_warc", f"body unreadable: {exc}")
    if len(data) > limit:
        return failure(input_id, position, "too_large", f"record body over {limit:,} bytes")
    text = _decode(data, content_type)
    if text is None:
        return failure(input_id, position, "binary", "the HTML body is not text")
    if not text.strip():
        return failure(input_id, position, "empty", "the HTML body is blank")
    if len(text) > config.max_chars:
        return failure(input_id, position, "too_large", f"{len(text):,} characters > {config.max_chars:,}")
    return Document(
        input_id=input_id, kind="html", html=text, url=headers.get_header("WARC-Target-URI"),
        fetched=headers.get_header("WARC-Date"), path=path, position=position,
    )


def _decode(data: bytes, content_type: str) -> str | None:
    declared = _CHARSET.search(content_type)
    if declared:
        try:
            return data.decode(declared.group(1)).replace("\r\n", "\n").replace("\r", "\n")
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common; fall back to detection
    return decode(data).text
