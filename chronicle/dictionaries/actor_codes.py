"""CAMEO actor codes -> PLOVER country and sector codes.

CAMEO writes an actor as concatenated 3-letter chunks: a country or
international code, then agent codes ("MLIGOVJUD", "IGOUNOREFHCR",
"IMGMUSALQ"). PLOVER keeps one country code and one primary sector plus
secondary sectors; the table below is our own reading of the two codebooks
(PLOVER manual, "Sector codes"; CAMEO manual, "Agent codes").
"""

from __future__ import annotations

from functools import cache

# CAMEO agent code -> PLOVER sector, or None where PLOVER has no counterpart.
# Differences named by the PLOVER manual: CAMEO MED (media) -> JRN, HLH (health) -> MED.
CAMEO_TO_PLOVER: dict[str, str | None] = {
    "GOV": "GOV", "MIL": "MIL", "COP": "COP", "JUD": "JUD", "LEG": "LEG", "PTY": "PTY",
    "REB": "REB", "INS": "REB", "SEP": "REB",  # PLOVER dropped CAMEO's insurgent/separatist split
    "UAF": "UAF", "SPY": "SPY", "ELI": "ELI", "OPP": "OPP", "CVL": "CVL", "PPL": "CVL",
    "BUS": "BUS", "CRM": "CRM", "EDU": "EDU", "LAB": "LAB", "REF": "REF", "AGR": "AGR",
    "MED": "JRN", "HLH": "MED",
    # religions are PLOVER's REL sector (the denomination goes to the entity's religion attribute)
    "REL": "REL", "MUS": "REL", "CHR": "REL", "JEW": "REL", "HIN": "REL", "BUD": "REL",
    "CTH": "REL", "PRO": "REL", "ORT": "REL", "SHI": "REL", "SUN": "REL", "MOS": "REL",
    "JAN": "REL", "SIK": "REL", "ZRO": "REL", "CON": "REL", "TAO": "REL", "SHN": "REL",
    # civil society: NGOs, human-rights and environmental groups
    "NGO": "SOC", "HRI": "SOC", "ENV": "SOC", "NGM": "SOC",
    "PRE": "PRE", "UNR": "PRE",
    # no PLOVER sector: development, radical, moderate, refugee camps... carry no sector
    "DEV": None, "RAD": None, "MOD": None, "AMN": None, "IRC": None,
}

# PLOVER's international codes. The manual also lists UNO (the UN) and EUR (the EU), but the
# PLOVER-coded reference sets code every intergovernmental body, the UN system and the EU
# included, as IGO; we follow the coded data so counts by country compare with it. The entity's
# `name` still says which organisation it is.
INTERNATIONAL = ("IGO", "NGO", "ISM", "IMG", "MNC")

# Old or CAMEO-only country codes -> the code PLOVER uses (manual, "Country name": COW states,
# ISO 3166 alpha-3, Kosovo as KOS; former states folded into their main successor).
COUNTRY_FIXES = {
    "KSV": "KOS", "DDR": "DEU", "GDR": "DEU", "USR": "RUS", "SUN": "RUS", "YUG": "SRB",
    "SCG": "SRB", "ROM": "ROU", "ZAR": "COD", "TMP": "TLS", "FRN": "FRA", "CSK": "CZE",
}


@cache
def iso3_codes() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.countries) | {"KOS"}


def country_code(chunk: str) -> str | None:
    """A CAMEO 3-letter country chunk as ISO alpha-3 (or KOS), else None (regions like AFR, MEA)."""
    chunk = COUNTRY_FIXES.get(chunk, chunk)
    return chunk if chunk in iso3_codes() else None


def split_code(code: str) -> tuple[str | None, list[str]]:
    """("MLIGOVJUD") -> ("MLI", ["GOV", "JUD"]); ("IGOUNOREFHCR") -> ("IGO", ["REF"]).

    The country is the first chunk when it is a state or an international code;
    dependencies ("USAASM") fold into the controlling state. Unknown region
    chunks give no country. Sectors keep CAMEO order, mapped and deduplicated.
    """
    code = code.strip().lstrip("~").rstrip("~")
    chunks = [code[i:i + 3] for i in range(0, len(code) - len(code) % 3, 3)]
    country: str | None = None
    rest = chunks
    if chunks and chunks[0] in ("IGO", "NGO", "IMG", "MNC", "ISM"):
        country, rest = chunks[0], chunks[1:]
        # The UN system and the EU stay IGO (see INTERNATIONAL): drop their organisation chunks.
        if country == "IGO" and rest[:1] == ["UNO"]:
            rest = rest[1:]
        elif country == "IGO" and rest[:2] == ["EUR", "EEC"]:
            rest = rest[2:]
    elif chunks and chunks[0] not in CAMEO_TO_PLOVER:
        country = country_code(chunks[0])
        rest = chunks[1:]
    sectors: list[str] = []
    for chunk in rest:
        sector = CAMEO_TO_PLOVER.get(chunk)
        if sector and sector not in sectors:
            sectors.append(sector)
    return country, sectors
