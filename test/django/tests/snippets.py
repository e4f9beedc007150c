"""Loads a snippet file from content/ as a module, by its path.

Chapter folders ("01-shape-of-a-service") are not valid package names, so
snippets are imported by file path. Every .py file under content/ must be
loaded by some test: `npm run verify` checks that no snippet goes unrun.
"""
import importlib.util
import os

CONTENT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", "content"))
_cache = {}


def load_snippet(relative_path):
    if relative_path not in _cache:
        path = os.path.join(CONTENT, relative_path)
        name = "snippet_" + relative_path.replace("/", "_").replace("-", "_").replace(".py", "")
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        _cache[relative_path] = module
    return _cache[relative_path]
