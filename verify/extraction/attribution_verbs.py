"""Attribution by verbs: "X said that Y", "Y, X said", "it was reported that Y", "X called for Y".

Verbs outside quotation marks frame the sentence before any verb inside them: in '"I think we will
win," Smith said', Smith is the claimant and "I think" is part of what Smith said.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from verify.extraction.attribution_spans import (
    NON_CLAIMANTS, SUBJECT_DEPS, Attribution, can_speak, in_quotation, is_someone, reads_alone,
    trimmed_range, verb_lemma, what_follows,
)
from verify.extraction.attribution_senses import NO_INFINITIVE_LEMMAS, states_a_view
from verify.extraction.attribution_subjects import (
    agent_of, claimant_for, compound_subject, speaker_token, subject_of,
)
from verify.extraction.reporting_cues import (
    BELIEF_LEMMAS, EVIDENTIAL_LEMMAS, FRAME_ONLY_LEMMAS, POSITION_LEMMAS, REPORTING_LEMMAS, SPEECH_LEMMAS,
)

# Children of a speech verb that belong to its frame ('..., Smith said on Friday in an interview.').
_FRAME_DEPS = SUBJECT_DEPS + ("aux", "neg", "prt", "npadvmod", "advmod", "prep", "agent", "dative", "dobj")
_FRAME_OPENERS = frozenset({",", ":"})
_EMBEDDED_DEPS = frozenset({"relcl", "acl"})
# Negated, these report silence, not a claim: "The Kremlin did not respond", "Trump did not unveil plans".
_SILENCE_LEMMAS = frozenset({
    "respond", "reply", "answer", "comment", "return", "say", "unveil", "release", "disclose", "reveal", "offer",
    "provide", "specify", "detail", "explain", "elaborate",
})
_CANDIDATE_LEMMAS = REPORTING_LEMMAS | SPEECH_LEMMAS | BELIEF_LEMMAS
_SAYING_LEMMAS = REPORTING_LEMMAS | SPEECH_LEMMAS
# Verbs of talking state a position only with what was talked about: "spoke about the plan", not
# "spoke for five minutes" or "was speaking Friday in Fort Wayne".
_TALK_LEMMAS = frozenset({"speak", "talk"})
_TOPIC_PREPOSITIONS = frozenset({"about", "on", "of", "against", "out"})


def _depth(token: Token) -> int:
    return sum(1 for _ in token.ancestors)


def _frame_range(verb: Token) -> tuple[int, int]:
    """Token range of a speech frame: the subject, the verb and what follows it up to the content."""
    frame = [verb] + [t for c in verb.children
                      if c.dep_ in _FRAME_DEPS and (c.dep_ in SUBJECT_DEPS or c.i > verb.i or c.dep_ in ("aux", "neg"))
                      for t in c.subtree]
    return min(t.i for t in frame), max(t.i for t in frame)


def _is_parenthetical_frame(sentence: Span, verb: Token) -> bool:
    """A speech frame set off from the quote it reports: '..., the source added.', '"...," Scott said,
    "..."', 'Acts of protest, Mr. Obama said, are ...', 'She continued: "..."', 'Said Ellis: "..."'."""
    if verb_lemma(verb, SPEECH_LEMMAS) is None or in_quotation(verb) or verb.dep_ in _EMBEDDED_DEPS:
        return False  # "the department, which reported 2,521 incidents, said ...": a relative clause
    first, last = _frame_range(verb)
    doc = sentence.doc
    before = next((t for t in reversed(doc[sentence.start:first]) if not t.is_space), None)
    after = [t for t in doc[last + 1:sentence.end] if not t.is_space]
    closing = not [t for t in after if not t.is_punct]
    if before is None:  # the frame opens the sentence: it must introduce a quotation
        return bool(after) and (after[0].text == ":" or after[0].text == "," and len(after) > 1 and after[1].is_quote)
    if not (before.text == "," or before.is_quote):
        return False
    return closing or after[0].text in _FRAME_OPENERS or after[0].is_quote


def _verb_like(token: Token) -> bool:
    """A verb, or a verb the tagger took for a noun ("Trump claims that ...": a root with a subject; "The
    Clinton campaign plans to employ ...": a root with a clause, its subject taken for a compound)."""
    return token.pos_ in ("VERB", "AUX") or token.pos_ == "NOUN" and token.dep_ == "ROOT" and (
        any(c.dep_ == "nsubj" for c in token.children) or compound_subject(token) is not None)


