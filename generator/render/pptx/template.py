"""Open a PowerPoint template and find its layouts by role, whatever the layouts are called.

A layout is chosen by the type PowerPoint stores on it (``<p:sldLayout type="secHead">``), which
is the same in every language, and failing that by its placeholders:

=========== ==================== =====================================================
role        layout type          fallback
=========== ==================== =====================================================
title       ``title``            a layout with a centre-title placeholder
section     ``secHead``          the title role's layout
content     ``obj``, ``tx``      a layout with a title and a body/content placeholder
title_only  ``titleOnly``        a layout with a title and no body; then ``content``
=========== ==================== =====================================================

The template's own slides are removed, so a deck never starts with someone's example slides.
A ``.potx`` is opened as a presentation (only its package content type differs).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from generator.diagnostics import Location, display_path
from generator.render.errors import LayoutProblem
from generator.render.pptx.xml import body_placeholder, layout_type, remove_slides

if TYPE_CHECKING:
    from pptx.presentation import Presentation as PresentationFile

DEFAULT_TEMPLATE = Path(__file__).resolve().parents[2] / "templates" / "leafdeck-16x9.pptx"
ROLES = {
    "title": ("title",),
    "section": ("secHead",),
    "content": ("obj", "tx"),
    "title_only": ("titleOnly",),
}
_TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
_PRESENTATION_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
_TITLE_KINDS = {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE}
# Placeholders a "title only" layout must not have (they would show "Click to add ..." boxes).
_CONTENT_KINDS = {
    PP_PLACEHOLDER.PICTURE,
    PP_PLACEHOLDER.CHART,
    PP_PLACEHOLDER.TABLE,
    PP_PLACEHOLDER.MEDIA_CLIP,
    PP_PLACEHOLDER.ORG_CHART,
    PP_PLACEHOLDER.BITMAP,
    PP_PLACEHOLDER.OBJECT,
}


@dataclass
class Template:
    presentation: PresentationFile
    layouts: dict  # role -> slide layout


def open_template(path: Path | None) -> Template:
    """The presentation to build on, emptied of slides, with a layout for every role."""
    source = path or DEFAULT_TEMPLATE
    where = Location(display_path(source))
    if source.suffix.lower() not in (".pptx", ".potx"):
        raise LayoutProblem(
            f"the template {source.name} is not a .pptx or .potx file",
            where,
            "save the template from PowerPoint as .pptx or .potx (macro files are refused)",
        )
    try:
        data = source.read_bytes()
        prs = Presentation(io.BytesIO(_as_presentation(data)))
    except FileNotFoundError:
        raise LayoutProblem(f"the template {source} does not exist", where, "check the --template path") from None
    except Exception as exc:  # noqa: BLE001 - zip, XML and package errors alike: a file we cannot use
        raise LayoutProblem(
            f"the template {source.name} cannot be opened ({type(exc).__name__}: {exc})",
            where,
            "open and re-save it in PowerPoint or LibreOffice as .pptx",
        ) from None
    remove_slides(prs)
    layouts = {role: _layout_for(prs, role) for role in ROLES}
    missing = [role for role, layout in layouts.items() if layout is None]
    if missing:
        raise LayoutProblem(
            f"the template {source.name} has no layout with a title placeholder for: " + ", ".join(missing),
            where,
            "add a 'Title and Content' layout (any name) to the template's slide master",
        )
    if body_placeholder(layouts["content"]) is None:
        raise LayoutProblem(
            f"the template {source.name} has no layout with a title and a text placeholder",
            where,
            "add a 'Title and Content' layout (any name) to the template's slide master",
        )
    return Template(prs, layouts)


def _as_presentation(data: bytes) -> bytes:
    """A .potx differs from a .pptx only in its main part's content type: rewrite that one entry."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        types = package.read("[Content_Types].xml")
        if _TEMPLATE_TYPE not in types:
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
            for info in package.infolist():
                content = package.read(info.filename)
                if info.filename == "[Content_Types].xml":
                    content = content.replace(_TEMPLATE_TYPE, _PRESENTATION_TYPE)
                copy.writestr(info, content)
        return out.getvalue()


def _kinds(layout) -> set:
    return {ph.placeholder_format.type for ph in layout.placeholders}


def _has_text_body(layout) -> bool:
    return body_placeholder(layout) is not None


def _layout_for(prs, role: str):
    """The layout of this type; failing that (custom layouts carry no type, or type "cust"), the
    layout whose placeholders fit the role, the largest text area first."""
    layouts = list(prs.slide_layouts)
    for wanted in ROLES[role]:
        for layout in layouts:
            if layout_type(layout) == wanted and _kinds(layout) & _TITLE_KINDS:
                return layout
    with_title = [la for la in layouts if _kinds(la) & _TITLE_KINDS]
    if role == "title":
        return next((la for la in with_title if PP_PLACEHOLDER.CENTER_TITLE in _kinds(la)), None) or _layout_for(
            prs, "content"
        )
    if role == "section":
        return _layout_for(prs, "title")
    if role == "content":
        # Never a layout with a picture, chart or table placeholder: bullets on a photo layout leave an
        # empty picture frame. The largest text box of the others.
        bodies = [
            la
            for la in with_title
            if _has_text_body(la) and not _kinds(la) & (_CONTENT_KINDS - {PP_PLACEHOLDER.OBJECT})
        ]
        return max(bodies, key=lambda la: _area(body_placeholder(la)), default=None)
    if role == "title_only":
        return next(
            (la for la in with_title if not _has_text_body(la) and not _kinds(la) & _CONTENT_KINDS), None
        ) or _layout_for(prs, "content")
    return None


def _area(shape) -> int:
    return (shape.width or 0) * (shape.height or 0)


def fixed_zip_dates(data: bytes) -> bytes:
    """Rewrite a package with fixed entry dates, so equal content gives equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
