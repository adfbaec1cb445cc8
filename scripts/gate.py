"""Quality gate over ../shared: run chronicle on the seed dump and score it.

    python scripts/gate.py --shared ../shared

Floors (STYLE.md 7) are raised as the coder improves and never lowered
silently: every required seed item met and every negative held.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path


def extract(inputs: list[str], out: Path) -> None:
    cmd = [sys.executable, "-m", "chronicle", "extract", *inputs, "--quiet", "-o", str(out)]
    subprocess.run(cmd, check=True)


def score(shared: Path, task: str, gold: Path, pred: Path) -> dict:
    cmd = [sys.executable, str(shared / "eval" / "score.py"), task, str(gold), str(pred), "--json"]
    done = subprocess.run(cmd, check=True, capture_output=True, text=True)
    result: dict = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def seed_gate(shared: Path, work: Path) -> list[str]:
    pred = work / "seed.jsonl"
    extract([str(shared / "seed" / "000_78ac4808e78a0a33.txt")], pred)
    res = score(shared, "seed", shared / "seed" / "gold.json", pred)
    m = res["metrics"]
    print(f"seed: required {m['required_met']}/{m['required']}, items {m['met']}/{m['items']}, "
          f"negatives {m['negatives_held']}/{m['negatives']}")
    problems = [f"seed unmet: {u}" for u in res.get("unmet", [])]
    if m["required_met"] < m["required"] or m["negatives_held"] < m["negatives"]:
        return problems or ["seed: required items or negatives not met"]
    return []


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        problems = seed_gate(args.shared, Path(tmp))
    for p in problems:
        print(f"GATE FAIL {p}", file=sys.stderr)
    print("gate: " + ("FAILED" if problems else "passed"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
