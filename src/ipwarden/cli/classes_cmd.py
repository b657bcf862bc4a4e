"""CLI command: ``ipwarden classes`` shows a Nice class, finds the class of a term, lists related classes."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from ipwarden.cli._common import JsonOption
from ipwarden.errors import InputError
from ipwarden.registry.nice import (
    NiceClass,
    load_classification,
    parse_class,
    related_classes,
    relations_of,
)

__all__ = ["register"]

SAMPLE_TERMS = 15


def _short(cls: NiceClass, width: int = 60) -> str:
    head = cls.heading[0] if cls.heading else ""
    return head if len(head) <= width else head[: width - 1].rstrip(" ,") + "…"


def _class_dict(cls: NiceClass, *, all_terms: bool) -> dict[str, Any]:
    terms = cls.terms if all_terms else cls.terms[:SAMPLE_TERMS]
    return {
        "class": cls.number,
        "kind": cls.kind,
        "heading": list(cls.heading),
        "note": cls.note,
        "term_count": len(cls.terms),
        "terms": [{"basic_number": t.basic_number, "text": t.text} for t in terms],
    }


def _show(number: str, all_terms: bool, as_json: bool) -> None:
    cls = load_classification().get(parse_class(number))
    if as_json:
        typer.echo(json.dumps(_class_dict(cls, all_terms=all_terms), ensure_ascii=False, indent=2))
        return
    typer.echo(f"Class {cls.number} ({cls.kind}s): {cls.title}")
    if cls.note:
        typer.echo(f"\n{cls.note}")
    terms = cls.terms if all_terms else cls.terms[:SAMPLE_TERMS]
    shown = "all" if all_terms else f"{len(terms)} of"
    typer.echo(f"\nTerms ({shown} {len(cls.terms)}):")
    for term in terms:
        typer.echo(f"  {term.basic_number}  {term.text}")
    if not all_terms and len(cls.terms) > len(terms):
        typer.echo(f"  … use --all to list all {len(cls.terms)} terms")


def _search(text: str, as_json: bool) -> None:
    found = load_classification().search_classes(text)
    if as_json:
        body = {
            "query": text,
            "classes": [
                {
                    "class": c,
                    "score": hits[0].score,
                    "terms": [{"text": h.term, "score": h.score, "via": h.via} for h in hits],
                }
                for c, hits in found
            ],
        }
        typer.echo(json.dumps(body, ensure_ascii=False, indent=2))
        return
    if not found:
        typer.echo(f"No Nice term matches {text!r}; try a more general word (e.g. 'shoes', 'software').")
        return
    classification = load_classification()
    for number, hits in found:
        typer.echo(f"Class {number}: {_short(classification.classes[number])} (score {hits[0].score:.2f})")
        for hit in hits:
            typer.echo(f"    {hit.term}" + (f"  (for '{hit.via}')" if hit.via else ""))


def _related(number: str, as_json: bool) -> None:
    c = parse_class(number)
    rels = relations_of(c)
    if as_json:
        body = {
            "class": c,
            "related": sorted(related_classes(c)),
            "relations": [
                {"class": min(r.classes - {c}), "basis": r.basis, "source": r.source, "note": r.note}
                for r in rels
            ],
        }
        typer.echo(json.dumps(body, ensure_ascii=False, indent=2))
        return
    classification = load_classification()
    typer.echo(f"Classes related to class {c} ({_short(classification.classes[c])}):")
    for rel in rels:
        other = min(rel.classes - {c})
        note = f" — {rel.note}" if rel.note else ""
        typer.echo(f"  {other:>2}  {_short(classification.classes[other])}  [{rel.basis}]{note}")
        typer.echo(f"      source: {rel.source}")


def classes(
    number: Annotated[str | None, typer.Argument(help="A Nice class number, 1-45.")] = None,
    search: Annotated[
        str | None, typer.Option("--search", help="Find the classes for a goods/services term.")
    ] = None,
    related: Annotated[
        str | None, typer.Option("--related", help="Show the classes related to this class, with sources.")
    ] = None,
    all_terms: Annotated[bool, typer.Option("--all", help="List every term of the class.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Look up the Nice classification (NCL 12-2024): a class, the class of a term, or related classes."""
    chosen = [x for x in (number, search, related) if x is not None]
    if len(chosen) != 1:
        raise InputError(
            "give exactly one of: a class number, --search TEXT or --related CLASS",
            hint="e.g. `ipwarden classes 25`, `ipwarden classes --search 'running shoes'`, "
            "`ipwarden classes --related 25`",
        )
    if search is not None:
        if not search.strip():
            raise InputError("--search needs a goods or services term, e.g. --search 'running shoes'")
        _search(search, as_json)
    elif related is not None:
        _related(related, as_json)
    else:
        _show(str(number), all_terms, as_json)


def register(app: typer.Typer) -> None:
    """Add ``ipwarden classes`` to the root app."""
    app.command("classes")(classes)
