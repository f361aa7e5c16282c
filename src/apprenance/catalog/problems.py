"""Problems found in catalog files, as data: what is wrong and where (file and line, or the
concept's URI), in French or English; and reading YAML with its node tree and duplicate keys."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import yaml

from apprenance.contracts.yaml_input import read_utf8
from apprenance.errors import CatalogError, InputError
from apprenance.i18n import t

_BASE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BASE_LOADER):  # type: ignore[valid-type,misc]
    """The safe loader, leaving dates as text: the catalog reads them itself, so that a wrong
    date is a located problem rather than a crash."""

    yaml_implicit_resolvers: ClassVar[dict[Any, list[tuple[str, Any]]]] = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in _BASE_LOADER.yaml_implicit_resolvers.items()
    }


@dataclass(frozen=True)
class Problem:
    """One problem: ``code`` names its kind (its message is ``catalog.problem.<code>``)."""

    code: str
    file: str = ""
    line: int | None = None
    subject: str = ""  # a concept URI, an activity id, a badge id ...
    key: str = ""  # the field of a YAML entry (activities.x.pillars)
    params: dict[str, Any] = field(default_factory=dict)
    severity: str = "error"  # "error" stops the catalog from loading; "warning" does not

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def where(self) -> str:
        """``file:line``, else ``file: subject``, else the subject alone."""
        if self.file and self.line:
            return f"{self.file}:{self.line}"
        if self.file and self.subject:
            return f"{self.file}: <{self.subject}>"
        return self.file or f"<{self.subject}>"

    def message(self, lang: str = "en") -> str:
        return t(f"catalog.problem.{self.code}", lang, **self.params)

    def text(self, lang: str = "en") -> str:
        """The problem as one line for people: ``where: field: message``."""
        parts = [self.where()]
        if self.key:
            parts.append(self.key)
        parts.append(self.message(lang))
        return ": ".join(parts)

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {
            "severity": self.severity,
            "code": self.code,
            "file": self.file or None,
            "line": self.line,
            "subject": self.subject or None,
            "field": self.key or None,
            "message": self.message(lang),
            "text": self.text(lang),
        }

    def __str__(self) -> str:
        return self.text("en")


def split_source(source: str) -> tuple[str, int | None]:
    """``"file:12"`` -> ``("file", 12)``; a source without a line -> ``(source, None)``."""
    head, _, tail = source.rpartition(":")
    return (head, int(tail)) if head and tail.isdigit() else (source, None)


def in_reading_order(problems: list[Problem]) -> list[Problem]:
    """``problems`` file by file (in the order the files first appear), line by line."""
    rank: dict[str, int] = {}
    for problem in problems:
        rank.setdefault(problem.file, len(rank))
    return sorted(problems, key=lambda p: (rank[p.file], p.line or 0))


def errors_of(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.is_error]


def raise_if_errors(
    problems: list[Problem], *, lang: str = "en", header: str = "catalog.invalid"
) -> None:
    """Raise ``CatalogError`` listing every error of ``problems`` (warnings do not count);
    ``header`` is the key of the message that introduces the list."""
    errors = errors_of(problems)
    if errors:
        lines = [p.text(lang) for p in errors]
        header = t(header, lang, count=len(errors))
        raise CatalogError(header + "\n" + "\n".join(lines), details=lines)


# --- YAML with line numbers and duplicate keys ----------------------------------------------


@dataclass(frozen=True)
class YamlDoc:
    """A YAML file read once: its data, its node tree (for lines) and its duplicate keys."""

    path: Path
    data: Any
    node: yaml.Node | None
    duplicates: list[tuple[tuple[str, ...], str, int, int]]  # (parent path, key, line, first)


def read_yaml_doc(path: Path) -> YamlDoc:
    """Read ``path``; raise ``InputError`` with ``file:line`` when it is not valid YAML."""
    text = read_utf8(path)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        _refuse_expansion(path, node)
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError(f"{where}: invalid YAML: {problem}") from None
    except RecursionError:  # the pure-Python loader, on deep nesting
        raise InputError(f"{path}: invalid YAML: nested too deeply") from None
    finally:
        loader.dispose()
    duplicates: list[tuple[tuple[str, ...], str, int, int]] = []
    _find_duplicates(node, duplicates)
    return YamlDoc(path, data, node, duplicates)


MAX_NODES = 200_000  # values in a document once its aliases are expanded


def _refuse_expansion(path: Path, node: yaml.Node | None) -> None:
    """``InputError`` when the document, with every ``*alias`` expanded, holds more than
    ``MAX_NODES`` values: "billion laughs", or an anchor that contains its own alias."""
    todo = [node] if node is not None else []
    count = 0
    while todo:
        count += 1
        if count > MAX_NODES:
            raise InputError(f"{path}: invalid YAML: more than {MAX_NODES} values once its "
                             "aliases (*name) are expanded, or an alias inside its own anchor")
        item = todo.pop()
        if isinstance(item, yaml.MappingNode):
            for key, value in item.value:
                todo += (key, value)
        elif isinstance(item, yaml.SequenceNode):
            todo += item.value


def _find_duplicates(
    root: yaml.Node | None, out: list[tuple[tuple[str, ...], str, int, int]]
) -> None:
    """The keys written twice in a mapping, in reading order (each node visited once, so an
    alias does not repeat what its anchor said)."""
    todo: list[tuple[yaml.Node, tuple[str, ...]]] = [(root, ())] if root is not None else []
    visited: set[int] = set()
    while todo:
        node, at = todo.pop()
        if id(node) in visited:
            continue
        visited.add(id(node))
        children: list[tuple[yaml.Node, tuple[str, ...]]] = []
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key, value in node.value:
                name = str(key.value)
                line = key.start_mark.line + 1
                if name in seen:
                    out.append((at, name, line, seen[name]))
                else:
                    seen[name] = line
                children.append((value, (*at, name)))
        elif isinstance(node, yaml.SequenceNode):
            children = [(item, (*at, str(i))) for i, item in enumerate(node.value)]
        todo += reversed(children)


def line_at(doc: YamlDoc, loc: tuple[int | str, ...]) -> int | None:
    """The line where ``loc`` is written: the line of its key in a mapping, of the item in a
    list (as near as it can be found; the document's first line for ``()``)."""
    node = doc.node
    line = node.start_mark.line + 1 if node is not None else None
    for step in loc:
        if isinstance(node, yaml.MappingNode):
            pair = next(((k, v) for k, v in node.value if str(k.value) == str(step)), None)
            if pair is None:
                break
            line, node = pair[0].start_mark.line + 1, pair[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int | str):
            index = int(step) if str(step).isdigit() else -1
            if not 0 <= index < len(node.value):
                break
            node = node.value[index]
            line = node.start_mark.line + 1
        else:
            break
    return line
