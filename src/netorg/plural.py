"""Number agreement in French and English: one mechanism for every generated sentence.

Sentences are written with the plural syntax of ICU MessageFormat,
`{N, plural, =0 {aucun membre} one {# membre} other {# membres}}`, where N is a number (as the
classification rules write it, from the data) or the name of a value passed to `render`; `#` is the
number. The form is chosen by the CLDR plural rules of the language (through babel): in English
`one` is 1 only, in French 0 and 1, so "0 violation" and "1 relation" agree without a rule per
sentence. An exact `=N` case wins over the category. Forms hold no braces except a nested plural,
which is rendered first.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

PLURAL = re.compile(
    r"\{\s*([\w.+-]+)\s*,\s*plural\s*,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\})+)"
    r"\s*\}"
)
CASE = re.compile(r"(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*)\}")


def render(text: str, lang: str, **values: int) -> str:
    """`text` with each plural expression replaced by the form its number calls for in `lang`."""
    if "plural" not in text:
        return text

    def form(match: re.Match[str]) -> str:
        key = match[1]
        number = values.get(key, _number(key))
        if number is None:
            return match[0]
        cases = dict(CASE.findall(match[2]))
        chosen = cases.get(f"={number}")
        if chosen is None:
            chosen = cases.get(category(number, lang), cases.get("other", ""))
        return chosen.replace("#", str(number))

    while True:
        rendered = PLURAL.sub(form, text)
        if rendered == text:
            return rendered
        text = rendered


def count(number: int, lang: str, forms: dict[str, str]) -> str:
    """`number` with the noun `forms[category]` (`{"one": ..., "other": ...}`) of `lang`."""
    text = forms.get(f"={number}") or forms.get(category(number, lang)) or forms["other"]
    return text.replace("#", str(number))


@cache
def category(number: int | Decimal, lang: str) -> str:
    """The CLDR plural category of a number in a language (one, other, many, ...); a decimal
    counts its written digits ("1.00" is other in English)."""
    from babel import Locale

    return Locale.parse(lang).plural_form(number)


def _number(text: str) -> int | None:
    try:
        return int(text)
    except ValueError:
        return None
