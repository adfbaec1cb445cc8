"""ACLED sub-event figures on our held-out labelled sentences, scored by score.py's `acled` task.

    python scripts/eval_acled.py [--model DIR] [--holdout 0.2] [--seed 13] [--set NAME=VALUE,...] [--shared ../shared]

The hidden ACLED set is short conflict and protest reports, each with one sub-event type, scored on
the first event of the record that carries `acled` (no such event is wrong). This script builds the
same kind of file from the held-out documents of the training split (training/corpus.py `split`:
the sentences an encoder trained with the same --holdout and --seed never saw): every held-out
sentence labelled with an ACLED sub-event type becomes one document, read alone. It runs the real
pipeline on it and prints score.py's accuracy, weighted F1 and top confusions, then the share of
sentences with no event and the accuracy among those with one (what relevance costs and what
typing costs). `--set` changes constants of `chronicle.events.learned` for the run (design choice,
never the product). Needs ../shared for score.py; our labels never leave the repo.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from training.corpus import load_rows, split  # noqa: E402


def gold_file(holdout: float, seed: int, path: Path) -> int:
    """Write the held-out ACLED-labelled sentences as score.py `acled` documents; how many."""
    from chronicle.events.acled import parents

    up = parents()
    _, held = split(load_rows(ROOT / "training"), holdout, seed)
    docs = [{"id": f"{r.doc}-a{k}", "text": r.text, "title": None, "published": None,
             "gold": {"acled_subtype": r.acled, "acled_sub_event_type": r.acled, "acled_event_type": up.get(r.acled)}}
            for k, r in enumerate(held) if r.acled not in (None, "none")]
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return len(docs)


def predict(gold: Path, out: Path) -> None:
    """The real pipeline over the gold file (it is valid input), one article record per line."""
    from chronicle.config import Config
    from chronicle.export.jsonl import dumps
    from chronicle.pipeline import process
    from chronicle.records import Article

    with out.open("w", encoding="utf-8") as f:
        for item in process([str(gold)], Config(), progress=False):
            if isinstance(item, Article):
                f.write(dumps(item.to_dict()) + "\n")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--holdout", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--model", type=Path, default=None, help="encoder directory (default: the shipped one)")
    parser.add_argument("--set", default="", help="NAME=VALUE,... constants of chronicle.events.learned")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args(argv)
    scorer = args.shared / "eval" / "score.py"
    if not scorer.exists():
        parser.error(f"{scorer} not found: pass --shared, the folder that holds eval/score.py")
    from tune_learned import choose_design  # scripts/, the running script's folder

    choose_design(parser, args.model, args.set)
    with tempfile.TemporaryDirectory() as tmp:
        gold, pred = Path(tmp) / "acled_gold.jsonl", Path(tmp) / "acled_pred.jsonl"
        n = gold_file(args.holdout, args.seed, gold)
        predict(gold, pred)
        done = subprocess.run([sys.executable, str(scorer), "acled", str(gold), str(pred), "--json"],
                              check=True, capture_output=True, text=True)
        res = json.loads(done.stdout.strip().splitlines()[-1])
    m = res["metrics"]
    answered = n - m["no_prediction"]
    right = round(m["acc"] * n)
    print(f"{n} held-out sentences with an ACLED sub-event type")
    print(f"accuracy {m['acc']:.3f}  weighted F1 {m['weighted_f1']:.3f}  event-type accuracy {m['event_type_acc']:.3f}")
    print(f"no event with an ACLED type: {m['no_prediction']} ({m['no_prediction'] / n:.1%}); "
          f"accuracy where one is given {right / answered if answered else 0:.3f}")
    for g, p, k in res["confusions"]:
        print(f"  {g:>36} -> {p:<36} {k}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
