"""The subject of a verb: the clause's grammatical subject, and the speaker a reporting verb names.

`clause_subject` is the parser's subject (inherited along "xcomp"/"conj" chains): screening asks whether a
clause's actor is named. `subject_of` is the speaker, which the parser's subject is not always: a quoted
title ('said on “Fox and Friends.”'), a dateline ("WASHINGTON -- President Obama ... said"), a relative
pronoun ("observers, who warn") or a passive ("it was reported by X") each point elsewhere.
"""
from __future__ import annotations

from spacy.tokens import Token

from verify.extraction.attribution_spans import (
    DASHES, NON_CLAIMANTS, RELATIVE_PRONOUNS, SUBJECT_DEPS, can_speak, in_quotation, noun_phrase,
)


def clause_subject(verb: Token) -> Token | None:
    """The grammatical subject of the verb's clause, inherited from the verb it extends ("has been
    appointed and will lead": both are the general's)."""
    while verb.dep_ in ("xcomp", "conj", "aux", "auxpass") and not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        if verb.head is verb:
            break
        verb = verb.head
    return next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)


def compound_subject(noun: Token) -> Token | None:
    """'The Clinton campaign plans to employ ...' tagged as a noun phrase: the root "plans" is a verb with a clause
    or an infinitive, and the compound before it ("campaign") is its subject, when it can speak."""
    if noun.pos_ != "NOUN" or noun.dep_ != "ROOT" or noun.tag_ != "NNS" \
            or not any(c.dep_ in ("xcomp", "ccomp") and c.i > noun.i for c in noun.children):
        return None
    compound = next((c for c in noun.children if c.dep_ == "compound" and c.i == noun.i - 1), None)
    return compound if compound is not None and can_speak(compound) else None


def subject_of(verb: Token) -> Token | None:
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS] or [
        c for c in (compound_subject(verb),) if c is not None]
    if not in_quotation(verb) and any(in_quotation(c) for c in subjects):
        # 'said on “Fox and Friends.”': a quoted title is no speaker; the name after the quote is.
        subjects = [c for c in subjects if not in_quotation(c)] or _name_after_quote(verb)
    if len(subjects) > 1:
        # '"One of the brightest members," Rep. Cummings said': the quote is parsed as a second subject.
        subjects.sort(key=lambda s: (not can_speak(s), abs(s.i - verb.i)))
    subject = subjects[0] if subjects else None
    if subject is not None and _is_dateline(subject):
        # "WASHINGTON -- President Obama ... said": the dateline is no speaker, the name after it is.
        subject = next((c for c in subject.children if c.dep_ == "appos"), None)
    if subject is None and (controller := _object_controller(verb)) is not None:
        # "The senator forced Stumpf to admit that ...": Stumpf admits, not the senator.
        return controller
    if subject is None and verb.dep_ in ("advcl", "conj", "xcomp") and verb.tag_ in ("VBG", "VBN", "VB", "VBD", "VBZ"):
        # "NATO officials have expressed concerns, stating that ...": the subject is inherited.
        return subject_of(verb.head)
    if subject is None and verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.dep_ == "prep" \
            and verb.head.head.pos_ in ("VERB", "AUX"):
        # "Dean began by saying ...", "Trump was defensive, refusing ...": a gerund after a preposition is
        # done by the subject of the verb the preposition belongs to.
        return subject_of(verb.head.head)
    if (subject is None or not can_speak(subject)) and verb.dep_ == "ROOT" and verb.tag_ in ("VBD", "VBZ", "VBP"):
        # Also when the parser's subject cannot speak ("With 50 days until the election, Minyon Moore, ...,
        # called": "election" was taken for the subject).
        return _name_before(verb) or subject
    return subject


# Verbs that make or let someone do something: the object has not done it ("requires candidates to disclose").
_OBLIGING_LEMMAS = frozenset({
    "require", "compel", "oblige", "obligate", "mandate", "allow", "permit", "enable", "order", "instruct",
    "direct", "authorize", "authorise", "empower", "entitle", "force",
})


def _object_controller(verb: Token) -> Token | None:
    """The object that does what an infinitive after it says: "forced Stumpf to admit", "needs more voters to
    judge him" (someone who can speak, not "raised money to"). A gerund is the subject's own ("attacked
    Trump, saying ...")."""
    if verb.dep_ not in ("xcomp", "advcl") or verb.tag_ != "VB" \
            or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    head = verb.head
    if head.lemma_.lower() in _OBLIGING_LEMMAS:
        return None  # "requires all candidates to disclose": what is required is not yet said
    obj = next((c for c in head.children if c.dep_ == "dobj" and c.i < verb.i), None)
    return obj if obj is not None and can_speak(obj) and obj.lower_ not in NON_CLAIMANTS else None


