"""``generate.py approve``: record a clinical approval (issue 25) of the chosen condition's languages, as
``content/<condition>/approvals.json``; ``generate.py changes``: show the reviewer what changed since. What an
approval means, and when a product shows it, is ``generator.signoff``'s."""

from __future__ import annotations

from pathlib import Path
from typing import cast

from generator.assets import files
from generator.diagnostics import Diagnostics, Location, display_path
from generator.kinds import Audience
from generator.loading import approvals
from generator.loading.content import load_content
from generator.pipeline.history import git_version
from generator.pipeline.output import write_atomic
from generator.pipeline.targets import Options
from generator.signoff.redline import Redline, compare
from generator.signoff.snapshot import KEPT, kept_path, pictures, snapshot
from generator.signoff.state import sign_off
from generator.translation.units import units


def approve(options: Options, reviewer: str, role: str, reason: str | None, diagnostics: Diagnostics) -> list[Path]:
    """Append an approval per chosen language (``--lang``, else all of the condition's) whose text is not
    approved as it stands; ``reason``: the change since the last clinical approval is editorial. Returns the
    file written, or nothing when every language was approved already. Raises ContentError on content
    errors (nothing written)."""
    content = load_content(options.content_dir, options.images, diagnostics, conditions_wanted=options.conditions)
    diagnostics.raise_if_errors()
    written = []
    for entry in content.conditions:
        condition = entry.condition
        if condition.id not in options.conditions:
            continue
        records = list(entry.approvals)
        added = 0
        for language in _languages(condition, options, diagnostics):
            here = Location(display_path(entry.folder / approvals.FILE))
            state = sign_off(entry, language, options.images)
            if state is not None and state.approved:
                shown = cast(approvals.Approval, state.latest)  # a language with records has a latest one
                diagnostics.note(
                    here,
                    f"{condition.id} ({language}) is approved as it stands (by {shown.reviewer} on {shown.date}); "
                    "nothing recorded",
                )
                continue
            reviewed = any(a.kind == approvals.Kind.CLINICAL for a in records if a.language == language)
            if reason and not reviewed:
                diagnostics.error(
                    here,
                    f"an editorial approval of {condition.id} ({language}) needs a clinical approval before it",
                    "approve it without --editorial first: a clinician reads the whole text once",
                )
                continue
            taken = snapshot(entry, language, options.images)
            records.append(
                approvals.Approval(
                    language,
                    reviewer,
                    role,
                    options.today,
                    condition.review.version,
                    approvals.Kind.EDITORIAL if reason else approvals.Kind.CLINICAL,
                    reason,
                    approvals.digest(taken),
                    taken,
                    here,
                )
            )
            added += 1
        diagnostics.raise_if_errors()
        if added:
            written += _keep_pictures(entry, options.images, records[-added:])
            path = entry.folder / approvals.FILE
            write_atomic(path, approvals.file_bytes(records))
            written.append(path)
    return written


def _keep_pictures(entry, images: Path, added: list) -> list[Path]:
    """Each approved picture's bytes, once per digest, beside approvals.json: the redline of a later change shows
    the approved picture beside the new one."""
    written, path_of = [], pictures(entry, images)
    for record in added:
        for image_id, digest in record.snapshot["facts"]["pictures"].items():
            if digest is None or image_id not in path_of:
                continue
            kept = kept_path(entry.folder, digest, path_of[image_id].suffix)
            if not kept.exists():
                write_atomic(kept, path_of[image_id].read_bytes())
                written.append(kept)
    return written


def _pictures_side_by_side(entry, earlier: dict, now: dict, images: Path) -> dict[str, tuple[Path | None, Path | None]]:
    """{change context: (the approved picture, the picture now)} for each picture whose file changed; the
    approved one where ``approve`` kept it (read under the content rule), else None."""
    before, after, path_of = (
        earlier["facts"].get("pictures", {}),
        now["facts"].get("pictures", {}),
        pictures(entry, images),
    )
    shown = {}
    for image_id in sorted(before.keys() | after.keys()):
        if before.get(image_id) == after.get(image_id):
            continue
        kept = None
        if before.get(image_id):
            digest = before[image_id].removeprefix("sha256:")
            for candidate in sorted((entry.folder / KEPT).glob(f"{digest}.*")):
                try:
                    kept = files.confined(candidate, entry.folder, files.Limit.IMAGE)
                except (OSError, files.Refused):
                    continue
        shown[f"facts/picture/{image_id}"] = (kept, path_of.get(image_id))
    return shown


