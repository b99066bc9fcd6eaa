"""The one door to Streamlit's non-public names. Each use below has a test (tests/test_st_internals.py) that fails
loudly when the installed Streamlit no longer has it; nothing here falls back silently. Streamlit's version is
pinned in requirements.txt: on an upgrade, run that test first."""

from __future__ import annotations

from streamlit import dataframe_util
from streamlit.runtime.scriptrunner import get_script_run_ctx
from streamlit.runtime.scriptrunner_utils.exceptions import ScriptControlException

STREAMLIT_VERSION = "1.67.0"  # the version these names were checked against (requirements.txt pins it)


def is_control_flow(exc: BaseException) -> bool:
    """True for the exceptions Streamlit raises to steer a run (``st.stop``, ``st.rerun``, ``st.switch_page``):
    a section guard must let them through."""
    return isinstance(exc, ScriptControlException)


def arrow_bytes(data) -> bytes:
    """A frame as the Arrow IPC bytes Streamlit sends for a chart's named dataset. A Vega-Lite spec whose
    ``datasets`` hold these bytes is passed through as is by ``st.vega_lite_chart`` (no second serialisation),
    which lets the chart specs be built and cached once."""
    return dataframe_util.convert_anything_to_arrow_bytes(data)


def frame_from_arrow_bytes(payload: bytes):
    """The frame a chart's named dataset carries (the browser's view of it; used by the tests)."""
    return dataframe_util.convert_arrow_bytes_to_pandas_df(payload)


def widget_values_sent() -> set[str]:
    """The ids of the widgets whose values came with this run's request (none when a page is opened; those the
    browser shows when it reconnects to a new replica). Streamlit has no public API for it. Outside a script run
    (a bare import, a unit test) there is no request: the empty set."""
    ctx = get_script_run_ctx()
    if ctx is None:
        return set()
    return {str(widget_id) for widget_id in ctx.session_state._state._new_widget_state.keys()}


def protocol():
    """Streamlit's WebSocket protocol as the browser speaks it (for the capacity bench, which opens sessions without
    a browser): its protobuf messages, the stream's path and subprotocol. Streamlit documents none of these."""
    from types import SimpleNamespace

    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ClientState_pb2 import ClientState
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from streamlit.proto.WidgetStates_pb2 import WidgetState, WidgetStates

    return SimpleNamespace(BackMsg=BackMsg, ForwardMsg=ForwardMsg, ClientState=ClientState, WidgetState=WidgetState,
                           WidgetStates=WidgetStates, stream_path="_stcore/stream", subprotocol="streamlit",
                           xsrf_cookie="_streamlit_xsrf", finished=ForwardMsg.ScriptFinishedStatus)


PAGE_NOT_FOUND = "page_not_found"  # session key: the address named a page the app does not have


def say_page_not_found_in_the_apps_words() -> None:
    """An address naming an unknown page makes Streamlit open its own English dialog ("Page not found") before
    running the home page. The app says it itself, in the reader's language: Streamlit's message is replaced by a
    flag the entry point reads (once per process; idempotent)."""
    from streamlit.commands import navigation as st_navigation

    if getattr(st_navigation.send_page_not_found, "_smt", False):
        return

    def flag(ctx) -> None:
        ctx.session_state[PAGE_NOT_FOUND] = True

    flag._smt = True  # type: ignore[attr-defined]
    st_navigation.send_page_not_found = flag
