"""Article-level event F1 on hand-labelled Wikinews articles (tests/fixtures/events/articles_gold.jsonl).

Runs the real `chronicle extract` and scores it as scripts/eval_articles.py does (docevents rules).
Measured 0.738 when written; the floor is the project's bar for the hidden article set.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "fixtures" / "events" / "articles_gold.jsonl"

pytestmark = [pytest.mark.model, pytest.mark.slow]


def _eval_module():
    spec = importlib.util.spec_from_file_location("eval_articles", ROOT / "scripts" / "eval_articles.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_gold_offsets_hold() -> None:
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        for ev in doc["gold"]["events"] + doc["gold"]["ignored"]:
            t = ev["trigger"]
            assert doc["text"][t["start"]:t["end"]] == t["text"]
            assert ev["sentence"]["start"] <= t["start"] and t["end"] <= ev["sentence"]["end"]


def test_article_f1_stays_above_half(tmp_path: Path) -> None:
    ev = _eval_module()
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    m = ev.score(gold, ev.extract(GOLD, tmp_path / "articles.jsonl"))
    assert m["gold"] >= 30
    assert m["f1"] >= 0.5, m
