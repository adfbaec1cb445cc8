"""Documents to Articles: choose the path by kind, then assemble ids, dates and metadata.

Reads a `Document`; gives its `Article`s (metadata and body text only) or a
`Failure`. See the package docstring for the stage contract.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from chronicle.config import Config
from chronicle.errors import failure
from chronicle.records import Article, Document, Failure
from chronicle.segment.clean import ArticleParts, clean_article
from chronicle.segment.dateline import split_dateline
from chronicle.segment.dates import is_relative, normalise_given, parse_absolute, parse_fetched, resolve_relative
from chronicle.segment.html import extract_html
from chronicle.segment.lines import Line, Role, classify_lines
from chronicle.segment.split import find_starts

_BODY_ROLES = frozenset({Role.HEADLINE, Role.PROSE, Role.BULLET})


def content_hash(text: str) -> str:
    """16 hex digits of SHA-1: the id of an article (its text) or of a split input (its text as read)."""
    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()[:16]


def segment_document(doc: Document, config: Config) -> list[Article] | Failure:
    if doc.kind == "jsonl" and doc.text is not None:
        return _from_jsonl(doc)
    if doc.html is not None and doc.text is None:
        return _from_html(doc, config)
    return _from_text(doc, config)


def _from_jsonl(doc: Document) -> list[Article] | Failure:
    """One line, one article: the text as given (outer whitespace stripped), metadata from the keys."""
    text = (doc.text or "").strip()
    if not text:
        return failure(doc.input_id, doc.position, "no_article", "`text` is blank")
    published = normalise_given(doc.published)
    # An unreadable `published` is not fatal: the article goes on with its date unknown.
    return [
        Article(
            id=doc.id or content_hash(text), input_id=doc.input_id, text=text, title=_strip(doc.title),
            url=doc.url, source=doc.source, published=published,
            published_from="input" if published else "unknown", language=doc.language or "en",
        )
    ]


def _from_html(doc: Document, config: Config) -> list[Article] | Failure:
    extracted = extract_html(doc.html or "", doc.url)
    if extracted is None:
        return failure(doc.input_id, doc.position, "no_article", "no article body in the HTML")
    title = _strip(doc.title) or extracted.title
    parts = clean_article(classify_lines(extracted.text), title)
    if parts is None:
        return failure(doc.input_id, doc.position, "no_article", "only page chrome in the HTML")
    parts.byline = parts.byline or extracted.author
    if extracted.date and not doc.published:
        parts.dates.insert(0, (-1, extracted.date))
    article = _article(doc, config, parts, doc.id or content_hash(_body(parts)))
    article.url = doc.url or extracted.url
    article.source = doc.source or extracted.sitename
    return [article]


def _from_text(doc: Document, config: Config) -> list[Article] | Failure:
    text = doc.text or ""
    lines = classify_lines(text)
    starts, repeated = find_starts(lines)
    kept = [line for line in lines if line.index not in repeated]
    bounds = [next(k for k, line in enumerate(kept) if line.index == s) for s in starts]
    found: list[ArticleParts] = []
    if not bounds or bounds[0] > 0:
        pre = clean_article(kept[: bounds[0] if bounds else len(kept)], None)
        if pre is not None:
            found.append(pre)
    for n, start in enumerate(bounds):
        end = bounds[n + 1] if n + 1 < len(bounds) else len(kept)
        parts = clean_article(kept[start + 1 : end], kept[start].text)
        if parts is not None:
            found.append(parts)
    if not found:
        fallback = _fallback(lines)
        if fallback is None:
            return failure(doc.input_id, doc.position, "no_article", "only page chrome or blank lines")
        found.append(fallback)
    if len(found) == 1:
        return [_article(doc, config, found[0], doc.id or content_hash(_body(found[0])))]
    base = doc.id or content_hash(text)
    return [_article(doc, config, parts, f"{base}#{n}") for n, parts in enumerate(found, start=1)]


def _fallback(lines: list[Line]) -> ArticleParts | None:
    """No headline-and-body structure found: every line that can be body text is the body."""
    body = [line.text for line in lines if line.role in _BODY_ROLES]
    if not body:
        return None
    dateline, first = split_dateline(body[0])
    body[0] = first.strip()
    body = [b for b in body if b]
    return ArticleParts(dateline=dateline, body=body) if body else None


def _article(doc: Document, config: Config, parts: ArticleParts, article_id: str) -> Article:
    published, source = _published(doc, config, parts)
    return Article(
        id=article_id, input_id=doc.input_id, text=_body(parts), title=_strip(parts.title),
        url=doc.url, source=doc.source, byline=parts.byline, credit=parts.credit,
        published=published, published_from=source, dateline=parts.dateline,
        summary=list(parts.summary), language=doc.language or "en",
    )


def _published(doc: Document, config: Config, parts: ArticleParts) -> tuple[str | None, str]:
    """The publication date and where it came from: input, text, relative, or unknown."""
    given = normalise_given(doc.published)
    if given:
        return given, "input"
    ranked = sorted(parts.dates, key=lambda d: d[0])
    for _, written in ranked:
        absolute = parse_absolute(written)
        if absolute:
            return absolute, "text"
    fetched: datetime | None = parse_fetched(doc.fetched) or config.fetched
    for _, written in ranked:
        if is_relative(written):
            resolved = resolve_relative(written, fetched)
            if resolved:
                return resolved, "relative"
    return None, "unknown"


def _body(parts: ArticleParts) -> str:
    return "\n".join(parts.body).strip()


def _strip(value: str | None) -> str | None:
    return value.strip() or None if value else None
