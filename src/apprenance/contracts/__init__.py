"""Pydantic models at the boundaries: input files, API bodies, output documents."""
