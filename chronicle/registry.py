"""The stage order, and the registry of the stages that make an article's record.

LAYERS is the order data follows through chronicle (docs/ARCHITECTURE.md). A module may import
modules of its own layer or of an earlier one, never of a later one (tests/test_imports.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

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
    ("run", ("chronicle.annotate", "chronicle.pipeline", "chronicle.parallel", "chronicle.distributed")),
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


# --- the stage registry -------------------------------------------------------------------------

# What every per-article stage may read without declaring it: the article as segmented (id, text,
# title, published, dateline ...) and its annotated spaCy Doc.
INPUTS = ("article", "doc")


class StageError(RuntimeError):
    """A stage broke its declared contract (read a field it did not declare, or returned the wrong
    fields), or the registry is inconsistent. A programming error, never bad input."""


@dataclass(frozen=True)
class Stage:
    """One registered stage: `name` and `version` together identify its behaviour (a change in what
    it emits bumps the version), `reads` the fields it needs, `adds` the fields it returns.

    `key` is its entry in a record's `coder.models`; `uses` names models it runs (their own
    versions), joined to its id there ("events.rules.v4+events.learned.v3"). `run` is None for a
    stage that does not run per article (reading, segmenting, parsing): it is listed for the
    provenance and the architecture, and run by the pipeline's batch code."""

    key: str
    name: str
    version: int
    reads: tuple[str, ...]
    adds: tuple[str, ...]
    run: Callable[..., Any] | None = None
    uses: tuple[str | Callable[[], str], ...] = ()
    summary: str = ""

    @property
    def id(self) -> str:
        return f"{self.name}.v{self.version}"

    @property
    def provenance(self) -> str:
        """The stage's id joined to what it uses: another registered stage's id (named by key) or an
        external version (a callable, e.g. the spaCy model's)."""
        return "+".join((self.id, *(get(u).id if isinstance(u, str) else u() for u in self.uses)))


_REGISTRY: dict[str, Stage] = {}


def register(stage: Stage) -> Stage:
    """Add `stage` under its key; a second stage with the same key or name is an error."""
    for other in _REGISTRY.values():
        if (other.key == stage.key or other.name == stage.name) and other != stage:
            raise StageError(f"stage {stage.id} ({stage.key}) clashes with registered {other.id} ({other.key})")
    _REGISTRY[stage.key] = stage
    return stage


def stage(key: str, name: str, version: int, reads: tuple[str, ...], adds: tuple[str, ...],
          uses: tuple[str | Callable[[], str], ...] = ()) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorator: register the function as the per-article stage `name` v`version` (its docstring's
    first line is the stage's summary). It is called with an `Analysis` and returns its `adds`: the
    value itself for one field, a tuple in `adds` order for several."""

    def wrap(fn: Callable[..., Any]) -> Callable[..., Any]:
        summary = " ".join((fn.__doc__ or "").strip().split("\n\n")[0].split())
        register(Stage(key, name, version, reads, adds, fn, uses, summary))
        return fn

    return wrap


def get(key: str) -> Stage:
    try:
        return _REGISTRY[key]
    except KeyError:
        raise StageError(f"no stage registered as {key!r}; registered: {', '.join(sorted(_REGISTRY))}") from None


def registered() -> list[Stage]:
    """Every registered stage, in registration order."""
    return list(_REGISTRY.values())


def check_order(stages: list[Stage]) -> None:
    """Raise StageError unless every stage reads only the inputs and fields of earlier stages, and a
    stage that adds a field an earlier one added also reads it (it refines it, e.g. events' actors)."""
    have = set(INPUTS)
    for s in stages:
        missing = [r for r in s.reads if r not in have]
        if missing:
            raise StageError(f"stage {s.id} reads {missing}, which no earlier stage adds")
        redone = [a for a in s.adds if a in have and a not in s.reads]
        if redone:
            raise StageError(f"stage {s.id} adds {redone} again without reading them")
        have.update(s.adds)
