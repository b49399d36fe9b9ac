"""`make loadtest`: gunicorn with production settings on PostgreSQL, driven by wrk.

For each endpoint: 200 connections for LOADTEST_SECONDS (default 60) with latency statistics;
logged-in endpoints get a session cookie (and a CSRF token for POSTs) through a Lua script. The
goal: zero socket errors and zero 5xx on every endpoint. Results go to bench/results/loadtest.json
and bench/results/loadtest.md. Needs DATABASE_URL (PostgreSQL) and wrk (Debian package).

Endpoints come from ``endpoints(ctx)`` functions in ``bench/load_<app>.py`` modules, so each app
adds its own without touching this runner.
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
SECONDS = int(os.environ.get("LOADTEST_SECONDS", "60"))
CONNECTIONS = int(os.environ.get("LOADTEST_CONNECTIONS", "200"))
THREADS = 2


@dataclass
class Endpoint:
    name: str
    path: str
    method: str = "GET"
    persona: str = ""  # e-mail of the user whose session is used; "" = anonymous
    body: str = ""
    expect: tuple[int, ...] = (200,)


@dataclass
class Outcome:
    name: str
    path: str
    requests: int = 0
    rps: float = 0.0
    p50_ms: float = 0.0
    p99_ms: float = 0.0
    socket_errors: int = 0
    non_2xx_3xx: int = 0
    status_5xx: int = 0
    extra: dict = field(default_factory=dict)


LUA = """
local session = "{session}"
local csrf = "{csrf}"
wrk.method = "{method}"
wrk.body = [[{body}]]
wrk.headers["Cookie"] = "sessionid=" .. session .. "; csrftoken=" .. csrf
wrk.headers["Host"] = "127.0.0.1"
if wrk.method == "POST" then
  wrk.headers["X-CSRFToken"] = csrf
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["Referer"] = "http://127.0.0.1/"
end
status_5xx = 0
response = function(status, headers, body)
  if status >= 500 then status_5xx = status_5xx + 1 end
end
done = function(summary, latency, requests)
  io.write(string.format("LAT50 %f\\nLAT99 %f\\n", latency:percentile(50), latency:percentile(99)))
