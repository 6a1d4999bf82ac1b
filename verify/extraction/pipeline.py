"""Cleaned text -> check-worthy claims, with one spaCy pass per text."""
from __future__ import annotations

from datetime import date, datetime
from typing import Iterable, Iterator, Sequence

from spacy.tokens import Doc, Span

from verify.extraction.doc_text import doc_text, sentence_entities, span_text
from verify.extraction.attribution import Attribution, find_attribution
from verify.extraction.chunks import CHUNK_CHARS, claim_shifted, text_chunks
from verify.extraction.claim import ExtractedClaim
from verify.extraction.cleaning import clean_text
from verify.extraction.dates import resolve_dates
from verify.extraction.hedges import find_hedges
from verify.extraction.nlp import get_nlp
from verify.extraction.quantities import extract_quantities
from verify.extraction.quotes import spread_over_quotes
from verify.extraction.scoring import CHECKWORTHINESS_THRESHOLD, Scorer, get_scorer, screened_scores
from verify.extraction.selection import skip_reason

PublishedAt = datetime | date | None


def extract_claims(
    text: str, *, published_at: PublishedAt = None, threshold: float = CHECKWORTHINESS_THRESHOLD
) -> list[ExtractedClaim]:
    """Claims in CLEANED text (see `clean_text`); offsets refer to `text`. A long text is read in
    chunks of whole paragraphs (chunks.py), never refused for spaCy's `max_length`."""
    return extract_claims_batch([text], published_at=published_at, threshold=threshold)[0]


def extract_claims_from_raw(
    raw: str, *, is_html: bool = False, published_at: PublishedAt = None,
    threshold: float = CHECKWORTHINESS_THRESHOLD,
) -> tuple[str, list[ExtractedClaim]]:
    """Convenience: clean, then extract. Returns the cleaned text the offsets refer to."""
    cleaned = clean_text(raw, is_html=is_html)
    return cleaned, extract_claims(cleaned, published_at=published_at, threshold=threshold)


def extract_claims_batch(
    texts: Iterable[str], *, n_process: int = 1, batch_size: int = 32, published_at: PublishedAt = None,
    published_ats: Sequence[PublishedAt] | None = None, threshold: float = CHECKWORTHINESS_THRESHOLD,
) -> list[list[ExtractedClaim]]:
    """`extract_claims` for many cleaned texts through one `nlp.pipe` stream (a worker's batch of
    articles); `published_ats` gives each text its own publication date. A long text's chunks join the
    stream in order; a batch handed to spaCy at once holds at most CHUNK_CHARS characters (memory)."""
    texts = list(texts)
    dates = list(published_ats) if published_ats is not None else [published_at] * len(texts)
    nlp = get_nlp()
    scorer = get_scorer()
    pieces = [(index, offset, piece) for index, text in enumerate(texts)
              for offset, piece in text_chunks(text, limit=min(CHUNK_CHARS, nlp.max_length))]
    claims: list[list[ExtractedClaim]] = [[] for _ in texts]
    sentences_before = [0] * len(texts)
    docs = _docs([piece for _, _, piece in pieces], n_process=n_process, batch_size=batch_size)
    for (index, offset, _), doc in zip(pieces, docs):
        found, sentence_count = _claims_and_sentences(doc, published_at=dates[index], threshold=threshold,
                                                      scorer=scorer)
        claims[index] += [claim_shifted(claim, offset=offset, sentences_before=sentences_before[index])
                          for claim in found]
        sentences_before[index] += sentence_count
    return claims


def _docs(pieces: list[str], *, n_process: int, batch_size: int) -> Iterator[Doc]:
    """The pieces parsed in order, in groups of at most `batch_size` pieces and CHUNK_CHARS characters
    (spaCy's parser holds a whole group in memory); several processes stream them as spaCy batches them."""
    nlp = get_nlp()
    if n_process > 1:
        yield from nlp.pipe(pieces, n_process=n_process, batch_size=batch_size)
        return
    group: list[str] = []
    for piece in pieces:
        if group and (len(group) >= batch_size or sum(map(len, group)) + len(piece) > CHUNK_CHARS):
            yield from nlp.pipe(group, batch_size=len(group))
            group = []
        group.append(piece)
    if group:
        yield from nlp.pipe(group, batch_size=len(group))


