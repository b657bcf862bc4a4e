"""Clearance search: find registered marks confusingly similar to a proposed one, explain why, rate the risk.

The text primitives (``normalize``, ``phonetics``, ``chinese``) are pure and reused by listing screening;
``scoring`` holds one small pure function per similarity aspect; ``index`` finds candidates without
scanning every mark; ``services.SearchService`` is the entry point.
"""

from ipwarden.native import guard

guard("similarity")  # before any similarity module loads: a stale compiled build must never shadow the source
