"""French spacing, applied once to every French message when the catalogs are merged.

French writes a space before ``: ; ! ?`` and inside ``« »``. A plain space there lets a
line break put the sign alone at the start of the next line ("navigateur" / ": lien"), on
a page, in a mail or in a PDF. The catalogs are written with plain spaces (easy to read
and type); ``french_spacing`` turns each into the unbreakable one of French typography:
the narrow no-break space (U+202F) before ``; ! ?``, the no-break space (U+00A0) before
``:`` and inside ``« »``.

Only the templates are changed, never the values put in them (a URL, a time such as 10:30,
a file name, code): ``t()`` formats an already spaced template. A sign with no space before
it (``http://``, ``10:30``, ``skos:broader``, ``{type!r}``), or followed by a letter or
``=`` (``a != b``), is left as it is, and English is
never touched. The PDF turns U+202F into U+00A0 in wrapped text (reportlab breaks lines at
U+202F; the bundled DejaVu fonts draw both)."""

from __future__ import annotations

import re

NBSP = "\u00a0"  # no-break space: before ":" and inside « »
NNBSP = "\u202f"  # narrow no-break space: before ";", "!", "?"

# a sign followed by a letter, "=", "/" or another sign is code ("a != b", " :b"), not prose
_BEFORE = re.compile(r"[ \u00a0\u202f]+([:;!?»])(?![\w=/:])")
_AFTER_OPENING = re.compile(r"«[ \u00a0\u202f]+")
_SPACE_BEFORE = {":": NBSP, "»": NBSP, ";": NNBSP, "!": NNBSP, "?": NNBSP}

# the separators code writes between a label and its value, or between items
MESSAGES: dict[str, dict[str, str]] = {
    "punct.colon": {"fr": " : ", "en": ": "},  # "Territoire : Val de Serre"
    "punct.semicolon": {"fr": " ; ", "en": "; "},  # "a ; b"
}


def french_spacing(text: str) -> str:
    """``text`` with each space before ``: ; ! ? »`` and after ``«`` made unbreakable."""
    spaced = _BEFORE.sub(lambda m: _SPACE_BEFORE[m.group(1)] + m.group(1), text)
    return _AFTER_OPENING.sub("«" + NBSP, spaced)


def with_french_spacing(messages: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """The catalog with ``french_spacing`` applied to every French text (English as is)."""
    return {key: {lang: french_spacing(text) if lang == "fr" else text
                  for lang, text in entry.items()}
            for key, entry in messages.items()}
