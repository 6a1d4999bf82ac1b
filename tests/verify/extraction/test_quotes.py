"""Multi-sentence quotations: the speaker named once near a quote owns its sentences, not the writer's."""
from verify.extraction import extract_claims


def test_the_writers_own_i_keeps_its_sentence_out_of_a_quoted_speaker(nlp):
    text = ('Once, when my mother mentioned the devil to me, I laughed and said, "I don\'t believe in the devil." '
            'She became so upset that she shouted, "You will regret this."')
    claims = extract_claims(text, threshold=0.0)
    writer = next(c for c in claims if "laughed" in c.sentence)
    assert writer.claimant == "I"
    assert text[writer.claimant_start:writer.claimant_end] == "I"


def test_a_speaker_is_not_taken_from_a_quote_the_parser_saw_running_on():
    text = ('At the briefing, the mayor also said that there was “no evidence" yet that it was an attack.\n\n'
            '"We do not see a link to terrorism," the mayor said, adding that it would take more hours.')
    claim = next(c for c in extract_claims(text, threshold=0) if "link to terrorism" in c.sentence)
    assert text[claim.claimant_start:claim.claimant_end] == "the mayor"
    assert claim.claimant_start > text.index("We do not")


def test_a_phrase_in_quotation_marks_does_not_make_the_writers_sentence_a_quote():
    text = ('The senator called the governor a "pathological liar" and a "bully," aides said. '
            'The governor unloaded on him in return, yoking him with the nickname "Lyin\' Ted."')
    claim = next(c for c in extract_claims(text, threshold=0) if c.sentence.startswith("The governor"))
    assert claim.claimant != "aides"
