"""XML that cannot expand without end or read other files: DTDs are refused (defusedxml).

A DTD is where entity bombs (billion laughs) and external entities (XXE) are declared; neither RDF
nor a workbook needs one. The check reads the XML as a stream and builds nothing.
"""

from __future__ import annotations

from typing import IO


def dtd_line(handle: IO[bytes]) -> int | None:
    """The line of the DTD or entity declaration in the XML read from `handle`, or None.

    Malformed XML is not this check's business (None): the real parser says where it breaks."""
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import DefusedXMLParser

    parser = DefusedXMLParser(target=_Discard(), forbid_dtd=True)
    try:
        while block := handle.read(1 << 20):
            parser.feed(block)
        parser.close()
    except DefusedXmlException:
        return int(parser.parser.CurrentLineNumber)
    except ParseError:
        return None
    return None


class _Discard:
    """A parser target that keeps nothing: the check only needs the parser's events."""

    def start(self, *args: object) -> None: ...
    def end(self, *args: object) -> None: ...
    def data(self, *args: object) -> None: ...
    def close(self) -> None: ...
