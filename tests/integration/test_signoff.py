"""Clinical sign-off (issue 25), as a clinic lives it, on a copy of the minimal condition: approve, edit, see
DRAFT come back and the change in the reviewer's redline; judged by poppler (pdftotext, pdftoppm),
python-pptx and the web page's text, with what to expect read from the content."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from support import facts
from support.content import FIXTURES, edit, line_of
from support.read import deck_text, squash
from support.tools import pdftotext

ROOT = Path(__file__).parents[2]
REVIEWER, ROLE = "Dr. Ada Lind", "overlege, ortopedi"


@pytest.fixture()
def clinic(tmp_path):
    """The minimal condition, not approved (status: draft, no reviewer), and a way to run leafdeck on it."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", project)
    content = project / "content"
    edit(content / "tiny" / "condition.yaml", "status: approved", "status: draft")

    def run(*args: str) -> subprocess.CompletedProcess:
        command = [sys.executable, str(ROOT / "generate.py"), *args, "--content", str(content)]
        command += ["--images", str(project / "images"), "--out", str(tmp_path / "out"), "--condition", "tiny"]
        return subprocess.run(command, capture_output=True, text=True, cwd=ROOT)

    return content, tmp_path / "out", run


def _products(out: Path, lang: str) -> dict[str, str]:
    folder = out / "default" / "tiny" / lang
    from html.parser import HTMLParser

    class Text(HTMLParser):
        parts: list[str] = []

        def handle_data(self, data):
            self.parts.append(data)

    page = Text()
    page.parts = []
    page.feed((out / "default" / "site" / "tiny" / lang / "index.html").read_text(encoding="utf-8"))
    return {
        "leaflet": pdftotext(folder / f"tiny_{lang}_leaflet.pdf"),
        "brochure": pdftotext(folder / f"tiny_{lang}_brochure.pdf"),
        "deck": deck_text(folder / f"tiny_{lang}_deck.pptx"),
        "page": " ".join(page.parts),
    }


def _built(run) -> None:
    done = run("build", "--product", "leaflet,brochure,deck,page")
    assert done.returncode == 0, done.stdout + done.stderr


def test_approval_takes_draft_away_and_names_the_reviewer_until_a_clinical_text_changes(clinic):
    content, out, run = clinic
    source = facts.condition(content, "tiny")["source_language"]
    draft = facts.labels(content, source)["draft"]
    _built(run)
    assert all(draft in text for text in _products(out, source).values()), "not approved: DRAFT"
    done = run("approve", "--reviewer", REVIEWER, "--role", ROLE)
    assert done.returncode == 0 and "approvals.json" in done.stdout, done.stderr
    _built(run)
    approved = _products(out, source)
    assert all(draft not in text for text in approved.values()), {k: draft in t for k, t in approved.items()}
    for name, text in approved.items():  # the trust blocks, the deck's title slide
        assert squash(f"{REVIEWER} ({ROLE})") in squash(text), name
    # An editorial text (the subtitle) and a label change keep the approval.
    subtitle = facts.read.__wrapped__(content / "tiny" / f"{source}.yaml")["subtitle"]
    edit(content / "tiny" / f"{source}.yaml", f"subtitle: {subtitle}", f"subtitle: {subtitle} igjen")
    labels = content / "labels" / f"{source}.yaml"
    treatment = facts.labels(content, source)["treatment"]
    edit(labels, f'treatment: "{treatment}"', f'treatment: "{treatment}er"')
    _built(run)
    assert all(draft not in text for text in _products(out, source).values())
    # A new contraindication: DRAFT on every product, with the line that says why.
    pills = facts.treatments(content, "tiny", source)[1]
    first = pills["contraindications"][0]
    edit(
        content / "tiny" / f"{source}.yaml", f"contraindications: [{first}]", f"contraindications: [{first}, Nyresvikt]"
    )
    _built(run)
    changed = _products(out, source)
    assert all(draft in text for text in changed.values()), {k: draft in t for k, t in changed.items()}
    since = facts.labels(content, source)["changed_since_approval"].split("{date}")[0]
    assert all(squash(since) in squash(text) for text in changed.values())
    checked = run("check")
    assert "waits for clinical approval" in checked.stdout + checked.stderr


