"""Metadata read from the text: dates as complete as the source allows, places, language."""

from __future__ import annotations

import pytest

from desktop.core.importers.metadata import (
    HeaderInfo,
    detect_language,
    is_date_line,
    looks_like_outlet,
    parse_date,
    place_from_lede,
    place_from_line,
    read_header_lines,
    split_front_matter,
)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("FEBRUARY 1, 2021", "2021-02-01"),
        ("2022年8月30日", "2022-08-30"),
        ("7 октября 2021 года", "2021-10-07"),
        ("٢٢ شباط/فبراير ٢٠٢١", "2021-02-22"),  # Arabic-Indic digits, Levantine/Egyptian month
        ("Updated: 03/03/2022 - 18:40", "2022-03-03"),
        ("10/25/2015", "2015-10-25"),  # a day over 12 says which number is the month
        ("25/10/2015", "2015-10-25"),
        ("04/05/2022", None),  # ambiguous between Europe and the US: no guess
        ("February 1st, 2021", "2021-02-01"),
        ("1 March 2018", "2018-03-01"),
        ("Part 1. Moscow, the Kremlin, 1 March 2018", "2018-03-01"),
        ("2 décembre 2021", "2021-12-02"),
        ("1er mars 2018", "2018-03-01"),
        ("2. Dezember 2021", "2021-12-02"),
        ("2 de diciembre de 2021", "2021-12-02"),
        ("2021-02-01", "2021-02-01"),
        ("02.12.2021", "2021-12-02"),
        ("December 2021", "2021-12"),
        ("on December 2 with the Secretary", "--12-02"),  # no year: partial, never guessed
        ("Tuesday, 6 March 2018", "2018-03-06"),
        ("nothing here", None),
        ("at 10:30 in May", None),
    ],
)
def test_parse_date(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso


def test_date_lines_are_short() -> None:
    assert is_date_line("FEBRUARY 1, 2021")
    assert not is_date_line("In an interview recorded in Moscow on March 1, 2018, she asked him.")


@pytest.mark.parametrize(
    ("line", "place"),
    [
        ("Aboard Air Force One", "Aboard Air Force One"),
        ("James S. Brady Press Briefing Room", "James S. Brady Press Briefing Room"),
        ("Washington, D.C.", "Washington, D.C."),
        ("Paris, France", "Paris, France"),
        ("Thank you very much.", None),
        ("Efi Koutsokosta, euronews:", None),
    ],
)
def test_place_lines(line: str, place: str | None) -> None:
    assert place_from_line(line) == place


def test_place_from_lede() -> None:
    lede = (
        "We touched on the subject in a recorded interview at the U.S. Embassy in Stockholm "
        "on December 2 with U.S. Secretary of State Antony Blinken."
    )
    assert place_from_lede(lede) == "U.S. Embassy in Stockholm"


def test_header_lines_become_fields_and_the_rest_is_lede() -> None:
    info = HeaderInfo()
    left = read_header_lines(
        ["Aboard Air Force One", "12:35 P.M. EST", "FEBRUARY 1, 2021", "A short note."], info
    )
    assert (info.place, info.date) == ("Aboard Air Force One", "2021-02-01")
    assert left == ["A short note."]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("We do not know the intentions of the president, and this is what we have.", "en"),
        ("Je suis très contente d'être ici, et nous pensons que la nuit est belle.", "fr"),
        ("Wir wissen nicht, was der Präsident will, und das ist nicht gut für die Lage.", "de"),
        ("No sabemos lo que quiere el presidente y no es bueno para la situación.", "es"),
        ("شكرا جزيلا لك السيد الوزير على هذه المقابلة", "ar"),
        ("欢迎唐凤来到我们的节目。你怎么看开放政府？", "zh"),
        ("12 34 56", None),
        # Swedish was once answered "es" (`de`, `en`, `som` are Spanish-looking small words)
        (
            "Jag tror att det är viktigt att vi pratar om det här. Vi har inte gjort"
            " tillräckligt, och det som hände i Stockholm var en tragedi för oss alla.",
            "sv",
        ),
        (
            "Ik denk dat het belangrijk is dat we hierover praten. We hebben niet genoeg"
            " gedaan, en wat er in Amsterdam gebeurde was een tragedie voor ons allemaal.",
            "nl",
        ),
        (
            "Jeg tror, at det er vigtigt, at vi taler om det. Vi har ikke gjort nok, og hvad"
            " der skete i København var en tragedie for os alle.",
            "da",
        ),
        (
            "Jeg tror at det er viktig at vi snakker om dette. Vi har ikke gjort nok, og hva"
            " som skjedde i Oslo var en tragedie for oss alle.",
            "no",
        ),
        (
            "Myślę, że to jest bardzo ważne, że o tym rozmawiamy. Nie zrobiliśmy"
            " wystarczająco dużo, i to co się stało w Warszawie było tragedią dla nas.",
            "pl",
        ),
        ("Я думаю, что это очень важно, что мы говорим об этом.", "ru"),
        ("私はこれがとても重要だと思います。私たちは十分なことをしていません。", "ja"),
        ("저는 이것이 매우 중요하다고 생각합니다. 우리는 충분히 하지 않았습니다.", "ko"),
        # weak evidence: no answer rather than a guess
        ("Yes.", None),
        ("Jeg er enig.", None),  # Danish or Norwegian: the words do not say which
        ("Maria Lopez, Juan Carlos, San Diego, Los Angeles, La Paz.", None),
    ],
)
def test_language(text: str, language: str | None) -> None:
    assert detect_language(text) == language


def test_front_matter() -> None:
    front = split_front_matter(
        '---\ntitle: "Episode 7: Interviewing well"\ndate: 2023-05-14\n---\nBody'
    )
    assert front.fields == {"title": "Episode 7: Interviewing well", "date": "2023-05-14"}
    assert front.body == "Body"
    assert split_front_matter("No front matter\n---\n").fields == {}


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("euronews", True),
        ("MSNBC", True),
        ("NBC News", True),
        ("The Daily Post", True),
        ("US Secretary of State", False),
        ("Columbia University", False),
    ],
)
def test_outlets(text: str, outlet: bool) -> None:
    assert looks_like_outlet(text) is outlet


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("क्या आप मुझे खत्म करना चाहते हैं? नहीं। मैं भी, मेरे प्यारे!", "hi"),
        ("मी आज शाळेत आहे आणि हे काम नाही", "mr"),
        ("สวัสดีครับ วันนี้เราจะคุยกันเรื่องการศึกษา", "th"),
        ("გამარჯობა, როგორ ხარ? დღეს ვისაუბრებთ", "ka"),
        ("வணக்கம், எப்படி இருக்கிறீர்கள்?", "ta"),
        ("काठमाडौं", None),  # one Devanagari word: Hindi, Marathi or Nepali, nobody can tell
    ],
)
def test_languages_told_by_their_script(text: str, language: str | None) -> None:
    assert detect_language(text) == language
