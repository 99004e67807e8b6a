"""What a transcript says about itself: title, date, outlet, place, language, lede.

Read from YAML front matter, the header lines before the first turn (`FEBRUARY 1, 2021`,
`Aboard Air Force One`), the title and the lede. Dates come out as ISO 8601, as complete as
the source allows (`2021-02-01`, `2021-02`, `--12-02` when the year is missing). Our own small
rules: date parsers such as dateutil guess a missing year (today's), which would be wrong.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from desktop.core.lazy_regex import lazy
from desktop.core.model import Metadata


def _phrases(text: str) -> frozenset[str]:
    """Names separated by `|` (some have spaces)."""
    return frozenset(part.strip() for part in text.split("|"))


def _words(text: str) -> frozenset[str]:
    """A word list written as one string (long vocabularies stay readable)."""
    return frozenset(text.split())


_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan janvier janv janvier januar enero gennaio janeiro",
        "february feb febr février fevrier févr fev februar febrero febbraio fevereiro",
        "march mar mars märz marz marzo março marco",
        "april apr avril avr abril aprile",
        "may mai mayo maggio maio",
        "june jun juin juni junio giugno junho",
        "july jul juillet juil juli julio luglio julho",
        "august aug août aout agosto",
        "september sep sept septembre septiembre settembre setembro",
        "october oct octobre oktober octubre ottobre outubro",
        "november nov novembre noviembre novembro",
        "december dec déc décembre decembre dezember diciembre dicembre dezembro",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number
# Russian (genitive, as in dates, and nominative) and Arabic (Egyptian/Gulf and Levantine names)
for _number, _names in enumerate(
    (
        "января январь يناير كانون_الثاني",
        "февраля февраль فبراير شباط",
        "марта март مارس آذار",
        "апреля апрель أبريل ابريل نيسان",
        "мая май مايو أيار",
        "июня июнь يونيو حزيران",
        "июля июль يوليو تموز",
        "августа август أغسطس آب",
        "сентября сентябрь سبتمبر أيلول",
        "октября октябрь أكتوبر تشرين_الأول",
        "ноября ноябрь نوفمبر تشرين_الثاني",
        "декабря декабрь ديسمبر كانون_الأول",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name.replace("_", " ")] = _number

_MONTH = "(?P<month>" + "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|º|°)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_DATE_PATTERNS = (
    lazy(rf"\b{_YEAR}-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"),
    lazy(rf"\b{_YEAR}/(?P<m>[01]?\d)/(?P<d>[0-3]?\d)\b"),
    # 02.12.2021: day first, as written across Europe (slashes are too ambiguous to guess)
    lazy(rf"\b(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.{_YEAR}\b"),
    lazy(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    lazy(rf"\b{_YEAR}\s*年\s*(?P<m>[01]?\d)\s*月\s*(?P<d>[0-3]?\d)\s*日"),  # 2022年8月30日
    lazy(
        rf"\b{_DAY}\s+(?:de\s+)?{_MONTH}(?:/[^\W\d]+)?\s+(?:de\s+)?{_YEAR}\b", re.IGNORECASE
    ),
    lazy(rf"\b{_DAY}\.\s*{_MONTH}\s+{_YEAR}\b", re.IGNORECASE),
    lazy(rf"\b{_MONTH}\s+{_YEAR}\b", re.IGNORECASE),
    lazy(rf"\b{_MONTH}\s+{_DAY}\b(?!:)", re.IGNORECASE),
    lazy(rf"\b{_DAY}\s+(?:de\s+)?{_MONTH}\b", re.IGNORECASE),
)

#: News organisations seen as interviewers' affiliations or labels (lower case, one per entry).
KNOWN_OUTLETS = _phrases(
    "euronews|bbc|cnn|msnbc|nbc|cbs|abc|fox news|npr|pbs|reuters|ap|afp|bloomberg|"
    "al jazeera|aljazeera|france 24|france24|france inter|franceinfo|rfi|tf1|lci|bfmtv|"
    "le monde|le figaro|libération|les echos|new york times|nytimes|washington post|"
    "wall street journal|wsj|guardian|financial times|ft|economist|der spiegel|spiegel|"
    "zdf|ard|dw|deutsche welle|rt|tass|ria novosti|sky news|cnbc|politico|axios|atlantic|"
    "time|newsweek|nhk|cgtn|xinhua|kyodo|ansa|efe|rai|tve|rtve|el país|el pais|"
    "la repubblica|corriere della sera|nos|vrt|rtbf|rts|srf|orf|cbc|ctv|abc news|cbs news|"
    "nbc news|times|telegraph|independent|usa today|los angeles times|voa|"
    "voice of america|rferl|radio liberty|interfax|kommersant|izvestia|meduza|ukrinform|"
    "kyiv independent|haaretz|ynet|asahi|yomiuri|mainichi|scmp|south china morning post|"
    "straits times|hindu|ndtv|dawn|anadolu|trt|al arabiya|arte|c-span|cspan"
)
_OUTLET_WORDS = lazy(
    r"\b(news|tv|television|télévision|radio|times|post|magazine|journal|herald|tribune"
    r"|gazette|daily|weekly|press|channel|network|broadcasting|podcast|newspaper|presse"
    r"|zeitung|fernsehen|rundfunk|diario|giornale|télé|chaîne)\b",
    re.IGNORECASE,
)


def looks_like_outlet(text: str) -> bool:
    """True when `text` names a news organisation (`euronews`, `MSNBC`, `The Daily Post`)."""
    key = " ".join(re.sub(r"[.,]", " ", text).casefold().split())
    if not key:
        return False
    if key in KNOWN_OUTLETS or key.removeprefix("the ") in KNOWN_OUTLETS:
        return True
    return len(key.split()) <= 6 and bool(_OUTLET_WORDS.search(text))


_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")  # Arabic, Persian
_SLASHED = lazy(rf"\b(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/{_YEAR}\b")


def parse_date(text: str) -> str | None:
    """The first date in `text` as ISO 8601 (`2021-02-01`, `2021-02`, `--12-02`), or None."""
    text = text.translate(_DIGITS)
    found = _dated(text)
    if found is not None:
        return found
    for match in _SLASHED.finditer(text):
        # 03/03/2022 or 10/25/2015 (a day over 12 says which is which); 04/05/2022 is
        # ambiguous between Europe and the US and gives no date
        a, b, year = int(match.group("a")), int(match.group("b")), int(match.group("year"))
        if a == b or b > 12 >= a:
            month, day = a, b
        elif a > 12 >= b:
            month, day = b, a
        else:
            continue
        if 1 <= month <= 12 and 1 <= day <= 31:
            return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def _dated(text: str) -> str | None:
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            if groups.get("m"):
                year, month, day = int(groups["year"]), int(groups["m"]), int(groups["d"])
            else:
                month = _MONTHS[groups["month"].casefold().rstrip(".")]
                year = int(groups["year"]) if groups.get("year") else 0
                day = int(groups["day"]) if groups.get("day") else 0
            if not 1 <= month <= 12 or day > 31:
                continue
            if year and day:
                return f"{year:04d}-{month:02d}-{day:02d}"
            if year:
                return f"{year:04d}-{month:02d}"
            if day:
                return f"--{month:02d}-{day:02d}"
    return None


def is_date_line(line: str) -> bool:
    """A header line that is only a date (`FEBRUARY 1, 2021`, `2 décembre 2021, Paris`)."""
    stripped = line.strip()
    if not stripped or len(stripped) > 60 or parse_date(stripped) is None:
        return False
    return len(stripped.split()) <= 8


_PLACE_LINE = lazy(
    r"(aboard|on board|onboard|at|from|in)\s+[A-Z].{2,60}"
    r"|.{0,40}\b(room|house|embassy|palace|kremlin|elysée|élysée|ministry|hall|office"
    r"|headquarters|residence|centre|center|air force one|studio)\b.{0,30}",
    re.IGNORECASE,
)
_PLACE_IN_LEDE = lazy(
    r"\b(?:interview(?:ed)?|recorded|met|spoke|conversation|talked)\b[^.]{0,80}?\b(?:at|in|aboard)"
    r"\s+(?P<place>(?:the\s+)?[A-Z][\w.'’-]*(?:\s+(?:of|in|de|du|des|the|[A-Z][\w.'’-]*))*"
    r"[\w.])"
)


_CLOCK_TIME = lazy(r"^\d{1,2}[:.h]\d{2}\s*(?:[AaPp]\.?\s?[Mm]\.?)?\s*(?:[A-Z]{2,4})?$")
_CITY_LINE = lazy(
    r"[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+)?, (?:[A-Z][\w.'’-]*)(?: [A-Z][\w.'’-]+)?"
)


_SPECIFIC_PLACE = lazy(r"\b(room|aboard|on board|onboard|studio|hall)\b", re.IGNORECASE)


def place_from_line(line: str) -> str | None:
    """`Aboard Air Force One`, `James S. Brady Press Briefing Room`: a place line, or None."""
    stripped = line.strip().rstrip(".")
    if not stripped or len(stripped) > 80 or stripped.endswith(("?", "!")):
        return None
    if re.match(r"(?:the\s+)?office of\b", stripped, re.IGNORECASE):
        return None  # `Office of the Press Secretary` issued the transcript; it is no place
    if _CITY_LINE.fullmatch(line.strip()):
        return line.strip()  # `Washington, D.C.`, `Paris, France`
    if _PLACE_LINE.fullmatch(stripped) is None:
        return None
    if len(stripped.split()) > 10:
        return None
    return stripped


def place_from_lede(lede: str) -> str | None:
    """The place of an interview a lede names ("… interview at the U.S. Embassy in Stockholm")."""
    match = _PLACE_IN_LEDE.search(lede)
    if match is None:
        return None
    place = match.group("place").rstrip(".")
    place = re.sub(r"\s+(?:on|with|of)$", "", place)
    return re.sub(r"^the\s+", "", place)


# --- language ---------------------------------------------------------------------------------

#: The most frequent short words of each language. Many are shared (`de`, `en`, `la`, `a`):
#: a word counts 1/n towards each of the n languages that have it, so only words that tell
#: languages apart decide. Our own small table rather than a detector library: transcripts
#: need a conservative answer for a dozen languages, and no model files.
_STOP_WORDS: dict[str, frozenset[str]] = {
    "en": _words(
        "the and of to is that in it you we for not this with are have be was they but what"
        " so do i'm don't it's there me my your he she his her about just know yes we're"
    ),
    "fr": _words(
        "le la les et des est que une pas pour dans qui ce nous vous je il sur au du avec"
        " mais c'est ne j'ai c’est j’ai aussi très"
    ),
    "de": _words(
        "der die das und ist nicht ich wir sie es mit den zu ein eine auf für auch sich dem"
        " war aber haben wird"
    ),
    "es": _words(
        "el la los las y que es de en un una por con no para se lo del pero como más muy"
        " está también"
    ),
    "it": _words(
        "il la che di e non un una per sono è del della con si ho gli anche come ma questo"
        " molto nel"
    ),
    "pt": _words(
        "o a os as que de e não um uma para com em do da é no na mas mais muito isso você"
        " também"
    ),
    "nl": _words(
        "de het een en van ik je dat is niet op te met zijn voor maar wat er ook die we hij"
        " naar heb"
    ),
    "sv": _words(
        "och det är att som en på jag för med inte har de den av till vi om men så var ett"
        " också mycket"
    ),
    "da": _words(
        "og det er at som en på jeg for med ikke har de den af til vi om men så var et hvad"
        " også mig"
    ),
    "no": _words(
        "og det er at som en på jeg for med ikke har de den av til vi om men så var et hva"
        " også meg"
    ),
    "pl": _words(
        "i w nie na się to że z jest do jak ale co tak o po ja jestem mnie czy są już tego"
        " jego"
    ),
}
_LANGUAGES_OF: dict[str, tuple[str, ...]] = {}
for _lang, _stops in _STOP_WORDS.items():
    for _stop in _stops:
        _LANGUAGES_OF[_stop] = (*_LANGUAGES_OF.get(_stop, ()), _lang)

#: Languages that share most of their small words; one needs only a lead over the other.
_SIBLINGS = {"da": ("no",), "no": ("da",)}

_SCRIPT_LANGUAGES = {
    "arabic": "ar",
    "han": "zh",
    "cyrillic": "ru",
    "kana": "ja",
    "hangul": "ko",
    "hebrew": "he",
    "greek": "el",
    # scripts that one language (nearly) alone writes
    "thai": "th",
    "georgian": "ka",
    "armenian": "hy",
    "tamil": "ta",
    "telugu": "te",
    "kannada": "kn",
    "malayalam": "ml",
    "gujarati": "gu",
    "gurmukhi": "pa",
    "sinhala": "si",
    "khmer": "km",
    "lao": "lo",
}

#: Devanagari writes Hindi, Marathi and Nepali: their commonest small words tell them apart.
_DEVANAGARI_WORDS = {
    "hi": _words("है हैं और नहीं में मैं की का के को से यह भी तुम आप था"),
    "mr": _words("आहे आहेत आणि नाही मी हे आम्ही तुम्ही होते"),
    "ne": _words("छ छन् पनि हुन्छ गर्न र म हो थियो"),
}


def _devanagari_language(text: str) -> str | None:
    """Hindi, Marathi or Nepali from their small words, or None when they do not decide."""
    words = re.findall(r"[\u0900-\u0963\u0966-\u097F]+", text)  # not the danda `।`
    scores = {lang: sum(w in stops for w in words) for lang, stops in _DEVANAGARI_WORDS.items()}
    best = max(scores, key=lambda lang: scores[lang])
    others = max(score for lang, score in scores.items() if lang != best)
    return best if scores[best] >= 2 and scores[best] >= 2 * others else None


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when the evidence is weak.

    A wrong language is worse than none (it is shown and used for search), so the answer must
    rest on enough stop words and clearly beat the runner-up; close relatives that share most
    small words (Danish and Norwegian) often give None. Scripts decide ar/zh/ja/ko/he/el;
    Cyrillic is reported as ru (Ukrainian and others are not told apart). Scripts one
    language writes decide too (Thai, Georgian, Tamil…); Devanagari is Hindi, Marathi or
    Nepali only when their small words say which.
    """
    sample = text[:20_000]
    letters = [c for c in sample if c.isalpha()]
    if not letters:
        return None
    scripts = Counter(_script(c) for c in letters)
    script, count = scripts.most_common(1)[0]
    if script != "latin":
        if count <= 0.3 * len(letters):
            return None
        if script == "han" and scripts["kana"] > 0.05 * len(letters):
            return "ja"
        if script == "devanagari":
            return _devanagari_language(sample)
        return _SCRIPT_LANGUAGES.get(script)
    words = re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?", sample.casefold())
    if len(words) < 3:
        return None
    scores: dict[str, float] = {}
    for word in words:
        languages = _LANGUAGES_OF.get(word)
        if languages:
            for lang in languages:
                scores[lang] = scores.get(lang, 0.0) + 1 / len(languages)
    if not scores:
        return None
    best = max(scores, key=lambda lang: scores[lang])
    best_score = scores[best]
    if best_score < max(2.0, len(words) * 0.03):
        return None
    for lang, score in scores.items():
        if lang == best:
            continue
        if lang in _SIBLINGS.get(best, ()):
            if best_score - score < 1.0:  # only the words that differ tell siblings apart
                return None
        elif best_score < 1.5 * score:
            return None
    return best


