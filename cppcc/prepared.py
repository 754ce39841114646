"""Figures whose SQL is built once per process: the ORM builds the query the first time it is asked
for with given inputs, later calls run the same SQL with the same parameters. Only the statement is
kept, never a result, so every call counts what the database holds now.

The dashboard's figures are a few wide aggregates (a COUNT … FILTER per stage, an EXISTS per level
of adoption); building each through the ORM cost three times what PostgreSQL spends running it.
For counts only: the rows come back as the database gives them, without the ORM's converters, so a
query whose columns need converting (a date, a Decimal, an extracted year) stays with the ORM.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from django.db import connection
from django.db.models import QuerySet

# One statement per (figure, inputs); a day's new date makes a new key, so the set is cleared now and then.
LIMIT = 256
_statements: dict[Hashable, tuple[str, tuple[Any, ...], tuple[str, ...]]] = {}


def _keep(key: Hashable, statement: tuple[str, tuple[Any, ...], tuple[str, ...]]) -> None:
    if len(_statements) >= LIMIT:
        _statements.clear()
    _statements[key] = statement


def _run(statement: tuple[str, tuple[Any, ...], tuple[str, ...]]) -> list[dict[str, Any]]:
    sql, params, names = statement
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = names or tuple(column[0] for column in cursor.description)
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def rows(key: Hashable, build: Callable[[], QuerySet[Any, Any]]) -> list[dict[str, Any]]:
    """The rows of a `.values(...).annotate(...)` query of counts; `key` names the figure and every
    input its SQL depends on."""
    statement = _statements.get(key)
    if statement is None:
        # The columns are named as the ORM names them: a field by its column, the rest by alias.
        sql, params = build().query.sql_with_params()
        statement = (sql, tuple(params), ())
        _keep(key, statement)
    return _run(statement)


def aggregate(key: Hashable, build: Callable[[], QuerySet[Any]], /, **counts: Any) -> dict[str, Any]:
    """`build().aggregate(**counts)`; `key` names the figure and every input its SQL depends on."""
    statement = _statements.get(key)
    if statement is not None:
        return _run(statement)[0]
    seen: list[tuple[str, tuple[Any, ...]]] = []

    def capture(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        seen.append((sql, tuple(params or ())))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(capture):
        result = build().aggregate(**counts)
    if len(seen) == 1 and all(isinstance(value, int) for value in result.values()):
        _keep(key, (*seen[0], tuple(result)))
    return result
