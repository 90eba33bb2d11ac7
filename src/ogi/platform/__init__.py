"""The agency platform: Django apps over the report engine and the working-day calendar.

Dependencies point one way: ``ogi.platform`` imports ``ogi.report`` and ``ogi.workdays``, never the reverse
(an import-linter contract in the lint step keeps it so).
"""
