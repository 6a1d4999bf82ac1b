"""Realistic rows for the benchmarks: claims extracted by the product's own pipeline from real news
articles, and, only to reach a size, variants of them with other figures and names.

Real rows come from `../shared/data/` when it is there (the 84 PolNeAR dev articles and the seed
article, read in place, never copied), else from the repository's fictional sample article. They are
extracted once per extractor version and kept in `var/bench/` (outside the repository). A variant keeps
its real row's shape: every digit is mapped through one permutation of the digits 1-9 (same lengths,
no leading zero made), and each person, organisation and place the row names is swapped for another
one of the same kind from the real rows, in the text, the sentence, the claimant and the entity list
alike; its score is jittered a little unless it is one the scorer gives to many claims (those ties
stay). bench/seeding.py inserts them (and SQL copies of them) and prints the real rows' sizes beside
the synthetic ones' so a reader can see they match.
"""
from __future__ import annotations

import json
import random
import re
import statistics
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
POLNEAR_TEXTS = SHARED / "attribution" / "polnear_dev" / "text"
SEED_ARTICLE = SHARED / "seed" / "article.txt"
SAMPLE_ARTICLE = ROOT / "verify" / "sample_data" / "sample_article.txt"
CACHE_DIR = ROOT / "var" / "bench"
SWAPPED_LABELS = ("PERSON", "ORG", "GPE", "NORP")
TIED_SHARE = 0.01  # a score this share of the real claims carry is kept as it is in variants and copies
CLAIM_FIELDS = ("text", "sentence", "start_char", "end_char", "sentence_index", "claimant", "claimant_type",
                "cue", "quantities", "entities", "hedges", "checkworthiness", "set_aside")


@dataclass(frozen=True)
class RealArticle:
    title: str
    publisher: str
    text: str  # the cleaned text the claims' offsets refer to
    claims: list[dict]  # Claim field values (CLAIM_FIELDS)


def article_sources() -> list[tuple[str, str, str]]:
    """(title, publisher, raw text) of each real article available here."""
    if POLNEAR_TEXTS.is_dir():
        found = []
        for path in sorted(POLNEAR_TEXTS.glob("*.txt")):
            raw = path.read_text(encoding="utf-8")
            publisher = path.name.split("_", 1)[0].replace("-", " ").title()
            found.append((raw.strip().splitlines()[0][:300], publisher, raw))
        if SEED_ARTICLE.is_file():
            found.append(("Seed article", "Seed", SEED_ARTICLE.read_text(encoding="utf-8")))
        return found
    return [("Sample: North Korean troops", "Sample", SAMPLE_ARTICLE.read_text(encoding="utf-8"))]


def real_articles(*, refresh: bool = False) -> list[RealArticle]:
    """The real articles with the claims the pipeline extracts from them (cached per extractor version)."""
    from verify.extraction import EXTRACTOR_VERSION, clean_text, extract_claims

    sources = article_sources()
    cache = CACHE_DIR / f"real_claims-{EXTRACTOR_VERSION}-{len(sources)}.json"
    if cache.is_file() and not refresh:
        return [RealArticle(**item) for item in json.loads(cache.read_text())]
    articles = []
    for title, publisher, raw in sources:
        cleaned = clean_text(raw)
        claims = [{
            "text": item.text, "sentence": item.sentence, "start_char": item.start, "end_char": item.end,
            "sentence_index": item.sentence_index, "claimant": item.claimant[:300],
            "claimant_type": item.claimant_type, "cue": item.cue[:100], "quantities": list(item.quantities),
            "entities": list(item.entities), "hedges": list(item.hedges),
            "checkworthiness": min(1.0, max(0.0, float(item.score))), "set_aside": item.set_aside,
        } for item in extract_claims(cleaned)]
        articles.append(RealArticle(title=title, publisher=publisher, text=cleaned, claims=claims))
        print(f"  extracted {len(claims):3d} claims from {title[:60]!r}", file=sys.stderr, flush=True)
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps([vars(article) for article in articles]))
    return articles


