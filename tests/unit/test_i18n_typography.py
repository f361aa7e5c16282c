"""French spacing: no French text of ours lets ``: ; ! ?`` or ``« »`` wrap alone onto a line
(a plain space before them is a place to break), while URLs, times, code and English are
left as written. Over every catalog entry, the mail's text and HTML, and the PDF's paragraphs
(reportlab: does it break the line there?)."""

from __future__ import annotations

import re
from email import message_from_bytes, policy

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.platypus import Paragraph

from apprenance.credentials.pdf.style import register_fonts
from apprenance.i18n import MESSAGES, t
from apprenance.i18n.typography import NBSP, NNBSP, french_spacing
from apprenance.services.mail import content

BREAKABLE_BEFORE = re.compile(r" [:;!?»]|« ")


def test_no_french_message_has_a_plain_space_before_a_sign() -> None:
    wrong = {key: entry["fr"] for key, entry in MESSAGES.items()
             if BREAKABLE_BEFORE.search(entry["fr"])}
    assert wrong == {}


def test_the_right_space_before_each_sign() -> None:
    assert french_spacing("Territoire : Val ; a ! b ? « c »") == (
        f"Territoire{NBSP}: Val{NNBSP}; a{NNBSP}! b{NNBSP}? «{NBSP}c{NBSP}»")
    assert t("awards.territory", "fr", name="x") == f"Territoire{NBSP}: x"
    assert t("home.learner", "fr").startswith(f"Apprenant·e{NNBSP}?")


@pytest.mark.parametrize("text", [
    "https://b.example.org/connexion?suite=/a:b", "10:30", "skos:broader", "{file}:{line}",
    "{type!r}", "AAAA-MM-JJThh:mm+01:00", "did:key", "a != b",
])
def test_urls_times_and_code_are_left_as_written(text: str) -> None:
    assert french_spacing(text) == text


def test_values_put_in_a_message_are_not_respaced() -> None:
    url = "http://x.org/?a=1 :b"  # odd, but a value: written exactly as given
    assert t("awards.territory", "fr", name=url) == f"Territoire{NBSP}: {url}"


def test_english_is_never_touched() -> None:
    assert all(NBSP + ":" not in e.get("en", "") and NNBSP not in e.get("en", "")
               for e in MESSAGES.values() if "en" in e and NBSP + ":" not in e["fr"])
    assert t("awards.territory", "en", name="x") == "Territory: x"
    assert t("punct.colon", "en") == ": " and t("punct.semicolon", "en") == "; "


def _sent(said: content.Content) -> tuple[str, str]:
    text, html = content.with_link(said.text, said.html, "https://b.example.org/connexion/x")
    msg = message_from_bytes(f"Content-Type: text/plain; charset=utf-8\n\n{text}".encode(),
                             policy=policy.default)
    return str(msg.get_content()), html


def test_the_mail_never_starts_a_line_with_a_colon() -> None:
    said = content.sign_in(lang="fr", name="Léa", public_url="https://b.example.org", hours=24)
    text, html = _sent(said)
    button = t("mail.signin.button", "fr")
    assert f"{button}{NBSP}:\n" in text, text
    assert not re.search(r"(^|\n)[:;!?»]| [:;!?»]", text), text
    plain = re.sub(r"<[^>]+>", "", html)
    assert not re.search(r" [:;!?»]|« ", plain), plain
    english = content.sign_in(lang="en", name="Lea", public_url="https://b.example.org",
                              hours=24)
    assert f"{t('mail.signin.button', 'en')}:\n" in english.text and NBSP not in english.text


def _pdf_lines(text: str, width: int) -> list[str]:
    style = ParagraphStyle("p", fontName="Apprenance", fontSize=9, leading=12)
    para = Paragraph(text, style)
    para.wrap(width, 1000)
    return [" ".join(line[1]) for line in para.blPara.lines]


def test_the_pdf_fonts_draw_both_spaces_and_a_paragraph_keeps_the_colon_on_its_line() -> None:
    """reportlab breaks lines at a plain space and at U+202F, never at U+00A0: the PDF's
    paragraphs (``certificate._p``) write U+00A0 for both, which the fonts draw."""
    register_fonts()
    font = getFont("Apprenance")
    assert font.face.charToGlyph.get(ord(NBSP)) and font.face.charToGlyph.get(ord(NNBSP))
    colon = t("punct.colon", "fr")
    text = f"Ouvrir le lien dans votre navigateur{colon}https://x.org"
    widths = range(60, 300, 2)  # wider than any one word: a break falls between words

    def starts_a_line(text: str) -> list[int]:
        return [w for w in widths
                if any(line.lstrip().startswith(":") for line in _pdf_lines(text, w))]

    assert starts_a_line(text.replace(NBSP, " ")) and starts_a_line(text.replace(NBSP, NNBSP))
    assert starts_a_line(text) == []


def test_phrases_in_a_row_are_separated_the_language_s_way() -> None:
    from apprenance.i18n.phrases import Phrase, Phrases

    row = Phrases.of([Phrase("ob3.witness"), Phrase("ob3.witness")])
    assert row.text("fr") == f"témoin{NNBSP}; témoin" and row.text("en") == "witness; witness"
