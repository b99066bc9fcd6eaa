"""N replicas with the production profile behind nginx, on loopback ports (for the failover and load tests, or
to try the deployment by hand).

    python -m deploy.cluster --replicas 2 --port 8080     # then open http://127.0.0.1:8080/smt/ ; Ctrl-C stops

Needs Debian's ``nginx`` (``apt-get install -y nginx``); nginx runs as this user with its files in a temporary
folder, so nothing is written to /etc.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from deploy import profile, security
from tests.e2e.conftest import free_port

TEMPLATE = Path(__file__).with_name("nginx.conf.template")
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def nginx_config(listen: int, replica_ports: list[int], base: str, prefix: Path, debug: bool = False) -> str:
    """The nginx configuration for these loopback ports (the template's ${...} fields filled in). ``debug`` adds the
    ``X-Replica`` response header (which replica answered: the failover and load benches count sessions with it);
    off by default, as it tells every visitor the replicas' addresses."""
    upstreams = "\n".join(f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=30s;" for port in replica_ports)
    # Run as root (a test machine), nginx's workers would drop to "nobody" and could not use the temp folder.
    user = "user root;\n" if os.geteuid() == 0 else ""
    text = TEMPLATE.read_text()
    # Plain replacement: nginx's own $variables stay as they are.
    for name, value in {"user": user, "listen": f"127.0.0.1:{listen}", "upstreams": upstreams,
                        "base": base.strip("/"), "prefix": str(prefix),
                        "security_headers": security.nginx_directives("            "),
                        "debug_headers": "            add_header X-Replica $upstream_addr always;\n" if debug else "",
                        }.items():
        text = text.replace("${" + name + "}", value)
    return text


def wait_healthy(url: str, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} not healthy within {timeout} s")


@dataclass
class Cluster:
    """Running replicas (port → process) and nginx, with their logs in ``prefix``."""

    base: str
    port: int
    prefix: Path
    replicas: dict[int, subprocess.Popen] = field(default_factory=dict)
    nginx: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/{self.base}/"

    def kill_replica(self, port: int) -> None:
        """A replica lost mid-meeting: killed at once (SIGKILL), no clean shutdown."""
        proc = self.replicas[port]
        proc.kill()
        proc.wait(timeout=10)

    def access_log(self) -> list[str]:
        path = self.prefix / "access.log"
        return path.read_text(errors="replace").splitlines() if path.exists() else []

    def stop(self) -> None:
        if self.nginx and self.nginx.poll() is None:
            self.nginx.send_signal(signal.SIGQUIT)
            try:
                self.nginx.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.nginx.kill()
        for proc in self.replicas.values():
            if proc.poll() is None:
                proc.terminate()
        for proc in self.replicas.values():
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)


def start(replicas: int = 2, port: int | None = None, base: str = "smt", env: dict[str, str] | None = None,
          debug: bool = False, extra: dict[str, str] | None = None) -> Cluster:
    """Start ``replicas`` Streamlit processes and nginx in front of them; wait until all are healthy. ``debug``: the
    ``X-Replica`` header (see :func:`nginx_config`); ``extra``: more Streamlit options for every replica."""
    prefix = Path(tempfile.mkdtemp(prefix="smt-cluster-"))
    port = port or free_port()
    cluster = Cluster(base.strip("/"), port, prefix)
    # Every replica must share the cookie secret: the XSRF cookie a browser got from one replica must be valid
    # on the others, or a session moved to another replica (its first one lost) cannot act any more.
    env = {"SMT_PUBLIC_URL": f"http://127.0.0.1:{port}/{cluster.base}",
           "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(32), **(env or {})}
    try:
        for _ in range(replicas):
            replica_port = free_port()
            log = open(prefix / f"replica-{replica_port}.log", "wb")  # noqa: SIM115 - closed with the process
            cluster.replicas[replica_port] = profile.start(replica_port, cluster.base, env=env, log=log, extra=extra)
        for replica_port in cluster.replicas:
            wait_healthy(f"http://127.0.0.1:{replica_port}/{cluster.base}/_stcore/health")
        conf = prefix / "nginx.conf"
        conf.write_text(nginx_config(port, list(cluster.replicas), cluster.base, prefix, debug=debug))
        cluster.nginx = subprocess.Popen([NGINX, "-p", str(prefix), "-c", str(conf), "-g", "daemon off;"],
                                         stdout=subprocess.DEVNULL, stderr=open(prefix / "nginx.out", "wb"))  # noqa: SIM115
        wait_healthy(f"http://127.0.0.1:{port}/{cluster.base}/_stcore/health", timeout=20)
    except BaseException:
        cluster.stop()
        raise
    return cluster


def main() -> int:
    parser = argparse.ArgumentParser(description="N replicas with the production profile behind nginx (loopback)")
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--base-path", default="smt")
    parser.add_argument("--debug-headers", action="store_true", help="add X-Replica (which replica answered)")
    args = parser.parse_args()
    cluster = start(args.replicas, args.port, args.base_path, debug=args.debug_headers)
    print(f"{args.replicas} replicas {sorted(cluster.replicas)} behind nginx: {cluster.url} (logs in {cluster.prefix})")
    try:
        while True:
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
