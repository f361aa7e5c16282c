"""Reading YAML input files and validating them with pydantic, with errors that name the file,
the line and the field."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from apprenance.errors import InputError, UnreadableInput

M = TypeVar("M", bound=BaseModel)


def read_utf8(path: Path) -> str:
    """The text of ``path`` (UTF-8, with or without BOM); ``UnreadableInput`` naming the file
    when it is missing, unreadable or not UTF-8."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UnreadableInput(f"{path}: no such file") from None
    except UnicodeDecodeError as exc:
        raise UnreadableInput(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise UnreadableInput(f"{path}: {exc.strerror}") from None


def read_yaml(path: Path) -> tuple[Any, yaml.Node | None]:
    """The parsed document and its node tree (for line numbers)."""
    text = read_utf8(path)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError(f"{where}: invalid YAML: {problem}") from None
    except RecursionError:  # the pure-Python loader recurses once per level of nesting
        raise InputError(f"{path}: invalid YAML: nested too deeply") from None
    return data, node


def line_of(node: yaml.Node | None, loc: tuple[int | str, ...]) -> int | None:
    """The 1-based line of the value at ``loc`` in the node tree, as near as it can be found."""
    line = node.start_mark.line + 1 if node is not None else None
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            found = next((v for k, v in node.value if k.value == str(key)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
            found = node.value[key] if 0 <= key < len(node.value) else None
        else:
            found = None
        if found is None:
            break
        node = found
        line = node.start_mark.line + 1
    return line


def format_errors(path: Path, exc: ValidationError, node: yaml.Node | None) -> list[str]:
    """One message per pydantic error: ``file:line: field: message``."""
    out = []
    for err in exc.errors():
        loc = tuple(p for p in err["loc"] if isinstance(p, int | str))
        line = line_of(node, loc)
        where = f"{path}:{line}" if line else str(path)
        field = ".".join(str(p) for p in loc) or "(document)"
        out.append(f"{where}: {field}: {err['msg']}")
    return out


def load_model(path: Path, model: type[M]) -> M:
    """Read ``path`` as YAML and validate it as ``model``; raise InputError naming each problem."""
    data, node = read_yaml(path)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = format_errors(path, exc, node)
        raise InputError("\n".join(problems), details=problems) from None
