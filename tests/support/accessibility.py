"""What the accessibility tests look at in a page open in Chromium: axe-core's verdict (the
npm package in tests/interop, injected through the DevTools protocol so the page's CSP stays
as served), tap targets smaller than 44 px, and a page wider than the screen."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page

from external_verifiers import INTEROP

AXE = INTEROP / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]  # RGAA 4 follows WCAG 2.1 AA
BLOCKING = {"serious", "critical"}
TARGETS = ("button, input:not([type=hidden]):not([type=checkbox]):not([type=radio]), select, "
           "textarea, nav a, a.button, summary")


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations of WCAG 2.1 A/AA on the page as it is."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result: dict[str, Any] = page.evaluate(
        "async tags => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"] if v["impact"] in BLOCKING]


def small_targets(page: Page) -> list[str]:
    """Visible controls less than 44 px tall (RGAA 10.x / WCAG 2.5.5 as the issue asks)."""
    found: list[str] = page.evaluate(
        """selector => [...document.querySelectorAll(selector)]
             .filter(e => e.offsetParent !== null)
             .filter(e => e.getBoundingClientRect().height < 43.5)
             .map(e => e.outerHTML.slice(0, 120))""", TARGETS)
    return found


def overflows(page: Page) -> bool:
    """Whether the page is wider than the window (sideways scrolling on a phone)."""
    return bool(page.evaluate(
        "() => document.documentElement.scrollWidth > window.innerWidth + 1"))
