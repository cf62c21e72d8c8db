"""The queries every backend answers, written once in SQL that DuckDB and PostgreSQL both read.

Backends implement ``query`` (``?`` placeholders), ``stored`` and ``_insert``; everything the CLI, the
analysis modules and the dashboard ask of a store is a method here, so no caller writes SQL. Rules kept
for both dialects: no DuckDB-only syntax (``GROUP BY ALL``, ``EXCLUDE``, list literals, ``any_value``),
``NULLS LAST`` spelled out, a unique last sort key so ties come back in the same order everywhere, and
rounding done in Python.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..errors import check_date
from ..records import Extraction
from .rows import EVENT_COLUMNS, TABLES, Rows, rows_for

DOC_COLUMNS = "d.doc_id, d.title, d.url, d.origin, d.date AS doc_date"
WHEN = "coalesce(e.date, d.date)"
PERIODS = ("day", "week", "month", "year")
_SIDES = "source_code, source_country, source_org"
_TARGETS = "target_code, target_country, target_org"


def _confidence(min_confidence: float | None, column: str = "confidence") -> tuple[list[str], list[Any]]:
    if min_confidence is not None and not 0 <= min_confidence <= 1:
        raise ValueError(f"min_confidence must be a number from 0 to 1, not {min_confidence!r}")
    if not min_confidence or min_confidence <= 0:
        return [], []
    return [f"{column} >= ?"], [min_confidence]


def _period(since: str | None, until: str | None, when: str) -> tuple[list[str], list[Any]]:
    where, params = [], []
    if since:
        where.append(f"{when} >= CAST(? AS DATE)")
        params.append(since)
    if until:
        where.append(f"{when} <= CAST(? AS DATE)")
        params.append(until)
    return where, params


def _where(conditions: list[str]) -> str:
    return (" WHERE " + " AND ".join(conditions)) if conditions else ""


class SQLStore:
    """Shared writing logic and every named read. Subclasses provide the connection."""

    # -- to implement ------------------------------------------------------------------------
    def query(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:  # pragma: no cover
        raise NotImplementedError

    def stored(self, hashes: Iterable[str]) -> set[str]:  # pragma: no cover
        """Which of these document hashes the store already holds."""
        raise NotImplementedError

    def _insert(self, rows: Rows) -> int:  # pragma: no cover
        """Insert in one transaction, skipping documents stored meanwhile; return how many were new."""
        raise NotImplementedError

    # -- writing -----------------------------------------------------------------------------
    def add(self, extractions: Iterable[Extraction]) -> int:
        """Add extractions in one transaction; a document whose text is stored already is skipped.
        Returns how many new documents were stored."""
        return self.add_rows(rows_for(extractions))

    def add_rows(self, rows: Rows) -> int:
        if not len(rows):
            return 0
        known = self.stored(rows.hashes)
        fresh = rows.only(set(rows.hashes) - known) if known else rows
        if not len(fresh):
            return 0
        return self._insert(fresh)

    # -- reading -----------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        return {t: int(self.query(f"SELECT count(*) AS n FROM {t}")[0]["n"]) for t in TABLES}

    def events(self, *, actor: str | None = None, dyad: tuple[str, str] | None = None,
               plover: str | None = None, since: str | None = None, until: str | None = None,
               factual: bool = False, doc_hash: str | None = None, limit: int | None = None,
               min_confidence: float | None = None) -> list[dict[str, Any]]:
        """Events matching every filter given. ``min_confidence`` keeps events whose stored confidence
        is at least that value (events without one are then left out); ``None`` or 0 keeps all."""
        confidence, confidence_params = _confidence(min_confidence)
        since, until = check_date(since, "since"), check_date(until, "until")
        filters = [  # (active, SQL condition, parameters)
            (actor, f"(? IN ({_SIDES}, {_TARGETS}))", [actor]),
            (dyad, f"(? IN ({_SIDES}) AND ? IN ({_TARGETS}))", list(dyad or [])),
            (plover, "(plover = ? OR cameo = ?)", [(plover or "").upper(), plover]),
            (since, "date >= CAST(? AS DATE)", [since]),
            (until, "date <= CAST(? AS DATE)", [until]),
            (factual, "factual", []),
            (doc_hash, "doc_hash = ?", [doc_hash]),
        ]
        where = [sql for active, sql, _ in filters if active] + confidence
        params = [p for active, _, values in filters if active for p in values] + confidence_params
        sql = ("SELECT * FROM events" + _where(where)
               + " ORDER BY date NULLS LAST, doc_hash, sentence, event_start, event_id")
        if limit:
            sql += f" LIMIT {int(limit)}"
        return self.query(sql, params)

    def select_events(self, *, since: str | None = None, until: str | None = None, factual: bool | None = None,
                      doc_hash: str | None = None, pair: tuple[str, str] | None = None,
                      both_directions: bool = True, min_confidence: float | None = None,
                      newest_first: bool = True, limit: int | None = None) -> list[dict[str, Any]]:
        """Events with their document's fields, ``when`` (own date, else the document's) and
        ``dated_by_document``, filtered on ``when``. ``factual`` None keeps facts and non-facts."""
        where, params = _period(since, until, WHEN)
        if factual is not None:
            where.append("e.factual" if factual else "NOT coalesce(e.factual, false)")
        if doc_hash:
            where.append("e.doc_hash = ?")
            params.append(doc_hash)
        if pair:
            side = ("(? IN (e.source_code, e.source_country, e.source_org) AND "
                    "? IN (e.target_code, e.target_country, e.target_org))")
            where.append(f"({side} OR {side})" if both_directions else side)
            params += [pair[0], pair[1]] + ([pair[1], pair[0]] if both_directions else [])
        confidence, values = _confidence(min_confidence, "e.confidence")
        where += confidence
        params += values
        order = "DESC" if newest_first else "ASC"
        sql = (f"SELECT e.*, {DOC_COLUMNS}, {WHEN} AS when, ((e.date IS NULL AND d.date IS NOT NULL) "
               "OR coalesce(e.date_source, '') = 'document') AS dated_by_document "
               "FROM events e JOIN documents d ON d.doc_hash = e.doc_hash" + _where(where)
               + f" ORDER BY {WHEN} {order} NULLS LAST, d.doc_id NULLS LAST, e.sentence, e.event_start, e.event_id")
        if limit:
            sql += f" LIMIT {int(limit)}"
        return self.query(sql, params)

    def document_fields(self, hashes: Iterable[str]) -> list[dict[str, Any]]:
        """doc_hash, doc_id, title, url, origin and doc_date of these documents."""
        hashes = sorted(set(hashes))
        found: list[dict[str, Any]] = []
        for start in range(0, len(hashes), 500):
            part = hashes[start:start + 500]
            found += self.query("SELECT doc_hash, doc_id, title, url, origin, date AS doc_date FROM documents "
                                f"WHERE doc_hash IN ({', '.join('?' * len(part))})", part)
        return found

    def find_document(self, key: str) -> str | None:
        """The hash of the document with this id or hash, or None."""
        rows = self.query("SELECT doc_hash FROM documents WHERE doc_id = ? OR doc_hash = ? ORDER BY doc_hash LIMIT 1",
                          [key, key])
        return rows[0]["doc_hash"] if rows else None

    def newest_date(self) -> str | None:
        """The newest document date (else the newest event date), ISO, or None."""
        row = self.query("SELECT coalesce((SELECT max(date) FROM documents), (SELECT max(date) FROM events)) AS newest")
        return str(row[0]["newest"]) if row and row[0]["newest"] is not None else None

    def known_codes(self) -> list[str]:
        """Every actor code, country and organisation in the store, most mentioned first."""
        parts = [f"SELECT {c} AS v FROM actors" for c in ("code", "country", "org")]
        parts += [f"SELECT {side}_{f} AS v FROM events" for side in ("source", "target") for f in ("code", "country", "org")]
        rows = self.query(f"SELECT v AS code, count(*) AS n FROM ({' UNION ALL '.join(parts)}) AS codes "
                          "WHERE v IS NOT NULL AND v <> '' GROUP BY v ORDER BY n DESC, v")
        return [r["code"] for r in rows]

    def actor_counts(self) -> list[dict[str, Any]]:
        """code, country, org, sector, mentions and an example text, most mentioned first."""
        return self.query("SELECT code, country, org, sector, count(*) AS mentions, min(text) AS example FROM actors "
                          "GROUP BY code, country, org, sector "
                          "ORDER BY mentions DESC, code NULLS LAST, country NULLS LAST, org NULLS LAST, sector NULLS LAST")

    def actor_mentions_by_document(self) -> list[dict[str, Any]]:
        """code, example text, mentions and doc_hash per actor code and document."""
        return self.query("SELECT code, min(text) AS example, count(*) AS mentions, doc_hash FROM actors "
                          "GROUP BY code, doc_hash ORDER BY doc_hash, code NULLS LAST")

    def documents_newest_first(self) -> list[dict[str, Any]]:
        return self.query("SELECT doc_hash, doc_id, title, date, url FROM documents "
                          "ORDER BY date DESC NULLS LAST, doc_id NULLS LAST, doc_hash")

    def quantities_with_dates(self) -> list[dict[str, Any]]:
        return self.query("SELECT q.*, d.date AS doc_date FROM quantities q JOIN documents d ON d.doc_hash = q.doc_hash "
                          "ORDER BY d.date DESC NULLS LAST, q.doc_hash, q.sentence, q.start_char, q.end_char")

    def dyad_periods(self, a: str, b: str, *, by: str = "month", factual: bool = True, both_directions: bool = True,
                     min_confidence: float | None = None, since: str | None = None,
                     until: str | None = None) -> list[dict[str, Any]]:
        """Per period (its first day, ISO, or None for undated): counts per QuadClass, Goldstein sum and
        mean (rounded to 2 places) and how many events were dated by their document."""
        if by not in PERIODS:
            raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {by!r}")
        side = f"(? IN ({_SIDES}) AND ? IN ({_TARGETS}))"
        where = [side if not both_directions else f"({side} OR {side})"]
        params: list[Any] = [a, b] + ([b, a] if both_directions else [])
        if factual:
            where.append("factual")
        confidence, values = _confidence(min_confidence)
        where += confidence
        params += values
        period_where, period_params = _period(since, until, "when_")
        where += period_where
        params += period_params
        quad = "count(*) FILTER (WHERE quad_class {})"
        sql = f"""
            WITH e AS (SELECT e.*, coalesce(e.date, d.date) AS when_,
                              ((e.date IS NULL AND d.date IS NOT NULL) OR coalesce(e.date_source, '') = 'document') AS by_doc
                       FROM events e JOIN documents d ON d.doc_hash = e.doc_hash)
            SELECT CAST(date_trunc('{by}', when_) AS DATE) AS period,
                   count(*) AS events,
                   {quad.format('= 1')} AS verbal_coop, {quad.format('= 2')} AS material_coop,
                   {quad.format('= 3')} AS verbal_conflict, {quad.format('= 4')} AS material_conflict,
                   {quad.format('IN (2, 4)')} AS material, {quad.format('IN (1, 3)')} AS verbal,
                   sum(goldstein) AS goldstein_sum, avg(goldstein) AS goldstein_mean,
                   count(*) FILTER (WHERE by_doc) AS dated_by_document
            FROM e{_where(where)}
            GROUP BY 1 ORDER BY 1 NULLS LAST"""
        rows = self.query(sql, params)
        for row in rows:
            row["period"] = str(row["period"])[:10] if row["period"] is not None else None
            for key in ("goldstein_sum", "goldstein_mean"):
                row[key] = round(float(row[key]), 2) if row[key] is not None else None
        return rows

    def export_rows(self, *, min_confidence: float | None = None, factual_only: bool = False) -> list[dict[str, Any]]:
        """Events with their document's id, title, URL and date, oldest first."""
        where, params = _confidence(min_confidence, "e.confidence")
        if factual_only:
            where.append("e.factual")
        columns = ", ".join(f"e.{c}" for c in EVENT_COLUMNS if c != "event_id")
        return self.query(f"SELECT e.event_id, d.doc_id, d.title, d.url, d.date AS doc_date, {columns}, d.origin "
                          "FROM events e JOIN documents d ON d.doc_hash = e.doc_hash" + _where(where)
                          + " ORDER BY e.date NULLS LAST, d.doc_id NULLS LAST, e.sentence, e.event_start, e.event_id", params)

    # -- the dashboard's reads ------------------------------------------------------------------
    def _document_filter(self, q: str | None, since: str | None, until: str | None) -> tuple[str, list[Any]]:
        where, params = [], []
        if q:
            where.append("(title ILIKE ? OR doc_id ILIKE ? OR text ILIKE ?)")
            params += [f"%{q}%"] * 3
        for value, op, name in ((since, ">=", "since"), (until, "<=", "until")):
            if value:
                where.append(f"date {op} CAST(? AS DATE)")
                params.append(check_date(value, name))
        return _where(where), params

    def count_documents(self, *, q: str | None = None, since: str | None = None, until: str | None = None) -> int:
        clause, params = self._document_filter(q, since, until)
        return int(self.query(f"SELECT count(*) AS n FROM documents{clause}", params)[0]["n"])

    def list_documents(self, *, q: str | None = None, since: str | None = None, until: str | None = None,
                       limit: int = 200, offset: int = 0) -> list[dict[str, Any]]:
        """Documents newest first with their length in characters (``chars``)."""
        clause, params = self._document_filter(q, since, until)
        return self.query(f"SELECT doc_hash, doc_id, title, date, url, length(text) AS chars FROM documents{clause} "
                          "ORDER BY date DESC NULLS LAST, doc_id NULLS LAST, doc_hash LIMIT ? OFFSET ?",
                          params + [int(limit), int(offset)])

    def document(self, doc_hash: str) -> dict[str, Any] | None:
        rows = self.query("SELECT doc_hash, doc_id, title, date, text FROM documents WHERE doc_hash = ?", [doc_hash])
        return rows[0] if rows else None

    def document_actors(self, doc_hash: str) -> list[dict[str, Any]]:
        return self.query("SELECT start_char, end_char, code, text FROM actors WHERE doc_hash = ? "
                          "ORDER BY start_char, end_char, code NULLS LAST", [doc_hash])

    def count_events(self, doc_hash: str | None = None) -> int:
        if doc_hash is None:
            return int(self.query("SELECT count(*) AS n FROM events")[0]["n"])
        return int(self.query("SELECT count(*) AS n FROM events WHERE doc_hash = ?", [doc_hash])[0]["n"])

    def search_events(self, words: str, *, min_confidence: float | None = None, limit: int = 50) -> list[dict[str, Any]]:
        """Events whose sentence or event words hold ``words``, or whose source or target code is it."""
        pattern = f"%{words}%"
        confidence, values = _confidence(min_confidence)
        where = ["(sentence_text ILIKE ? OR event_text ILIKE ? OR source_code = ? OR target_code = ?)"] + confidence
        return self.query("SELECT * FROM events" + _where(where)
                          + " ORDER BY date DESC NULLS LAST, doc_hash, sentence, event_start, event_id LIMIT ?",
                          [pattern, pattern, words.upper(), words.upper(), *values, int(limit)])

    def search_documents(self, words: str, *, limit: int = 50) -> list[dict[str, Any]]:
        pattern = f"%{words}%"
        return self.query("SELECT doc_hash, doc_id, title, date FROM documents WHERE title ILIKE ? OR text ILIKE ? "
                          "ORDER BY date DESC NULLS LAST, doc_id NULLS LAST, doc_hash LIMIT ?", [pattern, pattern, int(limit)])
