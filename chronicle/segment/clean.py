"""One article's lines to its parts: title, byline, credit, dates, summary, dateline and clean body.

Reads the classified lines of one article (from a dump, or from the text
trafilatura extracted from HTML); gives an `ArticleParts` whose `body` holds
no page chrome, or None when no body is left.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from chronicle.segment.dateline import split_dateline
from chronicle.segment.lines import Line, Role, bare_byline, caption
from chronicle.segment.split import norm

_STANDFIRST_MAX_LINES = 2
_STANDFIRST_MAX_WORDS = 70  # longer than any standfirst we have seen, shorter than most lead paragraphs
_HEADER_NOISE_WORDS = 5  # short lines between headline and body ("BBC News, Tbilisi") carry no body text
_DATE_PRIORITY = (
    (re.compile(r"^first published", re.I), 0),
    (re.compile(r"^(?:published|posted|created|date)", re.I), 1),
    (re.compile(r"^(?:updated|last updated|last modified|modified)", re.I), 3),
)


@dataclass
class ArticleParts:
    title: str | None = None
    byline: str | None = None
    credit: str | None = None
    dates: list[tuple[int, str]] = field(default_factory=list)  # (priority, date string as written)
    summary: list[str] = field(default_factory=list)
    dateline: str | None = None
    body: list[str] = field(default_factory=list)


def date_priority(line: Line) -> int:
    """Lower is better: first-published beats published beats a bare date beats updated."""
    for pattern, rank in _DATE_PRIORITY:
        if pattern.match(line.text):
            return rank
    return 2


def clean_article(lines: list[Line], title: str | None, split_dateline_too: bool = True) -> ArticleParts | None:
    """Sort the lines after the headline into header furniture and body; None when no body is found."""
    parts = ArticleParts(title=title)
    title_key = norm(title) if title else None
    pending: list[Line] = []  # prose seen in the header, not yet known to be standfirst or body
    body: list[Line] = []
    in_body = False
    for line in lines:
        role = line.role
        if role is Role.BLANK or (title_key is not None and norm(line.text) == title_key):
            continue
        if not in_body:
            if role is Role.END:
                break
            if role in (Role.DATE, Role.BYLINE, Role.CHROME, Role.BULLET):
                _flush_standfirst(pending, parts, body)
                if body:
                    in_body = True
                    _body_line(line, parts, body)
                    continue
                _header_line(line, parts)
                continue
            if role in (Role.CAPTION, Role.PROMO):
                _header_line(line, parts)
                continue
            if role in (Role.HEADLINE, Role.PROSE):
                is_caption, credit = caption(line.text, in_header=True)
                if is_caption:
                    parts.credit = parts.credit or credit
                    continue
            if role is Role.HEADLINE:
                name = bare_byline(line.text) if parts.byline is None and (title or parts.title) else None
                if name is not None:
                    _flush_standfirst(pending, parts, body)
                    parts.byline = name
                    continue
            if role is Role.HEADLINE and not pending:
                # Untitled input (text before the first detected start): its first headline is the title.
                if title is None and parts.title is None and line.words >= 2:
                    parts.title = line.text
                    continue
                if line.words <= _HEADER_NOISE_WORDS:
                    continue
            if role is Role.PROSE and split_dateline(line.text)[0] is not None:
                _flush_standfirst(pending, parts, body)
                in_body = True
                body.append(line)
                continue
            pending.append(line)
            if sum(1 for p in pending if p.role is Role.PROSE) >= 2:
                body.extend(pending)
                pending.clear()
                in_body = True
            continue
        if role is Role.END:
            break
        _body_line(line, parts, body)
    body.extend(pending)
    # Topic tags and link lists left at the very end are short lines without punctuation.
    while body and body[-1].role is Role.HEADLINE and body[-1].words <= 4:
        body.pop()
    # A headline with only more headline-shaped lines under it is a link list, not an article.
    if not any(line.role is Role.PROSE for line in body):
        return None
    texts = [line.text for line in body]
    if split_dateline_too:
        parts.dateline, first = split_dateline(texts[0])
        texts[0] = first.strip()
    parts.body = [t for t in texts if t]
    return parts if parts.body else None


def _flush_standfirst(pending: list[Line], parts: ArticleParts, body: list[Line]) -> None:
    """Prose followed by header furniture is a standfirst, unless it is too long to be one."""
    if not pending:
        return
    if len(pending) <= _STANDFIRST_MAX_LINES and all(p.words <= _STANDFIRST_MAX_WORDS for p in pending):
        parts.summary.extend(p.text for p in pending)
    else:
        body.extend(pending)
    pending.clear()


def _header_line(line: Line, parts: ArticleParts) -> None:
    role = line.role
    if role is Role.DATE and line.value:
        parts.dates.append((date_priority(line), line.value))
    elif role is Role.BYLINE and parts.byline is None:
        parts.byline = line.value
    elif role is Role.BULLET and line.value:
        parts.summary.append(line.value)
    elif role is Role.CAPTION and parts.credit is None:
        parts.credit = line.value


def _body_line(line: Line, parts: ArticleParts, body: list[Line]) -> None:
    role = line.role
    if role in (Role.CHROME, Role.PROMO):
        return
    if role in (Role.DATE, Role.BYLINE, Role.CAPTION):
        _header_line(line, parts)
        return
    body.append(line)
