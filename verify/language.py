"""The language of an article's text (py3langid), and the name shown for a language code.

"und" (undetermined) means we could not tell: too few letters, or no language stood out.
"""
import re
from functools import lru_cache

from django.conf.locale import LANG_INFO
from py3langid.langid import MODEL_FILE, LanguageIdentifier

UNDETERMINED = "und"
# Below this many letters nothing is told apart reliably ("Share this", "Reuters", a byline).
# Measured: English headlines have 21+ letters; 12-20 letter boilerplate is English anyway.
MIN_LETTERS = 12
# A letter of a script written without spaces between words (Chinese, Japanese) or in syllable
# blocks (Korean) says about as much as this many alphabetic letters.
LETTERS_PER_DENSE_CHARACTER = 3
# Normalised probability (over ~140 languages) the best language needs. Measured: English
# headlines of 5-9 words score 0.31-0.94, news sentences 0.53+, while names, places, tags and URLs
# score under 0.19, so a cut between the two keeps short English and refuses guesses.
MIN_CONFIDENCE = 0.25
# The start of a long text is enough, and keeps detection fast (about 2 ms an article; the identifier's
# answer for a news article is settled well within this many characters).
SAMPLE_CHARACTERS = 3_000

_LETTER = re.compile(r"[^\W\d_]")  # letters (and the marks written on them), counted in C
_DENSE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")
# The model's label for text with no language in it (digits, symbols, keyboard mashing).
_NO_LANGUAGE = "zxx"
# Varieties the model tells apart that we report as their language: their probabilities add up
# (a Chinese paragraph otherwise splits between zh and wuu and looks uncertain).
_VARIETY_OF = {
    "wuu": "zh", "yue": "zh", "ary": "ar", "arz": "ar", "nn": "no", "uzs": "uz", "sdh": "ku",
    "hbo": "he", "grc": "el",
}
# Names for the model's codes that Django's LANG_INFO does not have.
_EXTRA_NAMES = {
    "am": "Amharic", "as": "Assamese", "gu": "Gujarati", "ha": "Hausa", "ht": "Haitian Creole", "jv": "Javanese",
    "ku": "Kurdish", "la": "Latin", "lg": "Ganda", "ln": "Lingala", "lo": "Lao", "mg": "Malagasy", "om": "Oromo",
    "or": "Odia", "ps": "Pashto", "qu": "Quechua", "sa": "Sanskrit", "si": "Sinhala", "so": "Somali",
    "tl": "Tagalog", "xh": "Xhosa", "yo": "Yoruba", "zh": "Chinese", "zu": "Zulu", "ace": "Acehnese",
    "bcl": "Central Bikol", "dz": "Dzongkha", "ext": "Extremaduran", "gcf": "Guadeloupean Creole",
    "gom": "Goan Konkani", "gug": "Paraguayan Guaraní", "kik": "Kikuyu", "nso": "Northern Sotho",
    "pcm": "Nigerian Pidgin", "rw": "Kinyarwanda", "se": "Northern Sami", "sn": "Shona", "st": "Southern Sotho",
    "an": "Aragonese", "crh": "Crimean Tatar", "fo": "Faroese", "fuv": "Nigerian Fulfulde",
    "gcr": "Guianese Creole", "guw": "Gun", "lij": "Ligurian", "ltg": "Latgalian", "wa": "Walloon", "ba": "Bashkir",
    "mt": "Maltese", "oc": "Occitan", "vec": "Venetian", "vo": "Volapük",
}
_WORDING_UNDETERMINED = "could not tell"


def language_detect(*, text: str) -> str:
    """The language code of `text` (ISO 639-1 where there is one), or "und" when we cannot tell."""
    sample = text[:SAMPLE_CHARACTERS]
    if _letter_count(sample) < MIN_LETTERS:
        return UNDETERMINED
    ranked = language_rank(text=sample)
    code, confidence = ranked[0]
    if code == _NO_LANGUAGE or confidence < MIN_CONFIDENCE:
        return UNDETERMINED
    return code


def language_rank(*, text: str) -> list[tuple[str, float]]:
    """Every language with its normalised probability, best first (varieties folded in)."""
    folded: dict[str, float] = {}
    for code, probability in _identifier().rank(text):
        code = _VARIETY_OF.get(code, code)
        folded[code] = folded.get(code, 0.0) + probability
    return sorted(folded.items(), key=lambda item: item[1], reverse=True)


def language_label(code: str) -> str:
    """What the UI shows: "Polish (pl)" (the code alone when we have no name), "could not tell" for "und"."""
    if code == UNDETERMINED:
        return _WORDING_UNDETERMINED
    name = LANG_INFO.get(code, {}).get("name") or _EXTRA_NAMES.get(code)
    return f"{name} ({code})" if name else code


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    # Loading the model takes most of a second: once per process, on first use.
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _letter_count(text: str) -> int:
    dense = len(_DENSE.findall(text))
    return len(_LETTER.findall(text)) + dense * (LETTERS_PER_DENSE_CHARACTER - 1)
