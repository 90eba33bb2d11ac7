"""A GIN index for the catalogue's full-text search on PostgreSQL (other databases search by containment).

The indexed expression is the one ``RecordQuerySet.search`` filters on, so the planner can use it.
"""

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS catalogue_record_search_gin ON catalogue_record "
    "USING gin (to_tsvector('simple'::regconfig, COALESCE(search_index, ''::text)))"
)
DROP = "DROP INDEX IF EXISTS catalogue_record_search_gin"


def _on_postgresql(sql: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]

    operations = [migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP))]
