"""Shared pieces of attribution: the result type, claimant noun phrases and content ranges."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from verify.extraction.attribution_nouns import INFORMATION_NOUNS, ORGANISATION_NOUNS, SPEAKER_NOUNS
from verify.extraction.doc_text import doc_text
from verify.extraction.quote_marks import quoted_tokens

PRONOUNS = frozenset({"it", "they", "he", "she", "this", "that", "these", "those", "we", "i", "you", "there"})
# Children that belong to a claimant's description, not to its name ("John Smith, the mayor, who ...",
# "Trump this week").
CLAIMANT_EXCLUDED_DEPS = frozenset({"relcl", "acl", "appos", "advcl", "punct", "cc", "parataxis", "case", "npadvmod"})
SUBJECT_DEPS = ("nsubj", "nsubjpass")
TRAILING_PUNCTUATION = frozenset({".", ",", ";", ":", "!", "?", "—", "–", "-", "…"})
NON_CLAIMANTS = frozenset({"it", "there", "which", "that", "what"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
# Inside a quotation "I think ..." is the quoted speaker's own claim: the speaker wins.
SPEAKER_RELATIVE = frozenset({"i", "we", "you", "me", "us"})
DASHES = frozenset({"―", "—", "–"})
QUOTE_CHARS = "“”\"«»"
SPEAKER_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it", "who"})
SPEAKER_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
SPEAKER_SUFFIXES = ("er", "ers", "or", "ors", "ist", "ists", "ian", "ians", "ant", "ants", "ent", "ents")
# "-ment" nouns are events and states ("the deployment", "the involvement"), never speakers.
NON_SPEAKER_SUFFIXES = ("ment", "ments")
# Words for a part of a group ("one of the doctors", "some of his aides"): speakers when the group is.
PARTITIVES = frozenset({"one", "some", "many", "most", "few", "several", "two", "three", "none", "all", "each"})
# Pronouns that stand for someone; "it" may be the fact itself ("it shows that ...").
PERSONAL_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "you", "who"})


def _lexicon_noun(head: Token, lexicon: frozenset[str]) -> bool:
    return head.lower_ in lexicon or head.lemma_.lower() in lexicon


def verb_lemma(token: Token, lexicon: frozenset[str]) -> str | None:
    """The token's lemma if it is in the lexicon; the small model's lemmatiser misses some
    ("hoped" -> "hop"), so regular inflections of the word itself are tried too."""
    lemma = token.lemma_.lower()
    if lemma in lexicon:
        return lemma
    word = token.lower_
    for suffix, restore in (("d", ""), ("ed", ""), ("s", ""), ("es", ""), ("ing", ""), ("ing", "e")):
        if word.endswith(suffix) and word[:-len(suffix)] + restore in lexicon:
            return word[:-len(suffix)] + restore
    return None


def can_speak(head: Token) -> bool:
    """Is this noun a person or body that can hold a position? ("This revelation adds" is not.)"""
    if head.lower_ in SPEAKER_PRONOUNS or head.ent_type_ in SPEAKER_ENTITIES or head.pos_ == "PROPN":
        return True
    if head.lower_ in PARTITIVES:
        # "One of the docs who sent the letter called Oz a quack": a part of a group that can speak.
        return any(can_speak(p) for prep in head.children if prep.lower_ == "of" for p in prep.children
                   if p.dep_ == "pobj")
    if head.pos_ != "NOUN":
        return False
    return _lexicon_noun(head, SPEAKER_NOUNS) or (
        head.lower_.endswith(SPEAKER_SUFFIXES) and not head.lower_.endswith(NON_SPEAKER_SUFFIXES))


def is_someone(head: Token, *, with_clause: bool) -> bool:
    """A subject that can be the source of "X shows/signals/raises ...": someone, not an event or a fact.

    A body speaking as one ("the alliance") counts only with a reported clause ("signalled that ...");
    "the alliance signals a clear message" describes the alliance, it does not quote it.
    """
    if head.lower_ in PERSONAL_PRONOUNS or head.ent_type_ in SPEAKER_ENTITIES or head.pos_ == "PROPN":
        return True
    if head.pos_ != "NOUN" or (_lexicon_noun(head, ORGANISATION_NOUNS) and not with_clause):
        return False
    return _lexicon_noun(head, SPEAKER_NOUNS) or _lexicon_noun(head, INFORMATION_NOUNS)


def in_quotation(token: Token) -> bool:
    """Is the token inside quotation marks? Quoted verbs are content, not frames."""
    return token.i in quoted_tokens(token.doc)


@dataclass(frozen=True)
class Attribution:
    claimant: str  # the name a fact-checker would write, or an unnamed source's words ("military experts")
    claimant_start: int | None  # where the text names the claimant in this sentence (character offsets)
    claimant_end: int | None
    cue: str
    content_start: int  # the attributed content (character offsets in the document)
    content_end: int
    frame_droppable: bool  # True when the content reads well as a claim without "X said that"
    claimant_type: str = ""  # a verify.models.ClaimantType value; "" when nobody is named
    speaker_turn: bool = False  # a transcript's "PENCE:": the speaker says what follows, up to the next one
    named_before: bool = False  # the claimant is a pronoun for a person an earlier sentence names

    @classmethod
    def from_claimant(cls, claimant: tuple[str, int | None, int | None], *, content: tuple[int, int], cue: str,
                      frame_droppable: bool = False, speaker_turn: bool = False) -> Attribution:
        """An attribution to a claimant already named and located: (name, start, end)."""
        name, start, end = claimant
        return cls(claimant=name, claimant_start=start, claimant_end=end, cue=cue, content_start=content[0],
                   content_end=content[1], frame_droppable=frame_droppable, speaker_turn=speaker_turn)

    @classmethod
    def from_source(cls, source: Token, *, content: tuple[int, int], cue: str,
                    frame_droppable: bool = False) -> Attribution:
        """An attribution to the noun phrase headed by the source token ("NATO officials", "John Smith")."""
        return cls.from_claimant(noun_phrase(source), content=content, cue=cue, frame_droppable=frame_droppable)

    @classmethod
    def from_text(cls, first: Token, last: Token, *, content: tuple[int, int], cue: str,
                  speaker_turn: bool = False) -> Attribution:
        """An attribution to the words from `first` to `last` as written (a speaker label, a signature)."""
        start, end = first.idx, last.idx + len(last.text)
        return cls.from_claimant((doc_text(first.doc)[start:end], start, end), content=content, cue=cue,
                                 speaker_turn=speaker_turn)


def noun_phrase(head: Token) -> tuple[str, int, int]:
    """The name part of a noun phrase: "NATO officials", "John Smith" (not ", the mayor of ...")."""
    tokens = [head]
    stack = [head]
    while stack:
        for child in stack.pop().children:
            if child.dep_ in CLAIMANT_EXCLUDED_DEPS:
                continue
            tokens.append(child)
            stack.append(child)
    if head.dep_ != "conj":  # "Washington and Seoul": keep the coordinated names together
        for conj in head.conjuncts:
            if conj.i > head.i:
                tokens.extend(t for t in conj.subtree if t.dep_ not in CLAIMANT_EXCLUDED_DEPS or t.dep_ == "cc")
                tokens.extend(t for t in head.children if t.dep_ == "cc")
    first = min(tokens, key=lambda t: t.i)
    last = max(tokens, key=lambda t: t.i)
    doc = head.doc
    start, end = first.idx, last.idx + len(last.text)
    return doc_text(doc)[start:end], start, end

def outside(sentence: Span, frame_start: int, frame_end: int) -> tuple[int, int] | None:
    """Char range of the sentence on the larger side of a frame, without joining commas."""
    doc = sentence.doc
    before = [t for t in doc[sentence.start:frame_start] if not t.is_space]
    after = [t for t in doc[frame_end:sentence.end] if not t.is_space]
    side = after if len(after) >= len(before) else before
    return trimmed_range(side)

def trimmed_range(tokens: list[Token], *, min_tokens: int = 3) -> tuple[int, int] | None:
    while tokens and (tokens[0].is_space or tokens[0].is_quote or tokens[0].text in ",;:—–-"):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_space or tokens[-1].is_quote or tokens[-1].text in TRAILING_PUNCTUATION):
        tokens = tokens[:-1]
    if len(tokens) < min_tokens:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)

def reads_alone(doc, start: int, end: int) -> bool:
    words = doc_text(doc)[start:end].split()
    return len(words) >= 4 and words[0].lower().strip("“\"'") not in PRONOUNS


def what_follows(sentence: Span, position: int) -> tuple[int, int] | None:
    """Char range of what a closing colon introduces ('WALLACE: But ...', 'Caddell continued:'): the
    rest of the paragraph after `position`, or the next paragraph when nothing follows in this one."""
    text = doc_text(sentence.doc)
    stop = text.find("\n", position)
    stop = len(text) if stop < 0 else stop
    start = position
    if not text[position:stop].strip() and stop < len(text):
        start = len(text) - len(text[stop:].lstrip())
        stop = text.find("\n", start)
        stop = len(text) if stop < 0 else stop
    start += len(text[start:stop]) - len(text[start:stop].lstrip())
    stop = start + len(text[start:stop].rstrip())
    return (start, stop) if len(text[start:stop].split()) >= 3 else None
