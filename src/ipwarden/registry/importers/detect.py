"""Which format a file is in (by content, not extension) and a fast structural check before anything is
stored: truncated or malformed XML, binary or non-UTF-8 text fail here with the file, line and byte."""

from __future__ import annotations

import codecs
import re
import xml.parsers.expat
from pathlib import Path

from ipwarden.registry.errors import ImportFileError, UnknownFormatError

__all__ = ["FORMATS", "check_file", "check_jsonl", "check_xml_plain", "detect_format"]

FORMATS = ("uspto-xml", "st66", "st96", "jsonl", "csv")
_CHUNK = 1 << 20
_NUL, _NL = b"\x00", b"\n"
_ROOT = re.compile(rb"<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)[\s>/]")
_XML_ROOTS = {
    "trademark-applications-daily": "uspto-xml",
    "Transaction": "st66",
    "TrademarkTransaction": "st96",
    "TrademarkBag": "st96",
    "Trademark": "st96",
}


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(64 * 1024)
    except FileNotFoundError:
        raise ImportFileError(f"{path}: file not found", hint="check the path") from None
    except OSError as err:
        raise ImportFileError(f"{path}: cannot read the file ({err.strerror})") from None


def detect_format(path: Path) -> str:
    """Sniff the content: XML root element, a JSON object on the first line, or a CSV header with ``id``."""
    head = _head(path)
    if not head.strip():
        raise ImportFileError(f"{path}: the file is empty", hint="give a file with records")
    if b"\x00" in head:
        raise ImportFileError(f"{path}: binary content (NUL byte at byte {head.index(_NUL)})",
                              hint="give a UTF-8 XML, JSONL or CSV file")  # fmt: skip
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith(b"<"):
        body = re.sub(rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>", b"", text, flags=re.S).lstrip()
        match = _ROOT.match(body)
        root = match.group(2).decode() if match else "?"
        fmt = _XML_ROOTS.get(root)
        if fmt is None:
            raise UnknownFormatError(
                f"{path}: XML with root element <{root}> is not a format ipwarden imports",
                hint="supported: USPTO trademark-applications-daily, WIPO ST.66 <Transaction>, "
                "ST.96 <TrademarkTransaction>; or pass --format",
            )
        return fmt
    if text.startswith(b"{"):
        return "jsonl"
    first_line = text.split(b"\n", 1)[0].decode("utf-8", "replace")
    columns = [c.strip().strip('"') for c in first_line.split(",")]
    if "id" in columns and len(columns) > 1:
        return "csv"
    raise UnknownFormatError(
        f"{path}: cannot tell the format from the content (starts with {text[:20]!r})",
        hint="expected XML (USPTO, ST.66, ST.96), JSON Lines (one object per line) or CSV with an "
        "'id' column; or pass --format",
    )


_RECORD_TAGS = {
    "uspto-xml": re.compile(rb"<case-file[\s>]"),
    "st66": re.compile(rb"<(?:[\w.-]+:)?TradeMark[\s>]"),
    "st96": re.compile(rb"<(?:[\w.-]+:)?Trademark[\s>]"),
}


_PREFIXED = re.compile(rb"</?[A-Za-z_][\w.-]*:")  # an element name with a namespace prefix
_TAIL = 256


def _check_xml(path: Path, fmt: str) -> tuple[int, bool]:
    parser = xml.parsers.expat.ParserCreate()
    records = 0
    plain = [True]  # no comment, CDATA, processing instruction, entity declaration or non-UTF-8 encoding

    def not_plain(*_: object) -> None:
        plain[0] = False

    def declaration(_version: str | None, encoding: str | None, _standalone: int) -> None:
        if encoding is not None and encoding.lower().replace("_", "-") not in ("utf-8", "utf8"):
            plain[0] = False

    parser.CommentHandler = not_plain
    parser.StartCdataSectionHandler = not_plain
    parser.ProcessingInstructionHandler = not_plain
    parser.EntityDeclHandler = not_plain
    parser.XmlDeclHandler = declaration
    pattern = _RECORD_TAGS[fmt]
    tail = b""
    with path.open("rb") as handle:
        try:
            while chunk := handle.read(_CHUNK):
                records += len(pattern.findall(chunk))  # approximate (a tag may straddle chunks)
                if plain[0] and (_PREFIXED.search(tail + chunk[:_TAIL]) or _PREFIXED.search(chunk)):
                    plain[0] = False
                tail = chunk[-_TAIL:]
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except xml.parsers.expat.ExpatError as err:
            reason = xml.parsers.expat.ErrorString(err.code)
            truncated = reason in ("no element found", "unclosed token") or "unclosed" in reason
            what = (
                "truncated XML (the file ends inside an element)"
                if truncated
                else f"malformed XML ({reason})"
            )
            raise ImportFileError(
                f"{path}: line {err.lineno}, column {err.offset + 1} (byte {parser.CurrentByteIndex}): "
                f"{what}; nothing from this file was stored",
                hint="re-download or repair the file and import it again",
                details={
                    "file": str(path),
                    "line": err.lineno,
                    "column": err.offset + 1,
                    "byte": parser.CurrentByteIndex,
                },
            ) from None
    return records, plain[0]


def _check_text(path: Path, needle: bytes = b"") -> tuple[int, bool]:
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = line = 0
    found, tail = False, b""
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            if needle and not found:
                found = needle in tail + chunk[: len(needle)] or needle in chunk
                tail = chunk[-len(needle) :]
            zero = chunk.find(b"\x00")
            try:
                if zero >= 0:
                    raise ImportFileError(
                        f"{path}: line {line + chunk.count(_NL, 0, zero) + 1} (byte {offset + zero}): binary "
                        "content (NUL byte); nothing from this file was stored",
                        hint="give a UTF-8 text file",
                        details={"file": str(path), "byte": offset + zero},
                    )
                decoder.decode(chunk)
            except UnicodeDecodeError as err:
                bad = err.start
                raise ImportFileError(
                    f"{path}: line {line + chunk.count(_NL, 0, bad) + 1} (byte {offset + bad}): not UTF-8 "
                    f"(byte 0x{chunk[bad]:02x}); nothing from this file was stored",
                    hint="convert the file to UTF-8 (e.g. iconv -f latin1 -t utf-8)",
                    details={"file": str(path), "byte": offset + bad},
                ) from None
            offset += len(chunk)
            line += chunk.count(b"\n")
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise ImportFileError(
                f"{path}: line {line + 1} (byte {offset}): the file ends inside a UTF-8 character "
                "(truncated); nothing from this file was stored",
                hint="re-download or repair the file",
            ) from None
    return line, found


def check_jsonl(path: Path) -> tuple[int, bool]:
    """:func:`check_file` for JSONL, and whether any line may hold a record other than a right.

    A file of rights only can take the bulk path (registry/bulk.py); the test is for the key ``"record"``,
    which only owner-family and authorisation records need.
    """
    return _check_text(path, b'"record"')


def check_file(path: Path, fmt: str) -> int:
    """Read the whole file once, cheaply, and fail before anything is stored if it is unusable.

    Returns about how many records it holds (lines or record elements), for progress bars."""
    if fmt in _RECORD_TAGS:
        return _check_xml(path, fmt)[0]
    return _check_text(path)[0]


def check_xml_plain(path: Path, fmt: str) -> tuple[int, bool]:
    """:func:`check_file` for XML, and whether the file is plain: UTF-8 with no comment, CDATA section,
    processing instruction or entity declaration. In a plain file a record's start and end tags can be
    found as text (a literal ``<`` appears nowhere else), so record elements can be cut out of byte blocks
    and parsed apart (registry/bulk_xml.py)."""
    return _check_xml(path, fmt)
