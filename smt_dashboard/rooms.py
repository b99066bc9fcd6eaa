"""Rooms: the presenter's screen and the screens that follow it meet here. A room holds what the room's screen shows
(the slide, the filters, the language, the show's options) and when it last changed; the presenter's screen writes
it, the followers read it about once a second. One process holds its rooms (behind a lock), so the screens of one
room must reach the same replica: behind the proxy, two tabs of one browser do (cookie affinity). A room nobody has
touched for IDLE seconds ends."""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass, field, replace

IDLE = 3 * 3600  # a room ends after three hours without a change (a long meeting's pause included)
MAX_ROOMS = 200
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: a name read aloud or typed from the screen


@dataclass(frozen=True)
class Room:
    name: str
    slide: str = ""
    query: tuple[tuple[str, tuple[str, ...]], ...] = ()  # the filters and the show's options, as address values
    version: int = 0
    started: float = field(default_factory=time.time)
    touched: float = field(default_factory=time.monotonic)


_lock = threading.Lock()
_rooms: dict[str, Room] = {}


def new_name() -> str:
    """A short room name, e.g. ``salle-k7m3qa``."""
    return "salle-" + "".join(secrets.choice(_ALPHABET) for _ in range(6))


def valid(name: object) -> bool:
    text = str(name or "")
    return text.startswith("salle-") and len(text) == 12 and all(c in _ALPHABET for c in text[6:])


def _sweep(now: float) -> None:
    for name in [n for n, r in _rooms.items() if now - r.touched > IDLE]:
        del _rooms[name]


def publish(name: str, slide: str, query: dict[str, list[str] | str]) -> Room:
    """The presenter's screen says what the room shows (a new version only when something changed)."""
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, (list, tuple)) else (str(v),)) for k, v in query.items()))
    now = time.monotonic()
    with _lock:
        _sweep(now)
        room = _rooms.get(name)
        if room is None:
            if len(_rooms) >= MAX_ROOMS:  # the oldest room gives way
                del _rooms[min(_rooms, key=lambda n: _rooms[n].touched)]
            room = Room(name, slide, frozen, 1)
        elif (room.slide, room.query) != (slide, frozen):
            room = replace(room, slide=slide, query=frozen, version=room.version + 1, touched=now)
        else:
            room = replace(room, touched=now)
        _rooms[name] = room
        return room


def get(name: str) -> Room | None:
    """The room (None when it never existed or has ended)."""
    with _lock:
        _sweep(time.monotonic())
        return _rooms.get(name)


def clear() -> None:
    """Forget every room (tests)."""
    with _lock:
        _rooms.clear()
