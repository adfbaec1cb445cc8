"""Train the learned event-type model (chronicle.learned) from training/events.jsonl.

    .venv/bin/python scripts/train_event_classifier.py [--data training/events.jsonl]
        [--out chronicle/data/learned/event_types.npz] [--limit N] [--epochs N]

Parses every training sentence with the pinned spaCy model, extracts the same
features the runtime uses, fits a softmax regression (fixed seed, full batch)
and writes the model archive plus a .json with its provenance. Deterministic:
the same data and model give the same weights.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Hand-written sentences count fully; sentences synthesised from CAMEO patterns and codebook
# definitions are noisier (0.5: best dev accuracy among 0.3 / 0.5 / 1.0, see training/README.md).
SOURCE_WEIGHT = {"written": 1.0, "wikinews": 1.0, "cameo": 0.5, "codebook": 0.5}


def read_rows(path: Path, limit: int | None) -> list[dict[str, str]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows[:limit] if limit else rows


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT / "training" / "events.jsonl")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--limit", type=int, default=None, help="train on the first N rows only (smoke test)")
    parser.add_argument("--epochs", type=int, default=None)
    args = parser.parse_args(argv)

    from chronicle.learned import LABELS, MODEL_NAME, MODEL_PATH
    from chronicle.learned.features import sentence_features
    from chronicle.learned.train import Example, TrainConfig, fit
    from chronicle.nlp.model import load_nlp, model_version

    rows = read_rows(args.data, args.limit)
    unknown = {r["type"] for r in rows} - set(LABELS)
    if unknown:
        sys.stderr.write(f"unknown labels in {args.data}: {sorted(unknown)}\n")
        return 2
    nlp = load_nlp()
    examples = [Example(sentence_features(doc[:]), row["type"], SOURCE_WEIGHT.get(row.get("source", ""), 1.0))
                for doc, row in zip(nlp.pipe((r["text"] for r in rows), batch_size=64), rows, strict=True)]
    config = TrainConfig() if args.epochs is None else TrainConfig(epochs=args.epochs)
    model = fit(examples, LABELS, config)
    out: Path = args.out or MODEL_PATH
    out.parent.mkdir(parents=True, exist_ok=True)
    meta = {"model": MODEL_NAME, "spacy_model": model_version(), "rows": len(rows), "features": len(model.index),
            "data_sha256": hashlib.sha256(args.data.read_bytes()).hexdigest(), "config": vars(config),
            "source_weight": SOURCE_WEIGHT}
    model.save(out, meta)
    sys.stderr.write(f"{len(rows)} rows, {len(model.index)} features -> {out}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
