"""A real headless Chromium (Debian's `chromium`, installed by the Makefile) driven by Playwright.

Never `playwright install`: it downloads a browser from a CDN. A machine without Chromium fails
these tests with the reason; they are never skipped."""
import os
import shutil
from pathlib import Path

import pytest

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"       # axe-core 4.14.1, MPL-2.0
CHROMIUM_NAMES = ("chromium", "chromium-browser")


def chromium_path() -> str:
    path = os.environ.get("LEADFLOW_CHROMIUM") or next(filter(None, map(shutil.which, CHROMIUM_NAMES)), None)
    if not path:
        pytest.fail("no Chromium found: `make test` installs Debian's chromium (apt-get install chromium); "
                    "or set LEADFLOW_CHROMIUM to a Chromium binary")
    return path


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import expect, sync_playwright
    # A screen waits for the shared stack (a duplicate check over every test's customers) on a busy
    # 2-core machine: an assertion waits as long as an action does (15 s), not Playwright's 5 s.
    expect.set_options(timeout=15_000)
    with sync_playwright() as p:
        # As root (CI containers) Chromium refuses to start without --no-sandbox.
        args = ["--no-sandbox"] if os.geteuid() == 0 else []
        chromium = p.chromium.launch(executable_path=chromium_path(), args=args)
        yield chromium
        chromium.close()


class Workspace:
    """One signed-in person's browser tab on the stack's workspace."""

    def __init__(self, browser, stack, role: str):
        self.stack, self.role = stack, role
        self.context = browser.new_context(locale="de-AT", accept_downloads=True,
                                           viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.set_default_timeout(15_000)

    def sign_in(self, hash_path: str = ""):
        self.page.goto(self.stack["base"] + "/workspace" + (f"#{hash_path}" if hash_path else ""))
        self.page.click(f'button[data-role="{self.role}"]')
        self.page.wait_for_selector("[data-testid=who]")
        return self.page

    def go(self, hash_path: str):
        self.page.evaluate("path => { location.hash = '#' + path; }", hash_path)

    def axe_violations(self, rules_off: tuple[str, ...] = ()) -> list[dict]:
        """axe-core's violations on the page as it is now (WCAG 2 A/AA rules)."""
        # Through DevTools, not a <script> tag: the workspace's Content-Security-Policy stays on in tests.
        self.page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
        result = self.page.evaluate(
            """rulesOff => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa']},
                 rules: Object.fromEntries(rulesOff.map(r => [r, {enabled: false}]))})""", list(rules_off))
        return [{"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
                for v in result["violations"]]

    def close(self):
        self.context.close()


@pytest.fixture
def workspace(browser, stack):
    """workspace("sales_rep") opens a fresh browser context signed in as that demo principal."""
    opened = []

    def open_as(role: str, **kwargs) -> Workspace:
        ws = Workspace(browser, stack, role, **kwargs)
        opened.append(ws)
        return ws
    yield open_as
    for ws in opened:
        ws.close()
