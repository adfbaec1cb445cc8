"""The annotate stages in the registry (chronicle/registry.py): run over a batch by `chronicle.annotate`
before the per-article stages, so they produce the `doc` every later stage reads."""

from chronicle.nlp.model import model_version
from chronicle.registry import Stage, register

LANGUAGE = register(Stage(
    key="language", name="nlp.language", version=1, reads=("article",), adds=("language",),
    summary="An article not in English becomes an `unsupported_language` failure before spaCy reads it.",
))
SPACY = register(Stage(
    key="spacy", name="nlp.spacy", version=1, reads=("article",), adds=("doc",), uses=(model_version,),
    summary="spaCy's English pipeline (tokens, sentences, parse, entities); long texts in pieces.",
))
ENTITIES = register(Stage(
    key="ner", name="nlp.ner", version=1, reads=("doc",), adds=("doc",),
    summary="Entity labels corrected against the gazetteer and country names (places spaCy missed or "
            "mislabelled); the Doc is not changed after this.",
))
