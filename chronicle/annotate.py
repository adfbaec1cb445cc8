"""Annotating articles: the language check and spaCy over a batch, then the registry's stages over
each article, in order (docs/ARCHITECTURE.md).

    language -> spaCy -> entity correction        (a batch at once: `annotate_batch`)
    -> events (with their own parties) -> places -> entities -> times -> quotes
    -> event dates -> event places in their clauses -> merged reports -> event actors -> event places
                                                     (`analyse`)

Each per-article stage is a function registered in its package's `stages.py` with the fields it
reads and the fields it adds (chronicle/registry.py). `analyse` gives a stage a read-only view of the
article that holds only what the stage declared, stores what it returns, and stamps the record's
`coder` from the registry. A document that fails in any stage becomes a `Failure` (code
`processing`) and the batch goes on: nothing is lost silently.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from typing import Any, TypeVar, cast

from spacy.tokens import Doc

import chronicle.actors.stages
import chronicle.events.stages
import chronicle.geo.stages
import chronicle.quotes.stages
import chronicle.read.stages
import chronicle.segment.stages
import chronicle.times.stages
from chronicle import __version__, registry
from chronicle.errors import failure
from chronicle.nlp import stages as nlp_stages
from chronicle.nlp.analysis import Analysis
from chronicle.nlp.language import check_language
from chronicle.nlp.model import load_nlp
from chronicle.nlp.ner import correct_entities
from chronicle.nlp.pieces import pipe_pieces
from chronicle.records import SCHEMA_VERSION, Article, Coder, Failure
from chronicle.registry import Stage, StageError

log = logging.getLogger(__name__)
T = TypeVar("T")

# The stages that make an article's record, in the order they run. The first five run before the
# per-article loop (reading and segmenting in chronicle.pipeline, the rest in `annotate_batch`).
BEFORE = ("read", "segment", "language", "spacy", "ner")
ANALYSIS = ("events", "geo", "actors", "times", "quotes", "event_dates", "event_clause_places", "event_merge",
            "event_actors", "event_places")
# Every registered stage in the order the record's `coder` and docs/ARCHITECTURE.md list them.
ORDER = (*BEFORE, "encoder", *ANALYSIS)
# Every package whose stages.py registers a stage is imported above; this names them for the linter.
_PACKAGES = (chronicle.actors.stages, chronicle.events.stages, chronicle.geo.stages, chronicle.quotes.stages,
             chronicle.read.stages, chronicle.segment.stages, chronicle.times.stages, nlp_stages)
RECORD = frozenset(f.name for f in dataclasses.fields(Article))


@cache
def stages() -> list[Stage]:
    """The per-article stages in running order, checked: each reads only what earlier ones add."""
    out = [registry.get(key) for key in ANALYSIS]
    registry.check_order(out)
    return out


@cache
def derived() -> frozenset[str]:
    """The article fields the stages fill (and `coder`); every other field of an Article is input."""
    return frozenset({"coder", *(a for s in stages() for a in s.adds if a in RECORD)})


@cache
def coder() -> Coder:
    """Provenance stamped on every record: each registered stage's versioned id, under its key."""
    named = sorted(registry.registered(), key=lambda s: ORDER.index(s.key) if s.key in ORDER else len(ORDER))
    return Coder(name="chronicle", version=__version__, schema=SCHEMA_VERSION,
                 models={s.key: s.provenance for s in named})


class _Reading:
    """The article as one stage sees it: its input fields, and the derived fields the stage declared
    it reads (or adds: a stage may look at its own field, still empty). It cannot be written."""

    def __init__(self, article: Article, stage: Stage) -> None:
        object.__setattr__(self, "_article", article)
        object.__setattr__(self, "_stage", stage)

    def __getattr__(self, name: str) -> Any:
        stage: Stage = object.__getattribute__(self, "_stage")
        if name in derived() and name not in stage.reads and name not in stage.adds:
            raise StageError(f"stage {stage.id} reads article.{name} but does not declare it (chronicle/registry.py)")
        return getattr(object.__getattribute__(self, "_article"), name)

    def __setattr__(self, name: str, value: Any) -> None:
        stage: Stage = object.__getattribute__(self, "_stage")
        raise StageError(f"stage {stage.id} writes article.{name}: a stage returns its fields instead")


class _Fields(Mapping[str, Any]):
    """The fields outside the record as one stage sees them: only those it declared."""

    def __init__(self, fields: dict[str, Any], stage: Stage) -> None:
        self._fields, self._stage = fields, stage

    def __getitem__(self, name: str) -> Any:
        if name not in self._stage.reads:
            raise StageError(f"stage {self._stage.id} reads {name!r} but does not declare it (chronicle/registry.py)")
        return self._fields[name]

    def __iter__(self) -> Iterator[str]:
        return (k for k in self._fields if k in self._stage.reads)

    def __len__(self) -> int:
        return sum(1 for _ in self)


