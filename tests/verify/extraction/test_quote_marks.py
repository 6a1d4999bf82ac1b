"""Quotation marks: paired marks, nested quotes, quotations running over paragraphs, for text and tokens."""
from verify.extraction.quote_marks import quote_regions, quoted_tokens


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


def test_a_curly_quote_closed_by_a_straight_mark_ends_there():
    text = 'There was “no evidence" yet, he said.\n\n"We see no link," the mayor said. “He called it "a sham." Then”'
    assert _quoted(text) == ['“no evidence"', '"We see no link,"', '“He called it "a sham." Then”']


def test_tokens_between_the_marks_are_quoted_and_the_marks_are_not(nlp):
    doc = nlp('The mayor said "we will rebuild" today.\n\n“First part.\n\n“Second part,” she added.')
    quoted = {doc[i].text for i in quoted_tokens(doc)}
    assert {"we", "will", "rebuild", "First", "part", "Second"} <= quoted
    assert not quoted & {"mayor", "said", "today", "she", "added", '"', "”"}
