"""Events per article on our own Wikinews measurement set, by topic (training/negatives/, never trained on).

    python scripts/eval_topics.py [--out DIR]

Runs `chronicle extract` on training/negatives/wikinews_nonpolitical.jsonl
(106 articles not about political events: sport, entertainment, science,
weather, accidents, business) and wikinews_political.jsonl (78 political
articles), and prints events per article and the share of articles with at
least one event, per topic. A precise coder codes almost nothing on the first
file; the second shows what the relevance gates cost on unseen political news.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETS = (ROOT / "training" / "negatives" / "wikinews_nonpolitical.jsonl",
        ROOT / "training" / "negatives" / "wikinews_political.jsonl")


def per_topic(inputs: Path, records: Path) -> dict[str, list[int]]:
    """Events per article, grouped by the topic the input gives each article."""
    topic = {}
    for line in inputs.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            topic[row["id"]] = row["topic"]
    counts: dict[str, int] = defaultdict(int)
    for line in records.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            if "events" in rec:
                counts[str(rec.get("input_id") or rec["id"]).split("#")[0]] += len(rec["events"])
    out: dict[str, list[int]] = defaultdict(list)
    for doc, name in topic.items():
        out[name].append(counts.get(doc, 0))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=None, help="where to keep the records")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out_dir = args.out or Path(tmp)
        out_dir.mkdir(parents=True, exist_ok=True)
        print("| topic | articles | events per article | articles with an event |")
        print("|---|---|---|---|")
        for inputs in SETS:
            records = out_dir / f"{inputs.stem}.records.jsonl"
            subprocess.run([sys.executable, "-m", "chronicle", "extract", str(inputs), "--quiet", "-o", str(records)],
                           check=True)
            groups = per_topic(inputs, records)
            for name, counts in sorted(groups.items()):
                print(f"| {name} | {len(counts)} | {sum(counts) / len(counts):.2f} | "
                      f"{sum(1 for c in counts if c)} |")
            every = [c for counts in groups.values() for c in counts]
            print(f"| **{inputs.stem}** | {len(every)} | {sum(every) / len(every):.2f} | "
                  f"{sum(1 for c in every if c)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
