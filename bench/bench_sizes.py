"""Credential sizes (issue 19): the files ``apprenance demo`` writes, per format, and a CLR.

Run ``apprenance demo`` into a folder, then ``apprenance --home DIR clr LEARNER --out F``, then::

    PYTHONPATH=src .venv/bin/python bench/bench_sizes.py DIR/credentials F

It prints, per format, the count and the median / largest / total bytes of the files, the
compact JSON size of the OB 3.0 credentials, and what their bytes are spent on.
"""

from __future__ import annotations

import json
import statistics
import sys
from collections import Counter
from pathlib import Path

from machine import describe

FORMATS = (".ob3.json", ".ob3.jwt", ".png", ".svg", ".ob2.json", ".ob2.png", ".ob2.svg")


def _kind(name: str) -> str | None:
    for suffix in sorted(FORMATS, key=len, reverse=True):
        if name.endswith(suffix):
            return suffix
    return None


def _compact(value: object) -> int:
    return len(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def main(credentials: Path, clr: Path | None) -> None:
    print(describe())
    sizes: dict[str, list[int]] = {f: [] for f in FORMATS}
    parts: Counter[str] = Counter()
    compact: list[int] = []
    for path in sorted(credentials.glob("*/*")):
        kind = _kind(path.name)
        if kind is None:
            continue
        sizes[kind].append(path.stat().st_size)
        if kind == ".ob3.json":
            doc = json.loads(path.read_text(encoding="utf-8"))
            compact.append(_compact(doc))
            for key, value in doc.items():
                parts[key] += _compact(value)
            image = doc["credentialSubject"]["achievement"].get("image")
            parts["(achievement.image)"] += _compact(image) if image else 0
    print(f"{'format':<12}{'files':>7}{'median':>10}{'max':>10}{'total':>12}")
    for kind, found in sizes.items():
        if found:
            print(f"{kind:<12}{len(found):>7}{statistics.median(found):>10.0f}"
                  f"{max(found):>10}{sum(found):>12}")
    if compact:
        print(f"OB 3.0 compact JSON: median {statistics.median(compact):.0f}, "
              f"max {max(compact)}, total {sum(compact)}")
        total = sum(compact)
        for key, n in parts.most_common(6):
            print(f"  {key:<22}{n:>10} {100 * n / total:5.1f} %")
    if clr is not None:
        doc = json.loads(clr.read_text(encoding="utf-8"))
        nested = doc["credentialSubject"]["verifiableCredential"]
        print(f"CLR {clr.name}: file {clr.stat().st_size}, compact {_compact(doc)}, "
              f"{len(nested)} credentials, data: URIs {clr.read_text().count('data:')}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else None)
