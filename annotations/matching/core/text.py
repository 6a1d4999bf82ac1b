"""Normalisation and tokenisation shared by the index and the queries.

Tweets and posts are cleaned first: links, picture links and the "January 14, 2020" date of an
embedded tweet's signature go; "#AustralianFires" and "@realDonaldTrump" are split into their words
("australian fires", "real donald trump": who posted a claim is often what a fact-check names).
Then: lower-cased word tokens without English stop words (negations and quantity words kept: they
change a claim), Snowball (Porter 2) stemmed, numbers written as their value ("11,000" and "11000"
both become the token "11000").

TOKENIZER_VERSION changes whenever tokens change, so stored terms of an older version are re-made.
"""
from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache

import snowballstemmer
from annotations.matching.core.stop_words import ENGLISH_STOP_WORDS

TOKENIZER_VERSION = 2

_LINK = re.compile(r"https?://\S+|pic\.twitter\.com/\S+|www\.\S+", re.IGNORECASE)
# The date of an embedded tweet's "— Name (@handle) January 14, 2020" signature: when it was posted,
# not what it says. The name and handle stay.
_POSTED_DATE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},\s+\d{4}\b", re.IGNORECASE)
_TAG = re.compile(r"[#@](\w+)")
# Word boundaries inside a hashtag or handle: camelCase, ACRONYMWord, letters then digits.
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)|_")
_NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?!\d)")
_TOKEN = re.compile(r"[a-z0-9]+(?:[.'][a-z0-9]+)*")
# Negations and number words carry meaning for claims; keep them although they are stop words.
_KEEP = {"not", "no", "never", "none", "nobody", "nothing", "against", "without", "all", "every",
         "first", "last", "more", "less", "most", "least", "few", "many", "much", "after", "before",
         "three", "two", "four", "five", "six", "eight", "ten", "twelve", "fifteen", "twenty", "forty",
         "fifty", "sixty", "hundred", "thousand", "million", "billion", "bill", "fire", "found", "move"}
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS - _KEEP) | {"rt", "amp", "via", "s", "t", "don", "just", "says", "said"}

# Snowball stemmer objects keep state between calls: one per thread.
_stemmers = threading.local()


def _split_tag(match: re.Match) -> str:
    return " " + _CAMEL.sub(" ", match.group(1)) + " "


def tweet_clean(text: str) -> str:
    """Drop links and posting dates; split hashtags and handles into words (case still intact)."""
    text = _LINK.sub(" ", text or "")
    text = _POSTED_DATE.sub(" ", text)
    return _TAG.sub(_split_tag, text)


def fold(text: str) -> str:
    """Clean (tweet_clean), lower-case, strip accents and typographic quotes."""
    text = unicodedata.normalize("NFKD", tweet_clean(text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return text.lower()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Snowball English stem of a lower-case word; numbers unchanged."""
    if word.isdigit():
        return word
    stemmer = getattr(_stemmers, "english", None)
    if stemmer is None:
        stemmer = _stemmers.english = snowballstemmer.stemmer("english")
    return stemmer.stemWord(word)


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
