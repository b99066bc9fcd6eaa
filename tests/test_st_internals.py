"""Every non-public Streamlit name the app uses lives in smt_dashboard/st_internals.py; each is pinned here by a test
that fails loudly on an upgrade that removes or changes it (the app has no silent fallback)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import streamlit
from streamlit.testing.v1 import AppTest

from smt_dashboard import st_internals
from tests.conftest import ROOT


def test_the_pinned_streamlit_is_the_one_installed():
    pinned = re.search(r"^streamlit==(\S+)$", (ROOT / "requirements.txt").read_text(), re.M).group(1)
    assert streamlit.__version__ == pinned == st_internals.STREAMLIT_VERSION


def test_only_the_boundary_module_reads_streamlit_internals():
    allowed = {"st_internals.py"}
    public = re.compile(r"^\s*(import streamlit as st|from streamlit.testing.v1 import AppTest|import streamlit)\s*$")
    for path in [*(ROOT / "smt_dashboard").rglob("*.py"), *(ROOT / "app_pages").glob("*.py"), ROOT / "app.py",
                 *(ROOT / "deploy").glob("*.py"), *(ROOT / "bench").glob("*.py"), *(ROOT / "tests").rglob("*.py")]:
        if path.name == "test_st_internals.py":
            continue
        if path.name in allowed:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if re.match(r"^\s*(from|import) streamlit", line) and not public.match(line):
                raise AssertionError(f"{path.name}: {line.strip()}")
            assert "._state" not in line and "dataframe_util" not in line, (path.name, line)


def _script(body: str) -> AppTest:
    return AppTest.from_string(body, default_timeout=30)


def test_a_section_lets_st_stop_through_and_catches_the_rest():
    at = _script("""
import streamlit as st
from smt_dashboard import ui
with ui.section():
    raise ValueError("boom")
st.write("after the failed section")
with ui.section():
    st.stop()
st.write("never")
""").run()
    assert not at.exception
    assert [m.value for m in at.markdown] == ["after the failed section"]
    assert len(at.error) == 1 and "ValueError\\: boom" in at.error[0].value
    assert st_internals.is_control_flow(ValueError()) is False


def test_a_spec_with_arrow_bytes_is_sent_as_is():
    frame = pd.DataFrame({"x": ["a", "b"], "y": [1, 2]})
    payload = st_internals.arrow_bytes(frame)
    assert st_internals.frame_from_arrow_bytes(payload).to_dict("records") == frame.to_dict("records")
    at = _script(f"""
import streamlit as st
spec = {{"data": {{"name": "d"}}, "mark": "bar", "encoding": {{"x": {{"field": "x"}}, "y": {{"field": "y"}}}},
        "datasets": {{"d": {payload!r}}}}}
st.vega_lite_chart(spec=spec)
""").run()
    (chart,) = at.get("vega_lite_chart")
    assert [d.name for d in chart.proto.datasets] == ["d"] and chart.proto.datasets[0].data.data == payload


def test_widget_values_sent_with_a_request():
    at = _script("""
import streamlit as st
from smt_dashboard import st_internals
sent = sorted(st_internals.widget_values_sent())
st.text_input("Name", key="who")
st.write("sent: " + ",".join(i.rsplit("-", 1)[-1] for i in sent))
""").run()
    assert at.markdown[0].value.strip() == "sent:"  # a page opened: nothing sent
    at.text_input(key="who").input("Ada").run()
    assert at.markdown[0].value == "sent: who"  # the value came with this run's request
    assert st_internals.widget_values_sent() == set()  # outside a run


def test_the_websocket_protocol_the_capacity_bench_speaks():
    p = st_internals.protocol()
    client_state = {f.name for f in p.ClientState.DESCRIPTOR.fields}
    assert {"query_string", "page_script_hash", "page_name", "widget_states", "cached_message_hashes",
            "context_info"} <= client_state
    assert p.BackMsg.DESCRIPTOR.fields_by_name["rerun_script"].message_type.name == "ClientState"
    assert {"new_session", "navigation", "delta", "page_info_changed", "script_finished", "ref_hash"} <= {
        f.name for f in p.ForwardMsg.DESCRIPTOR.fields}
    assert "string_array_value" in p.WidgetState.DESCRIPTOR.fields_by_name
    assert {"FINISHED_SUCCESSFULLY", "FINISHED_EARLY_FOR_RERUN"} <= set(p.finished.keys())
    # The browser opens the stream with these (Streamlit's own frontend bundle says so).
    bundle = "".join(path.read_text(errors="ignore") for path in
                     (Path(streamlit.__file__).parent / "static" / "static" / "js").glob("index.*.js"))
    assert f"`{p.stream_path}`" in bundle and f"new WebSocket(e,[`{p.subprotocol}`" in bundle
    assert f"`{p.xsrf_cookie}`" in bundle


def test_an_unknown_page_is_said_in_the_apps_words():
    from streamlit.commands import navigation as st_navigation

    assert callable(st_navigation.send_page_not_found)  # the name the app replaces
    st_internals.say_page_not_found_in_the_apps_words()
    st_internals.say_page_not_found_in_the_apps_words()  # once is enough: idempotent

    class Ctx:
        session_state: dict = {}

    ctx = Ctx()
    st_navigation.send_page_not_found(ctx)
    assert ctx.session_state == {st_internals.PAGE_NOT_FOUND: True}  # a flag, no English dialog sent
