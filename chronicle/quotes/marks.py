"""Finding quoted stretches of text from quotation marks: straight, curly, guillemets, TeX-style.

Apostrophes (don't, Mali’s, Trump ‘s, the ’90s) are not quotation marks. A
quote left open at the end of a paragraph is closed there: news continues a
long quote in the next paragraph by opening it again without closing the first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DOUBLE_OPEN = "“„«"
_DOUBLE_CLOSE = "”»"
_OPEN_CONTEXT = "([{—–"
_CLOSE_CONTEXT = ".,;:!?)]}—–"
_MAX_SINGLE = 300  # a single-quoted stretch longer than this is more likely a stray apostrophe


@dataclass(frozen=True)
class Marked:
    """The content between a pair of quotation marks: [start, end) excludes the marks."""

    start: int
    end: int
    closed: bool  # False when the quote ran to the end of its paragraph without a closing mark


def _paragraph_end(text: str, pos: int) -> int:
    nl = text.find("\n", pos)
    return len(text) if nl < 0 else nl


def _double_marks(text: str) -> list[tuple[int, int, str]]:
    """(position, width, "open"|"close") for every double quotation mark."""
    marks: list[tuple[int, int, str]] = []
    for m in re.finditer(r"``|''|[“”„«»\"]", text):
        ch, pos = m.group(), m.start()
        if ch in _DOUBLE_OPEN or ch == "``":
            marks.append((pos, len(ch), "open"))
        elif ch in _DOUBLE_CLOSE:
            marks.append((pos, len(ch), "close"))
        else:
            # A straight mark (" or the two-apostrophe '' of some wire copy) opens or closes
            # according to what touches it.
            before = text[pos - 1] if pos > 0 else " "
            after = text[pos + len(ch)] if pos + len(ch) < len(text) else " "
            if (before.isspace() or before in _OPEN_CONTEXT) and not after.isspace():
                role = "open"
            elif (after.isspace() or after in _CLOSE_CONTEXT) and not before.isspace():
                role = "close"
            else:  # glued on both sides or spaced on both: alternate with the last mark
                role = "close" if marks and marks[-1][2] == "open" else "open"
            marks.append((pos, len(ch), role))
    return marks


def _pair(text: str, marks: list[tuple[int, int, str]]) -> list[Marked]:
    found: list[Marked] = []
    open_at: int | None = None
    for pos, width, role in marks:
        if role == "open":
            if open_at is not None:
                para_end = _paragraph_end(text, open_at)
                if para_end < pos:
                    found.append(Marked(open_at, para_end, closed=False))
                    open_at = pos + width
                continue  # a second opening in the same paragraph: keep the first, nested or mistyped
            open_at = pos + width
        elif open_at is not None:
            found.append(Marked(open_at, pos, closed=True))
            open_at = None
    if open_at is not None:
        found.append(Marked(open_at, _paragraph_end(text, open_at), closed=False))
    return found


def _single_quotes(text: str, taken: list[Marked]) -> list[Marked]:
    """‘…’ and '…' pairs outside double quotes, with apostrophes told apart by their neighbours."""
    found: list[Marked] = []
    for m in re.finditer(r"(?<![\w’'])[‘'](?=[A-Za-z“])", text):
        start = m.end()
        if re.match(r"(?:s|t|re|ve|ll|d|em|n|tis)\b|\d0s", text[start:start + 4]):
            continue  # "Trump ‘s", "'em", "rock 'n' roll"
        if any(q.start <= m.start() < q.end for q in taken):
            continue
        close = re.compile(r"(?<=[\w.,!?;:”])[’'](?![\w])")
        end = close.search(text, start, min(len(text), start + _MAX_SINGLE))
        if end is None or "\n" in text[start:end.start()]:
            continue
        found.append(Marked(start, end.start(), closed=True))
    return found


def quoted_spans(text: str) -> list[Marked]:
    """Every quoted stretch, trimmed of surrounding whitespace, in text order; never overlapping."""
    doubles = _pair(text, _double_marks(text))
    spans = doubles + _single_quotes(text, doubles)
    out: list[Marked] = []
    for q in sorted(spans, key=lambda q: q.start):
        start, end = q.start, q.end
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end <= start or (out and start < out[-1].end):
            continue
        out.append(Marked(start, end, q.closed))
    return out
