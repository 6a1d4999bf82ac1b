"""Attribution by a statement someone issues: "the Security Council issued a statement calling the test a
violation", "Clinton has delivered a mostly positive message", "according to a speech Mrs. Clinton
delivered", "In a speech in Fort Pierce, Clinton laid out ...", "In this poll, Trump rose 1 point".

A support verb ("issue", "deliver", "release", "give", "make", "put out") with a statement noun as its
object is a verb of saying in two words: its subject is the source, and what the statement says (a clause
on the noun, or else the rest of the sentence) is the content.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from verify.extraction.attribution_spans import (
    SUBJECT_DEPS, Attribution, can_speak, in_quotation, trimmed_range, what_follows,
)
from verify.extraction.attribution_subjects import subject_of

SUPPORT_LEMMAS = frozenset({
    "issue", "deliver", "release", "give", "make", "put", "publish", "send", "offer", "unleash", "run", "file",
    "post", "air", "launch", "write", "pen", "submit", "circulate", "fire", "have",
})
# Documents someone puts out to make a case: "ran a feature that profiled", "sent a letter opposing".
DOCUMENT_NOUNS = frozenset({
    "letter", "paper", "papers", "ad", "ads", "advertisement", "commercial", "spot", "tweet", "tweets", "feature",
    "op-ed", "editorial", "column", "memo", "report", "brief", "lawsuit", "suit", "petition", "complaint",
    "filing", "essay", "post", "video", "release", "resolution", "motion", "message", "messages",
})
# A quantity of statements: "a series of tweets", "a flurry of attacks".
_GROUP_NOUNS = frozenset({"series", "flurry", "barrage", "string", "volley", "stream", "torrent", "spate"})
# What is issued to say something; "a letter" or "a report" may be someone else's ("released a letter from
# his doctor"), so only nouns that are the issuer's own words count.
STATEMENT_NOUNS = frozenset({
    "statement", "message", "speech", "remark", "remarks", "comment", "comments", "address", "warning",
    "announcement", "pledge", "promise", "vow", "assurance", "denial", "apology", "appeal", "plea",
    "declaration", "proclamation", "ultimatum", "threat", "argument", "case", "prediction", "forecast",
    "assessment", "endorsement", "rebuttal", "response", "reply", "retort", "testimony", "claim", "accusation",
})
_CLAUSE_DEPS = ("acl", "relcl", "ccomp")
# Determiners of a statement the text has already given: "the comments", "this statement", "his remarks".
_KNOWN = frozenset({"the", "this", "that", "these", "those", "his", "her", "its", "their", "my", "our", "your"})


def statement_act(sentence: Span) -> Attribution | None:
    for verb in sentence:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in SUPPORT_LEMMAS or in_quotation(verb) \
                or verb.dep_ not in ("ROOT", "conj", "ccomp", "advcl"):
            continue  # "paused to make a remark", "who needs to make appeals": intended, not made
        statement = next((c for c in verb.children if c.dep_ == "dobj" and _says_something(c)), None)
        if statement is None or (verb.lemma_.lower() == "put" and not any(c.lower_ == "out" for c in verb.children)):
            continue
        subject = subject_of(verb)
        if subject is None or subject.dep_ not in SUBJECT_DEPS or subject.dep_ == "nsubjpass" or not can_speak(subject):
            continue
        clause = _clause_of(statement)
        introduced = _introduced(sentence, statement)
        if clause is None and introduced is None and (
                verb.lemma_ == "have" or statement.lemma_.lower() not in STATEMENT_NOUNS or _already_given(statement)):
            # "Trump made the comments Friday at ...": where a statement already reported was made; a document
            # or one someone has says something only with what it says ("an ad hitting Trump").
            continue
        content = clause and trimmed_range([t for t in clause.subtree if not (
            t.head == clause and (t.dep_ == "mark" or t.dep_ == "nsubj" and t.lower_ in ("that", "which")))])
        # 'made the following comment:' and a quotation; without a clause, what the statement is described
        # as: "a mostly positive message in the days since".
        content = content or introduced or trimmed_range(list(sentence.doc[statement.left_edge.i:sentence.end]))
        if content is None:
            continue
        return Attribution.from_source(subject, content=content, cue=f"{verb.text} {statement.text}")
    return None


def _already_given(statement: Token) -> bool:
    """"the comments", "his remarks": a statement the text has given before; not "the case" of "make the case"
    nor "the following comment"."""
    if statement.lemma_.lower() == "case" or any(c.lower_ == "following" for c in statement.children):
        return False
    return any(c.dep_ in ("det", "poss") and c.lower_ in _KNOWN for c in statement.children)


def _introduced(sentence: Span, statement: Token) -> tuple[int, int] | None:
    """What a statement ending its sentence with a colon introduces: 'Sanders made the following comment:'."""
    last = next((t for t in reversed(sentence) if not t.is_space), None)
    if last is None or last.text != ":" or last.i < statement.i:
        return None
    return what_follows(sentence, last.idx + 1)


def _says_something(noun: Token) -> bool:
    lemma = noun.lemma_.lower()
    if lemma == "case" and noun.head.lemma_.lower() != "make":
        return False  # "made the case for ...", not "sent the case back to the district court"
    if lemma in STATEMENT_NOUNS or lemma in DOCUMENT_NOUNS or noun.lower_ in DOCUMENT_NOUNS:
        return True
    return lemma in _GROUP_NOUNS and any(p.lemma_.lower() in STATEMENT_NOUNS | DOCUMENT_NOUNS
                                         for prep in noun.children if prep.lower_ == "of" for p in prep.children)


def _clause_of(noun: Token) -> Token | None:
    """What a statement or document says: a clause on it, or on the noun after "a series of"."""
    clause = next((c for c in noun.children if c.dep_ in _CLAUSE_DEPS), None)
    if clause is None and noun.lemma_.lower() in _GROUP_NOUNS:
        inner = next((p for prep in noun.children if prep.lower_ == "of" for p in prep.children), None)
        clause = next((c for c in inner.children if c.dep_ in _CLAUSE_DEPS), None) if inner is not None else None
    return clause


def statement_author(source: Token) -> Token | None:
    """Who gave the statement "according to" cites: "a speech Mrs. Clinton delivered" -> Mrs. Clinton."""
    if source.lemma_.lower() not in STATEMENT_NOUNS | {"report", "letter", "memo", "interview", "post", "tweet"}:
        return None
    clause = next((c for c in source.children if c.dep_ in ("relcl", "acl")), None)
    if clause is None:
        return None
    subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ in ("that", "which", "who") or not can_speak(subject):
        return None
    return subject


# Occasions of speaking: what the subject does "in a speech" or "in an interview" is what they say there.
OCCASION_NOUNS = frozenset({
    "statement", "interview", "speech", "tweet", "letter", "op-ed", "remarks", "address", "post", "email",
    "testimony", "essay", "column", "editorial", "appearance", "conference", "briefing", "memo", "video",
})
# Sources that speak for themselves: "In this poll, Trump rose", "In the report, the auditors ...".
FINDING_NOUNS = frozenset({"poll", "survey", "report", "study", "analysis", "ruling", "filing", "review"})


def statement_setting(sentence: Span) -> Attribution | None:
    """'In a speech in Fort Pierce, Clinton laid out her proposals' (the speaker), 'In this poll, Trump rose
    1 point' (the poll)."""
    for preposition in sentence:
        if preposition.lower_ != "in" or preposition.dep_ != "prep" or in_quotation(preposition):
            continue
        verb = preposition.head
        occasion = next((c for c in preposition.children if c.dep_ == "pobj"), None)
        if occasion is None or verb.pos_ not in ("VERB", "AUX"):
            continue
        lemma = occasion.lemma_.lower()
        if lemma in OCCASION_NOUNS:
            source = subject_of(verb)
            if source is None or source.dep_ != "nsubj" or not can_speak(source):
                continue
        elif lemma in FINDING_NOUNS and preposition.i < verb.i:
            source = occasion
        else:
            continue
        frame = {t.i for t in preposition.subtree}
        content = trimmed_range([t for t in sentence if t.i not in frame])
        if content is None:
            continue
        return Attribution.from_source(source, content=content, cue=f"in {occasion.text}")
    return None

