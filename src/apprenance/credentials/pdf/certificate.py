"""The PDF certificate: an A4 document drawn with reportlab, real text in embedded DejaVu
fonts (every French character, the narrow no-break space included), a pillar chart drawn
with reportlab graphics, a QR code to the verification page, the signed credential attached.

``render_certificate(data, created=...)`` returns the PDF bytes; the same data and time give
the same bytes (reportlab's invariant mode, with the creation date set from our clock).
reportlab writes no structure tree: the charts are tagged as ``Figure`` elements with their
alternative text (:mod:`tagging`, with ``/MarkInfo``), the rest is real text in reading order
but not tagged; the PDF carries its language, title (shown), author, subject and keywords, and
an outline of its sections.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import TimeStamp
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
)

from apprenance.credentials.formats.institution_endorsement import endorser_names
from apprenance.credentials.pdf.attach import attach_files, credential_attachment
from apprenance.credentials.pdf.style import (
    ACCENT,
    INK,
    MUTED,
    PILLAR_COLOURS,
    PLAIN,
    TINT,
    Anchor,
    Heading,
    SignatureLine,
    bar_chart,
    hours_text,
    number_text,
    qr_drawing,
    register_fonts,
    styles,
    table_style,
)
from apprenance.credentials.pdf.tagging import TaggedFigure, write_tree
from apprenance.domain.certificate import CertificateData, HoursLine
from apprenance.i18n import t
from apprenance.i18n.dates import date_text, short_date
from apprenance.i18n.levels import level_text

PAGE_W, PAGE_H = A4
MARGIN = 18 * mm
TOP = 30 * mm
BOTTOM = 18 * mm
WIDTH = PAGE_W - 2 * MARGIN
ATTACHMENT_NAME = "credential.json"


def render_certificate(data: CertificateData, *, created: datetime) -> bytes:
    """The certificate as PDF bytes, with the credential attached when there is one."""
    register_fonts()
    out = io.BytesIO()
    doc = _Document(out, data, created)
    doc.build(_story(data), canvasmaker=doc.make_canvas)
    return out.getvalue()


class _Document(BaseDocTemplate):  # type: ignore[misc]
    def __init__(self, out: io.BytesIO, data: CertificateData, created: datetime) -> None:
        lang = data.lang
        title = data.pathway.name if data.pathway else t("cert.title.default", lang)
        super().__init__(
            out, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=TOP,
            bottomMargin=BOTTOM, title=f"{title} — {data.name}", author=data.issuer.name,
            subject=t("cert.meta.subject", lang), creator="apprenance",
            keywords=["ECTS", "Open Badges 3.0", data.territory, data.learner],
            invariant=1, lang=lang, displayDocTitle=True, pageCompression=1,
            initialFontName="Apprenance", initialFontSize=9,
        )
        self.data = data
        self.created = created
        frame = Frame(MARGIN, BOTTOM, WIDTH, PAGE_H - TOP - BOTTOM, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._decorate)])

    def make_canvas(self, *args: Any, **kwargs: Any) -> Canvas:
        canvas = _CountingCanvas(*args, footer=self._footer, **kwargs)
        stamp = TimeStamp(invariant=True)
        when = self.created.astimezone(UTC)
        stamp.t = when.timestamp()
        stamp.lt = when.timetuple()
        stamp.YMDhms = tuple(stamp.lt)[:6]
        canvas._doc._timeStamp = stamp
        if self.data.credential is not None:
            attachment = credential_attachment(
                self.data.credential, name=ATTACHMENT_NAME,
                description=t(_attachment_key(self.data.credential), self.data.lang))
            attach_files(canvas, [attachment], modified=self.created)
        canvas.showOutline()
        return canvas

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, Heading | Anchor):
            key = f"s{len(self._outline)}"
            self._outline.append(key)
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.plain, key, level=0)

    def beforeDocument(self) -> None:
        self._outline: list[str] = []

    def _decorate(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        data = self.data
        canvas.saveState()
        band = 16 * mm
        canvas.setFillColor(INK)
        canvas.rect(0, PAGE_H - band, PAGE_W, band, stroke=0, fill=1)
        seg = PAGE_W / len(PILLAR_COLOURS)
        for i, colour in enumerate(PILLAR_COLOURS):
            canvas.setFillColor(colour)
            canvas.rect(i * seg, PAGE_H - band - 1.6 * mm, seg, 1.6 * mm, stroke=0, fill=1)
        canvas.setFillColor(colors.white)
        canvas.setFont("Apprenance-Bold", 13)
        canvas.drawString(MARGIN, PAGE_H - 10 * mm, "apprenance")
        canvas.setFont("Apprenance", 8.5)
        right = data.territory or data.issuer.name
        canvas.drawRightString(PAGE_W - MARGIN, PAGE_H - 9.6 * mm, right)
        canvas.setStrokeColor(TINT)
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN, BOTTOM - 6 * mm, PAGE_W - MARGIN, BOTTOM - 6 * mm)
        canvas.restoreState()

    def _footer(self, canvas: Canvas, page: int, pages: int) -> None:
        data = self.data
        canvas.saveState()
        canvas.setFillColor(MUTED)
        canvas.setFont("Apprenance", 7.5)
        canvas.drawString(MARGIN, BOTTOM - 10 * mm, f"{data.name} · {data.learner}")
        canvas.drawRightString(PAGE_W - MARGIN, BOTTOM - 10 * mm,
                               t("cert.footer", data.lang, page=page, pages=pages))
        canvas.restoreState()


class _CountingCanvas(Canvas):  # type: ignore[misc]
    """A canvas that holds its pages until the end, to write "page 1 / 2" on each."""

    def __init__(self, *args: Any, footer: Callable[[Canvas, int, int], None],
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []
        self._draw_footer = footer

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._draw_footer(self, number, len(self._pages))
            super().showPage()
        write_tree(self)  # the charts' Figure elements and their alternative text
        super().save()


def _attachment_key(credential: dict[str, Any]) -> str:
    kinds = credential.get("type")
    clr = isinstance(kinds, list) and "ClrCredential" in kinds
    return "cert.attachment.clr" if clr else "cert.attachment"


def _p(text: str, style: str) -> Paragraph:
    """A paragraph of plain text (escaped; narrow no-break spaces made unbreakable: reportlab
    breaks lines at U+202F, so in wrapped text it becomes a no-break space)."""
    return Paragraph(escape(text).replace("\u202f", "\u00a0"), styles()[style])


def _cell(text: str, width: float, style: str = "cell") -> str | Paragraph:
    """A table cell: the plain string when it fits on one line (much faster to lay out and
    draw), else a paragraph that wraps. Padding: 3 points on each side."""
    font = styles()[style]
    if stringWidth(text, font.fontName, font.fontSize) <= width - 6.5:
        return text
    return _p(text, style)


def _story(data: CertificateData) -> list[Flowable]:
    lang = data.lang
    story: list[Flowable] = [
        _p(t("cert.kicker", lang), "kicker"),
        _p(data.pathway.name if data.pathway else t("cert.title.default", lang), "title"),
        _p(t("cert.awarded_to", lang), "muted"),
        _p(data.name, "name"),
        _p(_summary(data), "lead"),
    ]
    if data.pathway is not None:
        done = date_text(data.pathway.awarded_on, lang)
        story.append(_p(t("cert.pathway.done", lang, date=done) if data.pathway.issued_on is None
                        else t("cert.pathway.done_issued", lang, date=done,
                               issued=date_text(data.pathway.issued_on, lang)), "lead"))
    story += [Spacer(1, 4 * mm), _figures(data), Spacer(1, 5 * mm)]
    story += _charts(data)
    story += _projects(data)
    story += _competences(data)
    story += _badges(data)
    story += _micro_credential(data)
    story.append(KeepTogether(_ects(data) + _closing(data)))
    return story


def _summary(data: CertificateData) -> str:
    lang = data.lang
    if data.period_start is None or data.period_end is None:
        return t("cert.summary.empty", lang)
    return t("cert.summary", lang, territory=data.territory or "—",
             start=date_text(data.period_start, lang), end=date_text(data.period_end, lang),
             days=number_text(data.days, lang), activities=number_text(data.activities, lang),
             projects=number_text(len(data.projects), lang))


def _figures(data: CertificateData) -> Table:
    lang = data.lang
    cells = [
        (hours_text(data.total_hours, lang), t("cert.fig.hours", lang)),
        ("—" if data.ects is None else number_text(data.ects, lang), t("cert.fig.ects", lang)),
        (number_text(len(data.projects), lang), t("cert.fig.projects", lang)),
        (number_text(len(data.reached), lang), t("cert.fig.competences", lang)),
        (number_text(len(data.badges), lang), t("cert.fig.badges", lang)),
    ]
    row = [[_p(big, "figure"), _p(caption, "caption")] for big, caption in cells]
    table = Table([row], colWidths=[WIDTH / len(cells)] * len(cells))
    table.setStyle([*PLAIN,
        ("BACKGROUND", (0, 0), (-1, -1), TINT),
        ("LINEAFTER", (0, 0), (-2, -1), 2, colors.white),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
        ("LEFTPADDING", (0, 0), (-1, -1), 8),
    ])
    return table


def _charts(data: CertificateData) -> list[Flowable]:
    lang = data.lang
    half = (WIDTH - 8 * mm) / 2
    pillars = TaggedFigure(bar_chart([(line.key, line.label, line.hours)
                                      for line in data.pillars], half, lang, percent=True),
                           _alt(t("cert.sec.pillars", lang), data.pillars, lang))
    functions: Flowable = TaggedFigure(bar_chart(
        [(line.key, line.label, line.hours) for line in data.functions], half, lang,
        percent=False), _alt(t("cert.sec.functions", lang), data.functions, lang)) \
        if data.functions else _p(t("cert.none", lang), "body")
    table = Table(
        [[Heading(t("cert.sec.pillars", lang)), Heading(t("cert.sec.functions", lang))],
         [pillars, functions]],
        colWidths=[half + 8 * mm, half])
    table.setStyle([*PLAIN, ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (0, -1), 8 * mm)])
    return [Anchor(t("cert.sec.pillars", lang)), Anchor(t("cert.sec.functions", lang)),
            table, Spacer(1, 3 * mm)]


def _alt(title: str, lines: tuple[HoursLine, ...], lang: str) -> str:
    """A chart's alternative text: its title, then each bar's label and hours."""
    return title + t("punct.colon", lang) + "; ".join(f"{line.label} {hours_text(line.hours, lang)}"
                                     for line in lines)


def _section(title: str, rows: list[list[Any]], widths: list[float], numeric_from: int,
             note: str | None = None, extra: list[tuple[Any, ...]] | None = None,
             ) -> list[Flowable]:
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle([*table_style(numeric_from), *(extra or [])])
    block: list[Flowable] = [Heading(title), table]
    if note:
        block.append(_p(note, "note"))
    return [*block, Spacer(1, 3 * mm)]


def _projects(data: CertificateData) -> list[Flowable]:
    lang = data.lang
    if not data.projects:
        return []
    rows: list[list[Any]] = [[t("cert.col.project", lang), t("cert.col.functions", lang),
                              t("cert.col.schemes", lang), t("cert.col.hours", lang)]]
    widths = [WIDTH * 0.36, WIDTH * 0.24, WIDTH * 0.26, WIDTH * 0.14]
    for project in data.projects:
        rows.append([_cell(project.name, widths[0]),
                     _cell(", ".join(project.functions) or "—", widths[1]),
                     _cell(", ".join(project.schemes) or "—", widths[2]),
                     hours_text(project.hours, lang)])
    return _section(t("cert.sec.projects", lang), rows, widths, 3)


def _competences(data: CertificateData) -> list[Flowable]:
    lang = data.lang
    if not data.competences:
        return []
    others = len(data.competences) - len(data.reached)
    note = t("level.legend", lang)
    if others:
        note = t("cert.competences.others", lang, count=others) + " " + note
    rows: list[list[Any]] = [[t("cert.col.competence", lang), t("cert.col.framework", lang),
                              t("cert.col.level", lang), t("cert.col.hours", lang),
                              t("cert.col.activities", lang), t("cert.col.attestations", lang)]]
    widths = [WIDTH * 0.33, WIDTH * 0.2, WIDTH * 0.15, WIDTH * 0.1, WIDTH * 0.1, WIDTH * 0.12]
    for c in data.reached:
        rows.append([_cell(c.label[:1].upper() + c.label[1:], widths[0]),
                     _cell(c.framework, widths[1], "cellmuted"),
                     level_text(c.level, lang),
                     hours_text(c.hours, lang), number_text(c.activities, lang),
                     number_text(c.attestations, lang)])
    return _section(t("cert.sec.competences", lang), rows, widths, 3, note=note,
                    extra=[("FONT", (1, 1), (1, -1), "Apprenance", 7.5),
                           ("TEXTCOLOR", (1, 1), (1, -1), MUTED)])


def _badges(data: CertificateData) -> list[Flowable]:
    lang = data.lang
    if not data.badges:
        return [Heading(t("cert.sec.badges", lang)), _p(t("cert.none", lang), "body"),
                Spacer(1, 3 * mm)]
    cells: list[list[Any]] = []
    for badge in data.badges:
        name = badge.name if badge.kind not in ("pathway", "declared") else \
            f"{badge.name} ({t('cert.kind.' + badge.kind, lang)})"
        # both dates: when the evidence met the rule, when the credential was signed
        cells.append([_cell(name, WIDTH * 0.25), short_date(badge.awarded_on, lang),
                      short_date(badge.issued_on, lang) if badge.issued_on else "—"])
    if len(cells) % 2:
        cells.append(["", "", ""])
    header = [t("cert.col.badge", lang), t("cert.col.awarded", lang), t("cert.col.issued", lang)]
    rows: list[list[Any]] = [[*header, "", *header]]
    rows += [[*cells[i], "", *cells[i + 1]] for i in range(0, len(cells), 2)]
    table = Table(rows, colWidths=[WIDTH * 0.25, WIDTH * 0.115, WIDTH * 0.115, WIDTH * 0.04,
                                   WIDTH * 0.25, WIDTH * 0.115, WIDTH * 0.115], repeatRows=1)
    table.setStyle([*table_style(1), ("ALIGN", (3, 0), (4, -1), "LEFT"),
                    ("LINEBELOW", (3, 0), (3, -1), 0, colors.white)])
    return [Heading(t("cert.sec.badges", lang)), table, Spacer(1, 3 * mm)]


def _micro_credential(data: CertificateData) -> list[Flowable]:
    """The pathway's micro-credential elements (EU Council Recommendation 2022, Annex I), one
    line each; learning outcomes under one label."""
    if not data.micro_credential:
        return []
    lang = data.lang
    widths = [WIDTH * 0.27, WIDTH * 0.73]
    rows: list[list[Any]] = []
    previous = ""
    for label, value in data.micro_credential:
        rows.append([_p(label if label != previous else "", "cellmuted"), _p(value, "cell")])
        previous = label
    table = Table(rows, colWidths=widths)
    table.setStyle([*PLAIN, ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.25, TINT),
                    ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)])
    return [Heading(t("mc.title", lang)), _p(t("mc.reference", lang), "note"), table,
            Spacer(1, 4 * mm)]


def _ects(data: CertificateData) -> list[Flowable]:
    lang = data.lang
    raw = data.total_hours / data.hours_per_credit
    if data.ects is None:  # no signed credential: nothing a registrar could check
        return [Heading(t("cert.sec.ects", lang)), _p(t("cert.ects.none", lang), "body"),
                Spacer(1, 5 * mm)]
    lines = [
        _p(t("cert.ects.calc", lang, hours=hours_text(data.total_hours, lang),
             per=number_text(data.hours_per_credit, lang), raw=number_text(raw, lang, 2),
             ects=number_text(data.ects, lang)), "bodybold"),
        _p(t("cert.ects.rule", lang, per=number_text(data.hours_per_credit, lang)), "body"),
    ]
    if data.pathway_ects:
        lines.append(_p(t("cert.ects.pathway", lang,
                          ects=number_text(data.pathway_ects, lang)), "body"))
    lines.append(_p(t("cert.ects.disclaimer", lang), "note"))
    box = Table([[lines]], colWidths=[WIDTH])
    box.setStyle([*PLAIN, ("BACKGROUND", (0, 0), (-1, -1), TINT),
                  ("LINEBEFORE", (0, 0), (0, -1), 3, ACCENT),
                  ("LEFTPADDING", (0, 0), (-1, -1), 10), ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                  ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 8)])
    return [Heading(t("cert.sec.ects", lang)), box, Spacer(1, 5 * mm)]


def _closing(data: CertificateData) -> list[Flowable]:
    lang = data.lang
    issuer = data.issuer
    left: list[Flowable] = [_p(t("cert.sec.issuer", lang), "caption"),
                            _p(issuer.name, "bodybold")]
    if issuer.url:
        left.append(_p(issuer.url, "note"))
    endorsers = endorser_names(data.credential)  # the achievement's third-party endorsements
    if endorsers:
        left.append(_p(t("cert.endorsed_by", lang, names=", ".join(endorsers)), "body"))
    left += [_p(t("cert.issued_on", lang, date=date_text(data.issued_on, lang)), "body"),
             Spacer(1, 12 * mm), SignatureLine(62 * mm),
             _p(" — ".join(x for x in (issuer.signatory, issuer.role) if x)
                or t("cert.signature", lang), "note")]
    right: list[Flowable]
    if data.verify_url:
        right = [_p(t("cert.sec.verify", lang), "caption"), qr_drawing(data.verify_url, 30 * mm),
                 _p(t("cert.verify.text", lang, file=ATTACHMENT_NAME), "note"),
                 _p(data.verify_url, "url")]
    else:
        right = [_p(t("cert.sec.verify", lang), "caption"), _p(t("cert.verify.none", lang),
                                                               "note")]
    table = Table([[left, right]], colWidths=[WIDTH * 0.5, WIDTH * 0.5])
    table.setStyle([*PLAIN, ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (0, -1), 12)])
    return [table]
