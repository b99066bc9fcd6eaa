"""Memoisation of pure functions (chart builders, heavy aggregations) across reruns and sessions."""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import io
import pickle
import threading
from collections import OrderedDict

import numpy as np
import pandas as pd
import pyarrow as pa

_memo_lock = threading.Lock()
_MEMO: OrderedDict[tuple, object] = OrderedDict()
_MEMO_SIZE = 1024
LARGE_ROWS = 2_000  # frames longer than this are keyed by a digest of their column buffers


def _detached(value):
    """What a caller gets of a cached result: its own copy of every container and frame in it (shallow copies of
    frames: with pandas' copy-on-write, a caller adding a column never changes the cached result), so that no
    session can change what another receives."""
    if isinstance(value, (pd.DataFrame, pd.Series)):
        return value.copy(deep=False)
    if isinstance(value, list):
        return [_detached(v) for v in value]
    if isinstance(value, dict):
        return {k: _detached(v) for k, v in value.items()}
    if isinstance(value, tuple) and not hasattr(value, "_fields"):
        return tuple(_detached(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(value, **{f.name: _detached(getattr(value, f.name))
                                             for f in dataclasses.fields(value) if f.init})
    return value


def _update_array(h, arr) -> None:
    """Feed one column's exact content into the hash, from its memory buffers (no copy, no pickling)."""
    h.update(f"|{arr.dtype}|{len(arr)}|".encode())
    if isinstance(arr, pd.Categorical):
        _update_array(h, arr.codes)
        _update_array(h, arr.categories.array)
        return
    if hasattr(arr, "__arrow_array__"):  # string, Arrow and nullable (masked) columns
        chunked = arr.__arrow_array__()
        for chunk in getattr(chunked, "chunks", [chunked]):
            _update_arrow(h, chunk)
        return
    values = np.asarray(arr)
    if values.dtype.hasobject:
        h.update(pickle.dumps(values, protocol=5))
    else:
        h.update(np.ascontiguousarray(values).view(np.uint8).data)


def _update_arrow(h, chunk: pa.Array) -> None:
    h.update(f"|{chunk.type}|{chunk.offset}|{len(chunk)}|".encode())
    for buffer in chunk.buffers():  # validity, offsets and data, children included
        h.update(b"-" if buffer is None else buffer)
    if pa.types.is_dictionary(chunk.type):
        _update_arrow(h, chunk.dictionary)


def _frame_digest(obj: pd.DataFrame | pd.Series) -> str:
    h = hashlib.sha1(usedforsecurity=False)
    frame = obj.to_frame() if isinstance(obj, pd.Series) else obj
    h.update(pickle.dumps((type(obj).__name__, getattr(obj, "name", None), list(frame.columns),
                           type(frame.index).__name__, frame.index.names), protocol=5))
    index = frame.index
    if isinstance(index, pd.RangeIndex):
        h.update(f"{index.start}:{index.stop}:{index.step}".encode())
    elif isinstance(index, pd.MultiIndex):
        for level in range(index.nlevels):
            _update_array(h, index.get_level_values(level).array)
    else:
        _update_array(h, index.array)
    for _, column in frame.items():
        _update_array(h, column.array)
    return h.hexdigest()


class _KeyPickler(pickle.Pickler):
    """Pickles the arguments for the key, frames replaced by a digest of their buffers: pickling a
    100,000-row frame then hashing the bytes cost ten times more."""

    def persistent_id(self, obj):
        if isinstance(obj, (pd.DataFrame, pd.Series)):
            return ("frame", _frame_digest(obj))
        return None


def _key_digest(args: tuple, kwargs: dict) -> str:
    value = (args, sorted(kwargs.items()))
    if not any(isinstance(v, (pd.DataFrame, pd.Series)) and len(v) > LARGE_ROWS for v in (*args, *kwargs.values())):
        # Small arguments: plain pickling is faster (the digest pickler calls back into Python per object).
        return hashlib.sha1(pickle.dumps(value, protocol=5), usedforsecurity=False).hexdigest()
    buffer = io.BytesIO()
    _KeyPickler(buffer, protocol=5).dump(value)
    return hashlib.sha1(buffer.getbuffer(), usedforsecurity=False).hexdigest()


def memoized(fn):
    """Cache a pure builder's result by the value of its arguments (bounded LRU, thread-safe).

    Building an Altair chart costs tens of milliseconds of deep copies; the same chart for the same
    data is requested on every rerun. Frames, lists, dicts and dataclasses come back as copies (see _detached);
    Altair charts are shared (their chaining methods return copies)."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            digest = _key_digest(args, kwargs)
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
