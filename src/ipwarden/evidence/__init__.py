"""The evidence ledger: a tamper-evident, independently verifiable record of evidence and decisions.

Pure cores: :mod:`.merkle` (RFC 6962/9162), :mod:`.note` (C2SP signed notes, cosignatures),
:mod:`.checkpoint`, :mod:`.tiles` (C2SP tlog-tiles), :mod:`.tlogproof`, :mod:`.policy`, and the offline
bundle verifier :mod:`.verify`. Storage and services: :mod:`.log`, :mod:`.services`, :mod:`.bundle`,
:mod:`.audit`, :mod:`.keys`, :mod:`.witness` and :mod:`.witness_http`. See docs/evidence.md.
"""
