"""No models: the chapter's migrations carry their own state (see apps.py)."""
