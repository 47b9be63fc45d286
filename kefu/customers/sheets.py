"""Reading uploaded sheets (读取表格): the first sheet of an .xlsx (openpyxl, read-only) or a
.csv (UTF-8 with or without BOM, else GB18030) as numbered rows of cell values."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from django.utils.translation import gettext as _

from kefu.customers.cells import is_blank


class UnreadableFile(Exception):
    pass


def decode_csv(content: bytes) -> str:
    """UTF-8 with or without BOM, else GB18030 (Excel on Chinese Windows)."""
    if content.startswith(b"\xef\xbb\xbf"):
        return content[3:].decode("utf-8", errors="replace")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return content.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise UnreadableFile(_("The file is neither UTF-8 nor GB18030 text.")) from exc


def _csv_rows(path: Path) -> Iterator[tuple[int, tuple[Any, ...]]]:
    text = decode_csv(path.read_bytes())
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for number, cells in enumerate(reader, start=1):
            yield number, tuple(cells)
    except csv.Error as exc:
        raise UnreadableFile(_("The CSV file is malformed.")) from exc


def _xlsx_rows(path: Path) -> Iterator[tuple[int, tuple[Any, ...]]]:
    try:
        from openpyxl import load_workbook  # loads on demand (worker memory)

        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise UnreadableFile(_("The Excel file cannot be read.")) from exc
    try:
        sheet = workbook.worksheets[0]
        yield from enumerate(sheet.iter_rows(values_only=True), start=1)
    finally:
        workbook.close()


def read_table(path: Path) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(spreadsheet row number, cell values) of the first sheet, blank rows left out."""
    source = _csv_rows(path) if path.suffix.lower() == ".csv" else _xlsx_rows(path)
    for number, cells in source:
        if any(not is_blank(cell) for cell in cells):
            yield number, cells


_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>/]")
_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _first_sheet_member(archive: zipfile.ZipFile) -> str:
    """The zip member of the workbook's first sheet (the one the import reads).

    These two small parts are parsed with the standard library's expat, as openpyxl parses
    the whole file right after (defusedxml is not installed); expat 2.4.1 and later refuse
    entity-expansion bombs.
    """
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))  # noqa: S314
    sheet = workbook.find(f"{_MAIN_NS}sheets/{_MAIN_NS}sheet")
    if sheet is None:
        raise KeyError("no sheet")
    relations = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))  # noqa: S314
    for relation in relations:
        if relation.get("Id") == sheet.get(_REL_ID):
            target = relation.get("Target") or ""
            return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    raise KeyError("no sheet target")


def estimate_rows(path: Path) -> int:
    """Data rows in the file without parsing every cell. For xlsx the row tags of the first
    sheet are counted (an upper bound: formatted blank rows count too); loading the workbook
    would parse its whole string table."""
    if path.suffix.lower() == ".csv":
        return max(0, sum(1 for _row in read_table(path)) - 1)
    count = 0
    tail = b""
    try:
        with zipfile.ZipFile(path) as archive, archive.open(_first_sheet_member(archive)) as xml:
            while chunk := xml.read(1 << 20):
                data = tail + chunk
                # Tags wholly inside ``tail`` were counted with the previous chunk.
                count += len(_ROW_TAG.findall(data)) - len(_ROW_TAG.findall(tail))
                tail = data[-64:]
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError, OSError) as exc:
        raise UnreadableFile(_("The Excel file cannot be read.")) from exc
    return max(0, count - 1)
