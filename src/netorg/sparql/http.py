"""The one HTTP session every request to an endpoint goes through, and what it promises.

- A redirect is followed only within the origin (scheme, host and port) the user named: a `302` to
  another host would carry the `Authorization` header there, so it is refused by name.
- Credentials written in a URL (`http://user:pw@host/query`) are taken out of it: they travel in
  the `Authorization` header of that endpoint only, and every message shows the URL without them.

SPARQLWrapper builds the SPARQL protocol requests; its transport is this session's opener.
"""

from __future__ import annotations

import base64
import urllib.parse
import urllib.request
from functools import cache
from typing import Any

from netorg.errors import EndpointError


def split_credentials(url: str) -> tuple[str, tuple[str, str] | None]:
    """The URL without its `user:password@` part, and that part (percent-decoded), if any."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is None and "@" not in parts.netloc:
        return url, None
    host = parts.netloc.rsplit("@", 1)[-1]
    bare = urllib.parse.urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))
    user = urllib.parse.unquote(parts.username or "")
    return bare, (user, urllib.parse.unquote(parts.password or ""))


def shown(url: str) -> str:
    """A URL as messages may show it: never with credentials."""
    return split_credentials(url)[0]


def basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urllib.parse.urlsplit(url)
    default = {"http": 80, "https": 443}.get(parts.scheme)
    return parts.scheme, (parts.hostname or "").lower(), parts.port or default


class _SameOriginRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect within the origin; refuse one to another host, scheme or port."""

    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any,
                         newurl: str) -> Any:
        target = urllib.parse.urljoin(req.full_url, newurl)
        if _origin(target) != _origin(req.full_url):
            raise EndpointError(
                f"{shown(req.full_url)}: HTTP {code}: redirected to another host "
                f"({shown(target)}); refused, so that no request or credential goes there"
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


@cache
def opener() -> urllib.request.OpenerDirector:
    """The session's opener (proxies from the environment, redirects within the origin)."""
    return urllib.request.build_opener(_SameOriginRedirects())


def urlopen(request: Any, timeout: float | None = None) -> Any:
    """`urllib.request.urlopen` through the session."""
    return opener().open(request, timeout=timeout)


def install_in_sparqlwrapper() -> None:
    """Make SPARQLWrapper send its requests through the session (it calls a module global)."""
    import SPARQLWrapper.Wrapper

    SPARQLWrapper.Wrapper.urlopener = urlopen  # type: ignore[attr-defined]
