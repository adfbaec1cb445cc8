"""Ablation of the event coder's rule families and learned decisions, on the dev sets (aggregates only).

    python scripts/ablate_events.py [--shared ../shared] [--only NAME ...] [--json out.json]
    python scripts/ablate_events.py --only set:TRIGGER_BLEND=0.5,EVENT_THRESHOLD=0.6   # constants of learned.py

For each variant, one part of the coder is switched off in this process
(the functions are replaced, the product code is not changed), `chronicle
extract` runs on events_plv, actors_gsr and negatives_bbc, and score.py's
summary figures are printed: PLV row accuracy and macro-F1, actor country and
sector accuracy, events per article on BBC sport and entertainment. A family
whose removal costs nothing is a candidate for deletion (issue 11: rules keep
only what they do well).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

SETS = {"events": "events_plv.jsonl", "actors": "actors_gsr.jsonl", "negatives": "negatives_bbc.jsonl"}


def _variants() -> dict[str, Callable[[], None]]:
    from chronicle.events import code, learned
    from chronicle.events.code import Draft

    def no_govern() -> None:
        code.govern = lambda trigs: [Draft(t) for t in trigs]

    def no_licence() -> None:
        code.licensed = lambda d, actors, recipients: None

    def no_status() -> None:
        code.status_of = lambda trigger, clause: "asserted"

    def no_relevance() -> None:
        learned.EVENT_THRESHOLD = learned.STRICT_THRESHOLD = -1.0

    def no_learned_type() -> None:
        learned.choose_type = lambda rule_type, scores, others=frozenset(), k=None: rule_type

    def no_article_gate() -> None:
        learned.ARTICLE_SHARE = 0.0

    def no_secondary() -> None:
        learned.SECONDARY_MIN = 0.0

    def no_fallback() -> None:
        code.fallback_verb = lambda sent, lex: None

    def fallback_loose() -> None:
        learned.FALLBACK_EVENT, learned.FALLBACK_TYPE = learned.EVENT_THRESHOLD, 0.0

    def min_score(value: float) -> Callable[[], None]:
        def apply() -> None:
            learned.MIN_SCORE = value
        return apply

    def threshold(value: float) -> Callable[[], None]:
        def apply() -> None:
            learned.EVENT_THRESHOLD = value
        return apply

    def blend(value: float) -> Callable[[], None]:
        def apply() -> None:
            learned.TRIGGER_BLEND = value
        return apply

    def retype_min(value: float) -> Callable[[], None]:
        def apply() -> None:
            learned.RETYPE_MIN = value
        return apply

    def both(*changes: Callable[[], None]) -> Callable[[], None]:
        def apply() -> None:
            for change in changes:
                change()
        return apply

    def rules_only() -> None:
        learned.TRIGGER_VETO = 0.0
        no_relevance()
        no_learned_type()
        no_secondary()
        no_fallback()

    return {"full": lambda: None, "no-governance": no_govern, "no-licensing": no_licence,
            "no-status": no_status, "no-relevance": no_relevance, "no-article-gate": no_article_gate,
            "no-learned-type": no_learned_type, "no-secondary": no_secondary, "no-fallback": no_fallback,
            "fallback-loose": fallback_loose, "min-score-0.05": min_score(0.05), "min-score-0.1": min_score(0.1),
            "min-score-0.2": min_score(0.2), "threshold-0.5": threshold(0.5), "no-trigger-head": blend(0.0),
            "trigger-blend-0.25": blend(0.25), "trigger-blend-0.5": blend(0.5), "trigger-blend-0.75": blend(0.75),
            "trigger-only": blend(1.0), "retype-min-0.6": retype_min(0.6),
            "trigger-only-threshold-0.5": both(blend(1.0), threshold(0.5)),
            "trigger-only-threshold-0.6": both(blend(1.0), threshold(0.6)),
            "trigger-blend-0.5-threshold-0.5": both(blend(0.5), threshold(0.5)),
            "rules-only": rules_only}


def run_variant(name: str, shared: Path, work: Path) -> dict[str, float]:
    from chronicle.config import Config
    from chronicle.export.jsonl import dumps
    from chronicle.pipeline import process
    from chronicle.records import Article

    if name.startswith("set:"):  # "set:TRIGGER_BLEND=0.5,EVENT_THRESHOLD=0.6": constants of chronicle.events.learned
        from chronicle.events import learned

        learned.override(name[4:])
    else:
        _variants()[name]()
    out: dict[str, float] = {}
    for task, file in SETS.items():
        gold = shared / "eval" / "dev" / file
        pred = work / f"{name}-{task}.jsonl"
        with pred.open("w", encoding="utf-8") as f:
            for item in process([str(gold)], Config(), progress=False):
                if isinstance(item, Article):
                    f.write(dumps(item.to_dict()) + "\n")
        done = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), task, str(gold), str(pred), "--json"],
                              check=True, capture_output=True, text=True)
        res = json.loads(done.stdout.strip().splitlines()[-1])
        m = res["metrics"]
        if task == "events":
            out.update(row_acc=m["row_acc"], macro_f1=m["macro_f1"])
        elif task == "actors":
            out.update(country=m["country_acc"], sector=m["sector_acc"])
        else:
            cats = res["by_category"]
            out.update(sport=cats["sport"]["events_per_article"],
                       entertainment=cats["entertainment"]["events_per_article"])
    return {k: round(float(v), 3) for k, v in out.items()}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--only", nargs="*", default=None)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        with tempfile.TemporaryDirectory() as tmp:
            print(json.dumps(run_variant(args.child, args.shared, Path(tmp))))
        return 0
    names = args.only or list(_variants())
    table = {}
    for name in names:  # each variant in a fresh process: a replaced function must not leak into the next
        done = subprocess.run([sys.executable, __file__, "--shared", str(args.shared), "--child", name],
                              check=True, capture_output=True, text=True)
        table[name] = json.loads(done.stdout.strip().splitlines()[-1])
        print(name, json.dumps(table[name]), flush=True)
    if args.json:
        args.json.write_text(json.dumps(table, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
