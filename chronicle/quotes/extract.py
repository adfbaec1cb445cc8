"""Stage `quotes`: direct and indirect quotations with their speaker and reporting cue.

Reads `analysis.article.text`, the spaCy parse and `Article.entities` (to name
speakers); adds `Article.quotes`.

Direct quotes come from quotation marks (see `marks`); each is attributed to
the nearest reporting cue around it in its sentence ("…," she wrote /
X said: "…" / according to X), to "For X, …" framing, or, when it stands
alone right after another quote, to that quote's speaker. Indirect speech is
the clause a reporting verb governs ("X said the talks failed") and the
clause "according to X" frames.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from chronicle.nlp.analysis import Analysis
from chronicle.nlp.entities import entity_of
from chronicle.quotes.cues import according_to, is_speech_verb, reported_clause, subject_of
from chronicle.quotes.marks import Marked, quoted_spans
from chronicle.quotes.speakers import SpeakerResolver
from chronicle.records import Quote, Speaker
from chronicle.records import Span as TextSpan
from chronicle.wordlists import words

_MIN_UNCUED_WORDS = 4  # shorter quotes with no cue are scare quotes ("‘terror’"), not speech
_MIN_CLAUSE_TOKENS = 3
_QUOTE_CHARS = "\"“”„«»‘’'` "
_SUBJECT_PRONOUNS = words("quotes/subject_pronouns")  # may hold a partial quote: she vowed to “fight on”


@dataclass(frozen=True)
class Cue:
    span: Span
    subject: Token | None


class _Article:
    """Per-article lookups shared by the direct and indirect passes."""

    def __init__(self, analysis: Analysis) -> None:
        self.text = analysis.article.text
        self.doc: Doc = analysis.doc
        self.marked = quoted_spans(self.text)
        self._starts = [q.start for q in self.marked]
        self.resolver = SpeakerResolver(self.text, analysis.article.entities, self.doc)
        self.according = according_to(self.doc)

    def inside_quote(self, pos: int) -> bool:
        i = bisect.bisect_right(self._starts, pos) - 1
        return i >= 0 and self.marked[i].start <= pos < self.marked[i].end

    def quoted_share(self, start: int, end: int) -> float:
        """Share of [start, end) that lies inside quotation marks."""
        if end <= start:
            return 0.0
        inside = sum(max(0, min(end, q.end) - max(start, q.start)) for q in self.marked)
        return inside / (end - start)

    def speaker(self, head: Token | None) -> Speaker | None:
        return self.resolver.speaker(head) if head is not None else None


def _span(text: str, start: int, end: int) -> TextSpan:
    return TextSpan(start=start, end=end, text=text[start:end])


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop surrounding whitespace, quotation marks and the framing comma."""
    while start < end and (text[start] in _QUOTE_CHARS + ",;:" or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in _QUOTE_CHARS + ",;:" or text[end - 1].isspace()):
        end -= 1
    return start, end


# --------------------------------------------------------------------------- direct quotes

def _window(art: _Article, q: Marked) -> Span:
    """The sentences a quote touches, widened to a short attribution sentence after it ("…?” the source
    asked.") or an introducing one before it ("He said:")."""
    doc = art.doc
    first = doc.char_span(q.start, q.end, alignment_mode="expand")
    if first is None or len(first) == 0:
        return doc[0:0]
    start, end = first[0].sent.start, first[-1].sent.end
    if end < len(doc):
        nxt = doc[end].sent
        gap = art.text[q.end:nxt.start_char]
        same_paragraph = "\n" not in gap
        opens_quote = any(art.inside_quote(t.idx) for t in nxt[:3])
        if same_paragraph and not opens_quote and re.fullmatch(r"[\s\"”’'.,!?;:»]*", gap) and (
                nxt[0].is_lower or (len(nxt) <= 14 and any(is_speech_verb(t) for t in nxt[:6]))):
            end = nxt.end
    if start > 0:
        prev = doc[start - 1].sent
        if art.text[prev.start_char:q.start].rstrip(" “\"‘'\n").endswith(":") and "\n\n" not in art.text[
                prev.end_char:q.start]:
            start = prev.start
    return doc[start:end]