end
"""


def _env(var_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        SECRET_KEY=env.get("SECRET_KEY") or "loadtest-only-not-secret",
        DOELGROEPREGISTER_BSN_KEY=env.get("DOELGROEPREGISTER_BSN_KEY")
        or "loadtest-only-not-secret",
        DEBUG="false",
        ALLOWED_HOSTS="127.0.0.1",
        # wrk talks plain HTTP to gunicorn: the production HTTPS defaults switched off explicitly.
        SECURE_SSL_REDIRECT="false",
        SECURE_COOKIES="false",
        VAR_DIR=str(var_dir),
        LOG_LEVEL="WARNING",
        CONN_MAX_AGE="60",
    )
    return env


def _prepare(env: dict[str, str]) -> None:
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"], ["seed_demo"]):
        subprocess.run(
            [sys.executable, "manage.py", *command, "-v0"],
            cwd=ROOT,
            # seed_demo creates accounts with a published password: it runs only with DEBUG.
            env={**env, "DEBUG": "true"} if command == ["seed_demo"] else env,
            check=True,
            stdout=subprocess.DEVNULL,
        )


def _sessions(env: dict[str, str], emails: set[str]) -> dict[str, tuple[str, str]]:
    """Log each persona in (bench/sessions.py); return (sessionid, csrftoken) per e-mail."""
    result = subprocess.run(
        [sys.executable, "-m", "bench.sessions", *sorted(emails)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    # Django accepts a request whose CSRF cookie and header carry the same unmasked secret.
    csrf = "L" * 32
    return {email: (sid, csrf) for email, sid in json.loads(result.stdout).items()}


def _wrk(port: int, endpoint: Endpoint, session: tuple[str, str], workdir: Path) -> Outcome:
    script = workdir / f"{endpoint.name}.lua"
    script.write_text(
        LUA.format(session=session[0], csrf=session[1], method=endpoint.method, body=endpoint.body)
    )
    result = subprocess.run(
        [
            "wrk",
            "-t",
            str(THREADS),
            "-c",
            str(CONNECTIONS),
            "-d",
            f"{SECONDS}s",
            "--timeout",
            "10s",
            "--latency",
            "-s",
            str(script),
            f"http://127.0.0.1:{port}{endpoint.path}",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    out = result.stdout
    outcome = Outcome(endpoint.name, endpoint.path)
    outcome.requests = int(re.search(r"(\d+) requests in", out).group(1))
    outcome.rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    outcome.p50_ms = float(re.search(r"LAT50 ([\d.]+)", out).group(1)) / 1000
    outcome.p99_ms = float(re.search(r"LAT99 ([\d.]+)", out).group(1)) / 1000
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    outcome.socket_errors = sum(int(g) for g in errors.groups()) if errors else 0
    non = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    outcome.non_2xx_3xx = int(non.group(1)) if non else 0
    outcome.extra["wrk"] = out
    return outcome


def _count_5xx(log: Path) -> int:
    return sum(1 for line in log.read_text(errors="replace").splitlines() if '" 5' in line)


def main() -> int:
    if "postgresql" not in os.environ.get("DATABASE_URL", ""):
        print("make loadtest needs DATABASE_URL=postgresql://... (see README)")
        return 2
    var_dir = Path(tempfile.mkdtemp(prefix="werkkamer-load-"))
    env = _env(var_dir)
    _prepare(env)
    ctx: dict = {"env": env}
    endpoints: list[Endpoint] = []
    for module in sorted(m.name for m in pkgutil.iter_modules([str(ROOT / "bench")])):
        if module.startswith("load_"):
            endpoints += importlib.import_module(f"bench.{module}").endpoints(ctx)
    sessions = _sessions(env, {e.persona for e in endpoints if e.persona})
    port = 18000 + os.getpid() % 1000
    log = var_dir / "access.log"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "werkkamer.wsgi:application",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "4",
            "-k",
            "gthread",
            "--threads",
            "8",
            "--backlog",
            "2048",
            "--timeout",
            "30",
            "--access-logfile",
            str(log),
            "--access-logformat",
            '%(r)s" %(s)s',
        ],
        cwd=ROOT,
        env=env,
        stderr=subprocess.DEVNULL,
    )
    outcomes = []
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)  # noqa: S310
                break
            except OSError:
                time.sleep(0.2)
        for endpoint in endpoints:
            before = _count_5xx(log)
            outcome = _wrk(port, endpoint, sessions.get(endpoint.persona, ("", "")), var_dir)
            outcome.status_5xx = _count_5xx(log) - before
            outcomes.append(outcome)
            print(
                f"{outcome.name:<32} {outcome.requests:>7} req  {outcome.rps:>8.1f} req/s  "
                f"p50 {outcome.p50_ms:>7.1f} ms  p99 {outcome.p99_ms:>7.1f} ms  "
                f"socket errors {outcome.socket_errors}  non-2xx/3xx {outcome.non_2xx_3xx}  "
                f"5xx {outcome.status_5xx}",
                flush=True,
            )
        ctx["port"] = port
        for module in sorted(m.name for m in pkgutil.iter_modules([str(ROOT / "bench")])):
            if module.startswith("load_"):
                extra = getattr(importlib.import_module(f"bench.{module}"), "after", None)
                if extra:
                    outcomes += extra(ctx, sessions)
    finally:
        server.terminate()
        server.wait(timeout=30)
    _write(outcomes)
    bad = [
        o
        for o in outcomes
        if o.socket_errors
        or o.status_5xx
        or o.extra.get("lost_updates")
        or (o.non_2xx_3xx and "lost_updates" not in o.extra)
    ]
    return 1 if bad else 0


def _write(outcomes: list[Outcome]) -> None:
    RESULTS.mkdir(exist_ok=True)
    rows = [
        {k: v for k, v in asdict(o).items() if k != "extra" or "lost_updates" in v}
        for o in outcomes
    ]
    (RESULTS / "loadtest.json").write_text(json.dumps(rows, indent=2) + "\n")
    lines = [
        f"# Load test ({CONNECTIONS} connections, {SECONDS} s per endpoint, gunicorn 4×8 gthread)\n",
        "| endpoint | requests | req/s | p50 ms | p99 ms | socket errors | non-2xx/3xx | 5xx |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    lines += [
        f"| {o.name} | {o.requests} | {o.rps:.1f} | {o.p50_ms:.1f} | {o.p99_ms:.1f} | "
        f"{o.socket_errors} | {o.non_2xx_3xx} | {o.status_5xx} |"
        for o in outcomes
    ]
    (RESULTS / "loadtest.md").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    sys.exit(main())
