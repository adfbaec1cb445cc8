"""The registry is the one description of the stages: the record's `coder`, the loop `analyse` runs and
docs/ARCHITECTURE.md all come from it, and a stage can only read what it declared."""

from __future__ import annotations

from pathlib import Path

import pytest

from chronicle import registry
from chronicle.annotate import ANALYSIS, BEFORE, analyse, coder, stage_table, stages
from chronicle.nlp.analysis import Analysis
from chronicle.records import Article
from chronicle.registry import Stage, StageError

DOC = Path(__file__).resolve().parent.parent / "docs" / "ARCHITECTURE.md"


def test_architecture_doc_draws_the_registry() -> None:
    text = DOC.read_text(encoding="utf-8")
    start, end = text.index("<!-- stages -->"), text.index("<!-- /stages -->")
    drawn = text[start + len("<!-- stages -->"):end].strip()
    assert drawn == stage_table(), ("docs/ARCHITECTURE.md's stage table differs from the registry; "
                                    "paste `python -c 'from chronicle.annotate import stage_table; "
                                    "print(stage_table())'` between its markers")


def test_coder_names_every_registered_stage_and_its_version() -> None:
    models = coder().models
    assert set(models) == {s.key for s in registry.registered()}
    for s in registry.registered():
        assert models[s.key].startswith(s.id)
    assert models["events"] == "events.rules.v4+events.learned.v3"
    assert models["encoder"].startswith("events.learned.v3+minilm-l6-int8-")
    assert set(BEFORE + ANALYSIS) | {"encoder"} == set(models)


def test_the_loop_runs_the_per_article_stages_in_a_checked_order() -> None:
    ran = stages()
    assert [s.key for s in ran] == list(ANALYSIS)
    assert all(s.run is not None for s in ran)
    registry.check_order(ran)
    # every field a stage reads is an input or an earlier stage's
    with pytest.raises(StageError, match="no earlier stage adds"):
        registry.check_order(list(reversed(ran)))


def test_a_field_added_twice_must_be_read_by_the_second() -> None:
    first = Stage("a", "x.a", 1, reads=("doc",), adds=("things",))
    again = Stage("b", "x.b", 1, reads=("doc",), adds=("things",))
    with pytest.raises(StageError, match="again without reading"):
        registry.check_order([first, again])
    registry.check_order([first, Stage("c", "x.c", 1, reads=("things",), adds=("things",))])


def test_registering_a_clashing_stage_fails() -> None:
    taken = registry.get("geo")
    with pytest.raises(StageError, match="clashes"):
        registry.register(Stage("geo", "geo.other", 1, reads=(), adds=()))
    assert registry.get("geo") is taken


@pytest.mark.model
def test_a_stage_that_reads_an_undeclared_field_is_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    from chronicle.nlp.model import load_nlp

    geo = registry.get("geo")
    assert geo.run is not None

    def nosy(analysis: Analysis) -> object:
        assert geo.run is not None
        analysis.article.events  # noqa: B018 - the geo stage does not declare events
        return geo.run(analysis)

    sneaky = Stage(geo.key, geo.name, geo.version, geo.reads, geo.adds, nosy)
    monkeypatch.setattr("chronicle.annotate.stages", lambda: [sneaky, *stages()[1:]])
    text = "Police arrested 12 protesters in Paris on Monday."
    with pytest.raises(StageError, match=r"reads article\.events but does not declare it"):
        analyse(Article(id="t", input_id="t", text=text), load_nlp()(text))


@pytest.mark.model
def test_stages_return_fields_and_leave_the_input_alone() -> None:
    from chronicle.nlp.model import load_nlp

    text = "BAMAKO officials said on Monday that police arrested 12 protesters in Paris, France."
    article = Article(id="t", input_id="t", text=text, published="2025-01-06")
    record = analyse(article, load_nlp()(text))
    assert article.events == [] and article.places == [] and article.coder is None
    assert record.events and record.places and record.coder == coder()
    assert {p.text for p in record.places} >= {"Paris", "France"}


def test_the_event_coder_reads_only_the_article_and_its_parse() -> None:
    """Data follows the stage order: the coder finds events and their own parties in the parse; dates,
    places, merging and party codes come from stages that run after resolution."""
    assert registry.get("events").reads == ("article", "doc")
    order = [s.key for s in stages()]
    for finisher in ("event_dates", "event_clause_places", "event_merge", "event_actors", "event_places"):
        assert order.index(finisher) > max(order.index(k) for k in ("geo", "actors", "times", "quotes"))
    assert order[0] == "events"
