"""Which language an article is written in, offline and cheap; chronicle codes English only.

Stage "language" (between segment and spaCy): reads an `Article`'s `text` and
`language`; gives the article back (its `language` set to "en") or a
`Failure` with code `unsupported_language`, so that text the English model
cannot read is never coded into garbage events.

Two signals, no model and no dependency:

1. Script. Letters are counted per Unicode script with one regular expression
   each (C speed). Text whose letters are mostly not Latin (Arabic, Cyrillic,
   Han, Devanagari, ...) is not English, whatever else it holds.
2. Function words, for Latin-script text. English prose has a high rate of
   words such as "the", "of", "and", "said"; Spanish, French, German,
   Portuguese, Italian and Dutch prose have their own, nearly disjoint sets.
   A text whose English rate is low while another language's is high is that
   language; one where every rate is near zero is an unknown language.

Short texts give weak evidence, so under `_MIN_WORDS` words the article is
taken to be English (a false skip loses an article; a false pass costs at
most a few odd events). Only the first `_SAMPLE` characters are looked at.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from chronicle.errors import failure
from chronicle.records import Article, Failure

SUPPORTED = frozenset({"en"})
_SAMPLE = 20_000  # characters inspected: a news article's language shows in its first paragraphs
_MIN_WORDS = 25  # fewer Latin-script words than this: too little evidence to skip the article
_MIN_LETTERS = 20  # fewer letters than this: no script decision either
_FOREIGN_SCRIPT_SHARE = 0.5  # more than this share of letters in another script: not English
_ENGLISH_RATE = 0.06  # English function words per word at or above this: English
_OTHER_RATE = 0.12  # another language's function-word rate at or above this (and above English): that language
_UNKNOWN_RATE = 0.02  # English rate below this over enough words, no known language either: unknown language

# Script -> (letter class, the language it most often means in news, shown in the message).
_SCRIPTS: dict[str, tuple[str, str]] = {
    "Arabic": ("\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff", "ar"),
    "Cyrillic": ("\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f", "ru"),
    "Greek": ("\u0370-\u03ff\u1f00-\u1fff", "el"),
    "Hebrew": ("\u0590-\u05ff\ufb1d-\ufb4f", "he"),
    "Han": ("\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff", "zh"),
    "Kana": ("\u3040-\u30ff\u31f0-\u31ff", "ja"),
    "Hangul": ("\u1100-\u11ff\u3130-\u318f\uac00-\ud7af", "ko"),
    "Devanagari": ("\u0900-\u097f", "hi"),
    "Bengali": ("\u0980-\u09ff", "bn"),
    "Tamil": ("\u0b80-\u0bff", "ta"),
    "Thai": ("\u0e00-\u0e7f", "th"),
    "Georgian": ("\u10a0-\u10ff", "ka"),
    "Armenian": ("\u0530-\u058f", "hy"),
    "Ethiopic": ("\u1200-\u139f", "am"),
}
_SCRIPT_RES = {name: re.compile(f"[{chars}]") for name, (chars, _) in _SCRIPTS.items()}
_NON_LATIN = re.compile("[" + "".join(chars for chars, _ in _SCRIPTS.values()) + "]")
_WORD = re.compile(r"[^\W\d_]+")

def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Frequent function words. Words that also turn up in English news are left out of the other
# languages' sets so English cannot score for them: "a", "in", "is", "die", "as", "on", "do", "met",
# "door", "per", "un" (the lower-cased UN), "non" (from "non-profit"), "com" (from ".com").
_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": _words("the of and to in is was that for on with as by at from said he it his her are were has "
                 "have be this which an not they their after who but had been will would its also"),
    "es": _words("el la los las de del que y en una por con para es se su al lo como más pero sus fue "
                 "ha este esta según también entre sobre"),
    "fr": _words("le la les de des du et une est que qui dans pour pas sur au aux par avec ce il elle "
                 "sont été ont selon mais cette"),
    "de": _words("der das und den von zu mit ist des sich dem nicht ein eine auch auf für im es wurde "
                 "sind bei nach aus hat wie oder"),
    "pt": _words("os de da dos das em na uma que para por não se foi ao é mais pelo pela "
                 "também"),
    "it": _words("il lo la gli le di del della che una con è sono si da al alla ha anche "
                 "nel nella"),
    "nl": _words("de het een en van op te dat voor niet zijn ook aan werd bij naar"),
}
_FOREIGN = tuple(lang for lang in _FUNCTION_WORDS if lang != "en")
_NAMES = {"en": "English", "es": "Spanish", "fr": "French", "de": "German", "pt": "Portuguese",
          "it": "Italian", "nl": "Dutch", "ar": "Arabic", "ru": "Russian", "el": "Greek", "he": "Hebrew",
          "zh": "Chinese", "ja": "Japanese", "ko": "Korean", "hi": "Hindi", "bn": "Bengali", "ta": "Tamil",
          "th": "Thai", "ka": "Georgian", "hy": "Armenian", "am": "Amharic", "und": "an unknown language"}


@dataclass(frozen=True)
class Guess:
    """A language guess: ISO 639-1 code ("und" when unknown), and the evidence in words."""

    language: str
    evidence: str


def normalise_code(code: str) -> str:
    """A language tag as its ISO 639-1 primary subtag: "en-GB", "EN", "eng" -> "en"."""
    primary = re.split(r"[-_]", code.strip().lower(), maxsplit=1)[0]
    return {"eng": "en"}.get(primary, primary)


def detect(text: str) -> Guess:
    """The language `text` is most likely written in (English when the evidence is thin)."""
    sample = text[:_SAMPLE].lower()
    words = Counter(_WORD.findall(sample))  # one pass; Counter counts in C
    letters = sum(len(w) * n for w, n in words.items())
    # Most text is Latin script: one scan for any other script, the per-script scans only when it is not.
    if letters >= _MIN_LETTERS and len(_NON_LATIN.findall(sample)) > _FOREIGN_SCRIPT_SHARE * letters:
        counts = {name: len(rx.findall(sample)) for name, rx in _SCRIPT_RES.items()}
        script = max(counts, key=lambda s: counts[s])
        if script == "Han" and counts["Kana"] > 0.05 * letters:
            script = "Kana"  # Japanese mixes kanji with kana
        share = counts[script] / letters
        return Guess(_SCRIPTS[script][1], f"{share:.0%} of its letters are {script} script")
    return _latin(words)


def _latin(words: Counter[str]) -> Guess:
    total = words.total()
    if total < _MIN_WORDS:
        return Guess("en", f"only {total} words: too few to tell, taken as English")
    rates = {lang: sum(words[w] for w in vocab) / total for lang, vocab in _FUNCTION_WORDS.items()}
    english = rates["en"]
    other = max(_FOREIGN, key=lambda lang: rates[lang])
    if english < _ENGLISH_RATE and rates[other] >= _OTHER_RATE and rates[other] > 2 * english:
        return Guess(other, f"{rates[other]:.0%} of its words are {_NAMES[other]} function words, "
                            f"{english:.0%} English ones")
    if english < _UNKNOWN_RATE:
        return Guess("und", f"only {english:.0%} of its {total} words are English function words")
    return Guess("en", f"{english:.0%} of its words are English function words")


def language_name(code: str) -> str:
    return _NAMES.get(code, code)


def check_language(article: Article) -> Article | Failure:
    """The article, its `language` set to "en", when chronicle can code it; else an `unsupported_language` Failure.

    A `language` given with the input that is not English skips the article without looking at its text.
    """
    position = f"article {article.id}"
    given = normalise_code(article.language) if article.language else "en"
    if given not in SUPPORTED:
        return failure(article.input_id, position, "unsupported_language",
                       f"the input gives language {article.language!r}")
    guess = detect(article.text)
    if guess.language not in SUPPORTED:
        return failure(article.input_id, position, "unsupported_language",
                       f"the text reads as {language_name(guess.language)} ({guess.evidence})")
    article.language = "en"
    return article
