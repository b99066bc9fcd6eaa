"""The capacity bench's client (bench/st_client.py) against a live replica with the production profile: it opens a
session as a browser tab does and changes the region filter over Streamlit's WebSocket protocol, as the bench does."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest

from bench.capacity import capacity
from bench.st_client import Session
from deploy import cluster, profile
from tests.e2e.conftest import free_port


@pytest.fixture(scope="module")
def replica():
    port = free_port()
    proc = profile.start(port, "smt")
    try:
        cluster.wait_healthy(f"http://127.0.0.1:{port}/smt/_stcore/health")
        yield f"http://127.0.0.1:{port}/smt"
    finally:
        proc.terminate()
        proc.wait(timeout=15)


@pytest.mark.slow
def test_one_session_opens_and_one_filter_change_reruns(replica):
    async def scenario():
        session = Session(replica, timeout=30)
        opened = await session.open("map", "")
        regions = session.widget("flt_regions")
        assert regions.kind == "multiselect" and len(regions.options) >= 13
        assert session.page_script_hash and "_streamlit_xsrf" in session.cookies
        changed = await session.set_multiselect("flt_regions", [regions.options[0]])
        query_after = session.query_string
        again = await session.set_multiselect("flt_regions", [])
        await session.close()
        return opened, changed, query_after, again, session.query_string

    # In a thread of its own: a browser test earlier on this worker may have left an event loop running here.
    with ThreadPoolExecutor(1) as pool:
        opened, changed, query_after, again, query_end = pool.submit(asyncio.run, scenario()).result()
    assert not opened.exceptions and not changed.exceptions and not again.exceptions
    assert opened.messages > 10 and changed.messages > 10 and changed.ms > 0
    assert query_after.startswith("region=")  # the app wrote the new filter into the address
    assert "region=" not in query_end
    # The map's large messages are cached by the client and sent by reference on the next run, as in a browser.
    assert again.bytes < opened.bytes


def test_capacity_is_the_last_level_within_one_second_without_errors():
    rows = [{"sessions": 1, "p95_ms": 300, "errors": 0}, {"sessions": 5, "p95_ms": 700, "errors": 0},
            {"sessions": 10, "p95_ms": 990, "errors": 0}, {"sessions": 15, "p95_ms": 1400, "errors": 0}]
    assert capacity(rows) == 10
    assert capacity([{"sessions": 1, "p95_ms": 1200, "errors": 0}]) == 0
    assert capacity([{"sessions": 5, "p95_ms": 500, "errors": 1}]) == 0
    # Levels count from the first up to the first that fails: a lucky level after a failed one does not count.
    assert capacity([{"sessions": 1, "p95_ms": 300, "errors": 0}, {"sessions": 5, "p95_ms": 1100, "errors": 0},
                     {"sessions": 10, "p95_ms": 900, "errors": 0}]) == 1
