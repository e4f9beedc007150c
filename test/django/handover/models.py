"""The handover app's model is chapter 12's snippet,
content/12-schema-handover/django/models.py: an unmanaged model, so the
test database gets no table from it; the chapter's migrations (chosen per
test through MIGRATION_MODULES, see apps.py) build the table.

It is imported here as `handover.snippet`, inside this package, so Django
puts the model in the "handover" app without an `app_label` in the code
the reader sees (as jobs/models.py does for chapter 9).
"""
import importlib.util
import os
import sys

from tests import snippets

_RELATIVE = "12-schema-handover/django/models.py"
_spec = importlib.util.spec_from_file_location("handover.snippet", os.path.join(snippets.CONTENT, _RELATIVE))
_module = importlib.util.module_from_spec(_spec)
sys.modules["handover.snippet"] = _module
_spec.loader.exec_module(_module)
snippets._cache[_RELATIVE] = _module

Invoice = _module.Invoice
