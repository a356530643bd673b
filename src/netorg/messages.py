"""The command line's messages in the user's language: English as written, French from a catalogue.

Messages are written in English where they arise (`f"bad year {text!r} ..."`), so that code reads
naturally and a message is never lost; `translate` matches one against the msgids of
`locale/<lang>.po` (a gettext catalogue read with babel), where the variable parts are written
`{name}`, and fills the translation with those parts, each translated in turn when it is itself a
message (a reason inside a row error). A part named text, case or member is a quoted value
(`'entreprize'`), never translated. A message with no entry stays as it is.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

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


@cache
def _patterns(lang: str) -> tuple[tuple[re.Pattern[str], tuple[str, ...], str], ...]:
    """The catalogue's entries as regular expressions, the most specific (longest) first."""
    from babel.messages.pofile import read_po

    path = Path(__file__).parent / "locale" / f"{lang}.po"
    if not path.is_file():
        return ()
    with path.open("rb") as handle:
        catalog = read_po(handle)
    entries = []
    for message in catalog:
        if not message.id or not message.string:
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
