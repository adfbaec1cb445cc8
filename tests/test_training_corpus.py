"""The labelled corpus tools of training/: the held-out split and the label checks."""

from __future__ import annotations

import json
from pathlib import Path

from chronicle.learned.encoder import load_encoder
from training.build_corpus import apply_conventions, build, convert_event, load_conventions
from training.check_labels import check
from training.corpus import Row, model_input, split


def _row(doc: str, source: str = "written") -> Row:
    return Row(text=f"sentence of {doc}", types=(), acled=None, source=source, doc=doc)


def test_split_is_stable_when_documents_are_added() -> None:
    rows = [_row(f"w1-{i:04d}") for i in range(400)]
    _, held = split(rows, 0.2, 13)
    more = rows + [_row(f"w9-{i:04d}") for i in range(400)]
    _, held_more = split(more, 0.2, 13)
    before = {r.doc for r in held}
    assert before and before == {r.doc for r in held_more if r.doc.startswith("w1-")}
    assert 0.1 < len(before) / 400 < 0.3


def test_older_rows_always_train() -> None:
    rows = [_row(f"x{i}", source="legacy:cameo") for i in range(50)]
    train, held = split(rows, 0.5, 13)
    assert len(train) == 50 and not held


def test_check_labels_reports_a_span_not_in_the_sentence(tmp_path: Path, capsys) -> None:
    good = {"id": "t-1", "text": "Police arrested 12 protesters in Lagos.", "domain": "politics",
            "events": [{"type": "COERCE", "trigger": "arrested", "actor": "Police", "recipient": "12 protesters",
                        "mode": "arrest", "status": "asserted", "acled": ["Strategic developments", "Arrests"]}]}
    bad = {"id": "t-2", "text": "Rebels attacked a convoy.", "domain": "conflict",
           "events": [{"type": "ASSAULT", "trigger": "stormed", "actor": "Rebels", "recipient": None}]}
    path = tmp_path / "labels.jsonl"
    path.write_text(json.dumps(good) + "\n" + json.dumps(bad) + "\n", encoding="utf-8")
    assert check(path) == 1
    out = capsys.readouterr().out
    assert "labels.jsonl:2" in out and "'stormed' is not in the sentence" in out
    path.write_text(json.dumps(good) + "\n", encoding="utf-8")
    assert check(path) == 0


def test_check_labels_reports_a_sentence_another_file_holds(tmp_path: Path, capsys) -> None:
    story = "The minister resigned on Tuesday after weeks of protests in the capital."
    row = {"id": "n-1", "text": story, "events": []}
    short = {"id": "n-2", "text": "He added.", "events": []}
    earlier = tmp_path / "earlier.labels.jsonl"
    earlier.write_text(json.dumps({**row, "id": "e-1"}) + "\n" + json.dumps({**short, "id": "e-2"}) + "\n",
                       encoding="utf-8")
    new = tmp_path / "new.labels.jsonl"
    new.write_text(json.dumps(row) + "\n" + json.dumps(short) + "\n", encoding="utf-8")
    assert check(new) == 0  # without other files to compare
    assert check(new, [earlier]) == 1
    out = capsys.readouterr().out
    assert "new.labels.jsonl:1" in out and "also in earlier.labels.jsonl" in out
    assert "new.labels.jsonl:2" not in out  # a short sentence may recur by chance


def test_model_input_puts_the_sentence_first_and_skips_missing_context() -> None:
    assert model_input(" Police arrested 12. ") == "Police arrested 12."
    assert model_input("Police arrested 12.", "Riots in Lagos", None) == "Police arrested 12. [SEP] Riots in Lagos"
    assert model_input("B.", "T", "A.") == "B. [SEP] T [SEP] A."
    tokenizer = load_encoder().tokenizer
    ids = tokenizer.encode(model_input("B.", "T", "A.")).ids
    assert ids.count(tokenizer.token_to_id("[SEP]")) == 3  # the model's own separator, not the letters


def test_rule_candidates_take_the_type_of_the_labelled_trigger_they_overlap() -> None:
    from training.corpus import trigger_labels

    text = " Police arrested 12 people after they beat a guard."
    events = [{"type": "COERCE", "trigger": {"start": 8, "end": 16, "text": "arrested"}}]
    candidates = [[8, 16, "COERCE"], [38, 42, "ASSAULT"], [1, 16, "COERCE"]]
    got = trigger_labels(text, events, candidates)
    # spans of the stripped text: the leading space is gone
    assert (7, 15, "COERCE") in got and (37, 41, "NONE") in got and (0, 15, "COERCE") in got
    assert len(got) == 3


