"""`Analysis`: one article and its spaCy Doc, the object every linguistic stage reads.

Stages are plain functions `stage(analysis) -> fields`, registered with what
they read and add (chronicle/registry.py). `chronicle.annotate.analyse` stores
what each returns, on the record or, for a field the record does not carry
(`locations`), in `fields`, and hands the next stage a view holding only what
it declared.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from chronicle.records import Article


@dataclass
class Analysis:
    article: Article
    doc: Doc  # over article.text; doc.ents already corrected by chronicle.nlp.ner
    # Fields earlier stages added that are not part of the record (the geo stage's `locations`).
    fields: Mapping[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.article.text

    def get(self, name: str, default: Any = None) -> Any:
        """The field `name` an earlier stage added (outside the record), or `default` where none did."""
        return self.fields.get(name, default)


def analyse_text(nlp: Language, text: str, published: str | None = None,
                 article_id: str = "test", title: str | None = None) -> Analysis:
    """Build an Analysis from a bare text (for tests and notebooks): spaCy plus entity correction."""
    from chronicle.nlp.ner import correct_entities

    article = Article(id=article_id, input_id=article_id, text=text, title=title, published=published,
                      published_from="input" if published else "unknown")
    doc = nlp(text)
    correct_entities(doc)
    return Analysis(article=article, doc=doc)
