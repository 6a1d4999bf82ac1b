"""Two reviewers at the same moment on real PostgreSQL: the row lock lets exactly one verdict through."""
import threading
import time

import pytest
from django.db import connection, transaction

from verify.errors import ClaimVersionConflict
from annotations.models import Review
from annotations.services import review_submit
from tests.factories import ClaimFactory, UserFactory
from verify.models import Claim

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def _in_thread(target, results, key):
    def run():
        try:
            results[key] = target()
        except Exception as exc:  # recorded and asserted on by the test
            results[key] = exc
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_a_second_reviewer_waits_for_the_first_and_is_refused_not_overwriting():
    assert connection.vendor == "postgresql"
    claim = ClaimFactory()
    rita, omar = UserFactory(username="rita", role="reviewer"), UserFactory(username="omar", role="reviewer")
    first_locked = threading.Event()
    results: dict = {}

    def first():
        with transaction.atomic():
            review = review_submit(claim=Claim.objects.get(pk=claim.pk), reviewer=rita, verdict="disputed",
                                   expected_version=1)
            first_locked.set()
            time.sleep(1.0)  # still uncommitted: without the row lock the second would read version 1
        return review

    def second():
        first_locked.wait(10)
        started = time.monotonic()
        try:
            return review_submit(claim=Claim.objects.get(pk=claim.pk), reviewer=omar, verdict="verified",
                                 expected_version=1)
        finally:
            results["second_waited"] = time.monotonic() - started

    threads = [_in_thread(first, results, "first"), _in_thread(second, results, "second")]
    for thread in threads:
        thread.join(30)

    assert isinstance(results["first"], Review)
    assert isinstance(results["second"], ClaimVersionConflict), results["second"]
    assert "rita set the verdict to disputed" in str(results["second"])
    assert results["second_waited"] >= 0.5  # it blocked on the lock, then saw version 2
    stored = Claim.objects.get(pk=claim.pk)
    assert (stored.verdict, stored.version) == ("disputed", 2)
    assert Review.objects.filter(claim=claim).count() == 1


def test_many_reviewers_racing_on_one_version_let_exactly_one_through():
    claim = ClaimFactory()
    reviewers = [UserFactory(username=f"racer{n}", role="reviewer") for n in range(6)]
    start = threading.Barrier(len(reviewers))
    results: dict = {}

    def submit(user):
        def run():
            start.wait(10)
            return review_submit(claim=Claim.objects.get(pk=claim.pk), reviewer=user, verdict="verified",
                                 expected_version=1)
        return run

    threads = [_in_thread(submit(user), results, user.username) for user in reviewers]
    for thread in threads:
        thread.join(30)

    outcomes = list(results.values())
    assert sum(isinstance(o, Review) for o in outcomes) == 1
    assert sum(isinstance(o, ClaimVersionConflict) for o in outcomes) == len(reviewers) - 1
    assert Claim.objects.get(pk=claim.pk).version == 2
