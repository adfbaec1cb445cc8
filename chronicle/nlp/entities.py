"""Token-level lookups on spaCy's named entities."""

from __future__ import annotations

from spacy.tokens import Span, Token


def entity_of(token: Token) -> Span | None:
    """The named-entity span that holds `token`, or None (spaCy gives a token its label, not its span)."""
    if not token.ent_type_:
        return None  # no entity holds it: skip the scan
    return next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
