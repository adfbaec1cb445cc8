"""Speed of the event coder alone, of the whole extract, and of bare spaCy, on one core.

    python bench/bench_coder.py [INPUT.jsonl]

Default input: the events dev file (../shared/eval/dev/events_plv.jsonl; its
`gold` key is never read), else the bundled Wikinews sample. Each phase runs
in a fresh child process with OMP_NUM_THREADS=1 and prints sentences/s:

- spacy: bare `nlp.pipe` over the texts;
- coder: `code_events` alone on analyses built beforehand (spaCy time excluded);
- extract: the whole chronicle pipeline (read, spaCy, every stage).

The extract must stay at >= 50% of bare spaCy's speed (the brief's bar).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "eval" / "dev" / "events_plv.jsonl"
SAMPLE = ROOT / "chronicle" / "sample" / "wikinews.jsonl"

CHILD = r"""
import json, sys, time
mode, path = sys.argv[1], sys.argv[2]
from chronicle.nlp.model import load_nlp
nlp = load_nlp()
rows = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
texts = [r["text"] for r in rows]
sentences = sum(1 for d in nlp.pipe(texts) for _ in d.sents)  # counted once, also warms the model
t0 = time.perf_counter()
if mode == "spacy":
    for _ in nlp.pipe(texts):
        pass
    dt = time.perf_counter() - t0
elif mode == "coder":
    from chronicle.events import code_events
    from chronicle.nlp.analysis import analyse_text
    analyses = [analyse_text(nlp, r["text"], r.get("published"), article_id=str(r.get("id"))) for r in rows]
    t0 = time.perf_counter()
    for a in analyses:
        code_events(a)
    dt = time.perf_counter() - t0
else:
    from chronicle.config import Config
    from chronicle.annotate import warm_up
    from chronicle.pipeline import process
    load_seconds = warm_up()  # gazetteer, dictionaries, lexicons: reported apart, like spaCy's model load
    t0 = time.perf_counter()
    for _ in process([path], Config(), progress=False):
        pass
    dt = time.perf_counter() - t0
    print(json.dumps({"mode": "load", "docs": 0, "sentences": 0, "seconds": load_seconds}))
print(json.dumps({"mode": mode, "docs": len(texts), "sentences": sentences, "seconds": dt}))
"""


def run(mode: str, path: Path) -> dict[str, dict[str, float]]:
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    done = subprocess.run([sys.executable, "-c", CHILD, mode, str(path)], check=True, capture_output=True,
                          text=True, env=env)
    return {row["mode"]: row for row in map(json.loads, done.stdout.strip().splitlines())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("input", nargs="?", type=Path, default=DEV if DEV.exists() else SAMPLE)
    args = parser.parse_args()
    rows: dict[str, dict[str, float]] = {}
    for mode in ("spacy", "coder", "extract"):
        rows.update(run(mode, args.input))
    sys.stdout.write(f"loading gazetteer, dictionaries and lexicons (once per process): "
                     f"{rows.pop('load')['seconds']:.2f} s\n")
    for mode, r in rows.items():
        rate = r["sentences"] / r["seconds"]
        sys.stdout.write(f"{mode:<8} {int(r['docs']):>6} docs {int(r['sentences']):>6} sentences "
                         f"{r['seconds']:8.2f} s {rate:9.0f} sentences/s\n")
    ratio = rows["spacy"]["seconds"] / rows["extract"]["seconds"]
    sys.stdout.write(f"extract speed / bare spaCy speed = {ratio:.2f} (must be >= 0.50)\n")


if __name__ == "__main__":
    main()