def test_a_candidate_of_a_labelled_type_elsewhere_in_the_sentence_is_left_out() -> None:
    """"The bombing, which killed 14" is labelled once, on "bombing": the rules' "killed" is another
    word for that ASSAULT, not a NONE the trigger head should learn."""
    from training.corpus import trigger_labels

    text = "The bombing, which killed 14 people, shocked the city."
    events = [{"type": "ASSAULT", "trigger": {"start": 4, "end": 11, "text": "bombing"}}]
    got = trigger_labels(text, events, [[19, 25, "ASSAULT"], [37, 44, "COERCE"]])
    assert got == ((4, 11, "ASSAULT"), (37, 44, "NONE"))


def _labelled(text: str, type_: str, trigger: str, mode: str | None = None) -> dict:
    return convert_event(text, {"type": type_, "trigger": trigger, "mode": mode})


def test_conventions_relabel_to_the_cameo_table() -> None:
    rules = load_conventions()
    text = "The European Union imposed sanctions on 18 Iranian officials."
    sanctions = apply_conventions(text, _labelled(text, "SANCTION", "imposed sanctions"), rules)
    assert (sanctions["type"], sanctions["mode"], sanctions["convention"]) == ("COERCE", "restrict", "cameo-163-172")
    text = "Canada's prime minister apologised to Indigenous communities."
    assert apply_conventions(text, _labelled(text, "CONCEDE", "apologised"), rules)["type"] == "SUPPORT"
    text = "The ELN guerrillas declared a three-day ceasefire for the vote."
    truce = apply_conventions(text, _labelled(text, "CONCEDE", "declared a three-day ceasefire"), rules)
    assert (truce["type"], truce["mode"]) == ("RETREAT", "ceasefire")


def test_conventions_leave_other_events_alone() -> None:
    rules = load_conventions()
    text = "The Netherlands froze development aid to Burundi."  # reduced aid: CAMEO 162, still SANCTION
    aid = _labelled(text, "SANCTION", "froze development aid", "discontinue")
    assert apply_conventions(text, aid, rules) == aid
    text = "The president pardoned 2,000 prisoners."
    pardon = _labelled(text, "CONCEDE", "pardoned")
    assert apply_conventions(text, pardon, rules) == pardon


def test_the_committed_corpus_is_the_default_build(tmp_path: Path) -> None:
    """training/corpus/ is what build_corpus.py makes of the labels; --conventions marks what it relabels."""
    here = Path(__file__).resolve().parents[1] / "training"
    build(here / "labels", tmp_path)
    for name in ("wikinews.jsonl", "fetched.jsonl", "written.jsonl"):
        assert (tmp_path / name).read_bytes() == (here / "corpus" / name).read_bytes(), name
    build(here / "labels", tmp_path, conventions=True)
    relabelled = [e for line in (tmp_path / "written.jsonl").read_text(encoding="utf-8").splitlines()
                  for e in json.loads(line)["events"] if e.get("convention")]
    assert {e["convention"] for e in relabelled} == {r["id"] for r in load_conventions()}


def test_articles_are_cut_into_sentence_rows_with_their_context(tmp_path: Path) -> None:
    from training.split_articles import main

    doc = {"doc": "zz-001", "title": "Talks resume", "url": "https://example.org/a", "date": "2020-01-02",
           "text": "Egypt and Sudan resumed talks on Monday. The talks had stalled in May.\n\n"
                   "Officials said a deal  was near."}
    docs = tmp_path / "zz_docs.jsonl"
    docs.write_text(json.dumps(doc) + "\n", encoding="utf-8")
    assert main([str(docs)]) == 0
    rows = [json.loads(line) for line in (tmp_path / "zz_sentences.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["text"] for r in rows] == ["Egypt and Sudan resumed talks on Monday.", "The talks had stalled in May.",
                                         "Officials said a deal was near."]
    assert [r["id"] for r in rows] == ["zz-001-s000", "zz-001-s001", "zz-001-s002"]
    assert rows[0]["prev"] is None and rows[2]["prev"] == rows[1]["text"]
    assert {r["title"] for r in rows} == {"Talks resume"} and {r["doc"] for r in rows} == {"zz-001"}
    assert main([str(tmp_path / "zz.jsonl")]) == 2
