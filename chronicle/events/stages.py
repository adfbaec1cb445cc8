"""The events package's stages (chronicle/registry.py): the learned encoder, and the PLOVER event coder
that runs it."""

from __future__ import annotations

from chronicle.events.code import LEARNED_NAME, LEARNED_VERSION, RULES_NAME, RULES_VERSION, propose_events
from chronicle.events.merge import MERGE_NAME, MERGE_VERSION, Report, merge_article
from chronicle.learned.encoder import encoder_version
from chronicle.nlp.analysis import Analysis
from chronicle.records import Event, Rejection
from chronicle.registry import Stage, register, stage

ENCODER = register(Stage(
    key="encoder", name=LEARNED_NAME, version=LEARNED_VERSION, reads=("sentences",), adds=("scores",),
    uses=(encoder_version,),
    summary="MiniLM-L6 fine-tuned on our labels (int8 ONNX): per sentence, the chance it reports an event "
            "and of each type and ACLED sub-event, and per trigger the rules found, the chance that word "
            "reports an event of each type; run by the event coder.",
))


@stage("events", RULES_NAME, RULES_VERSION, reads=("article", "doc"),
       adds=("events", "event_reports", "event_rejections"), uses=("encoder",))
def events(analysis: Analysis) -> tuple[list[Event], list[Report], list[Rejection]]:
    """PLOVER events from the parse alone: rules propose triggers and their own parties, the encoder
    decides relevance and type from each trigger in its sentence. Each event has a report of where it
    hangs in the parse; every candidate let go is kept with its reason."""
    proposed = propose_events(analysis)
    return proposed.events, proposed.reports, proposed.rejected


@stage("event_merge", MERGE_NAME, MERGE_VERSION,
       reads=("article", "entities", "events", "event_reports", "event_rejections"),
       adds=("events", "event_rejections"))
def merge(analysis: Analysis) -> tuple[list[Event], list[Rejection]]:
    """Reports of one event in the article merged (same type and mode, compatible parties: the same
    resolved entity or a shared word), numbered, with their ACLED types."""
    article = analysis.article
    merged, gone = merge_article(article.id, article.events, analysis.fields["event_reports"], article.entities)
    rejected = sorted(analysis.fields["event_rejections"] + gone, key=lambda r: (r.start, r.end))
    return merged, rejected
