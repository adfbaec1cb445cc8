"""Who did it to whom: the coder's parties against the labelled parties of whole articles.

    python scripts/eval_parties.py [--batches fetched5,fetched6] [--model DIR] [--set NAME=VALUE,...]
                                   [--show N] [--json FILE]

The rules attach an event's actor and recipient (chronicle.events.roles); a judge reads "partly right"
where a named party is missing or on the wrong side, and the actor figures count a party only when an
event holds it. This runs the real pipeline on every labelled whole article of training/labels/ (a
`<stem>_docs.jsonl` beside its labels: the fetched rounds) and, for each labelled event whose sentence
holds a coded event of its type (an event found, as scripts/eval_pending.py counts it), judges each side
the label fills:

- `right`: a coded party on that side shares a content word with the labelled span;
- `swapped`: it is not on that side but on the other;
- `missing`: the coded side is empty;
- `other`: the coded side names someone else.

A side the label leaves empty and the coder fills is counted apart (`extra`: often a party the
labeller left implicit). Reported per side for the batches the shipped encoder trained on and for
those it did not (`PENDING`): the rules read both the same way, but the encoder decides which events
survive. Where several coded events of the type share the sentence, the one whose parties agree best is
judged. `--show N` prints N lost parties per kind (our own labelled text) for error analysis.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from eval_pending import article, pending_batches  # noqa: E402
from tune_learned import analysed, choose_design, holds  # noqa: E402

from training.build_corpus import BATCHES  # noqa: E402
from training.corpus import read_jsonl  # noqa: E402

LABELS = ROOT / "training" / "labels"
SIDES = ("actor", "recipient")
KINDS = ("right", "swapped", "missing", "other")
WORD = re.compile(r"\w+")


def content_words(text: str) -> set[str]:
    """The words of a party span that identify it (function words dropped; all words if none is left)."""
    from chronicle.wordlists import words

    function = words("events/function_words")
    found = WORD.findall(text.lower())
    return {w for w in found if w not in function} or set(found)


def shares(spans: list[str], label: str) -> bool:
    """Whether any of the coded spans shares a content word with the labelled span."""
    want = content_words(label)
    return any(content_words(s) & want for s in spans)


def judge_side(coded: dict[str, list[str]], side: str, label: str) -> str:
    """One of KINDS for a labelled party on `side` of an event against the coded event's parties."""
    if shares(coded[side], label):
        return "right"
    other = "recipient" if side == "actor" else "actor"
    if shares(coded[other], label):
        return "swapped"
    return "missing" if not coded[side] else "other"


def whole_article_batches() -> tuple[list[str], list[str]]:
    """The labelled whole-article batches (file stems) the shipped encoder trained on, and the pending ones."""
    pending = pending_batches()
    trained = [labels.removesuffix(".labels.jsonl") for labels, _, sentences, _ in BATCHES
               if sentences and (LABELS / f"{labels.removesuffix('.labels.jsonl')}_docs.jsonl").exists()]
    return trained, pending


def load(stems: list[str]) -> tuple[list[dict], dict[str, list[dict]]]:
    """Pipeline input (one record per article) and the labelled events per article, each with its sentence."""
    docs: list[dict] = []
    gold: dict[str, list[dict]] = {}
    for stem in stems:
        sentences = {r["id"]: r for r in read_jsonl(LABELS / f"{stem}_sentences.jsonl")}
        for row in read_jsonl(LABELS / f"{stem}.labels.jsonl"):
            sentence = sentences[row["id"]]
            for e in row["events"]:
                gold.setdefault(sentence["doc"], []).append(
                    {"sentence": sentence["text"], "type": e["type"], "actor": e.get("actor") or "",
                     "recipient": e.get("recipient") or ""})
        for d in read_jsonl(LABELS / f"{stem}_docs.jsonl"):
            docs.append(article(d))
            gold.setdefault(d["doc"], [])
    return docs, gold


