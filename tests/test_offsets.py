"""Offsets are law: for every span in every record, `text[start:end] == span.text`.

Checked over the whole pipeline on every fixture input in tests/fixtures and,
where ../shared exists, on the seed dump.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from shared_paths import SHARED

from chronicle.config import Config
from chronicle.pipeline import process
from chronicle.records import Article

FIXTURES = Path(__file__).parent / "fixtures"
SEED = SHARED / "seed" / "000_78ac4808e78a0a33.txt"
INPUT_SUFFIXES = {".txt", ".html", ".htm", ".jsonl"}


def spans(obj: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every dict in a record that carries integer start/end and a text."""
    if isinstance(obj, dict):
        if isinstance(obj.get("start"), int) and isinstance(obj.get("end"), int) and "text" in obj:
            yield path, obj
        for key, value in obj.items():
            if key != "text":
                yield from spans(value, f"{path}.{key}")
    elif isinstance(obj, list):
        for i, value in enumerate(obj):
            yield from spans(value, f"{path}[{i}]")


def offset_errors(record: dict[str, Any]) -> list[str]:
    text = record["text"]
    errors = []
    for where, span in spans({k: v for k, v in record.items() if k != "text"}):
        s, e = span["start"], span["end"]
        if not (0 <= s <= e <= len(text)) or text[s:e] != span["text"]:
            errors.append(f"{record['id']}{where}: [{s}:{e}] {text[s:e]!r} != {span['text']!r}")
    for ent in record.get("entities", []):
        for s, e in ent["mentions"]:
            if not (0 <= s < e <= len(text)):
                errors.append(f"{record['id']} entity {ent['id']} mention [{s}:{e}] out of range")
    return errors


def fixture_inputs() -> list[Path]:
    found = [p for p in sorted(FIXTURES.rglob("*")) if p.is_file() and p.suffix in INPUT_SUFFIXES]
    return found + ([SEED] if SEED.exists() else [])


def test_span_walker_finds_a_bad_span() -> None:
    record = {"id": "x", "text": "Mali and Niger", "places": [{"text": "Niger", "start": 0, "end": 5}]}
    assert offset_errors(record) == ["x.places[0]: [0:5] 'Mali ' != 'Niger'"]


@pytest.mark.model
@pytest.mark.slow
def test_every_span_of_every_fixture_record_matches_its_text() -> None:
    inputs = fixture_inputs()
    assert inputs, "no fixture inputs found"
    records = [x.to_dict() for x in process([str(p) for p in inputs], Config(), progress=False)
               if isinstance(x, Article)]
    assert records
    errors = [err for rec in records for err in offset_errors(rec)]
    assert errors == []
