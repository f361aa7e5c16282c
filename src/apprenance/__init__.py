"""apprenance: recognise what people learn by doing real projects in rural territories."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
