"""Screening keeps commentary out of the queue and lets every checkable fact through."""
import pytest

from verify.extraction.pipeline import claims_from_doc
from verify.extraction.scoring import NAMED_STATEMENT_FLOOR, screened_scores
from verify.extraction.screening import is_named_statement, screen_sentence
from verify.models import SetAsideReason

COMMENTARY = {
    "The arrival of the foreign brigades signals a decisive change in the army's strategy.": SetAsideReason.OPINION,
    "The participation of the navy in the blockade raises troubling legal questions.": SetAsideReason.OPINION,
    "This disclosure adds another layer of complexity to a dispute that has dragged on for years.":
        SetAsideReason.OPINION,
    "The new treaty is a sobering reminder of how fragile the region's balance has become.": SetAsideReason.OPINION,
    "For the government, the dependence on imported grain reflects deeper structural problems.":
        SetAsideReason.OPINION,
    "As the talks enter their final week, the world watches closely.": SetAsideReason.OPINION,
    "Commentators speculate that the minister is preparing a leadership bid.": SetAsideReason.SPECULATION,
    "Economists believe that the central bank is increasingly worried about inflation.":
        SetAsideReason.SPECULATION,
    "This shift in alliances could have far-reaching consequences for the whole continent.":
        SetAsideReason.SPECULATION,
}

FACTS = [
    # A figure, even in a hedged and speculative frame.
    "Reports suggest that as many as 11,000 soldiers could be stationed near the border.",
    # A statement by a named source.
    "According to Zelensky, the brigades could soon be deployed along the whole front line.",
    "NATO officials said the pact threatens the security of the Euro-Atlantic region.",
    # A named actor doing something datable.
    "General Anna Weber has been appointed to lead the defence of the northern region.",
    "The ministry signed the agreement with Poland on Monday.",
]


@pytest.mark.parametrize("sentence,reason", COMMENTARY.items())
def test_commentary_without_a_checkable_fact_is_set_aside_with_its_reason(nlp, sentence, reason):
    screening = screen_sentence(nlp(sentence)[:])
    assert screening.reason == reason
    assert screening.marker


@pytest.mark.parametrize("sentence", FACTS)
def test_sentences_with_a_checkable_fact_are_kept(nlp, sentence):
    assert screen_sentence(nlp(sentence)[:]).reason == ""


class EveryoneChecksWorthy:
    """Scores every sentence 0.8, so only screening decides what is set aside."""
    name = "constant"

    def score(self, sentences):
        return [0.8] * len(sentences)


def test_set_aside_sentences_are_extracted_below_the_cut_off_with_the_reason(nlp):
    text = ("The army moved 5,000 troops to the border in May, the defence ministry said. "
            "The deployment of the reserve brigades signals a significant shift in the war's strategy.")
    claims = claims_from_doc(nlp(text), scorer=EveryoneChecksWorthy())
    kept = [c for c in claims if not c.set_aside]
    aside = [c for c in claims if c.set_aside]
    assert [c.sentence for c in kept] == ["The army moved 5,000 troops to the border in May, the defence ministry said."]
    assert kept[0].score == 0.8
    assert [c.set_aside for c in aside] == [SetAsideReason.OPINION]
    assert aside[0].score == 0.4


@pytest.mark.parametrize("sentence,named", [
    ("According to Zelensky, the brigades could soon be moved to other sectors.", True),
    ("The transport minister said that repairs to the bridge would finish in March.", True),
    ("NATO stated that the pact threatens the region.", True),
    ("Officials said that repairs would finish in March.", False),  # an unnamed source
    ("I said that we would finish the bridge.", False),  # a debater's own promise
])
def test_a_named_sources_statement_is_recognised(nlp, sentence, named):
    assert is_named_statement(nlp(sentence)[:]) is named


class NobodyChecksWorthy:
    name = "constant"

    def score(self, sentences):
        return [0.1] * len(sentences)


def test_a_named_sources_statement_is_queued_whatever_the_scorer_says(nlp):
    spans = [nlp("The transport minister said that repairs to the bridge would finish in March.")[:],
             nlp("Officials said that repairs would finish in March.")[:]]

    [named, unnamed] = screened_scores(spans, scorer=NobodyChecksWorthy())

    assert named.score == NAMED_STATEMENT_FLOOR >= 0.5 and named.set_aside == ""
    assert unnamed.score == 0.1


def test_a_position_whose_holder_the_sentence_names_itself_is_left_to_the_scorer(nlp):
    spans = [nlp("Senator Anna Berg wants the bridge rebuilt by March.")[:],
             nlp('"We will rebuild the bridge by March," she said.')[:],  # nobody named before her
             nlp("I said that we would rebuild the bridge by March.")[:]]

    assert [s.score for s in screened_scores(spans, scorer=NobodyChecksWorthy())] == [0.1, 0.1, 0.1]


def test_a_pronoun_resolved_to_a_person_named_before_carries_the_floor(nlp):
    text = 'Mayor Anna Berg visited the bridge on Monday. "We will rebuild it by March," she said.'

    claims = claims_from_doc(nlp(text), scorer=NobodyChecksWorthy())

    assert [(c.claimant, c.score) for c in claims] == [("Anna Berg", NAMED_STATEMENT_FLOOR)]


def test_a_quote_carried_over_from_a_speaker_named_in_the_next_sentence_carries_the_floor(nlp):
    text = '"The money is there. We will rebuild the bridge by March," said Anna Berg, the project director.'

    claims = claims_from_doc(nlp(text), scorer=NobodyChecksWorthy())

    assert [(c.claimant, c.score) for c in claims] == [("Anna Berg", NAMED_STATEMENT_FLOOR)] * 2
    assert claims[0].sentence == '"The money is there.'
