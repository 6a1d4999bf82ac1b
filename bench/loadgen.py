"""The HTTP side of bench/load.py: a gunicorn server process and timed, self-stopping client threads,
with the CPU time each process used while they ran."""
from __future__ import annotations

import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn:
    """`config.wsgi` on gunicorn (sync workers) on a free loopback port, started with `env`; ready when
    /healthz answers."""

    def __init__(self, env: dict[str, str], workers: int = 2):
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "config.wsgi:application", "--workers", str(workers),
             "--bind", f"127.0.0.1:{self.port}", "--log-level", "warning", "--keep-alive", "30"],
            cwd=ROOT, env=env,
        )
        import httpx

        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.base_url}/healthz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError("gunicorn did not answer /healthz within 60 s")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


@dataclass
class Result:
    name: str
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    seconds: float = 0.0
    cpu: dict[str, float] = field(default_factory=dict)  # CPU seconds used while this endpoint ran

    def add(self, status: int, latency: float) -> None:
        self.latencies.append(latency)
        self.statuses[status] = self.statuses.get(status, 0) + 1

    def summary(self) -> dict:
        lat = sorted(self.latencies)

        def pct(p: float) -> float:
            return round(lat[min(len(lat) - 1, int(p / 100 * len(lat)))] * 1000, 1) if lat else 0.0

        return {"endpoint": self.name, "requests": len(lat), "rps": round(len(lat) / self.seconds, 1),
                "p50_ms": pct(50), "p95_ms": pct(95), "p99_ms": pct(99),
                "mean_ms": round(statistics.fmean(lat) * 1000, 1) if lat else 0.0,
                "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
                "cpu_ms_per_request": {kind: round(seconds / len(lat) * 1000, 3) for kind, seconds in self.cpu.items()}
                if lat else {}}


# Which processes a run counts, by a part of their command line: (kind, marker, at the start only).
SERVER_KINDS = (("gunicorn", b"gunicorn", False), ("postgres", b"postgres", True))


def cpu_seconds(kinds=SERVER_KINDS) -> dict[tuple[str, str], float]:
    """CPU seconds used so far by each process of `kinds` (gunicorn and PostgreSQL by default) and by
    this process ("load generator"), keyed by (kind, pid); from Linux /proc, empty elsewhere. They share
    the machine's cores."""
    if not os.path.isdir("/proc/self"):
        return {}
    used = {("load generator", "self"): sum(os.times()[:2])}
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or entry == str(os.getpid()):
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as file:
                command = file.read()
            kind = next((name for name, marker, at_start in kinds
                         if (command.startswith(marker) if at_start else marker in command)), None)
            if kind:
                used[(kind, entry)] = process_cpu_seconds(entry)
        except OSError:  # the process ended meanwhile
            continue
    return used


def process_cpu_seconds(pid: int | str) -> float:
    """CPU seconds (user + system) a process has used so far, from Linux /proc."""
    with open(f"/proc/{pid}/stat") as file:
        fields = file.read().rsplit(")", 1)[1].split()  # the command name may contain spaces and ")"
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def drive(result: Result, base_url: str, token: str, make_request, *, duration: float, concurrency: int,
          cookies: dict[str, str] | None = None) -> None:
    """`concurrency` threads, each with a keep-alive client, call make_request(client, rng, slot) for
    `duration` seconds after all of them have connected and warmed up; every request is timed into `result`."""
    import httpx

    lock = threading.Lock()
    warmed, go = threading.Barrier(concurrency + 1), threading.Barrier(concurrency + 1)
    window: dict[str, float] = {}

    def worker(slot: int) -> None:
        rng = random.Random(slot)
        local: list[tuple[int, float]] = []
        with httpx.Client(base_url=base_url, headers={"Authorization": f"Token {token}"}, cookies=cookies,
                          timeout=30) as client:
            make_request(client, rng, slot, warmup=True)
            warmed.wait()
            go.wait()
            while time.monotonic() < window["deadline"]:
                started = time.perf_counter()
                status = make_request(client, rng, slot)
                local.append((status, time.perf_counter() - started))
        with lock:
            for status, latency in local:
                result.add(status, latency)

    threads = [threading.Thread(target=worker, args=(slot,)) for slot in range(concurrency)]
    for thread in threads:
        thread.start()
    warmed.wait()
    cpu_before = cpu_seconds()
    started = time.monotonic()
    window["deadline"] = started + duration
    go.wait()
    for thread in threads:
        thread.join()
    result.seconds += time.monotonic() - started
    # Per process, so that a database connection opened or closed meanwhile does not skew the sums.
    for (kind, pid), seconds in cpu_seconds().items():
        result.cpu[kind] = result.cpu.get(kind, 0.0) + seconds - cpu_before.get((kind, pid), 0.0)
