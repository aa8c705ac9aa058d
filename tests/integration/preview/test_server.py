"""The live preview as staff use it: ``generate.py preview`` started for real, opened in headless
Chromium, the content edited while it watches; and the server attacked as a web page elsewhere or
a curious neighbour would (path traversal, a foreign Host, a bind to the network)."""

from __future__ import annotations

import hashlib
import http.client
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from support.browser import chromium, missing
from support.content import ROOT, TODAY, edit, line_of
from support.live import preview_server, wait_for

NB = "#default/tiny/nb"


def request(address: str, path: str, host: str | None = None, method: str = "GET") -> tuple[int, dict, bytes]:
    """One raw request: the path goes out exactly as written (no client tidies up ``../``)."""
    parts = urlsplit(address)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=20)
    try:
        connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        connection.putheader("Host", host if host is not None else parts.netloc)
        connection.endheaders()
        answer = connection.getresponse()
        return answer.status, {k.lower(): v for k, v in answer.getheaders()}, answer.read()
    finally:
        connection.close()


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# --- safety ---------------------------------------------------------------------------------------

SECRET = "leafdeck-secret-7f3a"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """One preview for the safety tests (they only ask; nothing they do changes it)."""
    import shutil

    from support.content import FIXTURES

    project = tmp_path_factory.mktemp("served") / "project"
    shutil.copytree(FIXTURES / "minimal", project)
    (project / "secret.txt").write_text(SECRET, encoding="utf-8")
    (project / "content" / "secret.txt").write_text(SECRET, encoding="utf-8")
    with preview_server(project, "--no-slides", "--today", TODAY) as server:
        server.settled("default/tiny/nb")
        yield server.address


TRAVERSALS = [
    "/assets/../secret.txt",
    "/assets/..%2fsecret.txt",
    "/assets/%2e%2e%2fsecret.txt",
    "/assets/%2e%2e/%2e%2e/secret.txt",
    "/assets/..%5csecret.txt",
    "/assets/%252e%252e%252fsecret.txt",
    "/assets/....//secret.txt",
    "/picture/..%2f..%2fsecret.txt",
    "/picture/%2e%2e%2fcontent%2fsecret.txt",
    "/site/default/tiny/nb/..%2f..%2f..%2f..%2fsecret.txt",
    "/site/default/tiny/nb/%2e%2e",
    "/site/default/tiny/nb/..",
    "/site/..%2f..%2f/tiny/nb/index.html",
    "/site/default/tiny/nb/..%2f..%2fcontent%2fsecret.txt",
    "/../secret.txt",
    "/..%2fsecret.txt",
    "//secret.txt",
    "/secret.txt",
    "/content/secret.txt",
    "/content/tiny/nb.yaml",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/assets/preview.js/../../secret.txt",
    "/assets/secret.txt",
    "/picture/secret.txt",
    "/site/default/tiny/nb/secret.txt",
    "/assets/preview.html",
    "/site/default/tiny/nb/nb.yaml",
    "/site/default/tiny/nb/condition.yaml",
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_nothing_outside_its_own_files_is_served(served, path):
    status, _, body = request(served, path)
    assert status in (400, 404), (path, status)
    assert SECRET.encode() not in body and b"root:" not in body and b"Liten tilstand" not in body


def test_what_it_does_serve(served):
    status, headers, body = request(served, "/")
    assert status == 200 and b"leafdeck preview" in body
    assert "script-src 'self'" in headers["content-security-policy"] and headers["x-content-type-options"] == "nosniff"
    status, headers, body = request(served, "/site/default/tiny/nb/index.html")
    assert status == 200 and b"Liten tilstand" in body
    assert "script-src" not in headers["content-security-policy"], "the web page in the frame runs no script"
    assert request(served, "/assets/preview.js")[0] == 200


@pytest.mark.parametrize("host", ["evil.example", "evil.example:80", "127.0.0.1.evil.example", "192.168.1.20", ""])
def test_a_foreign_host_is_refused(served, host):
    """A page elsewhere that points its own name at 127.0.0.1 (DNS rebinding) gets nothing."""
    status, _, body = request(served, "/api/state", host=host)
    assert status == 400 and b"tiny" not in body


def test_a_request_another_site_makes_is_refused(served):
    status, _, body = request_with(served, "/api/state", {"Sec-Fetch-Site": "cross-site"})
    assert status == 403 and b"tiny" not in body
    assert request_with(served, "/api/state", {"Sec-Fetch-Site": "same-origin"})[0] == 200


def request_with(address: str, path: str, headers: dict) -> tuple[int, dict, bytes]:
    parts = urlsplit(address)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=20)
    try:
        connection.request("GET", path, headers=headers)
        answer = connection.getresponse()
        return answer.status, dict(answer.getheaders()), answer.read()
    finally:
        connection.close()


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "LOCALHOST:1234"])
def test_the_local_names_are_answered(served, host):
    assert request(served, "/api/state", host=host)[0] == 200


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
@pytest.mark.parametrize(
    "path", ["/", "/api/state", "/events", "/assets/preview.js", "/site/default/tiny/nb/index.html"]
)
def test_it_changes_nothing_on_request(served, method, path):
    assert request(served, path, method=method)[0] == 405


