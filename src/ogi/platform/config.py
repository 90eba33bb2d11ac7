"""Where the platform keeps its data and secrets when the environment does not say.

Production sets ``DATABASE_URL``, ``OGI_SECRET_KEY`` and ``OGI_FIELD_KEY``; a demo or a developer's machine gets a
data folder with an SQLite file and generated secrets, so that `ogi serve --demo` works with no setup.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from pathlib import Path


def data_dir() -> Path:
    """``OGI_DATA_DIR``, else ``$XDG_DATA_HOME/ogi`` (``~/.local/share/ogi``)."""
    explicit = os.environ.get("OGI_DATA_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "ogi"


def default_database_path() -> Path:
    return data_dir() / "ogi.sqlite3"


def database_url() -> str:
    return os.environ.get("DATABASE_URL") or f"sqlite:///{default_database_path()}"


def describe_database(url: str) -> str:
    """The database for people: the SQLite file path, or the URL without its password."""
    if url.startswith("sqlite:///"):
        return url.removeprefix("sqlite:///")
    scheme, _, rest = url.partition("://")
    creds, at, host = rest.rpartition("@")
    if at and ":" in creds:
        creds = creds.split(":", 1)[0] + ":***"
    return f"{scheme}://{creds}{at}{host}"


def _local_secrets() -> dict[str, str]:
    """Secrets generated once into the data folder (mode 0600) for machines without an environment."""
    path = data_dir() / "secrets.json"
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    path.parent.mkdir(parents=True, exist_ok=True)
    values = {
        "secret_key": secrets.token_urlsafe(50),
        "field_key": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
    }
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(values, f)
    return values


def secret(env_name: str, local_name: str) -> str:
    return os.environ.get(env_name) or _local_secrets()[local_name]
