"""Article-level event scoring on hand-labelled Wikinews articles.

    python scripts/eval_articles.py [--gold tests/fixtures/events/articles_gold.jsonl] [--shared ../shared]

Runs `chronicle extract` on the gold file (it is also a valid input: one
article per line with id, text, published) and scores the events the way
the docevents task defines it: a predicted event matches a gold event when
the types are equal and its trigger overlaps the gold trigger, or its
evidence or one of its mentions contains the gold trigger. Precision is
judged only on predicted events lying in an annotated sentence (one that
holds a gold or an ignored event); predictions that only reach ignored
events are left out. Prints recall, precision and F1 from this script's own
implementation and, when ../shared/eval/score.py exists, its docevents line
too.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

GOLD = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "events" / "articles_gold.jsonl"


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _spans(ev: dict[str, Any]) -> tuple[tuple[int, int] | None, list[tuple[int, int]]]:
    trig = ev.get("trigger")
    t = (trig["start"], trig["end"]) if trig and trig.get("start") is not None else None
    ctx = [ev.get("evidence"), *(ev.get("mentions") or [])]
    return t, [(s["start"], s["end"]) for s in ctx if s and s.get("start") is not None]


def _reaches(ev: dict[str, Any], gold_trigger: dict[str, int]) -> bool:
    g = (gold_trigger["start"], gold_trigger["end"])
    t, ctx = _spans(ev)
    return (t is not None and _overlap(t, g)) or any(s <= g[0] and g[1] <= e for s, e in ctx)


def score(gold_docs: list[dict[str, Any]], records: list[dict[str, Any]]) -> dict[str, float]:
    """Recall, precision and F1 of the records' events against the gold articles.
    Records must keep the gold text (chronicle does for these clean inputs), so offsets compare directly."""
    by_id: dict[str, list[dict[str, Any]]] = {}
    for rec in records:
        if rec.get("text") is None:
            continue
        by_id.setdefault(str(rec.get("input_id") or rec["id"]).split("#")[0], []).append(rec)
    c: Counter[str] = Counter()
    for doc in gold_docs:
        recs = by_id.get(doc["id"], [])
        if any(r["text"] != doc["text"] for r in recs):
            raise ValueError(f"{doc['id']}: the record's text differs from the gold text; offsets would not compare")
        preds = [ev for r in recs for ev in r.get("events", [])]
        gold, ignored = doc["gold"]["events"], doc["gold"].get("ignored", [])
        annotated = [(g["sentence"]["start"], g["sentence"]["end"]) for g in gold + ignored]
        for g in gold:
            c["gold"] += 1
            c["found"] += any(p["type"] == g["type"] and _reaches(p, g["trigger"]) for p in preds)
        for p in preds:
            t, ctx = _spans(p)
            if not any(_overlap(s, a) for s in (ctx or ([t] if t else [])) for a in annotated):
                continue  # outside every annotated sentence: cannot be judged
            right = any(g["type"] == p["type"] and _reaches(p, g["trigger"]) for g in gold)
            if not right and any(_reaches(p, g["trigger"]) for g in ignored):
                continue  # lands only on an event PLOVER does not code
            c["judged"] += 1
            c["correct"] += right
    recall = c["found"] / c["gold"] if c["gold"] else 0.0
    precision = c["correct"] / c["judged"] if c["judged"] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"recall": recall, "precision": precision, "f1": f1, "gold": c["gold"], "judged": c["judged"]}


def extract(gold: Path, out: Path) -> list[dict[str, Any]]:
    """Run the real pipeline (`chronicle extract`) on the gold file; its article records."""
    subprocess.run([sys.executable, "-m", "chronicle", "extract", str(gold), "--quiet", "-o", str(out)], check=True)
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--out", type=Path, default=None, help="where to keep the predictions")
    args = parser.parse_args()
    gold_docs = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp) / "articles.jsonl"
        records = extract(args.gold, out)
        m = score(gold_docs, records)
        print(f"articles {len(gold_docs)}  gold events {m['gold']}  judged predictions {m['judged']}")
        print(f"recall {m['recall']:.3f}  precision {m['precision']:.3f}  F1 {m['f1']:.3f}")
        scorer = args.shared / "eval" / "score.py"
        if scorer.exists():
            done = subprocess.run([sys.executable, str(scorer), "docevents", str(args.gold), str(out)],
                                  capture_output=True, text=True, check=True)
            print("score.py:", done.stdout.strip().splitlines()[-1])
    return 0


if __name__ == "__main__":
    sys.exit(main())
