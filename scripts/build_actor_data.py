"""Build chronicle/data/actors/ from the PETRARCH2 CAMEO dictionaries.

Reads ../shared/data/petrarch2/Phoenix.{agents,Countries.actors,
International.actors,MilNonState.actors}.txt (MIT, Open Event Data Alliance)
and writes compact JSON tables that chronicle.actors loads at run time:

- agents.json     role phrase key -> [country or "", PLOVER sectors...]
- countries.json  country name / adjective / city key -> ISO alpha-3
- named.json      named actor key -> [canonical name, [[country, [sectors], from, to], ...]]
                  (office holders with their date ranges, institutions, IGOs,
                  NGOs, militant groups); from/to are YYYYMMDD ints, 0 = open;
                  a role with to == -1 is the undated default

Usage: python scripts/build_actor_data.py [PETRARCH2_DIR] [OUT_DIR]

The dictionaries' format (TABARI/PETRARCH): an entry is a header line
`NAME_WITH_UNDERSCORES [CODE]`, `+SYNONYM` lines, and tab-indented code
lines `[CODE]`, `[CODE YYMMDD-YYMMDD]`, `[CODE >YYMMDD]`, `[CODE <YYMMDD]`;
`#` starts a comment; agents use `{PLURAL}` and `!SUBSTITUTION!` sets.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from chronicle.dictionaries.actor_codes import CAMEO_TO_PLOVER, country_code, split_code  # noqa: E402
from chronicle.dictionaries.normalize import norm_key  # noqa: E402

SRC = Path(__file__).resolve().parents[2] / "shared" / "data" / "petrarch2"
OUT = ROOT / "chronicle" / "data" / "actors"

_BRACKET = re.compile(r"\[([^\]]*)\]")
_SUBST = re.compile(r"^!(\w+)!\s*=\s*(.+)$")

# Hand-written additions (our own knowledge, not from any evaluation set): role words and
# organisations the CAMEO agents file lacks or codes in a way PLOVER does not use.
AGENT_EXTRA: dict[str, list[str]] = {
    # military ranks as titles ("Gen. Nema Sagara", "brigadier general")
    "general": ["", "MIL"], "gen": ["", "MIL"], "brigadier general": ["", "MIL"],
    "brig gen": ["", "MIL"], "lieutenant general": ["", "MIL"], "lt gen": ["", "MIL"],
    "major general": ["", "MIL"], "maj gen": ["", "MIL"], "colonel": ["", "MIL"], "col": ["", "MIL"],
    "lieutenant colonel": ["", "MIL"], "lt col": ["", "MIL"], "admiral": ["", "MIL"], "adm": ["", "MIL"],
    "field marshal": ["", "MIL"], "marshal": ["", "MIL"], "commander": ["", "MIL"], "captain": ["", "MIL"],
    "capt": ["", "MIL"], "sergeant": ["", "MIL"], "sgt": ["", "MIL"], "lieutenant": ["", "MIL"],
    "lt": ["", "MIL"], "officer": ["", "MIL"], "officers": ["", "MIL"], "military officer": ["", "MIL"],
    "national guard": ["", "MIL"], "air force": ["", "MIL"], "navy": ["", "MIL"], "armed forces": ["", "MIL"],
    "military": ["", "MIL"], "troops": ["", "MIL"], "soldiers": ["", "MIL"], "generals": ["", "MIL"],
    "junta leader": ["", "GOV", "MIL"], "junta chief": ["", "GOV", "MIL"], "junta": ["", "GOV", "MIL"],
    "ruling junta": ["", "GOV", "MIL"], "military government": ["", "GOV", "MIL"],
    "military backed government": ["", "GOV", "MIL"], "military ruler": ["", "GOV", "MIL"],
    # offices
    "president": ["", "GOV"], "prime minister": ["", "GOV"], "premier": ["", "GOV"], "minister": ["", "GOV"],
    "secretary of state": ["", "GOV"], "chancellor": ["", "GOV"], "vice president": ["", "GOV"],
    "king": ["", "GOV"], "queen": ["", "GOV"], "emir": ["", "GOV"], "sultan": ["", "GOV"],
    "governor": ["", "GOV"], "mayor": ["", "GOV"], "administration": ["", "GOV"], "white house": ["", "GOV"],
    "authorities": ["", "GOV"], "official": ["", "GOV"], "officials": ["", "GOV"],
    "executive branch": ["", "GOV"], "department": ["", "GOV"], "ministry": ["", "GOV"],
    "judge": ["", "JUD"], "district judge": ["", "JUD"], "justice": ["", "JUD"], "court": ["", "JUD"],
    "prosecutor": ["", "JUD"], "attorney general": ["", "JUD", "GOV"],
    "senator": ["", "LEG"], "sen": ["", "LEG"], "rep": ["", "LEG"], "congressman": ["", "LEG"],
    "congresswoman": ["", "LEG"], "lawmaker": ["", "LEG"], "mp": ["", "LEG"], "parliament": ["", "LEG"],
    "democrat": ["", "PTY"], "democrats": ["", "PTY"], "republican": ["", "PTY"], "republicans": ["", "PTY"],
    "diplomat": ["", "GOV"], "diplomats": ["", "GOV"], "ambassador": ["", "GOV"], "envoy": ["", "GOV"],
    "negotiator": ["", "GOV"], "negotiators": ["", "GOV"],
    "security forces": ["", "COP", "MIL"], "security force": ["", "COP", "MIL"],
    "police": ["", "COP"], "gendarmerie": ["", "COP"],
    "security source": ["", "MIL", "COP"], "military source": ["", "MIL"], "security official": ["", "MIL", "COP"],
    "protesters": ["", "CVL"], "protester": ["", "CVL"], "demonstrators": ["", "CVL"], "activist": ["", "CVL"],
    "activists": ["", "CVL"], "civilians": ["", "CVL"], "civilian": ["", "CVL"], "citizens": ["", "CVL"],
    "residents": ["", "CVL"], "villagers": ["", "CVL"], "immigrants": ["", "CVL"], "migrants": ["", "CVL"],
    "sociologist": ["", "EDU", "SOC"], "analyst": ["", "EDU"], "researcher": ["", "EDU"],
    "professor": ["", "EDU"], "journalist": ["", "JRN"], "reporter": ["", "JRN"],
    "mercenary": ["", "UAF"], "mercenaries": ["", "UAF"], "paramilitary": ["", "PRM"],
    "militia": ["", "UAF"], "gunmen": ["", "UAF"], "jihadists": ["", "UAF"], "jihadist": ["", "UAF"],
    "terrorists": ["", "UAF"], "extremists": ["", "UAF"], "separatists": ["", "REB"],
    "rebels": ["", "REB"], "insurgents": ["", "REB"], "doctors": ["", "MED"], "workers": ["", "LAB"],
    "assembly": ["", "LEG"], "national assembly": ["", "LEG"], "refugee agency": ["", "REF"],
    "forces": ["", "MIL"], "force": ["", "MIL"], "aircraft": ["", "MIL"], "warplanes": ["", "MIL"],
    "peacekeepers": ["IGO", "MIL"], "peacekeeping force": ["IGO", "MIL"],
    # customary authorities: PLOVER ELI (elites outside the state's offices)
    "elder": ["", "ELI"], "elders": ["", "ELI"], "tribal elders": ["", "ELI"], "clan elders": ["", "ELI"],
    "traditional ruler": ["", "ELI"], "traditional rulers": ["", "ELI"], "chieftain": ["", "ELI"],
    "traditional leader": ["", "ELI"], "traditional leaders": ["", "ELI"], "tribal leader": ["", "ELI"],
    "tribal leaders": ["", "ELI"], "tribal chief": ["", "ELI"], "tribal chiefs": ["", "ELI"],
    "community leader": ["", "ELI"], "community leaders": ["", "ELI"],
    # unions, employers, intelligence services, the opposition, interim bodies (PLOVER LAB, BUS, SPY,
    # OPP, GOV): parties our own wire sentences (training/wire) name and the CAMEO file lacks
    "union": ["", "LAB"], "unions": ["", "LAB"], "labour union": ["", "LAB"], "labor union": ["", "LAB"],
    "labour unions": ["", "LAB"], "labor unions": ["", "LAB"], "trade unions": ["", "LAB"],
    "labour federation": ["", "LAB"], "labor federation": ["", "LAB"], "dockworkers": ["", "LAB"],
    "dock workers": ["", "LAB"], "employers": ["", "BUS"], "business owners": ["", "BUS"],
    "factory owners": ["", "BUS"], "security service": ["", "SPY"], "security services": ["", "SPY"],
    "intelligence service": ["", "SPY"], "intelligence services": ["", "SPY"],
    "intelligence agency": ["", "SPY"], "state security": ["", "SPY"], "secret police": ["", "SPY"],
    "opposition": ["", "OPP"], "transitional council": ["", "GOV"], "interim government": ["", "GOV"],
}
# CAMEO entries that mislead PLOVER coding: a spokesman speaks for his organisation (CAMEO MED
# = media would make him a journalist); "woman"/"man" say nothing about the sector.
AGENT_DROP = {"spokesman", "spokeswoman", "spokesperson", "spokesmen", "spokeswomen", "woman", "women",
              "man", "men", "person", "people", "national", "nationals", "passenger jet", "military rule",
              "rule", "figure", "source", "sources"}

COUNTRY_EXTRA = {"serb": "SRB", "serbs": "SRB", "palestinian": "PSE", "palestinians": "PSE",
                 "kosovar": "KOS", "kosovo": "KOS", "british": "GBR", "uk": "GBR", "us": "USA",
                 "emirati": "ARE", "saudi": "SAU", "saudis": "SAU", "congolese": "COD"}

NAMED_EXTRA: dict[str, tuple[str, str, list[str]]] = {
    # key -> (canonical name, country, sectors); institutions whose CAMEO codes lack a sector
    "nato": ("NATO", "IGO", ["MIL"]),
    "north atlantic treaty organization": ("NATO", "IGO", ["MIL"]),
    "un": ("United Nations", "IGO", []), "united nations": ("United Nations", "IGO", []),
    "un security council": ("UN Security Council", "IGO", ["GOV"]),
    "security council": ("UN Security Council", "IGO", ["GOV"]),
    "european union": ("European Union", "IGO", []), "eu": ("European Union", "IGO", []),
    "european commission": ("European Commission", "IGO", ["GOV"]),
    "african union": ("African Union", "IGO", []), "au": ("African Union", "IGO", []),
    "ecowas": ("ECOWAS", "IGO", []), "arab league": ("Arab League", "IGO", []),
    "islamic state": ("Islamic State", "IMG", ["REB"]), "isis": ("Islamic State", "IMG", ["REB"]),
    "isil": ("Islamic State", "IMG", ["REB"]), "daesh": ("Islamic State", "IMG", ["REB"]),
    "wagner": ("Wagner Group", "RUS", ["PRM"]), "wagner group": ("Wagner Group", "RUS", ["PRM"]),
    "department of homeland security": ("Department of Homeland Security", "USA", ["GOV"]),
    "homeland security": ("Department of Homeland Security", "USA", ["GOV"]),
    "dhs": ("Department of Homeland Security", "USA", ["GOV"]),
    "ice": ("Immigration and Customs Enforcement", "USA", ["COP"]),
    "fbi": ("FBI", "USA", ["COP"]), "cia": ("CIA", "USA", ["SPY"]),
    "hamas": ("Hamas", "PSE", ["REB"]), "hezbollah": ("Hezbollah", "LBN", ["REB"]),
    "taliban": ("Taliban", "AFG", ["REB"]), "al shabaab": ("Al-Shabaab", "SOM", ["REB"]),
    "boko haram": ("Boko Haram", "NGA", ["REB"]),
    "reuters": ("Reuters", "GBR", ["JRN"]), "ap": ("Associated Press", "USA", ["JRN"]),
    "associated press": ("Associated Press", "USA", ["JRN"]), "afp": ("AFP", "FRA", ["JRN"]),
    "houthis": ("Houthis", "YEM", ["REB"]), "houthi": ("Houthis", "YEM", ["REB"]),
    "ansar allah": ("Houthis", "YEM", ["REB"]), "m23": ("M23", "COD", ["REB"]),
    "eln": ("National Liberation Army (ELN)", "COL", ["REB"]),
    "pope": ("Pope", "VAT", ["REL"]), "pope francis": ("Pope Francis", "VAT", ["REL"]),
    "pope leo": ("Pope Leo XIV", "VAT", ["REL"]), "vatican": ("Holy See", "VAT", ["REL"]),
    "holy see": ("Holy See", "VAT", ["REL"]),
}


def read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8", errors="replace").splitlines()


def strip_comment(line: str) -> str:
    return line.split("#", 1)[0].rstrip()


def phrase(raw: str) -> str:
    """A dictionary phrase "US_PRESIDENT_BARACK_OBAMA_" as a normalised key."""
    return norm_key(raw.replace("_", " "))


def display(raw: str) -> str:
    """A dictionary header as a readable name: "IBRAHIM_BOUBACAR_KEITA_" -> "Ibrahim Boubacar Keita"."""
    words = raw.replace("_", " ").split()

    def cap(w: str) -> str:
        return "-".join(p[:1].upper() + p[1:].lower() for p in w.split("-"))
    return " ".join(cap(w) for w in words)


# ---------------------------------------------------------------- agents

def build_agents(path: Path) -> dict[str, list[str]]:
    subst: dict[str, list[str]] = {}
    out: dict[str, list[str]] = {}
    for line in read_lines(path):
        if m := _SUBST.match(line.strip()):
            subst[m.group(1)] = [w.strip() for w in m.group(2).split(",")]
            continue
        body = strip_comment(line)
        codes = _BRACKET.findall(body)
        if not codes:
            continue
        head = body.split("[", 1)[0]
        plurals = re.findall(r"\{([^}]*)\}", head)
        head = re.sub(r"\{[^}]*\}", "", head).strip()
        forms = [head] + [p.strip() for p in plurals if p.strip()]
        expanded: list[str] = []
        for form in forms:
            m = re.search(r"!(\w+)!", form)
            if m and m.group(1) in subst:
                expanded += [form.replace(m.group(0), w) for w in subst[m.group(1)]]
            else:
                expanded.append(form)
        code = codes[0].strip()
        if code.startswith("~"):
            country, sectors = split_code(code[1:])
            value = ["", *sectors] if country is None else [country, *sectors]
        else:  # "[IGO~]": an international actor with no agent code
            country, sectors = split_code(code.rstrip("~"))
            value = [country or "", *sectors]
        if len(value) == 1 and not value[0]:
            continue
        for form in expanded:
            key = phrase(form)
            if key.endswith(" minist") or key == "minist":  # a CAMEO stem: any word it starts
                keys = [key + suffix for suffix in ("er", "ers", "ry", "ries")]
            else:
                keys = [key]
            for k in keys:
                if k and k not in AGENT_DROP:
                    out.setdefault(k, value)
    for key, value in AGENT_EXTRA.items():
        out[key] = value
    return out


# ------------------------------------------------------ actors (blocks)

def blocks(path: Path) -> list[tuple[list[str], list[str]]]:
    """(names, codes) per entry: header + '+' synonyms, then every [..] code of the entry."""
    out: list[tuple[list[str], list[str]]] = []
    names: list[str] = []
    codes: list[str] = []
    closed = False  # tab-indented code lines seen: the entry's names are complete

    def flush() -> None:
        nonlocal names, codes, closed
        if names and codes:
            out.append((names, codes))
        names, codes, closed = [], [], False

    for raw in read_lines(path):
        line = strip_comment(raw)
        if not line.strip():
            if not raw.strip():
                flush()
            continue
        found = _BRACKET.findall(line)
        text = _BRACKET.sub("", line).strip()
        if raw[:1] in "\t " and not text:
            codes += found
            closed = True
        elif text.startswith("+"):
            if closed:  # a synonym after code lines starts a new, header-less entry
                flush()
            names.append(text[1:].strip())
            codes += found
        else:
            flush()
            names = [text] if text else []
            codes = list(found)
    flush()
    return out


def parse_date(s: str) -> int:
    s = s.strip()
    if len(s) == 6 and s.isdigit():
        yy = int(s[:2])
        return (2000 + yy if yy <= 30 else 1900 + yy) * 10000 + int(s[2:])
    if len(s) == 8 and s.isdigit():
        return int(s)
    if len(s) > 8 and s.isdigit():  # a typo like "1920030320": keep the last 8 digits
        return int(s[-8:])
    return 0


def parse_role(code: str) -> tuple[str, int, int] | None:
    """"MLIGOV 940204-000215" -> ("MLIGOV", 19940204, 20000215); undated -> to = -1."""
    parts = code.split()
    if not parts or parts[0] == "---":
        return None
    if len(parts) == 1:
        return parts[0], 0, -1
    span = parts[1]
    if span.startswith(">"):
        return parts[0], parse_date(span[1:]), 0
    if span.startswith("<"):
        return parts[0], 0, parse_date(span[1:])
    if "-" in span:
        lo, hi = span.split("-", 1)
        return parts[0], parse_date(lo), parse_date(hi)
    return parts[0], parse_date(span), 0


def is_country_code(code: str) -> bool:
    """A bare state code ("MLI", "USAASM", "IRQOCC") marks a country-name block, "USAGOV" does not."""
    c = code.split()[0] if code.split() else ""
    return len(c) in (3, 6) and country_code(c[:3]) is not None and c[3:] not in CAMEO_TO_PLOVER


def build_countries(path: Path) -> tuple[dict[str, str], list[tuple[list[str], list[str]]]]:
    """Country keys from the country blocks; the remaining blocks are named actors."""
    import pycountry

    votes: dict[str, Counter[str]] = {}
    rest = []
    for names, codes in blocks(path):
        if not all(is_country_code(c) for c in codes):
            rest.append((names, codes))
            continue
        iso = country_code(codes[-1].split()[0][:3])
        if iso is None:
            continue
        for name in names:
            key = phrase(name)
            if key:
                votes.setdefault(key, Counter())[iso] += 1
    official = {norm_key(c.name): c.alpha_3 for c in pycountry.countries}
    official |= {norm_key(getattr(c, "common_name", c.name)): c.alpha_3 for c in pycountry.countries}
    out: dict[str, str] = {}
    for key, counter in votes.items():
        out[key] = official.get(key) or counter.most_common(1)[0][0]
    for key, iso in official.items():
        out.setdefault(key, iso)
    for key, iso in COUNTRY_EXTRA.items():
        out.setdefault(key, iso)
    # plural demonyms: "Malians", "Iraqis"
    for key, iso in list(out.items()):
        if " " not in key and (key.endswith("an") or key.endswith("i")):
            out.setdefault(key + "s", iso)
    return out, rest


def role_entry(code: str) -> list[object] | None:
    parsed = parse_role(code)
    if parsed is None:
        return None
    cameo, lo, hi = parsed
    country, sectors = split_code(cameo)
    if country is None and not sectors:
        return None
    if country == "IMG" and not {"REB", "UAF"} & set(sectors):
        sectors = ["REB", *sectors]
    if country == "MNC" and "BUS" not in sectors:
        sectors = ["BUS", *sectors]
    return [country or "", sectors, lo, hi]


def add_named(out: dict[str, list[object]], names: list[str], codes: list[str],
              armed_group: bool = False) -> None:
    roles = [r for c in codes if (r := role_entry(c)) is not None]
    if armed_group:
        for r in roles:
            if not r[0]:
                r[0] = "IMG"  # a region-coded armed group ("AFRREB") is transnational
    if not roles:
        return
    canonical = display(names[0])
    for name in names:
        key = phrase(name)
        if key and key not in out:
            out[key] = [canonical, roles]


def build_named(country_rest: list[tuple[list[str], list[str]]], international: Path,
                milnonstate: Path) -> dict[str, list[object]]:
    out: dict[str, list[object]] = {}
    for key, (name, country, sectors) in NAMED_EXTRA.items():
        out[key] = [name, [[country, sectors, 0, -1]]]
    for names, codes in country_rest:
        add_named(out, names, codes)
    for names, codes in blocks(international):
        add_named(out, names, codes)
    for names, codes in blocks(milnonstate):
        add_named(out, names, codes, armed_group=True)
    return out


def main(argv: list[str]) -> int:
    src = Path(argv[1]) if len(argv) > 1 else SRC
    out_dir = Path(argv[2]) if len(argv) > 2 else OUT
    out_dir.mkdir(parents=True, exist_ok=True)
    agents = build_agents(src / "Phoenix.agents.txt")
    countries, rest = build_countries(src / "Phoenix.Countries.actors.txt")
    named = build_named(rest, src / "Phoenix.International.actors.txt", src / "Phoenix.MilNonState.actors.txt")
    for name, table in (("agents", agents), ("countries", countries), ("named", named)):
        path = out_dir / f"{name}.json"
        path.write_text(json.dumps(table, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
                        encoding="utf-8")
        sys.stderr.write(f"{path}: {len(table)} keys, {path.stat().st_size // 1024} KiB\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
