"""The event coder on the seed articles (skipped where ../shared is absent).

The pipeline's segmenter and place/time stages are other modules; here the
article bodies are cut from the seed dump by their datelines and the
dateline place is given by hand, as the pipeline would pass it.
"""

from __future__ import annotations

import pytest
from shared_paths import SHARED

from chronicle.events import code_events
from chronicle.geo.event_places import place_events
from chronicle.nlp.analysis import analyse_text
from chronicle.records import Event, Place

SEED = SHARED / "seed" / "000_78ac4808e78a0a33.txt"
pytestmark = [pytest.mark.model, pytest.mark.skipif(not SEED.exists(), reason="needs /work/shared")]


def _body(dateline: str) -> str:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(dateline))
    end = next((i for i in range(start, len(lines)) if not lines[i].strip()), len(lines))
    return "\n".join(lines[start:end]).removeprefix(dateline).strip()


def _code(nlp, dateline: str, published: str, place: Place, places: list[str]) -> list[Event]:
    analysis = analyse_text(nlp, _body(dateline), published, article_id="seed")
    analysis.article.dateline_place = place
    text = analysis.article.text
    for name in places:
        at = text.find(name)
        while at >= 0:
            analysis.article.places.append(Place(text=name, start=at, end=at + len(name), country="USA"))
            at = text.find(name, at + 1)
    events = code_events(analysis)
    place_events(events, analysis)  # the pipeline's next stage: places beyond the event's clause
    return events


def _reports(ev: Event) -> list[str]:
    return [ev.evidence.text, *(m.text for m in ev.mentions)]


def test_mali_article(nlp):
    bamako = Place(text="BAMAKO", start=None, end=None, name="Bamako", country="MLI", resolution=4)
    events = _code(nlp, "BAMAKO:", "2025-08-11", bamako, [])
    cues = ("has made 55 arrests", "has carried out arrests", "The arrests, which began last week",
            "Two generals were among those detained")
    arrests = [e for e in events if e.type == "COERCE" and e.mode == "arrest" and e.status == "asserted"
               and any(c in r for c in cues for r in _reports(e))]
    assert arrests
    main = arrests[0]
    assert main.size.arrested == 55
    assert any("junta" in a.text for a in main.actor)
    assert any(w in r.text for r in main.recipient for w in ("National Guard", "generals", "officers"))
    assert main.place is not None and main.place.country == "MLI"
    assert "2025-08-04" <= (main.date.start or "") <= "2025-08-11"
    accused = [e for e in events if e.type == "ACCUSE" and "regularly accused" in e.evidence.text]
    assert accused and any("army" in r.text for r in accused[0].recipient)
    assert not [e for e in events if e.type == "COERCE" and e.status == "asserted"
                and any("Camara" in r.text for r in e.recipient)]


def test_immigration_article(nlp):
    events = _code(nlp, "CALIFRONIA:", "2026-02-05", None, ["Minnesota"])  # type: ignore[arg-type]
    accuse = [e for e in events if e.type == "ACCUSE" and "terrorizing immigrants" in e.evidence.text]
    assert accuse and "judge" in accuse[0].actor[0].text
    assert any("Trump administration" in r.text for r in accuse[0].recipient)
    request = [e for e in events if e.type == "REQUEST" and "Sykes ordered" in e.evidence.text]
    assert request and request[0].actor[0].text == "Sykes"
    assert request[0].recipient[0].text == "the US Department of Homeland Security"
    killed = [e for e in events if e.type == "ASSAULT" and e.size.killed == 2]
    assert killed and killed[0].place is not None and killed[0].place.text == "Minnesota"
    assert not [e for e in events if "An email Thursday" in e.evidence.text]
