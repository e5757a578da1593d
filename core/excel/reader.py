"""A guarded, streaming reader for the cells of an uploaded .xlsx file.

Why not openpyxl here: an upload is untrusted. Before any XML is parsed, the archive is
checked with :mod:`zipfile` alone: file size, number of entries, declared uncompressed sizes
and compression ratios (zip bombs), and that it is an Excel workbook at all. The XML is then
parsed by expat with document type declarations and entities refused (no "billion laughs",
no external entities – openpyxl would need defusedxml for that), decompressed bytes are
counted while streaming, and rows are capped. It is also about four times faster than
openpyxl's read-only mode (which matters at 10,000 options) and it reports formula cells,
which the importer rejects in data cells.

Values come back as Python values: ``float`` for numbers, ``str`` for text, ``bool``; with a
flag for formulas and error values. Dates stay Excel serial numbers (the importer knows
which columns hold dates) – :attr:`XlsxFile.date1904` tells the epoch.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Callable, Iterator
from typing import Any
from xml.parsers import expat

from core.errors import InputError
from core.excel.safety import ooxml_unescape

MAX_FILE_BYTES = 64 * 2**20
MAX_ENTRIES = 4_000
MAX_PART_BYTES = 512 * 2**20
MAX_TOTAL_BYTES = 1024 * 2**20
MAX_RATIO = 250  # uncompressed / compressed, checked for parts above RATIO_MIN_BYTES
RATIO_MIN_BYTES = 2 * 2**20
MAX_ROWS = 400_000  # rows per sheet (a row number beyond this is refused)
MAX_COLUMNS = 64  # cells right of this column are ignored
MAX_SHARED_STRINGS = 2_000_000
CHUNK = 1 << 20

PLAIN, FORMULA, ERROR = 0, 1, 2
# Formulas that are only a constant truth value: LibreOffice Calc saves boolean cells as
# =TRUE()/=FALSE(), a German Excel shows them as WAHR()/FALSCH(). They are read as values.
_CONSTANT_FORMULAS = {
    "TRUE()": True,
    "FALSE()": False,
    "TRUE": True,
    "FALSE": False,
    "WAHR()": True,
    "FALSCH()": False,
    "WAHR": True,
    "FALSCH": False,
}

_MAIN_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_STRICT_REL = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"


# One cell: (value, flag) with flag PLAIN, FORMULA or ERROR. A tuple, not a class: a large
# sheet has a million cells, and building objects would cost seconds.
Cell = tuple[Any, int]
Row = tuple[int, dict[int, Cell]]


def _refuse(*_: object) -> None:
    raise InputError("import_bad_xml", part="DOCTYPE")


def _parser() -> expat.XMLParserType:
    """An expat parser that refuses DTDs and entity declarations."""
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.StartDoctypeDeclHandler = _refuse
    parser.EntityDeclHandler = _refuse
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    return parser


def _local(name: str) -> str:
    return name.rpartition(":")[2]


def check_archive(data: bytes) -> zipfile.ZipFile:
    """Open ``data`` as a zip archive after every size check; raise a keyed InputError."""
    if len(data) == 0:
        raise InputError("import_empty_file")
    if len(data) > MAX_FILE_BYTES:
        raise InputError("import_file_too_large", limit=MAX_FILE_BYTES // 2**20)
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError("import_not_xlsx")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise InputError("import_not_xlsx") from None
    if len(entries) > MAX_ENTRIES:
        raise InputError("import_zip_bomb", detail=f"{len(entries)} entries")
    total = 0
    for entry in entries:
        if entry.flag_bits & 0x1:
            raise InputError("import_encrypted")
        if entry.file_size > MAX_PART_BYTES:
            raise InputError("import_zip_bomb", detail=entry.filename)
        if entry.file_size > RATIO_MIN_BYTES and (
            entry.file_size > MAX_RATIO * max(entry.compress_size, 1)
        ):
            raise InputError("import_zip_bomb", detail=entry.filename)
        total += entry.file_size
    if total > MAX_TOTAL_BYTES:
        raise InputError("import_zip_bomb", detail=f"{total} bytes")
    names = {e.filename for e in entries}
    if "[Content_Types].xml" not in names:
        raise InputError("import_not_xlsx")
    return archive


def _parse_chunks(
    archive: zipfile.ZipFile, name: str, parser: expat.XMLParserType
) -> Iterator[None]:
    """Feed a part to ``parser`` in chunks, counting the bytes actually decompressed; yield
    after each chunk so the caller can take what the handlers collected."""
    seen = 0
    try:
        with archive.open(name) as part:
            while chunk := part.read(CHUNK):
                seen += len(chunk)
                if seen > MAX_PART_BYTES:
                    raise InputError("import_zip_bomb", detail=name)
                parser.Parse(chunk, False)
                yield
        parser.Parse(b"", True)
    except InputError:
        raise
    except expat.ExpatError as exc:
        raise InputError("import_bad_xml", part=f"{name} ({exc})") from None
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
        raise InputError("import_not_xlsx") from None


def _stream(
    archive: zipfile.ZipFile,
    name: str,
    parser: expat.XMLParserType,
    after_chunk: Callable[[], None] | None = None,
) -> None:
    """Parse a whole part, calling ``after_chunk`` after each chunk."""
    for _ in _parse_chunks(archive, name, parser):
        if after_chunk is not None:
            after_chunk()


def _relationships(archive: zipfile.ZipFile, name: str) -> dict[str, tuple[str, str]]:
    """Relationship id → (type, target path) of a ``.rels`` part (missing part: empty)."""
    if name not in archive.NameToInfo:
        return {}
    base = posixpath.dirname(posixpath.dirname(name))
    found: dict[str, tuple[str, str]] = {}

    def start(tag: str, attrs: dict[str, str]) -> None:
        if _local(tag) == "Relationship" and attrs.get("TargetMode") != "External":
            target = attrs.get("Target", "")
            path = (
                target.lstrip("/")
                if target.startswith("/")
                else posixpath.normpath(posixpath.join(base, target))
            )
            found[attrs.get("Id", "")] = (attrs.get("Type", ""), path)

    parser = _parser()
    parser.StartElementHandler = start
    _stream(archive, name, parser)
    return found


class XlsxFile:
    """The sheets of a checked workbook; rows are read on demand."""

    def __init__(self, data: bytes) -> None:
        self._archive = check_archive(data)
        root = _relationships(self._archive, "_rels/.rels")
        main = [p for t, p in root.values() if t in (_MAIN_REL, _STRICT_REL)]
        workbook = main[0] if main else "xl/workbook.xml"
        if workbook not in self._archive.NameToInfo:
            raise InputError("import_not_xlsx")
        rels_name = posixpath.join(
            posixpath.dirname(workbook), "_rels", posixpath.basename(workbook) + ".rels"
        )
        rels = _relationships(self._archive, rels_name)
        self.date1904 = False
        self.sheets: dict[str, str] = {}
        self._shared_path = next(
            (p for t, p in rels.values() if t.endswith("/sharedStrings")), None
        )

        def start(tag: str, attrs: dict[str, str]) -> None:
            local = _local(tag)
            if local == "sheet":
                rid = next((v for k, v in attrs.items() if _local(k) == "id"), "")
                kind, path = rels.get(rid, ("", ""))
                if kind.endswith("/worksheet") and path in self._archive.NameToInfo:
                    self.sheets[attrs.get("name", "")] = path
            elif local == "workbookPr":
                self.date1904 = attrs.get("date1904", "0") in ("1", "true")

        parser = _parser()
        parser.StartElementHandler = start
        _stream(self._archive, workbook, parser)
        self._shared: list[str] | None = None

    @property
    def sheet_names(self) -> list[str]:
        return list(self.sheets)

    def _shared_strings(self) -> list[str]:
        if self._shared is not None:
            return self._shared
        strings: list[str] = []
        if self._shared_path and self._shared_path in self._archive.NameToInfo:
            parts: list[str] = []
            state = {"text": False, "phonetic": 0}

            def start(tag: str, attrs: dict[str, str]) -> None:
                local = _local(tag)
                if local == "t" and not state["phonetic"]:
                    state["text"] = True
                elif local == "rPh":
                    state["phonetic"] += 1
                elif local == "si":
                    parts.clear()

            def end(tag: str) -> None:
                local = _local(tag)
                if local == "t":
                    state["text"] = False
                elif local == "rPh":
                    state["phonetic"] -= 1
                elif local == "si":
                    if len(strings) >= MAX_SHARED_STRINGS:
                        raise InputError("import_zip_bomb", detail="sharedStrings")
                    strings.append(ooxml_unescape("".join(parts)))

            def chars(text: str) -> None:
                if state["text"]:
                    parts.append(text)

            parser = _parser()
            parser.StartElementHandler = start
            parser.EndElementHandler = end
            parser.CharacterDataHandler = chars
            _stream(self._archive, self._shared_path, parser)
        self._shared = strings
        return strings

    def rows(self, sheet: str, max_rows: int | None = None) -> Iterator[Row]:
        """(row number, {column index: Cell}) for every row with cells, in file order."""
        max_rows = MAX_ROWS if max_rows is None else max_rows
        shared = self._shared_strings()
        path = self.sheets[sheet]
        reader = _SheetReader(shared, max_rows)
        parser = _parser()
        parser.StartElementHandler = reader.start
        parser.EndElementHandler = reader.end
        parser.CharacterDataHandler = reader.chars
        pending = reader.done
        for _ in _parse_chunks(self._archive, path, parser):
            if pending:
                yield from pending
                pending.clear()
        yield from pending


_COLUMN_CACHE: dict[str, int] = {}


def column_index(letters: str) -> int:
    """'A' → 1, 'AB' → 28 (cached)."""
    index = _COLUMN_CACHE.get(letters)
    if index is None:
        index = 0
        for char in letters:
            index = index * 26 + (ord(char.upper()) - 64)
        if len(_COLUMN_CACHE) < 20_000:
            _COLUMN_CACHE[letters] = index
    return index


class _SheetReader:
    """expat callbacks for ``<sheetData>``: rows of cells with types resolved."""

    __slots__ = (
        "shared",
        "max_rows",
        "done",
        "row",
        "cells",
        "column",
        "kind",
        "formula",
        "formula_text",
        "text",
        "collect",
        "inline",
        "phonetic",
        "last_column",
    )

    def __init__(self, shared: list[str], max_rows: int) -> None:
        self.shared = shared
        self.max_rows = max_rows
        self.done: list[Row] = []
        self.row = 0
        self.cells: dict[int, Cell] = {}
        self.column = 0
        self.last_column = 0
        self.kind = "n"
        self.formula = False
        self.formula_text: list[str] = []
        self.text: list[str] = []
        self.collect = False
        self.inline = False
        self.phonetic = False

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == "c":
            ref = attrs.get("r")
            if ref:
                letters = ref.rstrip("0123456789")
                self.column = _COLUMN_CACHE.get(letters) or column_index(letters)
            else:
                self.column = self.last_column + 1
            self.last_column = self.column
            self.kind = attrs.get("t", "n")
            self.formula = False
            self.formula_text = []
            self.text = []
        elif tag == "v":
            self.collect = True
        elif tag == "row":
            number = attrs.get("r")
            self.row = int(number) if number and number.isdigit() else self.row + 1
            if self.row > self.max_rows:
                raise InputError("import_too_many_rows", limit=self.max_rows)
            self.cells = {}
            self.last_column = 0
        elif tag == "t":
            self.collect = self.inline and not self.phonetic
        elif tag == "f":
            self.formula = True
            self.collect = True
        elif tag == "is":
            self.inline = True
        elif tag == "rPh":
            self.phonetic = True
        elif ":" in tag:
            self.start(_local(tag), attrs)

    def end(self, tag: str) -> None:
        if tag == "c":
            if self.column <= MAX_COLUMNS:
                cell = self._cell()
                if cell is not None:
                    self.cells[self.column] = cell
        elif tag == "f":
            self.collect = False
            self.formula_text, self.text = self.text, []
        elif tag == "v" or tag == "t":
            self.collect = False
        elif tag == "row":
            if self.cells:
                self.done.append((self.row, self.cells))
        elif tag == "is":
            self.inline = False
        elif tag == "rPh":
            self.phonetic = False
        elif ":" in tag:
            self.end(_local(tag))

    def chars(self, data: str) -> None:
        if self.collect:
            self.text.append(data)

    def _cell(self) -> Cell | None:
        text = self.text
        raw = text[0] if len(text) == 1 else "".join(text)
        flag = FORMULA if self.formula else PLAIN
        kind = self.kind
        if self.formula:
            constant = _CONSTANT_FORMULAS.get("".join(self.formula_text).strip().upper())
            if constant is not None:  # LibreOffice writes a yes/no cell as =TRUE()
                return (constant, PLAIN)
        if kind == "n":
            if raw == "":
                return (None, flag) if self.formula else None
            try:
                return (float(raw), flag)
            except ValueError:
                return (raw, ERROR)
        if kind == "s":
            try:
                return (self.shared[int(raw)], flag)
            except (ValueError, IndexError):
                return (raw, ERROR)
        if kind == "inlineStr" or kind == "str":
            return (ooxml_unescape(raw), flag)
        if kind == "b":
            return (raw.strip() in ("1", "true"), flag)
        if kind == "d":
            return (raw, flag)
        return (raw, ERROR)
