"""Benchmark of page speed, interaction latency, memory and scale. Writes bench/results/report.{md,json}.

    python -m bench.run [--quick]

Measures (medians and p95 over repeated runs):
- cold start: server launch → overview headline figures visible in headless Chromium;
- page rerun (server script time, warm caches) for every page with AppTest, 20 runs each, beside a bare
  one-line Streamlit page measured the same way (the framework's floor);
- interaction latency in the browser, on every page: commit a region in the filter → the page's content in its final
  state, beside a minimal page with the same sidebar filter measured the same way (the floor);
- memory: server RSS after visiting every page with 1 and with 10 sessions;
- scale: the same pages on synthetic data 1,000× larger (bench/synthetic.py), generated, never committed;
- search: server time of one query (names, typos, partial words, several words, nothing found), each on a cold
  word cache, on the real data and on the 1,000× data, and the index's build time.
Targets (ratios to floors measured in the same run): rerun median ≤ 25× a bare page; cold start ≤ 1.3× a one-metric
app's; filter → page settled median ≤ 3× and worst of 8 ≤ 4× the floor app's (the map 8× / 10×); +10 sessions
≤ +150 MB; at 1,000× data every page rerun ≤ 1 s; a search ≤ 100 ms (≤ 300 ms at 1,000× data).
``--baseline FILE`` adds the figures of an earlier report.json as "before" columns.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from smt_dashboard.navigation import available_pages  # noqa: E402
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, free_port, start_server, wait_ready  # noqa: E402

RESULTS = ROOT / "bench" / "results"
# Ratios to a floor measured in the same run (these machines are noisy): a bare page for reruns, a one-page app with
# the same kind of sidebar multiselect and one metric for a filter change, and a one-metric app for the cold start.
TARGETS = {"search_max_ms": 100, "search_scale_max_ms": 300, "rerun_x_bare": 25, "scale_rerun_ms": 1000,
           "cold_start_x_floor": 1.3, "filter_median_x_floor": 3, "filter_worst_x_floor": 4,
           "filter_median_x_floor_map": 8, "filter_worst_x_floor_map": 10, "extra_rss_10_sessions_mb": 150}
# The floor of a filter change: a page with the same sidebar filter and one figure, nothing else.
FLOOR_PAGE = """import streamlit as st
st.title("floor")
with st.sidebar:
    chosen = st.multiselect("Région", ["Bretagne", "Normandie", "Occitanie"])
st.metric("Entreprises", len(chosen))
"""


def pct(values: list[float], q: float) -> float:
    """Percentile with linear interpolation (q in 0..100)."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    k = (len(ordered) - 1) * q / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def summary(values: list[float]) -> dict:
    return {"median": round(statistics.median(values), 1), "p95": round(pct(values, 95), 1),
            "min": round(min(values), 1), "max": round(max(values), 1), "n": len(values)}


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
    import altair
    import pandas
    import streamlit

    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(mem_kb / 1024 / 1024, 1),
            "python": platform.python_version(), "streamlit": streamlit.__version__, "pandas": pandas.__version__,
            "altair": altair.__version__, "os": platform.platform(), "date": datetime.now(UTC).isoformat()}


