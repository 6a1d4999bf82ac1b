"""The synthetic claim corpus of bench/matching_scale.py: real claim texts, varied numbers and names.

Base texts (real): the 10,375 verified claims of ../shared/data/claim_matching/verified_claims.docs.tsv,
plus the claims the product's extractor finds in ../shared/data/attribution/polnear_dev/text/*.txt and
../shared/data/seed/article.txt. Each synthetic claim is a base text with its stated numbers replaced
(random values, varied formats), some of its names swapped for names taken from other base texts, and
sometimes a word dropped or an attribution prefix/suffix added: the sizes and the vocabulary of a
desk's archive, with many near-duplicates for the numbers rule to separate.

Embeddings cost ~70 texts/s on one shared core (MiniLM), so `embed` embeds every base text and then
as many variants as its time budget allows; bench/matching_scale.py says how many were real.
Everything is cached under var/bench/matching_scale/ (git-ignored). bench/ is not a package.
"""
from __future__ import annotations

import json
import os
import random
import re
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
CACHE = Path(os.environ.get("BENCH_MATCHING_SCALE_CACHE", ROOT / "var" / "bench" / "matching_scale"))

PREFIXES = ["", "", "", "", "Officials said that ", "Reports claim that ", "According to a viral post, ",
            "A spokesperson confirmed that ", "Social media users claimed that ", "A new report says "]
SUFFIXES = ["", "", "", "", " last week", " according to reports", " this year", " in a recent statement",
            ", a post claims"]
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
_NAME = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]{2,}(?: [A-Z][a-z]{2,})?")


def clef_claims() -> list[str]:
    from annotations.matching.core.evaluation import read_tsv

    path = DATA / "claim_matching" / "verified_claims.docs.tsv"
    return [row[1] for row in read_tsv(path) if len(row) > 1 and row[1].strip()] if path.exists() else []


def extracted_claims() -> list[str]:
    """Claims the product's extractor finds in the polnear articles and the seed article."""
    from verify.extraction.cleaning import clean_text
    from verify.extraction.pipeline import extract_claims_batch

    paths = sorted((DATA / "attribution" / "polnear_dev" / "text").glob("*.txt")) + [DATA / "seed" / "article.txt"]
    texts = [clean_text(path.read_text(errors="replace")) for path in paths if path.exists()]
    return [claim.text for claims in extract_claims_batch(texts) for claim in claims] if texts else []


def generated_claims(count: int = 2000) -> list[str]:
    """Without the shared data (tests): plain generated claims."""
    rng = random.Random(7)
    subjects = ["The ministry", "The mayor of Springfield", "Senator Jane Doe", "The health agency", "The army"]
    objects = ["troops", "homes", "jobs", "patients", "bridges", "schools", "vaccines", "voters"]
    return [f"{rng.choice(subjects)} said that {rng.randint(2, 90_000):,} {rng.choice(objects)} were affected "
            f"in {rng.choice(['Ohio', 'Texas', 'Kyiv', 'Lagos', 'Perth'])} in {rng.randint(2010, 2024)}."
            for _ in range(count)]


def _number_like(rng: random.Random, original: str) -> str:
    value = rng.choice([rng.randint(2, 99), rng.randint(100, 9_999), rng.randint(10_000, 5_000_000)])
    if "." in original and rng.random() < 0.5:
        return f"{value / 10:.1f}"
    return f"{value:,}" if rng.random() < 0.6 else str(value)


def vary(text: str, rng: random.Random, names: list[str]) -> str:
    text = _NUMBER.sub(lambda m: _number_like(rng, m.group(0)), text)
    text = _NAME.sub(lambda m: rng.choice(names) if rng.random() < 0.5 else m.group(0), text)
    words = text.split()
    if len(words) > 8 and rng.random() < 0.3:
        del words[rng.randrange(1, len(words))]
    body = " ".join(words).rstrip(".")
    prefix = rng.choice(PREFIXES)
    if prefix and body[:1].isupper() and not body[:2].isupper():
        body = body[0].lower() + body[1:]
    return f"{prefix}{body}{rng.choice(SUFFIXES)}."


