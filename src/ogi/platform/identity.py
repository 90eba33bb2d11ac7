"""Identity numbers: validation by their check characters, encryption at rest, keyed search hash, masking.

居民身份证号 (GB 11643) and 统一社会信用代码 (GB 32100) are validated with python-stdnum. Both are personal or
sensitive data: stored encrypted with a key from the settings, found by an HMAC of the normalised number, and
shown masked (``4101**********1234``) everywhere except the case page.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import cache

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.exceptions import ValidationError
from stdnum.cn import ric, uscc
from stdnum.exceptions import ValidationError as StdnumError


def normalize(number: str) -> str:
    return "".join(number.split()).upper()


def validate_resident_id(value: str) -> None:
    number = normalize(value)
    if len(number) != 18:
        raise ValidationError("居民身份证号应为18位")
    try:
        ric.validate(number)
    except StdnumError as exc:
        raise ValidationError("居民身份证号校验码不正确，请核对") from exc


def validate_credit_code(value: str) -> None:
    if not value:
        return
    number = normalize(value)
    if len(number) != 18:
        raise ValidationError("统一社会信用代码应为18位")
    try:
        uscc.validate(number)
    except StdnumError as exc:
        raise ValidationError("统一社会信用代码校验码不正确，请核对") from exc


def is_id_number(value: str) -> bool:
    """Whether ``value`` is a whole 居民身份证号 or 统一社会信用代码, check character included."""
    number = normalize(value)
    return len(number) == 18 and (ric.is_valid(number) or uscc.is_valid(number))


def mask(value: str) -> str:
    """Keep the first four and last four characters: ``410105**********1234`` → ``4101**********1234``."""
    number = normalize(value)
    if len(number) <= 8:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def mask_phone(value: str) -> str:
    digits = "".join(value.split())
    if len(digits) <= 7:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


@cache
def _keys(field_key: str) -> tuple[Fernet, bytes]:
    root = field_key.encode()
    encryption = base64.urlsafe_b64encode(hashlib.sha256(b"ogi-encrypt:" + root).digest())
    return Fernet(encryption), hashlib.sha256(b"ogi-search:" + root).digest()


def encrypt(value: str) -> str:
    fernet, _ = _keys(settings.FIELD_KEY)
    return fernet.encrypt(normalize(value).encode()).decode() if value else ""


def decrypt(token: str) -> str:
    if not token:
        return ""
    fernet, _ = _keys(settings.FIELD_KEY)
    try:
        return fernet.decrypt(token.encode()).decode()
    except InvalidToken:
        return "（无法解密：密钥已更换）"


def seal(data: bytes) -> bytes:
    """Encrypt a file's bytes at rest (an uploaded register waiting for confirmation holds ID numbers)."""
    fernet, _ = _keys(settings.FIELD_KEY)
    return fernet.encrypt(data)


def unseal(token: bytes) -> bytes:
    fernet, _ = _keys(settings.FIELD_KEY)
    return fernet.decrypt(token)


def search_hash(value: str) -> str:
    """A keyed hash: equal numbers find each other, the table alone reveals nothing."""
    if not value:
        return ""
    _, key = _keys(settings.FIELD_KEY)
    return hmac.new(key, normalize(value).encode(), hashlib.sha256).hexdigest()
