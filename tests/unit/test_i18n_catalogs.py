"""Every text for people exists in French and English: each catalog entry has both, and every
key the code or a page template names literally is in a catalog (``t()`` would otherwise
print the key itself)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from apprenance.i18n import LANGS, MESSAGES

SRC = Path(__file__).resolve().parents[2] / "src" / "apprenance"
CALLS = {"t", "t_plural", "msg", "t_msg", "core_t"}
KEY = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")
TEMPLATE_KEY = re.compile(r"""\bt\(\s*["']([a-z0-9_.]+)["']""")


def keys_in_python(source: str) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else \
            node.func.attr if isinstance(node.func, ast.Attribute) else ""
        first = node.args[0]
        if name in CALLS and isinstance(first, ast.Constant) and isinstance(first.value, str) \
                and KEY.match(first.value):
            found.add(first.value)
    return found


def used_keys() -> dict[str, str]:
    used: dict[str, str] = {}
    for path in SRC.rglob("*.py"):
        if "data" in path.relative_to(SRC).parts:
            continue
        for key in keys_in_python(path.read_text(encoding="utf-8")):
            used.setdefault(key, str(path.relative_to(SRC)))
    for path in (SRC / "web" / "templates").glob("*.html"):
        for key in TEMPLATE_KEY.findall(path.read_text(encoding="utf-8")):
            if KEY.match(key):
                used.setdefault(key, str(path.relative_to(SRC)))
    return used


def test_every_entry_has_both_languages() -> None:
    partial = {key: sorted(entry) for key, entry in MESSAGES.items()
               if any(not entry.get(lang, "").strip() for lang in LANGS)}
    assert partial == {}


def test_every_key_the_code_names_is_in_a_catalog() -> None:
    missing = {key: where for key, where in used_keys().items() if key not in MESSAGES}
    assert missing == {}


def test_the_scan_sees_a_missing_key() -> None:
    source = 'from apprenance.i18n import t\nt("nowhere.at_all", "fr")\nx.t("a.b", "en")\n'
    assert keys_in_python(source) == {"nowhere.at_all", "a.b"}
    assert len(used_keys()) > 150  # the scan reads the real code
