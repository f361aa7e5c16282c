"""Every text for people, in French and English, one catalog module per area
(cli, web, pdf, verify, progress, errors ...). ``t(key, lang, **values)`` formats one
message; ``t_plural`` picks the singular form (``key.one``) as French counts; ``number``
writes a number for people.
A key in one language only, or a key the code uses but no catalog holds, fails a test
(tests/unit/test_i18n_catalogs.py); at run time an unknown key is written as is, never a
traceback."""

from __future__ import annotations

from typing import Any, Literal, get_args

from apprenance.i18n import (
    awards,
    backoffice,
    catalog,
    cli,
    credential_page,
    endorsers,
    errors,
    ingest,
    levels,
    logs,
    mail,
    micro_credentials,
    outputs,
    pdf,
    portfolio,
    progress,
    recognition,
    territory_editor,
    triage,
    typography,
    verify,
    verify_ob2,
    verify_page,
    wallet,
    web,
)

Lang = Literal["fr", "en"]  # the languages of every text (config reads it from here)
LANGS: tuple[Lang, ...] = get_args(Lang)
LANG_CHOICE = "|".join(LANGS)  # in patterns: ``^(fr|en)$``


class _Kept(dict[str, Any]):
    """Values for ``str.format_map``: a placeholder without a value is written as is."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _merge(*catalogs: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for area in catalogs:
        for key, entry in area.items():
            if key in merged:
                raise ValueError(f"message {key} is defined twice")
            merged[key] = entry
    return merged


# French spacing (no-break spaces before : ; ! ? and inside « »: i18n/typography.py) is
# applied here, once: every French text of t() and t_plural() has it.
MESSAGES: dict[str, dict[str, str]] = typography.with_french_spacing(_merge(
    awards.MESSAGES,
    backoffice.MESSAGES,
    catalog.MESSAGES,
    cli.MESSAGES,
    credential_page.MESSAGES,
    endorsers.MESSAGES,
    errors.MESSAGES,
    ingest.MESSAGES,
    levels.MESSAGES,
    logs.MESSAGES,
    mail.MESSAGES,
    micro_credentials.MESSAGES,
    outputs.MESSAGES,
    pdf.MESSAGES,
    portfolio.MESSAGES,
    progress.MESSAGES,
    recognition.MESSAGES,
    triage.MESSAGES,
    territory_editor.MESSAGES,
    typography.MESSAGES,
    verify.MESSAGES,
    verify_ob2.MESSAGES,
    verify_page.MESSAGES,
    wallet.MESSAGES,
    web.MESSAGES,
))


def number(value: float, lang: str) -> str:
    """``value`` for people: at most 2 decimals, no trailing zeros, decimal comma in French."""
    out = f"{value:.2f}".rstrip("0").rstrip(".")
    if out == "-0":
        out = "0"
    return out.replace(".", ",") if lang == "fr" else out


def t_plural(key: str, lang: str, count: float, **values: Any) -> str:
    """``key``, or ``key.one`` for a singular count — below 2 in French (0 badge, 1,5 heure),
    exactly 1 in English (0 badges, 1.5 hours) — formatted with values."""
    singular = count < 2 if lang == "fr" else count == 1
    if singular and f"{key}.one" in MESSAGES:
        key = f"{key}.one"
    return t(key, lang, **values)


def t(key: str, lang: str, **values: Any) -> str:
    """The message ``key`` in ``lang`` (French when missing), formatted with ``values``."""
    entry = MESSAGES.get(key)
    if entry is None:
        return key
    template = entry.get(lang) or entry["fr"]
    return template.format_map(_Kept(values))
