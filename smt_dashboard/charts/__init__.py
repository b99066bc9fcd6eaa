"""Altair chart builders, one module per page domain; shared conventions live in ``common``."""
