"""Normalisation and tokenisation shared by the index and the queries.

Lower-cased word tokens without stop words, lightly stemmed (plural/tense suffixes), numbers
written as their value ("11,000" and "11000" both become the token "11000"), links and picture
links dropped. Hashtags are split from their "#" so "#AustralianFires" still says "australianfires".
"""
from __future__ import annotations

import re
import unicodedata

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

_LINK = re.compile(r"https?://\S+|pic\.twitter\.com/\S+|www\.\S+", re.IGNORECASE)
_NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?!\d)")
_TOKEN = re.compile(r"[a-z0-9]+(?:[.'][a-z0-9]+)*")
# Negations and number words carry meaning for claims; keep them although they are stop words.
_KEEP = {"not", "no", "never", "none", "nobody", "nothing", "against", "without", "all", "every",
         "first", "last", "more", "less", "most", "least", "few", "many", "much", "after", "before",
         "three", "two", "four", "five", "six", "eight", "ten", "twelve", "fifteen", "twenty", "forty",
         "fifty", "sixty", "hundred", "thousand", "million", "billion", "bill", "fire", "found", "move"}
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS - _KEEP) | {"rt", "amp", "via", "s", "t", "don", "just", "says", "said"}


def fold(text: str) -> str:
    """Lower-case, strip accents and typographic quotes, drop links."""
    text = _LINK.sub(" ", text or "")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return text.lower()


def stem(word: str) -> str:
    """A deliberately small suffix stripper: enough to fold plurals and tenses, no dictionary."""
    if len(word) <= 3 or word.isdigit():
        return word
    for suffix, replacement in (("ies", "y"), ("sses", "ss"), ("ied", "y"), ("ing", ""), ("edly", ""),
                                ("ed", ""), ("es", ""), ("s", ""), ("'s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                return word
            if suffix == "es" and not word.endswith(("ches", "shes", "xes", "sses", "zes")):
                return word[:-1]
            return word[: len(word) - len(suffix)] + replacement
    return word


def tokenize(text: str) -> list[str]:
    """Index terms of a text, in order (duplicates kept: BM25 counts them)."""
    folded = _NUMBER.sub(lambda m: m.group(0).replace(",", ""), fold(text))
    tokens = []
    for token in _TOKEN.findall(folded):
        token = token.replace("'", "")
        if token in STOP_WORDS or (len(token) == 1 and not token.isdigit()):
            continue
        tokens.append(stem(token))
    return tokens


def char_text(text: str) -> str:
    """The text the character n-gram similarity looks at: folded, links gone, "11,000" as "11000"."""
    folded = _NUMBER.sub(lambda m: m.group(0).replace(",", ""), fold(text))
    return " ".join(re.findall(r"[a-z0-9]+", folded))
