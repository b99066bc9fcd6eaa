"""A Streamlit session without a browser: the app's WebSocket protocol spoken as the browser's frontend speaks it.

The browser, for each tab: asks ``/_stcore/health`` (which sets the XSRF cookie) and ``/_stcore/host-config``; opens
``/_stcore/stream`` with the subprotocols ``streamlit, <XSRF cookie value>``; sends a ``rerun_script`` BackMsg whose
ClientState carries the address's query string and the page's name (its URL path); reads ForwardMsgs — ``new_session``
(then ``navigation``: the page's script hash), deltas (the elements, among them the widgets with their ids),
``page_info_changed`` (the address the app writes) — until ``script_finished``. A widget change is another
``rerun_script`` with the page's script hash, the current query string, the widget states, and the hashes of the large
messages it has cached (the server then sends a reference instead of the message). This client does the same, and
times each run.
"""

from __future__ import annotations

import asyncio
import http.cookies
import json
import time
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from smt_dashboard import st_internals

P = st_internals.protocol()
MAX_CACHED_AGE = 2  # Streamlit's global.maxCachedMessageAge (the browser drops a cached message older than that)


class ProtocolError(RuntimeError):
    pass


@dataclass
class Run:
    """One script run as the client saw it."""

    ms: float  # request sent → script_finished received
    messages: int
    bytes: int
    exceptions: list[str] = field(default_factory=list)  # exception elements or error boxes the page drew


@dataclass
class Widget:
    id: str
    kind: str
    options: list[str]


def _http_get(url: str, cookies: dict[str, str], timeout: float) -> None:
    request = urllib.request.Request(url, headers={"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
                                     if cookies else {})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            jar = http.cookies.SimpleCookie()
            jar.load(header)
            cookies.update({name: morsel.value for name, morsel in jar.items() if morsel.value})


class Session:
    """One browser tab's session. ``base`` is the app's address with its path prefix, e.g.
    ``http://127.0.0.1:8501/smt`` (through a proxy: the proxy's address, whose affinity cookie is kept)."""

    def __init__(self, base: str, timeout: float = 60):
        self.base = base.rstrip("/")
        self.timeout = timeout
        self.cookies: dict[str, str] = {}
        self.ws = None
        self.page_script_hash = ""
        self.query_string = ""
        self.widgets: dict[str, Widget] = {}
        self.cached_hashes: dict[str, int] = {}  # hash of a large message → the run that last used it
        self.runs = 0
        self.replica: str | None = None

    async def open(self, page: str = "", query: str = "") -> Run:
        """Open the app on ``page`` (its URL path, "" for the home page) with ``query``, as a tab does."""
        from websockets.asyncio.client import connect

        loop = asyncio.get_running_loop()
        for path in ("_stcore/health", "_stcore/host-config"):
            await loop.run_in_executor(None, _http_get, f"{self.base}/{path}", self.cookies, self.timeout)
        parts = urlsplit(self.base)
        ws_url = ("wss" if parts.scheme == "https" else "ws") + f"://{parts.netloc}{parts.path}/{P.stream_path}"
        token = self.cookies.get(P.xsrf_cookie, "PLACEHOLDER_AUTH_TOKEN")
        headers = {"Origin": f"{parts.scheme}://{parts.netloc}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        self.ws = await asyncio.wait_for(connect(ws_url, subprotocols=[P.subprotocol, token], additional_headers=headers,
                                                 max_size=None, open_timeout=self.timeout), self.timeout)
        self.replica = self.ws.response.headers.get("X-Replica") if self.ws.response else None
        self.query_string = query
        return await self._run(page_name=page)

    def widget(self, key: str) -> Widget:
        """The widget drawn with ``key`` in the last run (its id ends with the key, as Streamlit builds it)."""
        found = [w for wid, w in self.widgets.items() if wid.endswith("-" + key)]
        if not found:
            raise ProtocolError(f"no widget with key {key!r} in the last run")
        return found[0]

    async def set_multiselect(self, key: str, values: list[str]) -> Run:
        """A person picks ``values`` (the labels shown) in the multiselect ``key``: one rerun."""
        state = P.WidgetState(id=self.widget(key).id)
        state.string_array_value.data.extend(values)
        return await self._run(widget_states=[state])

    async def _run(self, page_name: str = "", widget_states: list | None = None) -> Run:
        if self.ws is None:
            raise ProtocolError("session not open")
        msg = P.BackMsg()
        client_state = msg.rerun_script
        client_state.query_string = self.query_string
        client_state.page_script_hash = self.page_script_hash
        client_state.page_name = page_name if not self.page_script_hash else ""
        client_state.widget_states.widgets.extend(widget_states or [])
        client_state.cached_message_hashes.extend(sorted(self.cached_hashes))
        client_state.context_info.timezone = "Europe/Paris"
        client_state.context_info.locale = "fr-FR"
        client_state.context_info.url = self.base + "/" + page_name
        t0 = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        return await self._read_until_finished(t0)

    async def _read_until_finished(self, t0: float) -> Run:
        n = size = 0
        exceptions: list[str] = []
        widgets: dict[str, Widget] = {}
        cacheable: set[str] = set()
        while True:
            data = await asyncio.wait_for(self.ws.recv(), self.timeout)
            n += 1
            size += len(data)
            fwd = P.ForwardMsg()
            fwd.ParseFromString(data)
            kind = fwd.WhichOneof("type")
            if fwd.metadata.cacheable and fwd.hash:
                cacheable.add(fwd.hash)
            if kind == "ref_hash":
                cacheable.add(fwd.ref_hash)
            elif kind == "new_session":
                self.page_script_hash = fwd.new_session.page_script_hash
            elif kind == "navigation":  # with st.navigation, the page that runs is named here
                self.page_script_hash = fwd.navigation.page_script_hash
            elif kind == "page_info_changed":
                self.query_string = fwd.page_info_changed.query_string
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                element = fwd.delta.new_element
                etype = element.WhichOneof("type")
                if etype == "exception":
                    exceptions.append(f"{element.exception.type}: {element.exception.message}"[:200])
                elif etype == "alert" and element.alert.format == 1:  # Alert.ERROR: a section's error box
                    exceptions.append(element.alert.body[:200])
                elif etype in ("multiselect", "selectbox", "radio", "checkbox", "toggle", "text_input", "slider",
                               "button_group", "segmented_control", "pills"):
                    proto = getattr(element, etype)
                    if getattr(proto, "id", ""):
                        widgets[proto.id] = Widget(proto.id, etype, list(getattr(proto, "options", []) or []))
            elif kind == "script_finished":
                status = fwd.script_finished
                if status == P.finished.FINISHED_EARLY_FOR_RERUN:
                    continue  # a newer run follows on the same socket
                if status == P.finished.FINISHED_WITH_COMPILE_ERROR:
                    exceptions.append("compile error")
                break
        self.widgets = widgets or self.widgets
        # The browser keeps the large messages used in the last runs (Streamlit's global.maxCachedMessageAge, 2) and
        # names them in its next request.
        self.runs += 1
        self.cached_hashes.update(dict.fromkeys(cacheable, self.runs))
        self.cached_hashes = {h: run for h, run in self.cached_hashes.items() if self.runs - run <= MAX_CACHED_AGE}
        return Run((time.perf_counter() - t0) * 1000, n, size, exceptions)

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
            self.ws = None


def describe(run: Run) -> str:
    return json.dumps({"ms": round(run.ms, 1), "messages": run.messages, "bytes": run.bytes,
                       "exceptions": run.exceptions})
