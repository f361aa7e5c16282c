"""Problems found in catalog files, as data: what is wrong and where (file and line, or the
concept's URI), in French or English; and reading YAML with its node tree and duplicate keys."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from apprenance.contracts.yaml_input import read_yaml
from apprenance.errors import CatalogError
from apprenance.i18n import t
from apprenance.i18n.phrases import Phrase


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
    ``header`` is the key of the message that introduces the list. The error keeps the
    problems: ``CatalogError.text(lang)`` tells them in the reader's language."""
    errors = errors_of(problems)
    if errors:
        lines = [p.text(lang) for p in errors]
        phrase = Phrase(header, count=len(errors))
        raise CatalogError(phrase.text(lang) + "\n" + "\n".join(lines), details=lines,
                           header=phrase, problems=errors)


# --- YAML with line numbers and duplicate keys ----------------------------------------------


@dataclass(frozen=True)
class YamlDoc:
    """A YAML file read once: its data, its node tree (for lines) and its duplicate keys."""

    path: Path
    data: Any
    node: yaml.Node | None
    duplicates: list[tuple[tuple[str, ...], str, int, int]]  # (parent path, key, line, first)


def read_yaml_doc(path: Path, *, lang: str = "en") -> YamlDoc:
    """Read ``path`` with the one bounded YAML reader (dates left as text: the catalog reads
    them itself, so that a wrong date is a located problem rather than a crash); raise
    ``InputError`` with ``file:line`` when it is not valid YAML or is refused."""
    data, node = read_yaml(path, lang=lang, dates_as_text=True)
    duplicates: list[tuple[tuple[str, ...], str, int, int]] = []
    _find_duplicates(node, duplicates)
    return YamlDoc(path, data, node, duplicates)


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
