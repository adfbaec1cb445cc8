"""Regenerate the derived rows of training/events.jsonl from the CAMEO and PLOVER reference tables.

    .venv/bin/python training/build_events.py [/work/shared/data]

Keeps every hand-written row (source "written" or "wikinews") and replaces the
rows with source "cameo" (sentences synthesised from the CAMEO verb patterns,
MIT, mapped to PLOVER with CAMEO2PLOVER, CC BY-SA 4.0) and "codebook" (the
PLOVER codebook's mode definitions). Deterministic: one seeded generator.
"""

from __future__ import annotations

import csv
import json
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
EVENTS = HERE / "events.jsonl"
KEEP_SOURCES = frozenset({"written", "wikinews"})
SEED = 20240611
PER_PATTERN = 1
PER_BARE_VERB = 2

# Who acts: varied kinds of actor, so the classifier keys on the verb and not on the name.
ACTORS = [
    "Kenya", "France", "the United States", "China", "Russia", "Brazil", "India", "Iran", "Turkey", "Nigeria",
    "Japan", "Germany", "Mexico", "Pakistan", "Egypt", "South Africa", "Indonesia", "Colombia", "Ukraine",
    "Israel", "Saudi Arabia", "Vietnam", "Poland", "Ethiopia",
    "President Samia Hassan", "Prime Minister Mark Rutte", "the president", "the prime minister",
    "the foreign minister", "Chancellor Olaf Scholz", "the governor", "the interior ministry",
    "the government", "the army", "Sudanese troops", "the navy", "security forces", "the police",
    "riot police", "rebels", "the insurgents", "Taliban fighters", "the militia", "Hamas",
    "protesters", "opposition supporters", "striking workers", "students", "the union",
    "the Supreme Court", "a federal judge", "the court", "prosecutors",
    "Shell", "the company", "Google", "the bank",
    "Amnesty International", "the Red Cross", "Human Rights Watch", "the charity",
    "the United Nations", "the UN Security Council", "the World Health Organization", "the European Union",
    "NATO", "the African Union", "the IMF", "the World Bank", "the opposition party", "lawmakers",
]
WHEN = ["", "", "", " on Monday", " on Tuesday", " on Wednesday", " on Friday", " last week", " this year",
        " late on Sunday", " in March"]


def past_tense(verb: str) -> str:
    """Regular English past tense of a lower-case verb (irregular forms come from the dictionary)."""
    if verb.endswith("e"):
        return verb + "d"
    if re.search(r"[^aeiou]y$", verb):
        return verb[:-1] + "ied"
    if re.search(r"[^aeiou][aeiou][bdgmnpt]$", verb) and len(verb) <= 4:
        return verb + verb[-1] + "ed"
    return verb + "ed"


@dataclass
class Block:
    """One verb block of CAMEO.2.0.txt: its default code, its verbs (past forms) and patterns."""

    code: str
    verbs: dict[str, tuple[str, str]] = field(default_factory=dict)  # VERB -> (past form, own code)
    patterns: list[tuple[str, str, str]] = field(default_factory=list)  # (verb, words after *, code)


def _verb_line(line: str) -> tuple[str, str, str] | None:
    """`HANG {HANGS HANGING HANGED HUNG} [190] # note` -> ("HANG", "hanged", "190")."""
    body = line.split("#", 1)[0].strip()
    if not body:
        return None
    forms = re.findall(r"\{([^}]*)\}", body)
    code_m = re.search(r"\[([^\]]*)\]", body)
    head = re.sub(r"\{[^}]*\}|\[[^\]]*\]", "", body).split()
    if not head:
        return None
    name = head[0].lstrip("+")
    listed = [f.lstrip("+") for f in forms[0].split()] if forms else []
    past = next((f for f in listed if f.endswith("ED")), None) or (listed[2] if len(listed) > 2 else None)
    words = name.lower().split("_")
    if past:
        text = past.lower().replace("_", " ")
    elif words[0].endswith("ed"):
        text = " ".join(words)
    else:
        text = " ".join([past_tense(words[0]), *words[1:]])
    return name, text, code_m.group(1) if code_m else ""


def parse_cameo(path: Path) -> tuple[list[Block], dict[str, list[str]]]:
    """Verb blocks and synonym sets (&NAME -> phrases) of the PETRARCH verb dictionary."""
    blocks: list[Block] = []
    synsets: dict[str, list[str]] = {}
    current_set: str | None = None
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.rstrip()
        if line.startswith("&"):
            current_set = line.split()[0]
            synsets[current_set] = []
        elif line.startswith("---"):
            current_set = None
            m = re.search(r"\[([^\]]*)\]", line)
            blocks.append(Block(code=m.group(1) if m else "---"))
        elif current_set and line.startswith("+"):
            synsets[current_set].append(line[1:].split("#")[0].strip().lower().replace("_", " "))
        elif blocks and line.startswith("- "):
            m = re.match(r"-\s+(.*?)\*(.*?)\[([^\]]*)\]\s*(?:#\s*(\S+))?", line)
            if m and m.group(4):
                blocks[-1].patterns.append((m.group(4), m.group(2), m.group(3)))
        elif blocks and line and not line.startswith(("#", " ")):
            parsed = _verb_line(line)
            if parsed:
                name, past, code = parsed
                blocks[-1].verbs[name] = (past, code)
    return blocks, synsets


