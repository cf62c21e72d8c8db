"""make bench: throughput against bare spaCy, peak memory, extraction time by document length, accuracy,
model speed.

Reads ../shared (the VOA corpus, the PLOVER gold dev set, the DEU dev set) when present and skips
each part cleanly when it is absent. Prints Markdown to paste into docs/benchmarks.md.
"""
from __future__ import annotations

import platform
import resource
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def throughput() -> None:
    corpus = SHARED / "corpus" / "voa" / "voa_stories.jsonl"
    if not corpus.exists():
        print("- throughput: skipped (../shared/corpus/voa absent)")
        return
    from realpolitik.events import Extractor
    from realpolitik.sources import read_jsonl

    docs = list(read_jsonl(corpus))
    extractor = Extractor()
    nlp = extractor.nlp
    list(nlp.pipe([d.text for d in docs[:5]]))  # warm up
    start = time.perf_counter()
    parsed = list(nlp.pipe([d.text for d in docs], batch_size=32))
    bare = time.perf_counter() - start
    sentences = sum(1 for doc in parsed for _ in doc.sents)
    del parsed
    start = time.perf_counter()
    results = list(extractor.extract_many(docs))
    ours = time.perf_counter() - start
    events = sum(len(r.events) for r in results)
    print(f"- corpus: {corpus.name}, {len(docs)} documents, {sentences} sentences, {events} events")
    print(f"- bare spaCy nlp.pipe: {len(docs) / bare:.2f} docs/s, {sentences / bare:.1f} sentences/s")
    print(f"- realpolitik extract: {len(docs) / ours:.2f} docs/s, {sentences / ours:.1f} sentences/s, "
          f"{events / ours:.1f} events/s")
    print(f"- throughput ratio (extract / bare spaCy): {bare / ours:.2f}")
    print(f"- peak memory (max RSS): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    dashboard(results)


def dashboard(results) -> None:
    """Store the VOA extractions, then time the dashboard's requests through the ASGI client."""
    import tempfile

    from fastapi.testclient import TestClient

    from realpolitik.store import open_store
    from realpolitik.web import create_app

    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "voa.duckdb"
        start = time.perf_counter()
        with open_store(db) as store:
            store.add(results)
        print(f"- store load of {len(results)} extractions: {time.perf_counter() - start:.2f} s")
        client = TestClient(create_app(db, read_only=True), base_url="http://127.0.0.1")
        for path in ("/", "/api/network", "/api/network?type=ASSAULT", "/api/dyad?a=USA&b=UKR",
                     "/api/events?limit=500", "/api/search?q=Russia"):
            times = []
            for _ in range(5):
                start = time.perf_counter()
                assert client.get(path).status_code == 200
                times.append(time.perf_counter() - start)
            print(f"- dashboard GET {path}: median {sorted(times)[2] * 1000:.0f} ms over 5 requests")


def scaling() -> None:
    """Seconds per 10k characters for one document of 10k, 80k and 800k characters (the example articles
    repeated). Linear extraction keeps the figure flat; the goal is 800k characters in at most 100 times
the time of 10k (a ratio of at most 1.25 per 10k characters)."""
    from realpolitik.events import Extractor
    from realpolitik.records import Document

    articles = [p.read_text(encoding="utf-8").strip() for p in sorted((ROOT / "examples" / "articles").glob("*"))
                if p.is_file() and p.suffix in {".txt", ".md"}]
    if not articles:
        print("- document length: skipped (examples/articles absent)")
        return
    extractor = Extractor()
    extractor.extract(Document(doc_id="warm", text=articles[0], date="2024-06-19"))
    base = None
    for size in (10_000, 80_000, 800_000):
        parts, length, k = [], 0, 0
        while length < size:
            parts.append(articles[k % len(articles)])
            length += len(parts[-1]) + 2
            k += 1
        text = "\n\n".join(parts)[:size]
        start = time.perf_counter()
        result = extractor.extract(Document(doc_id=f"len{size}", text=text, date="2024-06-19"))
        seconds = time.perf_counter() - start
        per10k = seconds / (len(text) / 10_000)
        base = base or per10k
        print(f"- one document of {len(text):,} characters: {seconds:.1f} s, {per10k:.2f} s per 10k characters "
              f"({per10k / base:.2f} x the 10k figure), {len(result.sentences)} sentences, {len(result.events)} events")


def news_accuracy() -> None:
    """The real-news gold: whole VOA documents, every factual event judged (docs/annotation.md)."""
    from realpolitik.analysis.confidence import default_min_confidence
    from realpolitik.events.news_evaluate import evaluate_news

    corpus = SHARED / "corpus" / "voa" / "voa_stories.jsonl"
    if not corpus.exists():
        print("- news gold: skipped (../shared/corpus/voa absent)")
        return
    threshold = default_min_confidence()
    everything, shown = evaluate_news(ROOT / "gold" / "news_dev.jsonl", corpus, thresholds=(0.0, threshold))
    for label, report in (("all factual events", everything), (f"confidence >= {threshold:.2f}", shown)):
        r = report.as_dict()
        print(f"- news gold (gold/news_dev.jsonl, {r['documents']} documents, {r['sentences']} sentences), {label}: "
              f"type P/R/F1 {r['type']['precision']}/{r['type']['recall']}/{r['type']['f1']}; QuadClass P/R/F1 "
              f"{r['quad']['precision']}/{r['quad']['recall']}/{r['quad']['f1']}; leak rate {r['type']['leak_rate']} "
              f"({r['type']['leaks']}/{r['forbid']})")
    print("  per type, all events (P/R/F1): " + "; ".join(
        f"{k} {v['precision']}/{v['recall']}/{v['f1']}" for k, v in everything.as_dict()["per_type"].items()))


def calibration() -> None:
    """How well the confidence model's probabilities match the share of right readings, out of fold."""
    from realpolitik.events.calibration import calibration_summary, labelled

    corpus = SHARED / "corpus" / "voa" / "voa_stories.jsonl"
    if not corpus.exists():
        print("- confidence calibration: skipped (../shared/corpus/voa absent)")
        return
    x, y, docs, _, _ = labelled(ROOT / "gold" / "news_dev.jsonl", corpus)
    s = calibration_summary(x, y, docs)
    print(f"- confidence calibration (news gold, {len(y)} judged events, 5 folds by document, 10 shuffles): "
          f"ECE {s['ece_mean']:.3f} (min {min(s['eces']):.3f}, max {max(s['eces']):.3f}); a perfectly "
          f"calibrated model shows {s['floor']:.3f} on as many events")


def accuracy() -> None:
    from realpolitik.events.evaluate import evaluate, load_gold

    news_accuracy()
    calibration()

    sets = [("own dev gold (gold/realpolitik_dev.jsonl; rules were written reading its errors)",
             ROOT / "gold" / "realpolitik_dev.jsonl"),
            ("own held-out gold (gold/realpolitik_holdout.jsonl; only measured, never read for rules)",
             ROOT / "gold" / "realpolitik_holdout.jsonl"),
            ("PLOVER GSR dev (../shared/gold/plover_gsr_dev.jsonl)", SHARED / "gold" / "plover_gsr_dev.jsonl")]
    for name, path in sets:
        if not path.exists():
            print(f"- {name}: skipped (absent)")
            continue
        r = evaluate(load_gold(path)).as_dict()
        print(f"- {name}: {r['sentences']} sentences; type P/R/F1 {r['type']['precision']}/{r['type']['recall']}/"
              f"{r['type']['f1']}; QuadClass P/R/F1 {r['quad']['precision']}/{r['quad']['recall']}/{r['quad']['f1']}; "
              f"leak rate {r['leak_rate']} ({r['leaks']}/{r['non_factual']})")
        print("  per type (P/R/F1): " + "; ".join(f"{k} {v['precision']}/{v['recall']}/{v['f1']}" for k, v in r["per_type"].items()))


def models() -> None:
    from realpolitik.scenarios.backtest import backtest_deu
    from realpolitik.scenarios.models import Actors, expected_utility_model
    from realpolitik.scenarios.scenario import load_scenario, monte_carlo

    rng = np.random.default_rng(1)
    a = Actors.of(rng.random(30), rng.random(30) * 100, rng.random(30))
    start = time.perf_counter()
    for _ in range(20):
        expected_utility_model(a, rounds=10, scale=100.0)
    print(f"- expected utility model, 30 actors x 10 rounds: {(time.perf_counter() - start) / 20 * 1000:.1f} ms per run")
    scenario = load_scenario(ROOT / "examples" / "scenarios" / "russia-dprk-military-technology.yaml")
    start = time.perf_counter()
    monte_carlo(scenario["issues"][0], samples=1000, seed=1)
    print(f"- Monte Carlo, 1,000 samples of the example scenario: {time.perf_counter() - start:.2f} s")
    deu = SHARED / "scenarios" / "deu3_dev.tsv"
    if deu.exists():
        result = backtest_deu(deu)
        print("- DEU III dev backtest (MAE, n): " + "; ".join(f"{k} {v['mae']} ({v['n']})" for k, v in result["models"].items()))
    else:
        print("- DEU backtest: skipped (../shared/scenarios absent)")


def parallel_and_streaming() -> None:
    """Worker speed-up on the VOA corpus (1 and 2 worker processes, pipelines loaded before the clock
    starts, one run), peak memory per worker, and the peak RSS of a streaming ingest of 2,000 and 20,000
    documents made by pairing shuffled VOA sentences (generated here, not stored)."""
    import json
    import multiprocessing
    import os
    import random
    import re
    import subprocess
    import tempfile

    corpus = SHARED / "corpus" / "voa" / "voa_stories.jsonl"
    if not corpus.exists():
        print("- parallel and streaming: skipped (../shared/corpus/voa absent)")
        return
    from realpolitik.ingest import workers as pool_workers
    from realpolitik.sources import read_jsonl

    docs = list(read_jsonl(corpus))
    chunks = [docs[i:i + 2] for i in range(0, len(docs), 2)]
    rates = {}
    for n in (1, 2):
        with multiprocessing.get_context("spawn").Pool(n, initializer=pool_workers._load, initargs=(None,)) as pool:
            pool.map(pool_workers.warm, range(n * 4), chunksize=1)  # every worker has loaded its pipeline
            start = time.perf_counter()
            done = sum(len(r) for r in pool.imap(pool_workers._work, chunks))
            rates[n] = done / (time.perf_counter() - start)
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"- extraction, {len(docs)} VOA documents: 1 worker {rates[1]:.2f} docs/s, 2 workers {rates[2]:.2f} docs/s; "
          f"speed-up {rates[2] / rates[1]:.2f}x (target >= 1.5x)")
    print(f"- peak memory per worker process (max RSS): {children:.0f} MiB")
    sentences = [s.strip() for d in docs for s in re.split(r"(?<=[.!?])\s+", d.text) if len(s.split()) >= 6]
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder:
        for size in (2_000, 20_000):
            path = Path(folder) / f"gen{size}.jsonl"
            with open(path, "w", encoding="utf-8") as handle:
                for i in range(size):
                    text = " ".join(rng.sample(sentences, 2))
                    handle.write(json.dumps({"id": f"g{i}", "text": text, "date": "2024-05-01"}) + "\n")
            db = Path(folder) / f"gen{size}.duckdb"
            start = time.perf_counter()
            proc = subprocess.Popen([sys.executable, "-m", "realpolitik.cli", "ingest", str(path), "--db", str(db),
                                     "--workers", "2", "--batch-size", "200"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            _, status, usage = os.wait4(proc.pid, 0)
            out = proc.stdout.read().decode().strip()
            seconds = time.perf_counter() - start
            print(f"- streaming ingest of {size:,} generated documents (2 workers, batches of 200): {seconds:.0f} s, "
                  f"{size / seconds:.1f} docs/s, peak RSS of the largest process {usage.ru_maxrss / 1024:.0f} MiB "
                  f"(exit {os.waitstatus_to_exitcode(status)}; {out.split(';')[0]})")


def main() -> int:
    print(f"## make bench on {platform.node()} ({platform.machine()}, {platform.python_version()}), "
          f"{time.strftime('%Y-%m-%d')}")
    print("\n### Throughput and memory")
    throughput()
    print("\n### Parallel and streaming ingestion")
    parallel_and_streaming()
    print("\n### Extraction time by document length")
    scaling()
    print("\n### Event coding accuracy")
    accuracy()
    print("\n### Forecasting models")
    models()
    return 0


if __name__ == "__main__":
    sys.exit(main())