def cpu_ms(pid: int) -> float:
    """User + system CPU time of a process (ms)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def chromium_cpu_ms() -> float:
    """CPU time of every Chromium process on the machine (ms)."""
    total = 0.0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if b"chromium" in (entry / "cmdline").read_bytes():
                    total += cpu_ms(int(entry.name))
            except OSError:
                continue
    return total


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS"):
            return int(line.split()[1]) / 1024
    return float("nan")


# --- server-side reruns ---------------------------------------------------------------------------

def rerun_times(runs: int, data_dir: str | None = None) -> dict:
    """Per page: AppTest script-run time with warm caches; plus the bare one-line page."""
    from streamlit.testing.v1 import AppTest

    env_before = os.environ.get("SMT_DATA_DIR")
    if data_dir:
        os.environ["SMT_DATA_DIR"] = data_dir
    try:
        out = {}
        bare = AppTest.from_string("import streamlit as st\nst.write('ok')", default_timeout=60)
        bare.run()
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            bare.run()
            times.append((time.perf_counter() - t0) * 1000)
        out["_bare_page"] = summary(times)
        for spec in available_pages():
            at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
            at.switch_page(spec.file)
            at.run()  # warm the caches
            if at.exception:
                out[spec.key] = {"error": [e.value for e in at.exception][:1]}
                continue
            # Only the open tab of a page runs: the page as it opens, then each of its other tabs.
            labels = [t.label for t in at.tabs]
            for pos, label in enumerate(labels or [None]):
                if label is not None:
                    at.session_state[f"tabs_{spec.key}_fr"] = label
                    at.run()
                times = []
                for _ in range(runs):
                    t0 = time.perf_counter()
                    at.run()
                    times.append((time.perf_counter() - t0) * 1000)
                out[spec.key if pos == 0 else f"{spec.key} · {label}"] = summary(times)
        return out
    finally:
        if data_dir:
            if env_before is None:
                os.environ.pop("SMT_DATA_DIR", None)
            else:
                os.environ["SMT_DATA_DIR"] = env_before


# --- browser ------------------------------------------------------------------------------------

def cold_starts(p, repeats: int, script: Path | None = None) -> dict:
    """Launch → overview figures visible, split into: server healthy, page shell loaded, figures shown.
    With ``script`` (a one-line page showing a metric "40") it gives the framework's floor."""
    browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    parts: dict[str, list[float]] = {"total": [], "server_healthy": [], "page_loaded": [], "figures_after_load": []}
    for _ in range(repeats):
        port = free_port()
        t0 = time.perf_counter()
        proc = start_server(port, script=script)
        t1 = time.perf_counter()
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(f"http://127.0.0.1:{port}/")
        t2 = time.perf_counter()
        page.locator("[data-testid='stMetricValue']").filter(has_text="40").first.wait_for(timeout=60000)
        t3 = time.perf_counter()
        for key, value in (("total", t3 - t0), ("server_healthy", t1 - t0), ("page_loaded", t2 - t1),
                           ("figures_after_load", t3 - t2)):
            parts[key].append(value)
        page.close()
        proc.terminate()
        proc.wait(timeout=15)
    browser.close()
    return {key: summary(values) for key, values in parts.items()}


_WATCH = """() => {
  // Record when the main area's text, and the page's first chart (Altair, drawn as SVG), last changed.
  // Polled every 10 ms inside the page.
  const main = () => document.querySelector("[data-testid='stMainBlockContainer']");
  const chart = () => {
    const svg = main().querySelector("[data-testid='stVegaLiteChart'] svg.marks");
    return svg ? svg.textContent + "|" + svg.getElementsByTagName("*").length : "";
  };
  window.__smt = {t0: performance.now(), last: main().innerText, chart: chart(), changed: null, chartChanged: null,
                  running: false};
  clearInterval(window.__smtTimer);
  window.__smtTimer = setInterval(() => {
    const text = main().innerText, drawn = chart(), now = performance.now();
    window.__smt.running = !!document.querySelector("[data-testid='stStatusWidget']");
    if (text !== window.__smt.last) { window.__smt.last = text; window.__smt.changed = now; }
    if (drawn !== window.__smt.chart) { window.__smt.chart = drawn; window.__smt.chartChanged = now; }
  }, 10);
}"""


def filter_latency(p, base: str, pages: list[str], changes: int, server_pid: int) -> dict:
    """Add then remove a region in the sidebar. The clock starts when the choice is committed (Enter, or the
    tag's remove button) and stops at the last change of the page's content once it has settled (script
    finished, no change for 1.5 s), so a page that redraws in several steps counts until its final state."""
    browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    out = {}
    for key in pages:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(f"{base}/{'' if key == 'overview' else key}")
        wait_ready(page)
        page.wait_for_timeout(1500)
        region = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").filter(has_text="Région")
        times, chart_times, server_cpu, browser_cpu = [], [], [], []
        for i in range(changes):
            if i % 2 == 0:
                region.locator("input").click()
                page.keyboard.type("Bretagne")  # typing is the user's time, not the app's
            cpu0 = (cpu_ms(server_pid), chromium_cpu_ms())
            if i % 2 == 0:
                page.evaluate(_WATCH)
                page.keyboard.press("Enter")
                page.keyboard.press("Escape")
            else:
                page.evaluate(_WATCH)
                # The tag is also copied inside a <template>; only the accessible (visible) button counts.
                region.get_by_role("button", name="Remove Bretagne").click()
            page.wait_for_function(
                "() => window.__smt.changed !== null && !window.__smt.running"
                " && performance.now() - window.__smt.changed > 1500", timeout=60000, polling=50)
            settled, chart = page.evaluate("() => [window.__smt.changed - window.__smt.t0,"
                                           " window.__smt.chartChanged && window.__smt.chartChanged - window.__smt.t0]")
            times.append(settled)
            if chart is not None:
                chart_times.append(chart)
            # CPU spent by each side for this change (includes the 1.5 s settling wait, which is idle).
            server_cpu.append(cpu_ms(server_pid) - cpu0[0])
            browser_cpu.append(chromium_cpu_ms() - cpu0[1])
        out[key] = {**summary(times), "chart": summary(chart_times) if chart_times else None,
                    "server_cpu_ms": round(statistics.median(server_cpu)),
                    "browser_cpu_ms": round(statistics.median(browser_cpu))}
        page.close()
    browser.close()
    return out


