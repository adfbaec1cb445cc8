"""Throughput and memory of `chronicle extract` against bare spaCy, on one core.

    python bench/bench_extract.py [INPUT.jsonl] [--repeat N]

Default input: the bundled Wikinews sample. Reports, for the same texts:
bare `nlp.pipe` (the model alone), and the whole chronicle pipeline (read,
segment, spaCy, all stages) — articles/s, words/s, and the ratio. Peak RSS of
each phase is measured in a fresh child process so one phase's memory does
not hide the other's.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

DEFAULT_INPUT = Path(__file__).resolve().parent.parent / "chronicle" / "sample" / "wikinews.jsonl"

CHILD = r"""
import json, resource, sys, time
mode, path, repeat = sys.argv[1], sys.argv[2], int(sys.argv[3])
from chronicle.nlp.model import load_nlp
nlp = load_nlp()
texts = [json.loads(l)["text"] for l in open(path, encoding="utf-8") if l.strip()] * repeat
words = sum(len(t.split()) for t in texts)
t0 = time.perf_counter()
if mode == "spacy":
    n = sum(1 for _ in nlp.pipe(texts))
else:
    from chronicle.config import Config
    from chronicle.pipeline import process
    paths = [path] * repeat
    from chronicle.annotate import warm_up
    warm_up()
    t0 = time.perf_counter()
    n = sum(1 for x in process(paths, Config(), progress=False) if hasattr(x, "events"))
dt = time.perf_counter() - t0
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"mode": mode, "articles": n, "words": words, "seconds": dt, "peak_rss_mb": rss}))
"""


def run(mode: str, path: Path, repeat: int) -> dict:
    done = subprocess.run([sys.executable, "-c", CHILD, mode, str(path), str(repeat)],
                          check=True, capture_output=True, text=True,
                          env={**os.environ, "OMP_NUM_THREADS": "1"})
    result: dict = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("input", nargs="?", type=Path, default=DEFAULT_INPUT)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    rows = [run(mode, args.input, args.repeat) for mode in ("spacy", "chronicle")]
    for r in rows:
        print(f"{r['mode']:<10} {r['articles']:>6} articles  {r['seconds']:7.2f} s  "
              f"{r['articles'] / r['seconds']:7.1f} art/s  {r['words'] / r['seconds']:9.0f} words/s  "
              f"peak RSS {r['peak_rss_mb']:.0f} MB")
    spacy_rate = rows[0]["articles"] / rows[0]["seconds"]
    chron_rate = rows[1]["articles"] / rows[1]["seconds"]
    print(f"ratio chronicle/spaCy: {chron_rate / spacy_rate:.2f}")


if __name__ == "__main__":
    main()
