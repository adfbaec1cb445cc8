"""Key normalisation shared by the dictionary builder and the runtime lookups.

Both sides must agree exactly: a dictionary key written by
`scripts/build_actor_data.py` is found at run time only if the text of the
article normalises to the same string.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_DROP = re.compile(r"[.'’‘`\"“”()]")
_SPACE = re.compile(r"[\s_\-–—/]+")


def fold(text: str) -> str:
    """Accents off ("Renée" -> "Renee"), so spellings with and without them meet."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def norm_key(text: str) -> str:
    """Lower-case, accent-free, punctuation-free key: "the U.N." -> "un", "Al-Qaeda" -> "al qaeda"."""
    text = _DROP.sub("", fold(text).lower())
    text = _SPACE.sub(" ", text).strip()
    if text.startswith("the "):
        text = text[4:]
    return text


@lru_cache(maxsize=1 << 16)  # a word's key is asked for again and again: every lookup of every phrase over it
def norm_token(text: str) -> str:
    """One token's key: "Gen." -> "gen", "Renée" -> "renee"."""
    return _DROP.sub("", fold(text).lower()).strip("-")
