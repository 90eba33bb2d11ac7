"""Per-client rate limits kept in the database (so that every server process counts together).

A limit is written like ``5/m`` (five per minute; ``s``, ``m``, ``h``, ``d``) or ``off``. Applications use
``OGI_APPLY_RATE`` (default ``5/m``), tracking attempts ``OGI_TRACK_RATE`` (default ``10/m``).
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest

from .models import RateBucket

_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Limit:
    count: int
    seconds: int

    def describe(self) -> str:
        unit = {1: "秒", 60: "分钟", 3600: "小时", 86400: "天"}[self.seconds]
        return f"每{unit}{self.count}次"


def parse(text: str) -> Limit | None:
    """``5/m`` → Limit(5, 60); ``off`` → None. A malformed value is a configuration error."""
    text = text.strip().lower()
    if text in ("off", "0", "none", ""):
        return None
    count, _, period = text.partition("/")
    if not count.isdigit() or period not in _PERIODS or int(count) < 1:
        raise ValueError(f"限流设置应写成“次数/单位”（单位 s、m、h、d）或 off，而不是 {text!r}")
    return Limit(int(count), _PERIODS[period])


def limit_for(scope: str) -> Limit | None:
    default = {"apply": "5/m", "track": "10/m"}[scope]
    return parse(os.environ.get(f"OGI_{scope.upper()}_RATE", default))


def client_of(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def allow(scope: str, client: str) -> bool:
    """Count one request; False once the client has used up the limit of the current window."""
    limit = limit_for(scope)
    if limit is None:
        return True
    window = int(time.time()) // limit.seconds
    key = f"{scope}:{client}"[:120]
    with transaction.atomic():
        updated = RateBucket.objects.filter(key=key, window=window).update(count=F("count") + 1)
        if not updated:
            try:
                with transaction.atomic():
                    RateBucket.objects.create(key=key, window=window, count=1)
            except IntegrityError:
                RateBucket.objects.filter(key=key, window=window).update(count=F("count") + 1)
            RateBucket.objects.filter(key=key, window__lt=window).delete()
        count = RateBucket.objects.get(key=key, window=window).count
    return count <= limit.count