def test_a_network_address_needs_the_flag(project):
    result = subprocess.run(
        [sys.executable, str(ROOT / "generate.py"), "preview", "--host", "0.0.0.0", "--port", "0"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and "--allow-remote" in result.stderr


def test_with_the_flag_it_warns(project):
    with preview_server(project, "--host", "0.0.0.0", "--allow-remote", "--no-slides", "--today", TODAY) as server:
        assert server.state("default/tiny/nb")["selection"] == "default/tiny/nb"
        assert "warning: serving the preview on 0.0.0.0" in server.stderr()
        # Still no answer to a name of someone else's (DNS rebinding); this computer's own name works.
        assert request(server.address, "/api/state", host="evil.example")[0] == 400
        assert request(server.address, "/api/state", host=socket.gethostname())[0] == 200


def test_a_busy_port_is_named_with_a_hint(project):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, str(ROOT / "generate.py"), "preview", "--port", str(port)],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1 and f"127.0.0.1:{port}" in result.stderr and "--port" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_missing_content_folder_is_named(project):
    result = subprocess.run(
        [sys.executable, str(ROOT / "generate.py"), "preview", "--port", "0", "--content", "nowhere"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1 and "content folder not found: nowhere" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_preview_of_nothing_it_can_show_is_refused(project):
    result = subprocess.run(
        [sys.executable, str(ROOT / "generate.py"), "preview", "--product", "web"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and "--product" in result.stderr


def test_preview_options_belong_to_the_preview(project):
    result = subprocess.run(
        [sys.executable, str(ROOT / "generate.py"), "--port", "9000"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and "generate.py preview" in result.stderr


# --- in the browser --------------------------------------------------------------------------------


@pytest.fixture
def browser():
    why = missing()
    if why:
        pytest.fail(why)  # CI installs Chromium: a missing browser is a broken setup, not a skip
    with chromium() as driven:
        yield driven


def pictures(browser, product: str) -> list[str]:
    """The sources of the product's pictures once every one of them has loaded (else [])."""
    return browser.js(
        f"const all = [...document.querySelectorAll('#product-{product} img')];"
        "return all.every(i => i.complete && i.naturalWidth > 0) ? all.map(i => i.getAttribute('src')) : [];"
    )


def test_a_save_updates_the_pictures_in_place_and_a_mistake_keeps_them(project, browser, tmp_path):
    before = snapshot(project)
    nb_file = project / "content/tiny/nb.yaml"
    with preview_server(project, "--no-slides", "--today", TODAY) as server:
        address = server.address
        browser.visit(address + NB, 1400, 900)
        first = wait_for(lambda: pictures(browser, "leaflet"), 60)
        wait_for(lambda: pictures(browser, "brochure"), 60)
        browser.js("window.stillTheSamePage = true; window.scrollTo(0, 200)")
        browser.driver.switch_to.new_window("tab")  # a second tab on the same content
        browser.visit(address + NB, 1400, 900)
        wait_for(lambda: pictures(browser, "leaflet") == first, 60)
        browser.js("window.stillTheSamePage = true; window.scrollTo(0, 200)")
        tabs = browser.driver.window_handles

        edit(nb_file, "Punkt én", "Punkt én, nå med en mye lengre tekst")
        for tab in tabs:
            browser.driver.switch_to.window(tab)
            updated = wait_for(lambda: (p := pictures(browser, "leaflet")) and p != first and p, 30)
            assert browser.js("return window.stillTheSamePage === true"), "updated without reloading the page"
            assert browser.js("return window.scrollY") > 0
            assert browser.js("return document.querySelectorAll('#product-leaflet figure.changed').length") >= 1

        edit(nb_file, "title: Liten tilstand", "title: [Liten tilstand")
        line = line_of(nb_file, "title: [Liten")
        shown = wait_for(
            lambda: (
                f"nb.yaml:{line}" in browser.js("return window.leafdeck.problemsText")
                and browser.js("return window.leafdeck.problemsText")
            ),
            30,
        )
        assert "error" in shown
        wait_for(
            lambda: browser.js("return document.querySelector('#product-leaflet .badge').textContent") == "out of date",
            10,
        )
        assert pictures(browser, "leaflet") == updated, "the last good pictures stay"
        link = browser.js("return document.querySelector('#diagnostics li.error a.where').getAttribute('href')")
        assert link.startswith("vscode://file/") and link.split(":")[-2] == str(line), link
        browser.screenshot(tmp_path / "preview-error.png", full=False)

        edit(nb_file, "title: [Liten tilstand", "title: Liten tilstand")
        wait_for(lambda: browser.js("return document.querySelector('#product-leaflet .badge').textContent") == "", 30)
    after = snapshot(project)
    assert {k for k in after if after[k] != before.get(k)} == {"content/tiny/nb.yaml"}, "the preview writes nothing"
    assert not (project / "output").exists()
    assert "Traceback" not in server.stderr(), "Ctrl+C stops every process of the preview quietly"


def test_the_web_page_is_in_a_frame_and_slides_fall_back_to_their_text(project, browser):
    with preview_server(project, "--no-slides", "--today", TODAY) as server:
        address = server.address
        browser.visit(address + NB, 1400, 900)
        wait_for(lambda: browser.js("return window.leafdeck.shownAt.page"), 60)
        heading = browser.js(
            "return document.querySelector('#product-page iframe').contentDocument.querySelector('h1').textContent"
        )
        assert heading.strip() == "Liten tilstand"
        browser.driver.switch_to.frame(browser.driver.find_element("css selector", "#product-page iframe"))
        browser.driver.find_element("css selector", "a[hreflang]").click()  # the English version
        wait_for(
            lambda: (
                browser.js("const h = document.querySelector('h1'); return h && h.textContent.trim()")
                == "Small condition"
            ),
            60,
        )
        browser.driver.switch_to.default_content()
        wait_for(lambda: browser.js("return document.querySelectorAll('#product-deck .outline > li').length"), 30)
        note = browser.js("return document.querySelector('#product-deck .product-note').textContent")
        assert "--no-slides" in note


def test_the_keyboard_moves_between_languages(project, browser):
    with preview_server(project, "--no-slides", "--today", TODAY) as server:
        address = server.address
        browser.visit(address + NB, 1400, 900)
        wait_for(lambda: pictures(browser, "leaflet"), 60)
        browser.driver.find_element("css selector", "body").send_keys("[")
        wait_for(lambda: browser.js("return location.hash") == "#default%2Ftiny%2Fen", 10)
        wait_for(
            lambda: (
                browser.js("return document.querySelector('nav a[aria-current=\"true\"]').dataset.key")
                == "default/tiny/en"
            ),
            10,
        )
        browser.driver.find_element("css selector", "body").send_keys("n")  # where [ needs AltGr
        wait_for(lambda: browser.js("return location.hash") == "#default%2Ftiny%2Fnb", 10)


def test_slides_are_pictures_of_the_real_deck(project, browser):
    """Through LibreOffice kept running: as many pictures as the deck has slides."""
    from pptx import Presentation

    subprocess.run(
        [
            sys.executable,
            str(ROOT / "generate.py"),
            "--product",
            "deck",
            "--lang",
            "nb",
            "--today",
            TODAY,
            "--out",
            str(project.parent / "built"),
        ],
        cwd=project,
        check=True,
        capture_output=True,
    )
    deck = next((project.parent / "built").rglob("*_deck.pptx"))
    slides = len(Presentation(deck).slides)
    offices_before = offices()
    with preview_server(project, "--today", TODAY) as server:
        address = server.address
        browser.visit(address + NB, 1400, 900)
        wait_for(lambda: len(pictures(browser, "deck")) == slides, 120)
        widths = browser.js("return [...document.querySelectorAll('#product-deck img')].map(i => i.naturalWidth)")
        assert set(widths) == {640}
        before = pictures(browser, "deck")
        nb_file = project / "content/tiny/nb.yaml"
        edit(nb_file, "Klinisk tekst.", "Klinisk tekst, nå endret.")
        started = time.monotonic()
        wait_for(lambda: (p := pictures(browser, "deck")) and p != before, 60)
        assert time.monotonic() - started < 60
        assert offices() - offices_before, "LibreOffice runs beside the preview"
    wait_for(lambda: not offices() - offices_before, 20)  # and stops with it


def offices() -> set[int]:
    """The processes of LibreOffice kept running by a preview (unoserver and soffice)."""
    found = set()
    for entry in Path("/proc").iterdir():
        try:
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if b"leafdeck-preview-office" in command or b"unoserver.server" in command:
            found.add(int(entry.name))
    return found


def test_markup_in_the_content_stays_text(project, browser):
    """A key or text that looks like HTML is shown as written in the Problems list: never run."""
    nb_file = project / "content/tiny/nb.yaml"
    with preview_server(project, "--no-slides", "--today", TODAY) as server:
        browser.visit(server.address + NB, 1400, 900)
        wait_for(lambda: pictures(browser, "leaflet"), 60)
        edit(nb_file, "feedback: Skriv til oss.", 'feedback: Skriv til oss.\n"<img src=x onerror=window.pwned=1>": 1')
        wait_for(lambda: "<img src=x onerror=window.pwned=1>" in browser.js("return window.leafdeck.problemsText"), 30)
        assert browser.js("return document.querySelectorAll('#diagnostics img, #diagnostics script').length") == 0
        assert browser.js("return window.pwned === undefined")
