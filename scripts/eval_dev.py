"""Run `chronicle extract` on every ../shared/eval dev file and score it with score.py.

    python scripts/eval_dev.py [--shared ../shared] [--out DIR] [TASK ...]

Prints each task's summary line and writes predictions to DIR (default
./out/dev). The dev files are research-licensed: they are read from ../shared
at run time and nothing of them is copied into the repo.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

TASKS = {
    "events": "events_plv.jsonl",
    "actors": "actors_gsr.jsonl",
    "geo": "geo_gwn.jsonl",
    "quotes": "quotes_polnear.jsonl",
    "time": "time_timebank.jsonl",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("tasks", nargs="*", default=list(TASKS))
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--out", type=Path, default=Path("out/dev"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    results = {}
    for task in args.tasks:
        gold = args.shared / "eval" / "dev" / TASKS[task]
        pred = args.out / f"{task}.jsonl"
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "chronicle", "extract", str(gold), "--quiet", "-o", str(pred)],
                       check=True)
        seconds = time.perf_counter() - t0
        done = subprocess.run([sys.executable, str(args.shared / "eval" / "score.py"), task, str(gold), str(pred)],
                              check=True, capture_output=True, text=True)
        (args.out / f"{task}.score.txt").write_text(done.stdout)
        summary = done.stdout.strip().splitlines()[-1]
        results[task] = {"summary": summary, "extract_seconds": round(seconds, 1)}
        print(f"{summary}   (extract {seconds:.0f} s)", flush=True)
    (args.out / "summary.json").write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
