"""scripts/eval_parties.py: the coder's actors and recipients against the labelled parties of whole articles."""

from __future__ import annotations

import pytest
from helpers import script


def test_a_side_is_right_swapped_missing_or_someone_else():
    parties = script("eval_parties")
    coded = {"actor": ["Kenyan police"], "recipient": ["the protesters"]}
    assert parties.judge_side(coded, "actor", "police officers") == "right"
    assert parties.judge_side(coded, "recipient", "police") == "swapped"
    assert parties.judge_side(coded, "recipient", "students") == "other"
    assert parties.judge_side({"actor": ["police"], "recipient": []}, "recipient", "students") == "missing"
    # function words alone never make a match: "the" in both spans is no shared party
    assert parties.judge_side({"actor": ["the army"], "recipient": []}, "actor", "the rebels") == "other"


def test_each_labelled_event_found_is_judged_on_the_sides_its_label_fills():
    parties = script("eval_parties")
    gold = {"a": [{"sentence": "Police arrested ten students in Nairobi.", "type": "COERCE", "actor": "Police",
                   "recipient": "ten students"},
                  {"sentence": "The minister condemned the arrests.", "type": "ACCUSE", "actor": "The minister",
                   "recipient": ""},
                  {"sentence": "Rebels shelled the town.", "type": "ASSAULT", "actor": "Rebels",
                   "recipient": "the town"}]}
    pred = {"a": [{"type": "COERCE", "sentences": ["Police arrested ten students in Nairobi."],
                   "actor": ["Police"], "recipient": []},
                  {"type": "ACCUSE", "sentences": ["The minister condemned the arrests."],
                   "actor": ["The minister"], "recipient": ["the arrests"]},
                  {"type": "PROTEST", "sentences": ["Rebels shelled the town."], "actor": ["Rebels"], "recipient": []}]}
    counts, judged = parties.judge(pred, gold)
    assert counts["labelled"] == 3 and counts["found"] == 2  # the shelling was coded as another type
    assert counts["actor:right"] == 2 and counts["recipient:missing"] == 1 and counts["recipient:extra"] == 1
    assert {(j["side"], j["kind"]) for j in judged} == {("actor", "right"), ("recipient", "missing")}


def test_batches_split_into_trained_and_pending():
    parties = script("eval_parties")
    from training.build_corpus import BATCHES, PENDING

    trained, pending = parties.whole_article_batches()
    assert "fetched4" in trained and "fetched7" in pending and not set(trained) & set(pending)
    assert {s + ".labels.jsonl" for s in trained} <= {b[0] for b in BATCHES}
    assert {s + ".labels.jsonl" for s in pending} <= {b[0] for b in PENDING}
    docs, gold = parties.load(["fetched7"])
    assert len(docs) == 28 and sum(len(v) for v in gold.values()) == 462


@pytest.mark.model
@pytest.mark.slow
def test_the_coder_names_most_labelled_actors_of_the_events_it_finds(capsys):
    parties = script("eval_parties")
    assert parties.main(["--batches", "fetched7"]) == 0
    row = next(line for line in capsys.readouterr().out.splitlines() if "| actor |" in line)
    right = float(row.split("|")[5])
    assert right >= 0.7, row
