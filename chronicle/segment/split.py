"""Where the articles of a scraped dump begin.

Reads the classified lines of a text dump; gives the indices of the lines
that open an article. A headline-shaped line scores a start from evidence
that holds across sites: it is repeated a few lines later (page title, then
the article's own h1), it follows a wider-than-usual run of blank lines or
the end of a previous article, it is the first real line of the input, or
page furniture (dates, bylines, captions, Share/Follow) comes right after it.
"""

from __future__ import annotations

from collections import Counter

from chronicle.segment.lines import Line, Role

_REPEAT_WINDOW = 15  # lines within which a repeated headline counts (seed: 7)
_LOOKAHEAD = 4  # non-blank lines after a headline searched for page furniture
_FURNITURE = frozenset({Role.DATE, Role.BYLINE, Role.CAPTION, Role.CHROME, Role.BULLET})
_MIN_HEADLINE_WORDS = 3  # one- and two-word lines are navigation ("Home", "World news"), not headlines
START_SCORE = 2  # one strong signal (repeat, wide gap, input start) or two weak ones


def norm(text: str) -> str:
    return " ".join(text.casefold().split())


def paragraph_gap(lines: list[Line]) -> int:
    """The usual blank-line run between paragraphs (some dumps put two blanks between every one)."""
    runs = Counter(line.blanks_before for line in lines if line.role is not Role.BLANK and line.blanks_before)
    return runs.most_common(1)[0][0] if runs else 1


def repeats(lines: list[Line], i: int) -> int | None:
    """Index of the same headline again within the window, with no prose in between, or None."""
    key = norm(lines[i].text)
    for j in range(i + 1, min(len(lines), i + 1 + _REPEAT_WINDOW)):
        if lines[j].role is Role.PROSE:
            return None
        if lines[j].role is Role.HEADLINE and norm(lines[j].text) == key:
            return j
    return None


def find_starts(lines: list[Line]) -> tuple[list[int], set[int]]:
    """(indices of article-opening lines, indices of repeated headlines to drop)."""
    gap = paragraph_gap(lines)
    starts: list[int] = []
    repeated: set[int] = set()
    seen_content = False  # a headline or prose line has been seen
    after_end = False  # the last non-blank line ended an article
    for i, line in enumerate(lines):
        if line.role is Role.BLANK:
            continue
        if line.role is Role.HEADLINE and line.words >= _MIN_HEADLINE_WORDS and i not in repeated:
            score = 0
            again = repeats(lines, i)
            if again is not None:
                score += 3
            if not seen_content or line.blanks_before > gap:
                score += 2
            if after_end:
                score += 1
            if _furniture_follows(lines, i):
                score += 1
            if score >= START_SCORE:
                starts.append(i)
                if again is not None:
                    repeated.add(again)
        if line.role is Role.PROSE or (line.role is Role.HEADLINE and line.words >= _MIN_HEADLINE_WORDS):
            seen_content = True
        after_end = line.role is Role.END or (after_end and line.role in (Role.CHROME, Role.PROMO))
    return starts, repeated


def _furniture_follows(lines: list[Line], i: int) -> bool:
    seen = 0
    for line in lines[i + 1:]:
        if line.role is Role.BLANK:
            continue
        if line.role in _FURNITURE:
            return True
        seen += 1
        if seen >= _LOOKAHEAD or line.role is Role.PROSE:
            return False
    return False
