"""The labelled event corpus: reading it for training and measuring (training/README.md).

`training/corpus/*.jsonl` holds one labelled sentence per line (the format is in
training/README.md); `training/events.jsonl` holds the older type-only rows
(hand-written, CAMEO-synthesised, codebook). `load_rows` gives both as `Row`s:
the sentence, its PLOVER types (empty = NONE), its ACLED sub-event type
("none" where ACLED records nothing, None where unknown), source and document.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

EVENT_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
               "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
PLOVER_LABELS = (*EVENT_TYPES, "NONE")
# ACLED event type -> its sub-event types: one table, shared with the product.
ACLED_TYPES: dict[str, list[str]] = json.loads(
    (Path(__file__).resolve().parent.parent / "chronicle" / "data" / "events" / "acled_types.json")
    .read_text(encoding="utf-8"))["event_types"]
ACLED_SUBTYPES = tuple(s for subs in ACLED_TYPES.values() for s in subs)
ACLED_LABELS = (*ACLED_SUBTYPES, "none")
ACLED_PARENT = {s: t for t, subs in ACLED_TYPES.items() for s in subs}


SEP = " [SEP] "


def model_input(sentence: str, title: str | None = None, previous: str | None = None) -> str:
    """A training sentence with its context: the sentence first, then the article's title and the sentence
    before it, after the model's separator token; truncation cuts the context first. (At run time the
    encoder reads sentences alone: docs/EVENTS.md "Data round 2".)"""
    parts = [sentence.strip(), *(p.strip() for p in (title, previous) if p and p.strip())]
    return SEP.join(parts)


@dataclass(frozen=True)
class Row:
    """One training sentence."""

    text: str
    types: tuple[str, ...]
    acled: str | None
    source: str
    doc: str
    title: str | None = None
    previous: str | None = None
    # trigger spans of the stripped sentence with their label (a PLOVER type, or NONE for a rule
    # candidate that reports no labelled event): what the trigger head learns (training/candidates.py)
    triggers: tuple[tuple[int, int, str], ...] = ()


def read_jsonl(path: Path) -> list[dict]:
    """The JSON objects of a JSON Lines file, blank lines skipped."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def corpus_rows(path: Path, candidates: dict[str, list[list]] | None = None) -> list[Row]:
    """Rows of one corpus file (labelled sentences with events), with the rules' candidate triggers
    (`candidates`, row id -> [start, end, rule type]) labelled against the row's events."""
    out = []
    for r in read_jsonl(path):
        events = r.get("events") or []
        types = tuple(dict.fromkeys(e["type"] for e in events))
        acled = next((e["acled"]["sub_event_type"] for e in events if e.get("acled")), "none")
        triggers = trigger_labels(r["text"], events, (candidates or {}).get(r["id"], []))
        out.append(Row(r["text"], types, acled, r["source"], r.get("doc") or r["id"], r.get("title"), r.get("prev"),
                       triggers))
    return out


def trigger_labels(text: str, events: list[dict], candidates: list[list]) -> tuple[tuple[int, int, str], ...]:
    """The labelled triggers with their types, and each rule candidate with the type of the labelled
    trigger it overlaps, as spans of the stripped text. A candidate that overlaps none is NONE, unless
    the sentence has a labelled event of the candidate's type: then it is most likely another word for
    that event (the labels mark one trigger per event) and is left out."""
    shift = len(text) - len(text.lstrip())
    gold = [(e["trigger"]["start"], e["trigger"]["end"], e["type"]) for e in events if e.get("trigger")]
    out: dict[tuple[int, int], str] = {(s, e): t for s, e, t in gold}
    for start, end, rule_type in candidates:
        hit = next((t for s, e, t in gold if start < e and s < end), None)
        if hit is None and any(t == rule_type for _, _, t in gold):
            continue  # another word for a labelled event of that type ("the bombing, which killed 14"): not a NONE
        out.setdefault((start, end), hit or "NONE")
    return tuple((s - shift, e - shift, t) for (s, e), t in sorted(out.items()) if s >= shift)


def legacy_rows(path: Path) -> list[Row]:
    """The type-only rows of training/events.jsonl; their ACLED type is unknown unless NONE."""
    out = []
    for r in read_jsonl(path):
        none = r["type"] == "NONE"
        out.append(Row(r["text"], () if none else (r["type"],), "none" if none else None, f"legacy:{r['source']}",
                       f"legacy:{r['source']}:{r['text'][:40]}"))
    return out


def load_rows(training: Path) -> list[Row]:
    """Every training row: the labelled corpus, then the older type-only rows."""
    rows: list[Row] = []
    found = training / "candidates.jsonl"
    candidates = {r["id"]: r["candidates"] for r in read_jsonl(found)} if found.exists() else {}
    for path in sorted((training / "corpus").glob("*.jsonl")):
        rows.extend(corpus_rows(path, candidates))
    rows.extend(legacy_rows(training / "events.jsonl"))
    return rows


def split(rows: list[Row], holdout: float, seed: int) -> tuple[list[Row], list[Row]]:
    """Hold out whole documents of the labelled corpus (news articles, and written sentences one by one);
    the older type-only rows always train. A document's side depends only on its id and the seed, so
    adding documents never moves one that was already held out (or trained on)."""
    held = {r.doc for r in rows if r.source in ("wikinews", "fetched", "written") and draw(r.doc, seed) < holdout}
    return [r for r in rows if r.doc not in held], [r for r in rows if r.doc in held]


def draw(doc: str, seed: int) -> float:
    """A stable uniform number in [0, 1) for a document."""
    digest = hashlib.sha256(f"{seed}:{doc}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64
