"""``generate.py preview``: start LibreOffice, the builder and the web server, watch the content,
and keep going until Ctrl+C, whatever the content or a renderer does."""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import signal
import socket
import sys
import tempfile
from pathlib import Path

import uvicorn
from watchfiles import awatch

from generator.pipeline.targets import Options
from generator.pipeline.watch import relevant_change
from generator.preview.engine import PREVIEWED, Engine
from generator.preview.raster import SlideConverter
from generator.preview.reaper import leftovers
from generator.preview.server import LOCAL_HOSTS, Broadcast, create_app


def is_local(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(options: Options, host: str, port: int, slides: bool = True) -> int:
    """Serve the preview on ``host:port`` (port 0: any free one) until interrupted."""

    if not Path(options.content_dir).is_dir():
        print(f"error: content folder not found: {options.content_dir}", file=sys.stderr)
        print("    hint: run it where the content folder is, or name it with --content", file=sys.stderr)
        return 1
    try:
        listening = _bind(host, port)
    except OSError as exc:
        print(f"error: cannot listen on {host}:{port}: {exc.strerror}", file=sys.stderr)
        print("    hint: another program (or another preview) uses that port; choose one with --port", file=sys.stderr)
        return 1
    for line in leftovers(Path(tempfile.gettempdir())):
        print(f"note: {line}", file=sys.stderr)
    converter = SlideConverter() if slides else None
    broadcast = Broadcast()
    engine = Engine(options, tuple(p for p in PREVIEWED if p in options.products), converter, broadcast.notify)
    allowed = LOCAL_HOSTS if is_local(host) else (*LOCAL_HOSTS, *own_names(host))
    if not is_local(host):
        print(
            f"warning: serving the preview on {host}: anyone who can reach this computer on port {port} "
            f"sees the content. Stop it with Ctrl+C when you are done.\n"
            f"    answering requests for: {', '.join(allowed)}",
            file=sys.stderr,
        )

    @contextlib.asynccontextmanager
    async def lifespan(app):
        broadcast.bind(asyncio.get_running_loop())
        watcher = asyncio.create_task(_watch(options, engine))
        try:
            yield
        finally:
            watcher.cancel()

    app = create_app(engine, broadcast, allowed, lifespan)
    if converter is not None:
        converter.start()
    engine.start()
    selections = engine.selections()
    if selections:
        engine.watch(selections[0])  # drawn before the first browser asks
    shown_host = f"[{host}]" if ":" in host else host
    print(
        f"leafdeck preview: http://{shown_host}:{listening.getsockname()[1]}/  "
        f"(open it in your browser; Ctrl+C stops it)",
        flush=True,
    )
    server = uvicorn.Server(
        uvicorn.Config(app, log_level="warning", lifespan="on", access_log=False, timeout_graceful_shutdown=1)
    )
    _stop_gracefully_on(server)
    try:
        asyncio.run(server.serve(sockets=[listening]))
    except KeyboardInterrupt:
        pass
    finally:
        engine.stop()
        if converter is not None:
            converter.close()
    print("preview stopped.", file=sys.stderr)
    return 0


def _stop_gracefully_on(server) -> None:
    """SIGTERM (a service manager, ``kill``, an IDE's stop button), SIGHUP (the terminal closed) and
    Ctrl+Break end the preview as Ctrl+C does, through the ``finally`` that stops its LibreOffice:
    Python's default for them is to die at once. (uvicorn handles SIGINT and SIGTERM while it
    serves, then raises them again with these handlers in place.)"""

    for name in ("SIGTERM", "SIGHUP", "SIGBREAK"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), server.handle_exit)


def own_names(host: str) -> tuple[str, ...]:
    """The names and addresses by which other computers reach this one (for the Host check when
    serving beyond 127.0.0.1): a web page elsewhere still cannot use a name of its own."""
    names = {socket.gethostname(), socket.getfqdn(), f"{socket.gethostname()}.local"}
    if host not in ("0.0.0.0", "::"):
        names.add(host.strip("[]"))
    try:
        names |= {str(info[4][0]) for info in socket.getaddrinfo(socket.gethostname(), None)}
    except OSError:
        pass
    return tuple(sorted(n for n in names if n and not is_local(n)))


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listening = socket.socket(family, socket.SOCK_STREAM)
    if sys.platform != "win32":  # on Windows it would let a second program take the same port
        listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listening.bind((host.strip("[]"), port))
    except OSError:
        listening.close()
        raise
    listening.listen(128)  # a browser opened at once waits in the queue instead of being refused
    listening.set_inheritable(True)
    return listening


async def _watch(options: Options, engine) -> None:
    """Tell the engine about every save in the content, the images and the deck template."""

    folders = [Path(options.content_dir), options.images]
    if options.template is not None:
        folders.append(Path(options.template))
    folders = [f for f in folders if f.exists()]
    polling = False
    while True:
        try:
            async for batch in awatch(
                *folders, debounce=40, step=10, watch_filter=relevant_change, force_polling=polling, poll_delay_ms=200
            ):
                engine.changed({path for _, path in batch})
            return
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001 - e.g. the system's limit of watched folders
            if polling:
                print(f"error: the preview cannot watch the content folder any more: {exc}", file=sys.stderr)
                engine.watching_failed(f"saves are no longer noticed ({exc}); restart the preview")
                return
            print(
                f"warning: watching by notification failed ({exc}); looking for changes every 0.2 s instead",
                file=sys.stderr,
            )
            polling = True
