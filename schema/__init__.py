"""pactstore's types: the one source of truth for records, provisions and their JSON Schemas.

Nothing here imports from `api/` or `loaders/`; they import from here.
"""

SCHEMA_VERSION = 1
"""Bumped whenever the database layout or a record format changes incompatibly."""
