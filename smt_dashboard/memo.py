"""Memoisation of pure functions (chart builders, heavy aggregations) across reruns and sessions."""

from __future__ import annotations

import functools
import hashlib
import pickle
import threading
from collections import OrderedDict

import pandas as pd

_memo_lock = threading.Lock()
_MEMO: OrderedDict[tuple, object] = OrderedDict()
_MEMO_SIZE = 1024


def _detached(value):
    # Shallow copies of frames: with pandas' copy-on-write, a caller adding a column never changes the
    # cached result.
    if isinstance(value, (pd.DataFrame, pd.Series)):
        return value.copy(deep=False)
    if isinstance(value, tuple) and not hasattr(value, "_fields"):
        return tuple(_detached(v) for v in value)
    return value


def memoized(fn):
    """Cache a pure builder's result by the pickled value of its arguments (bounded LRU, thread-safe).

    Building an Altair chart costs tens of milliseconds of deep copies; the same chart for the same
    data is requested on every rerun. Non-frame results are shared: callers must not mutate them (Altair's
    chaining methods return copies)."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            digest = hashlib.md5(pickle.dumps((args, sorted(kwargs.items())), protocol=5),
                                 usedforsecurity=False).hexdigest()
        except Exception:  # unpicklable argument: no caching
            return fn(*args, **kwargs)
        key = (fn.__module__, fn.__qualname__, digest)
        with _memo_lock:
            if key in _MEMO:
                _MEMO.move_to_end(key)
                return _detached(_MEMO[key])
        result = fn(*args, **kwargs)
        with _memo_lock:
            _MEMO[key] = result
            while len(_MEMO) > _MEMO_SIZE:
                _MEMO.popitem(last=False)
        return _detached(result)

    wrapper.uncached = fn  # type: ignore[attr-defined]
    return wrapper


def clear() -> None:
    """Forget every memoised result (tests)."""
    with _memo_lock:
        _MEMO.clear()
