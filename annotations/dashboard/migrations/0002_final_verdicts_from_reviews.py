"""Fill FinalVerdict for claims reviewed before the dashboard existed: a single review was final, so a
claim holding a verdict became final at its first review giving one (and last at its latest)."""
from django.db import migrations
from django.db.models import Max, Min

BATCH = 5000


def backfill(apps, schema_editor):
    Claim = apps.get_model("verify", "Claim")
    Review = apps.get_model("annotations", "Review")
    FinalVerdict = apps.get_model("dashboard", "FinalVerdict")
    claims = Claim.objects.exclude(verdict="unreviewed").order_by("pk").values_list("pk", "verdict", "created_at")
    batch = []
    for claim_id, verdict, created_at in claims.iterator(chunk_size=BATCH):
        batch.append((claim_id, verdict, created_at))
        if len(batch) == BATCH:
            _write(Review, FinalVerdict, batch)
            batch = []
    if batch:
        _write(Review, FinalVerdict, batch)


def _write(Review, FinalVerdict, batch):
    times = {row["claim_id"]: row for row in Review.objects.filter(claim_id__in=[c for c, _, _ in batch])
             .exclude(verdict="unreviewed").values("claim_id").annotate(first=Min("created_at"), last=Max("created_at"))}
    FinalVerdict.objects.bulk_create([
        FinalVerdict(claim_id=claim_id, verdict=verdict, extracted_at=created_at, first_final_at=times[claim_id]["first"],
                     final_at=times[claim_id]["last"],
                     seconds_to_final=max(int((times[claim_id]["first"] - created_at).total_seconds()), 0))
        for claim_id, verdict, created_at in batch if claim_id in times
    ], ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("dashboard", "0001_initial"), ("annotations", "0003_auditentry_moved")]
    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
