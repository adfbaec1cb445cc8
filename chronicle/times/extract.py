"""Stage `times`: every temporal expression of the article, typed and normalised to TimeML TIMEX3.

Reads `analysis.article.text`, `analysis.article.published` (the anchor for
relative expressions) and the spaCy parse (verb tense decides whether a bare
"Monday" or "in May" points back or ahead). Adds `Article.times`.

Without a publication date, relative expressions keep their span and type but
get value None; absolute ones ("11 August 2025", "in 2021") still resolve.
"""

from __future__ import annotations

import re

from chronicle.nlp.analysis import Analysis
from chronicle.records import Time
from chronicle.times import dates
from chronicle.times.dates import parse_anchor
from chronicle.times.rules import QUARTER_CURRENT, QUARTER_YEAR_AGO, Context, rules

Candidate = tuple[int, int, str, str | None, int]  # start, end, type, value, rule rank

# A clock time directly followed by its day ("10 p.m. Wednesday", "5 p.m. EST Nov. 9") is one TIME.
_JOIN = re.compile(r"(?:,\s*|\s+(?:on\s+)?)$")


def _candidates(ctx: Context) -> list[Candidate]:
    found: list[Candidate] = []
    for rank, rule in enumerate(rules()):
        for m in rule.pattern.finditer(ctx.text):
            start, end = m.span(rule.group)
            if start == end:
                continue
            result = rule.normalise(m, ctx)
            if result is not None:
                found.append((start, end, result[0], result[1], rank))
    return found


def _select(found: list[Candidate]) -> list[Candidate]:
    """Longest candidates first (earlier rule on ties); keep those that overlap nothing kept."""
    chosen: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for cand in sorted(found, key=lambda c: (-(c[1] - c[0]), c[4], c[0])):
        if any(cand[0] < e and s < cand[1] for s, e in taken):
            continue
        chosen.append(cand)
        taken.append((cand[0], cand[1]))
    return sorted(chosen)


def _join_clock_and_day(text: str, chosen: list[Candidate]) -> list[Candidate]:
    out: list[Candidate] = []
    for cand in chosen:
        if out:
            prev = out[-1]
            gap = text[prev[1]:cand[0]]
            if (prev[2] == "TIME" and prev[3] and "T" in prev[3] and cand[2] == "DATE" and len(gap) <= 4
                    and _JOIN.fullmatch(gap) and cand[3] and re.fullmatch(r"\d{4}-\d{2}-\d{2}", cand[3])):
                value = f"{cand[3]}T{prev[3].split('T', 1)[1]}"
                out[-1] = (prev[0], cand[1], "TIME", value, prev[4])
                continue
        out.append(cand)
    return out


_QUARTER = re.compile(r"(\d{4})-Q([1-4])")


def _quarter_back(value: str, quarters: int) -> str:
    m = _QUARTER.fullmatch(value)
    if m is None:
        return value
    index = int(m[1]) * 4 + int(m[2]) - 1 - quarters
    return f"{index // 4:04d}-Q{index % 4 + 1}"


def resolve_references(chosen: list[Candidate], ctx: Context) -> list[Candidate]:
    """Give "the quarter" / "the year-ago period" the quarter the story last named.

    Earnings stories name a quarter once ("third-quarter profit") and then say
    "the quarter"; before any is named, the last completed quarter is meant.
    """
    current: str | None = dates.shift(ctx.anchor, "Q", -1) if ctx.anchor else None
    out: list[Candidate] = []
    for s, e, kind, value, rank in chosen:
        if value and _QUARTER.fullmatch(value):
            current = value
        elif value == QUARTER_CURRENT:
            value = current
        elif value == QUARTER_YEAR_AGO:
            value = _quarter_back(current, 4) if current else None
        out.append((s, e, kind, value, rank))
    return out


def extract_times(analysis: Analysis) -> list[Time]:
    """Every temporal expression in the article text, in text order, with TIMEX3 type and value."""
    text = analysis.article.text
    ctx = Context(text=text, doc=analysis.doc, anchor=parse_anchor(analysis.article.published))
    chosen = resolve_references(_join_clock_and_day(text, _select(_candidates(ctx))), ctx)
    return [Time(text=text[s:e], start=s, end=e, type=kind, value=value) for s, e, kind, value, _ in chosen]
