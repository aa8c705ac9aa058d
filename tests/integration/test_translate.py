"""``generate.py translate``: one gettext PO file per condition and language, judged by gettext's own
``msgfmt --check`` and read back with polib; what it must hold is read from the YAML (support.facts)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import polib
import pytest

from support import facts
from support.content import CONTENT, FIXTURES, IMAGES, edit
from support.read import deck_text, squash
from support.tools import holds, pdftotext


def _translate(content: Path, out: Path, *args: str) -> subprocess.CompletedProcess:
    root = Path(__file__).parents[2]
    command = [sys.executable, str(root / "generate.py"), "translate", "--content", str(content)]
    command += ["--images", str(IMAGES), "--out", str(out), *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=root)


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("po")
    done = _translate(CONTENT, out)
    assert done.returncode == 0, done.stderr
    return out / "translations"


def _conditions() -> list[tuple[str, str]]:
    found = []
    for folder in sorted(p.parent for p in CONTENT.glob("*/condition.yaml")):
        condition = facts.read(folder / "condition.yaml")
        found += [(folder.name, lang) for lang in condition["languages"] if lang != condition["source_language"]]
    return found


@pytest.mark.parametrize("condition,lang", _conditions())
def test_every_translation_exports_as_a_valid_po_file_with_its_texts_against_the_sources(exported, condition, lang):
    po_path = exported / condition / f"{condition}_{lang}.po"
    check = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po_path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    po = polib.pofile(str(po_path))
    assert po.metadata["Language"] == lang
    source_lang = facts.read(CONTENT / condition / "condition.yaml")["source_language"]
    source, target = facts.texts(CONTENT, condition, source_lang), facts.texts(CONTENT, condition, lang)
    by_context = {entry.msgctxt: entry for entry in po}
    assert len(by_context) == len(po)  # every context once
    # The texts a reader sees, each under a context of ids: the source's text and this language's.
    assert (by_context["title"].msgid, by_context["title"].msgstr) == (source["title"], target["title"])
    names = {t["id"]: t["name"] for t in source["treatments"]}
    for words in target["treatments"]:
        entry = by_context[f"treatment/{words['id']}/name"]
        assert (entry.msgid, entry.msgstr) == (names[words["id"]], words["name"])
        for n, item in enumerate(words["patient"]["contraindications"], start=1):
            assert by_context[f"treatment/{words['id']}/patient/contraindications/{n}"].msgstr == item
    for section in target["sections"]:
        assert by_context[f"section/{section['id']}/title"].msgstr == section["title"]
    # Never an id, a date or an address of the condition file as a text to translate.
    ids = {s["id"] for s in source["sections"]}
    assert not {entry.msgid for entry in po} & ids


def test_moving_a_section_keeps_every_translation_under_its_context(tmp_path):
    """Contexts are built from ids, not list positions: the source's sections reordered, every unit keeps
    its source text and its translation."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    condition = facts.read(content / "heel-spur/condition.yaml")
    source_lang = condition["source_language"]
    lang = next(code for code in condition["languages"] if code != source_lang)
    args = ("--condition", "heel-spur", "--lang", lang)
    assert _translate(content, tmp_path / "first", *args).returncode == 0
    source = content / f"heel-spur/{source_lang}.yaml"
    text = source.read_text(encoding="utf-8")
    starts = [m.start() for m in re.finditer(r"^  - id: ", text, flags=re.M)]
    end = text.index("\ntreatments:")
    first_section = text[starts[0] : starts[1]]
    edit(source, first_section, "")  # the first section moves to the end of the sections
    edit(source, "\ntreatments:", "\n" + first_section.rstrip("\n") + "\n\ntreatments:")
    assert end > starts[1]
    done = _translate(content, tmp_path / "second", *args)
    assert done.returncode == 0, done.stderr

    def units(out: Path) -> set[tuple[str, str, str]]:
        po = polib.pofile(str(out / f"translations/heel-spur/heel-spur_{lang}.po"))
        return {(e.msgctxt, e.msgid, e.msgstr) for e in po}

    assert units(tmp_path / "first") == units(tmp_path / "second")
    assert [e.msgctxt for e in polib.pofile(str(tmp_path / f"second/translations/heel-spur/heel-spur_{lang}.po"))][
        -1
    ].startswith("treatment/")


