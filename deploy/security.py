"""The security headers the proxy adds to every response (nginx here, ingress-nginx in Kubernetes), in one place.

Content-Security-Policy: everything from the app's own origin, nothing from outside (nothing leaves the machine):
scripts are Streamlit's bundle, its custom components' modules (``blob:`` URLs the page makes) and its one inline
script, allowed by its hash (computed from the installed
Streamlit's ``index.html``, whose version requirements.txt pins); styles allow inline (Streamlit's components style
themselves at run time); pictures, fonts and downloads may be ``data:``/``blob:`` made in the page; the WebSocket is
same-origin (``connect-src 'self'``); the page may be framed only by itself (``frame-ancestors 'self'``); no plugins;
no ``<base>`` elsewhere; forms post only here.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache
from pathlib import Path

import streamlit

INDEX_HTML = Path(streamlit.__file__).parent / "static" / "index.html"


@cache
def inline_script_hashes(index_html: Path = INDEX_HTML) -> tuple[str, ...]:
    """CSP hashes ('sha256-…') of the inline scripts of Streamlit's page shell."""
    html = index_html.read_text(encoding="utf-8")
    scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.S)
    return tuple("'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
                 for s in scripts if s.strip())


def content_security_policy() -> str:
    return "; ".join([
        "default-src 'self'",
        # blob: for Streamlit's custom components (v2), whose code the page itself loads as a module from a blob.
        # 'wasm-unsafe-eval': WebAssembly only (a chart library compiles a module), not JavaScript's eval.
        "script-src 'self' blob: 'wasm-unsafe-eval' " + " ".join(inline_script_hashes()),
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "frame-src 'self' blob: data:",
        "media-src 'self' data: blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    ])


def security_headers() -> dict[str, str]:
    """Header → value, for every response of the proxy."""
    return {
        "Content-Security-Policy": content_security_policy(),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        # No powerful browser feature is used by the dashboard.
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), "
                              "magnetometer=(), gyroscope=(), accelerometer=()",
        "X-Frame-Options": "SAMEORIGIN",  # for browsers without frame-ancestors
        "Cross-Origin-Opener-Policy": "same-origin",
    }


def nginx_directives(indent: str = "        ") -> str:
    """``add_header`` lines for nginx (``always``: error responses get them too)."""
    return "\n".join(f'{indent}add_header {name} "{value}" always;' for name, value in security_headers().items())
