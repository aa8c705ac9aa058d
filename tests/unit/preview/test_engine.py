"""The live preview's engine on a copy of the small content: what it draws after a save, what it
leaves alone, and what staff see when the content or leafdeck itself goes wrong.

Drawing is counted where it happens (``generator.preview.workers.draw``), so "an nb edit does not
touch en" and "a clinician-only edit does not redraw the PDFs" are measured, not assumed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from pathlib import Path

import pytest

from generator.diagnostics import Location, Severity
from generator.kinds import Product
from generator.pipeline.dispatch import Rendered, RenderResult
from generator.pipeline.targets import Options
from generator.preview import engine as engine_module
from generator.preview import pictures as picture_store
from generator.preview import workers
from generator.preview.engine import PREVIEWED, Engine, Selection
from support.content import TODAY, edit, line_of, page_template
from support.preview import look, saved, settle

NB, EN = Selection("default", "tiny", "nb"), Selection("default", "tiny", "en")


def _options(project: Path) -> Options:
    """The small content, drawn in the engine's own thread (no worker processes)."""
    return Options(
        content_dir=project / "content",
        images_dir=project / "images",
        out_dir=project / "output",
        today=dt.date.fromisoformat(TODAY),
        jobs=1,
    )


@pytest.fixture
def preview(project, monkeypatch):
    """An engine over the project (drawing in its own thread, no LibreOffice) and the list of
    (language, product) it drew."""
    drawn: list[tuple[str, Product]] = []
    real = workers.draw

    def counting(item, site_files):
        drawn.append((item.target.language, item.target.variant.product))
        return real(item, site_files)

    monkeypatch.setattr(workers, "draw", counting)
    engine = Engine(_options(project), PREVIEWED, converter=None)
    engine.start()
    yield engine, drawn
    engine.stop()


def test_the_first_look_draws_every_product(preview):
    engine, drawn = preview
    (nb,) = look(engine, NB)
    assert nb.status == "ok", nb.diagnostics
    assert sorted(drawn) == sorted(("nb", p) for p in PREVIEWED)
    pages = nb.shown[Product.LEAFLET].pictures
    assert pages and all(engine.picture(d)[:3] == b"\xff\xd8\xff" for d in pages)  # JPEGs, kept
    assert nb.shown[Product.BROCHURE].pictures
    assert b"<html" in nb.shown[Product.PAGE].files["index.html"]
    deck = nb.shown[Product.DECK]
    assert deck.outline and deck.outline[0][0], "without LibreOffice the slides' titles are shown"
    footers = [line for _, lines in deck.outline for line in lines if line.startswith("Liten tilstand · Versjon")]
    assert not footers, "the footer, the same on every slide, is left out"
    assert "slides" in deck.note


def test_an_edit_in_one_language_leaves_the_other_alone(preview, project):
    engine, drawn = preview
    nb, en = look(engine, NB, EN)
    en_pages, nb_pages = en.shown[Product.LEAFLET].pictures, nb.shown[Product.LEAFLET].pictures
    drawn.clear()
    nb_file = project / "content/tiny/nb.yaml"
    edit(nb_file, "Punkt én", "Punkt én, nå med mye mer tekst enn før")
    saved(engine, nb_file)
    assert ("nb", Product.LEAFLET) in drawn and ("nb", Product.BROCHURE) in drawn
    assert not [d for d in drawn if d[0] == "en"], drawn
    assert en.shown[Product.LEAFLET].pictures == en_pages
    leaflet = nb.shown[Product.LEAFLET]
    assert leaflet.pictures != nb_pages and any(leaflet.changed), "the changed page is marked"


def test_only_what_a_tab_shows_is_kept_current(preview, project):
    engine, drawn = preview
    nb, en = look(engine, NB, EN)
    engine.viewing(EN, -1)  # the en tab is closed
    en_file = project / "content/tiny/en.yaml"
    edit(en_file, "Punkt én", "Punkt én (en)")
    drawn.clear()
    saved(engine, en_file)
    assert drawn == [], "nobody looks at en: nothing drawn"
    engine.viewing(EN, +1)  # opened again: brought up to date at once
    settle(engine)
    assert sorted(drawn) == [("en", Product.BROCHURE), ("en", Product.LEAFLET), ("en", Product.PAGE)]


def test_a_tab_may_connect_before_it_asks(preview):
    """The browser's event stream can arrive before its first request for the state."""
    engine, drawn = preview
    engine.viewing(NB, +1)
    settle(engine)
    assert engine.preview(NB).status == "ok" and ("nb", Product.LEAFLET) in drawn


def test_a_clinician_only_edit_redraws_only_the_deck(preview, project):
    engine, drawn = preview
    look(engine, NB)
    drawn.clear()
    nb_file = project / "content/tiny/nb.yaml"
    edit(nb_file, "Klinisk tekst.", "Klinisk tekst, endret.")
    saved(engine, nb_file)
    assert drawn == [("nb", Product.DECK)]


