"""On PostgreSQL, the database itself refuses to change a published (done) run or its allocations.

The models guard save() and delete(); these triggers also cover queryset updates and raw SQL.
Only the navigation links of a run (dataset_id, method_id) may still change, so deleting an old
base data set sets them to NULL as the foreign keys say.
"""

from django.db import migrations

FORWARD = """
CREATE FUNCTION banenafspraak_run_immutable() RETURNS trigger AS $$
BEGIN
    IF OLD.status = 'done' AND (TG_OP = 'DELETE'
        OR (to_jsonb(NEW) - 'dataset_id' - 'method_id')
           IS DISTINCT FROM (to_jsonb(OLD) - 'dataset_id' - 'method_id')) THEN
        RAISE EXCEPTION 'distribution run % is published and cannot change', OLD.id;
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER banenafspraak_run_immutable BEFORE UPDATE OR DELETE ON banenafspraak_distributionrun
    FOR EACH ROW EXECUTE FUNCTION banenafspraak_run_immutable();

CREATE FUNCTION banenafspraak_allocation_immutable() RETURNS trigger AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM banenafspraak_distributionrun WHERE id = OLD.run_id AND status = 'done') THEN
        RAISE EXCEPTION 'allocations of published run % cannot change', OLD.run_id;
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER banenafspraak_allocation_immutable BEFORE UPDATE OR DELETE ON banenafspraak_regionallocation
    FOR EACH ROW EXECUTE FUNCTION banenafspraak_allocation_immutable();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS banenafspraak_allocation_immutable ON banenafspraak_regionallocation;
DROP FUNCTION IF EXISTS banenafspraak_allocation_immutable();
DROP TRIGGER IF EXISTS banenafspraak_run_immutable ON banenafspraak_distributionrun;
DROP FUNCTION IF EXISTS banenafspraak_run_immutable();
"""


def _run(sql):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return apply


class Migration(migrations.Migration):
    dependencies = [("banenafspraak", "0002_load_targets_and_method")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
