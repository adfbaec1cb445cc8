"""Shared fixtures. `nlp` is the real English model (tests using it are marked `model`).

`store` is a real DuckDB store in tmp_path holding `store_articles` (article_a and article_b by default;
a test module overrides `store_articles`, or `store` itself, for other contents); `client` is the real
HTTP API over `store` through Starlette's TestClient, writing allowed with `helpers.TOKEN`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import spacy
from browser_helpers import ARGS, CHROMIUM
from helpers import TOKEN
from spacy.language import Language

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

    from chronicle.records import Article
    from chronicle.store import Store

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


@pytest.fixture
def store_articles() -> list[Article]:
    """What `store` holds; override in a test module to change it."""
    from fixtures.store.builders import article_a, article_b

    return [article_a(), article_b()]


@pytest.fixture
def store(tmp_path: Path, store_articles: list[Article]) -> Iterator[Store]:
    from chronicle.store import Store

    with Store.open(str(tmp_path / "store.duckdb")) as s:
        s.ingest(store_articles)
        yield s


@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    from fastapi.testclient import TestClient

    from chronicle.api import Settings, create_app

    with TestClient(create_app(store, Settings(token=TOKEN))) as c:
        yield c
