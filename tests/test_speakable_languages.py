"""The article's language chooses the normaliser's number words and the voice."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from narrator.clean import clean
from narrator.speakable import ScriptOptions, to_script
from narrator.speakable.normalise import normalise
from narrator.speech.profile import load_voice
from tests.conftest import FIXTURES

FRENCH = FIXTURES / "french_article_with_numbers.html"


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("mardi 5 mai", "mardi cinq mai"),
        ("le 1er septembre 2024", "le premier septembre deux mille vingt-quatre"),
        ("à 14h30", "à quatorze heures trente"),
        ("3,5 %", "trois virgule cinq pour cent"),
        ("1 200 habitants", "mille deux cents habitants"),
        ("45 millions d'euros", "quarante-cinq millions d'euros"),
        ("250 000 € par mois", "deux cent cinquante mille euros par mois"),
        ("12 km", "douze kilomètres"),
        ("le 2e tour", "le deuxième tour"),
    ],
)
def test_french_numbers_in_french_words(written: str, spoken: str) -> None:
    assert normalise(written, "fr") == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        # a price to a fraction of a cent is a decimal number of euros, every digit kept
        (
            "Le gaz à 0,1387 € le kWh.",
            "Le gaz à zéro virgule mille trois cent quatre-vingt-sept euro le kWh.",
        ),
        ("Il valait 1,0045 $.", "Il valait un virgule zéro zéro quarante-cinq dollar."),
        (
            "Le gazole à 2,0375 €/l.",
            "Le gazole à deux virgule zéro trois cent soixante-quinze euros par litre.",
        ),
        # under one euro: the cents by their name
        ("Un timbre à 0,08 €.", "Un timbre à huit centimes."),
        ("Le pain à 1,30 €.", "Le pain à un euro trente."),
        # 'million' and 'milliard' are nouns: 'de', elided before a vowel
        ("Un budget de 4,2 millions €.", "Un budget de quatre virgule deux millions d'euros."),
        ("Il a reçu 3 000 000 €.", "Il a reçu trois millions d'euros."),
        ("Une amende de 2 000 000 $.", "Une amende de deux millions de dollars."),
        ("Un prêt de 1 300 000 €.", "Un prêt de un million trois cent mille euros."),
    ],
)
def test_french_prices_with_decimals_and_millions(written: str, spoken: str) -> None:
    assert normalise(written, "fr") == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Un studio à 650 €/mois.", "Un studio à six cent cinquante euros par mois."),
        ("Le vélo coûte 3 €/jour.", "Le vélo coûte trois euros par jour."),
        ("La chambre à 70 € / nuit.", "La chambre à soixante-dix euros par nuit."),
        (
            "Le cours à 25 €/heure, le repas à 18 €/personne.",
            "Le cours à vingt-cinq euros par heure, le repas à dix-huit euros par personne.",
        ),
        (
            "Un forfait de 40 €/semaine ou 1 500 €/an.",
            "Un forfait de quarante euros par semaine ou mille cinq cents euros par an.",
        ),
    ],
)
def test_french_prices_per_period_or_head_are_said_with_par(written: str, spoken: str) -> None:
    """'€/mois' was 'euros sur mois': the slash read as a fraction's."""
    assert normalise(written, "fr") == spoken


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        (
            "Le standard : 04 72 10 30 05.",
            "Le standard: zéro quatre, soixante-douze, dix, trente, zéro cinq.",
        ),
        (
            "Au 07.61.00.19.82 le soir.",
            "Au zéro sept, soixante et un, zéro zéro, dix-neuf, quatre-vingt-deux le soir.",
        ),
        ("Mobile 0755443322", "Mobile zéro sept, cinquante-cinq, quarante-quatre, trente-trois, vingt-deux"),
        (
            "Depuis l'étranger : +33 (0)4 72 10 30 05.",
            "Depuis l'étranger: plus trente-trois, quatre, soixante-douze, dix, trente, zéro cinq.",
        ),
        (
            "Genève : +41 22 317 40 90.",
            "Genève: plus quarante et un, vingt-deux, trois cent dix-sept, quarante, quatre-vingt-dix.",
        ),
        # not a telephone number: numbers stay numbers
        ("Les 12 34 élèves.", "Les douze trente-quatre élèves."),
    ],
)
def test_french_telephone_numbers_are_said_in_pairs_with_their_zeros(written: str, spoken: str) -> None:
    assert normalise(written, "fr") == spoken


def test_a_language_without_our_rules_leaves_digits_to_the_engine() -> None:
    """German has no number rules of ours: eSpeak NG's German voice reads '5' as 'fünf'."""
    assert normalise("Am 5. Mai zahlte er 45 €.", "de") == "Am 5. Mai zahlte er 45 €."
    assert normalise("on 5 May he paid €45.", "en") == "on the fifth of May he paid forty-five euros."


