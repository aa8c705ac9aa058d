"""Pictures of the real outputs: PDF pages through PDFium (pypdfium2), and deck slides through a
LibreOffice kept running (unoserver), whose PDF PDFium then draws.

LibreOffice takes seconds to start and under one to convert a deck once it runs, so the preview
starts it once, in the background, and keeps it. Its Python bridge (``uno``) lives in the Python
that LibreOffice ships or Debian's ``python3-uno``, not in our virtual environment: the server runs
under that Python with only unoserver's own (pure-Python) package put on its path. Where neither
is found, :class:`SlideConverter` says why and the preview shows the slides' outline instead.
"""

from __future__ import annotations

import io
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from xmlrpc.client import ServerProxy

from generator.preview import reaper

# PDFium is not thread-safe; the builder and the slide converter both draw pages.
_PDFIUM = threading.Lock()
PAGE_WIDTH = 720  # pixels: sharp in a two-column preview on a laptop, small enough to send fast
SLIDE_WIDTH = 640


def pdf_pages(pdf: bytes, width: int = PAGE_WIDTH) -> list[bytes]:
    """Every page of ``pdf`` as a JPEG ``width`` pixels wide: a tenth of the time PNG takes to
    encode, smaller, and at this quality (no colour subsampling) the text stays crisp."""
    import pypdfium2 as pdfium  # noqa: PLC0415 - heavy: PDFium, loaded in the drawing processes only

    pictures = []
    with _PDFIUM:
        document = pdfium.PdfDocument(pdf)
        try:
            for page in document:
                bitmap = page.render(scale=width / page.get_width())
                out = io.BytesIO()
                bitmap.to_pil().save(out, format="JPEG", quality=90, subsampling=0)
                pictures.append(out.getvalue())
                page.close()
        finally:
            document.close()
    return pictures


