"""scripts/eval_pending.py: the coder on labelled articles no shipped encoder has trained on."""

from __future__ import annotations

import pytest
from helpers import script


def test_pending_batches_are_whole_articles_outside_the_corpus():
    pending = script("eval_pending")
    from training.build_corpus import BATCHES

    stems = pending.pending_batches()
    assert stems and "fetched7" in stems and "fetched8" in stems
    trained = {labels.removesuffix(".labels.jsonl") for labels, *_ in BATCHES}
    assert not trained & set(stems)
    docs, gold, group = pending.load(["fetched8"])
    assert len(docs) == len(gold) == 28 and {"A-culture", "B-sport", "D-other"} == set(group.values())
    assert all(text in next(d["text"] for d in docs if d["id"] == doc) for doc, sents in gold.items()
               for text, _, _ in sents)


def test_an_event_finds_every_sentence_it_reports_through_its_mentions():
    pending = script("eval_pending")
    gold = {"a": [("Rebels shelled the town.", {"ASSAULT"}, None), ("The match ended 2-1.", set(), None),
                  ("Shelling went on overnight.", {"ASSAULT"}, None), ("The mayor condemned it.", {"ACCUSE"}, None)]}
    merged = {"type": "ASSAULT", "sentences": ["Rebels shelled the town.", "Shelling went on overnight."]}
    wrong = {"type": "PROTEST", "sentences": ["The match ended 2-1."]}
    assert pending.score({"a": [merged]}, gold) == {"events": 1, "precision": 1.0, "recall": 0.667, "f1": 0.8}
    assert pending.score({"a": [merged, wrong]}, gold)["precision"] == 0.5
    assert pending.score({}, gold) == {"events": 0, "precision": 0.0, "recall": 0.0, "f1": 0.0}
    rows = pending.report({"a": [merged, wrong]}, gold, {"a": "B-sport"})
    assert rows[-1]["group"] == "all" and rows[-1]["events_per_article"] == 2.0 and rows[-1]["articles_with_event"] == 1


@pytest.mark.model
@pytest.mark.slow
def test_the_shipped_coder_is_quiet_on_pending_sport_and_culture(capsys):
    pending = script("eval_pending")
    assert pending.main(["--batches", "fetched8"]) == 0
    out = capsys.readouterr().out
    sport = next(line for line in out.splitlines() if line.startswith("| B-sport |"))
    events_per_article = float(sport.split("|")[4].split("(")[1].split(";")[0])
    assert events_per_article <= 0.3, sport
