"""The memory-mapped snapshot (core/snapshot.py, sparse_store.py, vector_store.py) and the delta over it."""
import numpy as np
import pytest

from annotations.matching.core import snapshot as snapshot_files
from annotations.matching.core.bm25 import BM25Index
from annotations.matching.core.delta import BM25_B, BM25_K1
from annotations.matching.core.matcher import Document, Matcher
from annotations.matching.core.numbers import extract_numbers
from annotations.matching.core.text import tokenize
from annotations.matching.core.vector_store import VectorStore

TEXTS = [
    "As many as 11,000 North Korean troops could be stationed in the region.",
    "As many as 12,000 North Korean troops could be stationed in the region.",
    "Vaccines cause autism, a doctor claims in a viral video.",
    "The mayor denied that schools would close next week.",
    "Troops crossed the border at dawn, officials said.",
    "Ten thousand homes lost power after the storm.",
]


def unit_vectors(count: int, dim: int = 16, seed: int = 3) -> np.ndarray:
    vectors = np.random.default_rng(seed).normal(size=(count, dim)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def build(root, texts=TEXTS, keys=None, vectors=None, generation="0001"):
    keys = np.arange(1, len(texts) + 1) if keys is None else np.asarray(keys)
    rows = snapshot_files.SnapshotRows(keys=keys, tokens=[tokenize(t) for t in texts],
                                       numbers=[extract_numbers(t) for t in texts], vectors=vectors)
    return snapshot_files.write(root, rows, generation=generation, watermark="2026-01-01T00:00:00+00:00",
                                model="fake" if vectors is not None else "", tokenizer_version=2, k1=BM25_K1, b=BM25_B)


def test_snapshot_bm25_scores_equal_the_in_memory_index_and_its_idf(tmp_path):
    build(tmp_path)
    snapshot = snapshot_files.open_current(tmp_path)
    memory = BM25Index(k1=BM25_K1, b=BM25_B)
    for text in TEXTS:
        memory.add(tokenize(text))
    for query in ("North Korean troops in the region", "schools close", "nothing matches zzz", "troops troops"):
        assert snapshot.sparse.scores(tokenize(query)) == pytest.approx(memory.scores(tokenize(query)), rel=1e-5)
    assert snapshot.sparse.idf("troop") == pytest.approx(memory.idf("troop"))
    assert snapshot.sparse.idf("unseen") == pytest.approx(memory.idf("unseen"))


def test_snapshot_keeps_keys_and_numbers_and_finds_rows_by_key(tmp_path):
    build(tmp_path, keys=[3, 7, 20, 21, 40, 41])
    snapshot = snapshot_files.open_current(tmp_path)
    assert len(snapshot) == 6 and snapshot.manifest.rows == 6
    assert snapshot.rows_of([7, 40, 5, 99]) == {7: 1, 40: 4}
    assert snapshot.numbers(0) == frozenset({11000.0})
    assert snapshot.numbers(3) == frozenset()


def test_vector_store_returns_the_nearest_rows_with_their_cosines(tmp_path):
    vectors = unit_vectors(200)
    VectorStore.build(vectors, tmp_path / "v.usearch", dtype="i8")
    store = VectorStore.open(tmp_path / "v.usearch")
    query = vectors[17] + 0.05 * unit_vectors(1, seed=9)[0]
    query /= np.linalg.norm(query)
    rows, cosines = store.search(query, 5)
    assert rows[0] == 17
    assert cosines[0] == pytest.approx(float(vectors[17] @ query), abs=0.02)  # i8 quantisation
    assert list(cosines) == sorted(cosines, reverse=True)
    assert store.cosines(query, np.array([17, 3])) == pytest.approx(vectors[[17, 3]] @ query, abs=0.02)


def test_a_new_build_becomes_current_and_an_open_snapshot_still_reads_after_pruning(tmp_path):
    build(tmp_path, generation="0001")
    old = snapshot_files.open_current(tmp_path)
    build(tmp_path, texts=TEXTS[:2], generation="0002")
    build(tmp_path, texts=TEXTS[:3], generation="0003")
    assert snapshot_files.current_generation(tmp_path) == "gen-0003"
    assert snapshot_files.prune(tmp_path, keep=2) == ["gen-0001"]
    assert not (tmp_path / "gen-0001").exists()
    assert old.sparse.scores(tokenize("North Korean troops"))[0] > 0  # its mappings outlive the files
    assert len(snapshot_files.open_current(tmp_path)) == 3


def snapshot_matcher(tmp_path, **kwargs) -> Matcher:
    build(tmp_path, **kwargs)
    return Matcher(snapshot=snapshot_files.open_current(tmp_path))


def test_a_re_added_row_replaces_its_snapshot_copy_and_a_removed_one_never_returns(tmp_path):
    matcher = snapshot_matcher(tmp_path)
    assert [c.key for c in matcher.search("The mayor denied that schools would close")][0] == 4
    matcher.add(Document(key=4, text="The governor opened a new bridge."))  # an edit: tombstone + delta
    matcher.remove(5)
    assert 4 not in [c.key for c in matcher.search("The mayor denied that schools would close")]
    assert [c.key for c in matcher.search("governor opened a bridge")] == [4]
    assert 5 not in [c.key for c in matcher.search("Troops crossed the border at dawn")]
    assert 5 not in matcher and 4 in matcher and len(matcher) == 5
    assert matcher.masked_rows == 2 and matcher.delta_rows == 1


def test_a_delta_row_scores_like_the_same_text_in_the_snapshot(tmp_path):
    matcher = snapshot_matcher(tmp_path)
    matcher.add(Document(key=100, text=TEXTS[3]))  # the same text as snapshot key 4, under another key
    found = {c.key: c for c in matcher.search("mayor denied schools close")}
    assert found[100].bm25 == pytest.approx(found[4].bm25, rel=1e-5)


def test_the_numbers_rule_holds_for_snapshot_and_delta_rows(tmp_path):
    matcher = snapshot_matcher(tmp_path)
    matcher.add(Document(key=100, text="As many as 13,000 North Korean troops could be stationed in the region."))
    strict = [c.key for c in matcher.search("11,000 North Korean troops stationed in the region",
                                            numbers_must_agree=True)]
    assert strict[0] == 1 and 2 not in strict and 100 not in strict
    agree = {c.key: c.numbers_agree for c in matcher.search("11,000 North Korean troops stationed in the region")}
    assert agree[1] and not agree[2] and not agree[100]


class FixedEmbedder:
    version = "fake"

    def __init__(self, vectors: dict[str, np.ndarray]) -> None:
        self.vectors = vectors

    def encode(self, texts):
        return np.stack([self.vectors[text] for text in texts])


def test_dense_candidates_come_from_snapshot_and_delta_with_their_cosines(tmp_path):
    vectors = unit_vectors(len(TEXTS) + 2)
    build(tmp_path, vectors=vectors[:len(TEXTS)])
    paraphrase = "Jabs trigger developmental disorders"  # no word in common with row 3
    embedder = FixedEmbedder({paraphrase: vectors[2], "Fresh claim": vectors[len(TEXTS)]})
    matcher = Matcher(embedder=embedder, snapshot=snapshot_files.open_current(tmp_path))
    first = matcher.search(paraphrase)[0]
    assert first.key == 3 and first.bm25 == 0 and first.dense == pytest.approx(1.0, abs=0.02)
    matcher.add(Document(key=50, text="Fresh claim"), vector=vectors[len(TEXTS)])
    assert matcher.search("Fresh claim")[0].key == 50