class Varier:
    """Makes variants of real articles and their claims: other figures, other names of the same kind."""

    def __init__(self, articles: list[RealArticle], seed: int = 0):
        self.rng = random.Random(seed)
        pools: dict[str, set[str]] = defaultdict(set)
        for article in articles:
            for claim in article.claims:
                for entity in claim["entities"]:
                    if entity.get("label") in SWAPPED_LABELS and len(entity.get("text", "")) > 2:
                        pools[entity["label"]].add(entity["text"])
        self.pools = {label: sorted(names) for label, names in pools.items()}
        self.tied_scores = tied_scores([claim["checkworthiness"] for article in articles for claim in article.claims])

    def article(self, article: RealArticle) -> RealArticle:
        """One variant of a real article: its text and every claim varied the same way."""
        digits = self._digit_map()
        names = self._name_map(article)
        return RealArticle(
            title=self._text(article.title, digits, names), publisher=article.publisher,
            text=self._text(article.text, digits, names),
            claims=[self._claim(claim, digits, names) for claim in article.claims])

    def _digit_map(self) -> dict[str, str]:
        shuffled = list("123456789")
        self.rng.shuffle(shuffled)
        return {**dict(zip("123456789", shuffled)), "0": "0"}

    def _name_map(self, article: RealArticle) -> dict[str, str]:
        mapping: dict[str, str] = {}
        for claim in article.claims:
            for entity in claim["entities"]:
                name, pool = entity.get("text", ""), self.pools.get(entity.get("label"), [])
                if name in mapping or len(name) <= 2 or len(pool) < 2:
                    continue
                mapping[name] = self.rng.choice(pool)
        return mapping

    @staticmethod
    def _text(text: str, digits: dict[str, str], names: dict[str, str]) -> str:
        text = re.sub(r"\d", lambda m: digits[m.group(0)], text)
        if names:
            pattern = re.compile("|".join(re.escape(name) for name in sorted(names, key=len, reverse=True)))
            text = pattern.sub(lambda m: names[m.group(0)], text)
        return text

    def _claim(self, claim: dict, digits: dict[str, str], names: dict[str, str]) -> dict:
        vary = lambda value: self._text(value, digits, names)  # noqa: E731
        varied = dict(claim)
        for key in ("text", "sentence", "claimant"):
            varied[key] = vary(claim[key])
        varied["entities"] = [{**entity, "text": vary(entity.get("text", ""))} for entity in claim["entities"]]
        varied["quantities"] = [self._quantity(quantity, vary) for quantity in claim["quantities"]]
        varied["checkworthiness"] = self._score(claim["checkworthiness"])
        return varied

    def _score(self, score: float) -> float:
        """Jittered (reflected at 0 and 1, so no score piles up at a bound), unless the scorer gives this
        score to many claims: those ties are a real desk's too."""
        if score in self.tied_scores:
            return score
        jittered = abs(score + self.rng.gauss(0, 0.03))
        return round(2 - jittered if jittered > 1 else jittered, 4)

    @staticmethod
    def _quantity(quantity: dict, vary) -> dict:
        varied = {key: vary(value) if isinstance(value, str) else value for key, value in quantity.items()}
        value = quantity.get("value")
        if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer() and value > 0:
            varied["value"] = int(vary(str(int(value))))
        return varied


def size_report(real: list[RealArticle], synthetic: list[RealArticle]) -> dict:
    """Sizes of real and synthetic claims (text characters, stored row bytes) and articles, side by side,
    for articles made in Python (bench/ingestion.py); bench/seeding.py measures its rows in the database."""
    def claim_sizes(articles):
        rows = [claim for article in articles for claim in article.claims]
        return ([len(claim["text"]) for claim in rows],
                [len(json.dumps({key: claim[key] for key in CLAIM_FIELDS})) for claim in rows])

    def summary(values):
        if not values:
            return {}
        ordered = sorted(values)
        return {"n": len(values), "mean": round(statistics.fmean(values), 1), "p50": ordered[len(ordered) // 2],
                "p90": ordered[int(len(ordered) * 0.9)]}

    report = {}
    for name, articles in (("real", real), ("synthetic", synthetic)):
        texts, rows = claim_sizes(articles)
        report[name] = {"claim_text_chars": summary(texts), "claim_row_bytes": summary(rows),
                        "claims_per_article": summary([len(a.claims) for a in articles]),
                        "article_chars": summary([len(a.text) for a in articles])}
    return report


def tied_scores(scores: list[float]) -> set[float]:
    """The scores at least TIED_SHARE of the claims (and at least 3) share: the scorer's fixed values, e.g. 0.6."""
    counts: dict[float, int] = defaultdict(int)
    for score in scores:
        counts[score] += 1
    return {score for score, count in counts.items() if count >= max(3, TIED_SHARE * len(scores))}
