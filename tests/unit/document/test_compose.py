"""The format-independent document: audience wording, DRAFT rules, inline text, web addresses."""

from __future__ import annotations

import datetime as dt

from generator.assets.fonts import Direction
from generator.diagnostics import Diagnostics
from generator.document.compose import compose_document, web_display, web_url
from generator.document.model import Audience, ComparisonTable, Credit, Span, Translation
from generator.loading.content import load_content
from generator.loading.schema import Role
from support.content import edit

TODAY = dt.date(2026, 6, 1)


def _doc(project, audience=Audience.PATIENT, lang="nb", today=TODAY):
    content = load_content(project / "content", project / "images", Diagnostics())
    cc = content.condition("tiny")
    return compose_document(
        cc, lang, audience, content.clinics["default"], content.labels[lang], project / "images", today
    )


def test_patient_and_clinician_wording_differ(project):
    patient, clinician = _doc(project), _doc(project, Audience.CLINICIAN)
    assert patient.table.columns[1] == "Når brukes den?"
    assert clinician.table.columns[1] == "Indikasjoner"
    assert [r.key for r in patient.table.rows] == [r.key for r in clinician.table.rows] == ["rest", "pills"]
    assert patient.table.rows[1].cells[2].bullets == ((Span("Magesår"),),)
    assert clinician.table.rows[1].cells[2].bullets == ((Span("GI-blødning"),),)


def test_table_sits_where_the_content_puts_it(project):
    doc = _doc(project)
    treatments = next(s for s in doc.sections if s.id == "treatments")
    assert isinstance(treatments.blocks[0], ComparisonTable)


def test_approved_current_content_is_not_draft(project):
    assert _doc(project).draft is False


def test_draft_status_makes_a_draft(project):
    edit(project / "content/tiny/condition.yaml", "status: approved", "status: draft")
    doc = _doc(project)
    assert doc.draft and "review status is 'draft'" in doc.draft_reasons


def test_passed_review_date_makes_a_draft(project):
    doc = _doc(project, today=dt.date(2099, 1, 11))
    assert doc.draft and any("has passed" in r for r in doc.draft_reasons)


def test_needs_review_makes_a_draft_and_is_listed(project):
    edit(
        project / "content/tiny/nb.yaml",
        "      - p: Klinisk tekst.",
        "      - p: Klinisk tekst.\n        needs_review: Sjekk dette",
    )
    doc = _doc(project, Audience.CLINICIAN)
    assert doc.draft
    assert [n.note for n in doc.review_notes] == ["Sjekk dette"]
    assert doc.review_notes[0].where.file.endswith("nb.yaml")


def test_web_address_display_and_encoding():
    assert web_display("https://example.org/hælspore/") == "example.org/hælspore"
    assert web_url("https://example.org/hælspore") == "https://example.org/h%C3%A6lspore"
    encoded = web_url("https://blåbær.no/a b")
    host = encoded.split("/")[2]
    assert encoded.isascii() and encoded.endswith("/a%20b")
    assert host.startswith("xn--") and host.encode("ascii").decode("idna") == "blåbær.no"


def test_a_translation_waiting_for_its_check_is_draft_in_that_language_only(project):
    """A ``needs_review`` note at the top of a language file (a translation not yet read by a qualified
    translator) makes that language a DRAFT; the other languages of the approved content stay approved."""
    edit(project / "content/tiny/en.yaml", "language: en\n", 'language: en\nneeds_review: "Check the translation"\n')
    english, bokmal = _doc(project, lang="en"), _doc(project)
    assert english.draft is True and bokmal.draft is False
    assert [n.note for n in english.review_notes] == ["Check the translation"]


def _line(project, text: str) -> int:
    """The line of the fixture's nb.yaml that starts with ``text`` (after its indentation)."""
    lines = (project / "content/tiny/nb.yaml").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.strip().startswith(text))


def _all(project, lang="nb", audience=Audience.PATIENT, today=TODAY):
    content = load_content(project / "content", project / "images", Diagnostics())
    return compose_document(
        content.condition("tiny"),
        lang,
        audience,
        content.clinics["default"],
        content.labels[lang],
        project / "images",
        today,
        content.labels,
    )


