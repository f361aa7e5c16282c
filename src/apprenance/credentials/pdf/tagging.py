"""PDF/UA basics reportlab does not write: the charts as marked content under a ``Figure``
structure element carrying their alternative text (``/Alt``), a structure tree root with its
parent tree, each page's ``/StructParents``, and ``/MarkInfo``.

reportlab writes no structure tree of its own, so only the figures are tagged: the text is
real text in reading order (a reader extracts it), but it is not wrapped in paragraph or
table elements. The document's language (``/Lang``) and title (shown, ``DisplayDocTitle``)
are set by the document template.

Use: draw charts through :class:`TaggedFigure` on a canvas that calls :func:`write_tree`
once every page is added, before saving.
"""

from __future__ import annotations

from typing import Any

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing
from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFObjectReference,
    PDFPage,
    PDFString,
)
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable


class _Raw(str):
    """A value reportlab writes as is (a PDF name or a boolean)."""


def figures_of(canvas: Canvas) -> list[tuple[int, int, str]]:
    """(page index, marked-content id, alternative text) of the figures drawn so far."""
    found = getattr(canvas, "_tagged_figures", None)
    if found is None:
        found = []
        canvas._tagged_figures = found
    return found


class TaggedFigure(Flowable):  # type: ignore[misc]
    """A drawing shown as a ``Figure`` with ``alt`` as its alternative text. ``page_index``
    tells on which page it is drawn (canvases that hold their pages count them)."""

    def __init__(self, drawing: Drawing, alt: str) -> None:
        super().__init__()
        self.drawing = drawing
        self.alt = alt
        self.width, self.height = drawing.width, drawing.height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas: Canvas = self.canv
        figures = figures_of(canvas)
        page = page_index(canvas)
        mcid = sum(1 for where, _, _ in figures if where == page)
        canvas._code.append(f"/Figure <</MCID {mcid}>> BDC")
        renderPDF.draw(self.drawing, canvas, 0, 0)
        canvas._code.append("EMC")
        figures.append((page, mcid, self.alt))


def page_index(canvas: Canvas) -> int:
    """The 0-based index of the page being drawn (a canvas that holds its pages until the
    end keeps them in ``_pages``)."""
    held = getattr(canvas, "_pages", None)
    return len(held) if isinstance(held, list) else int(canvas.getPageNumber()) - 1


def write_tree(canvas: Canvas) -> None:
    """Add the structure tree of the figures drawn on ``canvas`` (call once every page is
    added to the document, before saving)."""
    doc = canvas._doc
    figures = figures_of(canvas)
    root = PDFDictionary({"Type": _Raw("/StructTreeRoot")})
    root_ref = doc.Reference(root, "StructRoot")
    document = PDFDictionary({"Type": _Raw("/StructElem"), "S": _Raw("/Document"),
                              "P": root_ref})
    document_ref = doc.Reference(document, "StructDocument")
    kids: list[Any] = []
    by_page: dict[int, list[Any]] = {}
    for page, mcid, alt in figures:
        element = PDFDictionary({
            "Type": _Raw("/StructElem"), "S": _Raw("/Figure"), "P": document_ref,
            "Pg": PDFObjectReference(f"Page{page + 1}"), "K": mcid, "Alt": PDFString(alt)})
        ref = doc.Reference(element)
        kids.append(ref)
        by_page.setdefault(page, []).append(ref)
    document.dict["K"] = PDFArray(kids)
    pages: list[PDFPage] = doc.Pages.pages
    nums: list[Any] = []
    for page, refs in sorted(by_page.items()):
        target = pages[page]
        target.__NoDefault__ = [*type(target).__NoDefault__, "StructParents"]
        target.StructParents = page
        nums += [page, PDFArray(refs)]
    root.dict.update({"K": document_ref,
                      "ParentTree": PDFDictionary({"Nums": PDFArray(nums)}),
                      "ParentTreeNextKey": len(pages)})
    catalog = doc.Catalog
    catalog.StructTreeRoot = root_ref
    catalog.MarkInfo = PDFDictionary({"Marked": _Raw("true")})
