"""The events package's stages (chronicle/registry.py): the learned encoder, and the PLOVER event coder
that runs it."""

from __future__ import annotations

from chronicle.events.code import code_events_explained
from chronicle.learned.encoder import encoder_version
from chronicle.nlp.analysis import Analysis
from chronicle.records import Event, Rejection
from chronicle.registry import Stage, register, stage

ENCODER = register(Stage(
    key="encoder", name="events.learned", version=1, reads=("sentences",), adds=("scores",),
    uses=(encoder_version,),
    summary="MiniLM-L6 fine-tuned on our labels (int8 ONNX): per sentence, the chance it reports an event "
            "and of each type and ACLED sub-event; run by the event coder.",
))


@stage("events", "events.rules", 3, reads=("article", "doc", "entities", "times", "locations"),
       adds=("events", "event_rejections"), uses=("encoder",))
def events(analysis: Analysis) -> tuple[list[Event], list[Rejection]]:
    """PLOVER events: rules propose triggers and parties, the encoder decides relevance and type;
    reports of one event merged. Every candidate let go is kept with its reason."""
    return code_events_explained(analysis)
