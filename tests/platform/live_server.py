"""A real `ogi serve` (gunicorn) for the browser tests, on a database of its own, and Chromium's launch settings.

The server runs as a subprocess with the production settings on a fresh SQLite file in a temporary data folder,
or, when ``DATABASE_URL`` names a PostgreSQL server (the Makefile's second run), on a database created for it on
that server and dropped afterwards. ``setup_script`` runs first in the same environment (the real `ogi migrate`
and `ogi createuser`, plus whatever agencies the story needs).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def _database(prefix: str) -> Iterator[str | None]:
    """None for SQLite (the data folder's file); for PostgreSQL, a fresh database on DATABASE_URL's server."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        yield None
        return
    import psycopg
    from psycopg import sql

    name = f"{prefix}_{secrets.token_hex(4)}"
    parts = urlsplit(url)
    maintenance = urlunsplit(parts._replace(path="/postgres", query=""))
    with psycopg.connect(maintenance, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(maintenance, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def _wait_until_up(url: str, server: subprocess.Popen[bytes], log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"ogi serve exited with {server.returncode}:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(url + "healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"ogi serve did not answer within {seconds} s:\n{log.read_text(errors='replace')}")


@contextlib.contextmanager
def running_platform(data: Path, setup_script: str, *, database_prefix: str) -> Iterator[str]:
    """The base URL of a running `ogi serve` whose database ``setup_script`` has prepared."""
    ogi = Path(sys.executable).with_name("ogi")
    assert ogi.exists(), f"ogi command not found beside {sys.executable}"
    with _database(database_prefix) as database_url:
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "OGI_DEBUG")}
        env.update(OGI_DATA_DIR=str(data), DJANGO_SETTINGS_MODULE="ogi.platform.settings")
        if database_url:
            env["DATABASE_URL"] = database_url
        setup = subprocess.run([sys.executable, "-c", setup_script], env=env, capture_output=True, text=True)
        assert setup.returncode == 0, setup.stdout + setup.stderr
        port = _free_port()
        log = data / "serve.log"
        with log.open("wb") as out:
            server = subprocess.Popen(
                [str(ogi), "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "1"],
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        try:
            url = f"http://127.0.0.1:{port}/"
            _wait_until_up(url, server, log)
            yield url
        finally:
            server.terminate()  # gunicorn: graceful stop
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
