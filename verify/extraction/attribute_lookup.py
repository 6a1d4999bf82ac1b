"""The attribute ruler's matches found by table look-up: the same matches, a quarter of the CPU time.

spaCy's `attribute_ruler` (tag -> POS and morphology, and lemma exceptions) runs a `Matcher` over
every token for its ~180 rules: 12 % of the pipeline's CPU time on news articles, more than the
tagger and the lemmatizer together. Nearly all of those rules test one token for fixed values of its
tag, lower-cased form, dependency label or whether it is space ("TAG == NN", "LOWER in {is, 's} and TAG
== VBZ"), which a dictionary answers. Those are looked up here in the Doc's attribute array (with NOT_IN
and REGEX tests on the tokens found); the few others (several tokens, several patterns) still go through
a `Matcher` of their own. The result is the list spaCy's own `match` returns, in the same order, so
the ruler writes exactly the same attributes (tests/verify/extraction/test_attribute_lookup.py).
"""
from __future__ import annotations

import re
from collections import defaultdict
from itertools import product
from typing import TYPE_CHECKING

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.matcher import Matcher
from spacy.pipeline.attributeruler import set_token_attrs

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.pipeline import AttributeRuler
    from spacy.tokens import Doc

_ATTRS = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}
_COLUMNS = tuple(_ATTRS)  # the Doc array's columns, in this order


class LookupMatch:
    """A replacement for `AttributeRuler.match` on one ruler (built from its patterns as they are now)."""

    def __init__(self, ruler: "AttributeRuler"):
        self.ruler = ruler
        self.original = ruler.match
        self.rule_count = len(ruler.attrs)
        strings = ruler.vocab.strings
        # (columns tested for equality) -> {their values as the Doc array holds them (a tuple for several):
        # [(rule number, further tests)]}; rules with no equality to look up are tried on every token.
        self.tables: dict[tuple[int, ...], dict] = {}
        self.scanned: list[tuple[int, tuple]] = []
        self.match_ids = [strings.add(str(number)) for number in range(self.rule_count)]
        self.matcher = Matcher(ruler.vocab)
        self._regex_results: dict[tuple[str, int], bool] = {}
        for number, rule in enumerate(ruler.patterns):
            compiled = _single_token_rule(rule, strings)
            if compiled is None:
                self.matcher.add(self.match_ids[number], rule["patterns"])
                continue
            columns, keys, tests = compiled
            if not columns:
                self.scanned.append((number, tests))
                continue
            table = self.tables.setdefault(columns, defaultdict(list))
            for key in keys:
                table[key].append((number, tests))

    def __call__(self, doc: "Doc") -> list[tuple[int, int, int, int]]:
        if len(self.ruler.attrs) != self.rule_count:  # rules added since: spaCy's own way
            return self.original(doc)
        matches = [(int(self.ruler.vocab.strings[m_id]), m_id, start, end)
                   for m_id, start, end in self.matcher(doc, allow_missing=True, as_spans=False)]
        if not len(doc):
            return matches
        cells = doc.to_array([_ATTRS[name] for name in _COLUMNS]).T.tolist()
        match_ids = self.match_ids
        for columns, table in self.tables.items():
            keys = cells[columns[0]] if len(columns) == 1 else zip(*(cells[c] for c in columns))
            for i, key in enumerate(keys):
                found = table.get(key)
                if found:
                    matches.extend((number, match_ids[number], i, i + 1) for number, tests in found
                                   if not tests or self._passes(tests, cells, i))
        for number, tests in self.scanned:
            matches.extend((number, match_ids[number], i, i + 1) for i in range(len(doc))
                           if self._passes(tests, cells, i))
        matches.sort()
        return matches

    def _passes(self, tests: tuple, cells: list[list[int]], i: int) -> bool:
        for column, excluded, regex in tests:
            value = cells[column][i]
            if excluded is not None and value in excluded:
                return False
            if regex is not None:
                key = (regex.pattern, value)
                result = self._regex_results.get(key)
                if result is None:
                    result = self._regex_results[key] = bool(regex.search(self.ruler.vocab.strings[value]))
                if not result:
                    return False
        return True


def _single_token_rule(rule: dict, strings) -> tuple[tuple[int, ...], list, tuple] | None:
    """(columns tested for equality, keys: every combination of their values, further tests) for a rule of
    one one-token pattern on the table's attributes with fixed values, IN, NOT_IN or REGEX; None otherwise.
    A further test is (column, excluded values or None, compiled regex or None)."""
    if len(rule["patterns"]) != 1 or len(rule["patterns"][0]) != 1:
        return None
    token = rule["patterns"][0][0]
    names = sorted(token)
    if not names or any(name not in _ATTRS for name in names):
        return None
    columns, options, tests = [], [], []
    for name in names:
        value, column = token[name], _COLUMNS.index(name)
        if isinstance(value, dict):
            if len(value) != 1 or name == "IS_SPACE":
                return None
            (operator, operand), = value.items()
            if operator in ("IN", "NOT_IN") and isinstance(operand, list) \
                    and all(isinstance(item, str) for item in operand):
                cells = [_cell(name, item, strings) for item in operand]
                if operator == "IN":
                    columns.append(column)
                    options.append(cells)
                else:
                    tests.append((column, frozenset(cells), None))
            elif operator == "REGEX" and isinstance(operand, str):
                tests.append((column, None, re.compile(operand)))
            else:
                return None
        elif isinstance(value, bool if name == "IS_SPACE" else str):
            columns.append(column)
            options.append([_cell(name, value, strings)])
        else:
            return None
    # One column: its keys are the values themselves (as the look-up reads them), else tuples.
    keys = [values[0] if len(columns) == 1 else tuple(values) for values in product(*options)] if columns else []
    return tuple(columns), keys, tuple(tests)


def _cell(name: str, value: str | bool, strings) -> int:
    """The value as `Doc.to_array` gives it: 0/1 for IS_SPACE, the string's hash otherwise."""
    if name == "IS_SPACE":
        return int(value)
    return strings.add(value)


class DirectAnnotations:
    """A replacement for `AttributeRuler.set_annotations` that writes each match's attributes to its token
    without making a `Span` for it first (one per token and rule: a third of the ruler's time)."""

    def __init__(self, ruler: "AttributeRuler"):
        self.ruler = ruler
        self.original = ruler.set_annotations

    def __call__(self, doc: "Doc", matches: list[tuple[int, int, int, int]]) -> None:
        attrs, indices = self.ruler.attrs, self.ruler.indices
        for attr_id, _, start, end in matches:
            index = indices[attr_id]
            position = start + index if index >= 0 else end + index
            if not start <= position < end:  # spaCy's own way raises its error for this
                return self.original(doc, matches)
        for attr_id, _, start, end in matches:
            index = indices[attr_id]
            set_token_attrs(doc[start + index if index >= 0 else end + index], attrs[attr_id])
        return None


def attribute_lookup_install(nlp: "Language") -> None:
    """Make the pipeline's attribute ruler (if any) find its matches by look-up and write them directly."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    if not isinstance(ruler.match, LookupMatch):
        ruler.match = LookupMatch(ruler)
    if not isinstance(ruler.set_annotations, DirectAnnotations):
        ruler.set_annotations = DirectAnnotations(ruler)
