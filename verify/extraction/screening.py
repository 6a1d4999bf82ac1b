"""Screening: a sentence that only evaluates, speculates or comments is kept out of the queue.

Check-worthiness scorers learn what debates call check-worthy; news analysis ("adds a new layer of
complexity", "raises serious questions", "is a stark reminder", "analysts speculate") reads like a claim
to them and scores high. This second stage runs after whichever scorer is configured: a sentence that
carries a commentary marker and no checkable fact is scored below the cut-off and set aside, with the
reason. A checkable fact is a figure, a statement attributed to a named source, or a named actor doing
something ("General Tarnavskiy has been appointed", "strikes targeted a fuel depot in Oryol").
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from verify.extraction.attribution_subjects import clause_subject
from verify.extraction.doc_text import sentence_entities, span_text
from verify.extraction.reporting_cues import STATEMENT_LEMMAS
from verify.claim_kinds import SetAsideReason

# Verbs whose subject is a thing or a development, not a source: "the deployment signals a shift".
COMMENTARY_VERBS = frozenset({
    "signal", "underscore", "underline", "highlight", "illustrate", "reflect", "mark", "represent",
    "symbolize", "symbolise", "epitomize", "epitomise", "exemplify", "embody", "remind", "redefine",
    "reshape", "shape", "complicate", "pose", "present", "raise", "add", "deepen", "heighten", "fuel",
    "spark", "cast", "mean", "suggest", "indicate", "demonstrate", "show", "reveal", "serve",
})
# What those verbs take when they comment rather than report: "raises questions", "adds complexity".
COMMENTARY_OBJECTS = frozenset({
    "question", "concern", "doubt", "layer", "complexity", "challenge", "reminder", "shift", "turn",
    "message", "implication", "risk", "problem", "dilemma", "threat", "fear", "uncertainty", "tension",
    "chapter", "phase", "era", "moment", "milestone", "step", "sign", "signal", "need", "importance",
    "significance", "role", "shadow", "light", "pressure", "stake", "dimension", "test",
})
# Copular predicates that evaluate: "is a stark reminder", "remains uncertain".
EVALUATIVE_PREDICATES = frozenset({
    "reminder", "testament", "sign", "signal", "symbol", "example", "turning", "shift", "blow", "setback",
    "wake", "warning", "lesson", "affront", "game", "changer", "step", "milestone", "uncertain", "unclear",
    "crucial", "critical", "vital", "essential", "important", "significant", "pivotal", "key",
    "complex", "complicated", "concerning", "worrying", "alarming", "troubling", "remarkable",
    "unprecedented", "inevitable", "likely", "unlikely", "possible", "clear", "evident", "obvious",
})
# Verbs of belief or guess: by an unnamed source they are opinion, not a report of fact.
COGNITIVE_VERBS = frozenset({
    "believe", "think", "speculate", "suspect", "fear", "feel", "see", "view", "consider", "expect",
    "wonder", "guess", "assume", "predict", "anticipate", "argue", "worry", "doubt", "hope", "suggest",
})
SPECULATIVE_MODALS = frozenset({"could", "might", "may"})
# Set phrases of commentary that no parse rule would catch.
COMMENTARY_PHRASES = (
    "watches closely", "watch closely", "remains to be seen", "remain to be seen", "only time will tell",
    "it is clear that", "there is no doubt", "the question is", "one thing is certain",
)
# Singular offices that identify one person ("the transport minister said"); plural "officials" do not.
OFFICE_NOUNS = frozenset({
    "minister", "president", "governor", "mayor", "senator", "secretary", "spokesman", "spokeswoman",
    "spokesperson", "chancellor", "director", "chief", "commissioner", "ambassador", "general", "premier",
    "chairman", "chairwoman", "chair", "ceo", "prosecutor", "judge", "commander", "head", "leader",
})
NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "EVENT", "LAW", "PRODUCT"})
NUMERIC_LABELS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_EVENT_TAGS = frozenset({"VBD", "VBN"})
_PERSONAL_PRONOUNS = frozenset({"he", "she", "they", "we", "i"})


@dataclass(frozen=True)
class Screening:
    reason: str  # "" or a SetAsideReason value
    marker: str  # the words that made it commentary ("raises … questions"), for the claim page


KEEP = Screening(reason="", marker="")


def screen_sentence(sentence: Span) -> Screening:
    """Why this sentence is commentary with no checkable fact, or KEEP."""
    marker = _speculation_marker(sentence)
    reason = SetAsideReason.SPECULATION if marker else ""
    if not marker:
        marker = _opinion_marker(sentence)
        reason = SetAsideReason.OPINION if marker else ""
    if not marker or has_checkable_fact(sentence):
        return KEEP
    return Screening(reason=reason, marker=marker)


def is_named_statement(sentence: Span) -> bool:
    """What a named source said ("According to Zelensky, …", "NATO officials stated that …"): checkable
    as a report even when the scorer, trained on debates where few sentences attribute, scores it low.
    In CheckThat! 2024 train 55% of such sentences (267) are check-worthy, against 24% of all."""
    if _according_to_named(sentence):
        return True
    for token in sentence:
        if (token.pos_ == "VERB" and token.lemma_.lower() in STATEMENT_LEMMAS
                and any(c.dep_ == "ccomp" for c in token.children)):
            subject = clause_subject(token)
            if subject is not None and subject.lower_ not in ("i", "we", "you") and (
                    subject.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or subject.pos_ == "PROPN"
                    or (subject.tag_ == "NN" and subject.lemma_.lower() in OFFICE_NOUNS)):
                return True
    return False


def has_checkable_fact(sentence: Span) -> bool:
    """A figure, a statement by a named source, or a named actor doing something."""
    entities = sentence_entities(sentence)
    if any(e.label_ in NUMERIC_LABELS and not _is_vague_number(e) for e in entities):
        return True
    for token in sentence:
        lemma = token.lemma_.lower()
        if token.pos_ not in ("VERB", "AUX"):
            continue
        if lemma in STATEMENT_LEMMAS and _named(clause_subject(token)):
            return True
        if (token.tag_ in _EVENT_TAGS and lemma not in COMMENTARY_VERBS and lemma not in COGNITIVE_VERBS
                and token.dep_ not in ("amod", "acl") and _named(clause_subject(token))):
            return True
    return _according_to_named(sentence)


def _speculation_marker(sentence: Span) -> str:
    root = sentence.root
    for token in sentence:
        lemma = token.lemma_.lower()
        if lemma in ("speculate", "guess") and token.pos_ == "VERB":
            return token.text
        if (lemma in COGNITIVE_VERBS and token.pos_ == "VERB" and token.dep_ == "ROOT"
                and not _named(clause_subject(token)) and any(c.dep_ == "ccomp" for c in token.children)):
            return f"{_subject_text(token)} {token.text}".strip()
    modal = next((c for c in root.children if c.tag_ == "MD" and c.lower_ in SPECULATIVE_MODALS), None)
    if modal is not None:
        return f"{modal.text} {root.text}"
    return ""


def _opinion_marker(sentence: Span) -> str:
    lowered = span_text(sentence).lower()
    for phrase in COMMENTARY_PHRASES:
        if phrase in lowered:
            return phrase
    root = sentence.root
    verbs = [root] + [c for c in root.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
    for verb in verbs:
        lemma = verb.lemma_.lower()
        subject = clause_subject(verb)
        if lemma in COMMENTARY_VERBS and subject is not None and not _is_source(subject):
            objects = [c for c in verb.children if c.dep_ in ("dobj", "attr", "prep", "ccomp", "xcomp", "advcl")]
            if lemma in ("signal", "underscore", "underline", "highlight", "illustrate", "reflect",
                         "symbolize", "symbolise", "epitomize", "epitomise", "exemplify", "embody",
                         "remind", "redefine", "reshape"):
                return verb.text
            for obj in objects:
                words = {t.lemma_.lower() for t in obj.subtree}
                if words & COMMENTARY_OBJECTS:
                    return f"{verb.text} … {obj.text}"
        if lemma in ("be", "remain", "become", "seem", "appear"):
            for predicate in verb.children:
                if predicate.dep_ in ("attr", "acomp") and _evaluative(predicate):
                    return f"{verb.text} {predicate.text}"
    if any(t.lower_ == "many" and t.dep_ in _SUBJECTS and t.head.lemma_.lower() in COGNITIVE_VERBS
           for t in sentence):
        return "many " + next(t.head.text for t in sentence if t.lower_ == "many" and t.dep_ in _SUBJECTS)
    return ""


def _evaluative(predicate: Token) -> bool:
    words = [predicate] + [c for c in predicate.children if c.dep_ in ("amod", "compound")]
    return any(w.lemma_.lower() in EVALUATIVE_PREDICATES for w in words)


def _subject_text(verb: Token) -> str:
    subject = clause_subject(verb)
    return "" if subject is None else " ".join(t.text for t in subject.subtree)


def _named(subject: Token | None) -> bool:
    """A subject that names its actor: an entity, a proper noun or a personal pronoun standing for one."""
    if subject is None:
        return False
    if subject.lower_ in _PERSONAL_PRONOUNS:
        return True
    head_phrase = [subject] + [c for c in subject.children if c.dep_ in ("compound", "poss", "amod", "nmod")]
    return any(t.ent_type_ in NAMED_LABELS or t.pos_ == "PROPN" for t in head_phrase)


def _is_source(subject: Token) -> bool:
    """People and organisations report; developments and things only comment ("the deployment signals")."""
    return subject.lower_ in _PERSONAL_PRONOUNS or subject.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")


def _according_to_named(sentence: Span) -> bool:
    for token in sentence:
        if token.lower_ == "according" and token.i + 1 < sentence.end and sentence.doc[token.i + 1].lower_ == "to":
            return any(t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or t.pos_ == "PROPN"
                       for t in sentence.doc[token.i + 2: min(token.i + 6, sentence.end)])
    return False


def _is_vague_number(entity: Span) -> bool:
    """'one of the largest', 'both sides', 'thousands of': no figure to check."""
    words = {t.lower_ for t in entity}
    return words <= {"one", "both", "hundreds", "thousands", "millions", "dozens", "a", "few"}