def test_the_document_carries_the_conditions_people_dates_and_sources(project):
    doc = _all(project)
    assert (doc.condition_id, doc.script, doc.direction, doc.cover_figure) == ("tiny", "Latn", Direction.LTR, None)
    trust = doc.trust
    assert trust.authors == ("Test Forfatter",) and trust.clinical_reviewer == "Dr. Test"
    assert trust.credits == (Credit(Role.AUTHOR, ("Test Forfatter",)),)
    assert (trust.version, trust.sources, trust.source_links) == ("1.0", ("A Book. 2020.",), (None,))
    assert doc.translations == (
        Translation("nb", "nb-NO", "Norsk bokmål", Direction.LTR),
        Translation("en", "en-US", "English", Direction.LTR),
    )


def test_each_treatment_has_its_group_label_its_sources_and_its_line(project):
    doc = _all(project)
    assert [(t.id, t.group, t.sources, t.evidence) for t in doc.treatments] == [
        ("rest", "Egenbehandling", ("A Book. 2020.",), ()),
        ("pills", "Medisiner", ("A Book. 2020.",), ()),
    ]
    assert [t.source.line for t in doc.treatments] == [_line(project, "- id: rest"), _line(project, "- id: pills")]
    assert [r.group for r in doc.table.rows] == ["Egenbehandling", "Medisiner"]
    assert doc.table.source.line == _line(project, "- id: rest")  # the treatments list, where it starts


def test_each_block_points_at_its_line(project):
    about = _all(project).sections[0]
    assert about.source.line == _line(project, "- id: about")
    paragraph, figure, bullets = about.blocks
    assert paragraph.source.line == _line(project, "- p: Første")
    assert bullets.source.line == _line(project, "- Punkt én")  # the list's value: its first item
    assert paragraph.brochure is True and figure.brochure is True and bullets.brochure is True


def test_a_review_due_today_is_not_yet_passed(project):
    assert _all(project, today=dt.date(2099, 1, 10)).draft is False  # next_review: 2099-01-10


def test_the_draft_reason_counts_the_items_marked_needs_review(project):
    edit(
        project / "content/tiny/nb.yaml",
        "      - p: Klinisk tekst.",
        "      - p: Klinisk tekst.\n        needs_review: Sjekk dette",
    )
    doc = _all(project, audience=Audience.CLINICIAN)
    assert doc.draft_reasons == ("1 item(s) marked needs_review",)
    assert doc.review_notes[0].where.line == _line(project, "needs_review: Sjekk dette")


def test_the_clinician_sees_the_clinician_title_and_the_patient_the_title(project):
    edit(
        project / "content/tiny/nb.yaml",
        "    title: Om tilstanden\n",
        "    title: Om tilstanden\n    clinician_title: Klinikk\n",
    )
    assert _all(project).sections[0].title == "Om tilstanden"
    assert _all(project, audience=Audience.CLINICIAN).sections[0].title == "Klinikk"


def test_the_clinic_as_printed(project):
    clinic = _all(project).clinic
    assert (clinic.name, clinic.phone, clinic.logo) == ("Eksempelklinikken", "+47 00 00 00 00", None)
    assert clinic.colours == {
        "primary": "#1F4E79",
        "accent": "#B3541E",
        "text": "#1A1A1A",
        "callout_background": "#FFF4D6",
    }
    assert set(clinic.sources) == {"name", "phone", "address", "email", "web", "logo"}
    assert clinic.sources["phone"].line == 5 and clinic.source.file.endswith("default.yaml")
    edit(
        project / "content/clinics/default.yaml",
        'email: "post@example.org"',
        'email: "post@example.org"\nlogo: circle.png',
    )
    assert _all(project).clinic.logo == project / "images/circle.png"


def test_a_treatment_name_with_stars_and_backslashes_stays_plain_bold_text(project):
    edit(project / "content/tiny/nb.yaml", "name: Hvile", 'name: "Hvile *nå* \\\\ i dag"')
    name = _all(project).table.rows[0].cells[0].paragraphs[0]
    assert name == (Span("Hvile *nå* \\ i dag", bold=True),)


