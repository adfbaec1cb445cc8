"""Events in the PLOVER manual's JSON record format (chapter "JSON Data Fields").

One record per event:
`{id, date, enddate, actor, recipient, event, mode, context, quad_code,
event_loc, event_text, size, link, text_info, cite_info, coder, coded_date,
confidence}`. Entity objects are `{code, sector, entity_text, identifier_id,
identifier_text}`: `code` the country (ISO alpha-3 or PLOVER international
code), `identifier_text` the resolved name; `identifier_id` is null because
chronicle links no Wikidata ids. `event_loc` follows the manual's location
object: `country_code` is ISO alpha-2 and `cc3` alpha-3, as its note asks.

`date` is the event's date, else the article's published date; an event with
neither cannot be a PLOVER record (date is required) and is left out and
counted. A status other than `asserted` becomes the manual's auxiliary
context: historical -> historical, planned -> future, hypothetical ->
hypothetical, negated and denied -> negation. `alleged` adds none: PLOVER
codes what the source reports, and an allegation attributed to a source is
still a report (the manual's ACCUSE:allege mode codes the allegation itself);
the full record keeps `status` for users who need the distinction.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, TextIO

import pycountry

from chronicle.store import Store

AUXILIARY_CONTEXT = {
    "historical": "historical",
    "planned": "future",
    "hypothetical": "hypothetical",
    "negated": "negation",
    "denied": "negation",
}
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass
class PloverStats:
    written: int = 0
    left_out: int = 0  # events with neither an event date nor a published date


@cache
def _alpha2(alpha3: str) -> str | None:
    country = pycountry.countries.get(alpha_3=alpha3)
    if country is not None:
        return str(country.alpha_2)
    return "XK" if alpha3 == "KOS" else None  # Kosovo: PLOVER's code, not in ISO 3166


def _day(value: str | None) -> str | None:
    if value and _DAY.match(value):
        return value[:10]
    return None


def _entity(actor: dict[str, Any]) -> dict[str, Any]:
    return {"code": actor["country"], "sector": actor["sector"], "entity_text": actor["text"],
            "identifier_id": None, "identifier_text": actor["name"]}


def _location(place: dict[str, Any] | None) -> dict[str, Any] | None:
    if place is None:
        return None
    country = place["country"]
    return {"extracted_place": place["text"], "resolved_place": place["name"], "geonameid": place["geonameid"],
            "lat": place["lat"], "lon": place["lon"], "country_code": _alpha2(country) if country else None,
            "cc3": country, "feature_code": place["feature_code"], "resolution": place["resolution"]}


def _coder(coder: dict[str, Any] | None) -> str | None:
    if not coder:
        return None
    events = coder.get("models", {}).get("events")
    return f"{coder['name']} {coder['version']}" + (f" ({events})" if events else "")


def plover_event(event: dict[str, Any], article: dict[str, Any],
                 coded_date: str | None = None) -> dict[str, Any] | None:
    """The PLOVER record of one SPEC.md event of `article`, or None when it has no date at all."""
    event_day = _day(event["date"]["start"])
    day = event_day or _day(article.get("published"))
    if day is None:
        return None
    context = list(event["context"])
    aux = AUXILIARY_CONTEXT.get(event["status"])
    if aux and aux not in context:
        context.append(aux)
    size = event["size"]
    return {
        "id": event["id"],
        "date": day,
        "enddate": _day(event["date"]["end"]) if event_day else None,
        "actor": [_entity(a) for a in event["actor"]],
        "recipient": [_entity(a) for a in event["recipient"]],
        "event": event["type"],
        "mode": event["mode"],
        "context": context,
        "quad_code": event["quad"],
        "event_loc": _location(event["place"]),
        "event_text": event["evidence"]["text"],
        "size": {"dead": size["killed"], "injured": size["injured"], "arrested": size["arrested"]},
        "link": article.get("url"),
        "text_info": {"article_id": article["id"], "start": event["evidence"]["start"],
                      "end": event["evidence"]["end"]},
        "cite_info": {"title": article.get("title"), "url": article.get("url"),
                      "publication": article.get("source"), "language": article.get("language")},
        "coder": _coder(article.get("coder")),
        "coded_date": coded_date,
        "confidence": event["confidence"],
    }


def write_plover(store: Store, out: TextIO, event_ids: Sequence[str] | None = None) -> PloverStats:
    """Every stored event (or only those of `event_ids`) as PLOVER JSON Lines; counts what was written and
    what was left out."""
    coded = {aid: ts.date().isoformat() if ts else None
             for aid, ts in store.conn.execute("SELECT id, ingested_at FROM articles").fetchall()}
    stats = PloverStats()
    wanted = set(event_ids) if event_ids is not None else None
    article_ids = None
    if event_ids is not None:
        article_ids = [r[0] for r in store.conn.execute(
            "SELECT id FROM articles WHERE id IN (SELECT article_id FROM events WHERE id IN (SELECT unnest($ids))) "
            "ORDER BY seq", {"ids": list(event_ids)}).fetchall()]
    for article in store.article_records(article_ids):
        for event in article["events"]:
            if wanted is not None and event["id"] not in wanted:
                continue
            record = plover_event(event, article, coded.get(article["id"]))
            if record is None:
                stats.left_out += 1
                continue
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            stats.written += 1
    return stats
