"""One binding between a page's widgets and the page address: a widget that lives in the address is drawn through
:func:`widget`, which seeds it from the address (a link, a reload, another replica) and writes its value back as
codes (never the translated labels: a link copied in French opens the same view in English). Its key must be one of
the page's query keys in ``navigation``; a value the address cannot use falls back to the default and is said in
the app's notice. No page touches ``st.query_params``: the filters, language, mode and slide are ``state``'s, the
rest is here."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import streamlit as st

from smt_dashboard import navigation
from smt_dashboard import state as app_state
from smt_dashboard.filters import MAX_VALUE_LENGTH, Notice

KINDS = ("codes", "code", "int", "float", "range", "text")
_WRITTEN = "address_written"  # {key: the values this session last wrote for it}
_DEFAULTS = "address_defaults"  # {key: the default a widget had at its last run}


@dataclass(frozen=True)
class Binding:
    """How a widget's value reads in the address: ``codes`` (a list of options), ``code`` (one option or none),
    ``int`` / ``float`` (within ``bounds``), ``range`` (two ints within ``bounds``) or ``text``."""

    key: str
    kind: str
    default: Any = None
    options: tuple | None = None
    bounds: tuple[float, float] | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown address kind {self.kind!r}")
        if self.key not in navigation.page_query_keys():
            raise ValueError(f"{self.key!r} is not a page's query key (navigation.PAGES)")


MAX_TEXT = 200  # a search longer than this is cut (and said): a 3,000-character address is not echoed whole


def parse(binding: Binding, raw: Sequence[str]) -> tuple[Any, bool]:
    """(value, usable) of the address's values for this binding; unusable → (default, False), except a text too
    long, which is cut."""
    raw = [str(v) for v in raw]
    if binding.kind == "text" and raw:
        return raw[0][:MAX_TEXT], len(raw) == 1 and len(raw[0]) <= MAX_TEXT
    try:
        if binding.kind == "codes":
            allowed = set(binding.options or ())
            values = list(dict.fromkeys(raw))
            return ([v for v in values if v in allowed], all(v in allowed for v in values))
        if len(raw) != (2 if binding.kind == "range" else 1) or any(len(v) > MAX_VALUE_LENGTH for v in raw):
            return binding.default, False
        if binding.kind == "code":
            ok = raw[0] in set(binding.options or ())
            return (raw[0] if ok else binding.default), ok
        number = int if binding.kind in ("int", "range") else float
        values = [number(float(v)) if number is int else float(v) for v in raw]
        low, high = binding.bounds or (float("-inf"), float("inf"))
        if any(not low <= v <= high for v in values) or (binding.kind == "range" and values[0] > values[1]):
            return binding.default, False
        return (tuple(values) if binding.kind == "range" else values[0]), True
    except (TypeError, ValueError):
        return binding.default, False


def serialise(binding: Binding, value: Any) -> list[str]:
    """The address's values for a widget value ([] when it is the default or empty: the address stays short)."""
    if value is None or value == binding.default or (binding.kind == "range" and tuple(value) == tuple(binding.default)):
        return []
    if binding.kind == "codes":
        return [str(v) for v in value]
    if binding.kind == "range":
        return [str(int(v)) for v in value]
    if binding.kind == "float" and float(value).is_integer():
        return [str(int(value))]
    return [str(value)]


def seed(binding: Binding) -> None:
    """Before the widget is drawn: the address's value when it differs from what this session last wrote (a link,
    the back button), else the session's own; a value that cannot be used becomes the default and a notice."""
    raw = st.query_params.get_all(binding.key)
    written = st.session_state.setdefault(_WRITTEN, {}).get(binding.key)
    if raw and raw != written:
        value, usable = parse(binding, raw)
        if not usable:
            reason = "too_long" if binding.kind == "text" else "unknown_value"
            app_state.add_notice(Notice(binding.key, ", ".join(raw)[:60], reason))
        st.session_state[binding.key] = list(value) if binding.kind == "codes" else value
        st.session_state[_WRITTEN][binding.key] = raw
    elif binding.key not in st.session_state:
        st.session_state[binding.key] = list(binding.default or ()) if binding.kind == "codes" else binding.default
    _clamp(binding)


def _clamp(binding: Binding) -> None:
    """A value kept from before the choices changed (a region narrowed the years on offer) is brought back within
    them: a slider never receives a value outside its range. Written only when it changes (a widget drawn earlier in
    the run cannot be set)."""
    value = st.session_state.get(binding.key)
    defaults = st.session_state.setdefault(_DEFAULTS, {})
    fixed = value
    if binding.kind == "range" and value is not None and defaults.get(binding.key) is not None \
            and tuple(value) == tuple(defaults[binding.key]):
        fixed = binding.default  # the whole span stays the whole span when the span changes
    defaults[binding.key] = binding.default
    if binding.kind == "codes" and binding.options is not None and isinstance(fixed, list):
        fixed = [v for v in fixed if v in set(binding.options)]
    elif binding.kind == "code" and binding.options is not None and fixed not in (*binding.options, None):
        fixed = binding.default
    elif binding.bounds is not None and fixed is not None:
        low, high = binding.bounds
        if binding.kind == "range":
            start, end = (min(max(v, low), high) for v in fixed)
            fixed = (start, end) if start <= end else (low, high)
        elif binding.kind in ("int", "float"):
            fixed = min(max(fixed, low), high)
    unchanged = fixed == value or (binding.kind == "range" and value is not None and tuple(fixed) == tuple(value))
    if not unchanged:
        st.session_state[binding.key] = fixed


def write(binding: Binding, value: Any) -> None:
    """After the widget: its value in the address (removed when it is the default)."""
    values = serialise(binding, value)
    if values:
        if st.query_params.get_all(binding.key) != values:
            st.query_params[binding.key] = values if binding.kind in ("codes", "range") else values[0]
    elif binding.key in st.query_params:
        del st.query_params[binding.key]
    st.session_state.setdefault(_WRITTEN, {})[binding.key] = values


def asked(key: str) -> str | None:
    """The address's first value for a page key, as given (a page that redirects on an unknown id reads it)."""
    values = st.query_params.get_all(key)
    return values[0] if values else None


def value(binding: Binding) -> Any:
    """The bound value without drawing the widget (a closed tab's settings still drive its views)."""
    seed(binding)
    return st.session_state.get(binding.key, binding.default)


def widget(draw: Callable[..., Any], label: str, binding: Binding, **kwargs) -> Any:
    """Draw ``draw`` (``st.multiselect``, ``st.slider``, ``st.pills``…) bound to the address; returns its value.
    Its value lives in the session under ``binding.key`` (no ``value=`` / ``default=`` needed)."""
    seed(binding)
    if binding.options is not None and "options" not in kwargs:
        kwargs["options"] = list(binding.options)
    result = draw(label, key=binding.key, **kwargs)
    write(binding, result)
    return result


def follow(binding: Binding) -> None:
    """A callback-driven widget (``on_change``) that writes its own value: keep the address in step with it."""
    write(binding, st.session_state.get(binding.key))
