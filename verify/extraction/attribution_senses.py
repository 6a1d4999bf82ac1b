"""Senses of attribution verbs: when a verb of position or saying takes a position in this sentence.

Many such verbs have common other senses: "raised concerns" states a view, "raised money" does not; "saw the
comment as a dig" does, "saw the ice" does not; "called for" does, "called in" to a show does not; "maintain"
and "add" report with a clause, never through an infinitive ("help him maintain the image").
"""
from __future__ import annotations

from spacy.tokens import Token

# Verbs that report only with a clause or a quotation: with an infinitive they do something else ("maintain
# the image", "found time to", "added to the pressure", "learned to fly").
NO_INFINITIVE_LEMMAS = frozenset({
    "maintain", "find", "show", "add", "point", "post", "answer", "observe", "learn", "know", "note", "project",
    "calculate", "repeat", "reveal", "indicate", "signal", "conclude", "state", "counter", "mention", "cite",
    "remark", "recall", "report", "explain", "describe", "confirm", "disclose",
})
# "raise" states a view only when what is raised is one: "raised concerns", not "raised money".
_RAISED_VIEWS = frozenset({
    "concern", "question", "doubt", "objection", "alarm", "issue", "possibility", "prospect", "specter", "spectre",
    "fear", "worry", "point", "suspicion", "criticism", "complaint", "argument", "idea", "flag", "eyebrow",
})
# Verbs whose other senses are common: a view only with a clause or "as" ("saw the comment as a dig", "knows
# that ..."); "saw the ice", "knows nothing", "learned from the experience", "accepted the request" are not.
_CLAUSE_SENSE_LEMMAS = frozenset({"see", "know", "learn", "accept"})
# Phrasal verbs that leave the position sense: "backed out", "called in to a show", "showed up".
_SENSE_PARTICLES = {"back": frozenset({"out", "down", "off"}), "call": frozenset({"in", "off"}),
                    "show": frozenset({"up", "off"})}
_OTHER_SENSES = frozenset({(lemma, frozenset({particle})) for lemma, particles in _SENSE_PARTICLES.items()
                           for particle in particles})


def states_a_view(verb: Token) -> bool:
    """Does this position verb take a position here? "raised concerns" (not "raised money"), "saw the comment as
    a dig" or "knows that ..." (not "saw the ice", "knows nothing"), "pushed for" (not "pushed the mound"),
    "called for" (not "called in" to a show, "backed out", "showed up")."""
    lemma = verb.lemma_.lower()
    particles = {c.lower_ for c in verb.children if c.dep_ in ("prt", "prep") and c.i > verb.i}
    phrasal = {c.lower_ for c in verb.children if c.dep_ == "prt" or c.dep_ == "prep" and c.i == verb.i + 1}
    if (lemma, frozenset(phrasal) & _SENSE_PARTICLES.get(lemma, frozenset())) in _OTHER_SENSES:
        return False
    if lemma == "raise":
        return any(c.dep_ == "dobj" and c.lemma_.lower() in _RAISED_VIEWS for c in verb.children)
    if lemma in _CLAUSE_SENSE_LEMMAS:
        regarded_as = any(p.lower_ == "as" for c in verb.children if c.dep_ == "dobj" for p in c.children)
        return "as" in particles or regarded_as or any(
            c.dep_ in ("ccomp", "oprd") or c.dep_ == "mark" and c.lower_ == "as"  # "as we saw in 2009, ..."
            for c in verb.children)
    if lemma == "push":
        return bool(particles & {"for", "back"}) or any(c.dep_ in ("ccomp", "xcomp") for c in verb.children)
    return True
