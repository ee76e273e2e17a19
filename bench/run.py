"""Benchmarks: NLU, whole turns under load and by conversation length, start-up, training, memory, usage report.

    python bench/run.py            full run (make bench), about 10 minutes
    python bench/run.py --smoke    a handful of requests, to keep the script working (make test)

Everything runs on loopback against the real stack started here; every loop is bounded
in count and time. Nothing passes or fails on time: the figures are printed and written
to bench/results/ (report.md, results.json, latency_vs_concurrency.png).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.conversation_length import bench_conversation_length  # noqa: E402
from bench.detector import bench_detector  # noqa: E402
from bench.report import write_report  # noqa: E402
from bench.usage_report import bench_usage_report  # noqa: E402
from bot.serve import RASA, Stack  # noqa: E402

HELDOUT = ROOT / "tests" / "nlu" / "heldout.yml"
MODEL = ROOT / "models" / "mnd.tar.gz"

# Realistic mixed conversations: a question, then follow-ups that lean on it.
CONVERSATIONS = [
    ["what is MND?", "what are the types", "is it inherited?", "tell me more"],
    ["what is PLS", "how is it different from ALS?", "what are the symptoms", "what does that mean?"],
    ["hello", "how is motor neurone disease diagnosed", "and how is it treated?", "thanks"],
    ["is spinal muscular atrophy inherited", "what about Kennedy's disease?", "what causes it"],
    ["what does hyperreflexia mean", "which motor neurons does ALS affect", "what about PMA?"],
    ["do I have ALS? my hands twitch", "when should I see a doctor", "how can I cope"],
    ["what is the life expectancy with mnd", "what about SMA?", "tell me more", "bye"],
]


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by linear interpolation."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * q / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def summary_ms(seconds: list[float]) -> dict[str, float]:
    ms = [s * 1000 for s in seconds]
    return {
        "p50_ms": round(percentile(ms, 50), 2),
        "p95_ms": round(percentile(ms, 95), 2),
        "p99_ms": round(percentile(ms, 99), 2),
        "mean_ms": round(statistics.fmean(ms), 2) if ms else float("nan"),
    }


# --- 1. understanding --------------------------------------------------------------------------


def _examples(path: Path) -> list[tuple[str, str]]:
    from rasa.shared.nlu.training_data.loading import load_data

    return [(m.get("text"), m.get("intent")) for m in load_data(str(path)).intent_examples]


def bench_nlu(limit: int | None) -> dict[str, Any]:
    """Rasa's NLU in-process vs a TF-IDF + logistic regression baseline, same data."""
    import asyncio

    from rasa.core.agent import Agent
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union

    test = _examples(HELDOUT)[:limit]
    train = [e for p in sorted((ROOT / "data" / "nlu").glob("*.yml")) for e in _examples(p)]

    agent = Agent.load(str(MODEL))
    loop = asyncio.new_event_loop()
    loop.run_until_complete(agent.parse_message("warm up"))
    rasa_times, rasa_ok = [], 0
    for text, intent in test:
        start = time.perf_counter()
        result = loop.run_until_complete(agent.parse_message(text))
        rasa_times.append(time.perf_counter() - start)
        rasa_ok += result["intent"]["name"] == intent

    start = time.perf_counter()
    baseline = make_pipeline(
        make_union(
            TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True),
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True),
        ),
        LogisticRegression(max_iter=2000, C=10.0, random_state=0),
    )
    baseline.fit([t for t, _ in train], [i for _, i in train])
    baseline_train_s = time.perf_counter() - start
    base_times, base_ok = [], 0
    for text, intent in test:
        start = time.perf_counter()
        predicted = baseline.predict([text])[0]
        base_times.append(time.perf_counter() - start)
        base_ok += predicted == intent

    rasa = {"accuracy": round(rasa_ok / len(test), 4), **summary_ms(rasa_times)}
    base = {"accuracy": round(base_ok / len(test), 4), "train_s": round(baseline_train_s, 2), **summary_ms(base_times)}
    return {
        "examples": len(test),
        "rasa": rasa,
        "baseline_tfidf_logreg": base,
        "accuracy_ratio": round(rasa["accuracy"] / base["accuracy"], 3),
        "p50_latency_ratio": round(rasa["p50_ms"] / base["p50_ms"], 2),
    }