def memory(p, base: str, pid: int, sessions: int) -> float:
    browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    contexts = [browser.new_context(viewport={"width": 1280, "height": 800}) for _ in range(sessions)]
    pages = [c.new_page() for c in contexts]
    for spec in available_pages():
        for page in pages:
            page.goto(f"{base}/{'' if spec.key == 'overview' else spec.key}")
        for page in pages:
            wait_ready(page, timeout=120000)
    value = rss_mb(pid)
    browser.close()
    return value


SEARCH_QUERIES = ("Voluntis", "volontis", "insuline", "insulin", "PECAN", "diabéto", "diabto", "Biocorp", "HAS",
                  "stylo connecté", "Auvergne-Rhône-Alpes", "Entreprise 00042", "Produit 17", "intelligence artificielle",
                  "zorglub", "a")


def search_times(data_dir: str | None = None, repeats: int = 5) -> dict:
    """Server time of each query on a cold word cache (ms), and the index's build time."""
    from smt_dashboard import datasets, search

    directory = Path(data_dir) if data_dir else datasets.DATA_DIR
    frames = {name: datasets.load_dataset(name, directory) for name in search.DATASETS}
    regions = datasets.region_names(datasets.load_regions(directory))
    start = time.perf_counter()
    index = search.build_index(frames, regions, search.areas_present(frames), "fr")
    build_ms = (time.perf_counter() - start) * 1000
    per_query = {}
    for query in SEARCH_QUERIES:
        times = []
        for _ in range(repeats):
            search.clear_word_cache()
            start = time.perf_counter()
            search.grouped(search.search(index, query))
            times.append((time.perf_counter() - start) * 1000)
        per_query[query] = round(statistics.median(times), 2)
    values = list(per_query.values())
    return {"entries": len(index.entries), "vocabulary": len(index.vocab), "build_ms": round(build_ms, 1),
            "median": round(statistics.median(values), 2), "max": round(max(values), 2), "per_query": per_query}