@pytest.mark.parametrize("lang", ["source", "X-1"])
def test_a_language_with_nothing_to_translate_is_a_clear_error_and_writes_nothing(tmp_path, lang):
    """The source language itself, or no language code at all (a new language is two or three small letters)."""
    condition = _conditions()[0][0]
    if lang == "source":
        lang = facts.condition(CONTENT, condition)["source_language"]
    done = _translate(CONTENT, tmp_path, "--condition", condition, "--lang", lang)
    assert done.returncode == 1 and "nothing to export" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "translations").exists()


def test_a_content_error_is_reported_at_its_line_and_nothing_is_written(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    edit(content / "heel-spur/condition.yaml", "source_language: nb", "source_language: nb\nsource_langauge: nb")
    done = _translate(content, tmp_path / "out", "--condition", "heel-spur")
    assert done.returncode == 1 and "heel-spur/condition.yaml:" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()


# -- import: the PO file back into the language's YAML ------------------------------------------------


def _import(content: Path, po: Path) -> subprocess.CompletedProcess:
    return _translate(content, po.parent, "--import", str(po))


@pytest.fixture()
def round_trip(tmp_path):
    """A copy of the shipped content and the PO file of its first translation, as exported."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    condition, lang = _conditions()[0]
    assert _translate(content, tmp_path, "--condition", condition, "--lang", lang).returncode == 0
    return content, tmp_path / f"translations/{condition}/{condition}_{lang}.po", condition, lang


@pytest.mark.parametrize("condition,lang", _conditions())
def test_export_then_import_leaves_every_language_file_byte_identical(tmp_path, condition, lang):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    assert _translate(content, tmp_path, "--condition", condition, "--lang", lang).returncode == 0
    done = _import(content, tmp_path / f"translations/{condition}/{condition}_{lang}.po")
    assert done.returncode == 0, done.stderr
    assert (content / condition / f"{lang}.yaml").read_bytes() == (CONTENT / condition / f"{lang}.yaml").read_bytes()


def test_a_po_file_edited_as_a_cat_tool_does_imports_its_new_translation_and_nothing_else(round_trip):
    content, po_path, condition, lang = round_trip
    target = content / condition / f"{lang}.yaml"
    before = target.read_text(encoding="utf-8").splitlines()
    po = polib.pofile(str(po_path))
    words = facts.texts(content, condition, lang)
    treatment = words["treatments"][0]
    context = f"treatment/{treatment['id']}/patient/contraindications/1"
    entry = next(e for e in po if e.msgctxt == context)
    entry.msgstr = "A new contraindication, as the translator wrote it"
    entry.tcomment = "checked with the clinic"
    po.metadata["Last-Translator"] = "A Translator <t@example.org>"
    po.reverse()  # units in another order, lines wrapped at 40 columns
    po.wrapwidth = 40
    po.save(str(po_path))
    done = _import(content, po_path)
    assert done.returncode == 0, done.stderr
    now = facts.read.__wrapped__(target)  # read afresh: facts.read keeps what it read before the import
    assert now["treatments"][0]["patient"]["contraindications"][0] == entry.msgstr
    after = target.read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(before, after) if a != b]
    assert len(before) == len(after) and len(changed) == 1, changed
    assert changed[0][1].strip() == f'- "{entry.msgstr}"'


HOSTILE = {
    "unknown context": (lambda e: setattr(e, "msgctxt", "section/no-such-section/title"), "unknown context"),
    "emphasis lost": (lambda e: setattr(e, "msgstr", e.msgstr + " **bold"), "emphasis"),
    "not translated": (lambda e: setattr(e, "msgstr", ""), "is not translated"),
    "fuzzy": (lambda e: e.flags.append("fuzzy"), "marked fuzzy"),
    "source changed": (lambda e: setattr(e, "msgid", e.msgid + " (older)"), "has changed since"),
}


@pytest.mark.parametrize("change,message", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_broken_unit_is_an_error_at_its_po_line_and_nothing_is_written(round_trip, change, message):
    content, po_path, condition, lang = round_trip
    target = content / condition / f"{lang}.yaml"
    before = target.read_bytes()
    po = polib.pofile(str(po_path))
    title = next(e for e in po if e.msgctxt == "title")
    title.msgstr = "Changed, and must not be written"
    entry = next(e for e in po if e.msgctxt == "summary")
    change(entry)
    po.save(str(po_path))
    lines = po_path.read_text(encoding="utf-8").splitlines()
    done = _import(content, po_path)
    assert done.returncode == 1 and message in done.stderr and "Traceback" not in done.stderr, done.stderr
    # At the unit's own lines: from where polib says it starts, with no blank line, to its msgctxt.
    at = int(re.search(rf"{re.escape(po_path.name)}:(\d+):", done.stderr)[1])
    context_line = next(n for n, text in enumerate(lines, 1) if text == f'msgctxt "{entry.msgctxt}"')
    assert at <= context_line and all(text.strip() for text in lines[at - 1 : context_line]), (at, context_line)
    assert target.read_bytes() == before


@pytest.mark.parametrize(
    "text,message",
    [
        ("\x00\x01 not a po file \xff", "not a PO file"),
        ('msgid ""\nmsgstr ""\n"Project-Id-Version: leafdeck heel-spur\\n"\n"Language: X-1\\n"\n', "not a translation"),
        ('msgid ""\nmsgstr ""\n"Project-Id-Version: leafdeck heel-spur\\n"\n"Language: xx\\n"\n', "translates nothing"),
        ('msgid ""\nmsgstr ""\n"Project-Id-Version: something else\\n"\n', "names no condition"),
    ],
)
def test_a_po_file_that_is_not_one_of_ours_is_an_error_and_nothing_is_written(tmp_path, text, message):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    po_path = tmp_path / "hostile.po"
    po_path.write_bytes(text.encode("utf-8", "surrogateescape") if isinstance(text, str) else text)
    done = _import(content, po_path)
    assert done.returncode == 1 and message in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert not subprocess.run(["diff", "-r", str(CONTENT), str(content)], capture_output=True).returncode


# -- staleness: a translation that knows its source has changed ----------------------------------------


@pytest.mark.parametrize("condition,lang", _conditions())
def test_every_shipped_translation_records_the_source_it_was_made_from(condition, lang):
    """Its sources file holds, for every unit, the source language's text as it is now (else `check` warns)."""
    lock = facts.read.__wrapped__(CONTENT / condition / f"{lang}.sources.json")
    source_lang = facts.read(CONTENT / condition / "condition.yaml")["source_language"]
    source = facts.texts(CONTENT, condition, source_lang)
    assert lock["units"]["title"] == source["title"]
    for words in source["treatments"]:
        for n, item in enumerate(words["patient"]["contraindications"], start=1):
            assert lock["units"][f"treatment/{words['id']}/patient/contraindications/{n}"] == item


def test_a_changed_source_sentence_is_stale_in_check_fuzzy_in_the_export_and_current_once_reimported(round_trip):
    content, po_path, condition, lang = round_trip
    source_lang = facts.read(content / condition / "condition.yaml")["source_language"]
    old = facts.read.__wrapped__(content / condition / f"{source_lang}.yaml")["summary"]
    new = old.rstrip(".") + ", som regel."
    edit(content / condition / f"{source_lang}.yaml", f'summary: "{old}"', f'summary: "{new}"')
    root = Path(__file__).parents[2]

    def check() -> str:
        command = [sys.executable, str(root / "generate.py"), "check", "--content", str(content)]
        command += ["--images", str(IMAGES), "--condition", condition]
        return subprocess.run(command, capture_output=True, text=True, cwd=root).stdout

    target = content / condition / f"{lang}.yaml"
    lines = target.read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.startswith("summary:"))

    def stale() -> list[str]:  # this language's warnings (the condition's other translations are stale too)
        return [text for text in check().splitlines() if "has changed since" in text and f"/{lang}.yaml:" in text]

    warned = stale()
    assert len(warned) == 1 and f"{lang}.yaml:{line}:" in warned[0] and old in warned[0] and new in warned[0], warned
    # The next export marks exactly that unit fuzzy, with the old source as the previous msgid.
    assert _translate(content, po_path.parents[2], "--condition", condition, "--lang", lang).returncode == 0
    po = polib.pofile(str(po_path))
    fuzzy = [e for e in po if "fuzzy" in e.flags]
    assert [(e.msgctxt, e.previous_msgid, e.msgid) for e in fuzzy] == [("summary", old, new)]
    # Still fuzzy: refused. Translated again and the mark cleared: imported, and no longer stale.
    assert _import(content, po_path).returncode == 1
    fuzzy[0].flags.remove("fuzzy")
    fuzzy[0].msgstr = "An updated translation"
    po.save(str(po_path))
    done = _import(content, po_path)
    assert done.returncode == 0, done.stderr
    assert not stale()


