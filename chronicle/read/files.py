"""Input paths to documents: files, directories (recursive), JSON Lines (also .gz/.zst), WARC, feeds and streams.

Reads what the user named on the command line; yields `Document`s for the
segmenter and `Failure`s for inputs that cannot be read, in a stable order.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from itertools import chain
from typing import IO, BinaryIO, cast

from chronicle.config import Config
from chronicle.errors import failure
from chronicle.read.capped import damaged_errors, read_capped
from chronicle.read.compressed import open_binary, strip_compression
from chronicle.read.decode import bom_encoding, decode, encoding_of
from chronicle.read.feeds import is_feed, read_feed
from chronicle.read.jsonl import bounded_lines, line_limit, read_jsonl_lines
from chronicle.read.sniff import kind_of_path, sniff
from chronicle.read.warc import is_warc, read_warc
from chronicle.records import Document, Failure

_HEAD = 65536  # bytes sniffed to choose an encoding and a kind


def read_path(path: str, config: Config) -> Iterator[Document | Failure]:
    """Every document in a file or, recursively, a directory named `path`."""
    if not os.path.exists(path):
        yield failure(path, None, "not_found", path)
    elif os.path.isdir(path):
        for child, hidden in _walk(path):
            if hidden:  # named in the store all the same, so the user can tell it was seen
                yield failure(child, None, "skipped", "a hidden file or folder in a directory")
            else:
                yield from read_file(child, config, in_directory=True)
    else:
        yield from read_file(path, config, in_directory=False)


def walk(directory: str) -> Iterator[str]:
    """Files under `directory` sorted by their path parts (so "a.txt" < "b/z.txt" < "c.txt"),
    hidden files and folders left out."""
    for path, hidden in _walk(directory):
        if not hidden:
            yield path


def _walk(directory: str) -> Iterator[tuple[str, bool]]:
    """(path, hidden) of every file under `directory` and every hidden folder (not entered), sorted as in
    `walk`."""
    found: list[tuple[tuple[str, ...], str, bool]] = []
    for root, dirs, files in os.walk(directory):
        hidden_dirs = [d for d in dirs if d.startswith(".")]
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in [*files, *hidden_dirs]:
            path = os.path.join(root, name)
            found.append((tuple(os.path.relpath(path, directory).split(os.sep)), path, name.startswith(".")))
    for _, path, hidden in sorted(found):
        yield path, hidden


def _open_binary(path: str) -> BinaryIO:
    return open_binary(path)  # gzip, zstd, bzip2, xz or plain (read/compressed.py)


def read_file(path: str, config: Config, in_directory: bool) -> Iterator[Document | Failure]:
    """The documents of one file; its kind from the extension, else from its content.

    In a directory walk, a file of unknown type that turns out binary is passed
    over with a `skipped` note (pictures next to the articles); named explicitly, it is a Failure.
    """
    if is_warc(path):
        yield from read_warc(path, config)
        return
    if is_feed(path):
        yield from read_feed(path, config)
        return
    kind = kind_of_path(strip_compression(path))
    if kind == "jsonl":
        try:
            yield from _read_jsonl_file(path, config)
        except damaged_errors() as exc:  # before OSError: gzip's BadGzipFile is one
            yield failure(path, None, "damaged", f"{path}: {type(exc).__name__}: {exc}")
        except OSError as exc:
            yield failure(path, None, "unreadable", f"{path}: {exc}")
        return
    data = read_capped(path, config)
    if isinstance(data, Failure):
        yield data
        return
    decoded = decode(data)
    if decoded.text is None:
        if in_directory and kind is None:
            yield failure(path, None, "skipped", "a file of unknown type in a directory that is not text")
        else:
            yield failure(path, None, "binary", path)
        return
    text = decoded.text
    if decoded.note:
        yield failure(path, None, "decoded", decoded.note)
    if decoded.stripped:
        yield failure(path, None, "cleaned", decoded.stripped)
    if kind is None:
        kind = sniff(text)
        if kind == "jsonl":
            yield from read_jsonl_lines(io.StringIO(text), path, config)
            return
    yield text_document(text, kind, path, config)


def text_document(text: str, kind: str, name: str, config: Config) -> Document | Failure:
    """A whole-file document (plain text or HTML) after the empty and size checks."""
    if not text.strip():
        return failure(name, None, "empty", name)
    if len(text) > config.max_chars:
        return failure(name, None, "too_large", f"{len(text):,} characters > {config.max_chars:,}")
    if kind == "html":
        return Document(input_id=name, kind="html", html=text, path=name)
    return Document(input_id=name, kind="text", text=text, path=name)


def _read_jsonl_file(path: str, config: Config) -> Iterator[Document | Failure]:
    with _open_binary(path) as raw:
        head = raw.peek(_HEAD)[:_HEAD] if hasattr(raw, "peek") else b""
        if not head.strip():
            yield failure(path, None, "empty", path)
            return
        encoding = encoding_of(head)
        if encoding is None:
            yield failure(path, None, "binary", path)
            return
        if encoding != "utf-8" and bom_encoding(head) is None:
            yield failure(path, None, "decoded", f"not UTF-8; read as {encoding}")
        # errors="replace": one stray byte deep in a big file should not lose the other lines.
        stream = io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline=None)
        yield from read_jsonl_lines(bounded_lines(stream, line_limit(config)), path, config)


def read_byte_stream(raw: BinaryIO, config: Config, name: str = "-") -> Iterator[Document | Failure]:
    """`read_stream` for bytes (stdin): the encoding chosen from the first bytes as for a file, so text
    that is not UTF-8 is decoded (with a `decoded` note) and binary input is refused, never crashing."""
    buffered = raw if isinstance(raw, io.BufferedReader) else io.BufferedReader(cast(io.RawIOBase, raw))
    head = buffered.peek(_HEAD)[:_HEAD]
    encoding = encoding_of(head) if head.strip() else "utf-8"
    if encoding is None:
        yield failure(name, None, "binary", "standard input" if name == "-" else name)
        return
    if head.strip() and encoding != "utf-8" and bom_encoding(head) is None:
        yield failure(name, None, "decoded", f"not UTF-8; read as {encoding}")
    yield from read_stream(io.TextIOWrapper(buffered, encoding=encoding, errors="replace", newline=None),
                           config, name)


def read_stream(stream: IO[str], config: Config, name: str = "-") -> Iterator[Document | Failure]:
    """Documents from a text stream (stdin): JSON Lines streamed, else one text or HTML document."""
    buffered: list[str] = []
    first = ""
    for line in stream:
        buffered.append(line)
        if line.strip():
            first = line
            break
    if not first:
        yield failure(name, None, "empty", "standard input" if name == "-" else name)
        return
    kind = sniff(first)
    if kind == "jsonl":
        yield from read_jsonl_lines(chain(buffered, bounded_lines(stream, line_limit(config))), name, config)
        return
    rest = stream.read(config.max_chars + 1)
    text = "".join(buffered) + rest
    if kind != "html":
        kind = sniff(text)  # markup may start after a blank-free first line such as a doctype
    yield text_document(text.replace("\r\n", "\n"), "html" if kind == "html" else "text", name, config)
