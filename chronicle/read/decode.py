"""Bytes to text: BOMs, UTF-8, then a guess; binary input is refused.

Reads raw bytes of one file; gives its text (newlines normalised to "\\n") or
the reason it is not text (a `Failure` code), never an exception. When the
encoding had to be guessed, `Decoded.note` says so (the reader records it as
a `decoded` note): UTF-8 with a few broken bytes keeps its UTF-8 and shows
U+FFFD for them; mostly-ASCII text with stray high bytes is Windows-1252 (the
legacy encoding of English and Western European pages, a superset of
Latin-1's letters); UTF-16 without a BOM is told by its zero bytes; the rest
is charset-normalizer's best guess (Cyrillic, Greek, CJK legacy encodings).

Text with a few stray control characters (a NUL byte from a broken copy,
an escape code from a terminal) is still text: they are removed and
`Decoded.stripped` says how many (a `cleaned` note). Only bytes that are
mostly control characters, or start like a picture or archive, are binary.
"""

from __future__ import annotations

import codecs
import re
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
    note: str | None = None  # how the encoding was guessed, when it was not declared (BOM) or valid UTF-8
    stripped: str | None = None  # which stray control characters were removed, when there were any


# Failure codes that inform and fail nothing: listed in summaries and the store, ignored by --strict.
NOTES = frozenset({"decoded", "cleaned", "skipped"})

# Share of high bytes (>= 0x80) under which undecodable text is taken as Windows-1252: English and
# Western European text has a few accented letters and curly quotes; Cyrillic or Greek legacy text
# is mostly high bytes, and is left to charset-normalizer.
_LEGACY_LATIN_HIGH = 0.2
_UTF8_LEAD = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")
_HIGH = re.compile(rb"[\x80-\xff]")


def bom_encoding(head: bytes) -> str | None:
    """The encoding named by a byte-order mark at the start of `head`, if any."""
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    return None


def looks_binary(head: bytes) -> bool:
    """True for bytes that are no text in any encoding we accept (without a BOM)."""
    if head.startswith(_MAGIC):
        return True
    sample = head[:4096]
    # Decoded text has next to no C0 control characters (NUL included); binary data has many. A few
    # stray ones in text are removed later (strip_controls).
    controls = sum(1 for b in sample if b in _CONTROL)
    return bool(sample) and controls / len(sample) > 0.05


_CONTROL_CHARS = re.compile("[" + "".join(chr(c) for c in sorted(_CONTROL)) + "\x7f]")


def strip_controls(text: str) -> tuple[str, str | None]:
    """`text` without control characters other than tab, newline, carriage return and form feed, and a
    note saying what went (None when nothing did)."""
    found = _CONTROL_CHARS.findall(text)
    if not found:
        return text, None
    kinds = sorted(set(found))
    names = ", ".join("NUL" if c == "\x00" else f"U+{ord(c):04X}" for c in kinds[:5])
    more = ", …" if len(kinds) > 5 else ""
    s = "" if len(found) == 1 else "s"
    return _CONTROL_CHARS.sub("", text), f"{len(found)} stray control character{s} removed ({names}{more})"


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
    return guess_encoding(head)[0]


def utf16_without_bom(head: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when every other byte of `head` is zero (ASCII-range UTF-16), else None."""
    sample = head[:4096]
    if len(sample) < 16:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def guess_encoding(data: bytes) -> tuple[str | None, str]:
    """(encoding, how it was guessed) for bytes that are neither BOM-marked nor valid UTF-8."""
    high = len(_HIGH.findall(data[:65536]))
    valid_utf8 = len(_UTF8_LEAD.findall(data[:65536]))
    if valid_utf8 and valid_utf8 >= high / 4:
        # Most high bytes form UTF-8 characters: a UTF-8 file with some broken bytes.
        return "utf-8", "UTF-8 with invalid bytes, shown as U+FFFD"
    if high <= _LEGACY_LATIN_HIGH * len(data[:65536]):
        try:
            data[:65536].decode("cp1252")
            return "cp1252", "not UTF-8; read as Windows-1252"
        except UnicodeDecodeError:
            pass
    best = from_bytes(data[:65536]).best()
    if best is None:
        return None, ""
    return best.encoding, f"not UTF-8; read as {best.encoding} (charset-normalizer's best guess)"


def decode(data: bytes) -> Decoded:
    """Decode a whole file: BOM first, then strict UTF-8, then charset-normalizer's best guess; stray
    control characters are removed (`stripped` says so)."""
    found = _decode(data)
    if found.text is None:
        return found
    text, stripped = strip_controls(found.text)
    return Decoded(text, found.encoding, found.code, found.note, stripped)


def _decode(data: bytes) -> Decoded:
    bom = bom_encoding(data)
    if bom:
        try:
            return Decoded(normalise_newlines(data.decode(bom)), bom)
        except UnicodeDecodeError:
            return Decoded(None, None, "binary")
    utf16 = None if data.startswith(_MAGIC) else utf16_without_bom(data)
    if utf16:
        text = data.decode(utf16, errors="replace")
        if not looks_binary(text[:4096].encode("utf-8")):
            return Decoded(normalise_newlines(text), utf16, note=f"no byte-order mark; read as {utf16.upper()}")
    if looks_binary(data):
        return Decoded(None, None, "binary")
    try:
        return Decoded(normalise_newlines(data.decode("utf-8")), "utf-8")
    except UnicodeDecodeError:
        pass
    encoding, how = guess_encoding(data)
    if encoding is None:
        return Decoded(None, None, "binary")
    try:
        text = data.decode(encoding, errors="replace")
    except LookupError:  # a codec name Python lacks
        return Decoded(None, None, "binary")
    return Decoded(normalise_newlines(text), encoding, note=how)
