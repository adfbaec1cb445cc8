"""Quality gate over ../shared: run chronicle on the seed dump, every dev set and our own held-out wire
sentences (training/wire/wire_c.jsonl), score each with ../shared/eval/score.py, check floors.

    python scripts/gate.py --shared ../shared [--out DIR] [--only TASK ...]

Floors (STYLE.md 7) sit just under the figures measured at the last stop
(docs/MEASUREMENTS.md gives each with its command). They are raised as the
coder improves and never lowered silently: a change to FLOORS is a change to
the project's promise, made in its own commit with its reason. `negatives` is
a ceiling (events coded per article on non-political news). The seed must meet
every required item and hold every negative.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

# task -> (dev file, {metric: floor}); a metric named in CEILINGS must stay at or below its value.
FLOORS: dict[str, tuple[str, dict[str, float]]] = {
    "events": ("events_plv.jsonl", {"row_acc": 0.74, "macro_f1": 0.69}),
    "actors": ("actors_gsr.jsonl", {"country_acc": 0.88, "sector_acc": 0.75}),
    "geo": ("geo_gwn.jsonl", {"acc161": 0.76, "det_precision": 0.90}),
    "time": ("time_timebank.jsonl", {"value_acc_e2e": 0.78, "precision": 0.92}),
    "quotes": ("quotes_polnear.jsonl", {"content_recall": 0.55, "speaker_acc": 0.83}),
    "negatives": ("negatives_bbc.jsonl", {}),
}
# Our own held-out measurement sets (in the repository, scored by a score.py task): task -> (file,
# score.py task, {metric: floor}). training/wire/wire_c.jsonl: 200 wire sentences written here and
# never read for errors (training/wire/README.md).
OWN: dict[str, tuple[Path, str, dict[str, float]]] = {
    "wire": (Path(__file__).resolve().parent.parent / "training" / "wire" / "wire_c.jsonl", "actors",
             {"country_acc": 0.93, "sector_acc": 0.81}),
}
CEILINGS: dict[str, dict[str, float]] = {
    "negatives": {"events_per_article": 0.55, "sport.events_per_article": 0.2,
                  "entertainment.events_per_article": 0.40},
}


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
          f"negatives {m['negatives_held']}/{m['negatives']}", flush=True)
    problems = [f"seed unmet: {u}" for u in res.get("unmet", [])]
    if m["required_met"] < m["required"] or m["negatives_held"] < m["negatives"]:
        return problems or ["seed: required items or negatives not met"]
    return []


def metric(result: dict, name: str) -> float:
    """A metric of score.py's JSON: "acc161" from `metrics`, "sport.events_per_article" from `by_category`."""
    if "." in name:
        category, key = name.split(".", 1)
        value = result.get("by_category", {}).get(category, {}).get(key)
    else:
        value = result["metrics"].get(name)
    if value is None:
        raise KeyError(f"score.py gave no {name!r}")
    return float(value)


def dev_gate(shared: Path, work: Path, task: str) -> list[str]:
    if task in OWN:
        gold, scored_as, floors = OWN[task]
    else:
        name, floors = FLOORS[task]
        gold, scored_as = shared / "eval" / "dev" / name, task
    pred = work / f"{task}.jsonl"
    extract([str(gold)], pred)
    metrics = score(shared, scored_as, gold, pred)
    problems = []
    shown = []
    for key, floor in floors.items():
        value = metric(metrics, key)
        shown.append(f"{key} {value:.3f} (floor {floor})")
        if value < floor:
            problems.append(f"{task}: {key} {value:.3f} is below its floor {floor}")
    for key, ceiling in CEILINGS.get(task, {}).items():
        value = metric(metrics, key)
        shown.append(f"{key} {value:.3f} (ceiling {ceiling})")
        if value > ceiling:
            problems.append(f"{task}: {key} {value:.3f} is above its ceiling {ceiling}")
    print(f"{task}: " + ", ".join(shown), flush=True)
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--only", nargs="*", default=None, help="seed and/or dev tasks to run (default: all)")
    parser.add_argument("--out", type=Path, default=None, help="keep the predictions here (<task>.jsonl)")
    args = parser.parse_args()
    tasks = args.only if args.only else ["seed", *FLOORS, *OWN]
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        work = args.out or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        for task in tasks:
            problems += seed_gate(args.shared, work) if task == "seed" else dev_gate(args.shared, work, task)
    for p in problems:
        print(f"GATE FAIL {p}", file=sys.stderr)
    print("gate: " + ("FAILED" if problems else "passed"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