def _name_before(verb: Token) -> Token | None:
    """'With 50 days to go, Minyon Moore, a senior adviser to the campaign, called ...' parsed without a
    subject: the name just before the verb, or before an apposition set off by commas, is its subject."""
    doc = verb.doc
    end = verb.i - 1
    while end >= verb.sent.start and doc[end].dep_ in ("aux", "neg", "advmod"):
        end -= 1
    if end >= verb.sent.start and doc[end].text == ",":
        opening = next((t.i for t in reversed(doc[verb.sent.start:end]) if t.text == ","), None)
        end = opening - 1 if opening is not None else end
    token = doc[end] if end >= verb.sent.start else None
    if token is None or token.ent_type_ not in ("PERSON", "ORG") or token.ent_iob_ == "B" and \
            end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
        return None
    return token


def _is_dateline(token: Token) -> bool:
    """'WASHINGTON --' or 'LOS ANGELES, Sept. 28 (UPI) —' opening a paragraph."""
    doc = token.doc
    start = token.i
    while start > 0 and doc[start - 1].is_upper and not doc[start - 1].is_space:
        start -= 1
    if not token.is_upper or start > 0 and "\n" not in doc[start - 1].text:
        return False
    return any(t.text in DASHES | {"--"} for t in doc[token.i + 1:token.i + 9])


def _name_after_quote(verb: Token) -> list[Token]:
    """'"...," Flynn, a top Trump surrogate, said': the first name between the closing quote and the verb."""
    doc = verb.doc
    start = verb.sent.start
    closing = max((t.i for t in doc[start:verb.i] if t.is_quote), default=None)
    if closing is None:
        return []
    names = [t for t in doc[closing + 1:verb.i] if t.ent_type_ in ("PERSON", "ORG")]
    if not names:
        return []
    last = names[0]
    while last.i + 1 < verb.i and doc[last.i + 1].ent_iob_ == "I":
        last = doc[last.i + 1]
    return [last]  # the name's head is its last word


def relative_referent(verb: Token, subject: Token) -> Token | None:
    """The noun a relative pronoun subject stands for: the clause's head noun, or, when the parser hung the
    clause elsewhere ("they turned to the Chicago Police Department which reported ..." parsed as an
    adverbial clause), the noun right before "which"/"who"."""
    if subject.lower_ not in RELATIVE_PRONOUNS:
        return None
    if verb.dep_ == "relcl":
        return verb.head if verb.head.pos_ in ("NOUN", "PROPN") else None
    before = subject.doc[subject.i - 1] if subject.i > 0 else None
    if before is not None and before.text == "," and before.i > 0:
        before = subject.doc[before.i - 1]
    if subject.lower_ != "that" and before is not None and before.pos_ in ("NOUN", "PROPN") and before.i >= verb.sent.start:
        return before
    return None


def speaker_token(verb: Token, subject: Token) -> Token:
    """The noun a relative pronoun stands for: "observers, who warn ..." -> observers."""
    return relative_referent(verb, subject) or subject


def claimant_for(verb: Token) -> tuple[str, int | None, int | None] | None:
    """Claimant of a reporting verb: its subject, or the agent of a passive ("it was said by X").

    A relative pronoun is named by the noun it stands for and located where this clause names it
    ("the police department, which reported ...": "the police department", at "which")."""
    subject = subject_of(verb)
    if subject is None:
        return None
    referent = relative_referent(verb, subject)
    if referent is not None and subject.dep_ == "nsubj":
        return noun_phrase(referent)[0], subject.idx, subject.idx + len(subject.text)
    if subject.dep_ == "nsubjpass" or subject.lower_ in NON_CLAIMANTS - {"it"}:
        agent = agent_of(verb)
        if agent is not None:
            return noun_phrase(agent)
        if subject.lower_ in NON_CLAIMANTS or subject.dep_ == "nsubjpass" and subject.lower_ == "it":
            return "", None, None  # "it was reported that ...": attributed, source unstated
    if subject.dep_ == "nsubjpass":
        return None  # "the deal was announced": the subject is the content, not the claimant
    return noun_phrase(subject)


def agent_of(verb: Token) -> Token | None:
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