def corpus(size: int, *, generated: bool = False) -> tuple[list[str], list[str], np.ndarray]:
    """(base texts, all texts, base index of each text): the bases first, then variants up to `size`.
    generated=True: generated base texts instead of the shared data (the smoke test)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    bases_path = CACHE / "bases.json"
    texts_path, origin_path = CACHE / f"texts-{size}.json", CACHE / f"origin-{size}.npy"
    if not bases_path.exists():
        real = [] if generated else clef_claims() + extracted_claims()
        bases = list(dict.fromkeys(text.strip() for text in real if text.strip())) or list(
            dict.fromkeys(generated_claims()))
        bases_path.write_text(json.dumps(bases))
    bases = json.loads(bases_path.read_text())
    if texts_path.exists() and origin_path.exists():
        return bases, json.loads(texts_path.read_text()), np.load(origin_path)
    rng = random.Random(20261206)
    names = sorted({name for text in bases for name in _NAME.findall(text)})
    origin = np.concatenate([np.arange(len(bases)), rng.choices(range(len(bases)), k=max(size - len(bases), 0))
                             if size > len(bases) else np.zeros(0, dtype=np.int64)]).astype(np.int64)[:size]
    texts = bases[:size] + [vary(bases[i], rng, names) for i in origin[len(bases):]]
    texts_path.write_text(json.dumps(texts))
    np.save(origin_path, origin)
    return bases, texts, origin


def distribution(texts: list[str]) -> dict:
    """Words, characters and stated-number counts per text (percentiles), for real vs synthetic."""
    words = np.array([len(t.split()) for t in texts])
    chars = np.array([len(t) for t in texts])
    numbers = np.array([len(_NUMBER.findall(t)) for t in texts])

    def pct(a: np.ndarray) -> dict:
        return {f"p{q}": float(np.percentile(a, q)) for q in (5, 50, 95)} | {"mean": round(float(a.mean()), 1)}

    return {"count": len(texts), "words": pct(words), "chars": pct(chars), "numbers": pct(numbers),
            "distinct_words": len({w.lower() for t in texts[:200_000] for w in t.split()})}


def embed(texts: list[str], *, budget_seconds: float, model: str, at_least: int) -> tuple[np.ndarray, int]:
    """Real embeddings of texts[:k]: k >= at_least (the base texts), then as many as the time budget
    allows (cached and resumable: the cache holds the first texts of the corpus, bases first)."""
    from annotations.matching.core.dense import Embedder

    path = CACHE / "embeddings.npy"
    done = np.load(path) if path.exists() else np.zeros((0, 384), dtype=np.float32)
    embedder = Embedder(model=model)
    started = time.monotonic()
    chunks = [done]
    position = len(done)
    while position < len(texts) and (position < at_least or time.monotonic() - started < budget_seconds):
        chunk = embedder.encode(texts[position:position + 2048])
        chunks.append(chunk)
        position += len(chunk)
        np.save(path, np.concatenate(chunks))
        chunks = [np.load(path)]
    vectors = (np.concatenate(chunks) if len(chunks) > 1 else chunks[0])[:len(texts)]
    return vectors, len(vectors)


def synthetic_vectors(real: np.ndarray, origin: np.ndarray, n_bases: int, size: int) -> tuple[np.ndarray, float]:
    """Vectors for texts without a real embedding: their base text's real vector plus Gaussian noise whose
    scale makes the variant-to-base cosine match the one measured on the variants that were embedded."""
    rng = np.random.default_rng(7)
    embedded_variants = np.arange(n_bases, len(real))
    if embedded_variants.size:
        cosines = np.einsum("ij,ij->i", real[embedded_variants], real[origin[embedded_variants]])
        target = float(np.median(cosines))
    else:
        target = 0.9
    dim = real.shape[1]
    # Unit base + noise of per-dimension sigma s: E[cos] ~ 1 / sqrt(1 + dim * s^2).
    sigma = float(np.sqrt(max(1.0 / target ** 2 - 1.0, 1e-6) / dim))
    out = np.empty((size, dim), dtype=np.float32)
    real = real[:size]
    out[:len(real)] = real
    for start in range(len(real), size, 100_000):
        stop = min(start + 100_000, size)
        block = real[origin[start:stop]] + rng.normal(0, sigma, (stop - start, dim)).astype(np.float32)
        out[start:stop] = block / np.linalg.norm(block, axis=1, keepdims=True)
    return out, target
