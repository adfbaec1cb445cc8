"""ACLED event and sub-event type for a PLOVER event, where the mapping is clear.

An export convenience (SPEC.md: "An Event may also carry acled"): only
types and modes with one obvious ACLED counterpart are mapped; the rest get
none rather than a guess.
"""

from __future__ import annotations

VIOLENCE = "Violence against civilians"
REMOTE = "Explosions/Remote violence"
STRATEGIC = "Strategic developments"

BY_MODE: dict[tuple[str, str | None], tuple[str, str]] = {
    ("PROTEST", "demo"): ("Protests", "Peaceful protest"),
    ("PROTEST", "riot"): ("Riots", "Violent demonstration"),
    ("ASSAULT", "aerial"): (REMOTE, "Air/drone strike"),
    ("ASSAULT", "drone"): (REMOTE, "Air/drone strike"),
    ("ASSAULT", "heavy-weapons"): (REMOTE, "Shelling/artillery/missile attack"),
    ("ASSAULT", "explosives"): (REMOTE, "Remote explosive/landmine/IED"),
    ("ASSAULT", "suicide-attack"): (REMOTE, "Suicide bomb"),
    ("ASSAULT", "abduct"): (VIOLENCE, "Abduction/forced disappearance"),
    ("ASSAULT", "sexual"): (VIOLENCE, "Sexual violence"),
    ("ASSAULT", "destroy"): (STRATEGIC, "Looting/property destruction"),
    ("COERCE", "arrest"): (STRATEGIC, "Arrests"),
    ("AGREE", None): (STRATEGIC, "Agreement"),
    ("MOBILIZE", "troops"): (STRATEGIC, "Change to group/activity"),
}


def acled_for(event_type: str, mode: str | None) -> dict[str, str] | None:
    pair = BY_MODE.get((event_type, mode))
    if pair is None and event_type == "ASSAULT":
        pair = (VIOLENCE, "Attack")
    return {"event_type": pair[0], "sub_event_type": pair[1]} if pair else None
