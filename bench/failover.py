"""A replica lost mid-meeting, then a load run through the proxy (loopback only, bounded in time).

    python -m bench.failover [--sessions 12] [--load-sessions 20] [--load-seconds 60]

1. Two replicas with the production profile behind nginx under /smt/ (deploy/cluster.py).
2. ``--sessions`` browser sessions open different pages with filters (and one slide show), each on the replica
   its affinity cookie chose; the replica serving the most sessions is then killed (SIGKILL).
3. Every session must come back by itself on the surviving replica with the same page, filters and view (from
   its address), with no Python traceback and no error box, within RECOVERY_S seconds.
4. A load run through the proxy on a fresh pair of replicas: errors (must be 0), p95 render, sessions per replica.

Writes bench/results/failover.{md,json}; exits 1 if a session did not come back or the load run had errors.
Needs Debian's nginx and chromium (``apt-get install -y nginx chromium``).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load import READY, drive  # noqa: E402
from bench.run import RESULTS, machine  # noqa: E402
from deploy import cluster as cluster_mod  # noqa: E402
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

RECOVERY_S = 60
# (path with query, a text the view must show): different pages, filters, a language and a slide.
SESSIONS = [
    ("map?region=84", "Filtré ici par Région : Auvergne-Rhône-Alpes"),
    ("catalogue?area=diabetology", "Filtré ici par Aire thérapeutique : Diabétologie"),
    ("funding?region=11&lang=en", "Filtered here by Region: Île-de-France"),
    ("profile?region=84", "Profil : Auvergne-Rhône-Alpes"),
    ("trainings?region=84", "Filtré ici par Région : Auvergne-Rhône-Alpes"),
    ("?area=diabetology", "9 entreprises en France"),
    ("index", "La France est 15e sur les 17 pays"),
    ("deals?lang=en", "2018"),
    ("?mode=presentation&slide=deals&region=84", "Vue 20 / "),
    ("profile?area=oncology", "Profil : Oncologie"),
    ("map?nat=french", "Filtré ici par Nationalité : Entreprise française"),
    ("policy?region=53", "Les filtres actifs (Région) ne s'appliquent pas"),
]
BROKEN = "[data-testid='stException'], [data-testid='stAlertContentError']"


async def _open(browser, base: str, path: str, expected: str) -> dict:
    context = await browser.new_context(viewport={"width": 1280, "height": 800}, locale="fr-FR")
    page = await context.new_page()
    response = await page.goto(base + path, timeout=60000)
    await page.wait_for_function(READY, timeout=60000, polling=100)
    try:
        await page.wait_for_function("(t) => document.body.innerText.includes(t)", arg=expected, timeout=60000)
    except Exception as exc:
        raise AssertionError(f"{path}: {expected!r} not shown") from exc
    return {"context": context, "page": page, "path": path, "expected": expected, "url": page.url,
            "replica": response.headers.get("x-replica") if response else None}


async def _recovered(session: dict, killed_at: float) -> dict:
    page, expected = session["page"], session["expected"]
    result = {"path": session["path"], "replica_before": session["replica"], "came_back": False}
    try:
        # The browser notices the lost connection, reconnects through nginx to the surviving replica, which runs
        # the page again from the address; wait for the view to be drawn again, then check it.
        await page.wait_for_function(
            "(t) => document.body.innerText.includes(t) && !document.querySelector(\"[data-testid='stStatusWidget']\")"
            " && !document.body.innerText.includes('Connecting')", arg=expected, timeout=RECOVERY_S * 1000,
            polling=200)
        await page.wait_for_timeout(1500)  # let a reconnection that was still in flight settle
        await page.wait_for_function("(t) => document.body.innerText.includes(t)", arg=expected,
                                     timeout=RECOVERY_S * 1000, polling=200)
        # Proof that the session is live again (a redrawn page could still be the old one): an action that only
        # the server can answer, the filters kept. In the slide show, the next slide; elsewhere, the other language.
        if "mode=presentation" in session["path"]:
            await page.keyboard.press("ArrowRight")
            await page.wait_for_function("() => document.body.innerText.includes('Vue 21 / ')",
                                         timeout=RECOVERY_S * 1000, polling=200)
        else:
            english = "lang=en" in session["path"]
            await page.locator("[data-testid='stSidebar']").get_by_text("Français" if english else "English",
                                                                        exact=True).click(timeout=RECOVERY_S * 1000)
            await page.wait_for_function("(en) => location.search.includes('lang=en') !== en", arg=english,
                                         timeout=RECOVERY_S * 1000, polling=200)
        kept = [part for part in session["url"].split("?", 1)[-1].split("&") if part and not part.startswith(
            ("lang=", "slide="))] if "?" in session["url"] else []
        await page.wait_for_function("() => !document.querySelector(\"[data-testid='stStatusWidget']\")",
                                     timeout=RECOVERY_S * 1000, polling=200)
        await page.wait_for_timeout(1000)
        text = await page.inner_text("body")
        boxes = page.locator(BROKEN)
        if await boxes.count():
            result["error_texts"] = [t[:200] for t in await boxes.all_inner_texts()][:3]
        result.update({
            "live_after": all(part in page.url for part in kept),
            "came_back": True,
            "seconds": round(time.monotonic() - killed_at, 1),
            "same_address": page.url.split("?")[0] == session["url"].split("?")[0],
            "traceback": "Traceback" in text,
            "error_boxes": await page.locator(BROKEN).count(),
        })
    except Exception as exc:  # noqa: BLE001 - reported as a session that did not come back
        result["error"] = type(exc).__name__
    return result


async def failover(n_sessions: int) -> dict:
    from playwright.async_api import async_playwright

    cluster = cluster_mod.start(2, debug=True)  # X-Replica: which replica serves each session
    try:
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            chosen = [SESSIONS[i % len(SESSIONS)] for i in range(n_sessions)]
            sessions = []
            for path, expected in chosen:  # one after the other: 2 cores also run the browsers
                sessions.append(await _open(browser, cluster.url, path, expected))
            spread = Counter(s["replica"] for s in sessions)
            victim_addr = spread.most_common(1)[0][0]
            victim = int(victim_addr.rsplit(":", 1)[1])
            killed_at = time.monotonic()
            cluster.kill_replica(victim)
            results = await asyncio.gather(*(_recovered(s, killed_at) for s in sessions))
            for s in sessions:
                await s["context"].close()
            await browser.close()
    finally:
        cluster.stop()
    on_victim = [r for r in results if r["replica_before"] == victim_addr]
    ok = [r for r in results if r.get("came_back") and r.get("same_address") and r.get("live_after")
          and not r.get("traceback") and not r.get("error_boxes")]
    return {"sessions": len(results), "spread_before": dict(spread), "killed": victim_addr,
            "sessions_on_killed": len(on_victim), "back_with_same_view": len(ok),
            "recovery_s_max": max((r["seconds"] for r in on_victim if r.get("came_back")), default=None),
            "results": results}


async def load(n_sessions: int, seconds: int) -> dict:
    cluster = cluster_mod.start(2, debug=True)  # X-Replica: which replica serves each session
    try:
        report = await drive(cluster.url, n_sessions, seconds)
        log = cluster.access_log()
    finally:
        cluster.stop()
    # Sessions per replica: each browser's affinity cookie and the replica that served it.
    by_cookie = {}
    for line in log:
        parts = line.split()
        if len(parts) >= 2 and parts[-1] != "-" and ":" in parts[-2]:
            by_cookie.setdefault(parts[-1], parts[-2])
    report["spread_by_cookie"] = dict(Counter(by_cookie.values()))
    report["spread_at_open"] = dict(Counter(report.pop("replicas_at_open", [])))
    return report


def render(r: dict) -> str:
    f, lo = r["failover"], r["load"]
    m = r["machine"]
    rows = "\n".join(
        f"| `{x['path']}` | {x['replica_before']} | {'yes' if x.get('came_back') else 'NO ' + x.get('error', '')} | "
        f"{x.get('seconds', '–')} | {x.get('same_address', '–')} | {x.get('live_after', '–')} | "
        f"{x.get('traceback', '–')} | {x.get('error_boxes', '–')} |"
        for x in f["results"])
    return "\n".join([
        "# smt-dashboard: a replica lost mid-meeting, and load through the proxy", "",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB; run {m['date']}. Two replicas with the "
        "production profile (`deploy/profile.py`) behind nginx under `/smt/` (`deploy/cluster.py`), loopback only.", "",
        "## Failover", "",
        f"{f['sessions']} browser sessions on different pages with filters; spread before: {f['spread_before']}. "
        f"Replica {f['killed']} (serving {f['sessions_on_killed']} sessions) killed with SIGKILL.", "",
        f"- sessions back with the same page, filters and view, no traceback, no error box: "
        f"**{f['back_with_same_view']} / {f['sessions']}** {'✅' if f['back_with_same_view'] == f['sessions'] else '❌'}",
        f"- slowest recovery of a session of the killed replica: {f['recovery_s_max']} s (browser reconnection "
        "with back-off, then the page runs again on the surviving replica)", "",
        "| address | replica before | came back | after (s) | same page | live, filters kept | traceback | error boxes |",
        "|---|---|---|---|---|---|---|---|", rows, "",
        "\"Live, filters kept\": after coming back, the session answers an action only a server can (next slide, or "
        "the other language) and its address keeps every filter.", "",
        "## Load through the proxy", "",
        f"{lo['sessions']} concurrent headless sessions × {lo['seconds']} s, each opening every page in turn from the "
        "top menus, through nginx, two replicas.", "",
        f"- first page of each session (open → script finished): {lo['open_ms'].get('n')} sessions, "
        f"p50 {lo['open_ms'].get('p50')} ms, p95 {lo['open_ms'].get('p95')} ms",
        f"- page changes completed from the menus: {lo['page_loads']}",
        f"- errors: {lo['errors']} {'✅' if lo['errors'] == 0 else '❌ ' + '; '.join(lo['error_samples'][:5])}",
        f"- page render time (menu click → script finished): p50 {lo['render_ms'].get('p50')} ms, "
        f"p95 {lo['render_ms'].get('p95')} ms, max {lo['render_ms'].get('max')} ms",
        f"- sessions per replica (affinity cookie → replica, from nginx's log): {lo['spread_by_cookie']}",
        f"- machine busy {lo['cpu']['machine_busy_pct']} % over the run (the browsers share the same 2 cores as "
        "the two replicas and nginx)", ""])


def main() -> int:
    parser = argparse.ArgumentParser(description="failover and load through nginx")
    parser.add_argument("--sessions", type=int, default=12)
    parser.add_argument("--load-sessions", type=int, default=20)
    parser.add_argument("--load-seconds", type=int, default=60)
    args = parser.parse_args()
    report = {"machine": machine(), "failover": asyncio.run(failover(args.sessions)),
              "load": asyncio.run(load(args.load_sessions, args.load_seconds))}
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "failover.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (RESULTS / "failover.md").write_text(render(report), encoding="utf-8")
    print(render(report))
    ok = report["failover"]["back_with_same_view"] == report["failover"]["sessions"] and report["load"]["errors"] == 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
