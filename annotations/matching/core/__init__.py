"""Pure retrieval core for claim matching: no Django, no database.

`text` normalises and tokenises, `numbers` extracts the numbers a claim asserts (the hard
"numbers must agree" rule), `bm25` is a small in-memory inverted index, `charsim` scores
candidates by character n-grams, `evaluation` computes MAP@5/MRR, and `Matcher` ties them together.
At scale the rows live in a memory-mapped `snapshot` (`vector_store`: usearch, `sparse_store`: bm25s)
plus an in-memory `delta`; `pool` gathers the candidates of both, `onnx_encoder` runs the encoder.
"""
from annotations.matching.core.matcher import Candidate, Document, Matcher
from annotations.matching.core.numbers import extract_numbers, numbers_agree

__all__ = ["Candidate", "Document", "Matcher", "extract_numbers", "numbers_agree"]
