"""The whole coder on labelled articles no shipped encoder has trained on (training/build_corpus.py `PENDING`).

    python scripts/eval_pending.py [--batches fetched5,fetched6] [--model DIR] [--set NAME=VALUE,...]

A data round waits in `PENDING` until an encoder trained with it is measured; until then its articles are
unseen text of the kind the hidden sets hold: real news, read whole, every sentence labelled. This runs
the real pipeline on each pending article (its full text, title and date from `labels/*_docs.jsonl`) and
scores the events against the labelled sentences the way score.py's docevents task judges whole
articles, at the grain of a sentence: a labelled event is found when an event of its type has its
evidence or one of its merged `mentions` in that sentence, and an event is right when one of those
sentences holds a labelled event of its type (every sentence is labelled, so every event is judged).
Printed per group of articles (the labellers' topic groups, or the batch) and over all: precision,
recall, F1, events per article and the articles with any event (on the groups of non-political
news, the dev negatives' measure). Once a batch trains an encoder it leaves `PENDING` and this script
stops reading it: its figures are then no longer unseen. Rounds 3 and 9 fit the keep head
(scripts/train_keep_head.py): for the coder with that head rounds 10 and 11 are unseen
(`--batches fetched9a,fetched9b,fetched9c,fetched10` and `--batches fetched11a,fetched11b,fetched11c`).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from tune_learned import analysed, choose_design, holds  # noqa: E402

from training.build_corpus import PENDING  # noqa: E402
from training.corpus import read_jsonl  # noqa: E402

LABELS = ROOT / "training" / "labels"

Gold = dict[str, list[tuple[str, set[str], str | None]]]


def pending_batches() -> list[str]:
    """The pending batches that are whole articles (a sentence file and a docs file), by file stem."""
    out = []
    for labels, _, sentences, _ in PENDING:
        stem = labels.removesuffix(".labels.jsonl")
        if sentences and (LABELS / f"{stem}_docs.jsonl").exists():
            out.append(stem)
    return out


def article(doc: dict) -> dict:
    """A labelled article (a line of `<stem>_docs.jsonl`) as a pipeline input record."""
    return {"id": doc["doc"], "title": doc["title"], "text": doc["text"], "date": doc["date"], "url": doc["url"]}


def load(stems: list[str]) -> tuple[list[dict], Gold, dict[str, str]]:
    """Pipeline input (one record per article), the labelled sentences per article, and each article's group."""
    docs: list[dict] = []
    gold: Gold = defaultdict(list)
    group: dict[str, str] = {}
    for stem in stems:
        sentences = {r["id"]: r for r in read_jsonl(LABELS / f"{stem}_sentences.jsonl")}
        for row in read_jsonl(LABELS / f"{stem}.labels.jsonl"):
            doc = sentences[row["id"]]["doc"]
            gold[doc].append((row["text"], {e["type"] for e in row["events"]},
                              next((e["acled"][1] for e in row["events"] if e.get("acled")), None)))
        for d in read_jsonl(LABELS / f"{stem}_docs.jsonl"):
            docs.append(article(d))
            group[d["doc"]] = d.get("group") or stem
    return docs, gold, group


def coded(analyses: list) -> dict[str, list[dict]]:
    """The events of each analysed article: type and the texts of its evidence and merged mentions."""
    from chronicle.events import code_events

    return {a.article.id: [{"type": e.type, "sentences": [e.evidence.text, *(m.text for m in e.mentions)]}
                           for e in code_events(a)] for a in analyses}


def score(pred: dict[str, list[dict]], gold: Gold) -> dict[str, float]:
    """Precision, recall and F1 of the events against the labelled sentences (module docstring)."""
    right = total = found = want = 0
    for doc, sents in gold.items():
        events = pred.get(doc, [])
        for e in events:
            total += 1
            right += any(e["type"] in types and holds(text, s) for text, types, _ in sents for s in e["sentences"])
        for text, types, _ in sents:
            want += len(types)
            found += sum(1 for t in types
                         if any(e["type"] == t and any(holds(text, s) for s in e["sentences"]) for e in events))
    p = right / total if total else 0.0
    r = found / want if want else 0.0
    return {"events": total, "precision": round(p, 3), "recall": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


def report(pred: dict[str, list[dict]], gold: Gold, group: dict[str, str]) -> list[dict]:
    """score() per group and over all, with events per article and articles with an event."""
    rows = []
    for name in [*sorted(set(group.values())), "all"]:
        docs = [d for d in gold if name == "all" or group[d] == name]
        sub_pred = {d: pred.get(d, []) for d in docs}
        rows.append({"group": name, "articles": len(docs),
                     "labelled_events": sum(len(t) for d in docs for _, t, _ in gold[d]),
                     "events_per_article": round(sum(len(sub_pred[d]) for d in docs) / len(docs), 2),
                     "articles_with_event": sum(1 for d in docs if sub_pred[d]),
                     **score(sub_pred, {d: gold[d] for d in docs})})
    return rows


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--batches", default="",
                        help="label file stems (default: every pending batch of whole articles)")
    parser.add_argument("--model", type=Path, default=None, help="an encoder folder instead of the shipped one")
    parser.add_argument("--set", default="", help="NAME=VALUE,... constants of chronicle.events.learned for this "
                        "run (a design choice to measure, never the product)")
    parser.add_argument("--json", type=Path, default=None, help="also write the events and figures here")
    args = parser.parse_args(argv)
    stems = args.batches.split(",") if args.batches else pending_batches()
    missing = [s for s in stems if not (LABELS / f"{s}_docs.jsonl").exists()]
    if missing:
        parser.error(f"no training/labels/<stem>_docs.jsonl for {', '.join(missing)}")
    choose_design(parser, args.model, args.set)
    docs, gold, group = load(stems)
    print(f"{len(docs)} pending articles ({', '.join(stems)}), {sum(len(s) for s in gold.values())} sentences, "
          f"{sum(len(t) for s in gold.values() for _, t, _ in s)} labelled events", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        pred = coded(analysed(docs, Path(tmp)))
    rows = report(pred, gold, group)
    print("| group | articles | labelled events | events (per article; articles with one) | P | R | F1 |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['group']} | {r['articles']} | {r['labelled_events']} | {r['events']} "
              f"({r['events_per_article']:.2f}; {r['articles_with_event']}) | {r['precision']:.3f} | "
              f"{r['recall']:.3f} | {r['f1']:.3f} |")
    if args.json:
        args.json.write_text(json.dumps({"figures": rows, "events": pred}, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