def reporting_verb(sentence: Span) -> Attribution | None:
    candidates = [t for t in sentence if _verb_like(t) and verb_lemma(t, _CANDIDATE_LEMMAS)
                  and (verb_lemma(t, FRAME_ONLY_LEMMAS) is None or _is_parenthetical_frame(sentence, t))]
    for quoted in (False, True):
        verbs = sorted((t for t in candidates if in_quotation(t) == quoted), key=_depth)
        attribution = _framing_verb(sentence, verbs) or _position_verb(sentence, quoted=quoted)
        if attribution is not None:
            return attribution
    return None


def _framing_verb(sentence: Span, verbs: list[Token]) -> Attribution | None:
    """A frame set off by commas or quotes frames the whole sentence; otherwise the reporting verb
    nearest the root does, and nested ones are content."""
    for verb in verbs:
        if _is_parenthetical_frame(sentence, verb):
            attribution = _speech_without_clause(sentence, verb)
            if attribution is not None:
                return attribution
    # The sentence's own root verb of saying frames it even when the parser gave it no clause ("Brunner
    # ... said many of the examples ... failed to note that ..."): a verb inside what it says does not.
    roots = [verb for verb in verbs if verb.dep_ == "ROOT"]
    for verbs_tried in (roots, verbs):
        for pattern in (_from_verb, _speech_without_clause, _passive_agent):
            for verb in verbs_tried:
                if pattern is _speech_without_clause and verb_lemma(verb, SPEECH_LEMMAS) is None:
                    continue
                attribution = pattern(sentence, verb)
                if attribution is not None:
                    return attribution
    return None


def _position_verb(sentence: Span, *, quoted: bool) -> Attribution | None:
    """'Mr. Trump has called for taxing pass-through income': a stated position, content = the object."""
    verbs = [t for t in sentence if (t.pos_ == "VERB" or _verb_like(t)) and verb_lemma(t, POSITION_LEMMAS)
             and (t.dep_ in ("ROOT", "conj", "advcl", "xcomp", "ccomp") or _set_off_relative(t))
             and in_quotation(t) == quoted]
    for verb in sorted(verbs, key=_depth):
        if verb.lemma_.lower() in _TALK_LEMMAS and not any(
                c.dep_ in ("prep", "prt") and c.lower_ in _TOPIC_PREPOSITIONS for c in verb.children):
            continue
        if not states_a_view(verb):
            continue
        attribution = _speech_without_clause(sentence, verb)
        if attribution is not None and attribution.claimant.lower() not in NON_CLAIMANTS - {"it"}:
            return attribution
    return None


def _set_off_relative(verb: Token) -> bool:
    """'the Saudi government, which has strongly denied any involvement': a relative clause set off by a
    comma says what its noun holds; "the man who called the police" only says which man."""
    if verb.dep_ != "relcl":
        return False
    pronoun = next((c for c in verb.children if c.dep_ == "nsubj" and c.lower_ in ("who", "which")), None)
    return pronoun is not None and pronoun.i > 0 and verb.doc[pronoun.i - 1].text == ","


def _credible(verb: Token, *, with_clause: bool, strict: bool) -> bool:
    """Can the verb's subject be a source? "This revelation adds", "The deployment signals" cannot."""
    subject = subject_of(verb)
    if subject is None or subject.dep_ == "nsubjpass":
        return True  # passives are judged by their agent
    speaker = speaker_token(verb, subject)
    if verb_lemma(verb, EVIDENTIAL_LEMMAS):
        return is_someone(speaker, with_clause=with_clause)
    return can_speak(speaker) if strict else True


def _negated(verb: Token) -> bool:
    """'The Kremlin did not respond' is negated; in '"Probably not," Ms. Moore said' the "not" is quoted."""
    for child in verb.children:
        if child.dep_ == "neg":
            low, high = sorted((child.i, verb.i))
            if not any(t.is_punct for t in verb.doc[low:high]):
                return True
    return False


def _cue_text(verb: Token) -> str:
    cue_tokens = [verb] + [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg", "prt")
                           and not (c.dep_ == "neg" and not _negated(verb))]
    return " ".join(t.text for t in sorted(cue_tokens, key=lambda t: t.i))


