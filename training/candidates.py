"""The rules' candidate triggers in every labelled sentence: what the trigger head learns to judge.

    python -m training.candidates [--workers 2]     # writes training/candidates.jsonl

At run time the encoder is asked about each event the rules propose (chronicle.events.code,
`proposed_events`): its trigger word decides which sense is meant ("beat the third seed", "beat
protesters"). This script runs the rules over every sentence of training/corpus/*.jsonl, read as a
one-sentence article, and writes per row id the proposed triggers as character spans of the row's
text with the rules' type. `training.corpus` labels each candidate with the type of the labelled
event whose trigger it overlaps, or NONE: the rules' own mistakes, in their own distribution, are the
head's negatives. Derived from committed data by committed code; rebuild it after changing either.
"""

from __future__ import annotations

import argparse
import json
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "candidates.jsonl"


def _rows() -> list[tuple[str, str]]:
    out = []
    for path in sorted((HERE / "corpus").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                out.append((r["id"], r["text"]))
    return out


def _candidates(chunk: list[tuple[str, str]]) -> list[dict]:
    from chronicle.annotate import analysis_of
    from chronicle.events.code import proposed_events
    from chronicle.nlp.model import load_nlp
    from chronicle.records import Article

    nlp = load_nlp()
    out = []
    for (rid, text), doc in zip(chunk, nlp.pipe([t for _, t in chunk], batch_size=64), strict=True):
        analysis = analysis_of(Article(id=rid, input_id=rid, text=text), doc)
        spans = sorted({(e.trigger.start, e.trigger.end, e.type) for e in proposed_events(analysis)})
        out.append({"id": rid, "candidates": [list(s) for s in spans]})
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    rows = _rows()
    size = 500
    chunks = [rows[i:i + size] for i in range(0, len(rows), size)]
    with ProcessPoolExecutor(args.workers) as pool:
        results = [r for part in pool.map(_candidates, chunks) for r in part]
    args.out.write_text("".join(json.dumps(r) + "\n" for r in results), encoding="utf-8")
    print(f"{len(results)} rows, {sum(len(r['candidates']) for r in results)} candidates -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
