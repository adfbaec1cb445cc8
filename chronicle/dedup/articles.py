"""Near-duplicate articles: word 5-gram shingles, MinHash signatures, LSH candidates.

Reads article texts; gives each a MinHash signature, and for a stream of
(article, signature) in publication order the canonical article each copy
duplicates. Syndicated wire copy and re-published updates share most of their
5-grams, while two reports of the same event by different newsrooms share few
(they are *not* copies: `events.py` merges their events instead).
"""

from __future__ import annotations

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


def signature(text: str) -> np.ndarray:
    """The MinHash signature (NUM_PERM unsigned 64-bit values) of `text`'s shingles."""
    from datasketch import MinHash

    mh = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
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


def find_copies(items: Iterable[tuple[str, int, np.ndarray]]) -> Iterator[Copy]:
    """Copies among `(article_id, day_number, signature)` given in (day, ingest) order.

    Each article is compared (through LSH buckets) with those of the last WINDOW_DAYS days; a match
    makes it a copy of the match's canonical article, so all copies point at the first one.
    """
    from datasketch import MinHash, MinHashLSH

    lsh: Any = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    window: deque[tuple[int, str]] = deque()
    kept: dict[str, tuple[np.ndarray, str, int]] = {}  # id -> (signature, canonical id, arrival number)
    for number, (article_id, day, values) in enumerate(items):
        while window and window[0][0] < day - WINDOW_DAYS:
            _, old = window.popleft()
            lsh.remove(old)
            del kept[old]
        if article_id in kept:  # the same id twice (cannot happen from the store; guards the index)
            continue
        mh = MinHash(num_perm=NUM_PERM, seed=SEED, hashvalues=values, scheme=SCHEME)
        best: tuple[float, int, str] | None = None
        for candidate in lsh.query(mh):
            score = similarity(values, kept[candidate][0])
            # Ties go to the earlier arrival, so the result does not depend on the buckets' set order.
            key = (score, -kept[candidate][2], candidate)
            if score >= THRESHOLD and (best is None or key > best):
                best = key
        canonical = article_id
        if best is not None:
            canonical = kept[best[2]][1]
            yield Copy(article_id, canonical, round(best[0], 4))
        lsh.insert(article_id, mh)
        kept[article_id] = (values, canonical, number)
        window.append((day, article_id))