def test_changes_shows_the_new_contraindication_as_an_inserted_clinical_change_in_colour(clinic, tmp_path):
    content, out, run = clinic
    source = facts.condition(content, "tiny")["source_language"]
    assert run("approve", "--reviewer", REVIEWER, "--role", ROLE).returncode == 0
    pills = facts.treatments(content, "tiny", source)[1]
    first = pills["contraindications"][0]
    language_file = content / "tiny" / f"{source}.yaml"
    subtitle = facts.read.__wrapped__(language_file)["subtitle"]
    edit(language_file, f"subtitle: {subtitle}", f"subtitle: {subtitle} igjen")
    edit(language_file, f"contraindications: [{first}]", f"contraindications: [{first}, Nyresvikt]")
    done = run("changes", "--lang", source)
    assert done.returncode == 0, done.stderr
    assert "1 clinical change(s), 1 editorial" in done.stdout
    pdf = out / "changes" / "tiny" / f"tiny_{source}_changes.pdf"
    text = pdftotext(pdf)
    line = line_of(language_file, "Nyresvikt")
    clinical, editorial = text.index("clinical ·"), text.index("editorial ·")
    assert clinical < text.index("Nyresvikt") < editorial, text  # clinical first, the new item in it
    assert squash(f"{source}.yaml:{line}:") in squash(text) and "contraindications/2" in text
    # Inserted words are drawn in colour (green: more green than red or blue), deleted ones would be red.
    subprocess.run(
        ["pdftoppm", "-png", "-r", "100", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True
    )
    pixels = Image.open(next(tmp_path.glob("page*.png"))).convert("RGB").getdata()
    assert sum(1 for r, g, b in pixels if g > r + 60 and g > b + 40) > 30
    page = (out / "changes" / "tiny" / f"tiny_{source}_changes.html").read_text(encoding="utf-8")
    assert "<ins>Nyresvikt</ins>" in page and "igjen</ins>" in page


def test_an_approval_edited_by_hand_is_an_error_at_its_line(clinic):
    content, out, run = clinic
    assert run("approve", "--reviewer", REVIEWER, "--role", ROLE).returncode == 0
    path = content / "tiny" / "approvals.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["approvals"][0]["digest"] = "sha256:" + "0" * 64
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    done = run("check")
    record = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text == "  {")
    assert done.returncode == 1, done.stdout
    assert f"approvals.json:{record}:" in done.stderr and "edited by hand" in done.stderr


def test_approvals_survive_a_rebuild_and_the_outputs_stay_byte_identical(clinic):
    content, out, run = clinic
    assert run("approve", "--reviewer", REVIEWER, "--role", ROLE).returncode == 0
    record = (content / "tiny" / "approvals.json").read_bytes()
    _built(run)
    first = {p: p.read_bytes() for p in out.rglob("*.pdf")}
    assert run("build", "--product", "leaflet,brochure,deck,page", "--force").returncode == 0
    assert (content / "tiny" / "approvals.json").read_bytes() == record
    assert {p: p.read_bytes() for p in out.rglob("*.pdf")} == first
    again = run("approve", "--reviewer", REVIEWER, "--role", ROLE)
    assert again.returncode == 0 and "nothing recorded" in again.stdout + again.stderr
    assert (content / "tiny" / "approvals.json").read_bytes() == record


def test_an_editorial_approval_needs_a_clinical_one_before_it(clinic):
    content, out, run = clinic
    done = run("approve", "--reviewer", REVIEWER, "--role", ROLE, "--editorial", "spelling")
    assert done.returncode == 1 and "needs a clinical approval" in done.stderr
    assert not (content / "tiny" / "approvals.json").exists()


def test_an_approval_without_a_record_is_flagged_and_a_review_coming_due_is_warned(clinic):
    content, out, run = clinic
    edit(content / "tiny" / "condition.yaml", "status: draft", "status: approved")
    next_review = dt.date.fromisoformat(str(facts.condition(content, "tiny")["review"]["next_review"]))
    year_before = next_review - dt.timedelta(days=365)  # outside the default window of 3 months
    quiet = run("check", "--today", year_before.isoformat())
    assert "approved by review.status and clinical_reviewer only" in quiet.stdout + quiet.stderr
    assert "the next review is due" not in quiet.stdout + quiet.stderr
    due = run("check", "--today", (next_review - dt.timedelta(days=30)).isoformat())
    assert f"the next review is due on {next_review}" in due.stdout + due.stderr


