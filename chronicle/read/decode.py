"""Bytes to text: BOMs, UTF-8, then charset-normalizer; binary input is refused.

Reads raw bytes of one file; gives its text (newlines normalised to "\\n") or
the reason it is not text (a `Failure` code), never an exception.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from charset_normalizer import from_bytes

# Magic numbers of files that are often renamed to .txt by mistake.
_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"%PDF", b"PK\x03\x04", b"\x1f\x8b", b"RIFF", b"BM")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters other than tab, newline, carriage return and form feed.
_CONTROL = frozenset(range(0, 9)) | {11} | frozenset(range(14, 32))


@dataclass(frozen=True)
class Decoded:
    """The text of some bytes, or the failure code that says why there is none."""

    text: str | None
    encoding: str | None
    code: str | None = None  # "binary" when the bytes are not text


def bom_encoding(head: bytes) -> str | None:
    """The encoding named by a byte-order mark at the start of `head`, if any."""
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    return None


def looks_binary(head: bytes) -> bool:
    """True for bytes that are no text in any encoding we accept (without a BOM)."""
    if head.startswith(_MAGIC) or b"\x00" in head:
        return True
    sample = head[:4096]
    # Decoded text has next to no C0 control characters; binary data has many.
    controls = sum(1 for b in sample if b in _CONTROL)
    return bool(sample) and controls / len(sample) > 0.05


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def encoding_of(head: bytes) -> str | None:
    """The encoding to read a stream with, guessed from its first bytes; None when binary."""
    bom = bom_encoding(head)
    if bom:
        return bom
    if looks_binary(head):
        return None
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the end of the sample is still UTF-8.
        if exc.start >= len(head) - 3 and exc.reason == "unexpected end of data":
            return "utf-8"
    best = from_bytes(head).best()
    return best.encoding if best is not None else None


def decode(data: bytes) -> Decoded:
    """Decode a whole file: BOM first, then strict UTF-8, then charset-normalizer's best guess."""
    bom = bom_encoding(data)
    if bom:
        try:
            return Decoded(normalise_newlines(data.decode(bom)), bom)
        except UnicodeDecodeError:
            return Decoded(None, None, "binary")
    if looks_binary(data):
        return Decoded(None, None, "binary")
    try:
        return Decoded(normalise_newlines(data.decode("utf-8")), "utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        return Decoded(None, None, "binary")
    return Decoded(normalise_newlines(str(best)), best.encoding)
