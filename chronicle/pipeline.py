"""The whole job: paths in, complete article records (or failures) out.

    read -> segment -> language -> spaCy -> correct entities -> places -> dateline place
         -> entities -> times -> quotes -> events -> event actors

`analyse(article, doc)` runs the linguistic stages over one article and is
pure apart from filling the record; `process(paths, config)` streams batches
through spaCy's `nlp.pipe` and yields records in input order. A document that
fails in any stage becomes a `Failure` (code `processing`) and the batch goes
on: nothing is lost silently.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from itertools import chain, islice

from spacy.tokens import Doc
from tqdm import tqdm

from chronicle import __version__
from chronicle.actors.resolve import code_event_actors, resolve_entities
from chronicle.batching import batches
from chronicle.config import Config
from chronicle.errors import failure
from chronicle.events import CODER_NAME as EVENT_CODER
from chronicle.events import code_events
from chronicle.geo.event_places import place_events
from chronicle.geo.resolve import resolve_dateline, resolve_places
from chronicle.learned.encoder import encoder_version
from chronicle.nlp.analysis import Analysis
from chronicle.nlp.language import check_language
from chronicle.nlp.model import load_nlp, model_version
from chronicle.nlp.ner import correct_entities
from chronicle.nlp.pieces import pipe_pieces
from chronicle.quotes import extract_quotes
from chronicle.read import read_inputs
from chronicle.records import SCHEMA_VERSION, Article, Coder, Failure
from chronicle.segment import segment_stream
from chronicle.times import extract_times

log = logging.getLogger(__name__)

# Versioned names of the implementations that make a record (STYLE.md 4):
# a behaviour change is a new version, so stored data can be explained.
STAGES = {
    "segment": "segment.lines.v1",
    "geo": "geo.gazetteer.v3",
    "actors": "actors.dictionary.v2",
    "times": "times.rules.v1",
    "quotes": "quotes.rules.v2",
    "events": EVENT_CODER,
}


@cache
def coder() -> Coder:
    """Provenance stamped on every record."""
    return Coder(name="chronicle", version=__version__, schema=SCHEMA_VERSION,
                 models={"spacy": model_version(), "encoder": encoder_version(), **STAGES})


def analyse(article: Article, doc: Doc) -> Article:
    """Fill every derived field of `article` from its spaCy `doc` (over `article.text`)."""
    correct_entities(doc)
    analysis = Analysis(article=article, doc=doc)
    article.places = resolve_places(analysis)
    if article.dateline:
        article.dateline_place = resolve_dateline(article.dateline, analysis)
    article.entities = resolve_entities(analysis)
    article.times = extract_times(analysis)
    article.quotes = extract_quotes(analysis)
    events = code_events(analysis)
    code_event_actors(events, analysis)
    place_events(events, analysis)
    article.events = events
    article.coder = coder()
    return article


def warm_up() -> float:
    """Load every model and table the stages use (spaCy, gazetteer, dictionaries, lexicons) now,
    by analysing one short article; returns the seconds it took. Servers and benchmarks call it so
    that the first real article does not pay the loading time."""
    start = time.perf_counter()
    text = "BAMAKO officials said on Monday that police arrested 12 protesters in Paris, France."
    article = Article(id="warm-up", input_id="warm-up", text=text, published="2025-01-06")
    analyse(article, load_nlp()(text))
    return time.perf_counter() - start


def segmented(paths: Sequence[str], config: Config) -> Iterator[Article | Failure]:
    """Read and segment: articles ready for annotation, and failures, in input order."""
    return segment_documents(read_inputs(paths, config), config)


# Segment documents from any source (files, a feed watcher, Ray readers): articles and failures, in order.
segment_documents = segment_stream


def annotate_batch(batch: list[Article | Failure]) -> Iterator[Article | Failure]:
    """Run spaCy over the batch's articles at once, then the stages one article at a time.

    Yields exactly one record per item, in order: an article not in English becomes an
    `unsupported_language` failure before spaCy reads it (chronicle/nlp/language.py), a text longer than
    `nlp.pieces.PIECE_CHARS` is parsed in pieces, and one that breaks spaCy fails alone."""
    batch = [check_language(x) if isinstance(x, Article) else x for x in batch]
    articles = [x for x in batch if isinstance(x, Article)]
    docs = _parse(articles)
    for item in batch:
        if isinstance(item, Failure):
            yield item
            continue
        doc = next(docs)
        try:
            if isinstance(doc, Exception):
                raise doc
            yield analyse(item, doc)
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


def annotate(items: Iterable[Article | Failure], config: Config, workers: int = 1) -> Iterator[Article | Failure]:
    """Annotate segmented articles in order: here in batches, or in `workers` processes (chronicle/parallel.py)."""
    if workers > 1:
        from chronicle.parallel import annotate_parallel

        yield from annotate_parallel(items, workers)
        return
    for batch in batches(items, config.batch_size):
        yield from annotate_batch(batch)


def process(paths: Sequence[str], config: Config, progress: bool = True,
            workers: int = 1) -> Iterator[Article | Failure]:
    """Every article of `paths` as a complete record, and every failure, in input order.

    `workers` > 1 annotates in that many processes; the records and their order are the same."""
    return process_items(segmented(paths, config), config, progress, workers)


# Segmented items read ahead of annotation so the progress bar can show a total: segmenting is cheap next
# to spaCy, and this many articles of text fit in memory easily. A larger input gets a bar without a total.
LOOKAHEAD = 20_000


def process_items(items: Iterable[Article | Failure], config: Config, progress: bool = True,
                  workers: int = 1) -> Iterator[Article | Failure]:
    """`process` for articles segmented elsewhere (the feed watcher's pages)."""
    total: int | None = None
    if progress:
        stream = iter(items)
        ahead = list(islice(stream, LOOKAHEAD))
        if len(ahead) < LOOKAHEAD:
            total = sum(1 for x in ahead if isinstance(x, Article))
        items = chain(ahead, stream)
    # The first batch waits for the models (spaCy, gazetteers: seconds): the bar says so until it is done.
    bar = tqdm(desc="loading models", unit=" art", total=total, file=sys.stderr, disable=not progress,
               dynamic_ncols=True)
    bar.refresh()
    try:
        for item in annotate(items, config, workers):
            if isinstance(item, Article):
                if bar.n == 0:
                    bar.set_description_str("articles", refresh=False)
                bar.update(1)
            yield item
    finally:
        bar.close()
