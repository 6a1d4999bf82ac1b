"""Attribution by markers other than verbs: "according to X" (or to a speech X gave), "WALLACE: ...",
'"..." ― Name', "X's claim", "X's plan would ..."."""
from __future__ import annotations

from spacy.tokens import Span, Token

from verify.extraction.attribution_spans import (
    DASHES, QUOTE_CHARS, Attribution, can_speak, in_quotation, outside, reads_alone,
    trimmed_range, verb_lemma, what_follows,
)
from verify.extraction.attribution_statements import statement_author
from verify.extraction.doc_text import doc_text
from verify.extraction.reporting_cues import NOUN_CUES, REPORTING_LEMMAS, SPEECH_LEMMAS


_NAME_PARTICLES = frozenset({"of", "the", "and", "de", "del", "da", "van", "von", "la", "le", "y", "n"})
# Proposals whose predicted effects are their owner's claims: "X's plan would cap ...".
_PROPOSAL_NOUNS = frozenset({"plan", "proposal", "pledge", "promise", "vow"})
# "his plan" is mostly the article's description of someone, not a claim it reports.
_VAGUE_POSSESSIVES = frozenset({"its", "their", "his", "her", "our", "my", "your"})
# Words of a headline, never of a speaker's name: "Stealth Over Health: ...", "Trump Vs. Clinton: ...".
_HEADLINE_WORDS = frozenset({
    "over", "with", "for", "to", "in", "on", "at", "after", "before", "against", "from", "by", "about", "into",
    "under", "without", "vs", "vs.", "versus", "is", "are", "was", "were", "will", "not", "a", "an",
})
# "Update: ...", "Photo: ...": headings before a colon that are not speakers.
_SECTION_LABELS = frozenset({
    "update", "updated", "clarification", "note", "editor", "editors", "photo", "photos", "image", "video", "watch", "read",
    "related", "correction", "caption", "source", "sources", "tags", "advertisement", "credit", "listen",
    "see", "more", "also", "q", "a", "question", "answer", "step", "part", "chapter", "warning", "disclaimer",
    "background", "context", "analysis", "opinion", "comment", "commentary", "exclusive", "breaking", "live",
    "here", "this", "that", "there", "why", "how", "what", "who", "when", "where", "but", "and", "so", "yes",
    "no", "now", "then", "first", "second", "third", "finally", "today", "tonight", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "bottom", "the", "in", "on", "for", "at",
})


def speaker_label(sentence: Span) -> Attribution | None:
    """Transcripts and headlines: 'WALLACE: ...', '"PENCE: ...', 'Pat Caddell: Voters worried ...'."""
    tokens = [t for t in sentence if not t.is_space]
    while tokens and tokens[0].is_quote:
        tokens = tokens[1:]  # transcripts quoted paragraph by paragraph
    colon = next((i for i, t in enumerate(tokens[:6]) if t.text == ":"), None)
    if not colon:
        return None
    label = tokens[:colon]
    if not all(t.pos_ == "PROPN" or t.is_upper or t.is_title or t.text in (".", "-") for t in label) \
            or not any(t.is_alpha for t in label) or label[0].lower_ in _SECTION_LABELS \
            or any(t.lower_ in _HEADLINE_WORDS for t in label):
        return None  # a headline before a colon ("Stealth Over Health: ..."), not a name
    content = trimmed_range(tokens[colon + 1:]) or what_follows(sentence, tokens[colon].idx + 1)
    if content is None:
        return None
    return Attribution.from_text(label[0], label[-1], content=content, cue=":",
                                 speaker_turn=all(t.is_upper for t in label if t.is_alpha))

def according_to(sentence: Span) -> Attribution | None:
    for token in sentence:
        if token.lower_ != "according":
            continue
        to = next((c for c in token.children if c.lower_ == "to"), None)
        if to is None and token.i + 1 < sentence.end and sentence.doc[token.i + 1].lower_ == "to":
            to = sentence.doc[token.i + 1]
        if to is None or _inside_reported_clause(token):
            continue
        source = next((c for c in to.children if c.dep_ == "pobj"), None)
        if source is None:
            continue
        frame = sorted(set(token.subtree) | set(to.subtree), key=lambda t: t.i)
        content = outside(sentence, frame[0].i, frame[-1].i + 1) or _after_opening_source(sentence, token, source)
        if content is None:
            continue
        return Attribution.from_source(statement_author(source) or source, content=content, cue="according to",
                                       frame_droppable=reads_alone(sentence.doc, *content))
    return None

def _inside_reported_clause(according: Token) -> bool:
    """'The researchers reported that ..., and the report says that Apple has 3 subsidiaries, according to its
    website': "according to" inside what a speaker outside quotation marks reports is part of the report."""
    for clause in according.ancestors:
        verb = clause.head
        if clause.dep_ == "ccomp" and verb is not clause and not in_quotation(verb) \
                and verb_lemma(verb, REPORTING_LEMMAS | SPEECH_LEMMAS) is not None \
                and any(c.dep_ == "nsubj" and can_speak(c) for c in verb.children):
            return True
    return False


