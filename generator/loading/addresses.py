"""Addresses that stay addresses: every web address, e-mail address and phone number that becomes
a link or a QR code is checked where it is written, so nothing in a content file can turn into a
``javascript:`` link, an attribute of the PDF's markup, or a traceback.

- a web address (a clinic's ``web:``, a source's ``url:``) is ``http`` or ``https`` (an address
  without a scheme is read as ``https://``), with a valid host name or IP address, no user name or
  password, and a port from 1 to 65535, as :func:`urllib.parse.urlsplit` reads it;
- a clinic's ``web:`` may hold the placeholders ``{condition}`` and ``{lang}``, literally: no format
  specifications or conversions (``{condition:>4000}``, ``{lang!r}``), no other braces; it is
  filled in by :func:`fill`, never by ``str.format``;
- an e-mail address (``mailto:``) is ``name@host`` with a valid host, without spaces, quotes or
  brackets;
- a phone number (``tel:``) is digits with spaces, ``+``, ``-``, ``.``, ``/`` and brackets.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from urllib.parse import urlsplit

PLACEHOLDERS = ("condition", "lang")
_PLACEHOLDER = re.compile(r"\{(condition|lang)\}")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):(?!\d)")  # "javascript:", not "example.org:8080"
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_LOCAL_PART = re.compile(r"^[\w.!#$%&'*+/=?^`{|}~-]+$")
_PHONE = re.compile(r"^\+?[0-9 ().\-/]+$")


def fill(pattern: str, condition: str, lang: str) -> str:
    """The clinic's web address for one condition and language."""
    values = {"condition": condition, "lang": lang}
    return _PLACEHOLDER.sub(lambda match: values[match[1]], pattern)


def stray_brace(pattern: str, names: tuple[str, ...]) -> str | None:
    """The first brace of ``pattern`` that is not one of the literal placeholders ``{name}``
    (``{condition:x}``, ``{lang!r}``, ``{other}``, ``{{``), or None."""
    literal = re.compile("|".join(re.escape(f"{{{name}}}") for name in names))
    stray = re.search(r"\{[^{}]*\}?|\}", literal.sub("", pattern))
    return stray.group() if stray else None


def pattern_problem(pattern: str) -> str | None:
    """Why a clinic's ``web:`` pattern is not a web address with only our placeholders, or None."""
    stray = stray_brace(pattern, PLACEHOLDERS)
    if stray:
        return f"the web address may hold only {{condition}} and {{lang}} in braces, not '{stray}'"
    return web_problem(fill(pattern, "condition", "nb"))


def web_problem(url: str) -> str | None:
    """Why ``url`` may not become a link or a QR code, or None."""
    if not url or any(c.isspace() or unicodedata.category(c) in ("Cc", "Cf") for c in url):
        return "the web address holds a space or an invisible character"
    scheme = url.split("://", 1)[0] if "://" in url else (_SCHEME.match(url) or [None, None])[1]
    if scheme is not None and scheme.lower() not in ("http", "https"):
        return f"only http:// and https:// addresses may be links, not '{scheme}:'"
    try:
        parts = urlsplit(url if "://" in url else f"https://{url}")
        port = parts.port  # ValueError when out of range or not a number
    except ValueError as exc:
        return f"the web address cannot be read ({exc})"
    if parts.username is not None or parts.password is not None:
        return "the web address holds a user name or password (before '@')"
    if port == 0:
        return "the web address has port 0"
    return host_problem(parts.hostname or "")


def host_problem(host: str) -> str | None:
    """Why ``host`` is not a host name (letters, digits, hyphens, dots; any script) or an IP address."""
    if not host:
        return "the address has no host name"
    try:
        ipaddress.ip_address(host)
        return None
    except ValueError:
        pass
    try:
        ascii_host = host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return f"'{host}' is not a valid host name"
    labels = ascii_host.rstrip(".").split(".")
    if len(ascii_host) > 253 or not all(_LABEL.match(label) for label in labels):
        return f"'{host}' is not a valid host name"
    return None


def email_problem(address: str) -> str | None:
    """Why ``address`` may not become a ``mailto:`` link, or None."""
    local, at, host = address.rpartition("@")
    if not at or not local or not _LOCAL_PART.match(local):
        return "the e-mail address must be name@host, without spaces, quotes or brackets"
    problem = host_problem(host)
    if problem is None and "." not in host.strip("."):
        problem = f"'{host}' has no dot: an e-mail address needs a full host name"
    return problem


def phone_problem(number: str) -> str | None:
    """Why ``number`` may not become a ``tel:`` link, or None."""
    if not _PHONE.match(number) or sum(c in "0123456789" for c in number) < 3:
        return "a phone number may hold only digits, spaces, a leading +, and - . / ( )"
    return None