def _trimmed(sentence: Span) -> tuple[int, int]:
    """Character range of the sentence without surrounding whitespace."""
    text = span_text(sentence)
    start = sentence.start_char + (len(text) - len(text.lstrip()))
    end = sentence.start_char + len(text.rstrip())
    return start, end


def claims_from_doc(
    doc: Doc, *, published_at: PublishedAt = None, threshold: float = CHECKWORTHINESS_THRESHOLD,
    scorer: Scorer | None = None,
) -> list[ExtractedClaim]:
    return _claims_and_sentences(doc, published_at=published_at, threshold=threshold, scorer=scorer)[0]


def _claims_and_sentences(
    doc: Doc, *, published_at: PublishedAt, threshold: float, scorer: Scorer | None,
) -> tuple[list[ExtractedClaim], int]:
    """The doc's claims, and how many sentences it has (whitespace between paragraphs is none)."""
    candidates: list[tuple[int, Span, tuple[int, int]]] = []
    sentence_index = 0
    text = doc_text(doc)
    for sentence in doc.sents:
        start, end = _trimmed(sentence)
        if start >= end:
            continue  # whitespace between paragraphs is not a sentence
        index = sentence_index
        sentence_index += 1
        if skip_reason(text[start:end]):
            continue
        candidates.append((index, sentence, (start, end)))
    attributions = spread_over_quotes(
        text=text, ranges=[trimmed for _, _, trimmed in candidates],
        owners=[find_attribution(sentence) for _, sentence, _ in candidates],
    )
    scores = screened_scores([sentence for _, sentence, _ in candidates], scorer=scorer, attributions=attributions)
    claims = []
    for (index, sentence, trimmed), screened, attribution in zip(candidates, scores, attributions):
        # Set-aside sentences are kept (out of the queue, with the reason) when they would have been queued.
        if screened.before_screening < threshold:
            continue
        claims.append(_claim(doc, sentence, trimmed=trimmed, index=index, score=screened.score,
                             attribution=attribution, published_at=published_at, set_aside=screened.set_aside))
    return claims, sentence_index


def _claim(doc: Doc, sentence: Span, *, trimmed: tuple[int, int], index: int, score: float,
           attribution: Attribution | None, published_at: PublishedAt, set_aside: str = "") -> ExtractedClaim:
    start, end = trimmed
    sentence_text = doc_text(doc)[start:end]
    text = sentence_text
    claim_span = (start, end)  # where the claim's text lies in the document: its dates are the claim's
    # A quote's speaker found in another sentence: this sentence's own text is the claim.
    if attribution is not None and start <= attribution.content_start < end and attribution.frame_droppable:
        text = _as_claim_text(doc_text(doc)[attribution.content_start:attribution.content_end])
        claim_span = (attribution.content_start, attribution.content_end)
    quantities = resolve_dates(extract_quantities(sentence, dates_within=claim_span), published_at=published_at)
    return ExtractedClaim(
        text=text,
        sentence=sentence_text,
        start=start,
        end=end,
        sentence_index=index,
        claimant=attribution.claimant if attribution else "",
        cue=attribution.cue if attribution else "",
        quantities=quantities,
        entities=[
            {"text": e.text, "label": e.label_, "start": e.start_char, "end": e.end_char}
            for e in sentence_entities(sentence)
        ],
        hedges=find_hedges(sentence),
        score=round(score, 4),
        set_aside=set_aside,
        claimant_start=attribution.claimant_start if attribution else None,
        claimant_end=attribution.claimant_end if attribution else None,
        claimant_type=attribution.claimant_type if attribution else "",
    )


def _as_claim_text(content: str) -> str:
    """Attributed content as a standalone sentence: capitalised, with a full stop."""
    content = content.strip()
    if not content:
        return content
    content = content[0].upper() + content[1:]
    if not content.endswith((".", "!", "?", "”", '"')):
        content += "."
    return content