def _languages(condition, options: Options, diagnostics: Diagnostics) -> list[str]:
    """The chosen languages of the condition (``--lang``, else all); one it has not got is an error."""
    for language in options.languages:
        if language not in condition.languages:
            diagnostics.error(
                condition.where("languages"),
                f"{condition.id} has no language '{language}'",
                f"one of: {', '.join(condition.languages)}",
            )
    return [lang for lang in options.languages or condition.languages if lang in condition.languages]


def changes(options: Options, since: str | None, diagnostics: Diagnostics) -> list[tuple[str, list[Path]]]:
    """``generate.py changes``: per chosen language of the one chosen condition, a redline (web page and PDF) of
    its text against an approval (``since``: the one of that date or version; else the latest), or, without
    any, against the previous version in git. Written to ``OUT/changes/<condition>/``; returns per language
    its summary and the files written."""
    from generator.document.compose import compose_document  # noqa: PLC0415 - heavy, this command's only
    from generator.render.html.redline import render_redline_html  # noqa: PLC0415
    from generator.render.pdf.redline import render_redline_pdf  # noqa: PLC0415

    content = load_content(options.content_dir, options.images, diagnostics, conditions_wanted=options.conditions)
    diagnostics.raise_if_errors()
    clinic = (
        content.clinics[sorted(content.clinics)[0]]
        if not options.clinics or "all" in options.clinics
        else (content.clinics[options.clinics[0]])
    )
    written = []
    for entry in content.conditions:
        condition = entry.condition
        if condition.id not in options.conditions:
            continue
        for language in _languages(condition, options, diagnostics):
            base = _base(entry, language, since, options, diagnostics)
            if base is None:
                continue
            earlier, against = base
            text = entry.texts[language]
            places = {unit.context: unit.where for unit in units(text)}
            now = snapshot(entry, language, options.images)
            found = compare(earlier, now, places, text.where())
            shown = _pictures_side_by_side(entry, earlier, now, options.images)
            line = Redline(condition.id, language, against, tuple(found), shown)
            doc = compose_document(
                entry,
                language,
                Audience.PATIENT,
                clinic,
                content.labels[language],
                options.images,
                options.today,
                content.labels,
            )
            folder = options.out_dir / "changes" / condition.id
            paths = []
            for suffix, data in (("html", render_redline_html(line, doc)), ("pdf", render_redline_pdf(line, doc))):
                paths.append(folder / f"{condition.id}_{language}_changes.{suffix}")
                write_atomic(paths[-1], data)
            written.append((f"{condition.id} ({language}): {line.summary}; compared with {against}", paths))
    diagnostics.raise_if_errors()
    return written


def _base(entry, language: str, since: str | None, options: Options, diagnostics: Diagnostics):
    """(the earlier snapshot, what it is in words), or None with the reason reported."""
    here = Location(display_path(entry.folder / approvals.FILE))
    records = [a for a in entry.approvals if a.language == language]
    if since is not None:
        records = [a for a in records if since in (a.date.isoformat(), a.version)]
    if records:
        chosen = records[-1]
        return chosen.snapshot, (
            f"the approval by {chosen.reviewer} ({chosen.role}) on {chosen.date.isoformat()}, version {chosen.version}"
        )
    if since is not None and any(a.language == language for a in entry.approvals):
        dates = ", ".join(f"{a.date} ({a.version})" for a in entry.approvals if a.language == language)
        diagnostics.error(here, f"no approval of {language} on or of '{since}'", f"one of: {dates}")
        return None
    earlier = git_version(entry, language, since, options.images)
    if earlier is None:
        diagnostics.error(
            here,
            f"nothing to compare {entry.condition.id} ({language}) with: no approval of it, and no earlier "
            "version in git",
            "record an approval (generate.py approve), or keep the content folder in a git repository",
        )
    return earlier
