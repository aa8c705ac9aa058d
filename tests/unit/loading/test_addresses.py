"""Addresses that stay addresses (generator/loading/addresses.py): web, e-mail and phone are checked
where they are written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from support.content import (
    assert_no_traceback,
    edit,
    error_lines,
    line_of,
)

SITE = Path("output/default/site/tiny/nb")


WEB = {
    "a format spec": ("https://example.org/{condition:x}", "only {condition} and {lang}"),
    "a padding spec": ("https://example.org/{condition:>4000}", "only {condition} and {lang}"),
    "a conversion": ("https://example.org/{lang!r}", "only {condition} and {lang}"),
    "another name": ("https://example.org/{clinic}", "only {condition} and {lang}"),
    "a stray brace": ("https://example.org/{lang}}", "only {condition} and {lang}"),
    "javascript without slashes": ("javascript:alert(1)//{condition}", "only http:// and https://"),
    "javascript with slashes": ("javascript://%0aalert(1)/{condition}", "only http:// and https://"),
    "data": ("data:text/html,<script>alert(1)</script>", "only http:// and https://"),
    "an unclosed IPv6 host": ("https://[::1", "cannot be read"),
    "port 99999": ("https://example.org:99999/{lang}", "cannot be read"),
    "a user name": ("https://clinic.example@evil.example/{lang}", "user name"),
    "a space": ("https://exa mple.org/{lang}", "space"),
    "a bad host": ("https://exa_mple!.org/{lang}", "not a valid host name"),
    "a hidden override": ("https://example.org/\u202egpj.exe", "invisible character"),
}
OTHER_ADDRESSES = {
    "a source's javascript link": (
        "content/tiny/condition.yaml",
        '    citation: "A Book. 2020."',
        '    citation: "A Book. 2020."\n    url: "javascript:alert(1)"',
        "url:",
    ),
    "an e-mail with a quote": (
        "content/clinics/default.yaml",
        'email: "post@example.org"',
        "email: 'post\"@example.org'",
        "email:",
    ),
    "an e-mail with an attribute": (
        "content/clinics/default.yaml",
        'email: "post@example.org"',
        "email: 'a@b.org\" onmouseover=\"alert(1)'",
        "email:",
    ),
    "a phone with markup": (
        "content/clinics/default.yaml",
        'phone: "+47 00 00 00 00"',
        'phone: "+47 00 <b>00</b>"',
        "phone:",
    ),
    "an organisation's web address": (
        "content/tiny/condition.yaml",
        "  contact: test@example.org",
        '  contact: test@example.org\n  web: "vbscript:msgbox"',
        "web:",
    ),
}


def test_a_source_address_that_is_not_a_web_address_is_an_error_never_a_link(project, run):
    condition = project / "content/tiny/condition.yaml"
    edit(condition, '    citation: "A Book. 2020."', '    citation: "A Book. 2020."\n    url: "javascript:alert(1)"')
    result = run(project, "--product", "page")
    assert result.code == 1 and f"content/tiny/condition.yaml:{line_of(condition, 'url:')}:" in result.err
    assert not (project / SITE / "index.html").exists()


@pytest.mark.parametrize("case", WEB.values(), ids=WEB.keys())
def test_a_clinic_web_address_that_is_not_an_address_is_an_error_at_its_line(project, run, case):
    value, message = case
    clinic = project / "content/clinics/default.yaml"
    edit(clinic, 'web: "https://example.org/hælspore"', f"web: {json.dumps(value)}")
    result = run(project, "check")
    assert_no_traceback(result)
    assert result.code == 1
    line = line_of(clinic, "web:")
    errors = [e for e in error_lines(result.err) if e.startswith(f"content/clinics/default.yaml:{line}:")]
    assert any(message in e for e in errors), result.err
    assert "hint: write an http(s) address" in result.err


@pytest.mark.parametrize("case", OTHER_ADDRESSES.values(), ids=OTHER_ADDRESSES.keys())
def test_every_address_that_becomes_a_link_is_checked_at_its_line(project, run, case):
    name, old, new, key = case
    edit(project / name, old, new)
    result = run(project, "check")
    assert_no_traceback(result)
    assert result.code == 1
    line = line_of(project / name, key)
    assert any(e.startswith(f"{name}:{line}:") for e in error_lines(result.err)), result.err
