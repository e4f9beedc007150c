"""The CI check on Django's side: the model's fields against the table the
migrations built (after the handover, migrations that TypeScript runs)."""
# region drift
from django.db import connection


def drift(model):
    """Every column the model declares that the table lacks or disagrees on."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        columns = {
            c.name: c.null_ok
            for c in connection.introspection.get_table_description(cursor, table)
        }
    problems = []
    for field in model._meta.concrete_fields:
        if field.column not in columns:
            problems.append(f"{table}.{field.column}: missing")
        elif columns[field.column] != field.null:
            expected = "nullable" if field.null else "NOT NULL"
            problems.append(f"{table}.{field.column}: expected {expected}")
    return problems
# endregion
