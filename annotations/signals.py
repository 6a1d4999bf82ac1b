"""Events the desk's lower layers announce so that the layers above them can react in the same
transaction without being imported: annotations.matching, annotations.dashboard and
annotations.webhooks listen (see their apps.py)."""
from django.dispatch import Signal

# A claim's text was edited (sent inside the edit's transaction): arguments `claim`.
claim_text_edited = Signal()
# A report revision was published (sent inside the publishing transaction): arguments `revision`.
report_published = Signal()
# A claim's verdict became final (sent inside the transaction with `claim` when a claim's verdict
# becomes final): arguments `claim`. Sent only by annotations.services.signoff.signoff_transition.
verdict_finalized = Signal()
# A reviewer's review was recorded (sent inside the review's transaction): arguments `review`.
claim_reviewed = Signal()
# Matching linked or suggested earlier documents for a claim (new links only): arguments `matches`.
matches_found = Signal()