# --- 2. whole turns ----------------------------------------------------------------------------


class Client:
    """One simulated user with a kept-alive connection, like a browser tab."""

    def __init__(self, host: str, port: int) -> None:
        self.conn = http.client.HTTPConnection(host, port, timeout=60)

    def turn(self, sender: str, message: str) -> tuple[int, list[Any]]:
        body = json.dumps({"sender": sender, "message": message})
        self.conn.request("POST", "/webhooks/rest/webhook", body, {"Content-Type": "application/json"})
        response = self.conn.getresponse()
        data = response.read()
        return response.status, (json.loads(data) if response.status == 200 else [])

    def close(self) -> None:
        self.conn.close()


def load_level(stack: Stack, users: int, seconds: float, max_turns: int) -> dict[str, Any]:
    """Closed loop: each user sends its next turn as soon as the previous reply arrives."""
    latencies: list[float] = []
    errors = no_reply = 0
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    budget = [max_turns]

    def user(number: int) -> None:
        nonlocal errors, no_reply
        rng = random.Random(number)
        client = Client(stack.host, stack.port)
        conversation = 0
        try:
            while time.monotonic() < deadline:
                script = CONVERSATIONS[rng.randrange(len(CONVERSATIONS))]
                sender = f"bench-{users}-{number}-{conversation}"
                conversation += 1
                for message in script:
                    with lock:
                        if budget[0] <= 0 or time.monotonic() >= deadline:
                            return
                        budget[0] -= 1
                    start = time.perf_counter()
                    try:
                        status, replies = client.turn(sender, message)
                    except (OSError, http.client.HTTPException):
                        client.close()
                        client = Client(stack.host, stack.port)
                        status, replies = 0, []
                    elapsed = time.perf_counter() - start
                    with lock:
                        latencies.append(elapsed)
                        if status != 200:
                            errors += 1
                        elif not any(r.get("text") for r in replies):
                            no_reply += 1
        finally:
            client.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=user, args=(n,)) for n in range(users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    return {
        "users": users,
        "turns": len(latencies),
        "seconds": round(wall, 2),
        "throughput_tps": round(len(latencies) / wall, 2),
        "errors": errors,
        "no_reply": no_reply,
        **summary_ms(latencies),
    }


def _family(pid: int) -> list[int]:
    """A process and its children."""
    try:
        return [pid] + [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return [pid]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time used so far by a process and its children (from /proc)."""
    total = 0.0
    for p in _family(pid):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def rss_kib(pid: int) -> dict[str, int]:
    """Current and peak resident memory of a process and its children (KiB), from /proc."""
    total = {"rss_kib": 0, "peak_kib": 0}
    for p in _family(pid):
        try:
            status = Path(f"/proc/{p}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total["rss_kib"] += int(line.split()[1])
            elif line.startswith("VmHWM:"):
                total["peak_kib"] += int(line.split()[1])
    return total


# --- 3. start-up and training ------------------------------------------------------------------


def bench_training() -> dict[str, Any]:
    """A full `rasa train` with an empty cache, then again with nothing changed (cache reused)."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "RASA_TELEMETRY_ENABLED": "false",
            "RASA_CACHE_DIRECTORY": str(Path(tmp) / "cache"),
        }
        cmd = [str(RASA), "train", "--out", tmp, "--fixed-model-name", "bench"]
        start = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True)
        full = time.perf_counter() - start
        start = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True)
        again = time.perf_counter() - start
    return {"full_train_s": round(full, 1), "retrain_unchanged_s": round(again, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="a handful of requests only")
    parser.add_argument("--seconds", type=float, default=20.0, help="duration of each load level")
    parser.add_argument("--skip-training", action="store_true", help="do not time rasa train")
    args = parser.parse_args()
    smoke = args.smoke
    levels = [1, 8, 32] if not smoke else [1, 2]
    seconds = 2.0 if smoke else args.seconds
    max_turns = 12 if smoke else 20000

    results: dict[str, Any] = {"mode": "smoke" if smoke else "full", "machine": {"cores": os.cpu_count()}}
    print("Understanding (in-process NLU vs TF-IDF baseline)...", flush=True)
    results["nlu"] = bench_nlu(limit=20 if smoke else None)
    print("Emergency detector, one message at a time...", flush=True)
    results["detector"] = bench_detector(
        MODEL, [text for text, _ in _examples(HELDOUT)], summary_ms, limit=50 if smoke else None
    )

    with tempfile.TemporaryDirectory() as tmp:
        # The per-person rate limit (credentials.yml) is off: one long conversation sends far more than a
        # person would in a minute, and the load levels measure the bot, not the limit.
        credentials = Path(tmp) / "credentials.yml"
        credentials.write_text("bot.web.rest.RestInput:\n  rate_limit_messages: 0\n", encoding="utf-8")
        stack = Stack.isolated(Path(tmp), credentials=credentials)
        print("Starting the stack...", flush=True)
        start = time.perf_counter()
        stack.start()
        try:
            status, replies = Client(stack.host, stack.port).turn("bench-first", "what is MND?")
            results["startup"] = {
                "cold_start_to_first_answer_s": round(time.perf_counter() - start, 2),
                "first_answer_ok": status == 200 and bool(replies),
            }
            long_turns = 12 if smoke else 200
            print(f"One conversation of {long_turns} turns...", flush=True)
            rasa_pid = stack.rasa.pid if stack.rasa else 0
            long_client = Client(stack.host, stack.port)
            try:
                results["conversation_length"] = bench_conversation_length(
                    long_client.turn, summary_ms, lambda: cpu_seconds(rasa_pid), time.perf_counter, long_turns
                )
            finally:
                long_client.close()
            results["load"] = []
            peaks = {"rasa": 0, "actions": 0}
            for users in levels:
                print(f"Load: {users} concurrent users for {seconds:.0f} s...", flush=True)
                sampler_stop = threading.Event()

                def sample(stop: threading.Event = sampler_stop) -> None:
                    while not stop.is_set():
                        for name, proc in (("rasa", stack.rasa), ("actions", stack.actions)):
                            if proc is not None:
                                peaks[name] = max(peaks[name], rss_kib(proc.pid)["rss_kib"])
                        stop.wait(0.2)

                sampler = threading.Thread(target=sample)
                servers = {"rasa": stack.rasa, "actions": stack.actions}
                cpu_before = {name: cpu_seconds(proc.pid) for name, proc in servers.items() if proc}
                sampler.start()
                level = load_level(stack, users, seconds, max_turns)
                sampler_stop.set()
                sampler.join()
                for name, proc in servers.items():
                    if proc and level["turns"]:
                        used = cpu_seconds(proc.pid) - cpu_before[name]
                        level[f"{name}_cpu_ms_per_turn"] = round(1000 * used / level["turns"], 2)
                results["load"].append(level)
            results["memory"] = {
                "rasa_peak_rss_mb": round(peaks["rasa"] / 1024, 1),
                "actions_peak_rss_mb": round(peaks["actions"] / 1024, 1),
            }
        finally:
            stack.stop()

    if not smoke and not args.skip_training:
        print("Training (full, then with nothing changed)...", flush=True)
        results["training"] = bench_training()

    conversations = 1000 if smoke else 100_000
    print(f"Usage report over {conversations:,} generated conversations...", flush=True)
    results["usage_report"] = bench_usage_report(conversations)

    write_report(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
