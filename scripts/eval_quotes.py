"""Run the quotes stage over an evaluation file and write article records for ../shared/eval/score.py.

    .venv/bin/python scripts/eval_quotes.py DEV.jsonl OUT.jsonl
    python3 ../shared/eval/score.py quotes DEV.jsonl OUT.jsonl
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        sys.stderr.write(__doc__ or "")
        return 2
    from chronicle.nlp.analysis import analyse_text
    from chronicle.nlp.model import load_nlp
    from chronicle.quotes import extract_quotes

    nlp = load_nlp()
    with Path(argv[0]).open(encoding="utf-8") as src, Path(argv[1]).open("w", encoding="utf-8") as out:
        for line in src:
            d = json.loads(line)
            analysis = analyse_text(nlp, d["text"], d.get("published"), article_id=d["id"])
            quotes = [q.to_dict() for q in extract_quotes(analysis)]
            record = {"id": d["id"], "input_id": d["id"], "text": d["text"], "quotes": quotes}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
