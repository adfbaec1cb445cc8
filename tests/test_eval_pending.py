"""scripts/eval_pending.py: the coder on labelled articles no shipped encoder has trained on."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "eval_pending.py"


def _script() -> ModuleType:
    for path in (str(SCRIPT.parents[1]), str(SCRIPT.parent)):
        if path not in sys.path:
            sys.path.insert(0, path)
    spec = importlib.util.spec_from_file_location("eval_pending", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_pending_batches_are_whole_articles_outside_the_corpus():
    script = _script()
    from training.build_corpus import BATCHES

    stems = script.pending_batches()
    assert stems and "fetched5" in stems and "fetched6" in stems
    trained = {labels.removesuffix(".labels.jsonl") for labels, *_ in BATCHES}
    assert not trained & set(stems)
    docs, gold, group = script.load(["fetched6"])
    assert len(docs) == len(gold) == 27 and {"A-culture", "B-sport", "D-other"} == set(group.values())
    assert all(text in next(d["text"] for d in docs if d["id"] == doc) for doc, sents in gold.items()
               for text, _, _ in sents)


def test_an_event_finds_every_sentence_it_reports_through_its_mentions():
    script = _script()
    gold = {"a": [("Rebels shelled the town.", {"ASSAULT"}, None), ("The match ended 2-1.", set(), None),
                  ("Shelling went on overnight.", {"ASSAULT"}, None), ("The mayor condemned it.", {"ACCUSE"}, None)]}
    merged = {"type": "ASSAULT", "sentences": ["Rebels shelled the town.", "Shelling went on overnight."]}
    wrong = {"type": "PROTEST", "sentences": ["The match ended 2-1."]}
    assert script.score({"a": [merged]}, gold) == {"events": 1, "precision": 1.0, "recall": 0.667, "f1": 0.8}
    assert script.score({"a": [merged, wrong]}, gold)["precision"] == 0.5
    assert script.score({}, gold) == {"events": 0, "precision": 0.0, "recall": 0.0, "f1": 0.0}
    rows = script.report({"a": [merged, wrong]}, gold, {"a": "B-sport"})
    assert rows[-1]["group"] == "all" and rows[-1]["events_per_article"] == 2.0 and rows[-1]["articles_with_event"] == 1


@pytest.mark.model
@pytest.mark.slow
def test_the_shipped_coder_is_quiet_on_pending_sport_and_culture(capsys):
    script = _script()
    assert script.main(["--batches", "fetched6"]) == 0
    out = capsys.readouterr().out
    sport = next(line for line in out.splitlines() if line.startswith("| B-sport |"))
    events_per_article = float(sport.split("|")[4].split("(")[1].split(";")[0])
    assert events_per_article <= 0.3, sport
