"""The production profile: the Streamlit options a hosted replica runs with, and the command that starts one.

    python -m deploy.profile --port 8501 --base-path smt      # one replica, as the committee's IT runs it

Set ``SMT_PUBLIC_URL`` (e.g. ``https://intranet.example.org/smt``) so that share links and deck links point at
the public address rather than at the replica's own.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Why each option (Streamlit 1.67 names):
PRODUCTION_OPTIONS: dict[str, str] = {
    "server.headless": "true",
    "server.enableXsrfProtection": "true",  # forms and uploads need the XSRF token of the session's cookie
    # Streamlit's "enableCORS" is its CORS *protection*: true = no cross-origin access (the app is served from
    # one origin, through the proxy); false would send "Access-Control-Allow-Origin: *".
    "server.enableCORS": "true",
    "server.enableStaticServing": "false",  # nothing under /app/static
    "server.fileWatcherType": "none",  # read-only code and data: no watcher threads
    "server.runOnSave": "false",
    "client.toolbarMode": "viewer",  # no developer menu, no Deploy button
    "client.showErrorDetails": "none",  # tracebacks stay in the server log
    "browser.gatherUsageStats": "false",  # nothing leaves the machine
    "runner.magicEnabled": "false",
    # No full garbage collection after every script run (Streamlit's default): with pandas, Altair and the caches
    # in memory it took longer than the page's own script and held the GIL, so every session waited for it
    # (bench/results/capacity.md). Python's generational collector still runs.
    "runner.postScriptGC": "false",
    "logger.level": "warning",
}


def streamlit_command(port: int, base_path: str = "", address: str = "127.0.0.1",
                      extra: dict[str, str] | None = None) -> list[str]:
    """The command line of one replica with the production options (``base_path`` without slashes)."""
    options = {**PRODUCTION_OPTIONS, "server.port": str(port), "server.address": address,
               "server.baseUrlPath": base_path.strip("/"), **(extra or {})}
    command = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py")]
    for key, value in options.items():
        command += [f"--{key}", value]
    return command


def start(port: int, base_path: str = "", address: str = "127.0.0.1", env: dict[str, str] | None = None,
          log=subprocess.DEVNULL, extra: dict[str, str] | None = None) -> subprocess.Popen:
    """Start one replica (not waiting for it: poll ``/<base>/_stcore/health``, the readiness check); ``extra``: more
    Streamlit options (e.g. ``{"secrets.files": path}``)."""
    return subprocess.Popen(streamlit_command(port, base_path, address, extra), cwd=ROOT,
                            env={**os.environ, **(env or {})}, stdout=log, stderr=subprocess.STDOUT)


def main() -> int:
    parser = argparse.ArgumentParser(description="Run one replica with the production profile")
    parser.add_argument("--port", type=int, default=8501)
    parser.add_argument("--base-path", default="smt", help="path prefix behind the proxy, e.g. smt for /smt/")
    parser.add_argument("--address", default="127.0.0.1", help="interface to listen on (the proxy's side)")
    args = parser.parse_args()
    os.execv(sys.executable, streamlit_command(args.port, args.base_path, args.address))
    return 0


if __name__ == "__main__":
    sys.exit(main())
