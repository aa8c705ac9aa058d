"""Real headless Chromium for the web-page tests: Debian's chromium and chromedriver, driven by
Selenium; axe-core (npm, node_modules/) judges accessibility inside the page.

The flags keep Chromium off the network (this machine's network is closed, and a test must not
depend on one) and in a fresh profile each time.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
)
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    for tool in (CHROMIUM, CHROMEDRIVER):
        if not Path(tool).exists() and not shutil.which(Path(tool).name):
            return f"{tool} is missing: make system-tools installs chromium and chromium-driver"
    if not AXE.exists():
        return "node_modules/axe-core is missing: make system-tools runs npm ci"
    return None


class Browser:
    def __init__(self, driver):
        self.driver = driver

    def open(self, page: Path, width: int = 1280, height: int = 800, **features: str) -> None:
        """``page`` at a viewport size, with media features emulated (``prefers_color_scheme="dark"``);
        every open starts from screen media and the browser's defaults."""
        self.size(width, height)
        self.driver.execute_cdp_cmd(
            "Emulation.setEmulatedMedia",
            {
                "media": "",
                "features": [{"name": name.replace("_", "-"), "value": value} for name, value in features.items()],
            },
        )
        self.driver.get(page.resolve().as_uri())
        self.driver.execute_async_script("const done = arguments[0]; document.fonts.ready.then(() => done())")

    def visit(self, url: str, width: int = 1280, height: int = 800) -> None:
        """A page served over HTTP (the live preview) at a viewport size."""
        self.size(width, height)
        self.driver.get(url)

    def size(self, width: int, height: int) -> None:
        """The viewport in CSS pixels, exactly (a window size would include the browser's frame)."""
        self.driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
        )

    def js(self, script: str, *args):
        return self.driver.execute_script(script, *args)

    def screenshot(self, path: Path, full: bool = True) -> None:
        """The whole page (not only the viewport) as PNG."""
        import base64

        metrics = self.driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
        size = metrics["cssContentSize"]
        shot = self.driver.execute_cdp_cmd(
            "Page.captureScreenshot",
            {
                "format": "png",
                "captureBeyondViewport": full,
                "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1},
            }
            if full
            else {"format": "png"},
        )
        path.write_bytes(base64.b64decode(shot["data"]))

    def axe(self, tags: list[str] = WCAG_AA) -> list[dict]:
        """axe-core's violations of the given rule tags in the open page."""
        self.driver.execute_script(AXE.read_text(encoding="utf-8"))
        result = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
            ".then(r => done(JSON.stringify(r.violations)), "
            "e => done(JSON.stringify([{id: 'axe-error', help: String(e), nodes: []}])));",
            tags,
        )
        return json.loads(result)


@contextmanager
def chromium():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="leafdeck-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or CHROMIUM
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or CHROMEDRIVER), options=options)
    driver.set_script_timeout(60)
    try:
        yield Browser(driver)
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
