"""Language detection (chronicle/nlp/language.py): text chronicle cannot code is skipped with its reason.

All texts here are invented for the tests.
"""

from __future__ import annotations

import pytest

from chronicle.nlp.language import check_language, detect, normalise_code
from chronicle.records import Article, Failure

ENGLISH = ("Police in the northern city said on Monday that they had arrested twelve people after a protest "
           "against rising fuel prices turned violent. The governor called for calm and said talks with the "
           "organisers would begin this week, while opposition leaders accused the government of ignoring them.")
FOREIGN = {
    "ar": "قالت الشرطة يوم الاثنين إنها اعتقلت اثني عشر شخصا بعد احتجاج على ارتفاع أسعار الوقود في المدينة "
          "الشمالية، ودعا المحافظ إلى الهدوء وقال إن المحادثات مع المنظمين ستبدأ هذا الأسبوع.",
    "zh": "警方周一表示，在北部城市一场抗议燃油价格上涨的示威演变成暴力冲突后，他们逮捕了十二人。"
          "州长呼吁保持冷静，并表示本周将与组织者开始会谈。",
    "ru": "Полиция северного города в понедельник сообщила, что задержала двенадцать человек после того, "
          "как акция протеста против роста цен на топливо переросла в беспорядки. Губернатор призвал к спокойствию.",
    "ja": "警察は月曜日、燃料価格の高騰に抗議するデモが暴徒化した後、十二人を逮捕したと発表した。"
          "知事は冷静さを呼びかけ、今週中に主催者との協議を始めると述べた。",
    "es": "La policía de la ciudad del norte informó el lunes que había detenido a doce personas después de que "
          "una protesta contra la subida de los precios del combustible se volviera violenta. El gobernador pidió "
          "calma y dijo que las conversaciones con los organizadores comenzarían esta semana.",
    "fr": "La police de la ville du nord a annoncé lundi qu'elle avait arrêté douze personnes après qu'une "
          "manifestation contre la hausse des prix du carburant a dégénéré. Le gouverneur a appelé au calme et "
          "a déclaré que les discussions avec les organisateurs commenceraient cette semaine.",
    "de": "Die Polizei der nördlichen Stadt teilte am Montag mit, sie habe zwölf Menschen festgenommen, nachdem "
          "ein Protest gegen die steigenden Kraftstoffpreise in Gewalt umgeschlagen sei. Der Gouverneur rief zur "
          "Ruhe auf und sagte, die Gespräche mit den Organisatoren würden in dieser Woche beginnen.",
}


def article(text: str, language: str = "en") -> Article:
    return Article(id="a1", input_id="in.jsonl", text=text, language=language)


@pytest.mark.parametrize("code", sorted(FOREIGN))
def test_other_languages_are_detected(code: str) -> None:
    assert detect(FOREIGN[code]).language == code


@pytest.mark.parametrize("code", sorted(FOREIGN))
def test_other_languages_are_skipped_with_the_reason(code: str) -> None:
    result = check_language(article(FOREIGN[code]))
    assert isinstance(result, Failure)
    assert (result.input, result.position, result.code) == ("in.jsonl", "article a1", "unsupported_language")
    assert "English only" in result.message and "reads as" in result.message


def test_english_passes_even_with_foreign_names_and_a_quote() -> None:
    text = (ENGLISH + " \"No pasarán,\" shouted protesters outside the Palacio de la Moneda, where Juan de la "
            "Cruz and Marie-Hélène Dubois of the Banque de France met officials.")
    result = check_language(article(text))
    assert isinstance(result, Article) and result.language == "en"


def test_short_or_wordless_text_is_given_the_benefit_of_the_doubt() -> None:
    for text in ("Breaking: Kyiv", "UN OKs aid", "1,234 votes — 56.7% — 2025-03-01", "Sí."):
        assert detect(text).language == "en", text


def test_a_latin_script_language_we_do_not_list_is_unknown() -> None:
    swahili = ("Polisi katika mji wa kaskazini walisema Jumatatu kwamba wamewakamata watu kumi na wawili baada ya "
               "maandamano dhidi ya kupanda kwa bei ya mafuta kugeuka kuwa vurugu. Gavana aliomba utulivu na "
               "kusema mazungumzo na waandaaji yataanza wiki hii, huku viongozi wa upinzani wakiishutumu serikali.")
    assert detect(swahili).language == "und"
    assert isinstance(check_language(article(swahili)), Failure)


def test_a_given_language_that_is_not_english_skips_without_reading_the_text() -> None:
    result = check_language(article(ENGLISH, language="fr-FR"))
    assert isinstance(result, Failure) and result.code == "unsupported_language"
    assert "'fr-FR'" in result.message
    for tag in ("en", "EN", "en-GB", "en_US", "eng"):
        assert isinstance(check_language(article(ENGLISH, language=tag)), Article), tag
        assert normalise_code(tag) == "en"


def test_mixed_page_mostly_english_is_english() -> None:
    assert detect(ENGLISH + " " + FOREIGN["zh"][:20]).language == "en"
