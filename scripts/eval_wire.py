"""Actors and types on our own wire sentences (training/wire/, measurement only, never trained on).

    python scripts/eval_wire.py [--show] [--set NAME=VALUE,...] [--model DIR] [FILE ...]

Runs the pipeline on every sentence of the wire files (one event per sentence, its actor and recipient
with country and sector: the shape of score.py's `actors` task) and scores them with that task's own
functions (../shared/eval/score.py, read at run time):
the event matched to a gold row is the one whose actor shares a word with the gold actor (then the
recipient, then the most confident); the row's type is right when that event's type is the gold one; a
gold party is right when an actor on its side of that event shares a word with it and carries the same
country (sector). Then it sorts every gold party that is not right by where it was lost:

- `no event`: the sentence got no event at all;
- `other type`: the matched event has another type (its parties are still judged);
- `not attached`: no actor on that side shares a word with the gold party;
- `country` / `sector`: attached, with another code.

`--show` prints each lost party with its sentence (our own text). `--set` overrides constants of
chronicle.events.learned and `--model` reads another encoder folder, as scripts/tune_learned.py does.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
WIRE = ROOT / "training" / "wire"


def scorer(shared: Path) -> Any:
    """../shared/eval/score.py as a module: its matching and word-sharing functions judge the rows."""
    path = shared / "eval" / "score.py"
    if not path.exists():
        raise SystemExit(f"{path} not found: pass --shared, the folder that holds eval/score.py")
    spec = importlib.util.spec_from_file_location("score", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Verdict(NamedTuple):
    side: str
    why: str  # "right", or where the party was lost
    gold: dict[str, Any]
    country: bool
    sector: bool


def _sector(code: object) -> str:
    return str(code or "")[:3].upper()


def judge(sc: Any, row: dict[str, Any], events: list[dict[str, Any]]) -> tuple[bool, list[Verdict]]:
    """Whether the row's type is right, and a verdict per gold party that carries a code."""
    ev = sc.match_event(sc.actor_strings(row.get("actor")), sc.actor_strings(row.get("recipient")), events)
    type_ok = ev is not None and ev.get("type") == row["type"]
    out = []
    for side in ("actor", "recipient"):
        for gp in row.get(side) or []:
            if not gp.get("country") and not gp.get("sector"):
                continue
            near = [a for a in (ev or {}).get(side) or [] if sc.any_share(sc.actor_strings(a), [gp["text"]])]
            country = any(str(a.get("country") or "").upper() == str(gp.get("country")).upper() for a in near)
            sector = any(_sector(a.get("sector")) == _sector(gp.get("sector")) for a in near)
            if ev is None:
                why = "no event"
            elif not near:
                why = "not attached"
            elif gp.get("country") and not country:
                why = "country"
            elif gp.get("sector") and not sector:
                why = "sector"
            else:
                why = "right"
            if why not in ("right", "no event") and not type_ok:
                why = "other type, " + why
            out.append(Verdict(side, why, gp, country, sector))
    return type_ok, out


def predictions(paths: list[Path]) -> dict[str, list[dict[str, Any]]]:
    from chronicle.config import Config
    from chronicle.pipeline import process
    from chronicle.records import Article

    out: dict[str, list[dict[str, Any]]] = {}
    for item in process([str(p) for p in paths], Config(), progress=False):
        if isinstance(item, Article):
            rec = item.to_dict()
            out.setdefault(str(rec.get("input_id") or rec["id"]).split("#")[0], []).extend(rec.get("events") or [])
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--show", action="store_true")
    parser.add_argument("--set", default="", help="NAME=VALUE,... constants of chronicle.events.learned")
    parser.add_argument("--model", type=Path, default=None, help="an encoder folder instead of the shipped one")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args(argv)
    from tune_learned import choose_design

    choose_design(parser, args.model, args.set)
    sc = scorer(args.shared)
    paths = args.files or sorted(WIRE.glob("*.jsonl"))
    docs = [json.loads(line) for p in paths for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    pred = predictions(paths)
    c: Counter[str] = Counter()
    lost: Counter[str] = Counter()
    for doc in docs:
        events = pred.get(doc["id"], [])
        for row in doc["gold"]["events"]:
            type_ok, parties = judge(sc, row, events)
            c["rows"] += 1
            c["type_ok"] += type_ok
            for side, verdict, gp, country, sector in parties:
                for code, ok in (("country", country), ("sector", sector)):
                    if gp.get(code):
                        c[f"{side}_{code}_n"] += 1
                        c[f"{side}_{code}_ok"] += ok
                if verdict != "right":
                    lost[f"{side}: {verdict}"] += 1
                    if args.show:
                        got = [(e["type"], sc.actor_strings(e.get("actor")), sc.actor_strings(e.get("recipient")))
                               for e in events]
                        print(f"{doc['id']} {side} {verdict}: {gp['text']!r} {gp.get('country')}/{gp.get('sector')}"
                              f" gold {row['type']} | {doc['text']}\n    got {got}")

    def rate(k: str) -> str:
        n = c[k + "_n"]
        return f"{c[k + '_ok'] / n:.3f} of {n}" if n else "-"

    print(f"{len(docs)} sentences, {c['rows']} gold events; type accuracy {c['type_ok'] / max(c['rows'], 1):.3f}")
    print(f"actor country {rate('actor_country')}, sector {rate('actor_sector')}")
    print(f"recipient country {rate('recipient_country')}, sector {rate('recipient_sector')}")
    print("lost parties:", json.dumps(dict(lost.most_common())))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
