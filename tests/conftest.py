from __future__ import annotations

import os

import pytest

# The layers above the coder are tested on every event they are given: the confidence threshold that
# hides low-confidence events from analysts is tested on its own (test_confidence_filter.py), and the
# quality gate reads the shipped threshold from settings.toml. Subprocesses inherit this.
os.environ.setdefault("RP_EVENTS_MIN_CONFIDENCE", "0")

from realpolitik.events import Extractor


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="session")
def code(extractor):
    """Extract from one text; return its events."""
    from realpolitik.records import Document

    def run(text: str, date: str = "2024-06-19"):
        return extractor.extract(Document(doc_id="t", text=text, date=date))

    return run


# -- PostgreSQL: a throwaway cluster for the session (tests/test_postgres.py, tests/test_scale.py) --------

def _pg_bin(name: str) -> str | None:
    import glob
    import shutil

    found = shutil.which(name)
    if found:
        return found
    versions = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return versions[-1] if versions else None


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def postgres_server(tmp_path_factory):
    """A PostgreSQL cluster made with initdb in a temporary folder, listening on a loopback port, removed
    at the end. As root the server runs as the ``postgres`` user (PostgreSQL refuses root). Missing
    server binaries skip, or fail when RP_REQUIRE_POSTGRES=1 (CI)."""
    import os
    import shutil
    import subprocess

    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not (initdb and pg_ctl):
        if os.environ.get("RP_REQUIRE_POSTGRES") == "1":
            pytest.fail("PostgreSQL server binaries (initdb, pg_ctl) not found and RP_REQUIRE_POSTGRES=1")
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) not found")
    folder = tmp_path_factory.mktemp("pg")
    data = folder / "data"
    prefix: list[str] = []
    if os.geteuid() == 0:
        import pwd

        try:
            user = pwd.getpwnam("postgres")
        except KeyError:
            subprocess.run(["useradd", "--system", "--no-create-home", "postgres"], check=True)
            user = pwd.getpwnam("postgres")
        for path in (folder, *folder.parents):  # the server user must reach its folder
            if str(path) in ("/", "/tmp"):
                break
            os.chmod(path, os.stat(path).st_mode | 0o011)
        os.chown(folder, user.pw_uid, user.pw_gid)
        prefix = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    subprocess.run(prefix + [initdb, "-D", str(data), "-U", "rp", "--auth=trust", "--encoding=UTF8", "--locale=C"],
                   check=True, capture_output=True)
    log = folder / "server.log"
    subprocess.run(prefix + [pg_ctl, "-D", str(data), "-l", str(log), "-w", "-t", "60", "-o",
                             f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50", "start"],
                   check=True, capture_output=True)
    try:
        yield f"postgresql://rp@127.0.0.1:{port}"
    finally:
        subprocess.run(prefix + [pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"], capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server):
    """A new, empty database on the session's server; its URL."""
    import uuid

    import psycopg

    name = f"t_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(f"{postgres_server}/postgres", autocommit=True) as con:
        con.execute(f"CREATE DATABASE {name}")
    return f"{postgres_server}/{name}"
