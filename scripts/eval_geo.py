#!/usr/bin/env python3
"""Score place detection and resolution on a geo gold file (e.g. ../shared/eval/dev/geo_gwn.jsonl).

    .venv/bin/python scripts/eval_geo.py GOLD.jsonl [PRED_OUT.jsonl]
    .venv/bin/python scripts/eval_geo.py --diagnose GOLD.jsonl PRED.jsonl [--kind KIND] [--misses N]

The first form runs spaCy + chronicle.geo (entity correction, place resolution) over each
document, writes article records with their `places` to PRED_OUT (default: a temp file), then
runs the shared scorer (`score.py geo`, found beside GOLD's folder) on them.

`--diagnose` reads predictions already written (by this script or by `chronicle extract`,
e.g. out/dev/geo.jsonl from scripts/eval_dev.py) and breaks acc@161km down by the gold
`kind` (GeoWebNews scheme), then prints up to N misses (of one kind with --kind): the gold
toponym, what was predicted over it ("-" when nothing) and the error in km; --spurious M
lists predicted places that overlap no gold toponym (the precision losses). It uses the
shared scorer's own offset mapping and matching, so its totals equal `score.py geo`'s.

Reads only the dev files at run time; copies no text into the repo.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any


def predict(gold: Path, out: Path) -> float:
    from chronicle.geo.resolve import resolve_places
    from chronicle.nlp.analysis import analyse_text
    from chronicle.nlp.model import load_nlp

    nlp = load_nlp()
    started = time.perf_counter()
    with open(gold, encoding="utf-8") as src, open(out, "w", encoding="utf-8") as dst:
        for line in src:
            d = json.loads(line)
            analysis = analyse_text(nlp, d["text"], d.get("published"), article_id=d["id"])
            places = resolve_places(analysis)
            analysis.article.places = places
            dst.write(json.dumps({"id": d["id"], "input_id": d["id"], "text": d["text"],
                                  "places": [p.to_dict() for p in places]}) + "\n")
    return time.perf_counter() - started


def load_scorer(gold: Path) -> ModuleType:
    """../shared/eval/score.py (beside the dev folder of `gold`), imported as a module."""
    path = gold.resolve().parent.parent / "score.py"
    spec = importlib.util.spec_from_file_location("chronicle_eval_score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"no scorer at {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _doc_key(rec: dict[str, Any]) -> str:
    return str(rec.get("input_id") or str(rec.get("id", "")).split("#")[0])


def diagnose(gold: Path, pred: Path, kind: str | None, misses: int, context: int, spurious: int = 0) -> None:
    sc = load_scorer(gold)
    preds: dict[str, list[dict[str, Any]]] = {}
    with open(pred, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                preds.setdefault(_doc_key(rec), []).append(rec)
    total: Counter[str] = Counter()
    found: Counter[str] = Counter()
    right: Counter[str] = Counter()
    shown = 0
    wrong_rows: list[str] = []
    spurious_rows: list[str] = []
    with open(gold, encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            text = d["text"]
            places = []
            for rec in preds.get(d["id"], []):
                omap = sc.OffsetMap(text, rec.get("text"))
                for p in rec.get("places") or []:
                    span = sc.mapped_span(omap, p)
                    if span:
                        places.append((span, p))
            gold_spans = [(t["start"], t["end"]) for t in d["gold"].get("toponyms", [])]
            for span, p in places:
                if len(spurious_rows) < spurious and not any(sc.span_overlap(span, g) for g in gold_spans):
                    s, e = span
                    ctx = text[max(0, s - context): s] + "[" + text[s:e] + "]" + text[e: e + context]
                    spurious_rows.append(f"{p.get('name')!s:24.24} {p.get('country')!s:4} r{p.get('resolution')} | "
                                         + ctx.replace("\n", " "))
            for t in d["gold"].get("toponyms", []):
                if t.get("lat") is None or t.get("lon") is None:
                    continue
                g = (t["start"], t["end"])
                k = str(t.get("kind"))
                total[k] += 1
                hits = [(sc.closeness(span, [g]), p) for span, p in places if sc.span_overlap(span, g)]
                best = max(hits, key=lambda h: h[0])[1] if hits else None
                ok = False
                km = None
                if best is not None:
                    found[k] += 1
                    country = sc.COUNTRY_BY_GEONAMEID.get(str(t.get("geonameid") or ""))
                    if country:
                        ok = best.get("country") == country and (
                            best.get("resolution") == 1 or str(best.get("geonameid") or "") == str(t["geonameid"]))
                    elif best.get("lat") is not None:
                        km = sc.haversine_km(t["lat"], t["lon"], float(best["lat"]), float(best["lon"]))
                        ok = km <= 161
                right[k] += ok
                if not ok and (kind is None or k == kind) and shown < misses:
                    shown += 1
                    s, e = g
                    ctx = text[max(0, s - context): s] + "[" + text[s:e] + "]" + text[e: e + context]
                    what = "-" if best is None else (
                        f"{best.get('name')}/{best.get('country')}/r{best.get('resolution')}"
                        + (f" {km:.0f}km" if km is not None else ""))
                    wrong_rows.append(f"{k:22} {t.get('name') or '':24.24} | {what:40.40} | "
                                      + ctx.replace("\n", " "))
    print(f"{'kind':22} {'n':>5} {'found':>6} {'right':>6} {'acc161':>7} {'res_acc':>7}")
    for k, n in total.most_common():
        print(f"{k:22} {n:5} {found[k]:6} {right[k]:6} {right[k] / n:7.3f} "
              f"{(right[k] / found[k]) if found[k] else 0:7.3f}")
    n_all = sum(total.values())
    print(f"{'all':22} {n_all:5} {sum(found.values()):6} {sum(right.values()):6} "
          f"{sum(right.values()) / max(1, n_all):7.3f}")
    for row in wrong_rows:
        print(row)
    if spurious_rows:
        print("-- predicted places over no gold toponym:")
    for row in spurious_rows:
        print(row)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("gold", type=Path)
    parser.add_argument("pred", type=Path, nargs="?")
    parser.add_argument("--diagnose", action="store_true", help="break down existing predictions PRED")
    parser.add_argument("--kind", help="with --diagnose: show misses of this gold kind only")
    parser.add_argument("--misses", type=int, default=0, help="with --diagnose: print up to N misses")
    parser.add_argument("--spurious", type=int, default=0,
                        help="with --diagnose: print up to N predicted places that overlap no gold toponym")
    parser.add_argument("--context", type=int, default=50, help="characters of context around a miss")
    args = parser.parse_args(argv[1:])
    if args.diagnose:
        if args.pred is None:
            parser.error("--diagnose needs PRED")
        diagnose(args.gold, args.pred, args.kind, args.misses, args.context, args.spurious)
        return 0
    out = args.pred or Path(tempfile.mkstemp(suffix=".jsonl")[1])
    seconds = predict(args.gold, out)
    sys.stderr.write(f"predicted {args.gold.name} in {seconds:.1f}s -> {out}\n")
    scorer = args.gold.resolve().parent.parent / "score.py"
    return subprocess.call([sys.executable, str(scorer), "geo", str(args.gold), str(out)])


if __name__ == "__main__":
    sys.exit(main(sys.argv))