def main() -> int:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description="smt-dashboard benchmark")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (smoke run)")
    parser.add_argument("--search", action="store_true", help="only the search benchmark (bench/results/search.md)")
    parser.add_argument("--baseline", type=Path, help="an earlier report.json, shown as 'before' columns")
    args = parser.parse_args()
    before = json.loads(args.baseline.read_text(encoding="utf-8")) if args.baseline else None
    runs = 5 if args.quick else 20
    report: dict = {"machine": machine(), "targets": TARGETS}
    from bench.synthetic import make_synthetic

    print("search…", flush=True)
    report["search_ms"] = search_times()
    with tempfile.TemporaryDirectory() as tmp:
        report["search_scale_ms"] = search_times(str(make_synthetic(Path(tmp) / "data")), repeats=3)
    if args.search:
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / "search.md").write_text(render_search(report), encoding="utf-8")
        print(render_search(report))
        return 0

    print("page reruns…", flush=True)
    report["rerun_ms"] = rerun_times(runs)
    print("page reruns at 1,000× data…", flush=True)

    with tempfile.TemporaryDirectory() as tmp:
        synthetic = make_synthetic(Path(tmp) / "data")
        report["scale_rerun_ms"] = rerun_times(max(3, runs // 4), str(synthetic))

    with sync_playwright() as p:
        print("cold starts…", flush=True)
        report["cold_start_s"] = cold_starts(p, 3 if args.quick else 5)
        with tempfile.TemporaryDirectory() as tmp:
            bare = Path(tmp) / "bare.py"
            bare.write_text('import streamlit as st\nst.metric("x", "40")\n', encoding="utf-8")
            report["cold_start_bare_s"] = cold_starts(p, 3 if args.quick else 5, bare)
        port = free_port()
        proc = start_server(port)
        base = f"http://127.0.0.1:{port}"
        try:
            print("filter latency…", flush=True)
            changes = 4 if args.quick else 8
            report["filter_ms"] = filter_latency(p, base, [s.key for s in available_pages()], changes, proc.pid)
            with tempfile.TemporaryDirectory() as tmp:
                floor = Path(tmp) / "floor.py"
                floor.write_text(FLOOR_PAGE, encoding="utf-8")
                floor_port = free_port()
                floor_proc = start_server(floor_port, script=floor)
                try:
                    report["filter_floor_ms"] = filter_latency(p, f"http://127.0.0.1:{floor_port}", ["overview"],
                                                               changes, floor_proc.pid)["overview"]
                finally:
                    floor_proc.terminate()
                    floor_proc.wait(timeout=15)
            print("memory…", flush=True)
            idle = rss_mb(proc.pid)
            one = memory(p, base, proc.pid, 1)
            ten = memory(p, base, proc.pid, 10)
            report["memory_mb"] = {"idle": round(idle, 1), "after_1_session": round(one, 1),
                                   "after_10_sessions": round(ten, 1), "extra_for_10": round(ten - one, 1)}
        finally:
            proc.terminate()
            proc.wait(timeout=15)

    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (RESULTS / "report.md").write_text(render(report, before), encoding="utf-8")
    print(render(report, before))
    return 0


def render_search(report: dict) -> str:
    m, t = report["machine"], report["targets"]
    real, scale = report["search_ms"], report["search_scale_ms"]
    lines = ["## Search (server time per query, cold word cache)", "",
             f"Machine: {m['cpu']}, {m['cores']} cores. Index build: {real['build_ms']} ms for {real['entries']} entries"
             f" ({real['vocabulary']} words) on the real data, {scale['build_ms']} ms for {scale['entries']} entries"
             f" ({scale['vocabulary']} words) at 1,000×; built once per data version and language.", "",
             "| query | real data ms | 1,000× data ms |", "|---|---|---|"]
    for query, value in real["per_query"].items():
        lines.append(f"| {query} | {value} | {scale['per_query'][query]} |")
    lines += [f"| **max** | **{real['max']}** {_ok(real['max'], t['search_max_ms'])} | **{scale['max']}** "
              f"{_ok(scale['max'], t['search_scale_max_ms'])} |", ""]
    return "\n".join(lines) + "\n"


def _ok(value: float, target: float) -> str:
    return "✅" if value <= target else "❌"


def _x(value: float, floor: float) -> float:
    return round(value / floor, 1) if floor else float("inf")


def render(report: dict, before: dict | None = None) -> str:
    """The report in Markdown; with ``before`` (an earlier report), its figures beside this run's."""
    m, t = report["machine"], report["targets"]
    before = before or {}
    bare = report["rerun_ms"]["_bare_page"]["median"]
    lines = ["# smt-dashboard benchmark", "",
             f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB RAM; {m['os']}; Python {m['python']}, "
             f"Streamlit {m['streamlit']}, pandas {m['pandas']}, Altair {m['altair']}. Run {m['date']}."
             + (f" Before: run {before['machine']['date']}." if before else ""), "",
             "Every target is a ratio to a floor measured in the same run: the machines are noisy, a ratio less so.", "",
             "## Filter → page settled (browser)", "",
             "From the committed region choice (Enter, or the tag's remove button) to the last change of the whole main"
             " area (script finished, no change for 1.5 s; the last change counts). The floor is a one-page app with the"
             " same sidebar multiselect and one metric, started by the benchmark in the same run. Targets: median ≤ "
             f"{t['filter_median_x_floor']}× the floor's median and worst of the changes ≤ {t['filter_worst_x_floor']}×"
             f" the floor's worst; the map {t['filter_median_x_floor_map']}× / {t['filter_worst_x_floor_map']}×."
             " Browser and server share the machine's 2 cores; the map's deck.gl canvas is drawn by software WebGL.", ""]
    floor = report.get("filter_floor_ms") or {}
    f_med, f_max = floor.get("median", 0), floor.get("max", 0)
    old = before.get("filter_ms", {})
    lines += ["| page | median ms | worst ms | × floor median | × floor worst | met | before: median | before: worst "
              "| server CPU ms | browser CPU ms |", "|---|---|---|---|---|---|---|---|---|---|"]
    met_all = True
    for key, row in report["filter_ms"].items():
        limit = ((t["filter_median_x_floor_map"], t["filter_worst_x_floor_map"]) if key == "map"
                 else (t["filter_median_x_floor"], t["filter_worst_x_floor"]))
        xm, xw = _x(row["median"], f_med), _x(row["max"], f_max)
        ok = xm <= limit[0] and xw <= limit[1]
        met_all &= ok
        prev = old.get(key, {})
        lines.append(f"| {key} | {row['median']} | {row['max']} | {xm} | {xw} | {'✅' if ok else '❌'} "
                     f"| {prev.get('median', '–')} | {prev.get('max', '–')} | {row['server_cpu_ms']} "
                     f"| {row['browser_cpu_ms']} |")
    prev_floor = before.get("filter_floor_ms") or {}
    lines.append(f"| _floor app | {f_med} | {f_max} | 1 | 1 | | {prev_floor.get('median', '–')} "
                 f"| {prev_floor.get('max', '–')} | {floor.get('server_cpu_ms', '–')} | {floor.get('browser_cpu_ms', '–')} |")
    lines.append(f"\nEvery page within its target: {'yes' if met_all else 'no'}.")
    c, b = report["cold_start_s"], report["cold_start_bare_s"]
    xc = _x(c["total"]["median"], b["total"]["median"])
    pc, pb = before.get("cold_start_s"), before.get("cold_start_bare_s")
    lines += ["", "## Cold start (launch → overview figures visible in Chromium)", "",
              "| | total median s | p95 s | server healthy | page shell loaded | figures after load | × floor |",
              "|---|---|---|---|---|---|---|",
              f"| app | {c['total']['median']} | {c['total']['p95']} | {c['server_healthy']['median']} "
              f"| {c['page_loaded']['median']} | {c['figures_after_load']['median']} "
              f"| {xc} {_ok(xc, t['cold_start_x_floor'])} |",
              f"| one-metric app (floor) | {b['total']['median']} | {b['total']['p95']} | {b['server_healthy']['median']} "
              f"| {b['page_loaded']['median']} | {b['figures_after_load']['median']} | 1 |"]
    if pc and pb:
        lines.append(f"| before: app / floor | {pc['total']['median']} / {pb['total']['median']} | | | | "
                     f"{pc['figures_after_load']['median']} / {pb['figures_after_load']['median']} "
                     f"| {_x(pc['total']['median'], pb['total']['median'])} |")
    lines += [f"\n{c['total']['n']} launches each. Target ≤ {t['cold_start_x_floor']}×. \"Figures after load\" is the"
              " first script run (imports, data loading and validation) plus the browser's first render.", "",
              "## Page rerun (server script time, warm caches, AppTest)", "",
              f"Target: median ≤ {t['rerun_x_bare']}× the bare page's ({bare} ms); at 1,000× data ≤ "
              f"{t['scale_rerun_ms']} ms.", "",
              "| page | median ms | p95 ms | × bare | at 1,000× data: median ms | p95 ms | met | before: median |",
              "|---|---|---|---|---|---|---|---|"]
    old_rerun = before.get("rerun_ms", {})
    for key, row in report["rerun_ms"].items():
        scale = report.get("scale_rerun_ms", {}).get(key, {})
        if "median" not in row:
            lines.append(f"| {key} | error | | | | | | |")
            continue
        x = _x(row["median"], bare)
        verdict = "" if key == "_bare_page" else (
            _ok(x, t["rerun_x_bare"]) + (_ok(scale.get("p95", 0), t["scale_rerun_ms"]) if scale else ""))
        lines.append(f"| {key} | {row['median']} | {row['p95']} | {x} | {scale.get('median', '')} "
                     f"| {scale.get('p95', '')} | {verdict} | {old_rerun.get(key, {}).get('median', '–')} |")
    lines += ["", render_search(report)]
    mem = report["memory_mb"]
    lines += ["## Server memory (RSS)", "",
              f"idle {mem['idle']} MB; after all pages with 1 session {mem['after_1_session']} MB; with 10 more sessions "
              f"{mem['after_10_sessions']} MB (+{mem['extra_for_10']} MB) "
              f"{_ok(mem['extra_for_10'], t['extra_rss_10_sessions_mb'])}", ""]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
