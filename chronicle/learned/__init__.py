"""Learned event-type scores for one sentence (model `learned.linear.v1`).

Reads a parsed sentence (a spaCy `Span` from the pipeline's Doc: lemmas, tags,
dependency arcs, entities) and returns a probability for each of the 16 PLOVER
event types and "NONE" (no event). The rule coder (chronicle.events) can fall
back on it where its trigger lexicon runs out. The model is a softmax
regression over sparse lemma / dependency features (chronicle.learned.features),
trained by scripts/train_event_classifier.py on training/events.jsonl and
shipped as chronicle/data/learned/event_types.npz; it is loaded once, lazily.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from spacy.tokens import Span

from chronicle.learned.features import sentence_features
from chronicle.learned.model import LinearModel, load_model

MODEL_NAME = "learned.linear.v1"
EVENT_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
               "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
LABELS = (*EVENT_TYPES, "NONE")
MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "learned" / "event_types.npz"


@cache
def load_event_model() -> LinearModel:
    """The shipped model, read once per process."""
    return load_model(MODEL_PATH)


def event_type_scores(sentence: Span) -> dict[str, float]:
    """Probability of each PLOVER event type and of "NONE" for `sentence`; the values sum to 1."""
    model = load_event_model()
    probs = model.probabilities(sentence_features(sentence))
    return {label: float(p) for label, p in zip(model.labels, probs, strict=True)}


__all__ = ["EVENT_TYPES", "LABELS", "MODEL_NAME", "event_type_scores", "load_event_model"]
