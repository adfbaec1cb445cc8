"""The stage order, and the registry of the stages that make an article's record.

LAYERS is the order data follows through chronicle (docs/ARCHITECTURE.md). A module may import
modules of its own layer or of an earlier one, never of a later one (tests/test_imports.py).
"""

from __future__ import annotations

# (layer, module prefixes), earliest first. The longest matching prefix gives a module's layer.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("core", ("chronicle", "chronicle.records", "chronicle.config", "chronicle.errors", "chronicle.batching",
              "chronicle.safety", "chronicle.wordlists", "chronicle.registry")),
    ("dictionaries", ("chronicle.dictionaries",)),
    ("read", ("chronicle.read",)),
    ("segment", ("chronicle.segment",)),
    ("annotate", ("chronicle.nlp", "chronicle.learned")),
    ("events", ("chronicle.events",)),
    ("resolve", ("chronicle.actors", "chronicle.geo", "chronicle.times", "chronicle.quotes")),
    ("run", ("chronicle.pipeline", "chronicle.parallel", "chronicle.distributed")),
    ("dedup", ("chronicle.dedup",)),
    ("store", ("chronicle.store",)),
    ("serve", ("chronicle.query", "chronicle.export", "chronicle.api", "chronicle.dashboard", "chronicle.watch",
               "chronicle.cli", "chronicle.__main__", "chronicle.sample")),
)


def layer_of(module: str) -> int | None:
    """The index in LAYERS of `module` (a dotted name), or None if no layer claims it."""
    best: tuple[int, int] | None = None
    for n, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and (best is None or len(prefix) > best[1]):
                best = (n, len(prefix))
    return None if best is None else best[0]
