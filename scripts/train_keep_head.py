"""Fit the keep head: which candidate events to keep, learned on whole labelled articles (numpy and scipy).

    python scripts/train_keep_head.py [--batches fetched3a,...] [--model DIR] [--set NAME=V,...] [--c 1] [--write]

The coder proposes events (rules, and the fallback on a sentence's main verb); the encoder reads each
sentence and each trigger word. Until this head, fixed thresholds decided what to keep: p(event) of the
sentence (0.7, or 0.95 in an article where few sentences read as events), the trigger veto (p(event) at
the word < 0.3) and the fallback's own bar. Those read whether the sentence reports *an* event, not
whether the event coded there, of its type, is right. The keep head is a logistic regression on what is
known of one candidate (chronicle.events.learned.KEEP_FEATURES: both heads' p(event) and p(type) at
the coded type, the article's reading, fallback or rule, parties found) whose target is whether the
labelled sentence holds an event of that type.

It must be fitted on articles the encoder never trained on: on its own training rows the encoder's
probabilities are overconfident, and a head fitted there would trust them too much. The default batches
are data rounds 3 and 9 (`PENDING` in training/build_corpus.py, whole Wikinews articles, every sentence
labelled); round 10 is left out so that it stays unseen text to measure the head on
(scripts/eval_pending.py). The script prints the head's 5-fold cross-validated precision and recall
(folds by article) at each `--mins` beside the thresholds', and with `--write` fits on every candidate
and writes `<model>/keep_head.npz` with that encoder.onnx's fingerprint (a retrained encoder refuses
it: refit the head on articles that encoder never saw).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from eval_pending import Gold, load  # noqa: E402
from tune_learned import analysed, choose_design, holds  # noqa: E402

from chronicle.nlp.analysis import Analysis  # noqa: E402
from training.logistic import fit, save_head  # noqa: E402

BATCHES = "fetched3a,fetched3b,fetched3c,fetched7,fetched8"
C = 1.0
LABELS = ("wrong", "right")


class Candidate:
    """One candidate event: its article, sentence, type, features, label, and whether the thresholds keep it."""

    def __init__(self, doc: str, sentence: str, etype: str, features: tuple[float, ...], right: bool,
                 thresholds: bool) -> None:
        self.doc, self.sentence, self.type = doc, sentence, etype
        self.features, self.right, self.thresholds = features, right, thresholds


def candidates(analyses: list[Analysis], gold: Gold) -> list[Candidate]:
    """Every candidate event of the articles with its keep features (`KEEP_MIN` 0 keeps them all), labelled
    right when its sentence holds a labelled event of its type; `thresholds` says whether the coder without
    a keep head keeps it too."""
    from chronicle.events import learned
    from chronicle.events.code import Proposed, propose_events

    def proposed_with(keep_min: float, a: Analysis) -> Proposed:
        saved, learned.KEEP_MIN = learned.KEEP_MIN, keep_min
        try:
            return propose_events(a)
        finally:
            learned.KEEP_MIN = saved

    out = []
    for a in analyses:
        plain = {(e.trigger.start, e.type) for e in proposed_with(1.01, a).events}  # no head: the thresholds
        proposed = proposed_with(0.0, a)  # every candidate, with its features
        sents = gold.get(a.article.id, [])
        for ev, rep in zip(proposed.events, proposed.reports, strict=True):
            if rep.keep is None:
                continue
            right = any(ev.type in types and holds(text, ev.evidence.text) for text, types, _ in sents)
            out.append(Candidate(a.article.id, ev.evidence.text, ev.type, rep.keep, right,
                                 (ev.trigger.start, ev.type) in plain))
    return out


def figures(kept: list[Candidate], gold: Gold) -> tuple[int, float, float]:
    """Events kept, their precision, and the recall of the labelled events (a labelled event is found when
    a kept event of its type lies in its sentence; before reports of one event are merged)."""
    by_doc: dict[str, list[Candidate]] = {}
    for c in kept:
        by_doc.setdefault(c.doc, []).append(c)
    want = [(d, text, t) for d, sents in gold.items() for text, types, _ in sents for t in types]
    found = sum(1 for d, text, t in want if any(c.type == t and holds(text, c.sentence) for c in by_doc.get(d, [])))
    return len(kept), sum(c.right for c in kept) / max(1, len(kept)), found / max(1, len(want))


def probabilities(train: list[Candidate], test: list[Candidate], c: float) -> np.ndarray:
    """The head fitted on `train`, applied to `test`: p(right) for each."""
    from chronicle.events.learned import keep_probability

    head = fit(np.array([x.features for x in train], dtype=np.float32),
               np.array([int(x.right) for x in train], dtype=np.int64), 2, c)
    return np.array([keep_probability(head, x.features) for x in test])


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--batches", default=BATCHES, help="label file stems of whole articles to fit on")
    parser.add_argument("--model", type=Path, default=ROOT / "chronicle" / "data" / "learned" / "encoder")
    parser.add_argument("--c", type=float, default=C, help="inverse L2 strength")
    parser.add_argument("--mins", default="0.35,0.4,0.45,0.5,0.55", help="KEEP_MIN values to print figures for")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--write", action="store_true", help="fit on every candidate and write keep_head.npz")
    parser.add_argument("--set", default="", help="constants of chronicle.events.learned, NAME=VALUE,...")
    args = parser.parse_args(argv)
    choose_design(parser, args.model, args.set)
    docs, gold, _ = load(args.batches.split(","))
    with tempfile.TemporaryDirectory() as tmp:
        found = candidates(analysed(docs, Path(tmp)), gold)
    print(f"{len(docs)} articles, {len(found)} candidate events, {sum(c.right for c in found)} right")
    n, p, r = figures([c for c in found if c.thresholds], gold)
    print(f"thresholds (no keep head): {n} events, P {p:.3f}, R {r:.3f}")
    order = sorted({c.doc for c in found})
    prob = np.zeros(len(found))
    for k in range(args.folds):
        held = set(order[k::args.folds])
        train = [c for c in found if c.doc not in held]
        test = [i for i, c in enumerate(found) if c.doc in held]
        prob[test] = probabilities(train, [found[i] for i in test], args.c)
    for t in (float(x) for x in args.mins.split(",")):
        n, p, r = figures([c for c, q in zip(found, prob, strict=True) if q >= t], gold)
        print(f"keep head, {args.folds}-fold by article, KEEP_MIN {t}: {n} events, P {p:.3f}, R {r:.3f}, "
              f"F1 {2 * p * r / (p + r) if p + r else 0:.3f}")
    if args.write:
        weight, bias = fit(np.array([c.features for c in found], dtype=np.float32),
                           np.array([int(c.right) for c in found], dtype=np.int64), 2, args.c)
        save_head(args.model / "keep_head.npz", weight, bias, LABELS)
        print(f"wrote {args.model / 'keep_head.npz'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
