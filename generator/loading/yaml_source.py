"""Read YAML 1.2 with ruamel.yaml and keep where every value was written.

ruamel's round-trip loader follows YAML 1.2 (so ``no``, ``nb`` and ``on`` stay text) and records
line/column of every key, value and list item. We turn its tree into plain Python data that
pydantic can validate strictly, and attach a :class:`Positions` record to every mapping under the
reserved key ``__at__``. Text is checked here, once, for characters no renderer can carry.

What reaches the model is normalised in one place, here:

- the file may be UTF-8 (with or without a byte-order mark) or UTF-16/UTF-32 with a byte-order mark
  (Windows Notepad's "Unicode"); any other encoding (Windows-1252 "ANSI", ...) is refused with the
  line and column of the first byte that is not UTF-8, naming the encoding it most likely is;
- CRLF and CR line ends count as LF, so line numbers are the same as in any editor;
- every text is NFC (macOS writes "å" as "a" + a combining ring; the outputs and the glyph check
  get one composed character) and its runs of whitespace, line breaks included, become one space;
- control characters and code points XML forbids are refused with their position, never dropped;
- characters that change the direction of the text around them or hide text are refused (bidi
  embeddings, overrides and isolates U+202A-U+202E, U+2066-U+2069; the deprecated format
  characters U+206A-U+206F; interlinear annotations U+FFF9-U+FFFB; tag characters U+E0000-U+E007F):
  an override before ``gpj.exe`` prints ``exe.jpg``, and a text must read as it is stored;
- invisible spaces (zero-width space U+200B, word joiner U+2060, zero-width no-break space U+FEFF,
  U+180E, invisible operators U+2061-U+2064) are removed with a warning at their position; the
  marks and joiners scripts need stay: ZWNJ U+200C, ZWJ U+200D, LRM U+200E, RLM U+200F, the Arabic
  letter mark U+061C and the soft hyphen U+00AD (README: "Content you did not write");
- YAML anchors (``&name``), aliases (``*name``) and tags (``!name``) are refused where they occur:
  content never needs them, a text starting with ``*`` (italic) or ``&`` would silently lose its
  first word to them, and nested aliases expand exponentially ("billion laughs");
- lists and mappings nested deeper than :data:`MAX_DEPTH` are refused (instead of a RecursionError).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.composer import Composer, MaxDepthExceededError
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.reader import ReaderError

from generator.assets import files
from generator.diagnostics import Diagnostics, Location

POSITIONS_KEY = "__at__"
MAX_DEPTH = 50  # content nests about 8 deep; ruamel's recursion fails somewhere above 400

# C0/C1 controls (tab and newline are whitespace and get folded) and code points XML 1.0 forbids;
# reportlab's paragraph parser and the PPTX XML writer both choke on them.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_WHITESPACE = re.compile(r"\s+")
_DIRECTION = re.compile("[\u202a-\u202e\u2066-\u2069\u206a-\u206f\ufff9-\ufffb\U000e0000-\U000e007f]")
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u180e\u2061-\u2064]")


@dataclass(frozen=True)
class Positions:
    """Where a mapping, each of its keys, its values and the items of its list values were written."""

    at: Location
    keys: Mapping[str, Location]
    values: Mapping[str, Location]
    items: Mapping[str, tuple[Location, ...]]

    def of(self, key: str, index: int | None = None) -> Location:
        """Best position for ``key`` (or its ``index``-th item); the mapping itself if absent."""
        if index is not None:
            items = self.items.get(key, ())
            if 0 <= index < len(items):
                return items[index]
        return self.values.get(key) or self.keys.get(key) or self.at


@dataclass
class YamlFile:
    path: Path
    display: str
    data: Any
    lines: list[str]

    def token_at(self, location: Location) -> str:
        """The raw source text of the scalar starting at ``location`` (for messages like '0450')."""
        if not (0 < location.line <= len(self.lines)):
            return ""
        rest = self.lines[location.line - 1][max(location.col - 1, 0) :]
        return re.split(r"\s+#|\s*$", rest, maxsplit=1)[0].strip()


def load_yaml(path: Path, display: str, diagnostics: Diagnostics, root: Path | None = None) -> YamlFile | None:
    """Parse one YAML file, which must stay inside ``root`` (the content folder; see
    :mod:`generator.assets.files`). Problems are reported with their position; returns None then."""
    data = read_source(path, display, diagnostics, root)
    return parse_yaml(data, path, display, diagnostics) if data is not None else None


def read_source(path: Path, display: str, diagnostics: Diagnostics, root: Path | None) -> bytes | None:
    """The bytes of a content file under the content rule; None (and the reason reported) if it
    may not or cannot be read."""
    try:
        return files.read(path, root, files.Limit.YAML)
    except FileNotFoundError:
        diagnostics.error(Location(display), "file not found", "create it, or check the folder name")
    except files.Refused as exc:
        diagnostics.error(Location(display), exc.problem, exc.hint)
    except OSError as exc:
        diagnostics.error(Location(display), f"cannot read file: {exc.strerror}")
    return None


def parse_yaml(data: bytes, path: Path, display: str, diagnostics: Diagnostics) -> YamlFile | None:
    """Parse the bytes of one YAML file (see :func:`load_yaml`)."""
    text = _decode(data, display, diagnostics)
    if text is None:
        return None
    # YAML counts CR, LF and CRLF as one line end each; so do the positions computed from ``text``.
    text = text.replace("\r\n", "\n").replace("\r", "\n")

    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    yaml.Composer = _ContentComposer
    yaml.max_depth = MAX_DEPTH
    try:
        raw = yaml.load(text)
    except ReaderError as exc:
        # Raised for characters YAML itself forbids, before any parsing; position is an offset.
        before = text[: exc.position]
        where = Location(display, before.count("\n") + 1, len(before) - before.rfind("\n"))
        diagnostics.error(
            where,
            _forbidden_message(chr(exc.character) if isinstance(exc.character, int) else str(exc.character)),
            _FORBIDDEN_HINT,
        )
        return None
    except _Refused as exc:
        diagnostics.error(_mark_location(display, exc.problem_mark), exc.problem, exc.hint)
        return None
    except MaxDepthExceededError as exc:
        diagnostics.error(
            _mark_location(display, exc.problem_mark),
            f"lists and mappings are nested more than {MAX_DEPTH} deep here",
            "check the brackets and the indentation; content never nests that deep",
        )
        return None
    except MarkedYAMLError as exc:
        if exc.context and "quoted scalar" in exc.context and exc.context_mark is not None:
            mark = exc.context_mark
            diagnostics.error(
                Location(display, mark.line + 1, mark.column + 1),
                "invalid YAML: a quoted text is never closed",
                "add the closing quote at the end of the text",
            )
            return None
        if exc.context and "flow " in exc.context and exc.context_mark is not None:
            line, column = _open_bracket(text, exc.context_mark.line, exc.context_mark.column)
            lines = text.split("\n")
            at = lines[line][column : column + 1] if line < len(lines) else ""
            bracket = at if at in "[{" and at else ("[" if "sequence" in exc.context else "{")
            diagnostics.error(
                Location(display, line + 1, column + 1),
                f"invalid YAML: the '{bracket}' here is never closed properly",
                f"close it with '{']' if bracket == '[' else '}'}', or put the whole text in quotes "
                f"if it starts with '{bracket}'",
            )
            return None
        mark = exc.problem_mark or exc.context_mark
        where = _mark_location(display, mark)
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        if "duplicate key" in problem or "found duplicate key" in str(exc):
            diagnostics.error(where, f"duplicate key: {problem}", "remove or rename one of the two keys")
        else:
            diagnostics.error(where, f"invalid YAML: {problem}", _syntax_hint(problem))
        return None
    except YAMLError as exc:
        diagnostics.error(Location(display), f"invalid YAML: {exc}")
        return None
    except RecursionError:  # a safety net: MAX_DEPTH stops nesting long before this
        diagnostics.error(
            Location(display), "lists and mappings are nested too deeply", "check the brackets and the indentation"
        )
        return None

    converter = _Converter(display, diagnostics)
    data = converter.convert(raw, Location(display, 1, 1))
    return YamlFile(path, display, data, text.split("\n"))


def _open_bracket(text: str, line: int, column: int) -> tuple[int, int]:
    """Where the unclosed bracket is: the parser's mark, or the last bracket before it.

    At the end of the file the parser marks the stream's end, not the bracket the
    writer left open, so the message would point at an empty line.
    """
    lines = text.split("\n")
    if line < len(lines) and lines[line][column : column + 1] in ("[", "{"):
        return line, column
    for back in range(min(line, len(lines) - 1), -1, -1):
        row = lines[back] if back != line else lines[back][:column]
        found = max(row.rfind("["), row.rfind("{"))
        if found >= 0:
            return back, found
    return line, column


def _mark_location(display: str, mark) -> Location:
    return Location(display, mark.line + 1, mark.column + 1) if mark is not None else Location(display)


# Byte-order marks, longest first (UTF-32 LE starts with the UTF-16 LE mark).
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32"),
    (b"\xef\xbb\xbf", "utf-8", "UTF-8"),
    (b"\xff\xfe", "utf-16-le", "UTF-16"),
    (b"\xfe\xff", "utf-16-be", "UTF-16"),
)
_SAVE_AS_UTF8 = (
    "save the file as UTF-8 in your editor (Notepad: File > Save as > Encoding: UTF-8; "
    "TextEdit: Format > Make Plain Text, then save with Unicode (UTF-8))"
)


def _decode(data: bytes, display: str, diagnostics: Diagnostics) -> str | None:
    """The text of a content file: UTF-8, or UTF-16/32 announced by a byte-order mark.

    A file in a legacy 8-bit encoding is refused rather than guessed: Windows-1252, ISO 8859-1 and
    Mac Roman disagree on the letters that matter ("æ" in one is "¾" in another), and a wrong guess
    would print wrong letters on a patient leaflet without anyone noticing.
    """
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                decoded = data[len(bom) : exc.start + len(bom)].decode(codec, errors="replace")
                line, col = decoded.count("\n") + 1, len(decoded) - decoded.rfind("\n")
                diagnostics.error(
                    Location(display, line, col),
                    f"the file starts with a {name} byte-order mark, but is not valid {name} from here",
                    _SAVE_AS_UTF8,
                )
                return None
    head = data[:400]
    if head.count(0) * 3 > len(head):  # every other byte zero: UTF-16 (NUL is never in text)
        diagnostics.error(
            Location(display),
            "the file is not saved as UTF-8: it looks like UTF-16 without a byte-order mark",
            _SAVE_AS_UTF8,
        )
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start].decode("utf-8", errors="replace")
        line, col = before.count("\n") + 1, len(before) - before.rfind("\n")
        byte = data[exc.start]
        try:
            encoding = f"Windows-1252 (\"ANSI\"), where byte 0x{byte:02X} here is '{bytes([byte]).decode('cp1252')}'"
        except UnicodeDecodeError:
            encoding = f"an 8-bit encoding (byte 0x{byte:02X} here)"
        diagnostics.error(
            Location(display, line, col), f"the file is not saved as UTF-8: it looks like {encoding}", _SAVE_AS_UTF8
        )
        return None


class _Refused(MarkedYAMLError):
    """A YAML feature content never needs, found at ``problem_mark``; carries its own hint."""

    def __init__(self, problem: str, mark, hint: str):
        super().__init__(problem=problem, problem_mark=mark)
        self.hint = hint


class _ContentComposer(Composer):
    """ruamel's composer, refusing anchors, aliases and tags before they are composed.

    Refusing them where they are written keeps the error at its line, stops an alias bomb before
    anything is expanded, and turns ``- p: *Viktig* tekst`` (an alias to YAML) into a hint about
    quotes instead of "undefined alias".
    """

    def compose_node(self, parent, index):
        event = self.parser.peek_event()
        if isinstance(event, AliasEvent):
            raise _Refused(
                f"a text starting with '*' is read as a YAML alias ('*{event.anchor}'), which content does not use",
                event.start_mark,
                f'put the whole text in quotes, e.g. "*{event.anchor} ..."; write a repeated text out in full',
            )
        if event.anchor is not None:
            raise _Refused(
                f"a text starting with '&' is read as a YAML anchor ('&{event.anchor}'), which content does not use",
                event.start_mark,
                f'put the whole text in quotes, e.g. "&{event.anchor} ..."; write a repeated text out in full',
            )
        tag = getattr(event, "ctag", None)
        if tag is not None:
            raise _Refused(
                f"a text starting with '!' is read as a YAML tag ('{tag}'), which content does not use",
                event.start_mark,
                "put the whole text in quotes",
            )
        return super().compose_node(parent, index)


_FORBIDDEN_HINT = "delete it and retype the text around it; it often comes from copying out of Word or PDF"


def _forbidden_message(char: str) -> str:
    name = unicodedata.name(char, "control character")
    return f"text contains the invisible character U+{ord(char):04X} ({name})"


def _syntax_hint(problem: str) -> str:
    if "mapping values are not allowed" in problem:
        return "a text containing ': ' must be put in quotes"
    if "found character '\\t'" in problem or "tab" in problem:
        return "indent with spaces, not tabs"
    if "that cannot start any token" in problem:
        found = re.search(r"found character '(.+?)'", problem)
        return f"a text starting with '{found[1] if found else '@'}' must be put in quotes"
    if "could not find expected ':'" in problem:
        return "each line in a mapping needs 'key: value'; check the line above for a missing quote"
    return (
        "check indentation and quotes around this position; a quote left open on a line above "
        "runs on until the next quote"
    )


class _Converter:
    """Turns ruamel's tree into plain data, recording positions and checking text."""

    def __init__(self, display: str, diagnostics: Diagnostics):
        self.display = display
        self.diagnostics = diagnostics

    def loc(self, line_col: tuple[int, int] | None) -> Location:
        if line_col is None:
            return Location(self.display)
        line, col = line_col
        return Location(self.display, line + 1, col + 1)

    def convert(self, node: Any, where: Location) -> Any:
        if isinstance(node, CommentedMap):
            return self._mapping(node)
        if isinstance(node, CommentedSeq):
            return tuple(self.convert(item, self.loc(node.lc.item(i))) for i, item in enumerate(node))
        if isinstance(node, bool) or node is None:
            return node
        if isinstance(node, int):
            return int(node)
        if isinstance(node, float):
            return float(node)
        if isinstance(node, dt.datetime):
            return dt.datetime(*node.timetuple()[:6])
        if isinstance(node, dt.date):
            return dt.date(node.year, node.month, node.day)
        if isinstance(node, str):
            return self._text(str(node), where)
        return node

    def _mapping(self, node: CommentedMap) -> dict[str, Any]:
        keys, values, items = {}, {}, {}
        out: dict[str, Any] = {}
        for key, value in node.items():
            key_text = self._text(str(key), self.loc(node.lc.key(key)))  # glossary terms are keys
            keys[key_text] = self.loc(node.lc.key(key))
            values[key_text] = self.loc(node.lc.value(key))
            if isinstance(value, CommentedSeq):
                items[key_text] = tuple(self.loc(value.lc.item(i)) for i in range(len(value)))
            out[key_text] = self.convert(value, values[key_text])
        out[POSITIONS_KEY] = Positions(
            at=self.loc((node.lc.line, node.lc.col)),
            keys=keys,
            values=values,
            items=items,
        )
        return out

    def _text(self, text: str, where: Location) -> str:
        bad = _FORBIDDEN.search(text)
        if bad:
            self.diagnostics.error(
                where, f"{_forbidden_message(bad.group())} at character {bad.start() + 1} of the value", _FORBIDDEN_HINT
            )
        turn = _DIRECTION.search(text)
        if turn:
            self.diagnostics.error(
                where,
                f"{_forbidden_message(turn.group())}, which changes the direction of the "
                f"text around it, at character {turn.start() + 1} of the value",
                "delete it: leafdeck sets the direction of every text by its language; "
                "U+200E and U+200F (LRM, RLM) are allowed where a mark is needed",
            )
        hidden = _INVISIBLE.search(text)
        if hidden:
            count = len(_INVISIBLE.findall(text))
            self.diagnostics.warning(
                where,
                f"{_forbidden_message(hidden.group())} at character {hidden.start() + 1} "
                f"of the value{f' (and {count - 1} more)' if count > 1 else ''}: removed",
                "delete it from the file; it often comes from copying out of a web page",
            )
            text = _INVISIBLE.sub("", text)
        # Folded and literal scalars keep their line breaks; the renderers own line breaking.
        return normalise_text(text)


def normalise_text(text: str) -> str:
    """What every content text becomes: NFC, runs of whitespace (line breaks too) as one space."""
    return unicodedata.normalize("NFC", _WHITESPACE.sub(" ", text).strip())


def strip_positions(data: Any) -> Any:
    """The data without position records (for tests and schema checks)."""
    if isinstance(data, dict):
        return {k: strip_positions(v) for k, v in data.items() if k != POSITIONS_KEY}
    if isinstance(data, (list, tuple)):
        return [strip_positions(v) for v in data]
    return data
