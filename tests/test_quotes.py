"""Quotations: quotation-mark pairing (no model) and attribution on invented news text (real model)."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shared_paths import SHARED
from spacy.language import Language

from chronicle.nlp.analysis import analyse_text
from chronicle.quotes import extract_quotes
from chronicle.quotes.marks import quoted_spans
from chronicle.records import Entity, Quote

SEED = SHARED / "seed" / "000_78ac4808e78a0a33.txt"
SEED_GOLD = SHARED / "seed" / "gold.json"


def _marked(text: str) -> list[str]:
    return [text[q.start:q.end] for q in quoted_spans(text)]


def test_curly_and_straight_quotes_pair() -> None:
    assert _marked("“We will stay,” he said. He called it \"a farce\".") == ["We will stay,", "a farce"]


def test_apostrophes_are_not_quote_marks() -> None:
    assert _marked("Chad’s army didn't move. President Ruto ‘s office and the ’90s wars.") == []


def test_single_quotes_pair_when_they_enclose_words() -> None:
    assert _marked("The minister called it ‘a betrayal of trust’ on Friday.") == ["a betrayal of trust"]


def test_unclosed_quote_ends_at_paragraph_and_reopens() -> None:
    text = "“First paragraph of the statement.\n“Second paragraph,” she said."
    assert _marked(text) == ["First paragraph of the statement.", "Second paragraph,"]


def test_odd_marks_never_raise() -> None:
    for text in ['"', '”', '“ “ ”', "''", '"a" "', "‘", "'tis ‘ ’ '"]:
        for q in quoted_spans(text):
            assert 0 <= q.start <= q.end <= len(text)


def _quotes(nlp: Language, text: str, entities: list[Entity] | None = None) -> list[Quote]:
    analysis = analyse_text(nlp, text)
    if entities:
        analysis.article.entities = entities
    quotes = extract_quotes(analysis)
    for q in quotes:
        assert text[q.start:q.end] == q.text
        if q.speaker is not None and q.speaker.start is not None and q.speaker.end is not None:
            assert text[q.speaker.start:q.speaker.end] == q.speaker.text
        if q.cue is not None:
            assert text[q.cue.start:q.cue.end] == q.cue.text
    return quotes


def _find(quotes: list[Quote], fragment: str, direct: bool | None = None) -> Quote:
    for q in quotes:
        if fragment in q.text and (direct is None or q.direct == direct):
            return q
    raise AssertionError(f"no quote containing {fragment!r} in {[q.text for q in quotes]}")


@pytest.mark.model
def test_cue_after_quote_and_inverted_cue(nlp: Language) -> None:
    text = ("“The border will stay closed until further notice,” Interior Minister Amina Diallo said on Tuesday.\n"
            "“We have no choice,” said Karim Osei, a port official.")
    quotes = _quotes(nlp, text)
    first = _find(quotes, "border will stay closed")
    assert first.direct and first.speaker is not None and first.cue is not None
    assert "Diallo" in (first.speaker.name or "") and first.cue.text == "said"
    assert first.text.endswith("notice")  # the framing comma is not part of the quote
    second = _find(quotes, "We have no choice")
    assert second.speaker is not None and "Osei" in (second.speaker.name or "")


@pytest.mark.model
def test_cue_before_quote_with_colon(nlp: Language) -> None:
    text = "The general told reporters: “Our troops will not withdraw from the northern towns.”"
    q = _find(_quotes(nlp, text), "Our troops will not withdraw")
    assert q.speaker is not None and "general" in q.speaker.text and q.cue is not None and q.cue.text == "told"


@pytest.mark.model
def test_split_quote_and_pronoun_speaker(nlp: Language) -> None:
    text = ("Judge Maria Okafor issued the ruling on Friday.\n"
            "“The agency acted beyond its powers,” she wrote. “It ignored the statute for months and must now "
            "restore the permits.”")
    quotes = _quotes(nlp, text)
    first, second = _find(quotes, "beyond its powers"), _find(quotes, "ignored the statute")
    for q in (first, second):
        assert q.speaker is not None and q.speaker.text == "she" and "Okafor" in (q.speaker.name or "")
    assert first.cue is not None and first.cue.text == "wrote"


@pytest.mark.model
def test_continuation_paragraph_gets_previous_speaker(nlp: Language) -> None:
    text = ("“The harvest has failed in three provinces,” said aid worker Tomas Lindqvist.\n"
            "“Families are selling their livestock to buy grain. Many will not survive the winter.”")
    q = _find(_quotes(nlp, text), "Families are selling")
    assert q.speaker is not None and "Lindqvist" in (q.speaker.name or "")
    assert "Many will not survive" in q.text  # multi-sentence quote kept whole


@pytest.mark.model
def test_partial_quote_inside_sentence(nlp: Language) -> None:
    text = "Opposition leader Rafael Moreno said the vote count was “a shameless fraud” and demanded a recount."
    quotes = _quotes(nlp, text)
    partial = _find(quotes, "a shameless fraud", direct=True)
    assert partial.speaker is not None and "Moreno" in (partial.speaker.name or "")


@pytest.mark.model
def test_partial_quote_without_cue_belongs_to_the_clause_subject(nlp: Language) -> None:
    text = ("The mayor spoke first. Senator Lydia Okafor then called the budget “a betrayal of "
            "working families” and walked out.")
    q = _find(_quotes(nlp, text), "a betrayal of")
    assert q.speaker is not None and "Okafor" in (q.speaker.name or "") and q.cue is None


@pytest.mark.model
def test_relative_pronoun_is_the_mention_and_its_noun_the_name(nlp: Language) -> None:
    text = ("The plan was criticised by Governor Amara Diallo, who said the new tolls would hurt "
            "farmers across the region.")
    q = _find(_quotes(nlp, text), "the new tolls would hurt", direct=False)
    assert q.speaker is not None and q.speaker.text == "who" and "Diallo" in (q.speaker.name or "")


@pytest.mark.model
def test_signed_quote_and_transcript_label(nlp: Language) -> None:
    text = ("Readers wrote in after the debate.\n"
            "“The candidates never talked about rents in this city, not once.” ― Marisol Etxeberria\n"
            "Partial transcript:\n"
            "“OKONKWO: We will not raise the fuel levy this year, whatever the treasury says.”")
    quotes = _quotes(nlp, text)
    signed = _find(quotes, "talked about rents")
    assert signed.speaker is not None and "Etxeberria" in (signed.speaker.name or "")
    labelled = _find(quotes, "fuel levy")
    assert labelled.speaker is not None and labelled.speaker.text == "OKONKWO"


@pytest.mark.model
def test_for_x_framing_without_cue_verb(nlp: Language) -> None:
    text = ("For Kenyan economist Grace Wanjiru, the new levy was “a tax on the poorest households in the "
            "country.”")
    q = _find(_quotes(nlp, text), "a tax on the poorest")
    assert q.speaker is not None and "Wanjiru" in (q.speaker.name or "") and q.cue is None


@pytest.mark.model
def test_indirect_speech(nlp: Language) -> None:
    text = ("The foreign minister said that the talks had failed. Police said the crowd dispersed peacefully. "
            "According to a senior diplomat, the embassy will reopen next month.")
    quotes = _quotes(nlp, text)
    failed = _find(quotes, "the talks had failed", direct=False)
    assert failed.speaker is not None and "minister" in failed.speaker.text and failed.cue is not None
    crowd = _find(quotes, "the crowd dispersed peacefully", direct=False)
    assert crowd.speaker is not None and crowd.speaker.text == "Police"
    embassy = _find(quotes, "the embassy will reopen", direct=False)
    assert embassy.speaker is not None and "diplomat" in embassy.speaker.text
    assert embassy.cue is not None and embassy.cue.text == "According to"


@pytest.mark.model
def test_speaker_resolved_to_article_entity(nlp: Language) -> None:
    text = "Farah Haddad was elected in May. Haddad said the budget would be cut."
    entity = Entity(id="e1", text="Farah Haddad", label="PERSON", start=0, end=12, name="Farah Haddad",
                    mentions=[[0, 12], [33, 39]])
    q = _find(_quotes(nlp, text, [entity]), "budget would be cut")
    assert q.speaker is not None and q.speaker.entity == "e1" and q.speaker.name == "Farah Haddad"
    assert q.speaker.text == "Haddad"


@pytest.mark.model
def test_scare_quotes_and_apostrophes_do_not_make_quotes(nlp: Language) -> None:
    text = "Mali’s junta rejected the ‘terror’ label. President Obi ‘s office didn't comment."
    assert [q for q in _quotes(nlp, text) if q.direct] == []


@pytest.mark.model
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from([*"ab .,\n\"“”‘’'", "said ", "She ", "Ali ", "that ", "Mali’s "]),
                max_size=40).map("".join) | st.text(max_size=80))
def test_never_raises_and_offsets_hold(nlp: Language, text: str) -> None:
    for q in extract_quotes(analyse_text(nlp, text)):
        assert 0 <= q.start <= q.end <= len(text) and text[q.start:q.end] == q.text


@pytest.mark.model
@pytest.mark.skipif(not (SEED.exists() and SEED_GOLD.exists()), reason="needs /work/shared")
def test_seed_quotes(nlp: Language) -> None:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    quotes = _quotes(nlp, "\n".join(lines[11:33])) + _quotes(nlp, "\n".join(lines[47:58]))
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    for article in gold["articles"]:
        for expected in article["quotes"]:
            q = _find(quotes, expected["contains"])
            assert q.speaker is not None, expected
            said = f"{q.speaker.text} {q.speaker.name}".lower()
            assert any(s.lower() in said for s in expected["speaker_contains"]), (expected, q.speaker)