#: The 128-code-point blocks from U+0900 (Devanagari) to U+0E80 (Lao), by `code >> 7`.
_BLOCKS = {
    start >> 7: name
    for start, name in (
        (0x900, "devanagari"), (0x980, "bengali"), (0xA00, "gurmukhi"), (0xA80, "gujarati"),
        (0xB00, "oriya"), (0xB80, "tamil"), (0xC00, "telugu"), (0xC80, "kannada"),
        (0xD00, "malayalam"), (0xD80, "sinhala"), (0xE00, "thai"), (0xE80, "lao"),
    )
}


def _script(char: str) -> str:
    code = ord(char)
    if code < 0x250:
        return "latin"
    if 0x370 <= code < 0x400:
        return "greek"
    if 0x400 <= code < 0x530:
        return "cyrillic"
    if 0x590 <= code < 0x600:
        return "hebrew"
    if 0x600 <= code < 0x700 or (0xFB50 <= code < 0xFF00 and code < 0xFE00):
        return "arabic"
    if 0x530 <= code < 0x590:
        return "armenian"
    if 0x900 <= code < 0xF00:
        return _BLOCKS.get(code >> 7, "other")
    if 0x10A0 <= code < 0x1100:
        return "georgian"
    if 0x1780 <= code < 0x1800:
        return "khmer"
    if 0x3040 <= code < 0x3100:
        return "kana"
    if 0xAC00 <= code < 0xD7B0 or 0x1100 <= code < 0x1200:
        return "hangul"
    if 0x4E00 <= code < 0xA000 or 0x3400 <= code < 0x4DC0:
        return "han"
    return "other"


