"""The query catalogue on the site: each question, its parameters, its SPARQL text and its answer
on the bundled corpus (in the page's language where the query takes one)."""

from __future__ import annotations

from collections.abc import Iterator

from netorg.site.data import Query, SiteData
from netorg.site.markdown import Links, colon, escape, page, say, section, table
from netorg.site.terms import question

MAX_ROWS = 200


def query_pages(data: SiteData, lang: str) -> Iterator[tuple[str, str]]:
    for query in data.queries:
        yield f"queries/{query.id}.md", query_page(data, query, lang)
    yield "queries/index.md", index_page(data, lang)


def query_page(data: SiteData, query: Query, lang: str) -> str:
    entry = query.entry
    # the catalogue writes `returns` and parameter descriptions in English only: a French page
    # leaves them out rather than mix languages
    english = lang == "en"
    header = [say("word.name", lang), say("word.type", lang), say("word.default", lang)]
    rows = [[f"`{p.name}`", p.type, f"`{p.default}`"] for p in entry.params]
    if english:
        header.append(say("word.description", lang))
        rows = [[*row, escape(p.description)] for row, p in zip(rows, entry.params, strict=True)]
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
    return page(
        question(query, lang),
        f"**{say('word.summary', lang)}**{colon(lang)}{escape(entry.summary.get(lang, ''))}\n\n"
        + (
            f"**{say('word.returns', lang)}**{colon(lang)}{escape(entry.returns)}\n"
            if english
            else ""
        ),
        section(say("heading.parameters", lang), params),
        section(say("heading.run_it", lang), command + "\n" + python),
        section(say("heading.sparql", lang), f"```sparql\n{sparql_body(entry.text)}\n```\n"),
        section(say("heading.answer", lang), answer(query, lang)),
    )


def sparql_body(text: str) -> str:
    """The query without its `#+` header, which the page already says in words."""
    return "\n".join(line for line in text.splitlines() if not line.startswith("#+")).strip()


def answer(query: Query, lang: str) -> str:
    from netorg.sparql.results import pivoted

    if query.error:
        return f'!!! failure "{say("queries.failed", lang)}"\n    {escape(query.error)}\n'
    result = query.results.get(lang)
    if result is None:
        return ""
    text = say("queries.answer_intro", lang, n=len(result.rows)) + "\n\n"
    pivot = query.entry.pivot
    if pivot and {pivot.get("rows"), pivot.get("columns"), pivot.get("values")} <= set(
        result.columns
    ):
        text += (
            result_table(pivoted(result, pivot["rows"], pivot["columns"], pivot["values"])) + "\n"
        )
        text += (
            f'??? note "{say("queries.long_form", lang)}"\n\n'
            + _indent(result_table(result))
            + "\n"
        )
        return text
    return text + result_table(result)


def result_table(result) -> str:
    rows = [[escape("" if v is None else v) for v in row] for row in result.rows[:MAX_ROWS]]
    more = f"\n… {len(result.rows) - MAX_ROWS}\n" if len(result.rows) > MAX_ROWS else ""
    if not result.columns:
        return "—\n"
    return table([f"`{c}`" for c in result.columns], rows) + more


def index_page(data: SiteData, lang: str) -> str:
    links = Links(data, lang)
    rows = []
    for query in data.queries:
        tags = ", ".join(query.entry.tags)
        rows.append(
            [
                links.query(query.id),
                escape(question(query, lang)),
                escape(tags),
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
