"""The ``ogi`` command: a thin shell over :mod:`ogi.report`."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    print("ogi：命令尚未实现", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
