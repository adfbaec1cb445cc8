"""Proxy measure of actor coding on a gold file with actor spans (e.g. ../shared/eval/dev/actors_gsr.jsonl).

For every gold actor/recipient {text, start, end, country, sector} it codes the
gold span the way `code_event_actors` codes an event actor span (the entity
whose mention overlaps it best, else `describe_phrase`) and compares country
and primary sector (first three letters, as score.py does). This isolates
actor coding from event detection, which score.py's `actors` task mixes in.

Usage: python scripts/eval_actors.py GOLD.jsonl [--show]
Reads the gold file at run time only; nothing from it is stored.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter


def main(argv: list[str]) -> int:
    from chronicle.actors.resolve import code_event_actors, resolve_entities
    from chronicle.geo.resolve import resolve_places
    from chronicle.nlp.analysis import analyse_text
    from chronicle.nlp.model import load_nlp
    from chronicle.records import Actor, Event, EventDate, Size, Span

    path, show = argv[1], "--show" in argv
    nlp = load_nlp()
    c: Counter[str] = Counter()
    spent = 0.0
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            analysis = analyse_text(nlp, doc["text"], published=doc.get("published"), article_id=doc["id"])
            t0 = time.perf_counter()
            analysis.article.places = resolve_places(analysis)
            analysis.article.entities = resolve_entities(analysis)
            spent += time.perf_counter() - t0
            for row in doc["gold"]["events"]:
                for side in ("actor", "recipient"):
                    for gold in row[side]:
                        if gold.get("start") is None:
                            continue
                        actor = Actor(text=gold["text"], start=gold["start"], end=gold["end"])
                        event = Event(id="x", type=row["type"], mode=None, context=[], quad=1, actor=[actor],
                                      recipient=[], place=None, date=EventDate(), size=Size(), status="asserted",
                                      trigger=Span(0, 0, ""), evidence=Span(0, 0, ""))
                        code_event_actors([event], analysis)
                        if gold.get("country"):
                            c["country_n"] += 1
                            ok = actor.country == gold["country"]
                            c["country_ok"] += ok
                            if show and not ok:
                                print(f"COUNTRY {gold['text']!r}: gold {gold['country']} got {actor.country}")
                        if gold.get("sector"):
                            c["sector_n"] += 1
                            ok = (actor.sector or "")[:3] == gold["sector"][:3]
                            c["sector_ok"] += ok
                            c["sector_any"] += gold["sector"][:3] in {actor.sector, *actor.other_sectors}
                            if show and not ok:
                                print(f"SECTOR  {gold['text']!r}: gold {gold['sector']} got {actor.sector} "
                                      f"{actor.other_sectors}")
    n_c, n_s = max(c["country_n"], 1), max(c["sector_n"], 1)
    print(f"country_acc={c['country_ok'] / n_c:.3f} (n={c['country_n']}) "
          f"sector_acc={c['sector_ok'] / n_s:.3f} sector_any={c['sector_any'] / n_s:.3f} (n={c['sector_n']}) "
          f"places+entities {spent * 1000:.0f} ms total")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