def test_a_french_article_is_scripted_in_french_and_read_by_the_french_voice() -> None:
    article = clean(FRENCH)
    assert article.language == "fr"
    profile = load_voice("default").for_language(article.language)
    assert (profile.engine, profile.voice, profile.language) == ("espeak", "fr", "fr")
    script = to_script(article, profile.script_options())
    spoken = " ".join(" ".join(s.engine_text) for s in script.segments)
    shown = " ".join(" ".join(s.sentences) for s in script.segments)
    assert not re.search(r"\d", spoken), spoken
    for words in ("cinq mai deux mille vingt", "quarante-cinq millions", "trois virgule cinq pour cent"):
        assert words in spoken
    assert "mardi 5 mai 2020" in shown and "3,5 %" in shown  # transcripts keep the written text
    assert not re.search(r"\b(?:five|million|percent|thousand)\b", spoken)


def test_an_english_article_keeps_the_english_voice(seed: Path) -> None:
    article = clean(seed)
    profile = load_voice("default").for_language(article.language)
    assert profile.voice == "en-us"
    assert to_script(article, ScriptOptions()).language == "en"


def test_voice_fr_is_a_profile() -> None:
    profile = load_voice("fr")
    assert (profile.engine, profile.voice, profile.language) == ("espeak", "fr", "fr")


@pytest.mark.slow
def test_the_french_voice_speaks_the_french_script() -> None:
    """eSpeak NG's French voice renders the French spoken sentences (real audio)."""
    from narrator.speech import load_engine

    article = clean(FRENCH)
    profile = load_voice("default").for_language(article.language)
    spec = profile.engine_spec()
    engine = load_engine(spec.name, spec.options)
    sentences = to_script(article, profile.script_options()).segments[1].engine_text
    chunks = list(engine.synthesize(sentences))
    assert len(chunks) == len(sentences)
    assert all(len(c.pcm) > engine.sample_rate for c in chunks)  # more than half a second each


def test_every_language_voice_of_the_default_profile_exists() -> None:
    from narrator.speech import load_engine

    profile = load_voice("default")
    assert "fr" in profile.language_voices
    for language in profile.language_voices:
        spec = profile.for_language(language).engine_spec()
        load_engine(spec.name, spec.options)  # raises VoiceError for a voice eSpeak NG lacks


def test_chinese_and_japanese_articles_get_voices_of_their_own(tmp_path: Path) -> None:
    """Read by the English voice, each character was said as 'Chinese letter'."""
    source = tmp_path / "port.md"
    source.write_text("---\ntitle: 港口关闭\n---\n\n港口今天关闭。明天上午九点重新开放！\n", encoding="utf-8")
    article = clean(source)
    profile = load_voice("default").for_language(article.language)
    assert (article.language.split("-")[0], profile.voice) == ("zh", "cmn")
    assert load_voice("default").for_language("ja").voice == "ja"
    assert len(to_script(article, profile.script_options()).segments[-1].sentences) == 2


def test_a_german_article_gets_the_german_voice_and_german_announcements() -> None:
    article = clean(FIXTURES / "plain_german_no_metadata.html")
    assert article.language == "de"
    profile = load_voice("default").for_language(article.language)
    assert profile.voice == "de"
    script = to_script(article, profile.script_options())
    assert script.language == "de"
    with_byline = replace(article, byline=("Anna Schmidt", "Jonas Weber"))
    byline = to_script(with_byline, profile.script_options()).segments[1]
    assert byline.sentences == ("Von Anna Schmidt und Jonas Weber.",)


def _narrator(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "narrator", *args], input=stdin, capture_output=True, text=True, timeout=120
    )


def test_speakable_lines_in_french_from_the_command_line() -> None:
    result = _narrator("speakable", "--lines", "--language", "fr", stdin="mardi 5 mai à 14h30\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "mardi cinq mai à quatorze heures trente"


def test_voices_lists_the_languages_each_engine_speaks() -> None:
    result = _narrator("voices", "--languages")
    assert result.returncode == 0, result.stderr
    engines = dict(line.split("\t", 1) for line in result.stdout.splitlines())
    spoken = engines["espeak"].split(", ")
    assert {"en", "fr", "de"} <= set(spoken)


def test_the_feed_and_the_page_carry_the_articles_language(tmp_path: Path) -> None:
    """The show is English (the default feed); a French episode's transcripts are declared
    French in the feed, and its listening page is in French for screen readers."""
    from lxml import etree

    from narrator.pipeline import NarrateOptions, narrate
    from narrator.speech.render import RenderOptions

    options = NarrateOptions(voice="tone", render=RenderOptions(cache_dir=tmp_path / "cache"))
    result = narrate(FRENCH, tmp_path / "out", options)
    assert result.episode.language == "fr"
    feed = etree.parse(str(result.feed_path))
    ns = {"podcast": "https://podcastindex.org/namespace/1.0"}
    assert feed.findtext("channel/language") == "en"
    assert {t.get("language") for t in feed.iterfind(".//podcast:transcript", ns)} == {"fr"}
    page = result.feed_path.parent / "episodes" / f"{result.episode.slug}.html"
    html = etree.parse(str(page), etree.HTMLParser())
    assert html.getroot().get("lang") == "en"  # the page's own words; the article's are marked
    assert html.xpath("//h1/@lang") == ["fr"]
    assert html.xpath("//track/@srclang") == ["fr"]
