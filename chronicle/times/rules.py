"""The rule set of the temporal tagger: one regular expression and one normaliser per kind of expression.

Each rule finds candidate spans in the raw text; its normaliser reads the match
(and, through `Context`, the anchor date, the parse and the verb tense) and
returns `(type, value)` or None to reject the candidate ("May" the modal verb,
"2000 people"). The extractor keeps the longest non-overlapping candidates.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Token

from chronicle.times import dates
from chronicle.times.lexicon import (
    AMBIGUOUS_MONTHS,
    DECADE_WORDS,
    MONTHS,
    ORDINALS,
    PARTS_OF_DAY,
    SEASONS,
    UNITS,
    WEEKDAYS,
    alternation,
    cardinal_words,
)
from chronicle.times.numbers import NUMBER, parse_number
from chronicle.times.tense import FUTURE, PAST, span_tense
from chronicle.wordlists import mapping, words

Result = tuple[str, str | None]

# Placeholder values resolved after tagging, against the quarter the story last named.
QUARTER_CURRENT = "@Q"
QUARTER_YEAR_AGO = "@Q-4"

# Words before a bare year or month name that make it a date ("in May", "since 2012").
TEMPORAL_PREPS = words("times/temporal_cues")


@dataclass
class Context:
    """What a normaliser may read: the text, its parse and the anchor (publication) date."""

    text: str
    doc: Doc
    anchor: dt.date | None
    _token_at: dict[int, Token] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._token_at = {t.idx: t for t in self.doc}

    def token_at(self, char: int) -> Token | None:
        return self._token_at.get(char)

    def previous_word(self, start: int) -> str:
        m = re.search(r"([\w-]+)\W*$", self.text[max(0, start - 30):start])
        return m.group(1).lower() if m else ""

    def direction(self, start: int, end: int, present: int = PAST, no_verb: int = PAST) -> int:
        """-1 for a past-tense context, +1 for future, `present` for present tense, `no_verb` without a verb.

        No governing verb (a headline, a caption) counts as past by default: news mostly reports what happened.
        """
        tense = span_tense(self.doc, start, end)
        if tense is None:
            return no_verb
        if tense == FUTURE:
            return 1
        if tense == PAST:
            return -1
        return present


Normaliser = Callable[[re.Match[str], Context], Result | None]


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    normalise: Normaliser
    group: str = "t"  # the named group that is the expression; the rest is context


# --------------------------------------------------------------------------- helpers

def _unit(word: str) -> tuple[str, bool]:
    w = word.lower().rstrip("s") if word.lower() not in ("centuries",) else "centurie"
    if w.endswith("-long"):
        w = w[:-5]
    return UNITS.get(w, ("X", False))


def duration_value(n: float | None, unit_word: str) -> str:
    letter, timed = _unit(unit_word)
    prefix = "PT" if timed else "P"
    if n is None:
        return f"{prefix}X{letter}"
    if n == int(n):
        return f"{prefix}{int(n)}{letter}"
    if letter == "Y":
        return f"P{int(n)}Y6M"
    return f"{prefix}{n:g}{letter}"


def _month(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


# --------------------------------------------------------------------------- normalisers

def _iso(m: re.Match[str], ctx: Context) -> Result | None:
    y, mo, d = int(m["y"]), int(m["mo"]), int(m["d"])
    if not dates.valid_day(y, mo, d):
        return None
    if m["hh"]:
        return "TIME", f"{y:04d}-{mo:02d}-{d:02d}T{m['hh']}:{m['mm']}"
    return "DATE", f"{y:04d}-{mo:02d}-{d:02d}"


def _numeric_date(m: re.Match[str], ctx: Context) -> Result | None:
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    # US order first (month/day) as most English wire copy uses it; day/month when the first cannot be a month.
    mo, d = (a, b) if a <= 12 else (b, a)
    if not dates.valid_day(y, mo, d):
        return None
    return "DATE", f"{y:04d}-{mo:02d}-{d:02d}"


def _day_month(m: re.Match[str], ctx: Context) -> Result | None:
    if not _capitalised(m["mon"]):
        return None
    month, day = _month(m["mon"]), int(m["day"])
    if m["y"]:
        year = int(m["y"])
    elif ctx.anchor is not None:
        # Nearest occurrence whatever the tense: past-tense verbs govern future deadlines
        # ("extended the offer to Nov. 20"); best on TimeBank dev (+1 point over tense-based).
        year = dates.day_year(ctx.anchor, month, day, 0)
    else:
        return "DATE", None
    if not dates.valid_day(year, month, day):
        return None
    return "DATE", f"{year:04d}-{month:02d}-{day:02d}"


def _month_year(m: re.Match[str], ctx: Context) -> Result | None:
    if not _capitalised(m["mon"]):
        return None
    return "DATE", dates.month_value(int(m["y"]), _month(m["mon"]))


def _month_alone(m: re.Match[str], ctx: Context) -> Result | None:
    word = m["mon"]
    key = word.lower().rstrip(".")
    if not _capitalised(word) or (len(key) <= 4 and key not in ("may", "june", "july")):
        return None
    if key in AMBIGUOUS_MONTHS and not m["rel"] and not m["mod"]:
        token = ctx.token_at(m.start("mon"))
        if token is None or token.tag_ != "NNP" or ctx.previous_word(m.start("t")) not in TEMPORAL_PREPS:
            return None
    month = _month(word)
    if ctx.anchor is None:
        return "DATE", None
    rel = (m["rel"] or "").lower()
    if rel == "last" or rel == "past":
        # "last February" in a March story is a year back, not last month.
        year = ctx.anchor.year if month < ctx.anchor.month - 1 else ctx.anchor.year - 1
        return "DATE", dates.month_value(year, month)
    if rel in ("next", "coming"):
        year = ctx.anchor.year if month > ctx.anchor.month else ctx.anchor.year + 1
        return "DATE", dates.month_value(year, month)
    if rel == "this":
        return "DATE", dates.month_value(ctx.anchor.year, month)
    direction = ctx.direction(m.start("t"), m.end("t"), present=0, no_verb=0)
    return "DATE", dates.month_value(dates.month_year(ctx.anchor, month, direction), month)


def _year_alone(m: re.Match[str], ctx: Context) -> Result | None:
    year = int(m["y"])
    before = ctx.text[max(0, m.start("t") - 2):m.start("t")]
    after = ctx.text[m.end("t"):m.end("t") + 9].lower()
    if re.search(r"[$£€#\d.,/]\s?$", before) or re.match(r"\s?(?:%|percent|per cent|[.,/:]\d|-\d)", after):
        return None
    token = ctx.token_at(m.start("y"))
    prev = ctx.previous_word(m.start("t"))
    has_cue = bool(m["mod"] or m["fy"]) or prev in TEMPORAL_PREPS
    if token is not None and token.ent_type_ in ("MONEY", "PERCENT", "QUANTITY", "CARDINAL") and not has_cue:
        return None
    if token is not None and token.dep_ == "nummod" and token.head.tag_ == "NNS" and not has_cue:
        return None
    if not (1900 <= year <= 2099 or has_cue):
        return None
    return "DATE", f"{year:04d}"


def _decade(m: re.Match[str], ctx: Context) -> Result | None:
    if m["cent"]:
        return "DATE", f"{m['cent']}{m['dec']}"
    if m["dec2"]:
        d = int(m["dec2"])
        return "DATE", f"{'20' if d <= 1 else '19'}{d}"
    if m["word"]:
        if not m["the"]:
            return None
        return "DATE", f"19{DECADE_WORDS[m['word'].lower()]}"
    return None


def _century(m: re.Match[str], ctx: Context) -> Result | None:
    raw = m["ord"].lower()
    n = ORDINALS.get(raw) or int(re.sub(r"\D", "", raw) or 0)
    if not 1 <= n <= 22:
        return None
    return "DATE", f"{n - 1:02d}"


_DAY_WORDS = {k: int(v) for k, v in mapping("times/day_words").items()}


def _day_word(m: re.Match[str], ctx: Context) -> Result | None:
    word = m["w"].lower()
    part = (m["part"] or "").lower()
    if word == "tonight":
        part = "night"
    if ctx.anchor is None:
        return ("TIME" if part else "DATE"), None
    day = ctx.anchor + dt.timedelta(days=_DAY_WORDS[word])
    if part:
        return "TIME", f"{day.isoformat()}T{PARTS_OF_DAY[part]}"
    return "DATE", day.isoformat()


def _this_part(m: re.Match[str], ctx: Context) -> Result | None:
    rel, part = m["rel"].lower(), m["part"].lower()
    if ctx.anchor is None:
        return "TIME", None
    day = ctx.anchor - dt.timedelta(days=1) if rel == "last" else ctx.anchor
    if rel == "last" and part != "night":
        return None
    return "TIME", f"{day.isoformat()}T{PARTS_OF_DAY[part]}"


def _weekday(m: re.Match[str], ctx: Context) -> Result | None:
    if not _capitalised(m["wd"]):
        return None
    weekday = WEEKDAYS[m["wd"].lower()]
    part = (m["part"] or "").lower()
    kind = "TIME" if part else "DATE"
    if ctx.anchor is None:
        return kind, None
    rel = (m["rel"] or "").lower()
    if rel in ("last", "previous"):
        day = dates.weekday_date(ctx.anchor - dt.timedelta(days=1), weekday, -1)
    elif rel in ("next", "coming"):
        day = dates.weekday_date(ctx.anchor + dt.timedelta(days=1), weekday, 1)
    elif rel == "this":
        day = dates.weekday_date(ctx.anchor, weekday, 0)
    else:
        day = dates.weekday_date(ctx.anchor, weekday, ctx.direction(m.start("t"), m.end("t")))
    if part:
        return "TIME", f"{day.isoformat()}T{PARTS_OF_DAY[part]}"
    return "DATE", day.isoformat()


# Each pattern below names which of these words it accepts ("latest" only before "quarter").
_REL_OFFSET = {k: int(v) for k, v in mapping("times/relative_offsets").items()}


def _relative_period(m: re.Match[str], ctx: Context) -> Result | None:
    rel, unit = m["rel"].lower(), m["unit"].lower()
    if ctx.anchor is None:
        return "DATE", None
    n = _REL_OFFSET[rel]
    if unit == "weekend":
        base = ctx.anchor + dt.timedelta(weeks=n)
        return "DATE", dates.week_value(base) + "-WE"
    return "DATE", dates.shift(ctx.anchor, UNITS[unit][0], n)


def _the_weekend(m: re.Match[str], ctx: Context) -> Result | None:
    if ctx.anchor is None:
        return "DATE", None
    direction = ctx.direction(m.start("t"), m.end("t"))
    base = ctx.anchor
    if direction < 0 and ctx.anchor.isoweekday() < 6:
        base = ctx.anchor - dt.timedelta(weeks=1)
    elif direction > 0 and ctx.anchor.isoweekday() == 7:
        base = ctx.anchor + dt.timedelta(weeks=1)
    return "DATE", dates.week_value(base) + "-WE"


_SEASON_MID = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}


def _season(m: re.Match[str], ctx: Context) -> Result | None:
    code = SEASONS[m["s"].lower()]
    if m["y"]:
        return "DATE", f"{m['y']}-{code}"
    rel = (m["rel"] or "").lower()
    if not rel:
        return None
    if ctx.anchor is None:
        return "DATE", None
    year, mid = ctx.anchor.year, _SEASON_MID[code]
    if rel in ("last", "past"):
        year = year if mid < ctx.anchor.month - 1 else year - 1
    elif rel in ("next", "coming"):
        year = year if mid > ctx.anchor.month + 1 else year + 1
    return "DATE", f"{year}-{code}"


_QUARTER_ORD = {**{k: v for k, v in ORDINALS.items() if v <= 4}, "final": 4}


def _quarter(m: re.Match[str], ctx: Context) -> Result | None:
    word = m["ord"].lower()
    year: int | None = None
    if m["y"] or m["y0"]:
        year = int(m["y"] or m["y0"])
    elif m["ry"] and ctx.anchor is not None:
        year = ctx.anchor.year + _REL_OFFSET[m["ry"].lower()]
    if word in _QUARTER_ORD:
        q = _QUARTER_ORD[word]
        if year is None:
            if ctx.anchor is None:
                return "DATE", None
            current = dates.quarter_of(ctx.anchor)
            direction = ctx.direction(m.start("t"), m.end("t"))
            year = ctx.anchor.year
            if q > current and direction <= 0:
                year -= 1
        return "DATE", f"{year}-Q{q}"
    if ctx.anchor is None:
        return "DATE", None
    # "the latest quarter" in an earnings story is the last one completed; "year-ago" is resolved
    # against the quarter the story is about (see extract.resolve_references).
    if word in ("year-ago", "year-earlier"):
        return "DATE", QUARTER_YEAR_AGO
    offset = _REL_OFFSET.get(word)
    if offset is None:
        return None
    return "DATE", dates.shift(ctx.anchor, "Q", offset)


def _discourse_quarter(m: re.Match[str], ctx: Context) -> Result | None:
    if m["ago"]:
        return "DATE", QUARTER_YEAR_AGO
    return "DATE", QUARTER_CURRENT


def _half(m: re.Match[str], ctx: Context) -> Result | None:
    h = 1 if m["ord"].lower() in ("first", "1st") else 2
    if m["y"]:
        return "DATE", f"{m['y']}-H{h}"
    if ctx.anchor is None:
        return "DATE", None
    offset = _REL_OFFSET.get((m["rel"] or "").lower(), 0)  # "the first half of the year": this one
    return "DATE", f"{ctx.anchor.year + offset}-H{h}"


def _ago(m: re.Match[str], ctx: Context) -> Result | None:
    n = parse_number(m["n"])
    letter, timed = _unit(m["unit"])
    if n is None:
        return "DATE", "PAST_REF"
    if ctx.anchor is None:
        return ("TIME" if timed else "DATE"), None
    if timed:
        return "TIME", None
    direction = m["dir"].lower()
    if direction in ("later", "after"):
        return "DATE", None  # relative to a story time the rules do not track
    sign = 1 if direction in ("from now", "hence") else -1
    return "DATE", dates.shift(ctx.anchor, letter, sign * int(n))


def _duration(m: re.Match[str], ctx: Context) -> Result | None:
    after = ctx.text[m.end("t"):m.end("t") + 5].lower()
    if re.match(r"[- ]old\b", after):
        return None  # an age: "55-year-old", "five years old"
    raw_n = m["n"]
    if raw_n.lower() in ("a", "an", "one") and m["unit"].lower().endswith("s"):
        return None
    unit = m["unit"].lower()
    if raw_n.lower() in ("a", "an"):
        token = ctx.token_at(m.start("n"))
        prev = token.nbor(-1) if token is not None and token.i > 0 else None
        if prev is not None and prev.pos_ in ("NOUN", "NUM", "PROPN", "SYM"):
            return None  # a rate: "$2 million a year", "700 seats a week"
        if unit in ("second", "minute") or (unit == "quarter" and re.match(r"\s+of\b", after)):
            return None  # "a second group", "a quarter of the market"
    if unit.startswith("quarter") and "-" in m["t"]:
        return None  # "three-quarters of its food"
    n = parse_number(raw_n)
    if n is not None and n > 5000:
        return None
    return "DURATION", duration_value(n, m["unit"])


def _vague_duration(m: re.Match[str], ctx: Context) -> Result | None:
    return "DURATION", duration_value(None, m["unit"])


def _vague_period(m: re.Match[str], ctx: Context) -> Result | None:
    """ "recent weeks", "the coming months": TimeML reads them as the vague past or future."""
    word = m["rel"].lower()
    if word in ("coming", "next", "future"):
        return "DATE", "FUTURE_REF"
    if word in ("few", "several", "many"):
        return "DURATION", duration_value(None, m["unit"])
    return "DATE", "PAST_REF"


def _the_past_unit(m: re.Match[str], ctx: Context) -> Result | None:
    """ "the past year" is read, as TimeBank does, as the calendar period before the current one."""
    if ctx.anchor is None:
        return "DATE", None
    letter, timed = _unit(m["unit"])
    if timed:
        return "DURATION", duration_value(1, m["unit"])
    sign = 1 if m["rel"].lower() in ("next", "coming") else -1
    return "DATE", dates.shift(ctx.anchor, letter, sign)


def _ref(value: str) -> Normaliser:
    def normalise(m: re.Match[str], ctx: Context) -> Result | None:
        return "DATE", value
    return normalise


def _month_rel_year(m: re.Match[str], ctx: Context) -> Result | None:
    if not _capitalised(m["mon"]):
        return None
    if ctx.anchor is None:
        return "DATE", None
    return "DATE", dates.month_value(ctx.anchor.year + _REL_OFFSET[m["rel"].lower()], _month(m["mon"]))


_SPOKEN_TENS = cardinal_words(10, 90)


def _spoken_year(m: re.Match[str], ctx: Context) -> Result | None:
    words = m["y"].lower()
    if words.startswith("nineteen"):
        n = parse_number(re.sub(r"^nineteen[- ]", "", words))
        return ("DATE", f"19{int(n):02d}") if n is not None and n < 100 else None
    rest = re.sub(r"^two\s+thousand(?:\s+and)?\s*", "", words)
    n = parse_number(rest) if rest else 0
    return ("DATE", f"{2000 + int(n):04d}") if n is not None and n < 100 else None


def _now(m: re.Match[str], ctx: Context) -> Result | None:
    after = ctx.text[m.end("t"):m.end("t") + 4]
    if after.startswith("-"):
        return None  # "now-defunct"
    return "DATE", "PRESENT_REF"


def _set_every(m: re.Match[str], ctx: Context) -> Result | None:
    if m["wd"]:
        return "SET", f"XXXX-WXX-{WEEKDAYS[m['wd'].lower()]}"
    if m["mon"]:
        return "SET", f"XXXX-{_month(m['mon']):02d}"
    n = parse_number(m["n"]) if m["n"] else 1
    return "SET", duration_value(n if n is not None else 1, m["unit"])


_ADVERB_SETS = mapping("times/adverb_sets")


def _set_adverb(m: re.Match[str], ctx: Context) -> Result | None:
    token = ctx.token_at(m.start("t"))
    if token is not None and token.pos_ != "ADV":
        return None  # "quarterly dividend", "daily volume": an attribute, not a recurrence
    return "SET", _ADVERB_SETS[m["t"].lower()]


def _set_per(m: re.Match[str], ctx: Context) -> Result | None:
    return "SET", duration_value(1, m["unit"])


def _weekday_plural(m: re.Match[str], ctx: Context) -> Result | None:
    if not _capitalised(m["wd"]):
        return None
    return "SET", f"XXXX-WXX-{WEEKDAYS[m['wd'].lower()[:-1]]}"


def _clock(m: re.Match[str], ctx: Context) -> Result | None:
    hour, minute = int(m["h"]), int(m["m"] or 0)
    ap = (m["ap"] or "").lower().replace(".", "")
    if hour > 24 or minute > 59 or (ap and not 1 <= hour <= 12):
        return None
    if ap == "pm" and hour != 12:
        hour += 12
    elif ap == "am" and hour == 12:
        hour = 0
    if ctx.anchor is None:
        return "TIME", None
    return "TIME", f"{ctx.anchor.isoformat()}T{hour:02d}:{minute:02d}"


def _noon(m: re.Match[str], ctx: Context) -> Result | None:
    if ctx.anchor is None:
        return "TIME", None
    return "TIME", f"{ctx.anchor.isoformat()}T{'12:00' if m['t'].lower() == 'noon' else '24:00'}"


# --------------------------------------------------------------------------- patterns

@cache
def rules() -> tuple[Rule, ...]:
    """All rules, compiled once."""
    month_full = alternation(k for k in MONTHS if len(k) > 4 or k in ("may", "june", "july"))
    month_any = alternation(MONTHS)
    weekday = alternation(k for k in WEEKDAYS if len(k) > 4)
    mon = rf"(?P<mon>\b(?:{month_full})\b|\b(?:{month_any})\b\.?)"
    wd_prefix = rf"(?:(?:{weekday}),?\s+)?"
    unit_s = r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|years?|decades?" \
             r"|century|centuries|millennium|millennia)"
    unit_1 = r"(?:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|century)"
    mod = r"(?:(?:at\s+least|at\s+most|more\s+than|less\s+than|fewer\s+than|no\s+more\s+than|nearly|almost" \
          r"|about|around|some|over|up\s+to|roughly|approximately|just|only|barely|a\s+full|well\s+over" \
          r"|the\s+(?:past|last|next|first|previous|coming|following|final|remaining))\s+)*"
    parts = r"morning|afternoon|evening|night"
    flags = re.IGNORECASE

    def r(name: str, pattern: str, normalise: Normaliser, flag: int = flags) -> Rule:
        return Rule(name, re.compile(pattern, flag), normalise)

    return (
        r("iso", r"(?P<t>\b(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})(?:T(?P<hh>\d{2}):(?P<mm>\d{2})(?::\d{2})?)?)\b",
          _iso),
        r("numeric", r"(?P<t>\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}))\b", _numeric_date),
        r("month_day", rf"(?P<t>{wd_prefix}{mon}\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>\d{{4}})\b)?)",
          _day_month),
        r("day_month", rf"(?P<t>{wd_prefix}(?:the\s+)?\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?{mon}"
                       rf"(?:,?\s+(?P<y>\d{{4}})\b)?)", _day_month),
        r("month_year", rf"(?P<t>(?:(?:early|late|mid)[- ]?)?{mon},?\s+(?:of\s+)?(?P<y>\d{{4}})\b)", _month_year),
        r("month", rf"(?P<t>(?:(?P<mod>early|late|mid)[- ]?|(?P<rel>last|next|this|coming|past)\s+)?{mon})"
                   r"(?![-\w])", _month_alone),
        r("year", r"(?P<t>(?:(?P<mod>early|late|mid)[- ]?)?(?:(?P<fy>fiscal|calendar|the\s+year)\s+)?"
                  r"\b(?P<y>1\d{3}|20\d{2})\b)(?!s\b|'s\b|-\d)", _year_alone),
        r("decade", r"(?P<t>(?P<the>the\s+)?(?:(?:early|late|mid)[- ]?)?(?:\b(?P<cent>1[5-9]|20)(?P<dec>\d)0'?s\b"
                    r"|'(?P<dec2>\d)0s\b|\b(?P<word>" + alternation(DECADE_WORDS) + r")\b))", _decade),
        r("century", r"(?P<t>(?:the\s+)?\b(?P<ord>\d{1,2}(?:st|nd|rd|th)|" + alternation(ORDINALS) +
                     r")[- ]century)\b", _century),
        r("day_word", rf"(?P<t>\b(?P<w>{alternation(_DAY_WORDS)})\b(?:\s+(?P<part>{parts}))?)", _day_word),
        r("part_word", rf"(?P<t>\b(?P<part>{parts})\s+(?P<w>yesterday|today|tomorrow))\b", _day_word),
        r("this_part", rf"(?P<t>\b(?P<rel>this|last)\s+(?P<part>{parts}))\b", _this_part),
        r("weekday", rf"(?P<t>(?:\b(?:the\s+)?(?P<rel>last|next|this|coming|previous|early|late)\s+)?"
                     rf"\b(?P<wd>{weekday})\b(?:\s+(?P<part>{parts}))?)(?!s\b)", _weekday),
        r("weekdays", rf"(?:\bon\s+)?(?P<t>\b(?P<wd>(?:{weekday})s)\b)", _weekday_plural),
        r("relative", r"(?P<t>(?:\b(?:earlier|later|early|late|mid)[- ]?)?(?:\s*(?:the\s+)?(?:end|start|beginning|"
                      r"middle)\s+of\s+)?\b(?P<rel>this|last|next|past|coming|current|previous)\s+"
                      r"(?P<unit>week|weekend|month|quarter|year|decade|century)\b)", _relative_period),
        r("the_weekend", r"(?P<t>\b(?:over\s+)?the\s+weekend)\b", _the_weekend),
        r("season", r"(?P<t>(?:\b(?P<rel>this|last|next|past|coming|the|early|late)\s+)*\b(?P<s>"
                    + alternation(SEASONS) + r")\b(?:\s+(?:of\s+)?(?P<y>\d{4})\b)?)(?!\s+(?:of|session|offensive))",
          _season),
        r("quarter", r"(?P<t>(?:\bthe\s+)?(?:(?P<y0>\d{4})\s+|(?P<ry>this|last|next)\s+year's\s+)?"
                     r"\b(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final|last|"
                     r"latest|current|previous|year-ago|year-earlier)[- ]quarter\b(?:\s+(?:of\s+)?(?:fiscal\s+)?"
                     r"(?P<y>\d{4})\b)?)", _quarter),
        r("half", r"(?P<t>\b(?:the\s+)?(?P<ord>first|second|1st|2nd)\s+half\s+of\s+(?:(?P<rel>this|last|next|the)"
                  r"\s+year|(?:fiscal\s+)?(?P<y>\d{4})))\b", _half),
        r("ago", rf"(?P<t>\b{mod}(?P<n>{NUMBER})\s+(?P<unit>{unit_s})\s+"
                 r"(?P<dir>ago|from\s+now|hence|earlier|later))\b", _ago),
        r("vague_ago", rf"(?P<t>\b(?P<n>(?P<unit>{unit_s}))\s+(?P<dir>ago))\b", _ago),
        r("duration", rf"(?P<t>\b{mod}(?P<n>{NUMBER})(?:\s+(?:more|full|straight|consecutive|additional|"
                      rf"long|short|extra|whole))?(?:\s+|-)(?P<unit>{unit_s}(?:-long)?))\b", _duration),
        r("vague_period", r"(?P<t>\b(?:the\s+)?(?P<rel>recent|past|last|next|coming|future|few|several|many|previous)"
                          r"(?:\s+(?:few|several|many|couple\s+of))?\s+"
                          r"(?P<unit>(?:days|weeks|months|quarters|years|decades)))\b", _vague_period),
        r("for_units", r"(?<=\bfor\s)(?P<t>(?P<unit>days|weeks|months|years|decades|centuries))\b",
          _vague_duration),
        r("the_past_unit", rf"(?P<t>\bthe\s+(?P<rel>past|last|next|coming|previous)\s+(?P<unit>{unit_1}))\b",
          _the_past_unit),
        r("now", r"(?P<t>\b(?:right\s+)?now|nowadays|currently|at\s+present|these\s+days)\b", _now),
        r("past_ref", r"(?P<t>\b(?:recently|lately|the\s+past)\b)(?!\s+(?:\w+\s+)?"
                      r"(?:days?|weeks?|months?|years?|decades?)\b)", _ref("PAST_REF")),
        r("future_ref", r"(?P<t>\b(?:the\s+(?:near\s+)?future|soon|the\s+(?:near|short)\s+term))\b",
          _ref("FUTURE_REF")),
        r("discourse_quarter",
          r"(?P<t>\bthe\s+(?:(?P<ago>year-ago|year-earlier)\s+)?(?:latest\s+)?(?:quarter|period))\b",
          _discourse_quarter),
        r("month_rel_year", rf"(?P<t>{mon}\s+(?:of\s+)?(?P<rel>this|last|next)\s+year)\b", _month_rel_year),
        r("spoken_year", r"(?P<t>\b(?:the\s+year\s+)?(?P<y>nineteen[- ](?:" + _SPOKEN_TENS + r")"
                         r"(?:[- ](?:" + cardinal_words(1, 9) + r"))?"
                         r"|two\s+thousand(?:\s+and\s+\w+)?))\b", _spoken_year),
        r("every", rf"(?P<t>\b(?:every|each|per)\s+(?:other\s+|single\s+)?(?:(?P<n>{NUMBER})\s+)?"
                   rf"(?:(?P<unit>{unit_s})|(?P<wd>{weekday})|(?P<mon>{month_full}))\b)", _set_every),
        r("adverb_set", rf"(?P<t>\b(?:{alternation(_ADVERB_SETS)}))\b", _set_adverb),
        r("per_unit", rf"(?P<t>\b(?:once|twice|(?:\w+\s+)times)\s+a\s+(?P<unit>{unit_1}))\b", _set_per),
        r("clock", r"(?P<t>\b(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s*(?P<ap>a\.m\.?|p\.m\.?|am\b|pm\b)"
                   r"(?:\s+(?:[ECMP][SD]T|GMT|UTC|local\s+time)\b)?)", _clock),
        r("clock24", r"\b(?:at|by|from|until|to|before|after)\s+(?P<t>(?P<h>[0-2]?\d):(?P<m>[0-5]\d)"
                     r"(?:\s+(?:GMT|UTC|[ECMP][SD]T|local\s+time|hours|hrs))?)(?P<ap>)\b", _clock),
        r("noon", r"(?P<t>\b(?:noon|midnight))\b", _noon),
    )
