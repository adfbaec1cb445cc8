"""Article-level event F1 on hand-labelled Wikinews articles (tests/fixtures/events/articles_gold.jsonl).

Runs the real `chronicle extract` and scores it as scripts/eval_articles.py does (docevents rules).
Measured 0.738 when written (rules alone); 0.511 with the shipped encoder. F1_FLOOR sits just under the
latest measurement; the project's target for articles (docs/MEASUREMENTS.md) is higher.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import script

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "fixtures" / "events" / "articles_gold.jsonl"

pytestmark = [pytest.mark.model, pytest.mark.slow]

# Just under the measured F1 0.511 (recall 0.351, precision 0.933; 37 gold events, 15 judged predictions):
# `.venv/bin/python scripts/eval_articles.py`, as docs/MEASUREMENTS.md. Raise it when the measure rises;
# never lower it silently.
F1_FLOOR = 0.50


def test_gold_offsets_hold() -> None:
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        for ev in doc["gold"]["events"] + doc["gold"]["ignored"]:
            t = ev["trigger"]
            assert doc["text"][t["start"]:t["end"]] == t["text"]
            assert ev["sentence"]["start"] <= t["start"] and t["end"] <= ev["sentence"]["end"]


def test_article_f1_stays_above_half(tmp_path: Path) -> None:
    ev = script("eval_articles")
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    m = ev.score(gold, ev.extract(GOLD, tmp_path / "articles.jsonl"))
    assert m["gold"] >= 30
    assert m["f1"] >= F1_FLOOR, m
