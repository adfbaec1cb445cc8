"""The dashboard in real headless Chromium (Playwright's Python package driving Debian's /usr/bin/chromium).

Load the page, filter to one country, open an event and see its evidence highlighted; an article holding
a `<script>` payload shows it as text and never runs it. Screenshots go to the test output folder
chronicle-test-output under the system's temporary folder (CHRONICLE_ARTEFACTS to move them), never into
the repository, for a person to look at.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import CHROMIUM
from fixtures.store.builders import CODER, article_a, article_b

from chronicle.api.background import served
from chronicle.records import Actor, Article, Event, EventDate, Place, Size, Span
from chronicle.store import Store

# Screenshots are test output, never written into the repository: a temporary folder unless named.
ARTEFACTS = Path(os.environ.get("CHRONICLE_ARTEFACTS", Path(tempfile.gettempdir()) / "chronicle-test-output"))

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(),
                       reason=f"{CHROMIUM} is absent: `apt-get install -y chromium` for the browser tests"),
]

PAYLOAD = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'

# Invented one-sentence stories, one PLOVER quad each, placed in real cities (coordinates from GeoNames).
TEMPLATES = [
    ("CONSULT", 1, "Officials of {a} and {b} met in {city} on Tuesday to discuss a trade deal.", "met"),
    ("AID", 2, "{a} sent food aid to flood victims in {city} on Friday, relief workers said.", "sent"),
    ("ACCUSE", 3, "{a} accused {b} of shelling villages near {city}, the ministry said.", "accused"),
    ("ASSAULT", 4, "Gunmen from {a} attacked a convoy near {city}, killing {n} people, {b} said.", "attacked"),
]
CITIES = [
    ("Bamako", "MLI", 12.65, -8.0, 2460596), ("Kyiv", "UKR", 50.45, 30.52, 703448),
    ("Nairobi", "KEN", -1.29, 36.82, 184745), ("Caracas", "VEN", 10.49, -66.88, 3646738),
    ("Manila", "PHL", 14.6, 120.98, 1701668), ("Khartoum", "SDN", 15.55, 32.53, 379252),
    ("Dhaka", "BGD", 23.71, 90.41, 1185241), ("Lima", "PER", -12.04, -77.03, 3936456),
    ("Beirut", "LBN", 33.89, 35.5, 276781), ("Jakarta", "IDN", -6.21, 106.85, 1642911),
    ("Lagos", "NGA", 6.45, 3.39, 2332459), ("Quito", "ECU", -0.23, -78.52, 3652462),
]


def _at(text: str, needle: str) -> Span:
    start = text.index(needle)
    return Span(start, start + len(needle), needle)


def story(i: int) -> Article:
    """One invented article with one event, its quad, place and date varying with `i`."""
    kind, quad, template, trigger = TEMPLATES[i % len(TEMPLATES)]
    city, country, lat, lon, gid = CITIES[i % len(CITIES)]
    a, b = f"the {city} Front", "the interior ministry"
    text = template.format(a=a, b=b, city=city, n=3 + i % 9)
    text = text[0].upper() + text[1:]
    a = a if a in text else a[0].upper() + a[1:]
    span = _at(text, city)
    event = Event(
        id=f"story-{i}:e1", type=kind, mode=None, context=[], quad=quad,
        actor=[Actor(text=a, start=_at(text, a).start, end=_at(text, a).end, name=f"{city} Front",
                     country=country, sector="REB")],
        recipient=[Actor(text=b, start=_at(text, b).start, end=_at(text, b).end, name="Interior Ministry",
                         country=country, sector="GOV")] if "{b}" in template else [],
        place=Place(text=city, start=span.start, end=span.end, name=city, geonameid=gid, lat=lat, lon=lon,
                    country=country, resolution=4),
        date=EventDate(start=f"2025-{1 + i % 6:02d}-{1 + (i * 7) % 27:02d}", precision="day"),
        size=Size(killed=3 + i % 9 if kind == "ASSAULT" else None), status="asserted",
        trigger=_at(text, trigger), evidence=Span(0, len(text), text),
        mentions=[Span(0, len(text), text)] * (i % 3), confidence=0.5 + (i % 5) / 10,
    )
    return Article(id=f"story-{i}", input_id="invented", text=text, title=f"News from {city}",
                   published=event.date.start, events=[event], places=[event.place] if event.place else [],
                   coder=CODER)


def hostile() -> Article:
    """An article whose text, title and actor carry markup that must show as text."""
    text = f"Protesters in Dorrin chanted {PAYLOAD} outside parliament on Monday."
    actor = _at(text, "Protesters")
    event = Event(
        id="hostile:e1", type="PROTEST", mode="demo", context=[], quad=4, recipient=[], size=Size(),
        actor=[Actor(text="Protesters", start=actor.start, end=actor.end, name='<img src=x onerror="window.__pwned=3">',
                     country="KLV", sector="CVL")],
        place=Place(text="Dorrin", start=_at(text, "Dorrin").start, end=_at(text, "Dorrin").end, name="Dorrin",
                    geonameid=1001, lat=12.5, lon=-8.25, country="KLV", resolution=4),
        date=EventDate(start="2025-03-10", precision="day"), status="asserted",
        trigger=_at(text, "chanted"), evidence=Span(0, len(text), text), confidence=0.7,
    )
    return Article(id="hostile", input_id="invented", text=text, title="<script>window.__pwned = 4</script>",
                   url="javascript:window.__pwned=5", events=[event], coder=CODER)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    store = Store.open(str(tmp_path_factory.mktemp("dash") / "dash.duckdb"))
    store.ingest([article_a(), article_b(), hostile(), *(story(i) for i in range(48))])
    with served(store) as url:
        yield url
    store.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.errors = errors
    yield page
    context.close()


def expect(target: Any) -> Any:
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(target)


def _load(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("body[data-ready=true]", timeout=20_000)


def _rows(page: Any) -> int:
    return int(page.locator("#events tbody tr").count())


def test_filter_to_one_country_and_open_an_event(page: Any, base_url: str) -> None:
    _load(page, base_url + "/")
    assert _rows(page) == 4 + 1 + 48
    assert page.locator("#countries path").count() > 150  # the bundled world map
    assert page.locator("#markers circle").count() == 3 + 1 + 48  # every event with a place
    assert page.locator("#timeline rect.bar").count() > 5
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / "dashboard.png"), full_page=True)

    page.select_option("#f-country", "VRA")
    expect(page.locator("#events tbody tr")).to_have_count(2)
    assert page.locator("#markers circle").count() == 2
    assert "2 events match" in page.locator("#summary").inner_text()
    assert "country=VRA" in page.url  # the view is in the address, to share or reload

    page.locator("#events tbody tr", has_text="arrested").click()
    drawer = page.locator("#drawer")
    drawer.wait_for(state="visible")
    assert page.locator("#drawer-title").inner_text() == "police → COERCE → organisers"
    assert page.locator("#drawer-text mark.evidence").first.inner_text().startswith("Police")
    evidence = "".join(page.locator("#drawer-text mark.evidence").all_inner_texts())
    assert evidence == "Police arrested four organisers, a union leader said."
    assert page.locator("#drawer-text mark.actor").inner_text() == "Police"
    assert page.locator("#drawer-text mark.recipient").inner_text() == "four organisers"
    assert page.locator("#drawer-text mark.trigger").inner_text() == "arrested"
    facts = page.locator("#drawer-facts").inner_text()
    assert "Veyra, VRA" in facts and "4 arrested" in facts and "historical" in facts and "0.40" in facts
    page.screenshot(path=str(ARTEFACTS / "dashboard-event.png"), full_page=False)
    print(f"\nscreenshots: {ARTEFACTS / 'dashboard.png'} {ARTEFACTS / 'dashboard-event.png'}")
    assert page.errors == []


def test_text_filter_timeline_and_reload_keep_map_table_and_counts_together(page: Any, base_url: str) -> None:
    _load(page, base_url + "/#type=AID")
    assert page.locator("#f-type").input_value() == "AID"
    assert _rows(page) == 12 and page.locator("#markers circle").count() == 12
    page.fill("#f-text", "relief workers")
    expect(page).to_have_url(re.compile(r"text=relief"))
    expect(page.locator("#summary")).to_have_text("12 events match · showing 12")
    page.fill("#f-text", "no such words anywhere")
    expect(page.locator("#events tbody tr")).to_have_count(0)
    assert page.locator("#markers circle").count() == 0
    assert page.errors == []


def test_script_in_an_article_shows_as_text_and_never_runs(page: Any, base_url: str) -> None:
    _load(page, base_url + "/")
    page.locator("#events tbody tr[data-id='hostile:e1']").click()
    page.locator("#drawer").wait_for(state="visible")
    page.wait_for_timeout(300)  # give any injected handler (img onerror) the chance to fire
    assert page.evaluate("typeof window.__pwned") == "undefined"
    text = page.locator("#drawer-text").inner_text()
    assert PAYLOAD in text  # literally, as the article says it
    assert page.locator("#drawer-article-title").inner_text() == "<script>window.__pwned = 4</script>"
    assert '<img src=x onerror="window.__pwned=3">' in page.locator("#drawer-title").inner_text()
    assert page.locator("#drawer script, #drawer img, #events img, #events script").count() == 0
    assert page.locator("#drawer-source a").count() == 0  # a javascript: URL is never made a link
    row = page.locator("#events tbody tr[data-id='hostile:e1'] td.evidence").inner_text()
    assert PAYLOAD in row
    assert page.evaluate("typeof window.__pwned") == "undefined"
