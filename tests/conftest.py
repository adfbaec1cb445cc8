"""Shared fixtures. `nlp` is the real English model (tests using it are marked `model`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import spacy
from browser_helpers import ARGS, CHROMIUM
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


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Debian Chromium driven by Playwright (the dashboard's browser tests skip without it)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()
