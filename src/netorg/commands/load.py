"""`netorg load`: push the knowledge base (ontology, cases, classification) to a SPARQL store."""

from __future__ import annotations

import argparse

HELP = "load the knowledge base into one named graph of a SPARQL endpoint, replacing it"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--endpoint", required=True, metavar="URL",
        help="the endpoint's query URL (credentials from NETORG_ENDPOINT_USER and "
        "NETORG_ENDPOINT_PASSWORD)",
    )
    parser.add_argument(
        "--graph", metavar="IRI", default=None,
        help="the named graph to replace (default: https://w3id.org/netorg/kb)",
    )
    parser.add_argument(
        "--store-url", metavar="URL",
        help="the Graph Store Protocol service (default: Oxigraph's `/store` beside `/query`)",
    )
    parser.add_argument(
        "--update-url", metavar="URL",
        help="the SPARQL Update service (default: Oxigraph's `/update` beside `/query`, else "
        "the endpoint itself)",
    )
    parser.add_argument(
        "--method", choices=("auto", "gsp", "update"), default="auto",
        help="Graph Store Protocol PUT, SPARQL Update, or GSP when offered (default: auto)",
    )
    parser.add_argument("--timeout", type=float, default=300.0, metavar="S",
                        help="seconds to wait for each request (default: 300)")
    parser.add_argument(
        "--data", nargs="+", metavar="PATH",
        help="case files to load instead of the bundled corpus",
    )


def run(args: argparse.Namespace) -> int:
    from netorg.commands._report import counted
    from netorg.messages import translate
    from netorg.sparql.endpoint import DEFAULT_GRAPH, Endpoint, load
    from netorg.sparql.store import dump, open_store

    endpoint = Endpoint(
        args.endpoint, graph=args.graph or DEFAULT_GRAPH, update_url=args.update_url,
        store_url=args.store_url, timeout=args.timeout,
    )
    triples = dump(open_store(args.data))
    method = load(endpoint, triples, args.method)
    protocol = "Graph Store Protocol" if method == "gsp" else "SPARQL Update"
    loaded = counted("triples", endpoint.count(), args.lang)
    print(translate(f"loaded {loaded} into <{endpoint.graph}> at {endpoint.url} ({protocol})",
                    args.lang))
    return 0
