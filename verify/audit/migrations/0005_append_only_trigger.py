"""PostgreSQL refuses UPDATE and DELETE on the audit table, whoever asks (the ORM guard in
verify/audit/models.py covers SQLite). TRUNCATE is left to the table's owner: test databases are
emptied that way between tests, and an owner can drop a trigger anyway."""
from django.db import migrations

TABLE = "annotations_auditentry"
FUNCTION = "audit_entry_refuse_change"
TRIGGER = "audit_entry_append_only"

CREATE = f"""
CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'Audit entries are never changed or deleted (% on % refused)', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER {TRIGGER} BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION {FUNCTION}();
"""
DROP = f"DROP TRIGGER IF EXISTS {TRIGGER} ON {TABLE}; DROP FUNCTION IF EXISTS {FUNCTION}();"


def _on_postgresql(sql: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, None)  # no parameters: the % signs are PL/pgSQL's
    return run


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_actor_username_and_protection")]

    operations = [migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP))]
