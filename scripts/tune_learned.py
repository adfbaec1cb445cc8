"""Choose the learned coder's constants on held-out labelled documents (training/, never dev rows).

    python scripts/tune_learned.py [--holdout 0.2] [--seed 13] [--json out.json]

Rebuilds the held-out Wikinews/fetched documents of the training split
(training/corpus.py `split`: the documents the shipped encoder never saw) from
their labelled sentences, runs the whole pipeline on them for every point of a
small grid over `chronicle.events.learned` (EVENT_THRESHOLD x RULE_BONUS, with
and without the fallback), and scores the events against the labels sentence
by sentence: an event is right when its evidence sentence holds a labelled
event of the same type. Prints precision, recall, F1 and F0.5 per point (the
coder favours precision: a user judges it by the first events they read),
and the calibration table of the chosen point: share of right events per
band of the encoder's raw score.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import tempfile
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from chronicle.learned.encoder import Scores  # noqa: E402
from chronicle.nlp.analysis import Analysis  # noqa: E402
from training.corpus import split  # noqa: E402


def held_documents(holdout: float, seed: int, sources: frozenset[str] | None = None
                   ) -> tuple[list[dict], dict[str, list[tuple[str, set[str], str | None]]]]:
    """The held-out documents as pipeline input, and per document its labelled sentences with their types
    (of the corpus `sources` only, when given: "wikinews", "fetched", "written")."""
    from training.corpus import load_rows

    rows = load_rows(ROOT / "training")
    _, held = split(rows, holdout, seed)
    held = [r for r in held if sources is None or r.source in sources]
    by_doc: dict[str, list[tuple[str, set[str], str | None]]] = defaultdict(list)
    for r in held:
        by_doc[r.doc].append((r.text, set(r.types), r.acled))
    docs = [{"id": doc, "text": "\n".join(t for t, _, _ in sents)} for doc, sents in sorted(by_doc.items())]
    return docs, by_doc


def analysed(docs: list[dict], work: Path) -> list[Analysis]:
    """Every held-out document segmented, parsed and resolved once (the event coder is what varies)."""
    from chronicle.annotate import analysis_of
    from chronicle.config import Config
    from chronicle.nlp.model import load_nlp
    from chronicle.pipeline import segmented
    from chronicle.records import Article

    path = work / "held.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    nlp = load_nlp()
    out = []
    for item in segmented([str(path)], Config()):
        if isinstance(item, Article):
            doc = nlp(item.text)
            out.append(analysis_of(item, doc))
    return out


def run(analyses: list[Analysis]) -> dict[str, list[dict]]:
    """The events the coder finds in each analysed document, with the current constants."""
    from chronicle.events import code_events

    return {a.article.id: [{"type": e.type, "evidence": e.evidence.text, "score": e.confidence,
                            "acled": e.acled["sub_event_type"] if e.acled else None} for e in code_events(a)]
            for a in analyses}


def memoise_encoder() -> None:
    """Score each sentence once across the grid (the encoder's output does not depend on the constants)."""
    from chronicle.learned.encoder import Encoder

    seen: dict[tuple[str, tuple[tuple[int, int], ...]], Scores] = {}
    score = Encoder.score

    def cached(self: Encoder, texts: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]] | None = None
               ) -> list[Scores]:
        keys = [(t, tuple(s)) for t, s in zip(texts, spans or [()] * len(texts), strict=True)]
        missing = [k for k in dict.fromkeys(keys) if k not in seen]
        seen.update(zip(missing, score(self, [t for t, _ in missing], [s for _, s in missing]), strict=True))
        return [seen[k] for k in keys]

    Encoder.score = cached  # type: ignore[method-assign]


def choose_design(parser: argparse.ArgumentParser, model: Path | None, spec: str) -> None:
    """The measurement scripts' `--model` and `--set`: read with the encoder folder `model` instead of the
    shipped one, and set constants of chronicle.events.learned ("NAME=VALUE,..."); an unknown name is a
    usage error."""
    from chronicle.events import learned
    from chronicle.learned import encoder

    if model is not None:
        encoder.MODEL_DIR = model
    try:
        learned.override(spec)
    except ValueError as exc:
        parser.error(f"--set: {exc}")


def holds(text: str, evidence: str) -> bool:
    """Whether a labelled sentence and an event's sentence are the same (one segmentation may cut wider)."""
    return text in evidence or evidence in text


def acled_accuracy(pred: dict[str, list[dict]], gold: dict[str, list[tuple[str, set[str], str | None]]]) -> float:
    """Over held-out sentences with an ACLED type: share whose first predicted event carrying one has it."""
    right = total = 0
    for doc, sents in gold.items():
        for text, _, sub in sents:
            if sub in (None, "none"):
                continue
            total += 1
            first = next((e["acled"] for e in pred.get(doc, []) if e["acled"] and holds(text, e["evidence"])), None)
            right += first == sub
    return round(right / total, 3) if total else 0.0


