"""Pure retrieval core for claim matching: no Django, no database.

`text` normalises and tokenises, `numbers` extracts the numbers a claim asserts (the hard
"numbers must agree" rule), `bm25` is a small in-memory inverted index, `rerank` re-orders a
candidate list with lexical-overlap features, and `Matcher` ties them together.
"""

from verify.matching.core.numbers import extract_numbers, numbers_agree