def _from_verb(sentence: Span, verb: Token) -> Attribution | None:
    content_head = next((c for c in verb.children if c.dep_ in ("ccomp", "parataxis")), None) or next(
        (c for c in verb.children if c.dep_ == "xcomp"), None)
    if content_head is None and verb.dep_ == "ROOT":
        # "The economy grew, the minister said." is sometimes parsed with the clause as the head.
        content_head = next((c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i), None)
    if content_head is None or not _credible(verb, with_clause=content_head.dep_ == "ccomp", strict=False):
        return None
    if content_head.dep_ == "xcomp" and verb_lemma(verb, NO_INFINITIVE_LEMMAS) is not None:
        return None  # "help Mr. Putin maintain the image", "found time to": no view in an infinitive
    if verb_lemma(verb, _SAYING_LEMMAS) is None and (content_head.dep_ != "ccomp" or not any(
            c.dep_ == "nsubj" for c in verb.children)):
        return None  # "feel free to call", "left them feeling that": a belief only its holder states, with its clause
    claimant = claimant_for(verb)
    if claimant is None:
        return None
    content_tokens = [t for t in content_head.subtree if not (t.dep_ == "mark" and t.head == content_head
                                                              and t.lower_ in ("that", "whether", "if"))]
    while content_tokens and (content_tokens[0].is_punct or content_tokens[0].is_quote or content_tokens[0].is_space):
        content_tokens = content_tokens[1:]
    content = trimmed_range(content_tokens)
    if content is None:
        return None
    return Attribution.from_claimant(
        claimant, content=content, cue=_cue_text(verb),
        frame_droppable=content_head.dep_ == "ccomp" and bool(claimant[0] or "report" in verb.lemma_)
        and reads_alone(sentence.doc, *content),
    )


def _speech_without_clause(sentence: Span, verb: Token) -> Attribution | None:
    """'"We will win," he said.' or 'he said, "..."': the content is the rest of the sentence."""
    if _negated(verb) and verb_lemma(verb, _SILENCE_LEMMAS) or not _credible(verb, with_clause=False, strict=True):
        return None  # "The Kremlin did not respond"; "This revelation adds ..."
    if verb.dep_ in _EMBEDDED_DEPS and not _set_off_relative(verb) and not in_quotation(verb) \
            and not any(c.dep_ == "dobj" and c.lower_ in ("it", "so", "this") for c in verb.children):
        return None  # "a company that had declared bankruptcy", "taxpayers reporting gains": which one, not what said
    if _byline(verb):
        return None
    claimant = claimant_for(verb)
    if claimant is None or not claimant[0]:
        return None
    # A quotation parsed as a second subject ('Full panic mode," said Leslie Wimes') is content, not frame.
    frame = {verb.i} | {t.i for c in verb.children if c.dep_ in SUBJECT_DEPS + ("aux", "prt")
                        and not (c.dep_ in SUBJECT_DEPS and in_quotation(c) and not in_quotation(verb))
                        for t in c.subtree}
    rest = [t for t in sentence if t.i not in frame]
    content = trimmed_range(rest, min_tokens=2)  # '"Probably not," Ms. Moore said.'
    colon = next((t for t in reversed(sentence) if not t.is_space), None)
    if content is None and colon is not None and colon.text == ":":
        content = what_follows(sentence, colon.idx + 1)  # 'Caddell continued:' and a quoted paragraph
    if content is None:
        return None
    return Attribution.from_claimant(claimant, content=content, cue=_cue_text(verb))


def _byline(verb: Token) -> bool:
    """'Julie Davis reported from Midway Atoll', 'Bryant Rousseau contributed reporting': who wrote the article."""
    if verb.lemma_.lower() != "report":
        return False
    return verb.dep_ == "dobj" or any(c.dep_ == "prep" and c.lower_ == "from" for c in verb.children) \
        and not any(c.dep_ in ("dobj", "ccomp") for c in verb.children)


def _passive_agent(sentence: Span, verb: Token) -> Attribution | None:
    """'The registration issue was first reported by The Washington Post.': the agent is the source."""
    agent = agent_of(verb)
    if agent is None or verb.tag_ != "VBN" or not can_speak(agent) or verb_lemma(verb, _SAYING_LEMMAS) is None:
        return None
    by = agent.head
    content = trimmed_range([t for t in sentence if t.i not in {x.i for x in by.subtree}])
    if content is None:
        return None
    return Attribution.from_source(agent, content=content, cue=f"{verb.text} {by.text}")
