"""Attribution by markers other than verbs: "according to X", "WALLACE: ...", '"..." ― Name', "X's claim"."""
from __future__ import annotations

from spacy.tokens import Span

from verify.extraction.attribution_spans import Attribution, can_speak, noun_phrase, outside, reads_alone, trimmed_range
from verify.extraction.doc_text import doc_text
from verify.extraction.reporting_cues import NOUN_CUES


_DASHES = frozenset({"―", "—", "–"})


def speaker_label(sentence: Span) -> Attribution | None:
    """Transcripts and headlines: 'WALLACE: ...', 'Pat Caddell: Voters worried ...'."""
    tokens = [t for t in sentence if not t.is_space]
    colon = next((i for i, t in enumerate(tokens[:6]) if t.text == ":"), None)
    if not colon:
        return None
    label = tokens[:colon]
    if not all(t.pos_ == "PROPN" or t.is_upper or t.text in (".", "-") for t in label):
        return None
    content = trimmed_range(tokens[colon + 1:])
    if content is None:
        return None
    start, end = label[0].idx, label[-1].idx + len(label[-1].text)
    return Attribution(
        claimant=doc_text(sentence.doc)[start:end], claimant_start=start, claimant_end=end, cue=":",
        content_start=content[0], content_end=content[1], frame_droppable=False,
    )

def according_to(sentence: Span) -> Attribution | None:
    for token in sentence:
        if token.lower_ != "according":
            continue
        to = next((c for c in token.children if c.lower_ == "to"), None)
        if to is None and token.i + 1 < sentence.end and sentence.doc[token.i + 1].lower_ == "to":
            to = sentence.doc[token.i + 1]
        if to is None:
            continue
        source = next((c for c in to.children if c.dep_ == "pobj"), None)
        if source is None:
            continue
        claimant, c_start, c_end = noun_phrase(source)
        frame = sorted(set(token.subtree) | set(to.subtree), key=lambda t: t.i)
        content = outside(sentence, frame[0].i, frame[-1].i + 1)
        if content is None:
            continue
        return Attribution(
            claimant=claimant, claimant_start=c_start, claimant_end=c_end, cue="according to",
            content_start=content[0], content_end=content[1],
            frame_droppable=reads_alone(sentence.doc, content[0], content[1]),
        )
    return None

def dash_signature(sentence: Span) -> Attribution | None:
    """'"... to be a bully." ― Veronica Cruz': a quotation signed after a dash."""
    tokens = [t for t in sentence if not t.is_space]
    for position, token in enumerate(tokens[1:-1], start=1):
        if token.text not in _DASHES or not tokens[position - 1].is_quote:
            continue
        signature = tokens[position + 1:]
        while signature and signature[-1].is_punct:
            signature = signature[:-1]
        if not signature or len(signature) > 8 or not any(t.pos_ == "PROPN" for t in signature):
            continue
        content = trimmed_range([t for t in tokens[:position] if not t.is_quote])
        if content is None:
            continue
        start, end = signature[0].idx, signature[-1].idx + len(signature[-1].text)
        return Attribution(
            claimant=doc_text(sentence.doc)[start:end], claimant_start=start, claimant_end=end, cue=token.text,
            content_start=content[0], content_end=content[1], frame_droppable=False,
        )
    return None

def noun_cue(sentence: Span) -> Attribution | None:
    """"Trump's claim that ...", "the minister's statement": the possessor is the claimant."""
    for token in sentence:
        if token.pos_ != "NOUN" or token.lemma_.lower() not in NOUN_CUES:
            continue
        possessor = next((c for c in token.children if c.dep_ == "poss"), None)
        if possessor is None or possessor.lower_ in ("its", "their", "his", "her", "our", "my", "your"):
            continue
        if possessor.ent_type_ in ("DATE", "TIME") or not can_speak(possessor):
            continue  # "Tuesday's arguments" has no speaker
        claimant = noun_phrase(possessor)
        content = trimmed_range([t for t in sentence if t.i not in {possessor.i, token.i}])
        if content is None:
            continue
        return Attribution(
            claimant=claimant[0], claimant_start=claimant[1], claimant_end=claimant[2], cue=token.text,
            content_start=content[0], content_end=content[1], frame_droppable=False,
        )
    return None
