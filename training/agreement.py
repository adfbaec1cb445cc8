"""Inter-labeller agreement on the blind relabelled sample (training/README.md "Agreement").

    python training/agreement.py [--second training/labels/blind300.second.labels.jsonl]

A second labeller relabelled 300 randomly drawn Wikinews sentences without
seeing the first labels. Reports Cohen's kappa on the sentence's label set
reduced to one label (NONE, or the first event's type), on NONE vs event, and
raw agreement on the set of types.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from training.corpus import read_jsonl  # noqa: E402


def kappa(a: list[str], b: list[str]) -> float:
    """Cohen's kappa of two labellings of the same items."""
    n = len(a)
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    ca, cb = Counter(a), Counter(b)
    expected = sum(ca[k] * cb[k] for k in ca.keys() | cb.keys()) / (n * n)
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def labels(path: Path) -> dict[str, list[str]]:
    return {r["id"]: [e["type"] for e in r.get("events", [])] for r in read_jsonl(path)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--second", type=Path, default=HERE / "labels" / "blind300.second.labels.jsonl")
    args = parser.parse_args()
    first: dict[str, list[str]] = {}
    for name in ("wn_chunk1", "wn_chunk2", "wn_chunk3"):
        first.update(labels(HERE / "labels" / f"{name}.labels.jsonl"))
    second = labels(args.second)
    ids = sorted(second)
    one_a = [first[i][0] if first[i] else "NONE" for i in ids]
    one_b = [second[i][0] if second[i] else "NONE" for i in ids]
    ev_a = ["event" if first[i] else "NONE" for i in ids]
    ev_b = ["event" if second[i] else "NONE" for i in ids]
    both = [i for i in ids if first[i] and second[i]]
    same_set = sum(set(first[i]) == set(second[i]) for i in ids) / len(ids)
    print(json.dumps({
        "sentences": len(ids),
        "events_first": sum(e == "event" for e in ev_a), "events_second": sum(e == "event" for e in ev_b),
        "kappa_type": round(kappa(one_a, one_b), 3),
        "kappa_event_vs_none": round(kappa(ev_a, ev_b), 3),
        "same_type_set": round(same_set, 3),
        "type_agreement_where_both_code_an_event": round(
            sum(bool(set(first[i]) & set(second[i])) for i in both) / max(1, len(both)), 3),
    }, indent=1))


if __name__ == "__main__":
    main()
