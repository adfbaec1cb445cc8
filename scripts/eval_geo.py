#!/usr/bin/env python3
"""Score place detection and resolution on a geo gold file (e.g. ../shared/eval/dev/geo_gwn.jsonl).

    .venv/bin/python scripts/eval_geo.py GOLD.jsonl [PRED_OUT.jsonl]

Runs spaCy + chronicle.geo (entity correction, place resolution) over each document,
writes article records with their `places` to PRED_OUT (default: a temp file), then
runs the shared scorer (`score.py geo`, found beside GOLD's folder) on them. Reads only
`id`, `text` and `published` of each line, never the gold; copies no text into the repo.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from chronicle.geo.resolve import resolve_places
from chronicle.nlp.analysis import analyse_text
from chronicle.nlp.model import load_nlp


def predict(gold: Path, out: Path) -> float:
    nlp = load_nlp()
    started = time.perf_counter()
    with open(gold, encoding="utf-8") as src, open(out, "w", encoding="utf-8") as dst:
        for line in src:
            d = json.loads(line)
            analysis = analyse_text(nlp, d["text"], d.get("published"), article_id=d["id"])
            places = resolve_places(analysis)
            analysis.article.places = places
            dst.write(json.dumps({"id": d["id"], "input_id": d["id"], "text": d["text"],
                                  "places": [p.to_dict() for p in places]}) + "\n")
    return time.perf_counter() - started


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        sys.stderr.write(__doc__ or "")
        return 2
    gold = Path(argv[1])
    out = Path(argv[2]) if len(argv) > 2 else Path(tempfile.mkstemp(suffix=".jsonl")[1])
    seconds = predict(gold, out)
    sys.stderr.write(f"predicted {gold.name} in {seconds:.1f}s -> {out}\n")
    scorer = gold.resolve().parent.parent / "score.py"
    return subprocess.call([sys.executable, str(scorer), "geo", str(gold), str(out)])


if __name__ == "__main__":
    sys.exit(main(sys.argv))
