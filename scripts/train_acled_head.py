"""Fit the ACLED sub-event head on the exported encoder's sentence vectors (numpy and scipy; no torch).

    python scripts/train_acled_head.py [--model chronicle/data/learned/encoder] [--holdout 0] [--seed 13]
    python scripts/train_acled_head.py --model /tmp/enc_h --holdout 0.2      # held-out figures, writes nothing

The encoder's own ACLED output is one small head trained beside the PLOVER heads, at half weight, on
every labelled row, most of them "none": on the held-out rows that carry an ACLED sub-event type it
names the right one about half the time, with probabilities so flat that the coder rarely trusts
it. ACLED codes incidents the coder has already decided are events, so this head is fitted only
where that question is settled: on the labelled sentences that report at least one event and whose
ACLED label is known (a sub-event type, or "none" for events ACLED does not code). It reads the
mean of the int8 model's word-piece vectors, the same numbers the coder sees at run time, and is a
multinomial logistic regression (L2, classes weighted by the inverse square root of their
frequency) fitted with L-BFGS (training/logistic.py). With `--holdout` it is fitted on the training split of a model
trained with the same --holdout and --seed, and the held-out accuracy of both heads is printed for
each C of `--cs`; with `--holdout 0` it is fitted on every row with `--c` and written to
`<model>/acled_head.npz`, which the encoder then uses in place of its own ACLED output.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from training.corpus import ACLED_LABELS, Row, load_rows, split  # noqa: E402
from training.logistic import fit, head_options, save_head  # noqa: E402

C = 1.0  # inverse L2 strength, chosen on held-out rows (docs/EVENTS.md "ACLED mapping")


def labelled(rows: list[Row]) -> list[Row]:
    """Rows that report an event and know their ACLED label (the older type-only rows do not)."""
    return [r for r in rows if r.types and r.acled is not None]


def vectors(model: Path, texts: list[str]) -> NDArray[np.float32]:
    """Each text's mean word-piece vector from the exported int8 encoder, read alone as at run time."""
    from chronicle.learned.encoder import Encoder

    return Encoder(model).sentence_vectors(texts)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    head_options(parser, C, "values of C to compare on held-out rows")
    parser.add_argument("--write", action="store_true",
                        help="with --holdout: also write the head fitted on the training split with --c to "
                             "<model>/acled_head.npz (for scripts/eval_acled.py on a held-out model)")
    args = parser.parse_args(argv)
    from chronicle.learned.encoder import Encoder

    train, held = split(load_rows(ROOT / "training"), args.holdout, args.seed)
    train, held = labelled(train), labelled(held)
    k = len(ACLED_LABELS)
    y = np.array([ACLED_LABELS.index(r.acled) for r in train], dtype=np.int64)
    print(f"{len(train)} training rows ({sum(r.acled != 'none' for r in train)} with a sub-event type), "
          f"{len(held)} held out; classes: {dict(Counter(r.acled for r in train).most_common())}", flush=True)
    head = args.model / "acled_head.npz"
    x = vectors(args.model, [r.text for r in train])
    if not held or args.write:
        w, b = fit(x, y, k, args.c)
        save_head(head, w, b, ACLED_LABELS)
        right = float(((x @ w + b).argmax(1) == y).mean())
        print(json.dumps({"rows": len(train), "c": args.c, "train_accuracy": round(right, 3), "written": str(head)}))
        if not held:
            return 0
    xh = vectors(args.model, [r.text for r in held])
    yh = np.array([ACLED_LABELS.index(r.acled) for r in held], dtype=np.int64)
    typed = yh != ACLED_LABELS.index("none")
    net = Encoder(args.model)
    net.acled_head = None  # the network's own ACLED output
    own = np.array([max(s.acled, key=s.acled.__getitem__) for s in net.score([r.text for r in held])])
    own_right = own == np.array([r.acled for r in held])
    print(f"encoder's own ACLED output: accuracy {own_right.mean():.3f}, "
          f"on sub-event types {own_right[typed].mean():.3f}")
    for c in (float(v) for v in args.cs.split(",")):
        w, b = fit(x, y, k, c)
        pred = (xh @ w + b).argmax(1)
        right = pred == yh
        print(f"C={c}: accuracy {right.mean():.3f}, on sub-event types {right[typed].mean():.3f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
