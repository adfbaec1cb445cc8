"""The seed article's expected entities (../shared/seed/gold.json), on the real text with the real model."""

from __future__ import annotations

import json
import re

import pytest
from shared_paths import SHARED
from spacy.language import Language

from chronicle.actors.resolve import resolve_entities
from chronicle.nlp.analysis import analyse_text

SEED = SHARED / "seed"
pytestmark = [pytest.mark.model, pytest.mark.skipif(not SEED.exists(), reason="needs /work/shared/seed")]


def _bodies() -> list[str]:
    """Both article bodies: from after the dateline to the blank lines before the next headline."""
    raw = (SEED / "000_78ac4808e78a0a33.txt").read_text(encoding="utf-8")
    out = []
    for dateline in ("BAMAKO: ", "CALIFRONIA: "):
        start = raw.index(dateline) + len(dateline)
        gap = re.compile(r"\n\s*\n\s*\n").search(raw, start)
        out.append(raw[start:gap.start() if gap else len(raw)])
    return out


def _tokens(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower().replace("é", "e")))


@pytest.mark.parametrize("index", [0, 1])
def test_seed_entities(nlp: Language, index: int) -> None:
    gold = json.loads((SEED / "gold.json").read_text(encoding="utf-8"))["articles"][index]["entities"]
    body = _bodies()[index]
    analysis = analyse_text(nlp, body, article_id=f"seed{index}")
    try:
        from chronicle.geo.resolve import resolve_places
    except ImportError:  # the geo stage is optional for this stage's logic
        pass
    else:
        analysis.article.places = resolve_places(analysis)
    entities = resolve_entities(analysis)
    missing = []
    for g in gold:
        sectors = set(g["sector"] or [])
        ok = any(_tokens(g["name"]) <= _tokens(f"{e.name} {e.text}") and e.country == g["country"]
                 and (not sectors or sectors & {e.sector, *e.other_sectors}) for e in entities)
        if not ok:
            missing.append(g["name"])
    assert missing == []
    for e in entities:
        assert body[e.start:e.end] == e.text
        assert all(body[s:t] for s, t in e.mentions)
