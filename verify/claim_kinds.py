"""Kinds of claimant and of set-aside sentence: enumerations extraction writes without needing Django's
app registry (verify.models re-exports them for everything else)."""
from django.db import models


class ClaimantType(models.TextChoices):
    """Who a claim is attributed to. Blank: nobody in the text (the article states it itself)."""
    PERSON = "person", "Person"
    ORGANISATION = "organisation", "Organisation"
    # "reports", "analysts", "officials said": a source the text does not name; never shown or
    # published as a claimant's name.
    UNNAMED = "unnamed", "Unnamed source"


class SetAsideReason(models.TextChoices):
    """Why extraction kept a sentence out of the queue although it read like a claim. Such claims are
    stored (the article view and the claim page show them with the reason), never deleted."""
    OPINION = "opinion", "Opinion or analysis: it evaluates or comments and states no checkable fact"
    SPECULATION = "speculation", "Speculation: it guesses or predicts and states no checkable fact"
