"""The search box in the sidebar of every page and the "/" key that reaches it (Enter opens the search page)."""

from __future__ import annotations

import streamlit as st

from smt_dashboard.ui import tr

SEARCH_BOX = "smt_search_box"
SEARCH_QUERY = "q"  # the search page's own box, bound to the address (?q=…)
SEARCH_GO = "smt_search_go"
_SLASH_JS = """
export default function() {
  const typing = (el) => !!el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));
  const box = () => document.querySelector(".st-key-SEARCH_BOX input");
  const focusBox = (tries) => {
    const input = box();
    if (input && input.offsetParent !== null) { input.focus(); input.select(); return; }
    if (tries > 0) setTimeout(() => focusBox(tries - 1), 100);
  };
  const onKey = (event) => {
    if (event.key !== "/" || event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) return;
    event.preventDefault();
    // A folded sidebar opens first, so that the box is there to type in.
    const open = document.querySelector("[data-testid='stExpandSidebarButton']");
    if (open && !box()?.offsetParent) open.click();
    focusBox(20);
  };
  document.addEventListener("keydown", onKey);
  return () => document.removeEventListener("keydown", onKey);
}
""".replace("SEARCH_BOX", SEARCH_BOX)
_slash = st.components.v2.component("smt_search_key", js=_SLASH_JS)


def _search_submitted() -> None:
    query = (st.session_state.get(SEARCH_BOX) or "").strip()
    if query:
        st.session_state[SEARCH_QUERY] = query
        st.session_state[SEARCH_GO] = query  # the entry point opens the search page with ?q= (address.seed reads it)
        st.session_state[SEARCH_BOX] = ""


def search_box() -> None:
    """The sidebar's search box (Enter opens the search page with the query) and the "/" key that focuses it."""
    st.text_input(tr("search.box"), key=SEARCH_BOX, on_change=_search_submitted, placeholder=tr("search.placeholder"),
                  icon=":material/search:", help=tr("search.box_help"))
    _slash(key="smt_search_key")


def take_search() -> str | None:
    """The query the sidebar's box just submitted (once), for the entry point to open the search page."""
    return st.session_state.pop(SEARCH_GO, None)
