"""The embedded default as `make run` serves it: how long a submission takes to return, and how long
until its claims are extracted in the background (what a submitter used to wait for, inline).

    .venv/bin/python bench/embedded_submit.py [--runs 5]

Starts `manage.py runembedded` (web server + worker on the filesystem broker) on a fresh SQLite file
in a temporary folder, submits the sample article (made distinct per run) through the API and polls
until it is done. Prints one JSON object; `submit_over_done` is the share of the extraction time a
submitter still waits (before, tasks ran inside the request: all of it).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from loadgen import free_port  # noqa: E402

PASSWORD = "a-Very-long-passphrase-42"


def _call(url: str, *, token: str = "", data: dict | None = None) -> dict:
    headers = {"Content-Type": "application/json"} | ({"Authorization": f"Token {token}"} if token else {})
    body = json.dumps(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers=headers, method="POST" if body else "GET")
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="verity-embedded-"))
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}", "REDIS_URL": "",
           "CELERY_EMBEDDED_BROKER_DIR": str(folder / "broker"), "DJANGO_SETTINGS_MODULE": "config.settings"}
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    (folder / "password").write_text(PASSWORD + "\n")
    subprocess.run([*manage, "createreviewer", "bench", "--role", "reviewer", "--password-file",
                    str(folder / "password")], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([*manage, "runembedded", f"127.0.0.1:{port}"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    sample = (ROOT / "verify" / "sample_data" / "sample_article.txt").read_text(encoding="utf-8")
    try:
        for _ in range(120):
            try:
                token = _call(f"{base}/api/auth/token/", data={"username": "bench", "password": PASSWORD})["token"]
                break
            except OSError:
                time.sleep(0.5)
        time.sleep(5)  # the worker loads spaCy before its first task
        runs = []
        for run in range(args.runs):
            started = time.perf_counter()
            article = _call(f"{base}/api/articles/", token=token,
                            data={"text": f"{sample}\n\nBenchmark run {run} {time.time()}.", "title": f"Run {run}"})
            submitted = time.perf_counter() - started
            while article["status"] not in ("done", "failed"):
                time.sleep(0.05)
                article = _call(f"{base}/api/articles/{article['id']}/", token=token)
            runs.append({"submit": submitted, "done": time.perf_counter() - started})
    finally:
        server.terminate()
        server.wait(timeout=40)
    submit = statistics.median(r["submit"] for r in runs)
    done = statistics.median(r["done"] for r in runs)
    print(json.dumps({"runs": len(runs), "median_submit_seconds": round(submit, 3),
                      "max_submit_seconds": round(max(r["submit"] for r in runs), 3),
                      "median_done_seconds": round(done, 2), "submit_over_done": round(submit / done, 3)}))


if __name__ == "__main__":
    main()
