"""Fit the topic head on the exported encoder's sentence vectors (numpy and scipy; no torch).

    python scripts/train_topic_head.py [--model chronicle/data/learned/encoder] [--c 3]
    python scripts/train_topic_head.py --model /tmp/enc_h --holdout 0.2     # head for a held-out model

The sentence heads judge one sentence at a time, so a match report's "beat" or a film review's
"attack" is judged by a sentence that may sound political. What the article is about is said by its
lead: the title and the first sentences. This head reads the mean of the lead's sentence vectors
(`chronicle.events.code.lead`, the same numbers the coder sees at run time) and gives the
probability of each topic of `TOPICS`; the coder asks more of a sentence in an article whose lead is
not political (`chronicle.events.learned.needed`). A multinomial logistic regression
(training/logistic.py) fitted on the labelled articles of training/topics/articles.jsonl; a third of
them, drawn by a stable hash, are read the way page dumps give them, without a title and with the
headline glued to the first sentence. Prints the cross-validated accuracy for each C of `--cs`
and the accuracy on our own topic measurement set (training/negatives/, never fitted on), then
writes `<model>/topic_head.npz`. With `--holdout`, the articles that are documents of the corpus's
held-out split (by title) are left out, so that the held-out figures of scripts/tune_learned.py stay
held out.
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

from training.corpus import draw, load_rows, split  # noqa: E402
from training.logistic import fit, head_options, save_head  # noqa: E402

TOPICS = ("political", "sport", "entertainment", "business", "science", "accident")
ARTICLES = ROOT / "training" / "topics" / "articles.jsonl"
MEASURED = (ROOT / "training" / "negatives" / "wikinews_nonpolitical.jsonl",
            ROOT / "training" / "negatives" / "wikinews_political.jsonl")
C = 3.0  # inverse L2 strength, chosen by cross-validation (docs/EVENTS.md "The topic head")
LEAD_CHARS = 2000  # the lead is in the first characters; parsing less is faster


def read(path: Path) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if r["topic"] in TOPICS]


def flattened(article: dict) -> tuple[str | None, str]:
    """The article as page dumps give a third of them: no title, the headline glued to the text."""
    if draw(str(article["id"]), 7) < 1 / 3 and article.get("title"):
        return None, f"{article['title'].strip()} {article['text']}"
    return article.get("title"), article["text"]


def lead_vectors(model: Path, articles: list[dict], flatten: bool) -> NDArray[np.float32]:
    """Each article's lead vector, as the coder computes it at run time."""
    from chronicle.events.code import lead
    from chronicle.learned.encoder import Encoder
    from chronicle.nlp.model import load_nlp

    nlp, encoder = load_nlp(), Encoder(model)
    out = []
    for a in articles:
        title, text = flattened(a) if flatten else (a.get("title"), a["text"])
        out.append(encoder.lead_vector(lead(title, list(nlp(text[:LEAD_CHARS]).sents)) or [text[:300]]))
    return np.stack(out)


def labels(articles: list[dict]) -> NDArray[np.int64]:
    return np.array([TOPICS.index(a["topic"]) for a in articles], dtype=np.int64)


def report(name: str, pred: NDArray[np.int64], y: NDArray[np.int64]) -> None:
    political = TOPICS.index("political")
    both = (pred == political) == (y == political)
    recall = (pred[y == political] == political).mean() if (y == political).any() else float("nan")
    quiet = np.isin(y, [TOPICS.index("sport"), TOPICS.index("entertainment")])
    print(f"{name}: accuracy {(pred == y).mean():.3f}, political or not {both.mean():.3f} "
          f"(political articles called political {recall:.3f}, sport and entertainment called political "
          f"{(pred[quiet] == political).mean() if quiet.any() else float('nan'):.3f}), n={len(y)}", flush=True)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    head_options(parser, C, "values of C to cross-validate")
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args(argv)
    articles = read(ARTICLES)
    if args.holdout:
        _, held = split(load_rows(ROOT / "training"), args.holdout, args.seed)
        titles = {r.title.strip().lower() for r in held if r.title}
        articles = [a for a in articles if (a.get("title") or "").strip().lower() not in titles]
    print(f"{len(articles)} articles: {dict(Counter(a['topic'] for a in articles).most_common())}", flush=True)
    x, y = lead_vectors(args.model, articles, flatten=True), labels(articles)
    fold = np.array([int(draw(str(a["id"]), args.seed + 1) * args.folds) for a in articles])
    for c in (float(v) for v in args.cs.split(",")):
        pred = np.zeros_like(y)
        for f in range(args.folds):
            w, b = fit(x[fold != f], y[fold != f], len(TOPICS), c)
            pred[fold == f] = (x[fold == f] @ w + b).argmax(1)
        report(f"C={c} cross-validated", pred, y)
    w, b = fit(x, y, len(TOPICS), args.c)
    measured = [a for path in MEASURED for a in read(path)]
    xm = lead_vectors(args.model, measured, flatten=False)
    report(f"C={args.c} on training/negatives (never fitted on)", (xm @ w + b).argmax(1), labels(measured))
    head = args.model / "topic_head.npz"
    save_head(head, w, b, TOPICS)
    print(json.dumps({"articles": len(articles), "c": args.c, "written": str(head)}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