def _cue_for(art: _Article, q: Marked) -> Cue | None:
    window = _window(art, q)
    if len(window) == 0:
        return None
    quoted = art.doc.char_span(q.start, q.end, alignment_mode="expand")
    governors = set()
    if quoted is not None and len(quoted) > 0:
        governors = {t.i for t in quoted.root.ancestors}
    candidates: list[tuple[int, int, int, Cue]] = []
    for token in window:
        if art.inside_quote(token.idx) or not is_speech_verb(token):
            continue
        subject = subject_of(token)
        if subject is not None and art.inside_quote(subject.idx):
            subject = None
        if subject is not None and subject.ent_type_ in ("GPE", "LOC", "FAC"):
            subject = _person_near(art, subject, token) or subject
        distance = min(abs(token.idx - q.end), abs(q.start - token.idx))
        # A verb the quote hangs from in the parse beats a nearer one that merely sits beside it.
        governs = 0 if token.i in governors else 1
        candidates.append((0 if subject is not None else 1, governs, distance,
                           Cue(window.doc[token.i:token.i + 1], subject)))
    for cue, head in art.according:
        if window.start <= cue.start < window.end and not art.inside_quote(cue.start_char):
            distance = min(abs(cue.start_char - q.end), abs(q.start - cue.start_char))
            candidates.append((0, 1, distance, Cue(cue, head)))
    if not candidates:
        return None
    return min(candidates, key=lambda c: (c[0], c[1], c[2]))[3]


def _person_near(art: _Article, subject: Token, verb: Token) -> Token | None:
    """A person named just before a place subject: the parser takes "Judge Sunshine Sykes in Riverside,
    California said" for California saying it."""
    lo = max(verb.sent.start, subject.i - 12)
    people = [e for e in art.doc.ents if e.label_ == "PERSON" and lo <= e.start and e.end <= subject.i]
    return people[-1].root if people else None


def _framed_by_for(art: _Article, q: Marked) -> Token | None:
    """ "For Malian sociologist Oumar Maiga, the arrests were “proof …”": the object of a
    sentence-initial "For" that names someone is the speaker."""
    span = art.doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    sent = span[0].sent
    first = next((t for t in sent if not t.is_space), sent[0])
    if first.lower_ != "for" or first.i + 1 >= len(art.doc):
        return None
    objects = [c for c in first.children if c.dep_ == "pobj"]
    if not objects:
        return None
    head = objects[0]
    edge = head.right_edge.i
    if art.doc[edge].text != "," and (edge + 1 >= sent.end or art.doc[edge + 1].text != ","):
        return None
    if head.ent_type_ in ("PERSON", "ORG", "NORP") or head.pos_ == "PROPN" or head.tag_ in ("NN", "NNS"):
        return head
    return None


def _sentence_subject(art: _Article, q: Marked) -> Token | None:
    """The named subject of the clause a partial quote sits in: with no reporting verb, the quoted
    words are that subject's ("Cruz called Trump a “narcissist”", "she vowed to “fight on”").
    Measured on the dev quotes: speaker accuracy 0.822 -> 0.827, recall 0.559 -> 0.575."""
    span = art.doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None or len(span) == 0 or _starts_sentence(art, q):
        return None
    verb = next((t for t in [span.root, *span.root.ancestors] if t.pos_ in ("VERB", "AUX")), None)
    if verb is None or art.inside_quote(verb.idx):
        return None
    subject = subject_of(verb)
    if subject is None or art.inside_quote(subject.idx):
        return None
    if subject.ent_type_ in ("PERSON", "ORG", "NORP") or subject.lower_ in _SUBJECT_PRONOUNS:
        return subject
    return None


_SIGNATURE = re.compile(r"[\"”’']?[ \t]*[―—–-]{1,2}[ \t]*(?=\S)")  # '“…” ― Ana Ruiz': a signed quote
_LABEL = re.compile(r"[\"“]?([A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,2}):[ \t]")  # 'PENCE: …' transcripts


def _signed_by(art: _Article, q: Marked) -> Token | None:
    """The name a quote is signed with ("“…” ― Ana Ruiz") or the speaker label opening a transcript
    paragraph ("WALLACE: …") — attributions without a reporting verb."""
    doc = art.doc
    tail = _SIGNATURE.match(art.text, q.end)
    if tail is not None:
        span = doc.char_span(tail.end(), tail.end() + 1, alignment_mode="expand")
        if span is not None and len(span) and (span[0].ent_type_ in ("PERSON", "ORG") or span[0].pos_ == "PROPN"):
            ent = entity_of(span[0])
            if ent is not None:
                return ent.root
            last = span[0]
            while last.i + 1 < len(doc) and doc[last.i + 1].pos_ == "PROPN" and last.i + 1 < span[0].i + 4:
                last = doc[last.i + 1]  # an untagged name: its last word heads it
            return last
    line_start = art.text.rfind("\n", 0, q.start) + 1
    label = _LABEL.match(art.text, line_start)
    if label is not None and label.start(1) <= q.start + 2 and label.end(1) - label.start(1) >= 2:
        span = doc.char_span(label.start(1), label.end(1), alignment_mode="expand")
        if span is not None and len(span):
            return span.root
    return None


