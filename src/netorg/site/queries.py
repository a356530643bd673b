"""The query catalogue on the site: each question, its parameters, its SPARQL text and its answer
on the bundled corpus (in the page's language where the query takes one)."""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import URIRef

from netorg import CASE_NS
from netorg.site.data import Query, SiteData, label
from netorg.site.markdown import (
    Links,
    colon,
    column,
    country_name,
    data_text,
    escape,
    page,
    say,
    section,
    table,
    words,
)
from netorg.site.terms import question

MAX_ROWS = 200


def query_pages(data: SiteData, lang: str) -> Iterator[tuple[str, str]]:
    for query in data.queries:
        yield f"queries/{query.id}.md", query_page(data, query, lang)
    yield "queries/index.md", index_page(data, lang)


def query_page(data: SiteData, query: Query, lang: str) -> str:
    """The question, its answer on the corpus, then how to run it and its SPARQL: a reader wants
    the answer first."""
    entry = query.entry
    header = [
        say("word.name", lang),
        say("word.type", lang),
        say("word.default", lang),
        say("word.description", lang),
    ]
    rows = [
        [f"`{p.name}`", say(f"param_type.{p.type}", lang), f"`{p.default}`",
         escape(p.describe(lang))]
        for p in entry.params
    ]
    params = table(header, rows) if rows else say("queries.no_params", lang)
    command = (
        f"```bash\nnetorg query {entry.id}"
        + (f" --lang {lang}" if entry.param("lang") else "")
        + "\n```\n"
    )
    python = (
        f'```python\nimport netorg\nnetorg.KnowledgeBase().query("{entry.id}"'
        + (f', lang="{lang}"' if entry.param("lang") else "")
        + ")\n```\n"
    )
    returns = escape(entry.returns.get(lang, entry.returns["en"]))
    return page(
        question(query, lang),
        f"**{say('word.summary', lang)}**{colon(lang)}{escape(entry.summary.get(lang, ''))}\n",
        section(say("heading.answer", lang), answer(data, query, lang)),
        f"**{say('word.returns', lang)}**{colon(lang)}{returns}\n",
        section(say("heading.parameters", lang), params),
        section(say("heading.run_it", lang), command + "\n" + python),
        section(say("heading.sparql", lang), f"```sparql\n{sparql_body(entry.text)}\n```\n"),
    )


def sparql_body(text: str) -> str:
    """The query without its `#+` header, which the page already says in words."""
    return "\n".join(line for line in text.splitlines() if not line.startswith("#+")).strip()


def answer(data: SiteData, query: Query, lang: str) -> str:
    from netorg.sparql.results import in_words, pivoted

    if query.error:
        return f'!!! failure "{say("queries.failed", lang)}"\n    {escape(query.error)}\n'
    result = query.results.get(lang)
    if result is None:
        return ""
    links = Links(data, lang)
    result = in_words(result, query.entry, lang)
    text = say("queries.answer_intro", lang, n=len(result.rows)) + "\n\n"
    pivot = query.entry.pivot
    if pivot and {pivot.get("rows"), pivot.get("columns"), pivot.get("values")} <= set(
        result.columns
    ):
        text += (
            result_table(pivoted(result, pivot["rows"], pivot["columns"], pivot["values"]), links)
            + "\n"
        )
        text += (
            f'??? note "{say("queries.long_form", lang)}"\n\n'
            + _indent(result_table(result, links))
            + "\n"
        )
        return text
    return text + result_table(result, links)


def result_table(result, links: Links) -> str:
    """The answer as people read it: headers in words, yes/no for booleans, labels linked to
    their pages for IRIs (a column `xIri` links the cells of column `x` and is not shown)."""
    if not result.columns:
        return "—\n"
    columns = list(result.columns)
    linked = {c[: -len("Iri")]: columns.index(c) for c in columns if c.endswith("Iri")}
    shown = [i for i, c in enumerate(columns) if not (c.endswith("Iri") and c[:-3] in columns)]
    rows = []
    for row in result.rows[:MAX_ROWS]:
        cells = []
        for i in shown:
            iri = row[linked[columns[i]]] if columns[i] in linked else None
            value = row[i]
            if columns[i] == "country" and isinstance(value, str) and len(value) == 2:
                cells.append(country_name(value, links.lang))
                continue
            cells.append(_cell(value, iri, links))
        rows.append(cells)
    more = f"\n… {len(result.rows) - MAX_ROWS}\n" if len(result.rows) > MAX_ROWS else ""
    header = [column(columns[i], links.lang) for i in shown]
    return table(header, rows) + more


def _cell(value, iri, links: Links) -> str:
    lang = links.lang
    if value is None:
        return ""
    if isinstance(value, bool):
        return say("word.yes" if value else "word.no", lang)
    if isinstance(value, str) and value.startswith(("http://", "https://")) and iri is None:
        iri, value = value, None
    if iri is None:  # a literal of the knowledge base, quoted as it is
        return escape(value) if isinstance(value, int | float) else data_text(str(value))
    iri = URIRef(str(iri))
    if str(iri).startswith(CASE_NS):
        name = value if value is not None else label(links.data.corpus, iri, lang)
        return links.case(iri, str(name))
    if iri in links.data.terms:
        return links.term(iri, None if value is None else str(value))
    name = value if value is not None else label(links.data.ontology, iri, lang)
    return f"[{data_text(str(name))}]({iri})" if value is None else f"[{escape(name)}]({iri})"


def index_page(data: SiteData, lang: str) -> str:
    links = Links(data, lang)
    rows = []
    for query in data.queries:
        tags = ", ".join(words().get(f"tag.{tag}", {}).get(lang, tag) for tag in query.entry.tags)
        rows.append(
            [
                links.query(query.id),
                escape(question(query, lang)),
                tags,
                str(len(query.results[lang].rows)) if lang in query.results else "—",
            ]
        )
    header = [
        say("word.query", lang),
        say("word.question", lang),
        say("word.tags", lang),
        say("word.rows", lang),
    ]
    return page(
        say("page.queries", lang),
        say("queries.intro", lang, n=len(rows)) + "\n",
        table(header, rows),
    )


def _indent(text: str) -> str:
    return "".join(f"    {line}\n" if line else "\n" for line in text.splitlines())
