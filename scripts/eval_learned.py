"""Measure the learned event-type model on a gold events file (e.g. ../shared/eval/dev/events_plv.jsonl).

    .venv/bin/python scripts/eval_learned.py DEV.jsonl [--json]

Per sentence, the gold type is the first gold event's type; CONCEDE and RETREAT
are folded into YIELD (as the PLV label set does). Reports accuracy of the argmax
over all labels and over the 16 event types only, macro-F1, accuracy per
confidence decile, accuracy and coverage above confidence thresholds, and the
classifier's cost per sentence (features + scoring, on top of spaCy).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def fold(label: str) -> str:
    return "YIELD" if label in ("CONCEDE", "RETREAT") else label


def macro_f1(gold: list[str], pred: list[str]) -> float:
    labels = sorted(set(gold))
    scores = []
    for lab in labels:
        tp = sum(g == p == lab for g, p in zip(gold, pred, strict=True))
        fp = sum(p == lab and g != lab for g, p in zip(gold, pred, strict=True))
        fn = sum(g == lab and p != lab for g, p in zip(gold, pred, strict=True))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores)


def deciles(conf: list[float], correct: list[bool]) -> list[dict[str, float]]:
    order = sorted(range(len(conf)), key=conf.__getitem__)
    out = []
    for d in range(10):
        part = order[d * len(order) // 10:(d + 1) * len(order) // 10]
        if part:
            out.append({"decile": d + 1, "min_conf": round(conf[part[0]], 3),
                        "accuracy": round(sum(correct[i] for i in part) / len(part), 3), "n": len(part)})
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("gold", type=Path)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    from chronicle.learned import EVENT_TYPES, event_type_scores, load_event_model
    from chronicle.nlp.model import load_nlp

    docs = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = [d for d in docs if d["gold"]["events"]]
    gold = [fold(d["gold"]["events"][0]["type"]) for d in docs]
    nlp = load_nlp()
    load_event_model()
    t0 = time.perf_counter()
    parsed = list(nlp.pipe((d["text"] for d in docs), batch_size=64))
    spacy_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    scores = [event_type_scores(doc[:]) for doc in parsed]
    clf_s = time.perf_counter() - t0

    pred_all = [fold(max(s, key=s.__getitem__)) for s in scores]
    best_event = [max(EVENT_TYPES, key=s.__getitem__) for s in scores]
    pred_ev = [fold(t) for t in best_event]
    conf = [s[t] for s, t in zip(scores, best_event, strict=True)]
    correct = [p == g for p, g in zip(pred_ev, gold, strict=True)]
    n = len(docs)
    thresholds = []
    for t in THRESHOLDS:
        kept = [c for c, p in zip(correct, conf, strict=True) if p >= t]
        thresholds.append({"threshold": t, "coverage": round(len(kept) / n, 3),
                           "accuracy": round(sum(kept) / len(kept), 3) if kept else None})
    per_type = {}
    for lab in sorted(set(gold)):
        idx = [i for i, g in enumerate(gold) if g == lab]
        per_type[lab] = {"n": len(idx), "recall": round(sum(correct[i] for i in idx) / len(idx), 3)}
    report = {
        "sentences": n,
        "accuracy_argmax_all": round(sum(p == g for p, g in zip(pred_all, gold, strict=True)) / n, 3),
        "accuracy_event_types": round(sum(correct) / n, 3),
        "macro_f1_event_types": round(macro_f1(gold, pred_ev), 3),
        "predicted_none": sum(p == "NONE" for p in pred_all),
        "deciles": deciles(conf, correct),
        "thresholds": thresholds,
        "per_type": per_type,
        "confusions": [f"{g}->{p}: {c}" for (g, p), c in Counter(
            (g, p) for g, p in zip(gold, pred_ev, strict=True) if g != p).most_common(10)],
        "ms_per_sentence_classifier": round(1000 * clf_s / n, 3),
        "ms_per_sentence_spacy": round(1000 * spacy_s / n, 3),
    }
    if args.json:
        sys.stdout.write(json.dumps(report) + "\n")
    else:
        for key, value in report.items():
            if isinstance(value, list | dict):
                sys.stdout.write(f"{key}:\n")
                items = value.items() if isinstance(value, dict) else enumerate(value)
                for _, v in items:
                    sys.stdout.write(f"  {v}\n" if not isinstance(value, dict) else f"  {_}: {v}\n")
            else:
                sys.stdout.write(f"{key}: {value}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
