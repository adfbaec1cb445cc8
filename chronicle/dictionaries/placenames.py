"""Name normalisation shared by every gazetteer lookup: one key per way of writing a name."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u2010": "-", "\u2013": "-"})
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """Lower-cased, accent-free, apostrophe- and space-normalised key ("Ségou" -> "segou")."""
    folded = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    plain = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return _SPACES.sub(" ", plain).strip().lower()


def strip_article(text: str) -> str:
    """'the United States' -> 'United States' (news writes the article, gazetteers do not)."""
    return text[4:] if text[:4].lower() == "the " else text
