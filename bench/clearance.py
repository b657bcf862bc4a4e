"""Clearance search benchmark: quality per category and speed, ipwarden against two obvious alternatives.

One run: generate a registry of ``--size`` synthetic marks (``ipwarden.registry.generator``), add the held-out
evaluation registry (eval/clearance/registry.jsonl), build the ipwarden index (time, peak memory), then run
every evaluation query (eval/clearance/queries.jsonl) through

- ipwarden (``SearchService``: index candidates + explained scoring), all queries;
- RapidFuzz brute force (``process.extract`` with ``WRatio`` over every mark), on a query subsample
  (``--peer-sample``) because one query scans all marks;
- PostgreSQL ``pg_trgm`` (GIN trigram index, ``%`` filter ordered by ``similarity``) in a scratch database.

Prints recall@10 per category (share of expected ids in the top 10), the false-high rate on negatives
(share of their expected ids rated high; ipwarden only, the peers have no risk tiers), latency p50/p99 and
the ratios. The generated registry is cached in ``--workdir`` so a second run skips generation. The first pass
over the queries runs right after the build, its caches cold; ``--repeat N`` times N more passes over the same
queries, as a service that has run a while. The per-query modules are the compiled ones when
``scripts/build_native.py`` has built them (``make setup`` does); ``IPWARDEN_PURE_PYTHON=1`` times the source.

    .venv/bin/python bench/clearance.py --size 1000000

Development mode (``--queries tests/similarity/dev_cases.yaml tests/similarity/dev_negatives.yaml``, one or
more files): the development registries and cases take the place of the evaluation set, so that tuning can see how the search behaves among a million generated marks
without looking at the held-out queries. It prints every missed case with where the expected mark ended up
(not a candidate / candidate but ranked below 10), runs no peers, and with ``--reuse-index`` keeps the index
of the generated marks between runs (rebuilt automatically when the key code or data change), adding the
development registry through the incremental segment.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import pickle
import random
import resource
import shutil
import statistics
import sys
import time
import uuid
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT / "eval" / "clearance"


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _pct(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def _modules_used() -> str:
    """Which build of the per-query modules answered (``IPWARDEN_PURE_PYTHON=1`` forces the source)."""
    from ipwarden import native

    return "compiled (scripts/build_native.py)" if native.compiled("similarity") else "pure Python"


def _log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def _bench_store() -> Any:
    """The in-memory store plus an owner-family lookup table, as the SQL stores have (ix_rights_owner_family).

    The plain in-memory store answers ``rights_of_family`` by sorting every right, which would dominate
    the latency at this scale and measure the test double rather than the search.
    """
    from ipwarden.registry.memory import InMemoryRightsStore

    class FamilyIndexedStore(InMemoryRightsStore):
        def __init__(self) -> None:
            super().__init__()
            self._families_of: dict[str, list[str]] | None = None

        def upsert_rights(self, rights: Any) -> Any:
            self._families_of = None
            return super().upsert_rights(rights)

        def rights_of_family(self, family_id: str) -> Any:
            if self._families_of is None:
                table: dict[str, list[str]] = defaultdict(list)
                for right in self.iter_rights():
                    if right.owner_family:
                        table[right.owner_family].append(right.id)
                self._families_of = table
            return self.get_rights(self._families_of.get(family_id, []))

    return FamilyIndexedStore()


def load_registry(size: int, seed: int, workdir: Path) -> Any:
    from ipwarden.registry.generator import generate_rights
    from ipwarden.registry.services import import_files

    cache = workdir / f"generated-{size}-{seed}.pickle"
    store = _bench_store()
    started = time.perf_counter()
    if cache.is_file():
        with cache.open("rb") as fh:
            rights = pickle.load(fh)
        _log(f"loaded {len(rights):,} generated rights from {cache}")
    else:
        rights = []
        for n, right in enumerate(generate_rights(size, seed), 1):
            rights.append(right)
            if n % 100_000 == 0:
                _log(f"generated {n:,} rights")
        with cache.open("wb") as fh:
            pickle.dump(rights, fh, protocol=pickle.HIGHEST_PROTOCOL)
    for start in range(0, len(rights), 200_000):
        store.upsert_rights(rights[start : start + 200_000])
    del rights
    summary = import_files([EVAL / "registry.jsonl"], store, home=workdir / "import-home")
    _log(
        f"registry ready: {store.count_rights():,} rights ({time.perf_counter() - started:.0f} s); eval import: {summary}"
    )
    return store


def load_generated(size: int, seed: int, workdir: Path) -> Any:
    """The generated registry alone (development mode adds its own registry on top)."""
    from ipwarden.registry.generator import generate_rights

    cache = workdir / f"generated-{size}-{seed}.pickle"
    store = _bench_store()
    if cache.is_file():
        with cache.open("rb") as fh:
            rights = pickle.load(fh)
    else:
        rights = list(generate_rights(size, seed))
        with cache.open("wb") as fh:
            pickle.dump(rights, fh, protocol=pickle.HIGHEST_PROTOCOL)
    for start in range(0, len(rights), 200_000):
        store.upsert_rights(rights[start : start + 200_000])
    _log(f"loaded {len(rights):,} generated rights")
    return store


_DEV_CATEGORY = {
    "spelling": "spelling",
    "look-alike": "lookalike",
    "sound": "sound_latin",
    "chinese-sound": "sound_chinese",
    "cross-script": "cross_script",
    "glyph": "glyph",
    "containment": "containment",
    "meaning": "translation",
    "family": "family",
}


def load_dev(paths: Sequence[Path]) -> tuple[list[Any], list[dict[str, Any]]]:
    """Rights and queries from development cases files (tests/similarity/dev_cases.yaml format).

    A case's category is its ``category`` field, else derived from its ``aspect``; ``not_high`` ids and
    ``risk: not-high`` expectations become negatives (they must not be rated high). Several files are read
    as one (the negatives file cites marks of the main file's registry).
    """
    import yaml

    sys.path.insert(0, str(ROOT / "tests" / "similarity"))
    from similarity_support import rights as case_rights

    data: dict[str, list[Any]] = {"registry": [], "cases": []}
    for path in paths:
        part = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["registry"] += part.get("registry") or []
        data["cases"] += part.get("cases") or []
    rights = case_rights(data["registry"])
    queries: list[dict[str, Any]] = []
    for n, case in enumerate(data["cases"], 1):
        base = {"query": str(case["query"]), "classes": case.get("classes") or [], "offices": []}
        expect = list(case.get("expect", []))
        category = case.get("category") or _DEV_CATEGORY.get(case.get("aspect", ""), "other")
        negatives = list(case.get("not_high", []))
        if case.get("risk") == "not-high":
            negatives += expect
        if expect:
            queries.append(base | {"qid": f"dev-{n}", "category": category, "expect": expect})
        if negatives:
            queries.append(base | {"qid": f"dev-{n}-neg", "category": "negative", "expect": negatives})
    return rights, queries


def _key_signature(store: Any) -> str:
    """Hash of the keys that a sample of marks is filed under: changes exactly when the index would."""
    from ipwarden.similarity.forms import prepare
    from ipwarden.similarity.index import FORMAT_VERSION
    from ipwarden.similarity.keys import mark_keys

    digest = hashlib.sha256(str(FORMAT_VERSION).encode())
    for n, right in enumerate(store.iter_rights()):
        if n >= 5_000:
            break
        if right.mark_text:
            digest.update("\n".join(sorted(mark_keys(prepare(right.mark_text)))).encode())
    return digest.hexdigest()[:16]


def dev_index(store: Any, extra: list[Any], workdir: Path, size: int, reuse: bool) -> Any:
    """Index of the generated marks (cached when ``reuse``), plus ``extra`` through the incremental path."""
    from ipwarden.similarity.index import SearchIndex

    base = workdir / f"index-generated-{size}"
    signature = _key_signature(store)
    stamp = base / "bench-signature"
    if not (reuse and stamp.is_file() and stamp.read_text() == signature):
        shutil.rmtree(base, ignore_errors=True)
        started = time.perf_counter()
        SearchIndex.build(base, store).close()
        stamp.write_text(signature)
        _log(f"built the index of the generated marks in {time.perf_counter() - started:.0f} s")
    work = workdir / "index-dev"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(base, work)
    store.upsert_rights(extra)
    index = SearchIndex(work, store)
    index.add(extra)
    return index


def _dev_report(
    service: Any, index: Any, queries: list[dict[str, Any]], rights: int, sealed: bool = False
) -> None:
    from ipwarden.registry.models import LIVE_STATUSES
    from ipwarden.similarity.query import SearchQuery
    from ipwarden.similarity.scoring import goods_relation

    quality = Quality()
    latencies: list[float] = []
    cpu: list[float] = []
    misses: list[str] = []
    pos_high = 0  # expected ids of positive cases rated high
    by_goods: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # goods relation → [found, expected]
    for q in queries:
        query = SearchQuery.parse(q["query"], classes=q["classes"], limit=10)
        t0, c0 = time.perf_counter(), time.process_time()
        result = service.search(query)
        latencies.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
        ranked = [h.id for h in result.hits]
        high = {h.id for h in result.hits if h.risk.value == "high"}
        missed = [e for e in q["expect"] if e not in ranked] if q["category"] != "negative" else []
        twins = twins_shown(service, query, result.hits, missed)
        quality.add(q, ranked, high, twins)
        if q["category"] != "negative":
            pos_high += sum(1 for e in q["expect"] if e in high)
            for row in index.rows(index.ords_of(q["expect"])):
                relation = goods_relation(q["classes"], row.classes, service.relation)[0]
                by_goods[relation][0] += row.id in ranked[:10]
                by_goods[relation][1] += 1
        if q["category"] == "negative":
            misses.extend(f"  HIGH  {q['query']!r} -> {e}" for e in q["expect"] if e in high)
            continue
        statuses = [s.value for s in (query.statuses or LIVE_STATUSES)]  # as the search filters them
        cands = set(
            index.candidates(q["query"], statuses=statuses, cap=service.candidate_cap, classes=q["classes"])
        )
        for e in q["expect"]:
            if e not in ranked:
                where = "candidate, ranked out" if set(index.ords_of([e])) & cands else "not a candidate"
                top = ", ".join(f"{h.mark}:{h.score:.2f}" for h in result.hits[:3])
                twin = ", a twin shown" if e in twins else ""
                misses.append(f"  MISS  [{q['category']}] {q['query']!r} -> {e} ({where}{twin}); top: {top}")
    cats = sorted(quality.expected)
    print(f"\n{len(queries)} development queries among {rights:,} rights, {service.candidate_cap} candidates")
    print(f"{'category':<14}{'recall@10':>10}{'+ twins':>9}  (expected)")
    for cat in [*cats, None]:
        print(
            f"{cat or 'ALL positive':<14}{quality.recall(cat):>10.3f}{quality.recall_with_twins(cat):>9.3f}"
            f"  ({quality.expected[cat] if cat else ''})"
        )
    goods = ", ".join(f"{r} {f}/{n}" for r, (f, n) in sorted(by_goods.items()))
    print(f"recall@10 by the goods of the expected mark against the query's: {goods}")
    print(f"false-high {quality.false_high():.3f} ({quality.neg_high}/{quality.neg_total})")
    expected = sum(quality.expected.values())
    print(
        f"positives rated high {pos_high / expected if expected else float('nan'):.3f} ({pos_high}/{expected})"
    )
    print(
        f"latency p50 {_pct(latencies, 0.5):.1f} ms, p99 {_pct(latencies, 0.99):.1f} ms; "
        f"CPU p50 {_pct(cpu, 0.5):.1f} ms, p99 {_pct(cpu, 0.99):.1f} ms; similarity modules: {_modules_used()}"
    )
    if sealed:  # a held-out set: its figures are reported, its items are not looked at one by one
        print(f"{len(misses)} misses and high-rated negatives, not shown (--sealed)")
    else:
        print("\n".join(misses))


def run_dev(args: argparse.Namespace) -> int:
    """Development cases among ``--size`` generated marks: recall, false-high, latency and every miss."""
    from ipwarden.similarity.services import SearchService

    extra, queries = load_dev(args.queries)
    store = load_generated(args.size, args.seed, args.workdir)
    index = dev_index(store, extra, args.workdir, args.size, args.reuse_index)
    for cap in args.candidates or [None]:
        service = SearchService(index, store, recheck_seconds=None, **({"candidates": cap} if cap else {}))
        _dev_report(service, index, queries, store.count_rights(), sealed=args.sealed)
    return 0


def load_queries() -> list[dict[str, Any]]:
    with (EVAL / "queries.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


class Quality:
    """recall@10 per category and the false-high rate on negatives."""

    def __init__(self) -> None:
        self.found: dict[str, int] = defaultdict(int)
        self.expected: dict[str, int] = defaultdict(int)
        self.neg_high = 0
        self.neg_total = 0
        self.neg_in_top = 0
        self.twins: dict[str, int] = defaultdict(int)  # missed, but a twin of theirs is in the top 10

    def add(
        self,
        query: dict[str, Any],
        ranked: list[str],
        high: set[str] | None,
        twins: frozenset[str] | set[str] = frozenset(),
    ) -> None:
        expect = list(query["expect"])
        if query["category"] == "negative":
            self.neg_total += len(expect)
            self.neg_in_top += sum(1 for e in expect if e in ranked[:10])
            if high is not None:
                self.neg_high += sum(1 for e in expect if e in high)
            return
        self.expected[query["category"]] += len(expect)
        self.found[query["category"]] += sum(1 for e in expect if e in ranked[:10])
        self.twins[query["category"]] += sum(1 for e in expect if e not in ranked[:10] and e in twins)

    def recall_with_twins(self, category: str | None = None) -> float:
        """recall@10 counting as found an expected right whose twin is shown (:func:`twins_shown`)."""
        cats = [category] if category else list(self.expected)
        total = sum(self.expected[c] for c in cats)
        return sum(self.found[c] + self.twins[c] for c in cats) / total if total else float("nan")

    def recall(self, category: str | None = None) -> float:
        cats = [category] if category else list(self.expected)
        total = sum(self.expected[c] for c in cats)
        return sum(self.found[c] for c in cats) / total if total else float("nan")

    def false_high(self) -> float:
        return self.neg_high / self.neg_total if self.neg_total else float("nan")


def twins_shown(service: Any, query: Any, hits: Sequence[Any], missed: Sequence[str]) -> set[str]:
    """The missed expected ids that a twin stands for in the top 10: a shown right with the same mark text
    (as normalised), the same score and the same risk. Which of such equal rights fill the page, and which
    of them the candidate stage keeps, is an arbitrary but fixed order, so these misses say how crowded the
    registry is with the identical mark, not how well the search finds it. A second, wider search (not
    timed) scores the missed rights; one that is not a candidate at all is scored directly."""
    from dataclasses import replace

    from ipwarden.similarity.forms import prepare, prepare_query

    if not missed:
        return set()
    found = {h.id: (h.mark, h.score, h.risk) for h in service.search(replace(query, limit=400)).hits}
    absent = [e for e in missed if e not in found]
    if absent:
        forms = prepare_query(query.text)
        for row in service.index.rows(service.index.ords_of(absent)):
            assessed = service._assess(forms, row, tuple(query.classes), {})
            if assessed is not None:
                found[row.id] = (row.mark, assessed.score, assessed.risk)
    shown = {(prepare(h.mark).compact, h.score, h.risk) for h in hits[:10] if h.mark}
    return {
        e
        for e in missed
        if e in found and found[e][0] and (prepare(found[e][0]).compact, *found[e][1:]) in shown
    }


def run_ipwarden(store: Any, workdir: Path, queries: list[dict[str, Any]], repeat: int = 0) -> dict[str, Any]:
    """Build the index, run every query once (quality and latency), then ``repeat`` more timed passes."""
    from ipwarden.errors import IpwardenError
    from ipwarden.similarity.index import SearchIndex
    from ipwarden.similarity.services import SearchService

    index_dir = workdir / "index"
    shutil.rmtree(index_dir, ignore_errors=True)
    total = store.count_rights()
    rss_before = _rss_mb()
    started = time.perf_counter()
    done = [0]

    def progress(n: int) -> None:
        done[0] += n
        if done[0] % 100_000 < n:
            _log(f"indexed {done[0]:,}/{total:,}")

    index = SearchIndex.build(index_dir, store, progress=progress)
    build_s = time.perf_counter() - started
    peak = _rss_mb()
    disk = sum(f.stat().st_size for f in index_dir.iterdir()) / 1e6
    _log(
        f"index built in {build_s:.0f} s; peak RSS {peak:.0f} MB (before build {rss_before:.0f} MB); {disk:.0f} MB on disk"
    )
    service = SearchService(index, store, recheck_seconds=None)
    quality = Quality()
    latencies: list[float] = []
    cpu: list[float] = []
    by_qid: dict[str, list[str]] = {}
    errors = []
    for q in queries:
        try:
            query = _search_query(q)
        except IpwardenError as err:
            errors.append(f"{q['qid']}: {err}")
            quality.add(q, [], set())
            continue
        t0, c0 = time.perf_counter(), time.process_time()
        result = service.search(query)
        latencies.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
        ranked = [h.id for h in result.hits]
        by_qid[q["qid"]] = ranked
        missed = [e for e in q["expect"] if e not in ranked] if q["category"] != "negative" else []
        twins = twins_shown(service, query, result.hits, missed)
        quality.add(q, ranked, {h.id for h in result.hits if h.risk.value == "high"}, twins)
    repeats = [_timed_pass(service, queries) for _ in range(repeat)]
    return {
        "build_s": build_s,
        "peak_rss_mb": peak,
        "rss_before_build_mb": rss_before,
        "index_disk_mb": disk,
        "quality": quality,
        "latencies": latencies,
        "cpu": cpu,
        "errors": errors,
        "ranked": by_qid,
        "repeats": repeats,
    }


def _search_query(q: dict[str, Any]) -> Any:
    """An evaluation query as the service takes it (raises the user-facing error for bad input)."""
    from ipwarden.similarity.query import SearchQuery

    return SearchQuery.parse(
        q["query"], classes=q.get("classes") or [], offices=q.get("offices") or [], limit=10
    )


def _timed_pass(service: Any, queries: list[dict[str, Any]]) -> tuple[float, float]:
    """p50 and p99 ms of one more pass over the queries: the first pass meets cold caches (SQLite pages,
    prepared forms), a service that has run a while does not."""
    from ipwarden.errors import IpwardenError

    latencies: list[float] = []
    for q in queries:
        try:
            query = _search_query(q)
        except IpwardenError:
            continue
        t0 = time.perf_counter()
        service.search(query)
        latencies.append((time.perf_counter() - t0) * 1000)
    return _pct(latencies, 0.5), _pct(latencies, 0.99)


def run_rapidfuzz(store: Any, queries: list[dict[str, Any]]) -> dict[str, Any]:
    from rapidfuzz import fuzz, process, utils

    ids: list[str] = []
    marks: list[str] = []
    offices: list[str] = []
    for right in store.iter_rights():
        if right.mark_text and right.is_live:
            ids.append(right.id)
            marks.append(right.mark_text)
            offices.append(right.office)
    quality = Quality()
    latencies = []
    for q in queries:
        wanted = set(q.get("offices") or [])
        t0 = time.perf_counter()
        found = process.extract(
            q["query"], marks, scorer=fuzz.WRatio, processor=utils.default_process, limit=100
        )
        ranked = [ids[i] for _, _, i in found if not wanted or offices[i] in wanted][:10]
        latencies.append((time.perf_counter() - t0) * 1000)
        quality.add(q, ranked, None)
    return {"quality": quality, "latencies": latencies}


def run_pg_trgm(store: Any, queries: list[dict[str, Any]], admin_url: str) -> dict[str, Any]:
    import psycopg

    name = f"ipwarden_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = admin_url.rsplit("/", 1)[0] + "/" + name
    try:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            conn.execute("CREATE TABLE marks (id text, mark text, office text)")
            started = time.perf_counter()
            with conn.cursor() as cur, cur.copy("COPY marks (id, mark, office) FROM STDIN") as copy:
                for right in store.iter_rights():
                    if right.mark_text and right.is_live:
                        copy.write_row((right.id, right.mark_text, right.office))
            conn.execute("CREATE INDEX marks_trgm ON marks USING gin (mark gin_trgm_ops)")
            conn.execute("ANALYZE marks")
            build_s = time.perf_counter() - started
            quality = Quality()
            latencies = []
            for q in queries:
                wanted = list(q.get("offices") or [])
                t0 = time.perf_counter()
                if wanted:
                    rows = conn.execute(
                        "SELECT id FROM marks WHERE mark %% %s AND office = ANY(%s) "
                        "ORDER BY similarity(mark, %s) DESC LIMIT 10",
                        (q["query"], wanted, q["query"]),
                    ).fetchall()
                else:
                    rows = conn.execute(
                        "SELECT id FROM marks WHERE mark %% %s ORDER BY similarity(mark, %s) DESC LIMIT 10",
                        (q["query"], q["query"]),
                    ).fetchall()
                latencies.append((time.perf_counter() - t0) * 1000)
                quality.add(q, [r[0] for r in rows], None)
        return {"quality": quality, "latencies": latencies, "build_s": build_s}
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _subsample(queries: list[dict[str, Any]], n: int, seed: int) -> list[dict[str, Any]]:
    by_cat: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for q in queries:
        by_cat[q["category"]].append(q)
    rnd = random.Random(seed)
    per = max(1, n // max(1, len(by_cat)))
    out = []
    for cat in sorted(by_cat):
        items = by_cat[cat]
        out.extend(rnd.sample(items, min(per, len(items))))
    return out


def report(
    results: dict[str, dict[str, Any]], queries: list[dict[str, Any]], sample: list[dict[str, Any]]
) -> str:
    cats = sorted({q["category"] for q in queries} - {"negative"})
    lines = ["", "recall@10 per category (ipwarden: all queries; peers: the subsample they ran on)", ""]
    head = f"{'category':<14}" + "".join(f"{name:>22}" for name in results)
    lines.append(head)
    for cat in [*cats, None]:
        label = cat or "ALL positive"
        row = f"{label:<14}"
        for res in results.values():
            row += f"{res['quality'].recall(cat):>22.3f}"
        lines.append(row)
    ip_quality = results["ipwarden"]["quality"] if "ipwarden" in results else None
    if ip_quality is not None:
        lines += ["", "ipwarden recall@10 also counting a missed right whose twin is shown (twins_shown)", ""]
        for cat in [*cats, None]:
            lines.append(
                f"{cat or 'ALL positive':<14}{ip_quality.recall_with_twins(cat):>22.3f}"
                f"   twins shown for {ip_quality.twins[cat] if cat else sum(ip_quality.twins.values())}"
            )
    lines.append("")
    for name, res in results.items():
        q = res["quality"]
        fh = q.false_high()
        lines.append(
            f"{name}: negatives' expected ids in top 10: {q.neg_in_top}/{q.neg_total}; "
            f"false-high rate: {'n/a (no risk tiers)' if math.isnan(fh) or name != 'ipwarden' else f'{fh:.3f}'}"
        )
    lines.append("")
    lines.append(f"{'engine':<24}{'queries':>8}{'p50 ms':>10}{'p99 ms':>10}{'mean ms':>10}")
    for name, res in results.items():
        lat = res["latencies"]
        lines.append(
            f"{name:<24}{len(lat):>8}{_pct(lat, 0.5):>10.1f}{_pct(lat, 0.99):>10.1f}{statistics.fmean(lat) if lat else float('nan'):>10.1f}"
        )
    ip = results.get("ipwarden")
    if ip and ip.get("cpu"):
        cpu = ip["cpu"]
        lines.append(
            f"{'ipwarden CPU time':<24}{len(cpu):>8}{_pct(cpu, 0.5):>10.1f}{_pct(cpu, 0.99):>10.1f}"
            f"{statistics.fmean(cpu):>10.1f}"
        )
    if ip:
        for name, res in results.items():
            if name != "ipwarden" and res["latencies"]:
                lines.append(
                    f"ratio {name} / ipwarden: p50 {_pct(res['latencies'], 0.5) / _pct(ip['latencies'], 0.5):.1f}x, "
                    f"p99 {_pct(res['latencies'], 0.99) / _pct(ip['latencies'], 0.99):.1f}x"
                )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")  # one core, as the targets are stated (NumPy is imported later)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="generated marks (default 1,000,000)")
    parser.add_argument("--seed", type=int, default=20261122)
    parser.add_argument("--workdir", type=Path, default=ROOT / "bench" / "out" / "clearance")
    parser.add_argument("--peer-sample", type=int, default=60, help="queries run by RapidFuzz brute force")
    parser.add_argument(
        "--pg", default=os.environ.get("IPWARDEN_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
    )
    parser.add_argument(
        "--repeat", type=int, default=0, help="more timed ipwarden passes after the first (warm caches)"
    )
    parser.add_argument("--skip-pg", action="store_true")
    parser.add_argument("--skip-rapidfuzz", action="store_true")
    parser.add_argument(
        "--queries",
        type=Path,
        nargs="+",
        help="development cases file(s) instead of the evaluation set (no peers)",
    )
    parser.add_argument(
        "--candidates",
        type=lambda v: [int(x) for x in v.split(",")],
        help="development mode: marks scored exactly per query, e.g. 80,150 (default: the service's)",
    )
    parser.add_argument(
        "--reuse-index", action="store_true", help="development mode: keep the generated marks' index"
    )
    parser.add_argument(
        "--sealed",
        action="store_true",
        help="with --queries: a held-out cases file (eval/containment_fresh): print figures, not the misses",
    )
    args = parser.parse_args(argv)
    if args.queries:
        args.workdir.mkdir(parents=True, exist_ok=True)
        return run_dev(args)
    if not (EVAL / "queries.jsonl").is_file():
        print(f"evaluation set not found at {EVAL}", file=sys.stderr)
        return 2
    args.workdir.mkdir(parents=True, exist_ok=True)
    queries = load_queries()
    sample = _subsample(queries, args.peer_sample, args.seed)
    store = load_registry(args.size, args.seed, args.workdir)
    results: dict[str, dict[str, Any]] = {}
    results["ipwarden"] = run_ipwarden(store, args.workdir, queries, args.repeat)
    ip = results["ipwarden"]
    _log(
        f"ipwarden: recall@10 {ip['quality'].recall():.3f}, false-high {ip['quality'].false_high():.3f}, "
        f"p50 {_pct(ip['latencies'], 0.5):.1f} ms, p99 {_pct(ip['latencies'], 0.99):.1f} ms"
    )
    for n, (p50, p99) in enumerate(ip["repeats"], 2):
        _log(f"ipwarden pass {n} over the same queries: p50 {p50:.1f} ms, p99 {p99:.1f} ms")
    sample_ids = {q["qid"] for q in sample}
    sub = Quality()
    for q in sample:
        sub.add(q, ip["ranked"].get(q["qid"], []), None)
    results["ipwarden (subsample)"] = {"quality": sub, "latencies": []}
    if not args.skip_pg:
        _log("pg_trgm: loading and indexing")
        results["pg_trgm"] = run_pg_trgm(store, queries, args.pg)
        _log(f"pg_trgm: recall@10 {results['pg_trgm']['quality'].recall():.3f}")
    if not args.skip_rapidfuzz:
        _log(f"rapidfuzz brute force on {len(sample)} queries")
        results["rapidfuzz WRatio (sub)"] = run_rapidfuzz(store, sample)
    if ip["errors"]:
        print("queries rejected as bad input:", *ip["errors"], sep="\n  ")
    text = report(results, queries, sample)
    print(
        f"\nregistry: {store.count_rights():,} rights; queries: {len(queries)} (subsample {len(sample_ids)})"
    )
    print(
        f"ipwarden index: build {ip['build_s']:.0f} s, peak RSS {ip['peak_rss_mb']:.0f} MB "
        f"(process before build {ip['rss_before_build_mb']:.0f} MB), {ip['index_disk_mb']:.0f} MB on disk"
    )
    print(f"ipwarden similarity modules: {_modules_used()}")
    print(text)
    summary = {
        name: {
            "recall": {c: res["quality"].recall(c) for c in res["quality"].expected}
            | {"all": res["quality"].recall()},
            "recall_with_twins": {c: res["quality"].recall_with_twins(c) for c in res["quality"].expected}
            | {"all": res["quality"].recall_with_twins()},
            "false_high": res["quality"].false_high(),
            "modules": _modules_used() if name.startswith("ipwarden") else None,
            "p50_ms": _pct(res["latencies"], 0.5) if res["latencies"] else None,
            "p99_ms": _pct(res["latencies"], 0.99) if res["latencies"] else None,
            "cpu_p50_ms": _pct(res["cpu"], 0.5) if res.get("cpu") else None,
            "cpu_p99_ms": _pct(res["cpu"], 0.99) if res.get("cpu") else None,
        }
        for name, res in results.items()
    }
    (args.workdir / f"results-{args.size}.json").write_text(json.dumps(summary, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
