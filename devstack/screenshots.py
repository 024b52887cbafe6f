"""make screenshots: start the `make run` stack on free ports, open the workspace in headless
Chromium as the demo users, and save the main screens to docs/screenshots/ (shown in the README)."""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
FAIR_LIST = ROOT / "tests" / "fixtures" / "imports" / "vienna-autoshow-2017.cp1252.csv"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_stack(workdir: Path) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LEADFLOW_", "AWS_"))}
    env.update(LEADFLOW_PORT=str(port), LEADFLOW_MOTO_PORT=str(_free_port()), PYTHONUNBUFFERED="1",
               LEADFLOW_CREDENTIALS_FILE=str(workdir / "demo-credentials.json"),
               LEADFLOW_WEBHOOKS_FILE=str(workdir / "demo-webhooks.json"))
    proc = subprocess.Popen([sys.executable, "devstack/run.py"], cwd=ROOT, env=env,
                            stdout=open(workdir / "stack.log", "w"), stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(180):
        try:
            with urllib.request.urlopen(base + "/health", timeout=2):
                return proc, base
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.5)
    proc.kill()
    raise SystemExit(f"the stack did not start:\n{(workdir / 'stack.log').read_text()}")


def main() -> int:
    from playwright.sync_api import sync_playwright
    chromium = os.environ.get("LEADFLOW_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        raise SystemExit("no Chromium: run `make browser` (Debian's chromium)")
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        proc, base = start_stack(Path(tmp))
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"] if os.geteuid() == 0 else [])
                context = browser.new_context(locale="de-AT", viewport={"width": 1280, "height": 860})
                page = context.new_page()

                def sign_in(role: str, path: str):
                    page.goto(f"{base}/workspace#{path}")
                    page.evaluate("sessionStorage.clear()")
                    page.reload()
                    page.click(f"button[data-role={role}]")
                    page.wait_for_selector("[data-testid=who]")

                def shot(name: str):
                    page.wait_for_timeout(400)
                    page.screenshot(path=str(OUT / f"{name}.png"))
                    print(f"docs/screenshots/{name}.png")

                page.goto(f"{base}/workspace")
                page.wait_for_selector("button[data-role=sales_manager]")
                shot("sign-in")
                sign_in("sales_manager", "/leads")
                page.wait_for_selector("table.leads tbody tr")
                page.locator("table.leads tbody input[type=checkbox]").nth(1).check()
                shot("leads-list")
                review = page.locator("tr:has(.badge.review) td[data-col=name] a").first
                review.click()
                page.wait_for_selector("#tab-prospect")
                shot("lead-prospect")
                page.click("#tab-vehicle")
                shot("lead-vehicle")
                page.click("#tab-remark")
                shot("lead-remark")
                creds = json.loads((Path(tmp) / "demo-credentials.json").read_text())
                lead_id = _lead_with_candidates(base, creds["sales_manager"])
                page.goto(f"{base}/workspace#/leads/{lead_id}/convert")
                page.wait_for_selector("fieldset.decision")
                page.locator("ol.candidates summary").first.click()
                shot("duplicate-check")
                page.goto(f"{base}/workspace#/imports")
                page.set_input_files("#import-file", str(FAIR_LIST))
                page.select_option("#import-source", "Vienna Autoshow")
                page.click("form.import button[type=submit]")
                page.wait_for_selector("[data-testid=import-status][data-status=done], "
                                       "[data-testid=import-status][data-status=partial]", timeout=60_000)
                shot("import")
                sign_in("sales_rep", "/start")
                page.wait_for_selector("main h2")
                shot("rep-start")
                browser.close()
        finally:
            proc.terminate()
            proc.wait(20)
    return 0


def _lead_with_candidates(base: str, creds: dict) -> str:
    """An open lead of the demo tenant whose duplicate check finds a customer."""
    from devstack.signing import signed_headers

    def get(path: str) -> dict:
        request = urllib.request.Request(base + path, headers=signed_headers("GET", base + path, creds))
        with urllib.request.urlopen(request) as r:
            return json.load(r)
    for lead in get("/leads?page_size=100&status=open")["items"]:
        if get(f"/leads/{lead['id']}/duplicates")["candidates"]:
            return lead["id"]
    raise SystemExit("no demo lead has a duplicate candidate")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
