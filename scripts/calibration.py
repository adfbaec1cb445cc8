#!/usr/bin/env python3
"""Accuracy per confidence decile of the event coder on an events evaluation file.

    python3 scripts/calibration.py DEV.jsonl PRED.jsonl

PRED is what scripts/eval_events.py wrote for DEV. For every gold row the
predicted event is chosen as score.py's row_acc does (an actor sharing a
word with the gold actor, then a recipient sharing one with the gold
recipient, then the highest confidence); the row is right when its type
matches (CONCEDE and RETREAT count as YIELD). Rows are binned by that
event's confidence into deciles (0.0-0.1, ..., 0.9-1.0); rows with no event
are counted apart. Prints one line per non-empty decile.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

WORD = re.compile(r"\w+")
STOP = frozenset({"the", "a", "an", "of", "s", "and", "in", "on", "to", "for"})


def _words(text: str | None) -> set[str]:
    return {w for w in WORD.findall((text or "").lower()) if w not in STOP}


def _shares(parties: list[dict[str, object]], gold: str | None) -> bool:
    want = _words(gold)
    return bool(want) and any(_words(str(p.get("text") or "")) & want or _words(str(p.get("name") or "")) & want
                              for p in parties)


def _type(t: str) -> str:
    return "YIELD" if t in ("CONCEDE", "RETREAT") else t


def pick(events: list[dict[str, object]], row: dict[str, object]) -> dict[str, object] | None:
    if not events:
        return None
    acting = [e for e in events if _shares(e["actor"], row.get("actor"))]  # type: ignore[arg-type]
    pool = acting or events
    return max(pool, key=lambda e: (bool(acting) and _shares(e["recipient"], row.get("recipient")),  # type: ignore[arg-type]
                                    float(e["confidence"])))  # type: ignore[arg-type]


def judged(dev: Path, pred: Path) -> list[tuple[float | None, bool]]:
    """Per gold row: the chosen event's confidence (None: no event) and whether its type is right."""
    preds = {}
    for line in pred.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            preds[rec["id"]] = rec["events"]
    out: list[tuple[float | None, bool]] = []
    for line in dev.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        doc = json.loads(line)
        for row in doc["gold"]["events"]:
            ev = pick(preds.get(doc["id"], []), row)
            if ev is None:
                out.append((None, False))
            else:
                out.append((float(ev["confidence"]), _type(str(ev["type"])) == _type(row["type"])))  # type: ignore[arg-type]
    return out


def table(rows: list[tuple[float | None, bool]]) -> list[tuple[str, int, float]]:
    bins: dict[int, list[bool]] = {}
    for conf, right in rows:
        if conf is not None:
            bins.setdefault(min(9, int(conf * 10)), []).append(right)
    out = [(f"{d / 10:.1f}-{(d + 1) / 10:.1f}", len(v), sum(v) / len(v)) for d, v in sorted(bins.items())]
    out.append(("no event", sum(1 for conf, _ in rows if conf is None), 0.0))
    return out


def mean_confidence(rows: list[tuple[float | None, bool]], right: bool) -> float:
    confs = [conf for conf, ok in rows if conf is not None and ok is right]
    return sum(confs) / len(confs) if confs else 0.0


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        sys.stderr.write(__doc__ or "")
        return 2
    rows = judged(Path(argv[1]), Path(argv[2]))
    sys.stdout.write("| confidence | rows | accuracy |\n|---|---|---|\n")
    for label, n, acc in table(rows):
        sys.stdout.write(f"| {label} | {n} | {acc:.3f} |\n")
    sys.stdout.write(f"mean confidence: right {mean_confidence(rows, True):.3f}, "
                     f"wrong {mean_confidence(rows, False):.3f}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
