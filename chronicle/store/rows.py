"""Article records to table rows and back.

`article_rows(article)` flattens one `Article` into a row dict per table
(keys = column names of schema.TABLES); `article_from_rows(...)` and
`event_from_row(...)` rebuild the records from rows, so
`Store.article_record(id)` equals what `chronicle extract` printed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from chronicle.records import (
    Actor,
    Article,
    Coder,
    Entity,
    Event,
    EventDate,
    Failure,
    Place,
    Quote,
    Size,
    Span,
    Speaker,
    Time,
    date_basis_of,
)
from chronicle.store.schema import PLACE_FIELDS

Row = dict[str, Any]


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def _unjson(value: str | None) -> Any:
    return None if value is None else json.loads(value)


def record_hash(article: Article) -> str:
    """SHA-1 over the whole record: any change (text, or a new coder's output) means "replace"."""
    blob = json.dumps(article.to_dict(), ensure_ascii=False, sort_keys=True)
    return hashlib.sha1(blob.encode("utf-8")).hexdigest()


def failure_id(item: Failure) -> str:
    """Stable across runs, so re-ingesting the same bad input finds the same row."""
    key = "\x1f".join((item.input, item.position or "", item.code))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _place_cols(place: Place | None, prefix: str) -> Row:
    return {f"{prefix}{name}": (getattr(place, name) if place else None) for name, _ in PLACE_FIELDS}


def _place_from(row: Mapping[str, Any], prefix: str) -> Place | None:
    if row[f"{prefix}text"] is None:  # Place.text is never None, so a null text means "no place"
        return None
    # .get: a store written before schema 2 has no basis or confidence columns
    values: dict[str, Any] = {name: row.get(f"{prefix}{name}") for name, _ in PLACE_FIELDS}
    return Place(**values)


def article_rows(article: Article, seq: int, ingested_at: datetime, digest: str | None = None) -> dict[str, list[Row]]:
    """One row list per table for `article` (`digest`: its record_hash, when the caller has it already)."""
    aid = article.id
    out: dict[str, list[Row]] = {
        "articles": [{
            "id": aid, "seq": seq, "input_id": article.input_id, "title": article.title,
            "url": article.url, "source": article.source, "byline": article.byline,
            "credit": article.credit, "published": article.published,
            "published_from": article.published_from, "dateline": article.dateline,
            "dateline_place": _json(article.dateline_place.to_dict() if article.dateline_place else None),
            "summary": _json(article.summary), "language": article.language, "text": article.text,
            "text_hash": hashlib.sha1(article.text.encode("utf-8")).hexdigest(),
            "record_hash": digest or record_hash(article),
            "coder": _json(article.coder.to_dict() if article.coder else None),
            "ingested_at": ingested_at,
        }],
        "entities": [{
            "article_id": aid, "idx": i, "id": e.id, "label": e.label, "text": e.text, "start": e.start,
            "end": e.end, "name": e.name, "country": e.country, "sector": e.sector,
            "other_sectors": list(e.other_sectors), "mentions": _json(e.mentions),
        } for i, e in enumerate(article.entities)],
        "places": [{"article_id": aid, "idx": i, **_place_cols(p, "")} for i, p in enumerate(article.places)],
        "quotes": [_quote_row(aid, i, q) for i, q in enumerate(article.quotes)],
        "times": [{
            "article_id": aid, "idx": i, "text": t.text, "start": t.start, "end": t.end,
            "type": t.type, "value": t.value,
        } for i, t in enumerate(article.times)],
        "events": [],
        "event_actors": [],
    }
    for i, event in enumerate(article.events):
        out["events"].append(_event_row(aid, i, event))
        for role, parties in (("actor", event.actor), ("recipient", event.recipient)):
            out["event_actors"].extend({
                "event_id": event.id, "article_id": aid, "role": role, "idx": j, "text": a.text,
                "start": a.start, "end": a.end, "name": a.name, "country": a.country, "sector": a.sector,
                "other_sectors": list(a.other_sectors), "entity": a.entity,
            } for j, a in enumerate(parties))
    return out


def _event_row(aid: str, idx: int, e: Event) -> Row:
    acled = e.acled or {}
    return {
        "id": e.id, "article_id": aid, "idx": idx, "type": e.type, "mode": e.mode,
        "context": list(e.context), "quad": e.quad, "status": e.status,
        "date_start": e.date.start, "date_end": e.date.end, "precision": e.date.precision,
        "date_text": e.date.text, "date_basis": e.date.basis, **_place_cols(e.place, "place_"),
        "killed": e.size.killed, "injured": e.size.injured, "arrested": e.size.arrested,
        "count": e.size.count,
        "trigger_start": e.trigger.start, "trigger_end": e.trigger.end, "trigger_text": e.trigger.text,
        "evidence_start": e.evidence.start, "evidence_end": e.evidence.end,
        "evidence_text": e.evidence.text, "mentions": _json([m.to_dict() for m in e.mentions]),
        "confidence": e.confidence,
        "acled_event_type": acled.get("event_type") if e.acled is not None else None,
        "acled_sub_event_type": acled.get("sub_event_type") if e.acled is not None else None,
        # query helpers (schema.py): never read back into the record
        "countries": sorted({c for c in (*(a.country for a in e.actor + e.recipient),
                                         e.place.country if e.place else None) if c}),
        "parties": "\n".join(" ".join(v.split()).lower()
                             for a in e.actor + e.recipient for v in (a.name, a.text) if v),
    }


def _quote_row(aid: str, idx: int, q: Quote) -> Row:
    sp, cue = q.speaker, q.cue
    return {
        "article_id": aid, "idx": idx, "text": q.text, "start": q.start, "end": q.end, "direct": q.direct,
        "has_speaker": sp is not None, "speaker_text": sp.text if sp else None,
        "speaker_start": sp.start if sp else None, "speaker_end": sp.end if sp else None,
        "speaker_name": sp.name if sp else None, "speaker_entity": sp.entity if sp else None,
        "cue_start": cue.start if cue else None, "cue_end": cue.end if cue else None,
        "cue_text": cue.text if cue else None,
    }


def actor_from_row(row: Mapping[str, Any]) -> Actor:
    return Actor(text=row["text"], start=row["start"], end=row["end"], name=row["name"],
                 country=row["country"], sector=row["sector"],
                 other_sectors=list(row["other_sectors"] or []), entity=row["entity"])


def event_from_row(row: Mapping[str, Any], actors: Sequence[Mapping[str, Any]]) -> Event:
    """An Event from its `events` row and its `event_actors` rows (any order)."""
    parties = sorted(actors, key=lambda a: (a["role"], a["idx"]))
    acled = None
    if row["acled_event_type"] is not None or row["acled_sub_event_type"] is not None:
        acled = {"event_type": row["acled_event_type"], "sub_event_type": row["acled_sub_event_type"]}
    return Event(
        id=row["id"], type=row["type"], mode=row["mode"], context=list(row["context"] or []),
        quad=row["quad"],
        actor=[actor_from_row(a) for a in parties if a["role"] == "actor"],
        recipient=[actor_from_row(a) for a in parties if a["role"] == "recipient"],
        place=_place_from(row, "place_"),
        date=EventDate(start=row["date_start"], end=row["date_end"], precision=row["precision"],
                       text=row["date_text"],
                       basis=row.get("date_basis") or date_basis_of(row["date_start"], row["date_text"])),
        size=Size(killed=row["killed"], injured=row["injured"], arrested=row["arrested"],
                  count=row["count"]),
        status=row["status"],
        trigger=Span(row["trigger_start"], row["trigger_end"], row["trigger_text"]),
        evidence=Span(row["evidence_start"], row["evidence_end"], row["evidence_text"]),
        mentions=[Span(**m) for m in _unjson(row["mentions"]) or []],
        confidence=row["confidence"],
        acled=acled,
    )


def article_from_rows(row: Mapping[str, Any], children: Mapping[str, Sequence[Mapping[str, Any]]]) -> Article:
    """An Article from its `articles` row and its child rows (`children[table]`, sorted by idx)."""
    actors_by_event: dict[str, list[Mapping[str, Any]]] = {}
    for a in children["event_actors"]:
        actors_by_event.setdefault(a["event_id"], []).append(a)
    dateline_place = _unjson(row["dateline_place"])
    coder = _unjson(row["coder"])
    return Article(
        id=row["id"], input_id=row["input_id"], text=row["text"], title=row["title"], url=row["url"],
        source=row["source"], byline=row["byline"], credit=row["credit"], published=row["published"],
        published_from=row["published_from"], dateline=row["dateline"],
        dateline_place=Place(**dateline_place) if dateline_place else None,
        summary=_unjson(row["summary"]) or [], language=row["language"],
        entities=[Entity(id=e["id"], text=e["text"], label=e["label"], start=e["start"], end=e["end"],
                         name=e["name"], country=e["country"], sector=e["sector"],
                         other_sectors=list(e["other_sectors"] or []),
                         mentions=_unjson(e["mentions"]) or [])
                  for e in children["entities"]],
        places=[p for p in (_place_from(r, "") for r in children["places"]) if p is not None],
        events=[event_from_row(e, actors_by_event.get(e["id"], [])) for e in children["events"]],
        quotes=[_quote_from(q) for q in children["quotes"]],
        times=[Time(text=t["text"], start=t["start"], end=t["end"], type=t["type"], value=t["value"])
               for t in children["times"]],
        coder=Coder(**coder) if coder else None,
    )


def _quote_from(q: Mapping[str, Any]) -> Quote:
    speaker = None
    if q["has_speaker"]:
        speaker = Speaker(text=q["speaker_text"], start=q["speaker_start"], end=q["speaker_end"],
                          name=q["speaker_name"], entity=q["speaker_entity"])
    cue = Span(q["cue_start"], q["cue_end"], q["cue_text"]) if q["cue_text"] is not None else None
    return Quote(text=q["text"], start=q["start"], end=q["end"], direct=q["direct"], speaker=speaker, cue=cue)
