"""Check one labeller's file before it joins the corpus.

    python training/check_labels.py training/labels/written5.labels.jsonl

Reports every row build_corpus.py would drop (span not in the sentence, unknown type,
mode, status or ACLED pair, duplicate id, missing text) with its line number, then the
count of rows by label. From the command line it also reports every sentence (of 40
characters or more) that another file of training/labels holds: one story labelled twice
(data round 11 dropped two articles that earlier rounds held under other titles) leaks
between the corpus and the unseen rounds; the blind relabelling (`blind300.*`) is exempt.
Exit status 1 when any row fails.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from training.build_corpus import convert_event  # noqa: E402

LABELS = HERE / "labels"
SHARED_MIN = 40  # shorter sentences ("He added.", headings) may recur by chance


def sentences_elsewhere(path: Path, others: list[Path]) -> dict[str, str]:
    """The sentences of `path` that one of `others` also holds, each with the first such file's name."""
    mine = {json.loads(line).get("text", "") for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}
    out: dict[str, str] = {}
    for other in others:
        for line in other.read_text(encoding="utf-8").splitlines():
            text = json.loads(line).get("text", "") if line.strip() else ""
            if len(text) >= SHARED_MIN and text in mine:
                out.setdefault(text, other.name)
    return out


def check(path: Path, others: list[Path] | None = None) -> int:
    """Print what is wrong with the labelled file `path` (and, against `others`, the sentences they hold
    too); 1 when anything is."""
    bad = 0
    shared = sentences_elsewhere(path, others) if others else {}
    seen: set[str] = set()
    labels: Counter[str] = Counter()
    texts: set[str] = set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            if row["id"] in seen:
                raise ValueError(f"duplicate id {row['id']}")
            seen.add(row["id"])
            text = row.get("text")
            if not text:
                raise ValueError("no text")
            if text in texts:
                raise ValueError("duplicate sentence")
            if text in shared:
                raise ValueError(f"the sentence is also in {shared[text]}: the same story labelled twice?")
            texts.add(text)
            for e in row.get("events", []):
                convert_event(text, e)
                labels[e["type"]] += 1
            if not row.get("events"):
                labels["NONE"] += 1
        except (ValueError, KeyError, TypeError, json.JSONDecodeError) as err:
            bad += 1
            print(f"{path}:{n}: {err}")
    print(f"{len(seen)} rows, {bad} bad; labels: {dict(sorted(labels.items()))}")
    return 1 if bad else 0


def _others(path: Path) -> list[Path]:
    return [p for p in sorted(LABELS.glob("*.labels.jsonl"))
            if p.resolve() != path.resolve() and not p.name.startswith("blind300")]


if __name__ == "__main__":
    sys.exit(max(check(Path(p), _others(Path(p))) for p in sys.argv[1:]))