def test_changes_without_an_approval_compare_with_the_previous_version_in_git(clinic):
    content, out, run = clinic
    git = ["git", "-C", str(content), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q", str(content)], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "first"], check=True)
    source = facts.condition(content, "tiny")["source_language"]
    language_file = content / "tiny" / f"{source}.yaml"
    first = facts.treatments(content, "tiny", source)[1]["contraindications"][0]
    edit(language_file, f"contraindications: [{first}]", f"contraindications: [{first}, Nyresvikt]")
    uncommitted = run("changes", "--lang", source)
    assert uncommitted.returncode == 0 and "1 clinical change(s), 0 editorial" in uncommitted.stdout
    assert "compared with git" in uncommitted.stdout
    subprocess.run([*git, "commit", "-qam", "second"], check=True)
    committed = run("changes", "--lang", source)  # clean: the version before the last commit
    assert committed.returncode == 0 and "1 clinical change(s)" in committed.stdout
    assert "Nyresvikt" in pdftotext(out / "changes" / "tiny" / f"tiny_{source}_changes.pdf")


def test_changes_with_nothing_to_compare_is_a_clear_error(clinic):
    content, out, run = clinic
    done = run("changes")
    assert done.returncode == 1 and "nothing to compare" in done.stderr and "Traceback" not in done.stderr


def test_the_deck_opens_with_what_is_new_since_an_approval(clinic):
    """--changes-since VERSION: the slide after the title is the labels' whats_new with the approval's version,
    listing a changed contraindication as it reads now and a removed one after no_longer; without it, no such
    slide."""
    from pptx import Presentation

    content, out, run = clinic
    source = facts.condition(content, "tiny")["source_language"]
    version = str(facts.condition(content, "tiny")["review"]["version"])
    treatments = facts.treatments(content, "tiny", source)
    kept, changed = treatments[1]["contraindications"][0], treatments[0]["contraindications"][0]
    language_file = content / "tiny" / f"{source}.yaml"
    edit(language_file, f"contraindications: [{kept}]", f"contraindications: [{kept}, Nyresvikt]")
    assert run("approve", "--reviewer", REVIEWER, "--role", ROLE).returncode == 0
    edit(language_file, f"contraindications: [{kept}, Nyresvikt]", f"contraindications: [{kept}]")
    edit(language_file, f"contraindications: [{changed}]", "contraindications: [Feber]")
    labels = facts.labels(content, source)
    deck = out / "default" / "tiny" / source / f"tiny_{source}_deck.pptx"

    def second_slide(*args: str) -> list[str]:
        done = run("build", "--product", "deck", "--lang", source, *args)
        assert done.returncode == 0, done.stdout + done.stderr
        slide = Presentation(deck).slides[1]
        return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]

    texts = second_slide("--changes-since", version)
    assert texts[0] == labels["whats_new"].replace("{version}", version)
    items = texts[1].split("\n")
    assert "Feber" in items and f"{labels['no_longer']} Nyresvikt" in items and kept not in items
    assert second_slide()[0] != texts[0]


def test_a_changed_picture_is_shown_beside_the_approved_one(clinic):
    """approve keeps each approved picture by its digest; after the file changes, the redline shows the kept
    picture and the new one side by side (pdfimages: two pictures on the page; the page: two images)."""
    import hashlib

    content, out, run = clinic
    source = facts.condition(content, "tiny")["source_language"]
    picture = content.parent / "images" / facts.condition(content, "tiny")["images"][0]["file"]
    digest = hashlib.sha256(picture.read_bytes()).hexdigest()
    assert run("approve", "--reviewer", REVIEWER, "--role", ROLE).returncode == 0
    kept = list((content / "tiny").glob(f"*/{digest}.*"))
    assert len(kept) == 1 and kept[0].read_bytes() == picture.read_bytes()
    changed = Image.open(picture).convert("RGB")
    changed.paste((200, 30, 30), (10, 10, 60, 60))
    changed.save(picture)
    done = run("changes", "--lang", source)
    assert done.returncode == 0 and "1 clinical change(s)" in done.stdout, done.stdout + done.stderr
    listed = subprocess.run(
        ["pdfimages", "-list", str(out / "changes" / "tiny" / f"tiny_{source}_changes.pdf")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()[2:]
    assert len([row for row in listed if row.split()[0] == "1"]) == 2
    page = (out / "changes" / "tiny" / f"tiny_{source}_changes.html").read_text(encoding="utf-8")
    assert page.count('<img src="data:image/') == 2