def parse_cameo2plover(path: Path) -> dict[str, str]:
    """CAMEO code -> PLOVER event type (`084: RETREAT, ...`)."""
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"(\d{2,4}):\s*([A-Z]+)", line)
        if m and m.group(1) not in table:
            table[m.group(1)] = m.group(2)
    return table


def plover_type(code: str, table: dict[str, str]) -> str | None:
    """PLOVER type of a CAMEO code; 01 (statements) is no event, 02 (appeals) a REQUEST."""
    code = code.split(":")[0].strip()
    if not code.isdigit():
        return None
    if code.startswith("01"):
        return "NONE"
    if code.startswith("02"):
        return "REQUEST"
    for n in (len(code), 3, 2):
        if code[:n] in table:
            # The 2-digit "08" row is ambiguous (CONCEDE and RETREAT): only 3-digit rows decide it.
            return None if code[:n] == "08" else table[code[:n]]
    return None


def render(words: str, synsets: dict[str, list[str]], rng: random.Random) -> str | None:
    """The words after `*` in a pattern as plain text: sets sampled, actors filled in, brackets dropped."""
    out: list[str] = []
    for tok in re.sub(r"[{}()]", " ", words).split():
        if tok == "+":
            out.append(rng.choice(ACTORS))
        elif tok in ("$", "%", "^"):
            continue
        elif tok.startswith("&"):
            members = synsets.get(tok)
            if not members:
                return None
            out.append(rng.choice(members))
        elif re.fullmatch(r"[A-Z][A-Z'\-_]*", tok):
            out.append(tok.lower().replace("_", " "))
        else:
            return None
    return " ".join(out)


def sentence(actor: str, verb_past: str, rest: str, rng: random.Random) -> str:
    text = f"{actor}{rng.choice(WHEN)} {verb_past} {rest}".strip()
    return text[0].upper() + text[1:] + "."


def cameo_rows(data: Path, rng: random.Random) -> list[dict[str, str]]:
    blocks, synsets = parse_cameo(data / "petrarch2" / "CAMEO.2.0.txt")
    table = parse_cameo2plover(data / "plover" / "CAMEO2PLOVER-2021.txt")
    rows: list[dict[str, str]] = []
    for block in blocks:
        for past, own in block.verbs.values():
            label = plover_type(own or block.code, table)
            for _ in range(PER_BARE_VERB if label else 0):
                target = rng.choice(ACTORS)
                rows.append({"text": sentence(rng.choice(ACTORS), past, target, rng), "type": label or ""})
        for verb, words, code in block.patterns:
            label = plover_type(code, table)
            if label is None or verb not in block.verbs:
                continue
            verb_past = block.verbs[verb][0]
            for _ in range(PER_PATTERN):
                rest = render(words, synsets, rng)
                if rest is not None:
                    rows.append({"text": sentence(rng.choice(ACTORS), verb_past, rest, rng), "type": label})
    for row in rows:
        row["source"] = "cameo"
    return rows


def codebook_rows(data: Path) -> list[dict[str, str]]:
    """The codebook's mode definitions, one row each ("Promise to sign a treaty" -> AGREE)."""
    rows: list[dict[str, str]] = []
    with (data / "plover" / "PLOVER_structured_codebook_updated.csv").open(encoding="utf-8") as f:
        for rec in csv.DictReader(f):
            text = (rec.get("mode_def") or "").strip()
            if text and rec["event"].strip():
                rows.append({"text": text, "type": rec["event"].strip(), "source": "codebook"})
    return rows


def main(argv: list[str]) -> int:
    data = Path(argv[0]) if argv else Path("/work/shared/data")
    rng = random.Random(SEED)
    kept = [json.loads(line) for line in EVENTS.read_text(encoding="utf-8").splitlines() if line.strip()]
    kept = [r for r in kept if r.get("source") in KEEP_SOURCES]
    derived = cameo_rows(data, rng) + codebook_rows(data)
    seen = {r["text"] for r in kept}
    rows = list(kept)
    for row in derived:
        if row["text"] not in seen:  # a hand-written row wins over a synthesised duplicate
            seen.add(row["text"])
            rows.append(row)
    with EVENTS.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    sys.stderr.write(f"{len(kept)} hand-written rows, {len(rows) - len(kept)} derived rows\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