def _starts_sentence(art: _Article, q: Marked) -> bool:
    span = art.doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    before = art.text[span[0].sent.start_char:q.start]
    return not before.strip(_QUOTE_CHARS + "\n\t")


def _direct_quotes(art: _Article) -> list[Quote]:
    quotes: list[Quote] = []
    last: Quote | None = None
    last_sent_end = -1
    for q in art.marked:
        start, end = _trim(art.text, q.start, q.end)
        if end <= start:
            continue
        words = len(art.text[start:end].split())
        cue = _cue_for(art, q)
        speaker: Speaker | None = None
        cue_span: TextSpan | None = None
        if cue is not None:
            speaker = art.speaker(cue.subject)
            cue_span = _span(art.text, cue.span.start_char, cue.span.end_char)
        else:
            framer = _framed_by_for(art, q) or _signed_by(art, q)
            if framer is not None:
                speaker = art.speaker(framer)
            elif (last is not None and last.speaker is not None and _starts_sentence(art, q)
                  and _follows(art, last_sent_end, q.start)):
                speaker = last.speaker  # the quote carries on what the last speaker said
            elif (holder := _sentence_subject(art, q)) is not None:
                speaker = art.speaker(holder)  # "Cruz called him a “pathological liar”"
            elif words < _MIN_UNCUED_WORDS:
                continue
        quote = Quote(text=art.text[start:end], start=start, end=end, direct=True, speaker=speaker,
                      cue=cue_span)
        quotes.append(quote)
        last = quote
        tail = art.doc.char_span(q.start, q.end, alignment_mode="expand")
        last_sent_end = tail[-1].sent.end_char if tail is not None and len(tail) else q.end
    return quotes


def _follows(art: _Article, previous_end: int, start: int) -> bool:
    """True when nothing but quotation marks, whitespace or one short attribution separates the two."""
    between = art.text[previous_end:start]
    return len(between.strip(_QUOTE_CHARS + "\n\t")) == 0 or (
        len(between) < 200 and art.quoted_share(previous_end, start) > 0.5)


# --------------------------------------------------------------------------- indirect speech

def _parenthetical_host(verb: Token) -> Span | None:
    """The sentence around a parenthetical report: "The museum, Mr. Obama said, would make visitors …"."""
    if any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in verb.children):
        return None
    sent = verb.sent
    if verb.i == sent.start or verb.i >= sent.end - 2:
        return None  # "Said X ..." or "…, he said." (the quote-mark pass handles the latter)
    left, right = verb.left_edge.i, verb.right_edge.i
    if left == sent.start or right >= sent.end - 1:
        return None
    doc = verb.doc
    if doc[left - 1].text not in (",", "--", "—", "―") or doc[right + 1].text not in (",", "--", "—", "―"):
        return None
    return sent


def _indirect_quotes(art: _Article) -> list[Quote]:
    quotes: list[Quote] = []
    for token in art.doc:
        if not is_speech_verb(token, direct=False) or art.inside_quote(token.idx):
            continue
        clause = reported_clause(token) or _parenthetical_host(token)
        if clause is None or len(clause) < _MIN_CLAUSE_TOKENS:
            continue
        start, end = _trim(art.text, clause.start_char, clause.end_char)
        if end <= start or art.quoted_share(start, end) > 0.5:
            continue
        subject = subject_of(token)
        if subject is not None and start <= subject.idx < end:
            subject = None
        quotes.append(Quote(text=art.text[start:end], start=start, end=end, direct=False,
                            speaker=art.speaker(subject),
                            cue=_span(art.text, token.idx, token.idx + len(token.text))))
    for cue, head in art.according:
        sent = cue.sent
        phrase_end = max(cue.end, head.right_edge.i + 1)
        if cue.start - sent.start >= sent.end - phrase_end:
            start, end = sent.start_char, cue.start_char
        else:
            start, end = art.doc[phrase_end - 1].idx + len(art.doc[phrase_end - 1].text), sent.end_char
        start, end = _trim(art.text, start, end)
        while end > start and art.text[end - 1] in ".!?":
            end -= 1
        if end - start < 10 or art.quoted_share(start, end) > 0.5:
            continue
        quotes.append(Quote(text=art.text[start:end], start=start, end=end, direct=False,
                            speaker=art.speaker(head), cue=_span(art.text, cue.start_char, cue.end_char)))
    return quotes


def extract_quotes(analysis: Analysis) -> list[Quote]:
    """Every direct and indirect quotation of the article, in text order."""
    art = _Article(analysis)
    found = _direct_quotes(art) + _indirect_quotes(art)
    return sorted(found, key=lambda q: (q.start, q.end))
