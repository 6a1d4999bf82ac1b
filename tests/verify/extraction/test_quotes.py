"""Quotation regions: paired marks, nested quotes, quotations running over paragraphs."""
from verify.extraction import extract_claims
from verify.extraction.quotes import quote_regions


def _quoted(text):
    return [text[start:end] for start, end in quote_regions(text)]


def test_curly_straight_and_doubled_apostrophe_quotes_pair_up():
    text = 'He said “a sham.” She said "no." They said \'\'I can\'t breathe,\'\' as he did.'
    assert _quoted(text) == ["“a sham.”", '"no."', "''I can't breathe,''"]


def test_curly_quotes_inside_a_straight_quote_are_nested():
    assert _quoted('"PENCE: It is an episode of “Shark Tank.” But this is America." Then') == [
        '"PENCE: It is an episode of “Shark Tank.” But this is America."']


def test_a_quotation_runs_over_paragraphs_that_reopen_it():
    text = '"First paragraph of the speech.\n\n"Second one, still quoted.\n\nNarration again.'
    assert _quoted(text) == ['"First paragraph of the speech.\n\n"Second one, still quoted.']


def test_an_unclosed_quote_in_a_single_paragraph_is_ignored():
    assert _quoted('He said "this never closes.\n\nNext paragraph.') == []


def test_the_writers_own_i_keeps_its_sentence_out_of_a_quoted_speaker(nlp):
    text = ('Once, when my mother mentioned the devil to me, I laughed and said, "I don\'t believe in the devil." '
            'She became so upset that she shouted, "You will regret this."')
    claims = extract_claims(text, threshold=0.0)
    writer = next(c for c in claims if "laughed" in c.sentence)
    assert writer.claimant == "I"
    assert text[writer.claimant_start:writer.claimant_end] == "I"


def test_a_curly_quote_closed_by_a_straight_mark_ends_there():
    text = 'There was “no evidence" yet, he said.\n\n"We see no link," the mayor said. “He called it "a sham." Then”'
    assert _quoted(text) == ['“no evidence"', '"We see no link,"', '“He called it "a sham." Then”']


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
