"""Polite HTTP fetching for ``realpolitik watch``.

One ``Fetcher`` holds one httpx client and, for every host, when it was last asked something and what
its robots.txt allows. Every request:

- names itself with a clear user agent (``[monitor] user_agent``);
- waits until ``min_interval`` seconds have passed since the last request to the same host;
- asks robots.txt first (read once per host; a 404 allows everything, 401/403 forbid everything,
  anything else unreadable allows nothing until it can be read);
- is conditional when the caller knows the last ETag or Last-Modified (a 304 means nothing new);
- is retried on connection errors, timeouts, 429 and 5xx with exponential backoff (a Retry-After
  header is honoured up to ``max_backoff``);
- reads at most ``max_bytes`` of the body, whatever Content-Length says.
"""
from __future__ import annotations

import time
import urllib.robotparser
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import httpx

from .. import settings

RETRY_STATUSES = {429, 500, 502, 503, 504}


@dataclass
class FetchResult:
    url: str
    status: int | None = None  # HTTP status of the last answer; None when no answer came
    body: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None  # why nothing usable came back
    attempts: int = 0

    @property
    def ok(self) -> bool:
        return self.error is None and self.status == 200

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass
class _Host:
    last: float = 0.0
    robots: urllib.robotparser.RobotFileParser | None = None
    robots_error: str | None = None
    robots_read: bool = False
    requests: list[float] = field(default_factory=list)


def _config(key: str, value):
    return settings.get("monitor", key) if value is None else value


class Fetcher:
    def __init__(self, *, user_agent: str | None = None, timeout: float | None = None, retries: int | None = None,
                 backoff: float | None = None, max_backoff: float | None = None, min_interval: float | None = None,
                 max_bytes: int | None = None, respect_robots: bool = True) -> None:
        self.user_agent = _config("user_agent", user_agent)
        self.timeout = float(_config("timeout", timeout))
        self.retries = int(_config("retries", retries))
        self.backoff = float(_config("backoff", backoff))
        self.max_backoff = float(_config("max_backoff", max_backoff))
        self.min_interval = float(_config("min_interval", min_interval))
        self.max_bytes = int(max_bytes if max_bytes is not None else settings.get("sources", "max_file_bytes"))
        self.respect_robots = respect_robots
        self.hosts: dict[str, _Host] = {}
        self.client = httpx.Client(timeout=self.timeout, follow_redirects=True,
                                   headers={"User-Agent": self.user_agent})

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the rate limit --------------------------------------------------------------------
    def _host(self, url: str) -> _Host:
        return self.hosts.setdefault(urlsplit(url).netloc.lower(), _Host())

    def _wait_turn(self, host: _Host) -> None:
        delay = host.last + self.min_interval - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        host.last = time.monotonic()
        host.requests.append(host.last)

    # -- robots.txt ------------------------------------------------------------------------
    def allowed(self, url: str) -> tuple[bool, str | None]:
        """Whether robots.txt lets our user agent fetch ``url`` (and why not)."""
        if not self.respect_robots:
            return True, None
        host = self._host(url)
        if not host.robots_read:
            self._read_robots(url, host)
        if host.robots_error:
            return False, host.robots_error
        if host.robots is not None and not host.robots.can_fetch(self.user_agent, url):
            return False, "disallowed by robots.txt"
        return True, None

    def _read_robots(self, url: str, host: _Host) -> None:
        parts = urlsplit(url)
        robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
        answer = self._get(robots_url, {}, host)
        parser = urllib.robotparser.RobotFileParser(robots_url)
        if answer.status == 200:
            parser.parse(answer.body.decode("utf-8", "replace").splitlines())
            host.robots, host.robots_error = parser, None
        elif answer.status in (401, 403):
            host.robots_error = f"robots.txt answered {answer.status}: the site forbids robots"
        elif answer.status is not None and 400 <= answer.status < 500:
            host.robots, host.robots_error = None, None  # no robots.txt: everything allowed
        else:
            host.robots_error = f"robots.txt could not be read ({answer.error or answer.status}); not fetched"
            return  # asked again next time
        host.robots_read = True

    # -- fetching --------------------------------------------------------------------------
    def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> FetchResult:
        """GET ``url`` politely; ``etag``/``last_modified`` make it conditional."""
        if urlsplit(url).scheme not in ("http", "https"):
            return FetchResult(url, error="not an http(s) URL")
        allowed, why = self.allowed(url)
        if not allowed:
            return FetchResult(url, error=why)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._get(url, headers, self._host(url))

    def _get(self, url: str, headers: dict[str, str], host: _Host) -> FetchResult:
        result = FetchResult(url)
        for attempt in range(self.retries + 1):
            result.attempts = attempt + 1
            self._wait_turn(host)
            wait = self.backoff * (2 ** attempt)
            try:
                with self.client.stream("GET", url, headers=headers) as response:
                    result.status = response.status_code
                    if response.status_code in RETRY_STATUSES:
                        result.error = f"HTTP {response.status_code}"
                        wait = max(wait, _retry_after(response.headers.get("retry-after")))
                    elif response.status_code == 304:
                        result.error = None
                        return result
                    elif response.status_code != 200:
                        result.error = f"HTTP {response.status_code}"
                        return result
                    else:
                        body = bytearray()
                        for chunk in response.iter_bytes():
                            body += chunk
                            if len(body) > self.max_bytes:
                                result.error = f"body over {self.max_bytes:,} bytes ([sources] max_file_bytes)"
                                return result
                        result.body = bytes(body)
                        result.content_type = response.headers.get("content-type", "")
                        result.etag = response.headers.get("etag")
                        result.last_modified = response.headers.get("last-modified")
                        result.error = None
                        return result
            except httpx.TimeoutException:
                result.status, result.error = None, f"timed out after {self.timeout:g} s"
            except httpx.HTTPError as exc:
                result.status, result.error = None, f"{type(exc).__name__}: {' '.join(str(exc).split())[:200]}"
            if attempt < self.retries:
                time.sleep(min(wait, self.max_backoff))
        if result.attempts > 1:
            result.error = f"{result.error} (after {result.attempts} attempts)"
        return result


def _retry_after(value: str | None) -> float:
    if not value:
        return 0.0
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return 0.0


def post_json(url: str, payload: dict, *, timeout: float | None = None, retries: int | None = None,
              user_agent: str | None = None) -> str | None:
    """POST ``payload`` as JSON (a webhook); retried like a fetch. Returns None, or what went wrong."""
    timeout = float(_config("timeout", timeout))
    retries = int(_config("retries", retries))
    backoff = float(settings.get("monitor", "backoff"))
    problem = None
    with httpx.Client(timeout=timeout, headers={"User-Agent": _config("user_agent", user_agent)}) as client:
        for attempt in range(retries + 1):
            try:
                response = client.post(url, json=payload)
                if response.status_code < 300:
                    return None
                problem = f"HTTP {response.status_code}"
                if response.status_code not in RETRY_STATUSES:
                    return problem
            except httpx.HTTPError as exc:
                problem = f"{type(exc).__name__}: {' '.join(str(exc).split())[:200]}"
            if attempt < retries:
                time.sleep(min(backoff * 2 ** attempt, float(settings.get("monitor", "max_backoff"))))
    return problem
