"""The register of 依申请公开 requests: cases, their append-only event log, the workflow actions and deadlines."""
