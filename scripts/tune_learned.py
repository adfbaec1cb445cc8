"""Choose the learned coder's constants on held-out labelled documents (training/, never dev rows).

    python scripts/tune_learned.py [--holdout 0.2] [--seed 13] [--json out.json]

Rebuilds the held-out Wikinews/fetched documents of the training split
(training/corpus.py `split`: the documents the shipped encoder never saw) from
their labelled sentences, runs the whole pipeline on them for every point of a
small grid over `chronicle.events.learned` (EVENT_THRESHOLD x RULE_BONUS, with
and without the fallback), and scores the events against the labels sentence
by sentence: an event is right when its evidence sentence holds a labelled
event of the same type. Prints precision, recall, F1 and F0.5 per point (the
coder favours precision: a user judges it by the first events they read),
and the calibration table of the chosen point: share of right events per
band of the encoder's raw score.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from training.corpus import split  # noqa: E402


def held_documents(holdout: float, seed: int) -> tuple[list[dict], dict[str, list[tuple[str, set[str], str | None]]]]:
    """The held-out documents as pipeline input, and per document its labelled sentences with their types."""
    from training.corpus import load_rows

    rows = load_rows(ROOT / "training")
    _, held = split(rows, holdout, seed)
    by_doc: dict[str, list[tuple[str, set[str], str | None]]] = defaultdict(list)
    for r in held:
        by_doc[r.doc].append((r.text, set(r.types), r.acled))
    docs = [{"id": doc, "text": "\n".join(t for t, _, _ in sents)} for doc, sents in sorted(by_doc.items())]
    return docs, by_doc


def run(docs: list[dict], work: Path) -> dict[str, list[dict]]:
    from chronicle.config import Config
    from chronicle.pipeline import process
    from chronicle.records import Article

    path = work / "held.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    out: dict[str, list[dict]] = {}
    for item in process([str(path)], Config(), progress=False):
        if isinstance(item, Article):
            out[item.id] = [{"type": e.type, "evidence": e.evidence.text, "score": e.confidence,
                             "acled": e.acled["sub_event_type"] if e.acled else None} for e in item.events]
    return out


def _holds(text: str, evidence: str) -> bool:
    return text in evidence or evidence in text


def acled_accuracy(pred: dict[str, list[dict]], gold: dict[str, list[tuple[str, set[str], str | None]]]) -> float:
    """Over held-out sentences with an ACLED type: share whose first predicted event carrying one has it."""
    right = total = 0
    for doc, sents in gold.items():
        for text, _, sub in sents:
            if sub in (None, "none"):
                continue
            total += 1
            first = next((e["acled"] for e in pred.get(doc, []) if e["acled"] and _holds(text, e["evidence"])), None)
            right += first == sub
    return round(right / total, 3) if total else 0.0


def score(pred: dict[str, list[dict]], gold: dict[str, list[tuple[str, set[str], str | None]]]) -> dict[str, float]:
    right = total = 0
    found: set[tuple[str, int, str]] = set()
    for doc, events in pred.items():
        sents = gold.get(doc, [])
        for e in events:
            total += 1
            for k, (text, types, _) in enumerate(sents):
                if e["type"] in types and _holds(text, e["evidence"]):
                    right += 1
                    found.add((doc, k, e["type"]))
                    e["right"] = True
                    break
    want = sum(len(types) for sents in gold.values() for _, types, _ in sents)
    p = right / total if total else 0.0
    r = len(found) / want if want else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    f05 = 1.25 * p * r / (0.25 * p + r) if p + r else 0.0
    return {"events": total, "precision": round(p, 3), "recall": round(r, 3), "f1": round(f1, 3),
            "f05": round(f05, 3), "acled_acc": acled_accuracy(pred, gold)}


def calibration(events: list[dict], edges: tuple[float, ...] = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)) -> list[dict]:
    """Share of right events per band of raw score."""
    out = []
    for lo, hi in itertools.pairwise(edges):
        band = [e for e in events if lo <= e["score"] < hi]
        if band:
            out.append({"band": f"{lo:.1f}-{min(hi, 1.0):.1f}", "events": len(band),
                        "right": round(sum(1 for e in band if e.get("right")) / len(band), 3)})
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--holdout", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--thresholds", default="0.3,0.4,0.5,0.6,0.7")
    parser.add_argument("--bonuses", default="0,0.1,0.2,0.3")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)

    from chronicle.events import learned

    docs, gold = held_documents(args.holdout, args.seed)
    print(f"{len(docs)} held-out documents, {sum(len(s) for s in gold.values())} sentences, "
          f"{sum(len(t) for s in gold.values() for _, t, _ in s)} labelled events", flush=True)
    results = []
    learned.CALIBRATION = ((0.0, 0.0), (1.0, 1.0))  # confidence = the raw score while tuning
    preds = {}
    with tempfile.TemporaryDirectory() as tmp:
        for fallback in (True, False):
            for th in map(float, args.thresholds.split(",")):
                for bonus in map(float, args.bonuses.split(",")):
                    learned.EVENT_THRESHOLD, learned.RULE_BONUS = th, bonus
                    learned.FALLBACK_EVENT = 0.8 if fallback else 2.0
                    pred = run(docs, Path(tmp))
                    res = {"threshold": th, "bonus": bonus, "fallback": fallback, **score(pred, gold)}
                    results.append(res)
                    preds[(th, bonus, fallback)] = pred
                    print(json.dumps(res), flush=True)
    best = max(results, key=lambda r: r["f05"])
    print("best (F0.5):", json.dumps(best))
    best_pred = preds[(best["threshold"], best["bonus"], best["fallback"])]
    bands = calibration([e for events in best_pred.values() for e in events])
    print("calibration (raw score band: events, share right):", json.dumps(bands))
    best["calibration"] = bands
    if args.json:
        args.json.write_text(json.dumps({"grid": results, "best": best}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
