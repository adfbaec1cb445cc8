"""Measure the encoder alone on a gold events file (e.g. ../shared/eval/dev/events_plv.jsonl), as an aggregate.

    .venv/bin/python scripts/eval_learned.py DEV.jsonl [--json]

Per sentence, the gold type is the first gold event's type; CONCEDE and RETREAT
are folded into YIELD (as the PLV label set does). Reports accuracy of the best
event type (NONE excluded), the share of sentences the encoder calls an event,
accuracy per band of type probability, and the encoder's cost per sentence.
Prints aggregates only: the dev files are for measuring, never for reading rows.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from pathlib import Path

BANDS = (0.0, 0.3, 0.5, 0.7, 0.9, 1.01)


def fold(label: str) -> str:
    return "YIELD" if label in ("CONCEDE", "RETREAT") else label


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("gold", type=Path)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    from chronicle.learned.encoder import load_encoder

    docs = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = [d for d in docs if d.get("gold", {}).get("events")]
    gold = [fold(d["gold"]["events"][0]["type"]) for d in docs]
    enc = load_encoder()
    enc.score(["warm up"])
    t0 = time.perf_counter()
    scores = enc.score([d["text"] for d in docs])
    ms = (time.perf_counter() - t0) * 1000 / max(1, len(docs))
    best = [s.best_type() for s in scores]
    right = [fold(t) == g for (t, _), g in zip(best, gold, strict=True)]
    bands = []
    for lo, hi in itertools.pairwise(BANDS):
        idx = [i for i, (_, p) in enumerate(best) if lo <= p < hi]
        if idx:
            bands.append({"band": f"{lo:.1f}-{min(hi, 1.0):.1f}", "n": len(idx),
                          "acc": round(sum(right[i] for i in idx) / len(idx), 3)})
    result = {"n": len(docs), "type_acc": round(sum(right) / max(1, len(docs)), 3),
              "called_event": round(sum(s.event >= 0.5 for s in scores) / max(1, len(docs)), 3),
              "ms_per_sentence": round(ms, 2), "bands": bands}
    print(json.dumps(result) if args.json else "\n".join(f"{k}: {v}" for k, v in result.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
