"""`from handover.sync_sql import …` in the chapter's migrations: the SQL is
the chapter's snippet, content/12-schema-handover/django/sync_sql.py."""
from tests.snippets import load_snippet

_sql = load_snippet("12-schema-handover/django/sync_sql.py")
CREATE_SYNC_TRIGGER = _sql.CREATE_SYNC_TRIGGER
DROP_SYNC_TRIGGER = _sql.DROP_SYNC_TRIGGER
