"""Near-duplicate articles: word 5-gram shingles, MinHash signatures, LSH candidates.

Reads article texts; gives each a MinHash signature, and for a stream of
(article, day, signature) in (day, ingest) order the canonical article each
copy duplicates. Syndicated wire copy and re-published updates share most of
their 5-grams, while two reports of the same event by different newsrooms
share few (they are *not* copies: `events.py` merges their events instead).

`CopyFinder` is the stream's whole state — the articles of the last
WINDOW_DAYS days with their signatures and canonical articles — so the
incremental path (`incremental.py`) can rebuild it from stored signatures at
any point of the stream and carry on from there.
"""

from __future__ import annotations

import functools
import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

NUM_PERM = 128
SEED = 7
# Named, not left to datasketch's default: stored signatures are only comparable within one scheme.
SCHEME = "affine32"
SHINGLE = 5
# Estimated Jaccard of 5-gram sets above which two articles are copies. A wire story re-published
# with a new headline, a dropped last paragraph or a changed credit line scores 0.8-0.95; two
# newsrooms' accounts of one event score below 0.2. 0.7 leaves room for a re-published update
# that added a sentence or two.
THRESHOLD = 0.7
# Copies appear within days of the original: a window bounds memory (the LSH index holds only
# articles published this many days before the current one) without missing syndication.
WINDOW_DAYS = 7

_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    """Lower-cased word `size`-grams of `text` (the words themselves for very short texts)."""
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i:i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


@functools.cache
def _permutations() -> Any:
    """The scheme's permutations, drawn once per process (a MinHash draws them anew each time: ~0.3 ms)."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


def signature(text: str) -> np.ndarray:
    """The MinHash signature (NUM_PERM unsigned 64-bit values) of `text`'s shingles."""
    from datasketch import MinHash

    mh = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, permutations=_permutations())
    mh.update_batch(list(shingles(text)))
    values: np.ndarray = mh.hashvalues
    return values


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures: the share of equal MinHash values."""
    return float(np.count_nonzero(a == b)) / len(a)


@dataclass(frozen=True)
class Copy:
    article_id: str
    duplicate_of: str  # the canonical article: the first published of its group
    similarity: float


class CopyFinder:
    """The copy stream's state: articles of the last WINDOW_DAYS days in an LSH index.

    Feed articles in (day, seq) order: `add` answers whether each is a copy. `seed` puts an
    article already decided into the window without a query (restarting the stream mid-way).
    """

    def __init__(self) -> None:
        from datasketch import MinHashLSH

        self._lsh: Any = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM, params=_bands())
        self._window: deque[tuple[int, str]] = deque()
        # id -> (signature, canonical id, (day, seq)): the position breaks ties between equal scores
        self.kept: dict[str, tuple[np.ndarray, str, tuple[int, int]]] = {}

    def evict(self, day: int) -> None:
        """Drop the articles published more than WINDOW_DAYS before `day`."""
        while self._window and self._window[0][0] < day - WINDOW_DAYS:
            _, old = self._window.popleft()
            self._lsh.remove(old)
            del self.kept[old]

    def seed(self, article_id: str, day: int, seq: int, values: np.ndarray, canonical: str) -> None:
        self.evict(day)
        self._insert(article_id, day, seq, values, canonical)

    def add(self, article_id: str, day: int, seq: int, values: np.ndarray) -> Copy | None:
        """Place one article; the Copy when it duplicates an earlier one in the window, else None."""
        self.evict(day)
        if article_id in self.kept:  # the same id twice (cannot happen from the store; guards the index)
            return None
        mh = _lean(values)
        best: tuple[float, int, int] | None = None  # (score, -day, -seq) of the best match so far
        match = None
        for candidate in self._lsh.query(mh):
            values_c, _, (c_day, c_seq) = self.kept[candidate]
            score = similarity(values, values_c)
            # Ties go to the earlier arrival, so the result does not depend on the buckets' set order.
            key = (score, -c_day, -c_seq)
            if score >= THRESHOLD and (best is None or key > best):
                best, match = key, candidate
        copy = None
        canonical = article_id
        if best is not None and match is not None:
            canonical = self.kept[match][1]
            copy = Copy(article_id, canonical, round(best[0], 4))
        self._insert(article_id, day, seq, values, canonical, mh)
        return copy

    def _insert(self, article_id: str, day: int, seq: int, values: np.ndarray, canonical: str,
                mh: Any = None) -> None:
        self._lsh.insert(article_id, mh if mh is not None else _lean(values))
        self.kept[article_id] = (values, canonical, (day, seq))
        self._window.append((day, article_id))


@functools.cache
def _bands() -> tuple[int, int]:
    """LSH bands and rows for THRESHOLD: datasketch integrates for them (~20 ms), so once per process."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    return int(lsh.b), int(lsh.r)


def _lean(values: np.ndarray) -> Any:
    """A frozen MinHash of stored values (a plain MinHash would draw its 128 permutations again: ~0.3 ms)."""
    from datasketch import LeanMinHash

    return LeanMinHash(seed=SEED, hashvalues=values, scheme=SCHEME)


def find_copies(items: Iterable[tuple[str, int, int, np.ndarray]]) -> Iterator[Copy]:
    """Copies among `(article_id, day_number, seq, signature)` given in (day, seq) order.

    Each article is compared (through LSH buckets) with those of the last WINDOW_DAYS days; a match
    makes it a copy of the match's canonical article, so all copies point at the first one.
    """
    finder = CopyFinder()
    for article_id, day, seq, values in items:
        copy = finder.add(article_id, day, seq, values)
        if copy is not None:
            yield copy