def test_a_line_added_above_redraws_nothing(preview, project):
    """Every source position below it moves, but nothing a reader sees changes."""
    engine, drawn = preview
    look(engine, NB)
    drawn.clear()
    nb_file = project / "content/tiny/nb.yaml"
    nb_file.write_text("# a comment on top\n\n" + nb_file.read_text(encoding="utf-8"), encoding="utf-8")
    saved(engine, nb_file)
    assert drawn == []


def test_a_content_error_keeps_the_last_pictures_marked_out_of_date(preview, project):
    engine, drawn = preview
    (nb,) = look(engine, NB)
    good = {p: s.pictures for p, s in nb.shown.items()}
    nb_file = project / "content/tiny/nb.yaml"
    edit(nb_file, "title: Liten tilstand", "title: [Liten tilstand")
    saved(engine, nb_file)
    assert nb.status == "errors"
    errors = [d for d in nb.diagnostics if d.severity is Severity.ERROR]
    assert errors and errors[0].location.file.endswith("nb.yaml") and errors[0].location.line > 0, errors
    for product, shown in nb.shown.items():
        assert shown.pictures == good[product] and shown.stale and "out of date" in shown.note, product

    drawn.clear()
    edit(nb_file, "title: [Liten tilstand", "title: Liten tilstand")
    saved(engine, nb_file)
    assert nb.status == "ok" and not any(s.stale for s in nb.shown.values())
    assert drawn == [], "back to the content it showed: nothing to draw again"


def test_a_mistake_in_a_field_names_its_line(preview, project):
    engine, _ = preview
    (nb,) = look(engine, NB)
    nb_file = project / "content/tiny/nb.yaml"
    edit(nb_file, "disclaimer: Ikke ekte råd.", "disclaimer: 42\nno_such_field: x")
    saved(engine, nb_file)
    where = {(Path(d.location.file).name, d.location.line) for d in nb.diagnostics if d.severity is Severity.ERROR}
    assert ("nb.yaml", line_of(nb_file, "no_such_field")) in where, nb.diagnostics


def test_the_preview_survives_a_crash_of_its_own(preview, project, monkeypatch):
    engine, _ = preview
    (nb,) = look(engine, NB)
    real = engine_module.plan

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(engine_module, "plan", broken)
    nb_file = project / "content/tiny/nb.yaml"
    saved(engine, nb_file)
    assert nb.status == "errors" and "internal error in the preview: RuntimeError: boom" in nb.diagnostics[0].message
    assert nb.shown[Product.LEAFLET].stale
    monkeypatch.setattr(engine_module, "plan", real)
    saved(engine, nb_file)
    assert nb.status == "ok"


def test_a_renderer_crash_marks_that_product_and_draws_the_others(preview, project, monkeypatch):
    engine, drawn = preview
    (nb,) = look(engine, NB)
    real = workers.draw

    def leaflet_breaks(item, site_files):
        if item.target.variant.product is Product.LEAFLET:
            return workers.Drawing(RenderResult(Rendered.INTERNAL, error="ValueError: broken"))
        return real(item, site_files)

    monkeypatch.setattr(workers, "draw", leaflet_breaks)
    nb_file = project / "content/tiny/nb.yaml"
    edit(nb_file, "Punkt én", "Punkt én endret")
    saved(engine, nb_file)
    assert any("internal error: ValueError: broken" in d.message for d in nb.diagnostics)
    assert nb.shown[Product.LEAFLET].stale and not nb.shown[Product.BROCHURE].stale
    assert nb.status == "errors"


def test_a_new_language_file_joins_the_list(preview, project):
    engine, _ = preview
    assert [s.language for s in engine.selections()] == ["en", "nb"]
    condition = project / "content/tiny/condition.yaml"
    text = condition.read_text(encoding="utf-8")
    assert "languages: [nb, en]" in text
    condition.write_text(text.replace("languages: [nb, en]", "languages: [nb]"), encoding="utf-8")
    engine.changed({str(condition)})
    assert [s.language for s in engine.selections()] == ["nb"]


class SlowOffice:
    """A LibreOffice that takes its time and draws nothing: the slides' outline is shown."""

    reason = "a slow test office"

    def __init__(self):
        self.converting = False

    def convert(self, pptx: bytes):
        self.converting = True
        time.sleep(0.3)  # long enough for a save to land while it converts
        self.converting = False
        return None


@pytest.fixture
def slow_office(project):
    office = SlowOffice()
    engine = Engine(_options(project), (Product.DECK,), converter=office)
    engine.start()
    yield engine, office
    engine.stop()


def outline_text(engine: Engine, selection: Selection) -> str:
    return repr(engine.preview(selection).shown[Product.DECK].outline)


def converting(engine: Engine, office: SlowOffice, nb_file: Path) -> None:
    """Save a clinician-text edit and return while its slides are being converted."""
    edit(nb_file, "Klinisk tekst.", "ENDRET tekst.")
    engine.changed({str(nb_file)})
    deadline = time.monotonic() + 30
    while not office.converting:
        assert time.monotonic() < deadline
        time.sleep(0.01)