def test_a_figure_carries_its_words_its_credit_and_its_line(project):
    figure = _all(project).sections[0].blocks[1]
    assert (figure.path, figure.alt, figure.caption, figure.credit) == (
        project / "images/circle.png",
        "En sirkel",
        (Span("Sirkelen"),),
        "Test",
    )
    assert figure.source.line == _line(project, "- figure: circle")
    assert figure.needs_review is None and figure.brochure is True


def test_steps_keep_their_items_their_line_and_their_review_note(project):
    edit(
        project / "content/tiny/nb.yaml",
        "      - list:\n          - Punkt én\n          - Punkt to",
        "      - steps:\n          - Først hvile\n          - Så trening\n        needs_review: Rekkefølgen?",
    )
    steps = _all(project).sections[0].blocks[2]
    assert steps.items == ((Span("Først hvile"),), (Span("Så trening"),))
    assert steps.source.line == _line(project, "- Først hvile")  # the list's value: its first item
    assert steps.needs_review == "Rekkefølgen?" and steps.brochure is True


def test_blocks_left_out_of_the_brochure_and_marked_for_review_say_so(project):
    nb = project / "content/tiny/nb.yaml"
    edit(
        nb,
        "      - figure: circle\n      - list:",
        "      - figure: circle\n        brochure: false\n        needs_review: Bildet?\n      - list:",
    )
    edit(
        nb,
        "      - p: Første avsnitt med *kursiv* og <b>AT&T</b>.",
        "      - p: Første avsnitt med *kursiv* og <b>AT&T</b>.\n        brochure: false",
    )
    edit(
        nb,
        "      - list:\n          - Punkt én\n          - Punkt to",
        "      - steps:\n          - Først hvile\n        brochure: false",
    )
    paragraph, figure, steps = _all(project).sections[0].blocks
    assert (paragraph.brochure, figure.brochure, steps.brochure) == (False, False, False)
    assert figure.needs_review == "Bildet?"


def test_web_addresses_keep_their_port_query_and_fragment_and_get_a_scheme():
    assert web_display("example.org:8080/side") == "example.org:8080/side"  # no scheme written
    assert web_display("https://example.org/TX") == "example.org/TX"  # only slashes are trimmed
    assert web_display("https://example.org/søk?q=1") == "example.org/søk?q=1"
    assert web_url("example.org/side") == "https://example.org/side"
    assert web_url("https://example.org:8080/side") == "https://example.org:8080/side"
    # already encoded, and the separators of the query: kept as written
    assert web_url("https://example.org/a%20b?x=1&y=2#del%201") == "https://example.org/a%20b?x=1&y=2#del%201"


def test_a_clinic_without_a_web_address_prints_none(project):
    edit(project / "content/clinics/default.yaml", 'web: "https://example.org/hælspore"\n', "")
    clinic = _all(project).clinic
    assert (clinic.web_display, clinic.web_url) == (None, None)


def test_a_cover_picture_is_a_figure_that_goes_in_the_brochure(project):
    edit(project / "content/tiny/condition.yaml", "images:\n", "cover: circle\nimages:\n")
    cover = _all(project).cover_figure
    assert cover is not None
    assert (cover.alt, cover.credit, cover.brochure) == ("En sirkel", "Test", True)
    assert cover.path.name == "circle.png"


def test_the_glossary_and_the_conditions_medical_terms_reach_the_document(project):
    nb = project / "content/tiny/nb.yaml"
    edit(
        nb,
        "treatment_groups:\n",
        "glossary:\n  NSAID: Betennelsesdempende medisin\nmedical_terms: [NSAID]\ntreatment_groups:\n",
    )
    patient, clinician = _all(project), _all(project, audience=Audience.CLINICIAN)
    assert patient.glossary == (("NSAID", "Betennelsesdempende medisin"),)
    assert clinician.glossary == ()  # the word list is the leaflet's
    assert "NSAID" in patient.medical_terms


