"""What ``realpolitik watch`` keeps in the store: each watched URL's last answer (for conditional
requests), the article URLs already ingested, and the alerts fired with the events they cover.

A mixin over a backend that provides ``query`` (``?`` placeholders, rows as dicts) and ``_write``
(statements run in one transaction). The SQL is plain enough for DuckDB and PostgreSQL alike.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

MONITOR_TABLES = ("watch_urls", "watch_items", "alerts", "alert_events")


def _chunks(values: list[str], size: int = 500):
    for start in range(0, len(values), size):
        yield values[start:start + size]


class MonitorState:
    def query(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:  # pragma: no cover
        raise NotImplementedError

    def _write(self, statements: list[tuple[str, list[Any]]], doing: str) -> None:  # pragma: no cover
        """Run the statements in one transaction; roll back on any error."""
        raise NotImplementedError

    def _has_monitor_tables(self) -> bool:
        """A store written before the monitor existed, opened read-only, lacks its tables: it has
        watched nothing and fired nothing."""
        rows = self.query("SELECT count(*) AS n FROM information_schema.tables WHERE table_name IN (?, ?, ?, ?)",
                          list(MONITOR_TABLES))
        return int(rows[0]["n"]) == len(MONITOR_TABLES)

    def _in(self, sql: str, values: Iterable[str], extra: list[Any] | None = None) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        for part in _chunks(sorted(set(values))):
            found += self.query(sql.replace("(?*)", "(" + ", ".join("?" * len(part)) + ")"), [*(extra or []), *part])
        return found

    def watch_state(self, url: str) -> dict[str, Any] | None:
        if not self._has_monitor_tables():
            return None
        rows = self.query("SELECT url, etag, last_modified, status, error, checked_at FROM watch_urls WHERE url = ?",
                          [url])
        return rows[0] if rows else None

    def seen_urls(self, urls: Iterable[str]) -> set[str]:
        urls = list(urls)
        if not urls or not self._has_monitor_tables():
            return set()
        return {r["url"] for r in self._in("SELECT url FROM watch_items WHERE url IN (?*)", urls)}

    def record_watch(self, states: Iterable[dict[str, Any]], items: Iterable[dict[str, Any]]) -> None:
        statements = [(
            "INSERT INTO watch_urls (url, etag, last_modified, status, error, checked_at) "
            "VALUES (?, ?, ?, ?, ?, current_timestamp) ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, "
            "last_modified = excluded.last_modified, status = excluded.status, error = excluded.error, "
            "checked_at = excluded.checked_at",
            [s["url"], s.get("etag"), s.get("last_modified"), s.get("status"), s.get("error")]) for s in states]
        statements += [("INSERT INTO watch_items (url, doc_hash, found_in) VALUES (?, ?, ?) ON CONFLICT (url) DO NOTHING",
                        [i["url"], i.get("doc_hash"), i.get("found_in")]) for i in items]
        if statements:
            self._write(statements, "save what was fetched")

    def fired_keys(self, rule: str) -> set[str]:
        if not self._has_monitor_tables():
            return set()
        return {r["event_key"] for r in self.query("SELECT event_key FROM alert_events WHERE rule = ?", [rule])}

    def record_alerts(self, alerts: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        kept: list[dict[str, Any]] = []
        taken: dict[str, set[str]] = {}
        statements: list[tuple[str, list[Any]]] = []
        for alert in alerts:
            rule = alert["rule"]
            if rule not in taken:
                taken[rule] = self.fired_keys(rule)
            keys = sorted(set(alert["event_keys"]))
            if taken[rule] & set(keys):
                continue
            taken[rule] |= set(keys)
            statements.append((
                "INSERT INTO alerts (alert_id, rule, event_id, doc_hash, url, fired_at, payload) "
                "VALUES (?, ?, ?, ?, ?, CAST(? AS TIMESTAMP), ?)",
                [alert["alert_id"], rule, alert.get("event_id"), alert.get("doc_hash"), alert.get("url"),
                 alert["fired_at"], json.dumps(alert, default=str, ensure_ascii=False)]))
            statements += [("INSERT INTO alert_events (rule, event_key, alert_id) VALUES (?, ?, ?)",
                            [rule, key, alert["alert_id"]]) for key in keys]
            kept.append(alert)
        if statements:
            self._write(statements, "record alerts (none was recorded)")
        return kept

    def alerts(self, *, limit: int = 200, since: str | None = None) -> list[dict[str, Any]]:
        if not self._has_monitor_tables():
            return []
        where, params = ("WHERE fired_at > CAST(? AS TIMESTAMP) ", [since]) if since else ("", [])
        rows = self.query(f"SELECT payload FROM alerts {where}ORDER BY fired_at DESC, alert_id LIMIT ?",
                          [*params, int(limit)])
        return [json.loads(r["payload"]) for r in rows]
