"""`chronicle explain`: every candidate a stage let go is kept with its reason."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from chronicle.cli import cli

pytestmark = pytest.mark.model


def _explain(*texts: str) -> list[dict]:
    args = ["explain", "--json"]
    for t in texts:
        args += ["--text", t]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


def test_a_question_is_rejected_with_its_reason() -> None:
    (out,) = _explain("Will the army attack the rebels in the north?")
    assert out["events"] == []
    assert [(r["text"], r["reason"], r["stage"]) for r in out["rejected"]] == [
        ("attack", "question", "events.rules.v4")]


def test_sport_is_rejected_by_the_encoder_with_its_figures() -> None:
    (out,) = _explain("The striker scored twice as United beat Madrid 3-1 on Sunday.")
    assert out["events"] == []
    beat = [r for r in out["rejected"] if r["text"] == "beat"]
    # one sentence is no article, so no quiet-article gate: the keep head's own figure says why
    assert beat and beat[0]["reason"] == "encoder-not-an-event" and "keep head p(right)" in beat[0]["detail"]
    assert beat[0]["stage"] == "events.learned.v3" and beat[0]["type"] == "ASSAULT"


def test_an_event_and_a_place_that_only_names_someone() -> None:
    (out,) = _explain("Malian soldiers arrested 55 National Guard officers in Bamako last week.")
    assert [(e["type"], e["trigger"]["text"]) for e in out["events"]] == [("COERCE", "arrested")]
    names = [r for r in out["rejected"] if r["reason"] == "names-someone"]
    assert [r["text"] for r in names] == ["Malian"] and names[0]["stage"] == "geo.gazetteer.v3"


def test_a_second_report_of_one_event_is_rejected_as_merged() -> None:
    text = "Russian forces attacked Kharkiv on Monday. The attack on Kharkiv killed four people, officials said."
    (out,) = _explain(text)
    merged = [r for r in out["rejected"] if r["reason"] == "merged-report"]
    assert [(r["text"], r["type"]) for r in merged] == [("attack", "ASSAULT")]
    assert "attack" not in [e["trigger"]["text"] for e in out["events"]]


def test_the_readable_view_names_reason_and_stage() -> None:
    result = CliRunner().invoke(cli, ["explain", "--text", "Will the army attack the rebels in the north?"])
    assert result.exit_code == 0
    assert "'attack' as ASSAULT" in result.stdout and "question" in result.stdout
    assert "[events.rules.v4]" in result.stdout


def test_explain_needs_something_to_read() -> None:
    result = CliRunner().invoke(cli, ["explain"])
    assert result.exit_code != 0 and "give a PATH or --text" in result.output


def test_a_toponym_left_unresolved_says_why() -> None:
    (out,) = _explain("The council met in Qxzville on Tuesday.")
    unresolved = [r for r in out["rejected"] if r["reason"] == "not-resolved"]
    assert [(r["text"], r["stage"]) for r in unresolved] == [("Qxzville", "geo.gazetteer.v3")]
    assert unresolved[0]["detail"] == "no place of this name in the gazetteer"


def test_a_document_that_breaks_a_stage_is_recorded_and_the_rest_explained(monkeypatch: pytest.MonkeyPatch) -> None:
    from chronicle import annotate

    real = annotate.analysis_of

    def breaks_on_boom(article, doc):  # type: ignore[no-untyped-def]
        if "boom" in article.text:
            raise RuntimeError("a stage broke")
        return real(article, doc)

    monkeypatch.setattr(annotate, "analysis_of", breaks_on_boom)
    result = CliRunner().invoke(cli, ["explain", "--json", "--text", "boom went the stage.",
                                      "--text", "Will the army attack the rebels?"])
    assert result.exit_code == 0
    lines = [json.loads(x) for x in result.stdout.splitlines() if x.startswith("{")]
    assert [x["article"] for x in lines] == ["text-2"]
    assert "processing" in result.stderr and "a stage broke" in result.stderr


def test_in_a_quiet_article_the_rejection_names_the_gate_and_its_figures() -> None:
    text = ("The striker scored twice as United beat Madrid 3-1 on Sunday. The home fans sang throughout the "
            "second half. The coach praised his young defenders after the match.")
    (out,) = _explain(text)
    assert out["events"] == []
    beat = [r for r in out["rejected"] if r["text"] == "beat"]
    assert beat and "in a quiet article" in beat[0]["detail"] and "p(event)" in beat[0]["detail"]
