"""Line roles in scraped news text: chrome, end-of-article, date, byline, caption, bullet, headline, prose.

Reads one line of a page's text; gives its `Role` by scoring cues (patterns
that vote for a role, with weights) against the line's shape (length, end
punctuation), so that a new site's chrome needs a new cue, not new code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from chronicle.segment.dates import is_relative, parse_absolute
from chronicle.wordlists import mapping, ordered, words


class Role(Enum):
    BLANK = "blank"
    CHROME = "chrome"  # page furniture around the headline: Share, Follow, Short Url
    PROMO = "promo"  # interruptions inside the body: Advertisement, Read more, newsletter
    END = "end"  # the article is over: Related Topics, copyright, "Reporting by"
    DATE = "date"
    BYLINE = "byline"
    CAPTION = "caption"
    BULLET = "bullet"
    HEADLINE = "headline"  # a short line without sentence punctuation
    PROSE = "prose"


@dataclass
class Line:
    index: int
    text: str  # stripped of outer whitespace
    role: Role
    blanks_before: int = 0
    value: str | None = None  # the date string, byline name, credit or bullet text the role carries

    @property
    def words(self) -> int:
        return len(self.text.split())


# Agencies and stock words of photo credits and bylines, tried in file order (a longer name first).
_AGENCIES = "|".join(re.escape(name) for name in ordered("segment/agencies"))
_NAME = r"(?:[A-Z][\w'’.-]*|[A-Z]\.)(?:\s+(?:[A-Z][\w'’.-]*|[A-Z]\.|de|da|van|von|al|el|bin|ibn|la|le|du)){0,4}"

_CHROME_LINE = re.compile(
    r"^(?:short ?url|follow|following|unfollow|share|share this(?: article| story| page| post)?|shares?|save|saved|"
    r"print|e-?mail|e-?mail this|comments?|\d+ comments?|copy link|link copied|copied|"
    r"listen(?: to (?:this )?(?:article|story))?(?:\s*[(\d].*)?|"
    r"menu|search|home|close|loading\W*|show more|show less|more|next|previous|back to top|open in app|"
    r"watch|play|play video|video|audio|live|breaking|breaking news|trending|editor'?s picks?|"
    r"image|photo|gallery|enlarge|zoom|expand|toggle.*|skip (?:to )?(?:main )?(?:content|navigation)|"
    r"font size|text size|a\s*a|bookmark|gift (?:this )?article|add to (?:my )?(?:list|saved)|"
    r"view comments|leave a comment|jump to comments|translate|report an error|feedback)$",
    re.I,
)
_SOCIAL = words("segment/social")
_PROMO = re.compile(
    r"^(?:advertisement|advert|ad|ads|sponsored(?: content)?|promoted|story continues below(?: advertisement)?|"
    r"article continues (?:below|after).*|continue reading.*|read more\b.*|read also\b.*|also read\b.*|"
    r"see also\b.*|recommended:.*|related:.*|more:.*|must read:.*|watch:.*|listen:.*|video:.*|"
    r"subscribe\b.*|sign up\b.*|(?:get|join) (?:our|the) .*newsletter.*|.*\bnewsletter\b.*sign up.*|"
    r"follow (?:us|@\w+|\w+ on)\b.*|click here\b.*|tap here\b.*|download (?:the|our) app\b.*|"
    r"(?:we|this (?:site|website)) uses? cookies\b.*|.*\baccept (?:all )?cookies\b.*|manage (?:cookies|preferences)|"
    r"privacy policy|terms of (?:use|service)|topics?:.*|tags?:.*|filed under:?.*|"
    r"(?:this|the) (?:article|story) (?:was|has been) (?:updated|amended|corrected)\b.*|"
    r"\d+\s*min(?:ute)?s?\s+read|(?:video|media) (?:source|caption|credit)s?\b.*)$",
    re.I,
)
_END = re.compile(
    r"^(?:related(?: topics| articles| stories| coverage| content| news| reading| links| posts)?|"
    r"more on this (?:story|topic)|more (?:from|in|about) [\w ]{1,40}|more stories|more news|"
    r"you (?:may|might) (?:also )?(?:like|be interested in)|recommended(?: for you| stories| reading)?|"
    r"most (?:read|popular|viewed|shared)|top stories|latest (?:news|stories)|read next|what to read next|"
    r"explore more on (?:these|this) topics?|reuse this content|our standards:.*|join the conversation|"
    r"comments \(\d+\)|(?:©|\(c\)|copyright\b).*|.*\ball rights reserved\b.*|_{3,}|"
    r"\(?(?:additional )?reporting by\b.*|\(?(?:writing|editing|edited|compiled) by\b.*|"
    r".*\b(?:writers?|reporters?|correspondents?|contributors?)\b.*\bcontributed\b.*|"
    r".*\bcontributed (?:to )?(?:this )?(?:report|reporting|story|article)\W*)$",
    re.I,
)
_DATE_PREFIX = re.compile(
    r"^(?P<label>first published|published|posted|last (?:updated|modified)|updated|modified|"
    r"created|date|dated)(?:\s+(?:on|at))?\s*[:\-–|]?\s*(?P<rest>.*)$",
    re.I,
)
_MONTH = "|".join(sorted(mapping("times/months"), key=len, reverse=True))  # the temporal tagger's month names
_DATEISH = re.compile(rf"\b(?:{_MONTH})\b\.?|\b\d{{4}}-\d{{2}}-\d{{2}}|\b\d{{1,2}}/\d{{1,2}}/\d{{2,4}}\b", re.I)
_BYLINE = re.compile(
    rf"^[Bb][Yy]\s+(?P<name>{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*)(?:\s*(?:,|\||–|-|—|\bfor\b|\bin\b)\s*(?P<rest>.*))?$"
)
_NOT_A_NAME = re.compile(
    rf"^(?:{_AGENCIES}|associated press|agence france-presse)$|"
    r"\b(?:news|press|times|post|agency|staff|correspondent|reporter|editor|writer|desk|service)\b",
    re.I,
)
_NAME_PIPE = re.compile(rf"^(?P<name>{_NAME})\s*\|\s*(?P<rest>.+)$")
_BULLET = re.compile(r"^\s*(?:[•▪‣●◦·∙■□►▶]|[-*–](?=\s))\s*(?P<item>\S.*)$")
# "Image caption, ..." holds the caption; "Image source, Getty Images" / "Photograph: X" hold the credit.
_CAPTION_PREFIX = re.compile(
    r"^(?:image caption|caption|pictured|file photo|main image|image|photo|picture)\s*[:,]\s*(?P<rest>.+)$", re.I
)
_CREDIT_PREFIX = re.compile(
    r"^(?:image source|image credit|photo credit|picture credit|credit|photograph|photo source)\s*[:,]\s*(?P<rest>.+)$",
    re.I,
)
_CREDIT_ONLY = re.compile(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}(?:\s*/\s*[A-Z][\w .-]{1,30})?")
_CAPTION_CREDIT = re.compile(
    rf"\((?P<credit>(?:(?:ap|afp|reuters|epa|getty|file)\s*photo\b[^()]*|photo(?:graph)?:?[^()]*|"
    rf"(?:[^()]*/)?(?:{_AGENCIES})(?:\s*(?:photo|via getty images|/[^()]*)?)?|credit:[^()]*))\)\s*$",
    re.I,
)
_TRAILING_CREDIT = re.compile(
    rf"(?:photograph|photo|image|picture|credit)\s*:\s*(?P<credit>[^.:]{{2,80}})$|"
    rf"(?P<credit2>(?:\b[A-Z][\w'’.-]+\s+){{1,3}}/\s*(?:{_AGENCIES})(?:\s+via\s+getty\s+images)?)\s*$|"
    rf"(?P<credit3>\b(?:getty images|afp via getty images|ap photo/[^.]+|shutterstock))\s*$",
    re.I,
)
_UPPER_PAREN = re.compile(r"\((?P<credit>[A-Z][A-Z .&/-]{1,30})\)\s*$")
_SENTENCE_END = re.compile(r"[.,;:]['\"’”)\]]*$")


def strip_bullet(text: str) -> str | None:
    m = _BULLET.match(text)
    return m.group("item").strip() if m else None


def caption(text: str, in_header: bool = False) -> tuple[bool, str | None]:
    """Whether a line is a photo caption or credit line, and the credit it names (or None).

    An all-capitals parenthesis ("(REUTERS)") counts only near the headline:
    in a body it is far more often an acronym ("(NATO)").
    """
    m = _CREDIT_PREFIX.match(text)
    if m and len(text) <= 120:
        return True, m.group("rest").strip()
    m = _CAPTION_PREFIX.match(text)
    if m:
        rest = m.group("rest").strip()
        # "Photo: Jane Roe" or "Photo: Jane Roe/AFP" names the photographer; anything longer describes the picture.
        if _CREDIT_ONLY.fullmatch(rest):
            return True, rest
        return True, caption(rest, True)[1]
    m = _CAPTION_CREDIT.search(text)
    if m:
        credit = m.group("credit").strip()
        credit = re.sub(r"^(?:photo(?:graph)?|credit)\s*:\s*", "", credit, flags=re.I)
        return True, credit.strip() or None
    m = _TRAILING_CREDIT.search(text)
    if m and len(text.split()) >= 2:
        return True, next(g for g in m.groups() if g).strip()
    if in_header:
        m = _UPPER_PAREN.search(text)
        if m and len(text.split()) >= 4:
            return True, m.group("credit").strip()
    return False, None


def date_value(text: str) -> str | None:
    """The date part of a date line ("Updated 11 August 2025" -> "11 August 2025"), or None."""
    if len(text) > 100:
        return None
    m = _DATE_PREFIX.match(text)
    rest = m.group("rest").strip() if m else text
    rest = rest.strip(" |·•-–—")
    if not rest:
        return None
    if is_relative(rest):
        return rest
    if m is None and len(rest.split()) > 9:
        return None
    if (_DATEISH.search(rest) or m is not None) and parse_absolute(rest):
        return rest
    # "Published 1 June": a labelled date without a year is still a date line, though it gives no date.
    if m is not None and len(rest.split()) <= 6 and (_DATEISH.search(rest) or re.search(r"\d", rest)):
        return rest
    return None


def byline_value(text: str) -> str | None:
    """The name(s) of a byline ("By Jane Doe, Reuters" -> "Jane Doe"), or None."""
    if len(text.split()) > 14 or text.endswith((".", "?", "!")):
        return None
    m = _BYLINE.match(text) or _NAME_PIPE.match(text)
    if m is None:
        return None
    # "By Jane Doe, Reuters": the agency after the comma is not one of the authors.
    parts = [p for p in re.split(r"\s*,\s*", m.group("name").strip()) if p and not _NOT_A_NAME.search(p)]
    name = ", ".join(parts)
    return name if name and len(name.split()) <= 12 else None


_PERSON = r"(?:[A-Z][a-zà-ÿ'’-]+|[A-Z]\.)(?:\s+(?:[A-Z][a-zà-ÿ'’-]+|[A-Z]\.|de|van|von|al|bin)){1,3}"
_BARE_BYLINE = re.compile(rf"(?P<name>{_PERSON}(?:\s+(?:and|&)\s+{_PERSON})?)(?:\s+in\s+[A-Z][\w'’ -]{{1,30}})?")


def bare_byline(text: str) -> str | None:
    """The name(s) of a byline without "By": "Anna Petrova", "Jane Doe in Lyon", "Jane Doe and Tom Roe"."""
    m = _BARE_BYLINE.fullmatch(text)
    return m.group("name") if m else None


def is_headline_shape(text: str) -> bool:
    """Short, capitalised, without the punctuation that ends a sentence or a clause."""
    words = len(text.split())
    if not 1 <= words <= 30 or len(text) > 250:
        return False
    if _SENTENCE_END.search(text):
        return False
    first = text[0]
    return first.isupper() or first.isdigit() or first in "‘“'\"«"


def _social(text: str) -> bool:
    tokens = re.split(r"[\s,/·|]+", text.lower())
    tokens = [t for t in tokens if t]
    return bool(tokens) and len(tokens) <= 12 and all(t in _SOCIAL for t in tokens)


def classify(text: str) -> tuple[Role, str | None]:
    """Score the roles a stripped line could play and return the best, with the value it carries.

    Each cue adds its weight to a role; shape (length, end punctuation) decides
    between headline and prose when no cue fires. Weights: a whole-line chrome
    match (3) beats a date cue (2) so "Updated" alone stays chrome, and an
    explicit byline (3) beats the "min read" promo cue (2) in "By X | 5 min read".
    """
    if not text:
        return Role.BLANK, None
    scores: dict[Role, float] = {}
    values: dict[Role, str | None] = {}

    def vote(role: Role, weight: float, value: str | None = None) -> None:
        if weight > scores.get(role, 0.0):
            scores[role] = weight
            values[role] = value

    short = len(text.split()) <= 12
    if _CHROME_LINE.match(text) or (short and _social(text)):
        vote(Role.CHROME, 3)
    if short and _PROMO.match(text):
        vote(Role.PROMO, 2.5)
    if len(text) <= 300 and _END.match(text):
        vote(Role.END, 2.8)
    bullet = strip_bullet(text)
    if bullet is not None:
        vote(Role.BULLET, 2.6, bullet)
    if short:
        when = date_value(text)
        if when is not None:
            vote(Role.DATE, 2.7, when)
        name = byline_value(text)
        if name is not None:
            vote(Role.BYLINE, 3.2 if text[:3].lower() == "by " else 2.2, name)
    is_caption, credit = caption(text)
    if is_caption:
        vote(Role.CAPTION, 2.4, credit)
    if not scores:
        return (Role.HEADLINE if is_headline_shape(text) else Role.PROSE), None
    best = max(scores, key=lambda r: scores[r])
    return best, values.get(best)


def classify_lines(text: str) -> list[Line]:
    """Every line of `text` with its role and the number of blank lines before it."""
    out: list[Line] = []
    blanks = 0
    for index, raw in enumerate(text.split("\n")):
        stripped = raw.strip()
        role, value = classify(stripped)
        out.append(Line(index, stripped, role, blanks, value))
        blanks = blanks + 1 if role is Role.BLANK else 0
    return out
