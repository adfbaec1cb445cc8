"""What a new user of the dashboard meets (issue 12), in real headless Chromium over a real server and store:
the export link carries the filters, the timeline is a true time axis with readable labels, the address
and the view stay in step both ways, the menus count what the table shows, a phone-sized screen works,
an empty result says how to widen it, and stacked markers can be told apart. Screenshots go to the test
output folder (see test_dashboard.ARTEFACTS), never into the repository."""

from __future__ import annotations

import csv
import dataclasses
import io
import itertools
import re
from collections.abc import Iterator
from typing import Any

import pytest
from test_dashboard import ARTEFACTS, pytestmark, story  # noqa: F401  (pytestmark: skip without chromium)

from chronicle.api.background import served
from chronicle.records import Article, EventDate
from chronicle.store import Store

# Far-apart years: 1981 and 2014 must sit far apart on the axis, 2014-05 and 2014-06 close together.
OLD_DATES = {"old-1981": "1981-03-10", "old-2014a": "2014-05-02", "old-2014b": "2014-06-20"}


def dated(i: int, article_id: str, day: str) -> Article:
    """story(i) re-dated and renamed: every one of these is in Bamako (stacked markers)."""
    a = story(i)
    event = dataclasses.replace(a.events[0], id=f"{article_id}:e1",
                                date=EventDate(start=day, end=day, precision="day", text=None, basis="published"))
    return dataclasses.replace(a, id=article_id, published=day, events=[event])


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    store = Store.open(str(tmp_path_factory.mktemp("dash1") / "dash.duckdb"))
    articles = [story(i) for i in range(12)]
    articles += [dated(0, aid, day) for aid, day in OLD_DATES.items()]  # story 0 is in Bamako, like these
    store.ingest(articles)
    with served(store) as url:
        yield url
    store.close()


def _page(browser: Any, width: int = 1400, height: int = 1000) -> Any:
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    return page


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    p = _page(browser)
    yield p
    p.context.close()


def expect(target: Any) -> Any:
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(target)


def _load(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("body[data-ready=true]", timeout=20_000)


def _shot(page: Any, name: str) -> None:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / name), full_page=True)


def test_the_export_link_carries_the_filters(page: Any, base_url: str) -> None:
    _load(page, base_url + "/")
    assert page.locator("#csv-link").get_attribute("href") == "/export?format=csv"
    page.select_option("#f-country", "KEN")
    expect(page.locator("#csv-link")).to_have_attribute("href", re.compile(r"country=KEN"))
    href = page.locator("#csv-link").get_attribute("href")
    body = page.request.get(base_url + href).text()
    rows = list(csv.DictReader(io.StringIO(body)))
    shown = page.locator("#events tbody tr").count()
    assert rows and len(rows) == shown
    assert {r["place_country"] for r in rows} == {"KEN"}
    assert page.errors == []


def test_the_timeline_is_a_time_axis_with_gaps_and_labels_that_do_not_overlap(page: Any, base_url: str) -> None:
    _load(page, base_url + "/")
    bars = page.evaluate("""() => [...document.querySelectorAll('#timeline rect.bar')]
        .map((r) => [r.dataset.date, parseFloat(r.getAttribute('x'))])""")
    x = {}
    for day, pos in bars:
        x.setdefault(day[:7], pos)
    assert {"1981-03", "2014-05", "2014-06"} <= set(x)
    # 33 years against one month: a true axis puts them ~400 times as far apart (equal bars: 1 time)
    assert x["2014-05"] - x["1981-03"] > 50 * (x["2014-06"] - x["2014-05"])
    labels = page.evaluate("""() => [...document.querySelectorAll('#timeline text.axis')].map((t) => {
        const b = t.getBoundingClientRect(); return [t.textContent, b.left, b.right]; })""")
    assert len(labels) >= 3
    assert all(re.fullmatch(r"\d{4}", text) for text, _, _ in labels)  # a 44-year span: year labels
    spans = sorted((left, right) for _, left, right in labels)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans)), spans
    _shot(page, "dashboard-timeline.png")
    assert page.errors == []


def test_the_address_and_the_view_stay_in_step_both_ways(page: Any, base_url: str) -> None:
    _load(page, base_url + "/")
    everything = page.locator("#events tbody tr").count()
    page.select_option("#f-type", "AID")
    expect(page).to_have_url(re.compile(r"#type=AID$"))
    aid = 3  # stories 1, 5 and 9
    expect(page.locator("#events tbody tr")).to_have_count(aid)
    assert aid < everything
    page.go_back()  # Back: the unfiltered view again, menu and table both
    expect(page.locator("#f-type")).to_have_value("")
    expect(page.locator("#events tbody tr")).to_have_count(everything)
    page.go_forward()
    expect(page.locator("#f-type")).to_have_value("AID")
    expect(page.locator("#events tbody tr")).to_have_count(aid)
    page.evaluate("location.hash = '#country=KEN'")  # a new address typed in the same tab
    expect(page.locator("#f-country")).to_have_value("KEN")
    expect(page.locator("#f-type")).to_have_value("")
    expect(page.locator("#events tbody tr")).to_have_count(1)  # one story in Nairobi
    expect(page.locator("#summary")).to_contain_text("1 events match")
    assert {r.strip() for r in page.locator("#events tbody tr td:nth-child(4)").all_inner_texts()} == {"Nairobi"}
    assert page.errors == []


def test_menu_counts_follow_the_other_filters_and_the_table(page: Any, base_url: str) -> None:
    _load(page, base_url + "/#country=MLI")
    expect(page.locator("#f-country")).to_have_value("MLI")
    rows = page.locator("#events tbody tr").count()
    labels = page.locator("#f-type option").all_inner_texts()
    counted = sum(int(m[1]) for t in labels if (m := re.search(r"\((\d+)\)$", t)))
    assert counted == rows  # the type menu counts the Mali events the table lists
    assert page.errors == []


def test_a_phone_sized_screen_does_not_overflow_and_shows_the_drawer(browser: Any, base_url: str) -> None:
    page = _page(browser, 390, 844)
    try:
        _load(page, base_url + "/")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.locator("#events tbody tr").first.click()
        drawer = page.locator("#drawer")
        drawer.wait_for(state="visible")
        box = drawer.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        _shot(page, "dashboard-phone.png")
        assert page.errors == []
    finally:
        page.context.close()


def test_an_empty_result_says_how_to_widen_it(page: Any, base_url: str) -> None:
    _load(page, base_url + "/#text=no%20such%20words")
    expect(page.locator("#events tbody tr")).to_have_count(0)
    message = page.locator("#empty")
    expect(message).to_be_visible()
    assert "text = no such words" in message.inner_text() and "Widen" in message.inner_text()
    page.click("#f-reset")
    expect(message).to_be_hidden()


def test_stacked_markers_can_be_picked_apart(page: Any, base_url: str) -> None:
    _load(page, base_url + "/#country=MLI")
    here = page.locator("#events tbody tr").count()
    assert here >= 4  # story 0 and the three re-dated ones, all in Bamako
    page.locator("#markers circle").first.dispatch_event("click")
    picker = page.locator("#picker")
    expect(picker).to_be_visible()
    assert picker.locator("button").count() == here
    picker.locator("button[data-id='old-1981:e1']").click()
    page.locator("#drawer").wait_for(state="visible")
    assert "1981-03-10 (article date)" in page.locator("#drawer-facts").inner_text()
    assert page.errors == []
