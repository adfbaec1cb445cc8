"""Guess what kind of document some text is: JSON Lines, HTML or plain text."""

from __future__ import annotations

import json
import re

_MARKUP = re.compile(r"<(?:!doctype\s+html|html|head|body|article|div|p|meta|title|section|main|span|h[1-6])\b", re.I)

KIND_BY_SUFFIX = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
}


def kind_of_path(name: str) -> str | None:
    """The document kind a file name promises ("text", "html", "jsonl"), or None when it does not say.

    A trailing ".gz" is looked through, so "x.jsonl.gz" is JSON Lines.
    """
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    dot = lower.rfind(".")
    if dot < 0 or "/" in lower[dot:]:
        return None
    return KIND_BY_SUFFIX.get(lower[dot:])


def first_content_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""


def sniff(text: str) -> str:
    """JSON Lines when the first non-blank line is a JSON object, HTML when it looks like markup, else text."""
    first = first_content_line(text[:65536])
    if first.startswith("{"):
        try:
            if isinstance(json.loads(first), dict):
                return "jsonl"
        except ValueError:
            pass
    if first.startswith("<") and _MARKUP.search(text[:4096]):
        return "html"
    return "text"
