"""The audit trail is append-only below the interface: the ORM refuses changes and deletions, on
PostgreSQL the table's trigger refuses them too, entries keep the actor's name as it was, and
nothing an entry points to can be deleted from under it."""
import pytest
from django.db import DatabaseError, connection, transaction
from django.db.models import ProtectedError

from annotations.selectors.history import claim_history
from annotations.services import claim_assign, review_submit
from tests.factories import AuditEntryFactory, ClaimFactory, UserFactory
from verify.audit.models import AuditAction, AuditEntry, AuditTrailImmutable

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry():
    return AuditEntryFactory()


def test_a_queryset_update_of_audit_entries_is_refused(entry):
    with pytest.raises(AuditTrailImmutable):
        AuditEntry.objects.filter(pk=entry.pk).update(action=AuditAction.CLAIM_EDIT)
    with pytest.raises(AuditTrailImmutable):
        AuditEntry.objects.update(target_id="0")
    entry.refresh_from_db()
    assert entry.action == AuditAction.CLAIM_ASSIGN


def test_a_queryset_delete_of_audit_entries_is_refused(entry):
    with pytest.raises(AuditTrailImmutable):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_saving_or_deleting_an_existing_entry_is_refused(entry):
    entry.after = {"assigned_to": "someone else"}
    with pytest.raises(AuditTrailImmutable):
        entry.save()
    with pytest.raises(AuditTrailImmutable):
        entry.delete()
    assert AuditEntry.objects.get(pk=entry.pk).after != {"assigned_to": "someone else"}


def test_an_entry_keeps_the_actors_username_when_the_user_is_renamed(reviewer, editor):
    claim = ClaimFactory()
    claim_assign(claim=claim, assignee=reviewer, actor=editor)
    review_submit(claim=claim, reviewer=reviewer, verdict="verified")
    reviewer.username, editor.username = "renamed-reviewer", "renamed-editor"
    reviewer.save()
    editor.save()

    names = set(AuditEntry.objects.filter(claim=claim).values_list("actor_username", flat=True))
    assert names == {"rita", "eddie"}
    summaries = " ".join(event.summary for event in claim_history(claim=claim))
    assert "rita" in summaries and "renamed" not in summaries


def test_a_claim_with_a_history_cannot_be_deleted_so_no_entry_loses_its_claim(reviewer):
    claim = ClaimFactory()
    review_submit(claim=claim, reviewer=reviewer, verdict="disputed")
    with pytest.raises(ProtectedError):
        claim.delete()
    with pytest.raises(ProtectedError):
        claim.article.delete()
    assert AuditEntry.objects.get(action="review.submit").claim_id == claim.pk


def test_a_user_with_audited_actions_cannot_be_deleted(entry):
    with pytest.raises(ProtectedError):
        entry.actor.delete()


@pytest.mark.integration
def test_postgresql_refuses_update_and_delete_on_the_audit_table_whoever_asks(entry):
    if connection.vendor != "postgresql":
        pytest.skip("the trigger exists on PostgreSQL only")
    table = AuditEntry._meta.db_table
    for statement in (f"UPDATE {table} SET action = 'claim.edit' WHERE id = %s",
                      f"DELETE FROM {table} WHERE id = %s"):
        with pytest.raises(DatabaseError, match="never changed or deleted"):
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(statement, [entry.pk])
    assert AuditEntry.objects.filter(pk=entry.pk, action=AuditAction.CLAIM_ASSIGN).exists()
    # Adding still works.
    AuditEntryFactory(actor=UserFactory(username="another"))
