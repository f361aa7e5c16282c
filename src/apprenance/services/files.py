"""The ``--out`` folder of ``apprenance issue`` (and ``revoke``, ``clr``), written safely.

Layout (docs/credentials.md)::

    DIR/
      <learner-id>-<participant>/          one folder per learner
        <badge>.ob3.json                   OpenBadgeCredential, Data Integrity proof
        <badge>.ob3.jwt                    the same credential as a VC-JWT
        <badge>.png  <badge>.svg           badge image baked with the OB 3.0 credential
        <badge>.ob2.json                   OB 2.0 hosted assertion
        <badge>.ob2.png  <badge>.ob2.svg   badge image baked with the OB 2.0 assertion
        clr-<pathway>.json                 ClrCredential (``apprenance clr``)
      public/                              what the public URL must serve, path for path
        achievements/ issuers/ ob2/

Every file is written to a temporary name in its folder, then renamed over the target: a
reader (a web server, a sync) never sees half a file. Batches call ``flush_to_disk`` once per
chunk, before recording the chunk in the store, rather than one ``fsync`` per file (which
cost more than signing): after a crash, what the store says was issued is on disk.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from apprenance.errors import ConfigError

_UNSAFE = re.compile(r"[^A-Za-z0-9._+@-]+")


def write_bytes(path: Path, data: bytes, *, mode: int = 0o644, fsync: bool = False) -> Path:
    """Write ``data`` to ``path`` atomically (temporary file, rename; ``fsync`` on request)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                if fsync:
                    handle.flush()
                    os.fsync(handle.fileno())
            os.chmod(tmp, mode)
            os.replace(tmp, path)
        except BaseException:  # cleanup, then re-raise (even KeyboardInterrupt)
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise ConfigError(f"cannot write {path}: {exc.strerror or exc}") from None
    return path


def flush_to_disk() -> None:
    """Make every file written so far durable (one ``sync`` for a whole chunk)."""
    os.sync()


def write_text(path: Path, text: str) -> Path:
    return write_bytes(path, text.encode("utf-8"))


def dump_json(document: Any) -> str:
    """The JSON text of a written document (UTF-8, indented, stable)."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def write_json(path: Path, document: Any) -> Path:
    return write_text(path, dump_json(document))


def learner_folder(out: Path, learner_id: int, participant: str) -> Path:
    """``DIR/<id>-<participant>``, with anything unsafe in a file name replaced."""
    safe = _UNSAFE.sub("_", participant.strip().lower()).strip("._") or "learner"
    return out / f"{learner_id}-{safe[:80]}"


def badge_file(folder: Path, badge: str, suffix: str) -> Path:
    """``<folder>/<badge><suffix>`` (``.ob3.json``, ``.png`` ...), the badge id made safe."""
    safe = _UNSAFE.sub("_", badge).strip("._") or "badge"
    return folder / f"{safe}{suffix}"


def public_root(out: Path) -> Path:
    return out / "public"


def relative(paths: list[Path], out: Path) -> list[str]:
    """Paths as shown in reports: relative to the output folder when inside it."""
    shown = []
    for path in paths:
        try:
            shown.append(str(path.relative_to(out)))
        except ValueError:
            shown.append(str(path))
    return shown


def check_out_dir(out: Path) -> Path:
    """The output folder, created if needed; ``ConfigError`` when it is a file or read-only."""
    if out.exists() and not out.is_dir():
        raise ConfigError(f"--out {out} is a file, not a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"cannot create {out}: {exc.strerror or exc}") from None
    if not os.access(out, os.W_OK):
        raise ConfigError(f"cannot write in {out}")
    return out
