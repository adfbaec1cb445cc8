"""Judged samples of coded events: draw them blind from two coders' output, then score the judgements.

    python scripts/judge_sample.py draw before=OLD.jsonl after=NEW.jsonl --n 60 --seed 17 -o sheet.jsonl
    python scripts/judge_sample.py score sheet.jsonl judged.jsonl

`draw` takes `chronicle extract` outputs of the same articles by several coders (NAME=PATH: before
and after a change), draws `n` events at random from each (seeded), and writes one judging sheet
(`<out>.blind.jsonl`): every drawn event once (an event two coders report alike is judged once),
shuffled, with nothing that says which coder found it or how sure it was. The judge adds
`"verdict": "right" | "partly" | "wrong"` to each line (right: a real event of that PLOVER type
with its parties on the right side, against ../shared/ontology/PLOVER.md and training/GUIDE.md;
partly: a real event, a neighbouring type or a party missing or on the wrong side; wrong: not an
event, or another kind entirely). `score` prints, per coder, the share right and right-or-partly
over its own `n` events, and among those with confidence >= 0.6.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path


def _events(path: Path) -> list[dict]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        for ev in rec.get("events", []):
            out.append({"key": _key(rec, ev), "article": rec.get("title") or rec["id"],
                        "sentence": ev["evidence"]["text"],
                        "trigger": ev["trigger"]["text"], "type": ev["type"], "mode": ev.get("mode"),
                        "status": ev.get("status"), "actor": [a["text"] for a in ev.get("actor", [])],
                        "recipient": [a["text"] for a in ev.get("recipient", [])],
                        "confidence": ev.get("confidence")})
    return out


def _key(rec: dict, ev: dict) -> str:
    """The same event from either coder: article, sentence, trigger, type and parties."""
    sides = ("|".join(a["text"] for a in ev.get(side, [])) for side in ("actor", "recipient"))
    parties = ">".join(sides)
    return f"{rec['id']}:{ev['evidence']['start']}:{ev['trigger']['start']}:{ev['type']}:{parties}"


def draw(coders: list[str], n: int, seed: int, out: Path) -> None:
    rnd = random.Random(seed)
    sheet: dict[str, dict] = {}
    for coder in coders:
        name, path = coder.split("=", 1)
        events = _events(Path(path))
        for ev in rnd.sample(events, min(n, len(events))):
            row = sheet.setdefault(ev["key"], {k: v for k, v in ev.items() if k != "confidence"})
            row.setdefault("_drawn", {})[name] = ev["confidence"]
    rows = list(sheet.values())
    rnd.shuffle(rows)
    blind = out.with_suffix(".blind.jsonl")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    blind.write_text("".join(json.dumps({k: v for k, v in r.items() if k != "_drawn"}) + "\n" for r in rows),
                     encoding="utf-8")
    print(f"{len(rows)} events to judge -> {blind} (the key to who drew what: {out})")


def score(sheet: Path, judged: Path) -> None:
    verdicts = {}
    for line in judged.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            verdicts[row["key"]] = row["verdict"]
    drawn = [json.loads(line) for line in sheet.read_text(encoding="utf-8").splitlines() if line.strip()]
    names = dict.fromkeys(name for r in drawn for name in r["_drawn"])
    for name in names:
        mine = [(r["_drawn"][name], verdicts[r["key"]]) for r in drawn if name in r["_drawn"] and r["key"] in verdicts]
        if not mine:
            continue
        right = sum(1 for _, v in mine if v == "right")
        partly = sum(1 for _, v in mine if v == "partly")
        sure = [v for c, v in mine if c is not None and c >= 0.6]
        print(f"{name}: {len(mine)} judged, right {right} ({right / len(mine):.0%}), right or partly "
              f"{right + partly} ({(right + partly) / len(mine):.0%}); confidence >= 0.6: "
              f"{sum(1 for v in sure if v == 'right')} of {len(sure)} right")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("draw")
    d.add_argument("coders", nargs="+", help="NAME=PATH of a chronicle extract output")
    d.add_argument("--n", type=int, default=60)
    d.add_argument("--seed", type=int, default=17)
    d.add_argument("-o", "--out", type=Path, required=True)
    s = sub.add_parser("score")
    s.add_argument("sheet", type=Path)
    s.add_argument("judged", type=Path)
    args = parser.parse_args(argv)
    if args.command == "draw":
        draw(args.coders, args.n, args.seed, args.out)
    else:
        score(args.sheet, args.judged)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
