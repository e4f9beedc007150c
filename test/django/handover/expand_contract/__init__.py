"""Migrations of the handover app for one test (MIGRATION_MODULES)."""