def _page_text(path: Path) -> str:
    """What a reader of the web page sees: its text without the markup (Python's own HTML parser)."""
    from html.parser import HTMLParser

    class Text(HTMLParser):
        def __init__(self):
            super().__init__()
            self.parts: list[str] = []

        def handle_data(self, data):
            self.parts.append(data)

    parser = Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join(parser.parts)


def test_a_translation_behind_its_source_says_so_in_every_product_and_a_clinical_change_makes_it_draft(tmp_path):
    """The approved minimal condition, translated through PO: current, its products carry no notice and no DRAFT;
    an editorial source change puts the labels' notice (with the source language's name) into the leaflet,
    brochure, page and deck; a changed contraindication brings DRAFT back to all of them."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", project)
    content, out = project / "content", tmp_path / "out"
    condition = facts.condition(content, "tiny")
    source, lang = (
        condition["source_language"],
        next(x for x in condition["languages"] if x != condition["source_language"]),
    )
    root = Path(__file__).parents[2]

    def run(*args: str) -> subprocess.CompletedProcess:
        command = [sys.executable, str(root / "generate.py"), *args, "--content", str(content)]
        command += ["--images", str(project / "images"), "--out", str(out), "--condition", "tiny", "--lang", lang]
        return subprocess.run(command, capture_output=True, text=True, cwd=root)

    assert run("translate").returncode == 0
    done = run("translate", "--import", str(out / f"translations/tiny/tiny_{lang}.po"))
    assert done.returncode == 0, done.stderr
    labels = facts.labels(content, lang)
    notice = squash(labels["translation_behind"].replace("{language}", facts.labels(content, source)["language_name"]))
    draft = labels["draft"]

    def products() -> dict[str, str]:
        built = run("build", "--product", "leaflet,brochure,deck,page")
        assert built.returncode == 0, built.stdout + built.stderr
        folder = out / "default" / "tiny" / lang
        return {
            "leaflet": pdftotext(folder / f"tiny_{lang}_leaflet.pdf"),
            "brochure": pdftotext(folder / f"tiny_{lang}_brochure.pdf"),
            "deck": deck_text(folder / f"tiny_{lang}_deck.pptx"),
            "page": _page_text(out / "default" / "site" / "tiny" / lang / "index.html"),
        }

    current = products()
    assert all(notice not in squash(text) and draft not in text for text in current.values()), current
    source_file = content / "tiny" / f"{source}.yaml"
    summary = facts.read.__wrapped__(source_file)["summary"]
    edit(source_file, f"summary: {summary}", f"summary: {summary} Les videre.")
    editorial = products()
    assert {k: notice in squash(t) for k, t in editorial.items()} == dict.fromkeys(editorial, True), editorial
    assert all(draft not in text for text in editorial.values()), "an editorial change keeps the approval"
    contraindication = facts.treatments(content, "tiny", source)[1]["contraindications"][0]
    edit(source_file, f"contraindications: [{contraindication}]", f"contraindications: [{contraindication}, Nyresvikt]")
    clinical = products()
    assert {k: draft in t for k, t in clinical.items()} == dict.fromkeys(clinical, True), clinical
    assert all(notice in squash(text) for text in clinical.values())
    warned = [line for line in run("check").stdout.splitlines() if "warning:" in line and "Nyresvikt" in line]
    assert len(warned) == 1 and f"{source}.yaml:" in warned[0], warned  # new in the source: no translation to point at


def _status(content: Path, images: Path, *args: str) -> dict[tuple[str, str], list[int]]:
    root = Path(__file__).parents[2]
    command = [sys.executable, str(root / "generate.py"), "translate", "--status", "--content", str(content)]
    done = subprocess.run([*command, "--images", str(images), *args], capture_output=True, text=True, cwd=root)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split() == ["condition", "language", "translated", "stale", "missing", "words", "to", "translate"]
    return {(c, lang): [int(n) for n in numbers] for c, lang, *numbers in (line.split() for line in lines[1:])}


def test_status_counts_what_the_next_po_file_asks_of_the_translator(round_trip):
    """After a changed source sentence and a new contraindication, ``translate --status`` agrees with the PO file
    the next export writes, as polib reads it: current units, fuzzy ones, empty ones, and the source words of
    the fuzzy and empty ones."""
    content, po_path, condition, lang = round_trip
    source = facts.condition(content, condition)["source_language"]
    source_file = content / condition / f"{source}.yaml"
    old = facts.read.__wrapped__(source_file)["summary"]
    edit(source_file, f'summary: "{old}"', f'summary: "{old} Les mer nedenfor."')
    first = facts.treatments(content, condition, source)[0]
    item = first["contraindications"][-1]
    edit(source_file, f'        - "{item}"\n', f'        - "{item}"\n        - "Nyresvikt"\n')
    assert _translate(content, po_path.parents[2], "--condition", condition, "--lang", lang).returncode == 0
    po = polib.pofile(str(po_path))
    fuzzy, empty = [e for e in po if "fuzzy" in e.flags], [e for e in po if not e.msgstr]
    current = len(po) - len(fuzzy) - len(empty)
    words = sum(len(e.msgid.split()) for e in fuzzy + empty)
    assert len(fuzzy) == 1 and len(empty) == 1, "test setup: one changed sentence, one new item"
    assert _status(content, IMAGES, "--condition", condition)[(condition, lang)] == [current, 1, 1, words]


def test_a_new_language_is_started_from_a_po_file_and_gets_its_file_and_its_place_in_the_condition(tmp_path):
    """``--lang`` naming a language the condition has not got exports the source's texts to translate; the
    translated file imported makes ``<lang>.yaml`` (every text in place, DRAFT until checked) and lists the
    language in condition.yaml, its other lines untouched; a file missing a unit writes nothing."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", project)
    content, out = project / "content", tmp_path / "out"
    new = next(code for code in ("de", "fr", "it") if code not in facts.condition(content, "tiny")["languages"])
    root = Path(__file__).parents[2]

    def run(*args: str) -> subprocess.CompletedProcess:
        command = [sys.executable, str(root / "generate.py"), *args, "--content", str(content)]
        command += ["--images", str(project / "images"), "--out", str(out), "--condition", "tiny"]
        return subprocess.run(command, capture_output=True, text=True, cwd=root)

    assert run("translate", "--lang", new).returncode == 0
    po_path = out / f"translations/tiny/tiny_{new}.po"
    po = polib.pofile(str(po_path))
    assert po and not any(e.msgstr for e in po)
    for unit in po:
        unit.msgstr = f"[{new}] {unit.msgid}"
    last = po.pop()
    po.save(str(po_path))
    before = {p.name: p.read_bytes() for p in (content / "tiny").iterdir()}
    refused = run("translate", "--import", str(po_path))
    assert refused.returncode == 1 and last.msgctxt in refused.stderr + refused.stdout
    assert {p.name: p.read_bytes() for p in (content / "tiny").iterdir()} == before
    po.append(last)
    po.save(str(po_path))
    done = run("translate", "--import", str(po_path))
    assert done.returncode == 0, done.stderr
    assert f"labels/{new}.yaml" in done.stdout + done.stderr  # what it still needs
    listed = (content / "tiny" / "condition.yaml").read_text(encoding="utf-8").splitlines()
    was = before["condition.yaml"].decode("utf-8").splitlines()
    assert [a for a, b in zip(listed, was) if a != b] == [x for x in listed if x.startswith("languages:")]
    assert len(listed) == len(was) and new in facts.read.__wrapped__(content / "tiny" / "condition.yaml")["languages"]
    text = facts.read.__wrapped__(content / "tiny" / f"{new}.yaml")
    assert text["language"] == new and text.get("needs_review") and "glossary" not in text
    # Its labels through their own PO file (made from the source's), the condition checks, and the next export
    # finds every text translated in its place.
    assert run("translate", "--labels", "--lang", new).returncode == 0
    labels_po = polib.pofile(str(out / "translations" / "labels" / f"labels_{new}.po"))
    for unit in labels_po:
        unit.msgstr = unit.msgid if "{" in unit.msgid else f"[{new}] {unit.msgid}"
    labels_po.save()
    done = run("translate", "--import", labels_po.fpath)
    assert done.returncode == 0, done.stderr
    assert facts.read.__wrapped__(content / "labels" / f"{new}.yaml")["language"] == new
    checked = run("check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert run("translate", "--lang", new).returncode == 0
    again = polib.pofile(str(po_path))
    assert [(e.msgctxt, e.msgstr) for e in again] == [(e.msgctxt, f"[{new}] {e.msgid}") for e in again]


def test_every_shipped_translation_has_room_for_the_notice_that_its_source_changed(tmp_path):
    """The brochure is the tightest product: with its source's summary changed, every shipped translation's
    brochure still builds and prints the labels' notice whole (a right-to-left one: read as poppler can)."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    for condition in {c for c, _ in _conditions()}:
        source = facts.condition(content, condition)["source_language"]
        old = facts.read.__wrapped__(content / condition / f"{source}.yaml")["summary"]
        edit(content / condition / f"{source}.yaml", f'summary: "{old}"', f'summary: "{old} Les mer."')
    root, out = Path(__file__).parents[2], tmp_path / "out"
    command = [sys.executable, str(root / "generate.py"), "--content", str(content), "--images", str(IMAGES)]
    built = subprocess.run([*command, "--out", str(out), "--product", "brochure"], capture_output=True, text=True)
    assert built.returncode == 0, built.stdout + built.stderr
    for condition, lang in _conditions():
        source = facts.condition(content, condition)["source_language"]
        name = facts.labels(content, source)["language_name"]
        notice = facts.labels(content, lang)["translation_behind"].replace("{language}", name)
        text = pdftotext(out / "default" / condition / lang / f"{condition}_{lang}_brochure.pdf")
        rtl = facts.right_to_left(content, lang)
        if rtl:  # poppler reads a word with a vowel mark (Arabic tanwin) in pieces: README "Scripts", known limits
            notice = " ".join(w for w in notice.split() if not any(unicodedata.category(c) == "Mn" for c in w))
        else:  # a word hyphenated at a line's end, joined
            text = re.sub(r"(\w)-\n(\w)", r"\1\2", text)
        assert holds(text, notice, rtl), (condition, lang, notice)


# -- the labels: the fixed words of every product -----------------------------------------------------


def _labels_languages() -> tuple[str, list[str]]:
    """The labels' source (the language most conditions are written in) and every other labels file's."""
    from collections import Counter

    sources = Counter(facts.read(p)["source_language"] for p in CONTENT.glob("*/condition.yaml"))
    source = sources.most_common(1)[0][0]
    return source, sorted(p.stem for p in (CONTENT / "labels").glob("*.yaml") if p.stem != source)


@pytest.mark.parametrize("lang", _labels_languages()[1])
def test_every_labels_file_round_trips_through_its_po_file(tmp_path, lang):
    """msgfmt accepts it; every label a reader sees is a unit (the codes are not), the source's words as msgid
    and the language's as msgstr; imported unchanged, the labels file stays byte-identical."""
    source = _labels_languages()[0]
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    assert _translate(content, tmp_path, "--labels", "--lang", lang).returncode == 0
    po_path = tmp_path / "translations" / "labels" / f"labels_{lang}.po"
    check = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po_path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    po = polib.pofile(str(po_path))
    theirs, ours = facts.labels(CONTENT, source), facts.labels(CONTENT, lang)
    texts = {k: v for k, v in theirs.items() if isinstance(v, str) and k not in ("language", "language_tag", "script")}
    assert {e.msgctxt: (e.msgid, e.msgstr) for e in po} == {f"label/{k}": (v, ours[k]) for k, v in texts.items()}
    done = _import(content, po_path)
    assert done.returncode == 0, done.stderr
    assert (content / "labels" / f"{lang}.yaml").read_bytes() == (CONTENT / "labels" / f"{lang}.yaml").read_bytes()


def test_a_label_that_loses_its_placeholder_is_an_error_at_its_po_line_and_nothing_is_written(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    lang = _labels_languages()[1][0]
    assert _translate(content, tmp_path, "--labels", "--lang", lang).returncode == 0
    po_path = tmp_path / "translations" / "labels" / f"labels_{lang}.po"
    po = polib.pofile(str(po_path))
    unit = next(e for e in po if "{" in e.msgid)
    unit.msgstr = re.sub(r"\{[a-z_]+\}", "", unit.msgstr)
    po.save(str(po_path))
    line = polib.pofile(str(po_path)).find(unit.msgid, by="msgid").linenum
    done = _import(content, po_path)
    assert done.returncode == 1 and f"{po_path.name}:{line}:" in done.stderr and "placeholders" in done.stderr
    assert not subprocess.run(["diff", "-r", str(CONTENT), str(content)], capture_output=True).returncode
