"""Load test on loopback: N concurrent headless sessions click through the pages for T seconds.

    python -m bench.load [--sessions 20] [--seconds 60]

Reports errors (Streamlit exceptions, error boxes, timeouts — must be 0), page render times
(navigation → script finished, p50/p95) and the server's RSS; writes bench/results/load.{md,json}.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import RESULTS, cpu_ms, machine, pct, rss_mb  # noqa: E402
from smt_dashboard.i18n import t  # noqa: E402
from smt_dashboard.navigation import available_pages  # noqa: E402
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, free_port, start_server  # noqa: E402

READY = ("() => !!document.querySelector(\"[data-testid='stMainBlockContainer'] h1\")"
         " && !document.querySelector(\"[data-testid='stStatusWidget']\")")


async def open_from_menu(page, spec) -> None:
    """In-app navigation as a person does it: open the page's section menu at the top, click the page."""
    await page.locator("[data-testid='stTopNavSection']").filter(has_text=t(f"nav.section.{spec.section}", "fr")).click(
        timeout=60000)
    await page.locator("[data-testid='stTopNavDropdownLink']").filter(has_text=t(f"nav.{spec.key}", "fr")).click(
        timeout=60000)


async def session(browser, base: str, specs: list, deadline: float, index: int, out: dict) -> None:
    """One user: open the app (``base`` ends with /), then open every page in turn from the top menus."""
    context = await browser.new_context(viewport={"width": 1280, "height": 800})
    page = await context.new_page()
    try:
        t0 = time.perf_counter()
        response = await page.goto(base, timeout=60000)
        if response is not None and response.headers.get("x-replica"):
            out.setdefault("replicas", []).append(response.headers["x-replica"])
        await page.wait_for_function(READY, timeout=60000, polling=50)
        out.setdefault("open_times", []).append((time.perf_counter() - t0) * 1000)
    except Exception as exc:  # noqa: BLE001
        out["errors"].append(f"open: {type(exc).__name__}")
        await context.close()
        return
    prefix = urlsplit(base).path.rstrip("/")
    step = index  # sessions start on different pages
    while time.monotonic() < deadline:
        spec = specs[(step + 1) % len(specs)]
        step += 1
        path = "" if spec.key == "overview" else spec.key
        t0 = time.perf_counter()
        try:
            await open_from_menu(page, spec)
            await page.wait_for_function(f"() => location.pathname === '{prefix}/{path}'", timeout=60000, polling=50)
            await page.wait_for_function(READY, timeout=60000, polling=50)
            elapsed = (time.perf_counter() - t0) * 1000
            broken = await page.locator("[data-testid='stException'], [data-testid='stAlertContentError']").count()
            if broken:
                out["errors"].append(f"{path}: error element")
            out["times"].append(elapsed)
            await page.wait_for_timeout(200)
        except Exception as exc:  # noqa: BLE001 - every failure is counted and reported
            out["errors"].append(f"{spec.key}: {type(exc).__name__}")
    await context.close()


def machine_ticks() -> tuple[int, int]:
    """(busy, total) CPU ticks of the whole machine since boot, from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return sum(values) - idle, sum(values)


async def sample_rss(pid: int, deadline: float, samples: list[float]) -> None:
    while time.monotonic() < deadline:
        samples.append(rss_mb(pid))
        await asyncio.sleep(1)


async def run(sessions: int, seconds: int) -> dict:

    port = free_port()
    proc = start_server(port)
    try:
        return await drive(f"http://127.0.0.1:{port}/", sessions, seconds, proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=15)


async def drive(base: str, sessions: int, seconds: int, server_pid: int | None = None) -> dict:
    """``sessions`` concurrent browsers clicking through every page of the app at ``base`` for ``seconds``."""
    from playwright.async_api import async_playwright

    specs = available_pages()
    out: dict = {"times": [], "errors": []}
    rss: list[float] = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        deadline = time.monotonic() + seconds
        start = (time.monotonic(), cpu_ms(server_pid) if server_pid else 0, machine_ticks())
        samplers = [sample_rss(server_pid, deadline, rss)] if server_pid else []
        await asyncio.gather(*samplers, *(session(browser, base, specs, deadline, i, out) for i in range(sessions)))
        wall_ms = (time.monotonic() - start[0]) * 1000
        busy, total = machine_ticks()
        server_cpu = (cpu_ms(server_pid) - start[1]) if server_pid else None
        cpu = {"server_pct_of_machine": round(100 * server_cpu / (wall_ms * os.cpu_count()), 1) if server_pid else None,
               "machine_busy_pct": round(100 * (busy - start[2][0]) / max(total - start[2][1], 1), 1)}
        await browser.close()
    times = out["times"]
    return {
        "machine": machine(), "sessions": sessions, "seconds": seconds, "page_loads": len(times),
        "errors": len(out["errors"]), "error_samples": out["errors"][:20],
        "render_ms": {"p50": round(statistics.median(times), 1), "p95": round(pct(times, 95), 1),
                      "max": round(max(times), 1)} if times else {},
        "rss_mb": {"start": round(rss[0], 1), "max": round(max(rss), 1), "end": round(rss[-1], 1)} if rss else {},
        "cpu": cpu,
        "replicas_at_open": out.get("replicas", []),
        "open_ms": {"n": len(out.get("open_times", [])), "p50": round(statistics.median(out["open_times"]), 1),
                    "p95": round(pct(out["open_times"], 95), 1)} if out.get("open_times") else {},
    }


def render(r: dict) -> str:
    m = r["machine"]
    return "\n".join([
        "# smt-dashboard load test", "",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB; run {m['date']}.", "",
        f"{r['sessions']} concurrent headless Chromium sessions clicking through every page for {r['seconds']} s "
        "(loopback only).", "",
        f"- page loads completed: {r['page_loads']}",
        f"- errors: {r['errors']} {'✅' if r['errors'] == 0 else '❌ ' + '; '.join(r['error_samples'][:5])}",
        f"- page render time (navigation click → script finished): p50 {r['render_ms'].get('p50')} ms, "
        f"p95 {r['render_ms'].get('p95')} ms, max {r['render_ms'].get('max')} ms",
        f"- server RSS: start {r['rss_mb'].get('start')} MB, max {r['rss_mb'].get('max')} MB, "
        f"end {r['rss_mb'].get('end')} MB",
        f"- CPU over the run: machine busy {r['cpu']['machine_busy_pct']} %, of which the server "
        f"{r['cpu']['server_pct_of_machine']} % (the {r['sessions']} browsers run on the same {m['cores']} cores as the "
        "server: render times here are those of a saturated machine, not of the server alone)", ""])


def main() -> int:
    parser = argparse.ArgumentParser(description="smt-dashboard load test")
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=60)
    args = parser.parse_args()
    report = asyncio.run(run(args.sessions, args.seconds))
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "load.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (RESULTS / "load.md").write_text(render(report), encoding="utf-8")
    print(render(report))
    return 0 if report["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
