"""The keep head (scripts/train_keep_head.py; chronicle.events.learned.KEEP_MIN): which candidate events
the coder keeps, read from what the encoder and the rules say about each. Sentences are invented."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
import pytest

from chronicle.events import code_events, learned
from chronicle.events.code import code_events_explained
from chronicle.learned.encoder import MODEL_DIR, Encoder, Scores, load_encoder
from chronicle.nlp.analysis import analyse_text

ROOT = Path(__file__).resolve().parents[1]
TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
         "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")


def _scores(event: float, best: str, word: dict[str, float] | None = None) -> Scores:
    plover = dict.fromkeys(TYPES, event * 0.1 / (len(TYPES) - 1))
    plover[best] = event * 0.9
    plover["NONE"] = 1.0 - event
    return Scores(plover, {"none": 1.0}, (word,) if word else ())


def test_features_follow_their_names_and_read_the_trigger_word():
    word = dict.fromkeys(TYPES, 0.0) | {"COERCE": 0.6, "NONE": 0.4}
    article = learned.Reading(share=0.3, mean=0.25, top=0.99, counted=20)
    f = learned.keep_features(_scores(0.8, "COERCE", word), 0, "COERCE", article, fallback=False, actor=True,
                              recipient=False, unlicensed=False, rule_events=7)
    assert len(f) == len(learned.KEEP_FEATURES)
    assert f[0] == pytest.approx(math.log(0.8 / 0.2)) and f[1] == pytest.approx(math.log(0.6 / 0.4))
    assert f[2] == pytest.approx(0.72) and f[3] == pytest.approx(0.6)
    assert f[4:8] == pytest.approx((0.3, 0.25, 0.99, math.log(21)))
    assert f[8:] == (0.0, 1.0, 0.0, 0.0, 4.0)  # rule events counted up to four
    # without a trigger word the sentence's figures stand for it
    g = learned.keep_features(_scores(0.8, "COERCE"), None, "COERCE", article, fallback=True, actor=False,
                              recipient=False, unlicensed=False, rule_events=0)
    assert g[1] == pytest.approx(g[0]) and g[3] == pytest.approx(g[2]) and g[8] == 1.0


def test_probability_is_the_logistic_of_the_head():
    weight = np.zeros((2, 2), dtype=np.float32)
    weight[0, 1] = 1.0
    head = (weight, np.array([0.0, -1.0], dtype=np.float32))
    assert learned.keep_probability(head, (1.0, 5.0)) == pytest.approx(0.5)
    assert learned.keep_probability(head, (3.0, 0.0)) == pytest.approx(1 / (1 + math.exp(-2.0)))


def test_a_quiet_article_still_needs_a_sure_sentence():
    busy = learned.Reading(share=learned.ARTICLE_SHARE, mean=0.3, top=0.9, counted=10)
    quiet = learned.Reading(share=learned.ARTICLE_SHARE - 0.01, mean=0.05, top=0.9, counted=10)
    middling = _scores((learned.EVENT_THRESHOLD + learned.STRICT_THRESHOLD) / 2, "COERCE")
    assert learned.keep_needed(middling, busy) == learned.KEEP_MIN
    assert learned.keep_needed(middling, quiet) == max(learned.KEEP_MIN, learned.KEEP_QUIET)
    assert learned.keep_needed(_scores(learned.STRICT_THRESHOLD, "COERCE"), quiet) == learned.KEEP_MIN
    # a text too short to be an article has no quiet article around its sentence
    short = learned.Reading(share=0.0, mean=0.05, top=0.9, counted=int(learned.SHORT_TEXT))
    assert learned.keep_needed(middling, short) == learned.KEEP_MIN


def test_the_shipped_head_fits_its_features_and_its_encoder():
    head = load_encoder().keep_head
    assert head is not None
    weight, bias = head
    assert weight.shape == (len(learned.KEEP_FEATURES), 2) and bias.shape == (2,)


def test_a_head_fitted_on_another_encoder_is_refused(tmp_path):
    for name in ("encoder.onnx", "meta.json", "tokenizer.json", "trigger_head.npz"):
        (tmp_path / name).symlink_to(MODEL_DIR / name)
    with np.load(MODEL_DIR / "keep_head.npz") as saved:
        np.savez(tmp_path / "keep_head.npz", **{k: saved[k] for k in saved.files if k != "encoder"},
                 encoder=np.array("0123456789abcdef"))
    with pytest.raises(ValueError, match=r"train_keep_head\.py"):
        Encoder(tmp_path)


@pytest.mark.model
def test_the_head_decides_and_says_why(nlp, monkeypatch):
    text = "Police arrested 40 protesters in the capital on Monday."
    kept = code_events(analyse_text(nlp, text))
    assert [e.type for e in kept] == ["COERCE"]
    # a head that trusts nothing lets every candidate go, with its figure
    monkeypatch.setattr(learned, "KEEP_MIN", 0.999)
    events, rejected = code_events_explained(analyse_text(nlp, text))
    assert events == []
    assert any(r.text == "arrested" and r.detail.startswith("keep head p(right)") for r in rejected)
    # above 1 the head is not used: the thresholds decide as before it
    monkeypatch.setattr(learned, "KEEP_MIN", 1.01)
    assert [e.type for e in code_events(analyse_text(nlp, text))] == ["COERCE"]


@pytest.mark.model
def test_fitting_script_separates_right_from_wrong_candidates():
    sys.path.insert(0, str(ROOT / "scripts"))
    from train_keep_head import Candidate, figures, probabilities

    rng = np.random.default_rng(1)
    gold = {"d": [("Troops shelled the town.", {"ASSAULT"}, None), ("The talks went on.", set(), None)]}
    right = [Candidate("d", "Troops shelled the town.", "ASSAULT", tuple(rng.normal(2, 1, 13)), True, True)
             for _ in range(40)]
    wrong = [Candidate("d", "The talks went on.", "CONSULT", tuple(rng.normal(-2, 1, 13)), False, True)
             for _ in range(40)]
    p = probabilities(right + wrong, right + wrong, 1.0)
    assert (p[:40] > 0.5).mean() > 0.9 and (p[40:] < 0.5).mean() > 0.9
    n, precision, recall = figures(right[:1] + wrong[:1], gold)
    assert (n, precision, recall) == (2, 0.5, 1.0)


SEARCHED = "The opposition said the election could not be free following the arrest of its leader by police."


@pytest.mark.model
def test_the_search_asks_about_content_verbs_and_the_lexicons_event_nouns(nlp):
    from chronicle.events.code import search_words
    from chronicle.events.lexicon import load_lexicon

    sent = next(iter(analyse_text(nlp, SEARCHED).doc.sents))
    words = [t.text for t in search_words(sent, [], load_lexicon())]
    assert "arrest" in words
    assert "said" not in words  # a verb of saying
    assert not {"opposition", "leader", "police"} & set(words)  # nouns that name no event


@pytest.mark.model
def test_a_searched_word_carries_an_event_with_its_parties_when_the_head_keeps_it(nlp):
    from chronicle.events import code
    from chronicle.events.lexicon import load_lexicon

    analysis = analyse_text(nlp, SEARCHED)
    sent = next(iter(analysis.doc.sents))
    found = code.search_words(sent, [], load_lexicon())
    spans = code._asked_spans(analysis.doc, sent, [code._verb_trigger(w) for w in found])
    scores = load_encoder().score([sent.text.strip()], [spans])[0]
    busy = learned.Reading(share=0.5, mean=0.5, top=0.99, counted=10)
    judge = code._keep_judge()  # the shipped head
    (event,) = [c.event for c in code._searched(analysis, sent, found, 0, scores, busy, judge, [])]
    assert (event.type, event.trigger.text) == ("COERCE", "arrest")
    assert [a.text for a in event.actor] == ["police"] and [r.text for r in event.recipient] == ["its leader"]
    # a sentence this sure keeps its event in a quiet article too; one under STRICT_THRESHOLD would not
    quiet = learned.Reading(share=0.0, mean=0.0, top=scores.event, counted=10)
    assert scores.event >= learned.STRICT_THRESHOLD
    assert len(code._searched(analysis, sent, found, 0, scores, quiet, judge, [])) == 1
    unsure = Scores({**scores.plover, "NONE": 0.5}, scores.acled, scores.triggers)
    assert code._searched(analysis, sent, found, 0, unsure, quiet, judge, []) == []


UNASKED = "Relief supplies reached the flooded districts on Tuesday, the ministry said."


@pytest.mark.model
def test_a_text_too_short_for_an_article_is_searched_where_no_candidate_asked(nlp, monkeypatch):
    # no rule trigger and no main verb with a party for subject: only the search reads this sentence
    assert [(e.type, e.trigger.text) for e in code_events(analyse_text(nlp, UNASKED))] == [("AID", "Relief")]
    monkeypatch.setattr(learned, "SHORT_TEXT", 0)
    assert code_events(analyse_text(nlp, UNASKED)) == []
    monkeypatch.undo()
    # in an article the sentence is left alone: the article's other sentences say what it is about
    article = ("The river rose two metres overnight after a week of rain. Schools in the valley stayed closed. "
               "Forecasters expect drier weather by the weekend. " + UNASKED)
    assert code_events(analyse_text(nlp, article)) == []
