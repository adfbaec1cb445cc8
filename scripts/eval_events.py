#!/usr/bin/env python3
"""Run the event coder over an events evaluation file and write article records for score.py.

    python3 scripts/eval_events.py DEV.jsonl OUT.jsonl

Each line of DEV is one document ({"id", "text", "published", ...}); the
`gold` key is never read. For each one this builds an Analysis with
`chronicle.nlp.analysis.analyse_text`, runs `code_events`, and writes
{"id", "input_id", "text", "events"}. Then score with
`python3 ../shared/eval/score.py events DEV.jsonl OUT.jsonl`. Prints the
speed of `code_events` alone (sentences per second) on stderr.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        sys.stderr.write(__doc__ or "")
        return 2
    from chronicle.events import code_events
    from chronicle.nlp.analysis import analyse_text
    from chronicle.nlp.model import load_nlp

    nlp = load_nlp()
    coded = 0.0
    sentences = 0
    with Path(argv[1]).open(encoding="utf-8") as src, Path(argv[2]).open("w", encoding="utf-8") as out:
        for line in src:
            if not line.strip():
                continue
            d = json.loads(line)
            analysis = analyse_text(nlp, d["text"], d.get("published"), article_id=d["id"])
            t0 = time.perf_counter()
            events = code_events(analysis)
            coded += time.perf_counter() - t0
            sentences += sum(1 for _ in analysis.doc.sents)
            out.write(json.dumps({"id": d["id"], "input_id": d["id"], "text": d["text"],
                                  "events": [e.to_dict() for e in events]}, ensure_ascii=False) + "\n")
    rate = sentences / max(coded, 1e-9)
    sys.stderr.write(f"code_events: {sentences} sentences in {coded:.2f} s = {rate:.0f} sentences/s\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
