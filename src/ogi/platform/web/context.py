from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from ogi.platform import policy


def staff(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {
        "staff": policy.staff_of(user),
        "is_platform_admin": policy.can_administer(user),
        "can_register": policy.can_register(user),
    }