def _after_opening_source(sentence: Span, according: Token, source: Token) -> tuple[int, int] | None:
    """'According to X, Y' parsed with "according" heading the whole sentence: Y is what follows the comma
    closing the source's name."""
    if according.i != _first_word(sentence).i:
        return None
    comma = next((t for t in sentence.doc[source.i + 1:sentence.end] if t.text == ","), None)
    return trimmed_range(list(sentence.doc[comma.i + 1:sentence.end])) if comma is not None else None


def _first_word(sentence: Span) -> Token:
    return next((t for t in sentence if not (t.is_space or t.is_punct)), sentence[0])


def dash_signature(sentence: Span) -> Attribution | None:
    """'"... to be a bully." ― Veronica Cruz': a quotation signed after a dash (in the same sentence, or
    alone in a sentence after the quote it signs: '” ― Pamela Padilla')."""
    tokens = [t for t in sentence if not t.is_space]
    opening = 0
    while opening < len(tokens) and tokens[opening].is_quote:
        opening += 1
    for position, token in enumerate(tokens[:-1]):
        glued = token.text[:1] in QUOTE_CHARS and token.text.lstrip(QUOTE_CHARS) in DASHES  # '”―'
        alone = position == opening
        if not (token.text in DASHES or glued) or not (alone or glued or tokens[position - 1].is_quote):
            continue
        signature = tokens[position + 1:]
        while signature and signature[-1].is_punct:
            signature = signature[:-1]
        if not signature or len(signature) > 8 or not any(t.pos_ == "PROPN" for t in signature) \
                or not all(t.is_title or t.is_upper or t.lower_ in _NAME_PARTICLES for t in signature if t.is_alpha):
            continue  # a name, not '― just as he did with Romney'
        if alone:
            content = _signed_quote(sentence, token.idx + len(token.text) - 1)
        else:
            content = trimmed_range([t for t in tokens[:position] if not t.is_quote])
        if content is None:
            continue
        return Attribution.from_text(signature[0], signature[-1], content=content, cue=token.text)
    return None

def _signed_quote(sentence: Span, dash: int) -> tuple[int, int] | None:
    """The quotation a signature sentence closes: from its paragraph's start up to the dash."""
    doc = sentence.doc
    text = doc_text(doc)
    if not text[:dash].rstrip().endswith(tuple(QUOTE_CHARS)):
        return None
    start = text.rfind("\n", 0, dash) + 1
    tokens = [t for t in doc.char_span(start, dash, alignment_mode="contract") or () if not t.is_quote]
    return trimmed_range(tokens)

def _cue_owner(cue: Token) -> Token | None:
    """Whose claim it is: the possessor ("Trump's claim"), or a named source before a cue noun that
    introduces a clause ("a New York Times report that ...")."""
    possessor = next((c for c in cue.children if c.dep_ == "poss"), None)
    if possessor is not None:
        return possessor
    # A "that" clause on the noun: a complement ("acl", "ccomp"), or one the parser took for a relative clause
    # though "that" only introduces it ("a report that Trump had a loss": "that" is no subject or object).
    if not any(c.dep_ in ("acl", "ccomp") and any(m.lower_ == "that" for m in c.children)
               or c.dep_ == "relcl" and any(m.lower_ == "that" and m.dep_ == "mark" for m in c.children)
               for c in cue.children):
        return None
    return next((c for c in cue.children if c.dep_ == "compound" and c.ent_type_ in ("ORG", "PERSON")), None)


def _proposes(cue: Token) -> bool:
    """"Mrs. Clinton's plan would also cap deductions": what a plan or proposal would or will do is what
    its owner proposes."""
    return cue.lemma_.lower() in _PROPOSAL_NOUNS and any(
        c.dep_ == "aux" and c.lower_ in ("would", "will", "'d", "'ll") for c in cue.head.children)


def noun_cue(sentence: Span) -> Attribution | None:
    """"Trump's claim that ...", "the minister's statement": the possessor is the claimant."""
    for token in sentence:
        if token.pos_ != "NOUN" or token.lemma_.lower() not in NOUN_CUES:
            continue
        possessor = _cue_owner(token)
        if possessor is None or possessor.lower_ in _VAGUE_POSSESSIVES:
            continue
        if possessor.ent_type_ in ("DATE", "TIME") or not can_speak(possessor):
            continue  # "Tuesday's arguments" has no speaker
        if token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_ not in ("be", "remain") \
                and not any(c.dep_ in ("acl", "ccomp") for c in token.children) and not _proposes(token):
            continue  # "Trump's comments came as ...": the sentence is about the remark, not what it said
        content = trimmed_range([t for t in sentence if t.i not in {possessor.i, token.i}])
        if content is None:
            continue
        return Attribution.from_source(possessor, content=content, cue=token.text)
    return None
