"""OGI — open-source tooling for 政府信息公开 (Open Government Information) work."""

__version__ = "0.1.0"
