"""Screenshots of every page at projector sizes (1280×800, 1920×1080), viewport and full length, one per tab.

    python scripts/screenshots.py [--out screenshots] [--lang fr|en] [--query "region=84"]

Starts its own server on a free loopback port, uses Debian's Chromium (no browser download) with
outside hosts unresolvable, and writes ``<page>_<w>x<h>.png`` and ``<page>_<w>x<h>_full.png`` (the first tab), then
``<page>_<w>x<h>_tab<n>_full.png`` for each other tab of the page.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from smt_dashboard.navigation import available_pages  # noqa: E402
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, free_port, start_server, wait_ready  # noqa: E402

SIZES = ((1280, 800), (1920, 1080))


def full_length(page, width: int, path: Path) -> None:
    """Streamlit scrolls inside its main container: grow the viewport to its height, then capture."""
    height = page.evaluate(
        "() => { const m = document.querySelector('[data-testid=\"stMain\"]'); return m ? m.scrollHeight : 2000; }")
    page.set_viewport_size({"width": width, "height": min(int(height) + 40, 16000)})
    page.wait_for_timeout(1200)
    page.screenshot(path=str(path))


def main() -> int:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "screenshots"))
    parser.add_argument("--lang", default="fr", choices=["fr", "en"])
    parser.add_argument("--query", default="")
    parser.add_argument("--pages", nargs="*", help="page keys (default: all)")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    query = "&".join(q for q in (args.query, "lang=en" if args.lang == "en" else "") if q)
    port = free_port()
    server = start_server(port)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for spec in available_pages():
                if args.pages and spec.key not in args.pages:
                    continue
                for width, height in SIZES:
                    page = browser.new_page(viewport={"width": width, "height": height})
                    path = "" if spec.key == "overview" else spec.key
                    page.goto(f"http://127.0.0.1:{port}/{path}" + (f"?{query}" if query else ""))
                    wait_ready(page)
                    page.wait_for_timeout(1500)
                    stem = f"{spec.key}_{width}x{height}" + (f"_{args.lang}" if args.lang != "fr" else "")
                    page.screenshot(path=str(out / f"{stem}.png"))
                    full_length(page, width, out / f"{stem}_full.png")
                    tabs = page.locator("[data-testid='stMainBlockContainer'] [role='tab']")
                    for i in range(1, tabs.count()):
                        page.set_viewport_size({"width": width, "height": height})
                        tabs.nth(i).click()
                        page.wait_for_timeout(800)
                        full_length(page, width, out / f"{stem}_tab{i}_full.png")
                    page.close()
                    print(out / f"{stem}.png")
            browser.close()
    finally:
        server.terminate()
    return 0


if __name__ == "__main__":
    sys.exit(main())
