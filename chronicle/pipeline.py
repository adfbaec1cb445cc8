"""The whole job: paths in, complete article records (or failures) out.

    read -> segment -> annotate (language, spaCy, entity correction) -> the registry's stages
         (places, entities, times, quotes, events, event actors, event places)

`process(paths, config)` streams batches through `chronicle.annotate.annotate_batch` (here, or in
worker processes: chronicle/parallel.py) and yields records in input order. A document that fails
in any stage becomes a `Failure` and the run goes on: nothing is lost silently.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, islice

from tqdm import tqdm

from chronicle.annotate import annotate_batch
from chronicle.batching import batches
from chronicle.config import Config
from chronicle.parallel import annotate_parallel
from chronicle.read import read_inputs
from chronicle.records import Article, Failure
from chronicle.segment import segment_stream


def segmented(paths: Sequence[str], config: Config) -> Iterator[Article | Failure]:
    """Read and segment: articles ready for annotation, and failures, in input order."""
    return segment_documents(read_inputs(paths, config), config)


# Segment documents from any source (files, a feed watcher, Ray readers): articles and failures, in order.
segment_documents = segment_stream


def annotate(items: Iterable[Article | Failure], config: Config, workers: int = 1) -> Iterator[Article | Failure]:
    """Annotate segmented articles in order: here in batches, or in `workers` processes (chronicle/parallel.py)."""
    if workers > 1:
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