# --- YAML front matter --------------------------------------------------------------------

_FRONT_MATTER = lazy(r"\A---[ \t]*\n(?P<body>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """Simple `key: value` pairs of a YAML front matter block, and the text after it."""

    fields: dict[str, str]
    body: str


def split_front_matter(text: str) -> FrontMatter:
    """Take a leading `---` YAML block off and read its scalar fields.

    PyYAML reads it, so folded lines, quoting and escapes (`White\\_House`, a title
    continued with `\\` on the next line) come out as the words; lists are joined with
    commas. A block YAML cannot read falls back to flat `key: value` lines.
    """
    match = _FRONT_MATTER.match(text)
    if match is None:
        return FrontMatter({}, text)
    body = match.group("body")
    fields = _yaml_fields(body)
    if fields is None:
        fields = _flat_fields(body)
    return FrontMatter(fields, text[match.end() :])


def _yaml_fields(body: str) -> dict[str, str] | None:
    import yaml  # ~12 ms, only for front matter: not when the reader imports this module

    try:
        data = yaml.safe_load(body)
    except yaml.YAMLError:
        return None
    if not isinstance(data, dict):
        return None
    fields: dict[str, str] = {}
    for key, value in data.items():
        if isinstance(value, list):
            value = ", ".join(str(item) for item in value if isinstance(item, str | int | float))
        elif isinstance(value, dict) or value is None:
            continue
        words = _MD_ESCAPED.sub(r"\1", " ".join(str(value).split()))
        words = _INVISIBLE.sub("", words)  # `COVID-\u206019`: a word joiner, not a character
        if words:
            fields[str(key).casefold()] = words
    return fields


_INVISIBLE = lazy("[\u200b\u200c\u200d\u2060\ufeff]")
#: `White\_House`: Markdown escapes that scrapers leave inside YAML strings.
_MD_ESCAPED = lazy(r"\\([\\`*_{}\[\]()#+\-.!>~|])")


def _flat_fields(body: str) -> dict[str, str]:
    """Flat `key: value` lines (quoted values folded over indented lines), for a block
    PyYAML cannot read."""
    fields: dict[str, str] = {}
    lines = body.split("\n")
    index = 0
    while index < len(lines):
        pair = re.match(r"^(?P<key>[A-Za-z_][\w-]*)\s*:\s*(?P<value>.*)$", lines[index])
        index += 1
        if pair is None:
            continue
        value = pair.group("value").strip()
        # a quoted value may go on over indented lines (`title: "Press Gaggle by …\`)
        while (
            value[:1] in ("'", '"')
            and not _closed(value)
            and index < len(lines)
            and lines[index][:1].isspace()
        ):
            value = _fold(value, lines[index])
            index += 1
        if len(value) >= 2 and value[0] == value[-1] == '"':
            value = _YAML_ESCAPE.sub(_unescape, value[1:-1])
        elif len(value) >= 2 and value[0] == value[-1] == "'":
            value = value[1:-1].replace("''", "'")
        if value:
            fields[pair.group("key").casefold()] = value
    return fields


#: YAML double-quoted escapes (`\_` is a no-break space, kept as a space in one-line fields).
_YAML_ESCAPE = lazy(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|x[0-9A-Fa-f]{2}|.)")
_YAML_SIMPLE = {"_": " ", "n": "\n", "t": "\t", "0": "", "N": " ", "L": " ", "P": " "}


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    if code[0] in "uUx" and len(code) > 1:
        return chr(int(code[1:], 16))
    return _YAML_SIMPLE.get(code, code)


def _closed(value: str) -> bool:
    """True when a quoted YAML value ends with its closing quote (not an escaped one)."""
    quote = value[0]
    body = value[1:]
    if quote == "'":
        return body.replace("''", "").endswith("'")
    return bool(re.search(r'(?<!\\)(?:\\\\)*"$', body))


def _fold(value: str, line: str) -> str:
    """A quoted value continued on the next line: a trailing backslash joins the lines
    without a space, otherwise the line break folds to one space (YAML)."""
    if value.endswith("\\") and value[0] == '"':
        return value[:-1] + line.strip()
    return value + " " + line.strip()


# --- putting it together ------------------------------------------------------------------


@dataclass(slots=True)
class HeaderInfo:
    """What the lines before the first turn gave, for `build_metadata`."""

    title: str | None = None
    date: str | None = None
    place: str | None = None
    outlet: str | None = None
    url: str | None = None
    lede: str | None = None


def read_header_lines(lines: list[str], info: HeaderInfo) -> list[str]:
    """Take date and place lines out of header lines; return the lines left (the lede)."""
    left: list[str] = []
    for line in lines:
        stripped = line.strip()
        if not stripped:
            continue
        url = re.fullmatch(r"(?:source|url|link)?\s*:?\s*(https?://\S+)", stripped, re.IGNORECASE)
        if url is not None:
            info.url = info.url or url.group(1)
            continue
        if is_date_line(stripped):
            info.date = info.date or parse_date(stripped)
            continue
        if _CLOCK_TIME.match(stripped):
            continue  # `12:35 P.M. EST`: when the event began, not a date or a lede
        place = place_from_line(stripped)
        if place is not None and (info.place is None or _SPECIFIC_PLACE.search(place)):
            # `James S. Brady Press Briefing Room` says more than `THE WHITE HOUSE` above it
            if info.place is None or not _SPECIFIC_PLACE.search(info.place):
                if info.place is not None:
                    left.append(info.place)  # the broader line stays in the lede, not lost
                info.place = place
            continue
        left.append(stripped)
    return left


def build_metadata(
    info: HeaderInfo, front: dict[str, str], body_text: str, outlet: str | None = None
) -> Metadata:
    """Combine front matter, header lines, lede and the body's language into `Metadata`."""
    title = front.get("title") or info.title
    date = None
    if front.get("date"):
        date = parse_date(front["date"]) or front["date"][:10]
    date = date or info.date
    if date is None and info.title:
        date = parse_date(info.title)
    if date is None and info.lede:
        date = parse_date(info.lede)
    place = front.get("place") or front.get("location") or info.place
    if place is None and info.lede:
        place = place_from_lede(info.lede)
    return Metadata(
        title=title,
        date=date,
        outlet=front.get("outlet") or front.get("publisher") or info.outlet or outlet,
        place=place,
        url=front.get("url") or front.get("source") or info.url,
        language=front.get("lang") or front.get("language") or detect_language(body_text),
        lede=info.lede,
    )