def test_slides_of_an_undone_save_never_replace_the_current_ones(slow_office, project):
    engine, office = slow_office
    look(engine, NB)
    assert "Klinisk tekst." in outline_text(engine, NB)
    nb_file = project / "content/tiny/nb.yaml"
    converting(engine, office, nb_file)
    edit(nb_file, "ENDRET tekst.", "Klinisk tekst.")  # undone while the slides are converted
    saved(engine, nb_file)
    assert "Klinisk tekst." in outline_text(engine, NB) and "ENDRET" not in outline_text(engine, NB)
    assert not engine.preview(NB).shown[Product.DECK].busy


def test_slides_finished_after_a_mistake_stay_out_of_date(slow_office, project):
    engine, office = slow_office
    look(engine, NB)
    nb_file = project / "content/tiny/nb.yaml"
    converting(engine, office, nb_file)
    edit(nb_file, "title: Liten tilstand", "title: [Liten tilstand")
    saved(engine, nb_file)
    deck = engine.preview(NB).shown[Product.DECK]
    assert deck.stale and "ENDRET" not in outline_text(engine, NB)


def test_every_open_tab_is_kept_current(project, preview):
    engine, drawn = preview
    clinics = project / "content/clinics"
    for n in (2, 3):
        (clinics / f"clinic-{n}.yaml").write_text(
            (clinics / "default.yaml").read_text(encoding="utf-8").replace("id: default", f"id: clinic-{n}"),
            encoding="utf-8",
        )
    engine.options = dataclasses.replace(engine.options, clinics=("all",))
    engine.changed({str(clinics / "clinic-2.yaml")})
    tabs = engine.selections()[:5]
    assert len(tabs) == 5
    previews = look(engine, *tabs)
    assert [p.status for p in previews] == ["ok"] * 5


def test_pictures_on_screen_are_never_forgotten(preview, monkeypatch):
    engine, _ = preview
    monkeypatch.setattr(picture_store, "KEPT", 1)
    shown = [
        d
        for p in look(engine, NB, EN)
        for product, s in p.shown.items()
        if product is not Product.PAGE
        for d in s.pictures
    ]
    assert len(shown) > 2 and all(engine.picture(d) for d in shown)


def test_changed_marks_belong_to_the_last_save(preview, project):
    engine, _ = preview
    (nb,) = look(engine, NB)
    nb_file = project / "content/tiny/nb.yaml"
    edit(nb_file, "Punkt én", "Punkt én, lengre")
    saved(engine, nb_file)
    assert any(nb.shown[Product.LEAFLET].changed)
    edit(nb_file, "Klinisk tekst.", "Klinisk tekst, endret.")  # the leaflet is not touched by this one
    saved(engine, nb_file)
    assert not any(nb.shown[Product.LEAFLET].changed)


def test_editor_links_survive_any_folder_name(tmp_path):
    from generator.diagnostics import Diagnostic
    from generator.preview.server import _diagnostic_json

    odd = tmp_path / "Klinikk #2" / "100% sikker" / "nb.yaml"
    link = _diagnostic_json(Diagnostic(Severity.ERROR, Location(str(odd), 4, 7), "x"))["editor"]
    assert link.startswith("vscode://file/") and link.endswith(":4:7")
    assert "%232" in link and "100%25" in link and " " not in link and "#" not in link


def test_a_forbidden_page_template_is_a_problem_and_runs_nothing(preview, project):
    """A clinic's template is rendered in the sandbox in the preview too (README: "Content you did not
    write"): the Problems list names its line, and the command in it never ran."""
    engine, _ = preview
    page_template(project, "{{ lipsum.__globals__['os'].system('touch pwned.txt') }}")
    (nb,) = look(engine, NB)
    problems = [(str(d.location), d.message) for d in nb.diagnostics]
    assert any(
        where.endswith("content/site/base.html:2") and "not allowed" in message for where, message in problems
    ), problems
    assert not (project / "pwned.txt").exists()


def test_a_saved_picture_redraws_the_products_that_show_it(preview, project):
    """A picture's bytes are not in the Document: a save of the file itself must still redraw."""
    from PIL import Image

    engine, drawn = preview
    (nb,) = look(engine, NB)
    before = nb.shown[Product.LEAFLET].pictures
    drawn.clear()
    picture = project / "images/circle.png"
    with Image.open(picture) as image:
        Image.new(image.mode, image.size, "black").save(picture)  # the same name, other pixels
    saved(engine, picture)
    assert {("nb", Product.LEAFLET), ("nb", Product.BROCHURE), ("nb", Product.DECK)} <= set(drawn), drawn
    assert nb.shown[Product.LEAFLET].pictures != before


def test_a_saved_page_template_redraws_the_web_page(preview, project):
    engine, drawn = preview
    (nb,) = look(engine, NB)
    drawn.clear()
    template = page_template(project, '<p class="opening-hours">Åpent 8–16</p>')
    saved(engine, template)
    assert ("nb", Product.PAGE) in drawn, drawn
    assert "Åpent 8–16".encode() in nb.shown[Product.PAGE].files["index.html"]
