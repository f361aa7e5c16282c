"""issuing."""
