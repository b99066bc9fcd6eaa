"""Capacity per replica, measured over Streamlit's own WebSocket protocol (no browser: bench/st_client.py speaks it).

    python -m bench.capacity            # full ramp: about 15 minutes
    python -m bench.capacity --quick    # shorter levels, fewer steps, no "before" run: under 5 minutes

Load model (one "session" = one committee member's open tab): the session opens a page (home, map, funding,
catalogue, profile, trainings in turn), then, until the level ends, reads for a think time (2–4 s, uniform) and changes
the region filter (the sidebar multiselect ``flt_regions``: another region, or none), waiting for the page to be
drawn again (request sent → ``script_finished``). That is a member clicking every ~3 s, far busier than a meeting.
Each replica is first warmed up (every page once with every region: the app's cross-session caches), and those cold
first views are reported apart. Concurrent sessions are then ramped in levels (sessions already open stay open);
each level reports the filter-change p50/p95, the errors, the server's CPU per filter change and its memory.

Runs, each on fresh servers with the production profile (``deploy/profile.py``) on loopback:
1. ``before``: one replica with Streamlit's default post-run garbage collection (the profile before this bench);
2. ``one replica``: the profile as shipped;
3. ``one replica, without priority``: the same, its threads left at the machine's default priority (the other runs
   raise the servers' and this client's priority, as a pod's CPU request does on a busy node: ``--no-priority``);
4. ``two replicas + nginx``: ``deploy/cluster.py``, sessions through the proxy with its affinity cookie.
``--quick`` runs 2 and 4 only. The last line printed is one JSON object: ``sessions_per_replica`` is the most
concurrent sessions of run 2 whose filter-change p95 ≤ 1 s (levels from the first, up to the first that fails).

Writes bench/results/capacity.{md,json} (``--quick``: capacity-quick.{md,json}).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psutil  # noqa: E402

from bench.run import RESULTS, machine, pct  # noqa: E402
from bench.st_client import Session  # noqa: E402
from deploy import cluster as cluster_mod  # noqa: E402
from deploy import profile  # noqa: E402
from tests.e2e.conftest import free_port  # noqa: E402

P95_TARGET_MS = 1000
THINK_S = (2.0, 4.0)
PAGES = ["", "map", "funding", "catalogue", "profile", "trainings"]
FILTER_KEY = "flt_regions"
FULL_LEVELS = [1, 5, 10, 15, 20, 25, 30, 40]
QUICK_LEVELS = [1, 5, 10, 15, 20]


def raise_priority(pids: list[int], niceness: int) -> None:
    """Give the replicas' threads (and this client's) the scheduling priority a Kubernetes CPU request gives a pod on a
    busy node: they get a core when they need one, ahead of the machine's other work. Their total CPU is unchanged
    (it is what the report counts); only the waiting for a core goes. New threads inherit it from their creator."""
    for pid in pids:
        for task in Path(f"/proc/{pid}/task").iterdir():
            try:
                os.setpriority(os.PRIO_PROCESS, int(task.name), niceness)
            except (PermissionError, ProcessLookupError):
                pass


def machine_busy() -> tuple[int, int]:
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


class Member:
    """One session and its loop of filter changes."""

    def __init__(self, base: str, index: int, rng: random.Random):
        self.session = Session(base)
        self.page = PAGES[index % len(PAGES)]
        self.rng = rng
        self.choice = index
        self.options: list[str] = []

    async def open(self) -> float:
        run = await self.session.open(self.page, "")
        self.options = self.session.widget(FILTER_KEY).options
        return run.ms

    async def loop(self, deadline: float, out: dict) -> None:
        while True:
            think = self.rng.uniform(*THINK_S)
            if time.monotonic() + think >= deadline:
                return
            await asyncio.sleep(think)
            self.choice += 1
            values = [] if self.choice % (len(self.options) + 1) == 0 else [
                self.options[self.choice % len(self.options)]]
            try:
                run = await self.session.set_multiselect(FILTER_KEY, values)
            except Exception as exc:  # noqa: BLE001 - counted, the session goes on if it can
                out["errors"].append(f"{self.page or 'home'}: {type(exc).__name__}")
                return
            out["ms"].append(run.ms)
            out["bytes"].append(run.bytes)
            if run.exceptions:  # the page answered, with an error box: the app's fault, not the load's
                out["page_errors"].append(f"{self.page or 'home'} → {values[:1]}: {run.exceptions[0][:160]}")


class Target:
    """What the sessions talk to: one replica, or nginx with its replicas (their processes for CPU and memory)."""

    def __init__(self, base: str, pids: list[int], stop, label: str):
        self.base, self.pids, self.stop, self.label = base, pids, stop, label
        self.proxy_pids: list[int] = []

    def cpu_s(self) -> float:
        return sum(sum(psutil.Process(pid).cpu_times()[:2]) for pid in self.pids)

    def proxy_cpu_s(self) -> float:
        return sum(sum(psutil.Process(pid).cpu_times()[:2]) for pid in self.proxy_pids)

    def rss_mb(self) -> float:
        return sum(psutil.Process(pid).memory_info().rss for pid in self.pids) / 2**20


def one_replica(extra: dict[str, str] | None = None, cores: str | None = None, label: str = "") -> Target:
    port = free_port()
    proc = profile.start(port, "smt", extra=extra)
    if cores:
        subprocess.run(["taskset", "-a", "-p", "-c", cores, str(proc.pid)], check=True, stdout=subprocess.DEVNULL)
    cluster_mod.wait_healthy(f"http://127.0.0.1:{port}/smt/_stcore/health")

    def stop():
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()

    return Target(f"http://127.0.0.1:{port}/smt", [proc.pid], stop, label)


def two_replicas(label: str) -> Target:
    cluster = cluster_mod.start(2, debug=True)
    target = Target(cluster.url.rstrip("/"), [p.pid for p in cluster.replicas.values()], cluster.stop, label)
    target.cluster = cluster  # type: ignore[attr-defined]
    nginx = psutil.Process(cluster.nginx.pid)
    target.proxy_pids = [nginx.pid, *(c.pid for c in nginx.children())]
    return target


async def warm_up(target: Target) -> dict:
    """Every page once with every region (and none) on every replica: the results the app caches across sessions
    (memo, st.cache_data) are built once per replica, as a replica that has served a while has them. Returns the
    times of those first, cold, filter changes (one session per page and replica, all at once)."""
    replicas = len(target.pids)
    members: list[Member] = []
    for index in range(len(PAGES)):
        seen: set[str | None] = set()
        for attempt in range(4 * replicas):  # through the proxy, sessions land where their cookie hashes
            if len(seen) >= replicas:
                break
            member = Member(target.base, index + attempt * len(PAGES), random.Random(attempt))
            await member.open()
            if member.session.replica in seen and replicas > 1:
                await member.session.close()
                continue
            seen.add(member.session.replica)
            members.append(member)
    times: list[float] = []

    async def every_region(member: Member) -> None:
        for option in [*member.options, None]:
            run = await member.session.set_multiselect(FILTER_KEY, [option] if option else [])
            times.append(run.ms)
        await member.session.close()

    await asyncio.gather(*(every_region(m) for m in members))
    return {"changes": len(times), "p50_ms": round(statistics.median(times), 1), "p95_ms": round(pct(times, 95), 1),
            "max_ms": round(max(times), 1), "sessions": len(members)}


async def ramp(target: Target, levels: list[int], seconds: float, stop_after_ms: float,
               niceness: int | None) -> tuple[dict, list[dict]]:
    rng = random.Random(34)
    members: list[Member] = []
    rows = []
    first: tuple[int, float] | None = None  # (sessions, RSS) after the first level: the replica warm
    me = psutil.Process()
    if niceness is not None:
        raise_priority([*target.pids, *target.proxy_pids, os.getpid()], niceness)
    cold = await warm_up(target)
    print(f"  {target.label}: warm-up, every page × every region once per replica (cold): p50 {cold['p50_ms']} ms, "
          f"p95 {cold['p95_ms']} ms, max {cold['max_ms']} ms over {cold['changes']} changes", flush=True)
    for level in levels:
        if niceness is not None:
            raise_priority([*target.pids, *target.proxy_pids, os.getpid()], niceness)
        open_ms: list[float] = []
        while len(members) < level:  # the new sessions arrive in small groups
            group = [Member(target.base, len(members) + i, rng) for i in range(min(5, level - len(members)))]
            open_ms += await asyncio.gather(*(m.open() for m in group))
            members += group
        out: dict = {"ms": [], "bytes": [], "errors": [], "page_errors": []}
        cpu0, client0, busy0, proxy0 = target.cpu_s(), sum(me.cpu_times()[:2]), machine_busy(), target.proxy_cpu_s()
        t0 = time.monotonic()
        await asyncio.gather(*(m.loop(t0 + seconds, out) for m in members))
        wall = time.monotonic() - t0
        cpu = target.cpu_s() - cpu0
        proxy = target.proxy_cpu_s() - proxy0
        client = sum(me.cpu_times()[:2]) - client0
        busy1 = machine_busy()
        times = out["ms"]
        row = {
            "sessions": level, "filter_changes": len(times), "errors": len(out["errors"]),
            "error_samples": out["errors"][:5],
            "page_errors": len(out["page_errors"]), "page_error_samples": sorted(set(out["page_errors"]))[:3],
            "p50_ms": round(statistics.median(times), 1) if times else None,
            "p95_ms": round(pct(times, 95), 1) if times else None,
            "max_ms": round(max(times), 1) if times else None,
            "changes_per_s": round(len(times) / wall, 2),
            "server_cpu_ms_per_change": round(1000 * cpu / max(len(times), 1), 1),
            "server_cpu_pct_of_one_core": round(100 * cpu / wall, 1),
            "client_cpu_pct_of_one_core": round(100 * client / wall, 1),
            "proxy_cpu_pct_of_one_core": round(100 * proxy / wall, 2) if target.proxy_pids else None,
            "machine_busy_pct": round(100 * (busy1[0] - busy0[0]) / max(busy1[1] - busy0[1], 1), 1),
            # Everything else running on the machine's cores meanwhile (other people's work), in % of the machine.
            "other_work_pct": round(100 * (busy1[0] - busy0[0]) / max(busy1[1] - busy0[1], 1)
                                    - 100 * (cpu + client + proxy) / wall / (os.cpu_count() or 1), 1),
            "rss_mb": round(target.rss_mb(), 1),
            # Memory of one more open session: the RSS's slope from the first level (the first session also loads
            # the data and libraries, once per replica).
            "rss_mb_per_session": (round((target.rss_mb() - first[1]) / (level - first[0]), 1)
                                   if first and level > first[0] else None),
            "bytes_per_change_kb": round(statistics.median(out["bytes"]) / 1024, 1) if out["bytes"] else None,
            "open_ms_p50": round(statistics.median(open_ms), 1) if open_ms else None,
        }
        rows.append(row)
        first = first or (level, row["rss_mb"])
        print(f"  {target.label}: {level:>3} sessions  p50 {row['p50_ms']} ms  p95 {row['p95_ms']} ms  "
              f"errors {row['errors']}  server CPU {row['server_cpu_ms_per_change']} ms/change "
              f"({row['server_cpu_pct_of_one_core']} % of a core)  RSS {row['rss_mb']} MB  "
              f"machine busy {row['machine_busy_pct']} % (others {row['other_work_pct']} %)"
              + (f"  errors: {out['errors'][:2]}" if out["errors"] else "")
              + (f"  page errors: {len(out['page_errors'])}" if out["page_errors"] else ""), flush=True)
        if row["p95_ms"] is None or row["p95_ms"] > stop_after_ms or row["errors"]:
            break  # past the knee: the next levels would only be slower
    if hasattr(target, "cluster"):
        spread = Counter(m.session.replica for m in members)
        rows[-1]["sessions_per_replica_seen"] = dict(spread)
    for member in members:
        try:
            await member.session.close()
        except Exception:  # noqa: BLE001
            pass
    return cold, rows


def capacity(rows: list[dict]) -> int:
    """The most concurrent sessions whose filter-change p95 ≤ 1 s, with no error (a timeout or a lost connection;
    0 when even one session is slower). An error box a page draws is counted apart (``page_errors``): it does not
    depend on the load."""
    best = 0
    for r in sorted(rows, key=lambda r: r["sessions"]):  # the levels up to the first one that fails
        if r["p95_ms"] is None or r["p95_ms"] > P95_TARGET_MS or r["errors"]:
            break
        best = r["sessions"]
    return best


def run_one(name: str, make, levels: list[int], seconds: float, stop_after_ms: float, niceness: int | None) -> dict:
    print(f"{name} …", flush=True)
    target = make()
    try:
        cold, rows = asyncio.run(ramp(target, levels, seconds, stop_after_ms, niceness))
    finally:
        target.stop()
    return {"name": name, "replicas": len(target.pids), "cold": cold, "levels": rows, "capacity_sessions": capacity(rows)}


def render(report: dict) -> str:
    m = report["machine"]
    lines = [
        "# smt-dashboard: capacity per replica (WebSocket protocol, no browser)", "",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB; Python {m['python']}, Streamlit "
        f"{m['streamlit']}; run {m['date']}{' (--quick)' if report['quick'] else ''}. Loopback only.", "",
        "Load model: each session opens a page (home, map, funding, catalogue, profile, trainings in turn), then "
        f"reads for {THINK_S[0]:g}–{THINK_S[1]:g} s and changes the region filter, again and again (a member clicking "
        "every ~3 s: busier than a meeting). Before the ramp, each replica is warmed up: every page once with every "
        "region (the results the app caches across sessions are built once per replica, as on a replica that has "
        "served a while); those first, cold views are reported apart. The time of a filter change is the request "
        "sent → the server's "
        "`script_finished` (the page drawn again, its messages all received), as the browser's protocol sees it: "
        "Streamlit's protobuf messages over `/_stcore/stream` (`bench/st_client.py`), no Chromium. Levels are "
        f"{report['seconds']:g} s each; a run stops at the first level past {report['stop_after_ms']:.0f} ms p95 or "
        "with an error (a timeout or a lost connection; an error box a page draws is counted apart, as \"page "
        "errors\"). A run's capacity is the last level, from the first, whose p95 ≤ "
        f"{P95_TARGET_MS} ms without error. CPU is the server processes' (user + system) over the level; memory is "
        "their RSS; MB / session is the memory of one more open session (the slope from the first level: the first "
        "session also loads the data and libraries, once per replica). The machine is shared with other people's "
        "work (test suites, browsers): \"other work\" is the share of its cores busy with processes that are neither "
        "the servers nor this client. "
        + (f"The servers, nginx and this client ran at scheduling priority {report['niceness']} (nice), as a "
           "Kubernetes CPU request gives a pod its share on a busy node: they get a core when they need one; the CPU "
           "they use is the same, and is what the tables count. The run \"without priority\" is the same replica "
           "waiting for cores behind the other work." if report.get("niceness") is not None else
           "No priority was given to the servers: a server that waits for a core is slower, so wall times are "
           "pessimistic."), "",
        f"**Capacity: {report['sessions_per_replica']} concurrent sessions per replica** at filter-change p95 "
        f"≤ {P95_TARGET_MS} ms (production profile, one replica)."]
    for run in report["runs"]:
        lines += ["", f"## {run['name']}", "",
                  f"Capacity: **{run['capacity_sessions']} sessions** in total "
                  f"({run['replicas']} replica{'s' if run['replicas'] > 1 else ''}) at p95 ≤ {P95_TARGET_MS} ms. "
                  f"First views (warm-up: every page × every region once per replica, caches cold): p50 "
                  f"{run['cold']['p50_ms']} ms, p95 {run['cold']['p95_ms']} ms, max {run['cold']['max_ms']} ms "
                  f"({run['cold']['changes']} changes).", "",
                  "| sessions | filter changes | p50 ms | p95 ms | max ms | errors | page errors | server CPU ms / change | "
                  "server CPU % of a core | RSS MB | MB / session | KB / change | client CPU % of a core | machine busy % | "
                  "of which other work % |",
                  "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
        for r in run["levels"]:
            lines.append(f"| {r['sessions']} | {r['filter_changes']} | {r['p50_ms']} | {r['p95_ms']} | {r['max_ms']} | "
                         f"{r['errors']} | {r.get('page_errors', 0)} | {r['server_cpu_ms_per_change']} | "
                         f"{r['server_cpu_pct_of_one_core']} | "
                         f"{r['rss_mb']} | {r['rss_mb_per_session']} | {r['bytes_per_change_kb']} | "
                         f"{r['client_cpu_pct_of_one_core']} | {r['machine_busy_pct']} | {r['other_work_pct']} |")
        last = run["levels"][-1]
        if last.get("error_samples"):
            lines += ["", "Errors: " + "; ".join(last["error_samples"])]
        page_errors = sorted({e for r in run["levels"] for e in r.get("page_error_samples", [])})
        if page_errors:
            lines += ["", "Page errors (an error box drawn by the page; the same at any load): "
                      + "; ".join(e.replace("|", "/") for e in page_errors[:2])]
        if last.get("sessions_per_replica_seen"):
            lines += ["", f"Sessions per replica (the affinity cookie's choice): {last['sessions_per_replica_seen']}; "
                      "nginx's CPU per level, % of a core: "
                      + ", ".join(str(r["proxy_cpu_pct_of_one_core"]) for r in run["levels"]) + "."]
    if report.get("findings"):
        lines += ["", "## What limits it", "", *report["findings"]]
    return "\n".join(lines) + "\n"


FINDINGS = [
    "- **A full garbage collection after every script run** was the first limit. Streamlit runs `gc.collect(2)` when "
    "a run ends (`runner.postScriptGC`, on by default); with pandas, Altair, GeoPandas and the app's caches in memory "
    "one collection takes longer than the page's own script, and it holds the GIL, so every other session waits. "
    "Profiled with `py-spy record --gil` on a replica under 4 sessions changing filters without pause: 76 % of the "
    "GIL's samples were in that collection; with it off, the same 25 s completed 306 filter changes instead of 83. "
    "The production profile turns it off (`deploy/profile.py`); Python's own generational collector still runs. "
    "Compare \"before\" (its CPU per filter change, its p95 from 5 sessions) with \"one replica\", and the memory, "
    "which stays flat without the forced collection.",
    "- **The GIL**: a replica is one Python process, and a filter change is its script thread's work, so a replica "
    "uses one core at most, however large the pod; near its capacity the threads of concurrent runs queue for the "
    "GIL before the core is full. A bigger pod gives more only with more replicas (one per core): the two-replica run "
    "is that on this machine's 2 cores, which the other work shared (see its last columns).",
    "- **Script time, then serialisation**, once the collection is gone (same profile): the pages' own work — the "
    "app's memo keys (pickling each cached builder's arguments: ~23 % of the GIL's samples), copying frames out of "
    "the caches, JSON for the map's shapes (~7 %), then Streamlit turning elements into protobuf messages (~9 %). "
    "Those are page code, not changed here. A page's first view with a region (cold caches) costs 0.5–2 s once per "
    "replica: the warm-up line of each run.",
    "- **The proxy** is not a limit: nginx used about 1 % of a core at most (two-replica run).",
    "- **The machine**: the run \"without priority\" is the same replica with the same CPU per filter change, "
    "waiting for a core behind the other work; that waiting is the difference between its capacity and the "
    "shipped run's.",
]


def main() -> int:
    parser = argparse.ArgumentParser(description="capacity per replica over the WebSocket protocol")
    parser.add_argument("--quick", action="store_true", help="shorter levels, the shipped profile only: < 5 min")
    parser.add_argument("--seconds", type=float, default=None, help="length of each level")
    parser.add_argument("--niceness", type=int, default=-10,
                        help="scheduling priority of the servers and this client (as a pod's CPU request; root only)")
    parser.add_argument("--no-priority", action="store_true", help="leave the priorities as they are")
    args = parser.parse_args()
    seconds = args.seconds or (12 if args.quick else 30)
    levels = QUICK_LEVELS if args.quick else FULL_LEVELS
    stop_after_ms = 2 * P95_TARGET_MS
    niceness = None if args.no_priority or os.geteuid() != 0 else args.niceness
    runs = []
    if not args.quick:
        runs.append(run_one("before: one replica, post-run garbage collection on (Streamlit's default)",
                            lambda: one_replica({"runner.postScriptGC": "true"}, label="before"), levels, seconds,
                            stop_after_ms, niceness))
    shipped = run_one("one replica (production profile)", lambda: one_replica(label="one replica"), levels, seconds,
                      stop_after_ms, niceness)
    runs.append(shipped)
    if not args.quick and niceness is not None:
        runs.append(run_one("one replica, without priority over the machine's other work",
                            lambda: one_replica(label="no priority"), levels, seconds, stop_after_ms, None))
    if shutil.which(cluster_mod.NGINX) or os.path.exists(cluster_mod.NGINX):
        runs.append(run_one("two replicas behind nginx (2 cores)", lambda: two_replicas("2 replicas"),
                            [lv * 2 for lv in levels], seconds, stop_after_ms, niceness))
    report = {"machine": machine(), "quick": args.quick, "seconds": seconds, "stop_after_ms": stop_after_ms,
              "think_s": list(THINK_S), "p95_target_ms": P95_TARGET_MS, "niceness": niceness, "runs": runs,
              "sessions_per_replica": shipped["capacity_sessions"], "findings": FINDINGS}
    RESULTS.mkdir(parents=True, exist_ok=True)
    name = "capacity-quick" if args.quick else "capacity"  # a quick run never replaces the full report
    (RESULTS / f"{name}.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (RESULTS / f"{name}.md").write_text(render(report), encoding="utf-8")
    print(render(report))
    two = next((r for r in runs if r["replicas"] == 2), None)
    at = max((lv for lv in shipped["levels"] if lv["sessions"] <= max(shipped["capacity_sessions"], 1)),
             key=lambda lv: lv["sessions"])
    last = {"sessions_per_replica": shipped["capacity_sessions"], "p95_target_ms": P95_TARGET_MS,
            "two_replicas_behind_nginx": two["capacity_sessions"] if two else None,
            "p95_ms_at_capacity": at["p95_ms"], "server_cpu_ms_per_change": at["server_cpu_ms_per_change"],
            "server_cpu_pct_of_one_core_at_capacity": at["server_cpu_pct_of_one_core"],
            "rss_mb_at_capacity": at["rss_mb"], "rss_mb_per_session": at["rss_mb_per_session"], "quick": args.quick}
    print(json.dumps(last))
    return 0


if __name__ == "__main__":
    sys.exit(main())