def analyse(article: Article, doc: Doc) -> Article:
    """A copy of `article` with every derived field filled: entity correction on spaCy's `doc` (over
    `article.text`), then the registry's per-article stages. `article` itself is not changed."""
    return analysis_of(article, doc).article


def analysis_of(article: Article, doc: Doc) -> Analysis:
    """`analyse`, keeping the fields that are not part of the record (for scripts that re-run a stage)."""
    annotated(doc)
    record = dataclasses.replace(article)
    fields: dict[str, Any] = {}
    for stage in stages():
        assert stage.run is not None
        view = Analysis(article=cast(Article, _Reading(record, stage)), doc=doc, fields=_Fields(fields, stage))
        out = stage.run(view)
        values = (out,) if len(stage.adds) == 1 else out
        if len(values) != len(stage.adds):
            raise StageError(f"stage {stage.id} returned {len(values)} fields for {stage.adds}")
        on_record = {k: v for k, v in zip(stage.adds, values, strict=True) if k in RECORD}
        fields.update((k, v) for k, v in zip(stage.adds, values, strict=True) if k not in RECORD)
        record = dataclasses.replace(record, **on_record)
    return Analysis(article=dataclasses.replace(record, coder=coder()), doc=doc, fields=fields)


def annotated(doc: Doc) -> Doc:
    """The annotate stage's last step (`nlp.ner`): entity labels corrected on the parsed Doc."""
    correct_entities(doc)
    return doc


def warm_up() -> float:
    """Load every model and table the stages use (spaCy, gazetteer, dictionaries, lexicons) now,
    by analysing one short article; returns the seconds it took. Servers and benchmarks call it so
    that the first real article does not pay the loading time."""
    start = time.perf_counter()
    text = "BAMAKO officials said on Monday that police arrested 12 protesters in Paris, France."
    article = Article(id="warm-up", input_id="warm-up", text=text, published="2025-01-06")
    analyse(article, load_nlp()(text))
    return time.perf_counter() - start


def annotate_batch(batch: list[Article | Failure]) -> Iterator[Article | Failure]:
    """Run spaCy over the batch's articles at once, then the stages one article at a time.

    Yields exactly one record per item, in order: an article not in English becomes an
    `unsupported_language` failure before spaCy reads it (chronicle/nlp/language.py), a text longer than
    `nlp.pieces.PIECE_CHARS` is parsed in pieces, and one that breaks spaCy or a stage fails alone."""
    return _each(batch, analyse)


def explain_batch(batch: list[Article | Failure]) -> Iterator[Analysis | Failure]:
    """`annotate_batch`, keeping each article's fields outside the record: the candidates the stages let
    go, with their reasons (`event_rejections`, `place_rejections`), for `chronicle explain`."""
    return _each(batch, analysis_of)


def _each(batch: list[Article | Failure], run: Callable[[Article, Doc], T]) -> Iterator[T | Failure]:
    """`run` over each article of the batch and its Doc (spaCy over the whole batch at once), failures
    passed through, in order; a document that breaks spaCy or a stage becomes a `processing` failure."""
    batch = [check_language(x) if isinstance(x, Article) else x for x in batch]
    docs = _parse([x for x in batch if isinstance(x, Article)])
    for item in batch:
        if isinstance(item, Failure):
            yield item
            continue
        doc = next(docs)
        try:
            if isinstance(doc, Exception):
                raise doc
            yield run(item, doc)
        except Exception as exc:  # one bad document must not stop the batch; the reason is recorded
            log.debug("processing %s failed", item.id, exc_info=True)
            yield failure(item.input_id, f"article {item.id}", "processing", f"{type(exc).__name__}: {exc}")


def _parse(articles: list[Article]) -> Iterator[Doc | Exception]:
    """spaCy Docs of the articles in order (long texts in pieces); an article spaCy fails on gives the exception."""
    nlp = load_nlp()
    done = 0
    try:
        for doc in pipe_pieces(nlp, (a.text for a in articles)):
            yield doc
            done += 1
    except Exception:  # one text that breaks spaCy stops the whole pipe: the rest go one by one
        log.debug("spaCy failed on a batch; parsing its articles one at a time", exc_info=True)
        for article in articles[done:]:
            try:
                yield next(pipe_pieces(nlp, [article.text]))
            except Exception as exc:
                yield exc


def stage_table() -> str:
    """The registry as the Markdown table of docs/ARCHITECTURE.md (tests/test_architecture.py keeps
    the two the same)."""
    def cell(names: tuple[str, ...]) -> str:
        return ", ".join(f"`{n}`" for n in names)

    rows = ["| key | stage | reads | adds | what it does |", "|---|---|---|---|---|"]
    by_key = {s.key: s for s in registry.registered()}
    for key in ORDER:
        s = by_key[key]
        named = "+".join((s.id, *(registry.get(u).id for u in s.uses if isinstance(u, str))))
        rows.append(f"| {key} | `{named}` | {cell(s.reads)} | {cell(s.adds)} | {s.summary} |")
    return "\n".join(rows)
