"""`Analysis`: one article and its spaCy Doc, the object every linguistic stage reads.

Stages are plain functions `stage(analysis) -> list[...]`; the pipeline
stores each result on `analysis.article` before the next stage runs, so a
later stage can read what an earlier one produced (events read entities,
places and times).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from chronicle.records import Article


@dataclass
class Analysis:
    article: Article
    doc: Doc  # over article.text; doc.ents already corrected by chronicle.nlp.ner

    @property
    def text(self) -> str:
        return self.article.text


def analyse_text(nlp: Language, text: str, published: str | None = None,
                 article_id: str = "test", title: str | None = None) -> Analysis:
    """Build an Analysis from a bare text (for tests and notebooks): spaCy plus entity correction."""
    from chronicle.nlp.ner import correct_entities

    article = Article(id=article_id, input_id=article_id, text=text, title=title, published=published,
                      published_from="input" if published else "unknown")
    doc = nlp(text)
    correct_entities(doc)
    return Analysis(article=article, doc=doc)
