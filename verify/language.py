"""A small, dependency-free language guess: enough to keep non-English text out of extraction."""
import re

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_STOPWORDS = {
    "en": "the of and to in is that for it was on with as by are this be from at have has were said not".split(),
    "de": "der die das und ist nicht ein eine zu den mit von auf für sich dem des im auch wird".split(),
    "fr": "le la les et des est une un du que pour dans pas sur qui au par avec ce il elle".split(),
    "es": "el la los las de que y en un una es por con para del se no su al lo como".split(),
    "it": "il di che la e un una per non sono del della con si le gli al nel è".split(),
    "pt": "o a os as de que e do da em um uma para com não no na se por mais".split(),
    "nl": "de het een en van is dat op te in niet met zijn voor er aan ook".split(),
}
_STOPWORD_SETS = {lang: set(words) for lang, words in _STOPWORDS.items()}
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_UKRAINIAN_LETTERS = re.compile(r"[іїєґІЇЄҐ]")
_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")
_ARABIC = re.compile(r"[\u0600-\u06FF]")


def language_detect(*, text: str) -> str:
    """An ISO 639-1 code, or "und" when there is too little text to tell."""
    sample = text[:20_000]
    letters = sum(ch.isalpha() for ch in sample)
    if letters == 0:
        return "und"
    for pattern, code in ((_CYRILLIC, "ru"), (_CJK, "zh"), (_ARABIC, "ar")):
        if len(pattern.findall(sample)) > letters * 0.3:
            if code == "ru" and _UKRAINIAN_LETTERS.search(sample):
                return "uk"
            return code
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < 3:
        return "und"
    hits = {lang: sum(w in stop for w in words) for lang, stop in _STOPWORD_SETS.items()}
    best = max(hits, key=hits.get)
    return best if hits[best] > 0 else "und"
