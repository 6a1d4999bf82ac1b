"""How a verdict reads in a published report, and its schema.org Rating.

The numeric scale (worstRating 1, bestRating 5) says how the evidence bears on the claim, and only the
two findings that rest on evidence sit on it:
  5 = Verified  — independent sources confirm it;
  1 = Disputed  — credible sources contradict it.
Unverified is not a point on that scale: a middle value (3 of 5) reads as "half true" to Google and to
readers, and "we could not confirm it" says nothing about how true the claim is. It is published with its
label (`alternateName`, which Google displays) and the explanation, and no ratingValue, bestRating or
worstRating. RATING_SCALE is the explanation every public page shows.
"""
from verify.models import FINDING_VERDICTS, Verdict

BEST_RATING = 5
WORST_RATING = 1
RATING_VALUES = {Verdict.VERIFIED: BEST_RATING, Verdict.DISPUTED: WORST_RATING}
# Only findings can be published; unreviewed claims and "not a claim" cannot.
PUBLISHABLE_VERDICTS = FINDING_VERDICTS
VERDICT_LABELS = {value: label for value, label in Verdict.choices}
RATING_MEANINGS = {
    Verdict.VERIFIED: "independent sources confirm the claim",
    Verdict.UNVERIFIED: "we could not confirm or refute the claim with independent sources; this says "
                        "nothing about whether it is true",
    Verdict.DISPUTED: "credible sources contradict the claim",
}
# (label, "5 of 5" or "", meaning), in the order the public pages list them.
RATING_SCALE = [
    (VERDICT_LABELS[verdict],
     f"{RATING_VALUES[verdict]} of {BEST_RATING}" if verdict in RATING_VALUES else "not rated numerically",
     RATING_MEANINGS[verdict])
    for verdict in (Verdict.VERIFIED, Verdict.UNVERIFIED, Verdict.DISPUTED)
]


def verdict_label(verdict: str) -> str:
    return VERDICT_LABELS.get(verdict, verdict)


def verdict_rating(verdict: str, explanation: str = "") -> dict:
    """The schema.org Rating for a verdict: numeric for Verified and Disputed, a label only for Unverified."""
    rating = {"@type": "Rating", "alternateName": verdict_label(verdict)}
    if verdict in RATING_VALUES:
        rating.update(ratingValue=RATING_VALUES[verdict], bestRating=BEST_RATING, worstRating=WORST_RATING)
    if explanation:
        rating["ratingExplanation"] = explanation
    return rating
