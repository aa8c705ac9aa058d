"""The Jinja2 environment of the web pages: sandboxed, autoescaping always on, a clinic's own templates first.

Content reaches a template only as plain text (escaped on output) or through :func:`inline`, which
builds ``<strong>``/``<em>`` from parsed spans and escapes their text, so nothing a clinic writes in
YAML can become markup. A clinic overrides ``base.html`` (or any template) by putting a file of that
name in ``content/site/`` (every clinic) or ``content/site/<clinic>/`` (one clinic); leafdeck's own
templates stay reachable as ``leafdeck/<name>`` so an override can extend them and change one block.

A clinic's template is content, and content is semi-trusted: it runs in Jinja2's immutable sandbox
(no ``__globals__``, ``__class__`` or other underscore attributes, no changing the data), which here
also refuses file paths and modules as values, and a huge repetition (``'x' * 10**9``). Its files
are read under the content rule (:mod:`generator.assets.files`): inside ``content/site/``, regular,
at most ``Limit.TEMPLATE`` bytes.
"""

from __future__ import annotations

import operator
import os
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path, PurePath
from types import ModuleType
from typing import Any

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    PackageLoader,
    PrefixLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    select_autoescape,
)
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from markupsafe import Markup, escape

from generator.assets import files
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


MAX_REPEAT = 100_000  # the longest text or list a template may make with * (leafdeck's own use none)


class _Sandbox(ImmutableSandboxedEnvironment):
    """Jinja2's immutable sandbox, closed further for what the page's data holds: a picture's file
    path (``figure.path.read_text()`` would read any file), modules and classes are not
    reachable, and ``*`` cannot make a text or list too large for memory."""

    intercepted_binops = frozenset({"*", "**"})

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if isinstance(obj, PurePath) or isinstance(value, (PurePath, ModuleType, type)):
            return False
        return super().is_safe_attribute(obj, attr, value)

    def call_binop(self, context: Any, operator_name: str, left: Any, right: Any) -> Any:
        if operator_name == "**" and isinstance(right, int) and abs(right) > 64:
            raise SecurityError("the power is too large")
        if operator_name == "*":
            for seq, count in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(count, int) and len(seq) * count > MAX_REPEAT:
                    raise SecurityError(f"a repetition longer than {MAX_REPEAT} is not allowed")
        return {"*": operator.mul, "**": operator.pow}[operator_name](left, right)


class TemplateRefused(TemplateError):
    """A clinic's template file that may not be read (outside content/site/, not a file, too large,
    not UTF-8)."""

    def __init__(self, path: Path, problem: str, hint: str):
        super().__init__(problem)
        self.path, self.problem, self.hint = path, problem, hint


class _ContentLoader(BaseLoader):
    """A clinic's own templates in ``folder``, read under the content rule inside ``root``
    (``content/site/``): Jinja2's FileSystemLoader follows any symlink."""

    def __init__(self, folder: Path, root: Path):
        self.folder, self.root = folder, root

    def get_source(self, environment: Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        path = self.folder.joinpath(*split_template_path(template))
        if not os.path.lexists(path):
            raise TemplateNotFound(template)
        try:
            data = files.read(path, self.root, files.Limit.TEMPLATE)
        except files.Refused as exc:
            raise TemplateRefused(path, exc.problem, exc.hint) from None
        except OSError as exc:
            raise TemplateRefused(
                path,
                f"{display_path(path)} cannot be read ({exc.strerror})",
                "check the file, or delete it to use leafdeck's own",
            ) from None
        try:
            source = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise TemplateRefused(
                path, f"{display_path(path)} is not saved as UTF-8", "save the template as UTF-8 in your editor"
            ) from None
        mtime = os.path.getmtime(path)
        return source, str(path), lambda: os.path.exists(path) and os.path.getmtime(path) == mtime


@lru_cache(maxsize=16)
def environment(overrides: tuple[Path, ...], root: Path | None = None) -> Environment:
    own = PackageLoader("generator.render.html", "templates")
    clinic = [_ContentLoader(folder, root or folder) for folder in overrides]
    loader = ChoiceLoader([*clinic, own, PrefixLoader({OWN: own})])
    env = _Sandbox(
        loader=loader,
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
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
        return environment(folders, site).get_template(name).render(**context)
    except TemplateRefused as exc:
        raise LayoutProblem(f"page template: {exc.problem}", Location(display_path(exc.path)), exc.hint) from None
    except RecursionError:
        raise LayoutProblem(
            "page template: it includes or extends itself without end",
            Location(display_path(site)) if site else None,
            "check the {% include %} and {% extends %} lines of your templates",
        ) from None
    except SecurityError as exc:
        raise LayoutProblem(
            f"page template: not allowed: {exc}",
            _runtime_where(exc, folders),
            "a page template may only show the names leafdeck gives it (README: 'Content you "
            "did not write'); or delete the file to use leafdeck's own",
        ) from None
    except TemplateSyntaxError as exc:
        raise LayoutProblem(
            f"page template: {exc.message}",
            _where(exc.filename, exc.lineno),
            "fix the template, or delete it to use leafdeck's own",
        ) from None
    except TemplateError as exc:
        raise LayoutProblem(
            f"page template: {exc.message or type(exc).__name__}",
            _runtime_where(exc, folders),
            "use only the names leafdeck's own templates use (README: 'Your own page template'); "
            "or delete the file to use leafdeck's own",
        ) from None


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
