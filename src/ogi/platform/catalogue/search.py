"""Chinese full-text search without a dictionary: text is indexed as overlapping character bigrams.

Bigrams are what CJK analysers (Lucene's CJKAnalyzer, PostgreSQL's pg_bigm) index: every two-character window
of a Chinese run, and whole words of Latin letters and digits. A query matches a record holding all of the
query's bigrams. On PostgreSQL the bigram column is searched with full-text search (config ``simple``, a GIN
index); elsewhere with containment of each token.
"""

from __future__ import annotations

import re

_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+|[0-9A-Za-z]+")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def tokens(text: str) -> list[str]:
    """The search tokens of ``text``: CJK bigrams (a lone character stays a token) and Latin/digit words."""
    out: list[str] = []
    for run in _RUN.findall(text or ""):
        if _CJK.match(run):
            if len(run) == 1:
                out.append(run)
            else:
                out.extend(run[i : i + 2] for i in range(len(run) - 1))
        else:
            out.append(run.lower())
    return out


def index_text(*parts: str) -> str:
    """The value of the indexed column: tokens separated by spaces, with spaces at both ends."""
    seen = dict.fromkeys(t for part in parts for t in tokens(part))
    return " " + " ".join(seen) + " "
