"""Errors the desk services raise that callers (pages, API, admin) turn into a clear answer."""
from typing import Any

from django.core.exceptions import ValidationError

# How many changes the human message spells out; the `changes` attribute always holds them all.
_MESSAGE_CHANGES_LIMIT = 5


class ClaimVersionConflict(Exception):
    """A write was based on a version of the claim that is no longer current.

    `changes` lists what happened since `expected_version` (oldest first), one dict per audit entry:
    {"who", "action", "before", "after", "when", "summary"}. The API answers 409 with it.
    """

    def __init__(self, *, claim: Any, expected_version: int, current_version: int, changes: list[dict]):
        self.claim = claim
        self.expected_version = expected_version
        self.current_version = current_version
        self.changes = changes
        super().__init__(self.message)

    @property
    def message(self) -> str:
        if not self.changes:
            return (f"This claim is at version {self.current_version}, not version {self.expected_version} "
                    "as you sent. Reload and review again.")
        summaries = [change["summary"] for change in self.changes[:_MESSAGE_CHANGES_LIMIT]]
        hidden = len(self.changes) - len(summaries)
        if hidden:
            summaries.append(f"and {hidden} more change{'s' if hidden > 1 else ''}")
        return (f"This claim changed since you opened it (version {self.expected_version} → "
                f"{self.current_version}): {'; '.join(summaries)}. Reload and review again.")

    def __str__(self) -> str:
        return self.message


class ExtractionUnavailable(RuntimeError):
    """This process cannot load the extraction models (a spaCy model not installed, a missing scorer
    directory): the worker's failure, never the article's. The article is left untouched and its task
    is retried later, by a worker that can load them."""


class ReferenceNotFound(ValidationError):
    """Input names an object (an article, a claim) that does not exist. A form shows it beside its field,
    like any ValidationError; the API answers 404 with the field named, as a path naming a missing object
    would."""
