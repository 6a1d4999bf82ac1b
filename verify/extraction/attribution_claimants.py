"""Who the claimant is: a person, an organisation or an unnamed source, named as a fact-checker would.

The type comes from the claimant's head: its named entity (PERSON; ORG, GPE, NORP), a pronoun resolved
to the last person named before it, or its noun ("the spokesman" is a person, "the ministry" an
organisation, "military experts" an unnamed source). Officials of a named institution speak for it: "NATO officials",
"U.S. officials", "officials at the Pentagon" are typed as an organisation (the claimant's words kept, so
the reader still sees that no one is named), while "officials" alone, "Russian officials" (a nationality)
or "military experts" stay unnamed. Job titles are dropped from a person's name
("Ukrainian President Volodymyr Zelensky" -> "Volodymyr Zelensky"), and a role gives way to the name
in apposition ("An attorney for Pagliano, Mark MacDougall" -> "Mark MacDougall"). The span stays where this
sentence names the claimant (the pronoun itself when it was resolved).
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from verify.extraction.attribution_nouns import INFORMATION_NOUNS, ORGANISATION_NOUNS, PERSON_NOUNS, UNNAMED_NOUNS
from verify.extraction.attribution_spans import Attribution, in_quotation, noun_phrase
from verify.extraction.attribution_subjects import relative_referent
from verify.extraction.doc_text import sentence_entities
from verify.claim_kinds import ClaimantType

ORGANISATION_ENTITIES = frozenset({"ORG", "GPE", "NORP"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
FIRST_PERSON = frozenset({"i", "me"})
# "a spokesman said" is nobody in particular; "the spokesman said" is the one the article means.
INDEFINITE = frozenset({"a", "an", "another", "one", "some", "any", "several", "many"})
# How far back a pronoun looks for the person it stands for.
ANTECEDENT_SENTENCES = 3
# Who speaks for the body named beside them ("NATO officials", "a White House spokesperson" is a person).
INSTITUTION_SPEAKERS = frozenset({"official", "spokespeople", "representative"})
# Claimants that do not say who: the speaker themself ("I said"), or a pronoun no earlier name resolved.
UNIDENTIFIED = PERSON_PRONOUNS | FIRST_PERSON | frozenset({"we", "us", "you", "they", "them", "it"})


def reported_from_named_source(sentence: Span, attribution: Attribution | None) -> bool:
    """Does the article go on reporting what a person or organisation it named before said? A quotation
    whose speaker is named in a sentence next to it ('"The money is there," the mayor said' for the
    quote's first sentence), or a pronoun standing for a person named in an earlier sentence ("Berg
    visited the site. ... she said"). A reporter's "he said" then carries the named source's claim.

    A source named in the sentence itself is left to the scorer and `screening.is_named_statement`: in
    debates, speakers characterise each other ("Senator Kennedy says we are for the status quo") and such
    sentences are rarely check-worthy, so a floor for them lowers check-worthiness F1 (bench/README.md)."""
    if attribution is None or attribution.claimant_type not in (ClaimantType.PERSON, ClaimantType.ORGANISATION) \
            or attribution.claimant.lower() in UNIDENTIFIED:
        return False
    start = attribution.claimant_start
    return attribution.named_before or start is not None and not sentence.start_char <= start < sentence.end_char


def typed_claimant(sentence: Span, attribution: Attribution | None) -> Attribution | None:
    """The attribution with its claimant named and typed (unchanged when nobody is named)."""
    if attribution is None or not attribution.claimant or attribution.claimant_start is None:
        return attribution
    span = sentence.doc.char_span(attribution.claimant_start, attribution.claimant_end, alignment_mode="expand")
    if span is None or not len(span):
        return attribution
    head = span.root
    referent = relative_referent(head.head, head) if head.dep_ == "nsubj" else None
    if referent is not None:
        return _typed_by_referent(attribution, referent)
    if head.lower_ in PERSON_PRONOUNS:
        antecedent = _antecedent(head)
        name = antecedent.text if antecedent is not None else attribution.claimant
        return replace(attribution, claimant=name, claimant_type=ClaimantType.PERSON,
                       named_before=antecedent is not None and antecedent.start < head.sent.start)
    named = _name_in_apposition(span)
    if head.ent_type_ != "PERSON" and named is not None:
        # "An attorney for Pagliano, Mark MacDougall, said": the name, found where the role is.
        name = _entity_of(named)
        return replace(attribution, claimant=name.text, claimant_end=name.end_char, claimant_type=ClaimantType.PERSON)
    if head.ent_type_ == "PERSON" and not any(t.dep_ == "conj" for t in span):
        name = _entity_of(head)
        return replace(attribution, claimant=name.text, claimant_start=name.start_char,
                       claimant_end=name.end_char, claimant_type=ClaimantType.PERSON)
    if _named_person_elsewhere(span, head):
        return replace(attribution, claimant_type=ClaimantType.PERSON)
    return replace(attribution, claimant_type=_type_of(span, head))


def _named_person_elsewhere(span: Span, head: Token) -> bool:
    """'Trump this week also said' with "Trump" misread as an organisation: a bare name that the article
    names as a person elsewhere ("Donald Trump") is that person."""
    if not head.is_title or len(span) > 2 or any(t.ent_type_ == "PERSON" for t in span):
        return False
    return any(e.label_ == "PERSON" and e[-1].text == head.text for e in span.doc.ents)


def _typed_by_referent(attribution: Attribution, referent: Token) -> Attribution:
    """'the Chicago Police Department, which reported ...': named and typed by the noun, located at "which"."""
    if referent.dep_ == "attr":
        # "Kaine is a former lawyer who is an opponent of ...": the lawyer is the copula's subject.
        subject = next((c for c in referent.head.children if c.dep_ == "nsubj"), None)
        referent = subject if subject is not None and subject.ent_type_ == "PERSON" else referent
    if referent.ent_type_ == "PERSON":
        return replace(attribution, claimant=_entity_of(referent).text, claimant_type=ClaimantType.PERSON)
    _, start, end = noun_phrase(referent)
    phrase = referent.doc.char_span(start, end, alignment_mode="expand")
    return replace(attribution, claimant_type=_type_of(phrase, referent))


def _type_of(span: Span, head: Token) -> str:
    word = head.lower_
    lemma = head.lemma_.lower()
    if head.ent_type_ == "PERSON" or word in FIRST_PERSON:
        return ClaimantType.PERSON
    if head.ent_type_ in ORGANISATION_ENTITIES:
        return ClaimantType.ORGANISATION
    if word in UNNAMED_NOUNS:
        return ClaimantType.ORGANISATION if _speaks_for_institution(head) else ClaimantType.UNNAMED
    if word in INFORMATION_NOUNS or lemma in INFORMATION_NOUNS:
        # "a New York Times report" is the Times'; "reports suggest" names nobody.
        named = [t for t in span if t.i != head.i and t.ent_type_ in ORGANISATION_ENTITIES | {"PERSON"}]
        return ClaimantType.ORGANISATION if named else ClaimantType.UNNAMED
    if word in PERSON_NOUNS or lemma in PERSON_NOUNS:
        determiner = next((c.lower_ for c in head.children if c.dep_ in ("det", "nummod")), "")
        return ClaimantType.UNNAMED if determiner in INDEFINITE or head.tag_ == "NNS" else ClaimantType.PERSON
    if word in ORGANISATION_NOUNS or lemma in ORGANISATION_NOUNS:
        return ClaimantType.ORGANISATION
    if head.pos_ == "PROPN":
        # A name the recogniser missed: a speaker label ("WALLACE:") or a signature is a person.
        return ClaimantType.PERSON if head.is_upper or len(span) <= 3 else ClaimantType.ORGANISATION
    named = {t.ent_type_ for t in span if t.ent_type_}
    if named & ORGANISATION_ENTITIES and not named & {"PERSON"}:
        return ClaimantType.ORGANISATION
    return ClaimantType.UNNAMED  # "the ad", "they", "a narrator": the text does not say who


def _speaks_for_institution(head: Token) -> bool:
    """'NATO officials', 'officials at the Pentagon': unnamed officials of a named body speak for it."""
    if head.lemma_.lower() not in INSTITUTION_SPEAKERS:
        return False
    named = [c for c in head.children if c.dep_ == "compound"] + [
        p for prep in head.children if prep.dep_ == "prep" and prep.lower_ in ("at", "from", "of", "in")
        for p in prep.children if p.dep_ == "pobj"]
    return any(t.ent_type_ in ("ORG", "GPE") for t in named)


def _name_in_apposition(span: Span) -> Token | None:
    """The person named right after a role: "the project director, Anna Berg, said"."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].text != ",":
        return None
    name = doc[span.end + 1]
    return name if name.ent_type_ == "PERSON" and name.ent_iob_ == "B" else None


def _entity_of(token: Token) -> Span:
    """The PERSON entity containing the token: the name without the title before it."""
    doc = token.doc
    start = end = token.i
    while start > 0 and doc[start - 1].ent_type_ == "PERSON" and doc[start].ent_iob_ != "B":
        start -= 1
    while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I" and doc[end + 1].ent_type_ == "PERSON":
        end += 1
    return doc[start:end + 1]


def _antecedent(pronoun: Token) -> Span | None:
    """The person a "he"/"she" stands for: the last person named before it, preferring a subject of the
    last few sentences."""
    sentence = pronoun.sent
    people: list[Span] = []
    for _ in range(ANTECEDENT_SENTENCES + 1):
        people = [e for e in sentence_entities(sentence) if e.label_ == "PERSON" and e.end <= pronoun.i] + people
        if sentence.start == 0:
            break
        sentence = pronoun.doc[sentence.start - 1].sent
    if not people:
        # Further back: the last person the article named (a reporter writes "he" only for someone named).
        return next((e for e in reversed(pronoun.doc.ents) if e.label_ == "PERSON" and e.end <= sentence.start), None)
    # A name inside quotation marks is someone the quoted speaker talks about ('Trump said: "Did Crooked Hillary
    # help Alicia M become a citizen?" He offered no proof'): the speaker is the one the writer goes on with.
    people = [e for e in people if not in_quotation(e.root) or in_quotation(pronoun)] or people
    subjects = [e for e in people if e.root.dep_ in ("nsubj", "nsubjpass")]
    return (subjects or people)[-1]
