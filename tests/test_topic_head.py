"""The topic head (scripts/train_topic_head.py): what it reads, how the encoder applies it, and how the
coder's relevance gate uses the topic (`learned.needed`). Sentences are invented for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from chronicle.events import learned
from chronicle.learned.encoder import MODEL_DIR, Encoder, model_fingerprint

ROOT = Path(__file__).resolve().parents[1]
TOPICS = ("political", "sport", "entertainment", "business", "science", "accident")
SPORT = {"political": 0.05, "sport": 0.9, "entertainment": 0.01, "business": 0.01, "science": 0.01,
         "accident": 0.02}
POLITICS = {"political": 0.9, "sport": 0.02, "entertainment": 0.02, "business": 0.02, "science": 0.02,
            "accident": 0.02}
SCIENCE = {"political": 0.1, "sport": 0.05, "entertainment": 0.05, "business": 0.1, "science": 0.6,
           "accident": 0.1}


@pytest.fixture
def gate(monkeypatch):
    """Set the topic gate's constants for one test."""
    def set_(**values: float) -> None:
        for name, value in values.items():
            monkeypatch.setattr(learned, name, value)
    return set_


def test_without_a_topic_the_share_alone_decides(gate):
    gate(TOPIC_GATE=3)
    assert learned.needed(0.5, None) == learned.EVENT_THRESHOLD
    assert learned.needed(0.1, None) == learned.STRICT_THRESHOLD
    gate(TOPIC_GATE=0)
    assert learned.needed(0.5, SPORT) == learned.EVENT_THRESHOLD  # off: the topic is not read


def test_each_mode_of_the_topic_gate(gate):
    gate(TOPIC_GATE=1, OFF_TOPIC_THRESHOLD=0.97)
    assert learned.needed(0.1, POLITICS) == learned.EVENT_THRESHOLD
    assert learned.needed(0.9, SCIENCE) == 0.97
    gate(TOPIC_GATE=2)
    assert learned.needed(0.1, POLITICS) == learned.EVENT_THRESHOLD  # a political lead relaxes a low share
    assert learned.needed(0.1, SCIENCE) == learned.STRICT_THRESHOLD
    assert learned.needed(0.9, SCIENCE) == learned.EVENT_THRESHOLD
    gate(TOPIC_GATE=3)
    assert learned.needed(0.9, SCIENCE) == 0.97  # a lead that is not political tightens a high share
    assert learned.needed(0.1, POLITICS) == learned.STRICT_THRESHOLD
    assert learned.needed(0.9, POLITICS) == learned.EVENT_THRESHOLD
    gate(QUIET_MIN=0.5, QUIET_THRESHOLD=1.01)
    assert learned.needed(0.9, SPORT) == 1.01  # a match report: no event at all
    assert "reads as sport" in learned.irrelevance(learned.Scores({"NONE": 0.01}, {}), 0.9, SPORT)


def test_the_labelled_articles_are_complete_and_licensed():
    rows = [json.loads(line) for line in (ROOT / "training" / "topics" / "articles.jsonl").read_text(
        encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) >= 600 and len({r["id"] for r in rows}) == len(rows)
    assert {r["topic"] for r in rows} == set(TOPICS)
    for r in rows:
        assert r["text"].strip() and r["licence"] and r["source"] and r["labeller"]
    # never the measurement set of training/negatives
    measured = {json.loads(line)["title"].strip().lower() for line in (
        ROOT / "training" / "negatives" / "wikinews_topics.jsonl").read_text(encoding="utf-8").splitlines()}
    assert not measured & {(r["title"] or "").strip().lower() for r in rows}


def _model_copy(tmp_path: Path) -> Path:
    for name in ("encoder.onnx", "meta.json", "tokenizer.json", "trigger_head.npz", "acled_head.npz"):
        if (MODEL_DIR / name).exists():
            (tmp_path / name).symlink_to(MODEL_DIR / name)
    return tmp_path


@pytest.mark.model
def test_the_encoder_reads_a_fitted_topic_head_and_refuses_a_stale_one(tmp_path):
    model = _model_copy(tmp_path)
    assert Encoder(model).topic(["Police arrested ten protesters."]) is None  # no head, no topic
    dim = Encoder(model).sentence_vectors(["x"]).shape[1]
    bias = np.full(len(TOPICS), -3.0, dtype=np.float32)
    bias[TOPICS.index("sport")] = 3.0
    head = {"weight": np.zeros((dim, len(TOPICS)), np.float32), "bias": bias, "labels": np.array(TOPICS)}
    np.savez(model / "topic_head.npz", **head, encoder=np.array(model_fingerprint(model)))
    topic = Encoder(model).topic(["United beat City 2-0.", "The striker shot past the keeper."])
    assert topic is not None and max(topic, key=topic.__getitem__) == "sport"
    assert abs(sum(topic.values()) - 1.0) < 1e-5
    assert Encoder(model).topic([]) is None
    np.savez(model / "topic_head.npz", **head, encoder=np.array("0123456789abcdef"))
    with pytest.raises(ValueError, match=r"train_topic_head\.py"):
        Encoder(model)


@pytest.mark.model
def test_the_lead_is_the_title_and_the_first_counted_sentences():
    from chronicle.events.code import lead
    from chronicle.nlp.model import load_nlp

    doc = load_nlp()("By staff reporters. Police arrested ten protesters in the capital on Friday. "
                     "The protesters had marched to parliament. Officials said the march was illegal. "
                     "More marches are planned for next week.")
    got = lead("Ten protesters arrested", list(doc.sents))
    assert got[0] == "Ten protesters arrested" and len(got) == 1 + learned.TOPIC_LEAD
    assert got[1].startswith("Police arrested")  # the byline is no counted sentence
    assert lead(None, list(doc.sents))[0].startswith("Police arrested")