def score(pred: dict[str, list[dict]], gold: dict[str, list[tuple[str, set[str], str | None]]]) -> dict[str, float]:
    """Precision, recall, F1 and F0.5 of the events against the labelled sentences, and `p_annotated`:
    precision over the events in sentences that hold a labelled event, the only ones the article task
    (score.py docevents) judges."""
    right = total = annotated = annotated_right = 0
    found: set[tuple[str, int, str]] = set()
    for doc, events in pred.items():
        sents = gold.get(doc, [])
        for e in events:
            total += 1
            labelled = [types for text, types, _ in sents if types and holds(text, e["evidence"])]
            annotated += bool(labelled)
            annotated_right += any(e["type"] in types for types in labelled)
            for k, (text, types, _) in enumerate(sents):
                if e["type"] in types and holds(text, e["evidence"]):
                    right += 1
                    found.add((doc, k, e["type"]))
                    e["right"] = True
                    break
    want = sum(len(types) for sents in gold.values() for _, types, _ in sents)
    p = right / total if total else 0.0
    r = len(found) / want if want else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    f05 = 1.25 * p * r / (0.25 * p + r) if p + r else 0.0
    pa = annotated_right / annotated if annotated else 0.0
    f1a = 2 * pa * r / (pa + r) if pa + r else 0.0
    return {"events": total, "precision": round(p, 3), "recall": round(r, 3), "f1": round(f1, 3),
            "f05": round(f05, 3), "p_annotated": round(pa, 3), "f1_annotated": round(f1a, 3),
            "acled_acc": acled_accuracy(pred, gold)}


EDGES = (0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)


def calibration(events: list[dict], edges: tuple[float, ...] = EDGES) -> list[dict]:
    """Share of right events per band of raw score."""
    out = []
    for lo, hi in itertools.pairwise(edges):
        band = [e for e in events if lo <= e["score"] < hi]
        if band:
            out.append({"band": f"{lo:.1f}-{min(hi, 1.0):.1f}", "events": len(band),
                        "right": round(sum(1 for e in band if e.get("right")) / len(band), 3)})
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--holdout", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--thresholds", default="0.4,0.5,0.6")
    parser.add_argument("--bonuses", default="0.2,0.4,0.6,1")
    parser.add_argument("--shares", default="0,0.2,0.25")
    parser.add_argument("--stricts", default="0.9,0.95")
    parser.add_argument("--min-scores", default="0,0.3,0.5")
    parser.add_argument("--retype-mins", default="0,0.8")
    parser.add_argument("--secondary-mins", default="0,0.1,0.2")
    parser.add_argument("--blends", default="0,0.5,1", help="TRIGGER_BLEND values")
    parser.add_argument("--vetoes", default="0", help="TRIGGER_VETO values")
    parser.add_argument("--keeps-types", default="1", help="TRIGGER_KEEPS_TYPE values (0: off, 1: on)")
    parser.add_argument("--model", type=Path, default=None,
                        help="encoder directory to tune for (default: the shipped one); train it with the same "
                             "--holdout and --seed so that its held-out documents are these")
    parser.add_argument("--sources", default="", help="only held-out documents of these corpus sources "
                                                       "(wikinews,fetched: whole news articles)")
    parser.add_argument("--set", default="", help="NAME=VALUE,... other constants of chronicle.events.learned, "
                                                   "fixed for the whole grid (FALLBACK_BY_WORD=0)")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)

    from chronicle.events import learned

    choose_design(parser, args.model, args.set)

    docs, gold = held_documents(args.holdout, args.seed,
                                frozenset(args.sources.split(",")) if args.sources else None)
    print(f"{len(docs)} held-out documents, {sum(len(s) for s in gold.values())} sentences, "
          f"{sum(len(t) for s in gold.values() for _, t, _ in s)} labelled events", flush=True)
    results = []
    learned.CALIBRATION = ((0.0, 0.0), (1.0, 1.0))  # confidence = the raw score while tuning
    memoise_encoder()
    preds: list[dict[str, list[dict]]] = []  # per point of the grid, in the order of results
    with tempfile.TemporaryDirectory() as tmp:
        analyses = analysed(docs, Path(tmp))
    grids = (args.thresholds, args.bonuses, args.shares, args.stricts, args.min_scores, args.retype_mins,
             args.secondary_mins, args.blends, args.vetoes, args.keeps_types)
    floats = [list(map(float, a.split(","))) for a in grids]
    for fallback in (True, False):
        for th, bonus, share, strict, least, retype, second, blend, veto, keeps in itertools.product(*floats):
            learned.EVENT_THRESHOLD, learned.RULE_BONUS, learned.MIN_SCORE = th, bonus, least
            learned.RETYPE_MIN, learned.SECONDARY_MIN = retype, second
            learned.ARTICLE_SHARE, learned.STRICT_THRESHOLD = share, strict
            learned.TRIGGER_BLEND, learned.TRIGGER_VETO, learned.TRIGGER_KEEPS_TYPE = blend, veto, bool(keeps)
            learned.FALLBACK_EVENT = 0.8 if fallback else 2.0
            pred = run(analyses)
            res = {"threshold": th, "bonus": bonus, "share": share, "strict": strict, "min_score": least,
                   "retype_min": retype, "secondary_min": second, "blend": blend, "veto": veto,
                   "keeps_type": keeps, "fallback": fallback,
                   **score(pred, gold)}
            results.append(res)
            preds.append(pred)
            print(json.dumps(res), flush=True)
    at = max(range(len(results)), key=lambda i: results[i]["f05"])
    best, best_pred = results[at], preds[at]
    print("best (F0.5):", json.dumps(best))
    bands = calibration([e for events in best_pred.values() for e in events])
    print("calibration (raw score band: events, share right):", json.dumps(bands))
    best["calibration"] = bands
    if args.json:
        args.json.write_text(json.dumps({"grid": results, "best": best}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
