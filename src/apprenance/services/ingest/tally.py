"""What an ingest did: counts, the rejections shown and notes, per run and per file."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

REJECTIONS_SHOWN = 10_000  # rejections listed in a report (all are stored)


@dataclass
class Tally:
    """What an ingest did, in the shape of ``apprenance ingest --json``."""

    accepted: int = 0
    duplicates: int = 0
    rejected: int = 0
    unmapped: int = 0
    rejections: list[dict[str, Any]] = field(default_factory=list)
    notes: list[dict[str, Any]] = field(default_factory=list)  # {"file", "note", "reason"}
    # per file: {"file", "accepted", "duplicates", "rejected", "unmapped"}
    files: list[dict[str, Any]] = field(default_factory=list)

    def counts(self) -> tuple[int, int, int, int]:
        return self.accepted, self.duplicates, self.rejected, self.unmapped

    def count_file(self, label: str, before: tuple[int, int, int, int]) -> None:
        """Record what the file ``label`` did: the counts since ``before``."""
        done = [now - then for now, then in zip(self.counts(), before, strict=True)]
        self.files.append(dict(zip(("file", "accepted", "duplicates", "rejected", "unmapped"),
                                   [label, *done], strict=True)))

    def all_rejected(self) -> list[str]:
        """The files of which every row was rejected (nothing stored, nothing known)."""
        return [f["file"] for f in self.files
                if f["rejected"] and not f["accepted"] and not f["duplicates"]]

    def to_dict(self) -> dict[str, Any]:
        return {"accepted": self.accepted, "duplicates": self.duplicates,
                "rejected": self.rejected, "unmapped": self.unmapped,
                "rejections": self.rejections, "notes": self.notes, "files": self.files}
