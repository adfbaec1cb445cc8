"""Shared fixtures. `nlp` is the real English model (tests using it are marked `model`)."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def nlp() -> Language:
    from chronicle.nlp.model import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def blank_nlp() -> Language:
    return spacy.blank("en")


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