def test_authors_are_the_people_in_the_author_role_and_a_translator_is_credited_in_their_language(project):
    edit(
        project / "content/tiny/condition.yaml",
        "    role: author\n",
        "    role: author\n  - name: Ola Oversetter\n    role: translator\n    languages: [en]\n",
    )
    bokmal, english = _all(project), _all(project, lang="en")
    assert bokmal.trust.authors == english.trust.authors == ("Test Forfatter",)
    assert bokmal.trust.credits == (Credit(Role.AUTHOR, ("Test Forfatter",)),)
    assert english.trust.credits == (
        Credit(Role.AUTHOR, ("Test Forfatter",)),
        Credit(Role.TRANSLATOR, ("Ola Oversetter",)),
    )


def test_without_anyone_in_the_author_role_everyone_named_is_an_author(project):
    edit(project / "content/tiny/condition.yaml", "    role: author\n", "    role: editor\n")
    assert _all(project).trust.authors == ("Test Forfatter",)


def test_lists_tables_sections_and_treatments_carry_their_review_notes_and_brochure_choice(project):
    nb = project / "content/tiny/nb.yaml"
    edit(nb, "          - Punkt to\n", "          - Punkt to\n        needs_review: Listen?\n        brochure: false\n")
    edit(
        nb,
        "      - table: treatments\n    clinician:",
        "      - table: treatments\n        needs_review: Tabellen?\n    clinician:",
    )
    edit(
        nb,
        "    title: Behandling\n",
        "    title: Behandling\n    part: Behandlingene\n    needs_review: Delen?\n",
    )
    edit(nb, "    callout: true\n", "    callout: true\n    brochure: false\n")  # the section "doctor"
    edit(nb, "    name: Tabletter\n", "    name: Tabletter\n    needs_review: Dosen?\n")
    doc = _all(project)
    about, treatments, doctor = doc.sections
    bullets = about.blocks[2]
    assert (bullets.needs_review, bullets.brochure) == ("Listen?", False)
    assert (treatments.part, treatments.needs_review, treatments.brochure) == ("Behandlingene", "Delen?", True)
    assert (about.part, about.needs_review, doctor.brochure) == (None, None, False)
    assert [t.needs_review for t in doc.treatments] == [None, "Dosen?"]
    assert [r.needs_review for r in doc.table.rows] == [None, "Dosen?"]
    assert {n.note for n in doc.review_notes} == {"Listen?", "Tabellen?", "Delen?", "Dosen?"}


def test_a_section_without_words_for_the_audience_is_left_out_and_the_next_one_kept(project):
    # "doctor" has no clinician blocks; a clinician-only section after it still counts
    extra = "  - id: extra\n    title: Ekstra\n    clinician:\n      - p: Ekstra.\n"
    for lang in ("nb", "en"):
        edit(
            project / f"content/tiny/{lang}.yaml",
            "      - list: [Feber, Nattsmerter]\n",
            f"      - list: [Feber, Nattsmerter]\n{extra}",
        )
    assert [s.id for s in _all(project, audience=Audience.CLINICIAN).sections] == ["about", "treatments", "extra"]
    assert [s.id for s in _all(project).sections] == ["about", "treatments", "doctor"]


def test_a_backslash_before_punctuation_in_a_treatment_name_stays(project):
    edit(project / "content/tiny/nb.yaml", "name: Hvile", 'name: "C\\\\# og A\\\\_B"')
    assert _all(project).table.rows[0].cells[0].paragraphs[0] == (Span("C\\# og A\\_B", bold=True),)


def test_a_paragraph_points_at_its_text_line_and_column(project):
    line = (
        (project / "content/tiny/nb.yaml").read_text(encoding="utf-8").splitlines()[_line(project, "- p: Første") - 1]
    )
    where = _all(project).sections[0].blocks[0].source
    assert (where.line, where.col) == (_line(project, "- p: Første"), line.index("Første") + 1)


def test_a_language_in_arabic_letters_reads_right_to_left(project):
    edit(project / "content/labels/nb.yaml", "language_tag: nb-NO\n", "language_tag: nb-NO\nscript: Arab\n")
    doc = _all(project)
    assert (doc.script, doc.direction) == ("Arab", Direction.RTL)
    bokmal = next(t for t in doc.translations if t.language == "nb")
    english = next(t for t in doc.translations if t.language == "en")
    assert (bokmal.direction, english.direction) == (Direction.RTL, Direction.LTR)
