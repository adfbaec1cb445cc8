#!/usr/bin/env python3
"""Build chronicle/data/events/cameo_lexicon.json from the CAMEO verb dictionary and CAMEO2PLOVER.

    python3 scripts/build_event_lexicon.py [SHARED_DATA_DIR] [OUT.json]

Reads the PETRARCH-format CAMEO verb dictionary (petrarch2/CAMEO.2.0.txt,
MIT, Open Event Data Alliance) and the CAMEO -> PLOVER table
(plover/CAMEO2PLOVER-2021.txt, CC BY-SA 4.0, Philip Schrodt / OEDA) and writes
a compact lookup table:

- `verbs`: verb lemma (or "verb particle" for multi-word verbs such as
  "carry out") -> CAMEO code, taken from the verb's own code, else its
  block's code;
- `defaults`: verbs whose only code is their block's generic category code
  ("serve", "control" -> 060): too vague alone, so at run time they trigger
  only through one of their patterns;
- `objects`: "verb|object-lemma" -> CAMEO code, from patterns `- * OBJ [code]`;
- `preps`: "verb|prep|object-lemma" -> code, from patterns `- * (PREP OBJ) [code]`;
- `plover`: CAMEO code -> [PLOVER type, mode or null, [contexts]].

Only codes that map to a PLOVER event are kept: CAMEO 01 (public
statements) is dropped as PLOVER drops it. CAMEO 02 (appeals) is mapped onto
the matching CAMEO 10 code (REQUEST), because the PLOVER manual puts "all
requests" under REQUEST. The hand-written triggers in
chronicle/data/events/triggers.tsv override this table at run time.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

CODE_RE = re.compile(r"\[([^\]]*)\]")
BLOCK_RE = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")


def first_code(raw: str) -> str | None:
    """`[042:043]` -> "042"; `[---]` or `[:173]` (only a reverse code) -> None."""
    head = raw.split(":")[0].strip()
    return head if head.isdigit() else None


def lemma_of(word: str) -> str:
    """A dictionary word ("ACCUSE", "+CARRY_OUT", "REVOKE_") as a lower-case lemma ("carry out")."""
    return word.strip("+").strip("_").replace("_", " ").lower()


def singular(word: str) -> str:
    """Crude singular for dictionary nouns: the runtime compares spaCy lemmas, which are singular."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def read_plover(path: Path) -> dict[str, tuple[str, str | None, list[str]]]:
    table: dict[str, tuple[str, str | None, list[str]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        body = line.split("#")[0]
        if ":" not in body or not body[:1].isdigit():
            continue
        code, rest = body.split(":", 1)
        parts = [p.strip() for p in rest.split(",")]
        if not parts[0]:
            continue
        mode = parts[1] if len(parts) > 1 and parts[1] else None
        contexts = [c.strip() for c in parts[2].split(";") if c.strip()] if len(parts) > 2 else []
        # The table lists 2-digit headers ("08: RETREAT") twice; the 3-digit rows decide.
        table.setdefault(code.strip(), (parts[0], mode, contexts))
    return table


def to_plover(code: str, table: dict[str, tuple[str, str | None, list[str]]]) -> str | None:
    """The most specific code of `code` that the PLOVER table knows, or None when PLOVER drops it."""
    if code.startswith("01"):
        return None
    if code.startswith("02"):
        code = "10" + code[2:]
    for cut in (len(code), 3, 2):
        if code[:cut] in table:
            return code[:cut]
    return None


def read_synsets(lines: list[str]) -> dict[str, list[str]]:
    sets: dict[str, list[str]] = {}
    current: str | None = None
    for line in lines:
        if line.startswith("&"):
            current = line.split()[0]
            sets[current] = []
        elif line.startswith("+") and current:
            sets[current].append(lemma_of(line.split()[0]))
        elif line.startswith("#######") and "VERB PATTERNS" in line:
            break
        elif not line.strip():
            current = None
    return sets


def pattern_words(tokens: list[str], synsets: dict[str, list[str]]) -> list[str]:
    """Head words a pattern element can take: the last word of a {PHRASE}, every member of a &SET."""
    if not tokens:
        return []
    last = tokens[-1].strip("{}()")
    if last.startswith("&"):
        return [singular(w.split()[-1]) for w in synsets.get(last, []) if w]
    if not last or not last[0].isalpha():
        return []
    return [singular(lemma_of(last))]


def parse_pattern(text: str) -> tuple[str | None, list[str]] | None:
    """`* (IN &DETENTION)` -> ("in", ["&DETENTION"]); `* {ARMS SHIPMENT}` -> (None, ["ARMS", "SHIPMENT"])."""
    if not text.startswith("*"):
        return None  # subject-side patterns need the actor's identity: not used here
    rest = text[1:].strip()
    if any(ch in rest for ch in "$^+%=|"):
        return None
    if rest.startswith("("):
        group = rest[1:].split(")")[0].split()
        if len(group) < 2:
            return None
        return group[0].lower(), group[1:]
    first = rest.split("(")[0].strip()
    if first.startswith("{"):
        return None, first.strip("{}").split()
    words = first.split()
    if len(words) != 1:
        return None  # particle patterns ("OUT VIEWS") and multi-object patterns are skipped
    return None, words


def build(shared: Path) -> dict[str, object]:
    table = read_plover(shared / "plover" / "CAMEO2PLOVER-2021.txt")
    lines = (shared / "petrarch2" / "CAMEO.2.0.txt").read_text(encoding="utf-8", errors="replace").splitlines()
    synsets = read_synsets(lines)
    start = next(i for i, line in enumerate(lines) if "VERB PATTERNS" in line and line.startswith("###"))
    verbs: dict[str, str] = {}
    defaults: set[str] = set()  # verbs coded only by their block's code: weak evidence alone
    objects: dict[str, Counter[str]] = defaultdict(Counter)
    preps: dict[str, Counter[str]] = defaultdict(Counter)
    block_code: str | None = None
    block_verbs: list[str] = []
    for line in lines[start + 1:]:
        if not line.strip() or line.startswith("#"):
            continue
        m = BLOCK_RE.match(line)
        if m:
            block_code = first_code(m.group(2))
            block_verbs = []
            continue
        if line.startswith("-"):
            body, _, comment = line[1:].partition("#")
            codes = CODE_RE.findall(body)
            code = first_code(codes[-1]) if codes else None
            parsed = parse_pattern(CODE_RE.sub("", body).strip())
            if parsed is None or code is None or to_plover(code, table) is None:
                continue
            owners = [lemma_of(w) for w in re.split(r"[ ,]+", comment.strip()) if w]
            owners = [o for o in owners if o in block_verbs] or block_verbs
            prep, words = parsed
            for owner in owners:
                for head in pattern_words(words, synsets):
                    if prep:
                        preps[f"{owner}|{prep}|{head}"][code] += 1
                    else:
                        objects[f"{owner}|{head}"][code] += 1
            continue
        word = line.split()[0]
        if not word[0].isalpha() and not word.startswith("+"):
            continue
        lemma = lemma_of(word)
        block_verbs.append(lemma)
        codes = CODE_RE.findall(line.split("#")[0])
        own = first_code(codes[0]) if codes else None
        code = own or block_code
        if code and to_plover(code, table) and lemma not in verbs:
            verbs[lemma] = code
            if own is None and code.endswith("0"):
                defaults.add(lemma)  # only the category's generic code ("060 cooperate"): too vague
    used = set(verbs.values())

    def pick(counter: Counter[str]) -> str:
        return counter.most_common(1)[0][0]

    obj_out = {k: pick(c) for k, c in sorted(objects.items())}
    prep_out = {k: pick(c) for k, c in sorted(preps.items())}
    used |= set(obj_out.values()) | set(prep_out.values())
    plover: dict[str, list[object]] = {}
    for code in sorted(used):
        key = to_plover(code, table)
        if key is not None:
            ev, mode, ctx = table[key]
            plover[code] = [ev, mode, ctx]
    return {
        "source": "CAMEO.2.0.txt (openeventdata/petrarch2, MIT) + CAMEO2PLOVER-2021.txt "
                  "(openeventdata/PLOVER, CC BY-SA 4.0); built by scripts/build_event_lexicon.py",
        "plover": plover,
        "verbs": dict(sorted(verbs.items())),
        "defaults": sorted(defaults),
        "objects": obj_out,
        "preps": prep_out,
    }


def main(argv: list[str]) -> int:
    shared = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parents[2] / "shared" / "data"
    out = Path(argv[2]) if len(argv) > 2 else (
        Path(__file__).resolve().parent.parent / "chronicle" / "data" / "events" / "cameo_lexicon.json")
    data = build(shared)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(data, indent=0, sort_keys=False, ensure_ascii=False) + "\n", encoding="utf-8")
    sizes = {k: len(v) for k, v in data.items() if isinstance(v, dict)}
    sys.stderr.write(f"wrote {out}: {sizes}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
