"""The jobs app's models are chapter 9's snippet,
content/09-what-python-does-better/django/jobs.py.

It is imported here as `jobs.snippet`, inside this package, so Django puts
its model in the "jobs" app without an `app_label` in the code the reader
sees; the copy is also what the chapter's tests get from load_snippet().
"""
import importlib.util
import os
import sys

from tests import snippets

_RELATIVE = "09-what-python-does-better/django/jobs.py"
_spec = importlib.util.spec_from_file_location("jobs.snippet", os.path.join(snippets.CONTENT, _RELATIVE))
_module = importlib.util.module_from_spec(_spec)
sys.modules["jobs.snippet"] = _module
_spec.loader.exec_module(_module)
snippets._cache[_RELATIVE] = _module

Job = _module.Job
