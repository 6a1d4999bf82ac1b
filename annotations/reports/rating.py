"""How a verdict reads in a published report, and its schema.org Rating.

The scale (bestRating 5, worstRating 1) says how well the evidence supports the claim:
  5 = Verified    — independent sources confirm it;
  3 = Unverified  — no independent confirmation either way (the claim may be true; it is not shown);
  1 = Disputed    — credible sources contradict it.
`alternateName` carries the label, which is what Google Fact Check Tools displays.
"""
from verify.models import FINDING_VERDICTS, Verdict

BEST_RATING = 5
WORST_RATING = 1
RATING_VALUES = {Verdict.VERIFIED: 5, Verdict.UNVERIFIED: 3, Verdict.DISPUTED: 1}
# Only findings can be published; unreviewed claims and "not a claim" cannot.
PUBLISHABLE_VERDICTS = FINDING_VERDICTS
VERDICT_LABELS = {value: label for value, label in Verdict.choices}


def verdict_label(verdict: str) -> str:
    return VERDICT_LABELS.get(verdict, verdict)
