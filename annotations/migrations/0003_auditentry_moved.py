"""The audit trail now belongs to the `audit` app (verify.audit); its table is left untouched."""
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("annotations", "0002_roles"), ("audit", "0001_initial")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[migrations.DeleteModel(name="AuditEntry")],
        ),
    ]
