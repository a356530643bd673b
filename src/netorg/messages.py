"""The command line's messages in the user's language: English as written, French from a catalogue.

Messages are written in English where they arise (`f"bad year {text!r} ..."`), so that code reads
naturally and a message is never lost; `translate` matches one against the msgids of
`locale/<lang>.po` (a gettext catalogue read with babel), where the variable parts are written
`{name}`, and fills the translation with those parts, each translated in turn when it is itself a
message (a reason inside a row error). A part named text, case or member is a quoted value
(`'entreprize'`), never translated. A message with no entry stays as it is.
"""

from __future__ import annotations

import gettext as _gettext
import io
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from babel.messages.catalog import Catalog

LANGUAGES = ("en", "fr")

QUOTED = r"(?:'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")"
QUOTED_PARTS = {"text", "case", "member"}  # the user's own values, as repr() writes them


def translate(message: str, lang: str) -> str:
    """`message` in `lang` (English, and anything the catalogue lacks, unchanged)."""
    if lang == "en" or not message:
        return message
    if "\n" in message:
        return "\n".join(translate(line, lang) for line in message.split("\n"))
    for pattern, names, target in _patterns(lang):
        match = pattern.fullmatch(message)
        if match:
            parts = {name: _quoted(match[name], lang) if name in QUOTED_PARTS
                     else translate(match[name], lang) for name in names}
            return target.format(**parts)
    return message


def _quoted(value: str, lang: str) -> str:
    """A value the user typed, between the quotation marks of `lang` (« » in French)."""
    return f"« {value[1:-1]} »" if lang == "fr" else value


def gettext(text: str, lang: str) -> str:
    """`text` as the catalogue of `lang` writes it, looked up whole (unchanged when absent)."""
    return translations(lang).gettext(text) if text else text


@cache
def translations(lang: str) -> _gettext.NullTranslations:
    """The catalogue of `lang` compiled in memory (babel writes the .mo, gettext reads it, plural
    forms included); English, or a language without a catalogue, translates nothing."""
    catalog = _catalog(lang)
    if catalog is None:
        return _gettext.NullTranslations()
    from babel.messages.mofile import write_mo

    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return _gettext.GNUTranslations(compiled)


@cache
def _catalog(lang: str) -> Catalog | None:
    path = Path(__file__).parent / "locale" / f"{lang}.po"
    if lang == "en" or not path.is_file():
        return None
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        return read_po(handle)


def msgids(lang: str) -> frozenset[str]:
    """The texts the catalogue of `lang` translates (singular msgids), for the tests that check a
    text is covered."""
    catalog = _catalog(lang)
    if catalog is None:
        return frozenset()
    return frozenset(m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id)


@cache
def _patterns(lang: str) -> tuple[tuple[re.Pattern[str], tuple[str, ...], str], ...]:
    """The catalogue's entries as regular expressions, the most specific (longest) first."""
    catalog = _catalog(lang)
    if catalog is None:
        return ()
    entries = []
    for message in catalog:
        if not message.id or not message.string or message.pluralizable:
            continue
        names = tuple(re.findall(r"\{(\w+)\}", message.id))
        pieces = re.split(r"\{(\w+)\}", message.id)
        regex = "".join(
            re.escape(piece) if i % 2 == 0 else
            f"(?P<{piece}>{QUOTED if piece in QUOTED_PARTS else '.+?'})"
            for i, piece in enumerate(pieces))
        entries.append((len(message.id) - 3 * len(names), re.compile(regex, re.DOTALL), names,
                        message.string))
    entries.sort(key=lambda entry: -entry[0])
    return tuple((pattern, names, target) for _, pattern, names, target in entries)
