"""Consistency checks (勾稽关系) of consistency-checks.md: within one report and across a series."""

from ._findings import Finding, Severity

__all__ = ["Finding", "Severity"]