def _python_with_uno() -> str | None:
    """A Python that can ``import uno``: ours, LibreOffice's own, or the system's."""
    candidates = [
        sys.executable,
        "/usr/bin/python3",
        "/Applications/LibreOffice.app/Contents/Resources/python",
        r"C:\Program Files\LibreOffice\program\python.exe",
        shutil.which("python3"),
    ]
    for candidate in dict.fromkeys(c for c in candidates if c and Path(c).exists()):
        try:
            found = subprocess.run([candidate, "-c", "import uno"], capture_output=True, timeout=20)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if found.returncode == 0:
            return candidate
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SlideConverter:
    """PPTX -> PDF through one LibreOffice that stays running. ``start()`` returns at once; the
    first ``convert`` waits until LibreOffice is up. ``reason`` says why slides cannot be drawn."""

    def __init__(self) -> None:
        self.reason = "LibreOffice is starting"
        self._ready = threading.Event()
        self._process: subprocess.Popen | None = None
        self._port = 0
        self._folder = Path(tempfile.mkdtemp(prefix=reaper.PREFIX))
        self._lock = threading.Lock()
        self._closed = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def available(self) -> bool:
        return self._process is not None and self._process.poll() is None and self._ready.is_set()

    def start(self) -> None:
        self._thread = threading.Thread(target=self._launch, name="libreoffice", daemon=True)
        self._thread.start()

    def _launch(self) -> None:
        """Start LibreOffice, then stay until ``close()``: on Linux, LibreOffice ends with the thread
        that started it (see _ends_with_parent), so this thread lives as long as it should run."""
        try:
            self._process = self._spawn()
        except _Unavailable as why:
            self.reason = str(why)
        except Exception as exc:  # noqa: BLE001 - an OS error or a bug: say so, the preview goes on
            self.reason = f"LibreOffice could not be started: {type(exc).__name__}: {exc}"
        finally:
            self._ready.set()
        self._closed.wait()
        if self._process is not None:
            self._kill(self._process)

    def _spawn(self) -> subprocess.Popen:
        office = (
            shutil.which("soffice")
            or shutil.which("libreoffice")
            or next((str(p) for p in map(Path, _OFFICE_PLACES) if p.exists()), None)
        )
        if office is None:
            raise _Unavailable("LibreOffice is not installed (Debian: apt-get install libreoffice-impress)")
        python = _python_with_uno()
        if python is None:
            raise _Unavailable("LibreOffice's Python bridge is missing (Debian: apt-get install python3-uno)")
        import unoserver  # noqa: PLC0415 - only when LibreOffice is started

        bridge = self._folder / "path"
        bridge.mkdir(exist_ok=True)
        package = Path(unoserver.__file__).parent
        for item in [package, *package.parent.glob("unoserver-*.dist-info")]:
            if not (bridge / item.name).exists():
                shutil.copytree(item, bridge / item.name)
        self._port = _free_port()
        command = [
            python,
            "-m",
            "unoserver.server",
            "--interface",
            "127.0.0.1",
            "--port",
            str(self._port),
            "--uno-interface",
            "127.0.0.1",
            "--uno-port",
            str(_free_port()),
            "--executable",
            office,
            "--user-installation",
            str(self._folder / "profile"),
            "--conversion-timeout",
            "60",
            "--quiet",
        ]
        # unoserver runs under its keeper (generator/preview/reaper.py), which ends the whole LibreOffice
        # tree and removes the folder however the preview ends; on Linux the kernel tells it when the
        # thread that starts it (this one, alive until close()) ends.
        keeper = [sys.executable, "-m", "generator.preview.reaper", str(self._folder), "--", *command]
        tied = reaper.tie_to_parent if os.name == "posix" else None  # preexec_fn exists on POSIX only
        process = subprocess.Popen(
            keeper,
            env={**os.environ, "PYTHONPATH": str(_SOURCE)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            preexec_fn=tied,
        )
        if os.name == "nt":
            _kill_with_this_process(process)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not self._closed.is_set():
            if process.poll() is not None:
                raise _Unavailable(f"LibreOffice stopped while starting (exit {process.returncode})")
            try:
                with ServerProxy(f"http://127.0.0.1:{self._port}", allow_none=True) as proxy:
                    proxy.info()  # unoserver's own "are you there"
                self.reason = ""
                return process
            except Exception:  # noqa: BLE001 - not listening yet
                time.sleep(0.2)
        self._kill(process)
        raise _Unavailable("LibreOffice did not start within a minute")

    def _client(self):
        from unoserver.client import UnoClient  # noqa: PLC0415 - only when LibreOffice is started

        return UnoClient("127.0.0.1", str(self._port))

    def convert(self, pptx: bytes) -> bytes | None:
        """The deck as PDF, or None (then ``reason`` says why)."""
        self._ready.wait()
        if self._process is not None and self._process.poll() is not None and not self.reason:
            self.reason = (
                f"LibreOffice stopped unexpectedly (exit {self._process.returncode}); "
                "restart the preview to see the slides again"
            )
        if not self.available:
            return None
        with self._lock:  # one conversion at a time: LibreOffice is single-threaded anyway
            try:
                return self._client().convert(indata=pptx, convert_to="pdf")
            except Exception as exc:  # noqa: BLE001 - a conversion that fails shows the outline instead
                self.reason = f"LibreOffice could not convert the deck: {exc}"
                return None

    def close(self) -> None:
        self._closed.set()
        if self._thread is not None:
            self._thread.join(timeout=15)
        shutil.rmtree(self._folder, ignore_errors=True)

    @staticmethod
    def _kill(process: subprocess.Popen) -> None:
        """The keeper ends unoserver and its LibreOffice and removes the folder; it is asked, and
        killed only if it does not finish (then its own tie to it ends unoserver)."""
        if os.name == "nt":  # no signals to ask with: end the keeper's whole tree
            subprocess.run(["taskkill", "/T", "/F", "/PID", str(process.pid)], capture_output=True, check=False)
            return
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _kill_with_this_process(process: subprocess.Popen) -> None:
    """Windows: put the keeper (and so LibreOffice, its descendant) into a Job Object that ends with
    the preview's process, however that ends (a closed console window, a crash)."""
    import ctypes  # noqa: PLC0415 - Windows only
    from ctypes import wintypes  # noqa: PLC0415 - Windows only

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]

    class Limits(ctypes.Structure):
        _fields_ = [
            ("PerProcessUserTimeLimit", ctypes.c_int64),
            ("PerJobUserTimeLimit", ctypes.c_int64),
            ("LimitFlags", wintypes.DWORD),
            ("MinimumWorkingSetSize", ctypes.c_size_t),
            ("MaximumWorkingSetSize", ctypes.c_size_t),
            ("ActiveProcessLimit", wintypes.DWORD),
            ("Affinity", ctypes.c_size_t),
            ("PriorityClass", wintypes.DWORD),
            ("SchedulingClass", wintypes.DWORD),
        ]

    class IoCounters(ctypes.Structure):
        _fields_ = [
            (name, ctypes.c_uint64)
            for name in (
                "ReadOperationCount",
                "WriteOperationCount",
                "OtherOperationCount",
                "ReadTransferCount",
                "WriteTransferCount",
                "OtherTransferCount",
            )
        ]

    class ExtendedLimits(ctypes.Structure):
        _fields_ = [
            ("BasicLimitInformation", Limits),
            ("IoInfo", IoCounters),
            ("ProcessMemoryLimit", ctypes.c_size_t),
            ("JobMemoryLimit", ctypes.c_size_t),
            ("PeakProcessMemoryUsed", ctypes.c_size_t),
            ("PeakJobMemoryUsed", ctypes.c_size_t),
        ]

    job = kernel32.CreateJobObjectW(None, None)
    info = ExtendedLimits()
    info.BasicLimitInformation.LimitFlags = 0x2000  # JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE
    kernel32.SetInformationJobObject(job, 9, ctypes.byref(info), ctypes.sizeof(info))  # Extended limits
    handle = kernel32.OpenProcess(0x1F0FFF, False, process.pid)  # PROCESS_ALL_ACCESS
    kernel32.AssignProcessToJobObject(job, handle)
    kernel32.CloseHandle(handle)
    _JOBS.append(job)  # the handle stays open as long as the preview runs: closing it ends the job


_JOBS: list = []
_SOURCE = Path(__file__).resolve().parents[2]  # the folder holding generator/: the keeper imports it
# Where the installers put LibreOffice when it is not on PATH (macOS, Windows).
_OFFICE_PLACES = (
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)


class _Unavailable(Exception):
    pass