def coded(analyses: list) -> dict[str, list[dict]]:
    """Each article's events: type, the sentences it reports (evidence and merged mentions), parties' texts."""
    from chronicle.events import code_events

    return {a.article.id: [{"type": e.type, "sentences": [e.evidence.text, *(m.text for m in e.mentions)],
                            "actor": [p.text for p in e.actor], "recipient": [p.text for p in e.recipient]}
                           for e in code_events(a)] for a in analyses}


def judge(pred: dict[str, list[dict]], gold: dict[str, list[dict]]) -> tuple[Counter[str], list[dict]]:
    """Counts per `<side>:<kind>` (and `<side>:extra`, `found`, `labelled`) and every judged party."""
    counts: Counter[str] = Counter()
    judged: list[dict] = []
    for doc, events in gold.items():
        for g in events:
            counts["labelled"] += 1
            same = [e for e in pred.get(doc, []) if e["type"] == g["type"]
                    and any(holds(g["sentence"], s) for s in e["sentences"])]
            if not same:
                continue
            counts["found"] += 1
            best = max(same, key=lambda e: sum(judge_side(e, side, g[side]) == "right" for side in SIDES if g[side]))
            for side in SIDES:
                if g[side]:
                    kind = judge_side(best, side, g[side])
                    counts[f"{side}:{kind}"] += 1
                    judged.append({"side": side, "kind": kind, "type": g["type"], "label": g[side],
                                   "coded": {s: best[s] for s in SIDES}, "sentence": g["sentence"]})
                elif best[side]:
                    counts[f"{side}:extra"] += 1
    return counts, judged


def table(name: str, counts: Counter[str]) -> list[str]:
    """Markdown rows: one per side, shares of the labelled parties of found events."""
    rows = []
    for side in SIDES:
        n = sum(counts[f"{side}:{k}"] for k in KINDS)
        shares_ = " | ".join(f"{counts[f'{side}:{k}'] / n:.3f}" if n else "-" for k in KINDS)
        rows.append(f"| {name} | {side} | {counts['found']} of {counts['labelled']} | {n} | {shares_} | "
                    f"{counts[f'{side}:extra']} |")
    return rows


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--batches", default="", help="label file stems (default: every whole-article batch)")
    parser.add_argument("--model", type=Path, default=None, help="an encoder folder instead of the shipped one")
    parser.add_argument("--set", default="", help="NAME=VALUE,... constants of chronicle.events.learned")
    parser.add_argument("--show", type=int, default=0, help="print this many lost parties of each kind")
    parser.add_argument("--json", type=Path, default=None, help="also write the counts and judged parties here")
    args = parser.parse_args(argv)
    trained, pending = whole_article_batches()
    if args.batches:
        chosen = args.batches.split(",")
        trained, pending = [s for s in trained if s in chosen], [s for s in pending if s in chosen]
        unknown = set(chosen) - set(trained) - set(pending)
        if unknown:
            parser.error(f"not a labelled whole-article batch: {', '.join(sorted(unknown))}")
    choose_design(parser, args.model, args.set)
    print("| batches | side | labelled events found | labelled parties | right | swapped | missing | other | "
          "extra |")
    print("|---|---|---|---|---|---|---|---|---|")
    out: dict[str, dict] = {}
    for name, stems in (("trained on", trained), ("pending", pending)):
        if not stems:
            continue
        docs, gold = load(stems)
        with tempfile.TemporaryDirectory() as tmp:
            pred = coded(analysed(docs, Path(tmp)))
        counts, judged = judge(pred, gold)
        out[name] = {"batches": stems, "counts": dict(counts), "judged": judged}
        print("\n".join(table(f"{name} ({len(docs)} articles)", counts)), flush=True)
    if args.show:
        rng = random.Random(7)
        lost = [j for part in out.values() for j in part["judged"] if j["kind"] != "right"]
        for kind in KINDS[1:]:
            some = [j for j in lost if j["kind"] == kind]
            for j in rng.sample(some, min(args.show, len(some))):
                print(f"\n[{kind} {j['side']}] {j['type']}: labelled {j['label']!r}; coded actor "
                      f"{j['coded']['actor']}, recipient {j['coded']['recipient']}\n  {j['sentence']}")
    if args.json:
        args.json.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
