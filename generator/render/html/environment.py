"""The Jinja2 environment of the web pages: autoescaping always on, a clinic's own templates first.

Content reaches a template only as plain text (escaped on output) or through :func:`inline`, which
builds ``<strong>``/``<em>`` from parsed spans and escapes their text, so nothing a clinic writes in
YAML can become markup. A clinic overrides ``base.html`` (or any template) by putting a file of that
name in ``content/site/`` (every clinic) or ``content/site/<clinic>/`` (one clinic); leafdeck's own
templates stay reachable as ``leafdeck/<name>`` so an override can extend them and change one block.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import (
    ChoiceLoader, Environment, FileSystemLoader, PackageLoader, PrefixLoader, StrictUndefined, TemplateError,
    TemplateSyntaxError, select_autoescape,
)
from markupsafe import Markup, escape

from generator.diagnostics import Location, display_path
from generator.document.model import Inline
from generator.render.errors import LayoutProblem

OWN = "leafdeck"


def inline(spans: Inline) -> Markup:
    """Spans as HTML: escaped text inside <strong> and <em>."""
    out = []
    for span in spans:
        text = escape(span.text)
        if span.italic:
            text = Markup(f"<em>{text}</em>")
        if span.bold:
            text = Markup(f"<strong>{text}</strong>")
        out.append(text)
    return Markup("").join(out)


@lru_cache(maxsize=16)
def environment(overrides: tuple[Path, ...]) -> Environment:
    own = PackageLoader("generator.render.html", "templates")
    loader = ChoiceLoader([*(FileSystemLoader(str(folder)) for folder in overrides), own, PrefixLoader({OWN: own})])
    env = Environment(loader=loader, autoescape=select_autoescape(default=True, default_for_string=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["inline"] = inline
    return env


def override_folders(site: Path | None, clinic: str) -> tuple[Path, ...]:
    """``content/site/<clinic>/`` before ``content/site/``, those that exist."""
    if site is None:
        return ()
    return tuple(folder for folder in (site / clinic, site) if folder.is_dir())


def render_template(name: str, site: Path | None, clinic_id: str, **context) -> str:
    """The named template filled in; a mistake in a clinic's own template is a LayoutProblem at its line."""
    folders = override_folders(site, clinic_id)
    try:
        return environment(folders).get_template(name).render(**context)
    except TemplateSyntaxError as exc:
        raise LayoutProblem(f"page template: {exc.message}", _where(exc.filename, exc.lineno),
                            "fix the template, or delete it to use leafdeck's own") from None
    except TemplateError as exc:
        raise LayoutProblem(f"page template: {exc.message or type(exc).__name__}", _runtime_where(exc, folders),
                            "use only the names leafdeck's own templates use (README: 'Your own page template'); "
                            "or delete the file to use leafdeck's own") from None


def _where(filename: str | None, line: int | None) -> Location | None:
    return Location(display_path(Path(filename)), line or 0) if filename else None


def _runtime_where(exc: BaseException, folders: tuple[Path, ...]) -> Location | None:
    """The clinic template's line the error happened at: Jinja runs each template line as a
    traceback frame of that file and line."""
    where = None
    tb = exc.__traceback__
    while tb is not None:
        file = Path(tb.tb_frame.f_code.co_filename)
        if any(file.is_relative_to(folder) for folder in folders):
            where = Location(display_path(file), tb.tb_lineno)
        tb = tb.tb_next
    return where
