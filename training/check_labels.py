"""Check one labeller's file before it joins the corpus.

    python training/check_labels.py training/labels/written5.labels.jsonl

Reports every row build_corpus.py would drop (span not in the sentence, unknown type,
mode, status or ACLED pair, duplicate id, missing text) with its line number, then the
count of rows by label. Exit status 1 when any row fails.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from training.build_corpus import convert_event  # noqa: E402


def check(path: Path) -> int:
    bad = 0
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


if __name__ == "__main__":
    sys.exit(max(check(Path(p)) for p in sys.argv[1:]))
