"""Is the patient text easy to read? LIX for the Scandinavian languages, Flesch for English, long
sentences and unexplained medical words for every language.

- LIX (Björnsson): words per sentence + percentage of words longer than six letters, made for Swedish
  and used for Norwegian and Danish. Patient information should stay at or below 40; above 45 is a
  warning, above 50 an error.
- English: Flesch Reading Ease (at least 60) and Flesch-Kincaid grade (at most 8); syllables are
  counted with pyphen's hyphenation points (the method textstat uses for most languages).
- Any other language has no formula here (a figure made for another language would mislead: Arabic
  words carry their articles, Ethiopic letters are syllables); ``check`` says so in a note.
- A sentence over 25 words is a warning at its line, in every language; sentences end at . ! ? and at
  the Arabic, Urdu and Ethiopic full stops and question marks (؟ ۔ ። ፧ ፨).
- A medical term (listed per language in ``content/labels/<lang>.yaml`` under ``medical_terms``) in
  patient text needs a plain explanation: in the language file's ``glossary`` (printed on the
  leaflet), or in brackets right after it. A term is found with the prefixes its language attaches to
  words (Arabic ال "the", و "and", ب "with"...: ``attached_prefixes`` in the labels).

Each bullet counts as a sentence. Clinician text is never checked: it is written for experts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from generator.assets.hyphenation import hyphenator
from generator.diagnostics import Diagnostics, Location
from generator.document.inline import plain
from generator.document.model import BulletList, ComparisonTable, Document, Paragraph

LIX_TARGET, LIX_WARNING, LIX_ERROR = 40, 45, 50
FLESCH_MIN, GRADE_MAX = 60, 8
LONG_SENTENCE = 25


class Formula(StrEnum):
    LIX = "lix"
    FLESCH = "flesch"


# The languages (primary subtag) each formula was made or validated for.
FORMULAS = {
    "en": Formula.FLESCH,
    "nb": Formula.LIX,
    "nn": Formula.LIX,
    "no": Formula.LIX,
    "sv": Formula.LIX,
    "da": Formula.LIX,
}
# A letter, then letters and the marks written on them (Arabic vowel signs, joiners), joined by - ' ’.
_MARKS = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u200c\u200d"
_WORD = re.compile(rf"[^\W\d_](?:[^\W\d_]|[{_MARKS}])*(?:[-'’][^\W\d_](?:[^\W\d_]|[{_MARKS}])*)*")
# A sentence ends at one of these followed by a space (the Ethiopic stops need none).
_SENTENCE_END = re.compile(r"(?<=[.!?\u061f\u06d4])\s+|(?<=[\u1362\u1367\u1368])\s*")


@dataclass
class Stats:
    words: int = 0
    sentences: int = 0
    long_words: int = 0
    syllables: int = 0

    def add(self, other: Stats) -> None:
        self.words += other.words
        self.sentences += other.sentences
        self.long_words += other.long_words
        self.syllables += other.syllables

    @property
    def lix(self) -> float:
        return self.words / max(self.sentences, 1) + 100 * self.long_words / max(self.words, 1)

    @property
    def flesch(self) -> float:
        return 206.835 - 1.015 * self.words / max(self.sentences, 1) - 84.6 * self.syllables / max(self.words, 1)

    @property
    def grade(self) -> float:
        return 0.39 * self.words / max(self.sentences, 1) + 11.8 * self.syllables / max(self.words, 1) - 15.59


def sentences(text: str) -> list[str]:
    """The sentences of ``text``. A piece that goes on in lower case ("f.eks. noe", "ca. 6 uker") was not
    a sentence end: it is joined back; scripts without case (Arabic, Ethiopic) always end there."""
    found: list[str] = []
    for piece in _SENTENCE_END.split(text.strip()):
        if found and piece[:1].islower():
            found[-1] += " " + piece
        else:
            found.append(piece)
    return [s for s in found if _WORD.search(s)]


def formula(language_tag: str) -> Formula | None:
    """The readability formula defined for the language of ``language_tag``, or None."""
    return FORMULAS.get(language_tag.split("-")[0].lower())


def measure(text: str, language_tag: str) -> Stats:
    stats = Stats()
    for sentence in sentences(text):
        words = _WORD.findall(sentence)
        stats.sentences += 1
        stats.words += len(words)
        stats.long_words += sum(len(w) > 6 for w in words)
        stats.syllables += sum(_syllables(w.lower(), language_tag) for w in words)
    return stats


@lru_cache(maxsize=4096)
def _syllables(word: str, language_tag: str) -> int:
    vowel_groups = len(re.findall(r"[aeiouyæøåéèáâ]+", word)) or 1
    words = hyphenator(language_tag)
    if words is None:
        return vowel_groups if len(word) > 3 else 1
    pieces = 1 + sum(1 for _ in words(word))
    return max(pieces, min(vowel_groups, pieces + 1)) if len(word) > 3 else 1


def patient_texts(doc: Document):
    """(section title, text, location) of every sentence-bearing patient text."""
    yield "", plain(doc.summary), doc.source
    for section in doc.sections:
        for block in section.blocks:
            if isinstance(block, Paragraph):
                yield section.title, plain(block.text), block.source
            elif isinstance(block, BulletList):
                for item in block.items:
                    yield section.title, plain(item), block.source
            elif isinstance(block, ComparisonTable):
                for row in block.rows:
                    for cell in row.cells:
                        for part in (*cell.paragraphs, *cell.bullets):
                            yield section.title, plain(part), row.source


def check_readability(
    doc: Document,
    medical_terms: tuple[str, ...],
    glossary: dict[str, str],
    diagnostics: Diagnostics,
    prefixes: tuple[str, ...] = (),
) -> dict[str, float]:
    """Report readability per section and overall; returns the overall figures (none for a language
    without a formula)."""
    kind = formula(doc.language_tag)
    english = kind is Formula.FLESCH
    per_section: dict[str, tuple[Stats, Location]] = {}
    overall = Stats()
    for title, text, where in patient_texts(doc):
        stats = measure(text, doc.language_tag)
        overall.add(stats)
        if title:
            bucket = per_section.setdefault(title, (Stats(), where))
            bucket[0].add(stats)
        for sentence in sentences(text):
            count = len(_WORD.findall(sentence))
            if count > LONG_SENTENCE:
                diagnostics.warning(
                    where,
                    f"a sentence of {count} words (more than {LONG_SENTENCE}): '{sentence[:50]}...'",
                    "split it into two or three short sentences",
                )
        _check_terms(text, where, medical_terms, glossary, diagnostics, prefixes)
    if kind is None:
        diagnostics.note(
            doc.source,
            f"no readability formula for '{doc.language_tag}' (LIX is made for the Scandinavian languages, "
            "Flesch for English): only long sentences and unexplained medical words are checked",
            "have a native speaker read the patient text aloud to someone it is meant for",
        )
        return {}
    sections = list(per_section.items()) + [("the whole text", (overall, doc.source))]
    for title, (stats, where) in sections:
        if stats.words < 30:
            continue  # too little text for a meaningful score
        if english:
            if stats.flesch < FLESCH_MIN or stats.grade > GRADE_MAX:
                diagnostics.warning(
                    where,
                    f"readability of '{title}': Flesch {stats.flesch:.0f} (at least "
                    f"{FLESCH_MIN}), grade {stats.grade:.1f} (at most {GRADE_MAX})",
                    "use shorter sentences and shorter, everyday words",
                )
        elif stats.lix > LIX_ERROR:
            diagnostics.error(
                where,
                f"LIX of '{title}' is {stats.lix:.0f}; above {LIX_ERROR} is too hard for "
                f"patient information (aim for {LIX_TARGET})",
                "use shorter sentences and fewer long words",
            )
        elif stats.lix > LIX_WARNING:
            diagnostics.warning(
                where,
                f"LIX of '{title}' is {stats.lix:.0f}; aim for {LIX_TARGET} or less",
                "use shorter sentences and fewer long words",
            )
    if english:
        return {"flesch": round(overall.flesch, 1), "grade": round(overall.grade, 1)}
    return {"lix": round(overall.lix, 1)}


def _check_terms(
    text: str,
    where: Location,
    terms: tuple[str, ...],
    glossary: dict[str, str],
    diagnostics: Diagnostics,
    prefixes: tuple[str, ...] = (),
) -> None:
    explained = {t.lower() for t in glossary}
    # The term alone, or with a prefix its language writes on the word ("ال" + "لفافة" = "اللفافة").
    attached = "|".join(re.escape(p) for p in sorted(prefixes, key=len, reverse=True))
    lead = rf"(?<![\w-])(?:{attached})?" if attached else r"(?<![\w-])"
    for term in terms:
        match = re.search(rf"{lead}{re.escape(term)}(?![\w-])", text, re.IGNORECASE)
        if not match or term.lower() in explained:
            continue
        after = text[match.end() : match.end() + 2]
        before = text[max(0, match.start() - 1) : match.start()]
        if after.lstrip().startswith("(") or before == "(":
            continue  # explained in brackets right there
        diagnostics.warning(
            where,
            f"the medical term '{term}' has no plain explanation",
            f"add '{term}: <plain words>' under glossary: in the language file, "
            f"or explain it in brackets after the term",
        )


def check_hyphenation(doc, diagnostics: Diagnostics) -> None:
    """A language pyphen has no dictionary for is set without hyphens: say so, once per language."""

    if hyphenator(doc.language_tag) is None:
        diagnostics.note(
            doc.labels_source,
            f"no hyphenation dictionary for '{doc.language_tag}': the PDFs of '{doc.language}' are set without hyphens",
            "nothing to do; long words move to the next line whole",
        )
