"""`ogi serve`: the platform under gunicorn, the production WSGI server, started from Python."""

from __future__ import annotations

from typing import Any

from gunicorn.app.base import BaseApplication


class _Gunicorn(BaseApplication):
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        from ogi.platform.wsgi import application

        return application


def serve(host: str, port: int, *, workers: int = 2, threads: int = 4) -> None:
    _Gunicorn(
        {
            "bind": f"{host}:{port}",
            "workers": workers,
            "threads": threads,
            "worker_class": "gthread",
            "timeout": 60,
            "graceful_timeout": 10,
            "accesslog": None,  # request lines can carry query codes and names: no access log by default
            "errorlog": "-",
            "loglevel": "warning",
            "proc_name": "ogi",
        }
    ).run()
