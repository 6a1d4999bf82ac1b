"""DRF's plain-text tokens (rest_framework.authtoken, no longer installed) are deleted: their keys sat
in the database in clear and never expired. API clients log in again for a new, expiring token."""
from django.db import migrations

PLAIN_TEXT_TABLE = "authtoken_token"


def forget_plain_text_tokens(apps, schema_editor):
    connection = schema_editor.connection
    if PLAIN_TEXT_TABLE in connection.introspection.table_names():
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(PLAIN_TEXT_TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("apitokens", "0001_initial")]

    operations = [migrations.RunPython(forget_plain_text_tokens, migrations.RunPython.noop, elidable=True)]
