"""One person, one identifier: the written form of a participant identifier (an email or a
handle), the same whichever way it was typed, and the look-alikes refused.

``normalise_identifier`` is the one place where an identifier is normalised; every importer
(CSV, JSON Lines, xAPI), the territory file and every lookup of a learner go through it:

- Unicode NFKC: full-width letters (``ｌｅａ``) become ASCII, a decomposed accent
  (``e`` + U+0301) the composed letter (``é``);
- lower case (as before), so the domain too (``Example.ORG``);
- no trailing dot after the domain (``example.org.`` is ``example.org``);
- a local part, or a label of the domain, that mixes Latin letters with Cyrillic or Greek ones
  (``lеa`` with a Cyrillic ``е``) is refused (``LookAlike``): it is how two addresses that show
  the same become two people. A part written wholly in one script is accepted.
"""

from __future__ import annotations

import unicodedata

from apprenance.errors import LookAlike

# The scripts whose letters pass for Latin ones (a, e, o, p, c, x, y, ι, ο, ν ...).
CONFUSABLE_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")


def normalise_identifier(text: str) -> str:
    """``text`` in its one written form; ``LookAlike`` when a part mixes scripts. Spaces and
    other checks of form are left to the callers (``importers.values.parse_handle``)."""
    value = unicodedata.normalize("NFKC", text.strip())
    value = unicodedata.normalize("NFKC", value.lower())
    local, at, domain = value.rpartition("@")
    if at:
        domain = domain.rstrip(".")
        value = f"{local}@{domain}"
        parts = [local, *domain.split(".")]
    else:
        parts = [value]
    for part in parts:
        scripts = scripts_of(part)
        if len(scripts) > 1:
            raise LookAlike(value, part, scripts)
    return value


def scripts_of(text: str) -> tuple[str, ...]:
    """The confusable scripts (Latin, Cyrillic, Greek) of the letters of ``text``, in order of
    appearance; other characters (digits, dots, other scripts) do not count."""
    if text.isascii():  # the usual case: ASCII letters are Latin ones (a letter changes case)
        return ("Latin",) if text.lower() != text.upper() else ()
    found: list[str] = []
    for char in text:
        if not char.isalpha():
            continue
        name = unicodedata.name(char, "")
        script = next((s for s in CONFUSABLE_SCRIPTS if name.startswith(s + " ")), None)
        if script is not None and script.title() not in found:
            found.append(script.title())
    return tuple(found)
