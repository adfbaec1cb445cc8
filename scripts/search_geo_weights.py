#!/usr/bin/env python3
"""Choose the place resolver's weights (`chronicle.geo.resolve.Weights`) on a geo dev file.

    .venv/bin/python scripts/search_geo_weights.py ../shared/eval/dev/geo_gwn.jsonl [--rounds 2] [--out FILE]

Parses every document once (spaCy and entity correction), then re-runs place resolution alone
under each trial set of weights and scores it with the shared scorer (`score.py geo`, found
beside the gold file's folder). The search is coordinate ascent: weight by weight, try each
value of its grid with the others fixed, keep the best acc@161 km end to end (ties: keep the
current value, then prefer the higher detection precision), and go round again until a round
changes nothing or `--rounds` are done.

For the evidence of each weight it then turns that one weight off (0) with the others at their
chosen values and reports both acc@161 figures. The report (aggregate figures only: no text,
no names from the dev file) goes to --out (default bench/results_geo_weights.json); the chosen
values are then written by hand into `Weights`, with their figures, and docs/RESOLVERS.md.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from pathlib import Path
from typing import Any

from eval_geo import load_scorer  # the same folder: scripts/

GRID: dict[str, tuple[float, ...]] = {
    "population": (0.5, 0.75, 1.0, 1.25, 1.5),
    "share": (0.0, 2.0, 3.0, 4.0, 5.0, 6.0),
    "named": (0.0, 0.5, 1.0, 1.5, 2.0),
    "region": (0.0, 0.5, 1.0, 1.5, 2.0, 3.0),
    "anchor_region": (0.0, 0.5, 1.0, 1.5, 2.0, 3.0),
    "near": (0.0, 0.5, 1.0, 1.5, 2.0),
    "near_km": (50.0, 100.0, 150.0, 250.0),
    "home": (0.0, 0.5, 1.0, 1.5, 2.0, 3.0),
    "home_km": (30.0, 60.0, 100.0, 160.0),
    "alternate": (0.0, 1.0, 2.0, 3.0),
    "capital": (0.0, 0.5, 1.0, 1.5),
    "county_penalty": (0.5, 1.0, 1.5, 2.0, 3.0),
}
# Distances are the radius of a feature, not a feature: they are not turned off for the evidence.
RADII = frozenset({"near_km", "home_km"})


class Bench:
    """The parsed dev documents and a way to score one set of weights over them."""

    def __init__(self, gold: Path) -> None:
        from chronicle.nlp.analysis import analyse_text
        from chronicle.nlp.model import load_nlp

        self.sc = load_scorer(gold)
        self.gold_docs = self.sc.read_jsonl(str(gold))
        nlp = load_nlp()
        self.analyses = [analyse_text(nlp, d["text"], d.get("published"), article_id=d["id"])
                         for d in self.gold_docs]

    def score(self, weights: Any) -> dict[str, float]:
        from chronicle.geo import resolve

        resolve.WEIGHTS = weights
        preds: dict[str, list[dict[str, Any]]] = {}
        for d, analysis in zip(self.gold_docs, self.analyses, strict=True):
            analysis.doc.user_data.clear()  # resolution caches its places and anchors on the Doc
            places = resolve.resolve_places(analysis)
            preds[d["id"]] = [{"text": d["text"], "places": [p.to_dict() for p in places]}]
        m = self.sc.score_geo(self.gold_docs, preds).metrics
        return {k: m[k] for k in ("acc161", "det_recall", "det_precision", "res_acc161")}


def _better(a: dict[str, float], b: dict[str, float]) -> bool:
    return (a["acc161"], a["det_precision"]) > (b["acc161"], b["det_precision"])


def search(bench: Bench, rounds: int) -> tuple[Any, dict[str, float], list[dict[str, Any]]]:
    from chronicle.geo.resolve import Weights

    current = Weights()
    best = bench.score(current)
    log: list[dict[str, Any]] = [{"start": dataclasses.asdict(current), **best}]
    print(f"start {best}", flush=True)
    for r in range(rounds):
        changed = False
        for name, grid in GRID.items():
            for value in grid:
                if value == getattr(current, name):
                    continue
                trial = dataclasses.replace(current, **{name: value})
                got = bench.score(trial)
                log.append({"round": r + 1, "weight": name, "value": value, **got})
                if _better(got, best):
                    current, best, changed = trial, got, True
            print(f"round {r + 1} {name} = {getattr(current, name)}  acc161 {best['acc161']:.4f}", flush=True)
        if not changed:
            break
    return current, best, log


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("gold", type=Path)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--out", type=Path, default=Path("bench/results_geo_weights.json"))
    args = parser.parse_args()
    started = time.perf_counter()
    bench = Bench(args.gold)
    chosen, best, log = search(bench, args.rounds)
    evidence = {}
    for name in GRID:
        if name in RADII:
            continue
        off = bench.score(dataclasses.replace(chosen, **{name: 0.0}))
        evidence[name] = {"value": getattr(chosen, name), "acc161": best["acc161"], "acc161_without": off["acc161"],
                          "det_precision_without": off["det_precision"]}
        print(f"{name:15} {getattr(chosen, name):5}  acc161 {best['acc161']:.4f}, without {off['acc161']:.4f}")
    report = {"gold": args.gold.name, "chosen": dataclasses.asdict(chosen), "scores": best, "evidence": evidence,
              "trials": log, "seconds": round(time.perf_counter() - started)}
    args.out.write_text(json.dumps(report, indent=1) + "\n")
    print(f"chosen {dataclasses.asdict(chosen)}\n{best}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
