"""Stage "read": input paths to `Document`s (or `Failure`s), streamed.

Reads files, directories (recursively), JSON Lines (also gzipped) and stdin
("-"); adds nothing to any record but yields one `Document` per input
document, with its kind ("text", "html", "jsonl"), provenance (`input_id`,
`path`, `position`) and the metadata keys of SPEC.md's Input table. Bad input
never raises: it becomes a `Failure` and the rest goes on.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence

from chronicle.config import Config
from chronicle.read.files import read_byte_stream, read_path, read_stream
from chronicle.records import Document, Failure

__all__ = ["read_byte_stream", "read_inputs", "read_path", "read_stream"]


def read_inputs(paths: Sequence[str], config: Config) -> Iterator[Document | Failure]:
    """Every document of every path in order; "-" reads standard input."""
    for path in paths:
        if path == "-":
            # As bytes, decoded like a file: stdin's own decoding would crash on text that is not UTF-8.
            yield from read_byte_stream(sys.stdin.buffer, config, "-")
        else:
            yield from read_path(path, config)
