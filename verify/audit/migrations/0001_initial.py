"""The audit trail moves from the annotations app to this one. The table stays where it is
(`annotations_auditentry`): only Django's record of which app owns the model changes."""
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

ACTIONS = [
    ("article.submit", "Article submitted"), ("article.reprocess", "Article reprocessed"),
    ("claim.assign", "Claim assigned"), ("claim.dismiss", "Claim dismissed"), ("claim.edit", "Claim edited"),
    ("claim.reopen", "Claim reopened"), ("review.submit", "Review submitted"), ("source.attach", "Source attached"),
    ("match.confirm", "Match confirmed"), ("match.reject", "Match rejected"),
    ("match.apply_verdict", "Earlier verdict applied"), ("report.create", "Report created"),
    ("report.update", "Report updated"), ("report.claims_add", "Claims added to report"),
    ("report.claims_remove", "Claims removed from report"), ("report.publish", "Report published"),
    ("report.export", "Report exported"), ("user.role_set", "Role set"),
]


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("verify", "0004_article_publisher_upper_index"),
        ("annotations", "0002_roles"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="AuditEntry",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                                   verbose_name="ID")),
                        ("action", models.CharField(choices=ACTIONS, db_index=True, max_length=64)),
                        ("target_type", models.CharField(max_length=64)),
                        ("target_id", models.CharField(max_length=64)),
                        ("before", models.JSONField(blank=True, default=dict)),
                        ("after", models.JSONField(blank=True, default=dict)),
                        ("created_at", models.DateTimeField(auto_now_add=True, db_index=True)),
                        ("actor", models.ForeignKey(blank=True, null=True,
                                                    on_delete=django.db.models.deletion.PROTECT,
                                                    related_name="+", to=settings.AUTH_USER_MODEL)),
                        ("claim", models.ForeignKey(blank=True, null=True,
                                                    on_delete=django.db.models.deletion.SET_NULL,
                                                    related_name="audit_entries", to="verify.claim")),
                    ],
                    options={
                        "db_table": "annotations_auditentry",
                        "ordering": ["-created_at", "-id"],
                        "verbose_name_plural": "audit entries",
                    },
                ),
            ],
        ),
    ]
