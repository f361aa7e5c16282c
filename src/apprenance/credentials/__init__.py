"""Credentials: contexts, canonicalization, signing, verification (one module per concern)."""
