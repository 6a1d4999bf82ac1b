"""Claim extraction: cleaned article text -> check-worthy, attributed, quantified sentences.

Callers pass CLEANED text to `extract_claims` (run `clean_text` first, or use
`extract_claims_from_raw`); every offset in the results refers to that cleaned text.
"""
from verify.extraction.claim import ExtractedClaim
from verify.extraction.cleaning import clean_text
from verify.extraction.pipeline import extract_claims, extract_claims_batch, extract_claims_from_raw
from verify.extraction.readiness import extraction_models_load
from verify.extraction.scoring import CHECKWORTHINESS_THRESHOLD, score_sentences

# Bump whenever extraction output changes for the same input (articles are re-processed on change).
EXTRACTOR_VERSION = "1.2"

__all__ = [
    "CHECKWORTHINESS_THRESHOLD",
    "EXTRACTOR_VERSION",
    "ExtractedClaim",
    "clean_text",
    "extract_claims",
    "extract_claims_batch",
    "extract_claims_from_raw",
    "extraction_models_load",
    "score_sentences",
]
