"""Joining a user's base URL with an endpoint name.

Users paste whatever their vendor gave them: ``http://host:port``, ``http://host:port/qxt/``, or a
full endpoint URL with a query (``http://host/sms.aspx?action=send``). All of them work.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import SplitResult, urlsplit, urlunsplit

from ..errors import InputError


def _valid_host(parts: SplitResult) -> bool:
    """A host name (letters of any script, digits, ``-``), an IPv4 or a bracketed IPv6 address,
    and a valid port: "not a url" and "http://host:port x" are refused."""
    if any(c.isspace() for c in parts.netloc):
        return False
    try:
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number in range
    except ValueError:
        return False
    host = parts.hostname or ""
    if not host:
        return False
    if ":" in host:  # IPv6 (urlsplit already required the brackets)
        try:
            ipaddress.IPv6Address(host)
        except ValueError:
            return False
        return True
    labels = host.rstrip(".").split(".")
    return all(
        label
        and len(label) <= 63
        and label[0] != "-"
        and label[-1] != "-"
        and all(c.isalnum() or c == "-" for c in label)
        for label in labels
    )


def normalise_base(base_url: str, endpoint_names: tuple[str, ...], default_prefix: str = "") -> str:
    """The base URL, ending in ``/``, with any query, fragment or endpoint name removed.

    ``default_prefix`` (such as ``service/httpService/`` for jsm) is added when the user gave only
    a host and port.
    """
    url = base_url.strip()
    if not url:
        raise InputError("网关地址为空。 / The gateway URL is empty.")
    if "://" not in url:
        url = "http://" + url
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or not _valid_host(parts):
        raise InputError(f"网关地址无效：{base_url} / Invalid gateway URL: {base_url}")
    path = parts.path or "/"
    last = path.rstrip("/").rsplit("/", 1)[-1]
    lowered = {n.lower() for n in endpoint_names}
    if last.lower() in lowered:
        path = path.rstrip("/")[: -len(last)]
    if not path.endswith("/"):
        path += "/"
    if path == "/" and default_prefix:
        path = "/" + default_prefix.strip("/") + "/"
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def join_endpoint(
    base_url: str, endpoint: str, endpoint_names: tuple[str, ...], default_prefix: str = ""
) -> str:
    return normalise_base(base_url, endpoint_names, default_prefix) + endpoint
