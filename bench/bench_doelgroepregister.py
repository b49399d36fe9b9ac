"""Doelgroepregister on PostgreSQL, each figure against a baseline measured in the same run.

1. Import: 1,000,000 generated rows (``bsn;grondslag;begindatum;einddatum``) through the full
   import (check every row, hash, COPY into staging, one set-based upsert), in a child process
   so its peak RSS is its own, vs ``psql \\copy`` of the same file into the same (emptied)
   table. Goal: ≥ 0.5 × the rows/s of ``\\copy``, peak RSS < 300 MB.
3. Full refresh: on a register loaded with the 1,000,000 rows, a full refresh with an extract
   that lacks 1 % of them (so it ends 10,000 entries) vs a plain re-import of the same file
   (the same upsert, nothing ended), each in a child process. Goal: ≤ 1.5 × the plain
   re-import's time, peak RSS < 300 MB.
2. Check: the employer check endpoint (logged-in POST with CSRF, htmx request) vs a bare
   Django view, both under gunicorn with 2 workers on 127.0.0.1, measured with wrk at 32
   connections. Goal: ≥ 0.4 × the bare view's req/s, p99 < 50 ms, zero errors. The rate limits
   and daily budgets are raised by setting for this (``DOELGROEPREGISTER_CHECKS_PER_HOUR_*``,
   ``DOELGROEPREGISTER_BUDGET_PER_DAY_*``), not removed: every check still spends them.

Every command run is printed. Sizes can be lowered for a quick try:
``DGR_BENCH_ROWS=100000 DGR_BENCH_SECONDS=5 make bench BENCH=doelgroepregister``.
"""

from __future__ import annotations

import os
import random
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection

from bench.common import Result

ROOT = Path(__file__).resolve().parent.parent
ROWS = int(os.environ.get("DGR_BENCH_ROWS", "1000000"))
REPEAT = int(os.environ.get("DGR_BENCH_REPEAT", "3"))
WRK_SECONDS = int(os.environ.get("DGR_BENCH_SECONDS", "10"))
CONNECTIONS = 32
PARTS = os.environ.get("DGR_BENCH_PARTS", "import,check,refresh").split(",")
GRONDSLAGEN = ("wajong", "wsw", "pw", "lid2", "vso", "pro", "overgang")
TABLE = "doelgroepregister_registration"


def run() -> list[Result]:
    if connection.vendor != "postgresql":
        return [Result("doelgroepregister", 0, goal="needs PostgreSQL", goal_met=False)]
    results = []
    with tempfile.TemporaryDirectory(prefix="dgr-bench-") as workdir:
        path = Path(workdir) / "extract.csv"
        if "import" in PARTS:
            generate(path, ROWS, shuffled=False)
            sorted_copy = _copy_seconds(path)
            sample_bsn = generate(path, ROWS)
            results += bench_import(path, sorted_copy)
        if "refresh" in PARTS:
            sample_bsn = generate(path, ROWS)
            results += bench_refresh(path, Path(workdir) / "refresh.csv")
    if "check" in PARTS:
        results += bench_check(sample_bsn if "import" in PARTS else "123456782")
    return results


# --- 1. Import -------------------------------------------------------------------------------


def generate(path: Path, rows: int, *, shuffled: bool = True) -> str:
    """Write ``rows`` distinct valid BSNs with ISO dates; returns one BSN that is in it.

    Shuffled by default: an extract is not sorted by BSN (and a BSN-sorted file would favour
    \\copy, whose index then fills in order; the bench prints that figure too)."""
    weights = range(9, 1, -1)
    bsns: list[str] = []
    stem = 10_000_000
    while len(bsns) < rows:
        digits = f"{stem:08d}"
        stem += 1
        last = sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
        if last != 10:
            bsns.append(digits + str(last))
    if shuffled:
        random.Random(5).shuffle(bsns)
    with path.open("w", encoding="utf-8") as out:
        out.write("bsn;grondslag;begindatum;einddatum\n")
        for n, bsn in enumerate(bsns):
            year = 2014 + n % 11
            end = f"{year + 12}-12-31" if n % 3 == 0 else ""
            out.write(f"{bsn};{GRONDSLAGEN[n % 7]};{year}-0{1 + n % 9}-15;{end}\n")
    return bsns[0]


def _psql_url() -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgresql://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _truncate() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {TABLE} RESTART IDENTITY")  # noqa: S608 - a constant


def _timed_child(command: list[str], env: dict | None = None) -> tuple[float, float, str]:
    """(wall seconds, peak RSS MB, stdout) of one child process (wait4: its own rusage)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise RuntimeError(f"{command[:3]} failed ({process.returncode}): {output[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024, output


def _copy_command(path: Path) -> tuple[list[str], str]:
    copy = (
        f"\\copy {TABLE} (bsn_hash, grondslag, start_date, end_date) FROM '{path}' "
        "WITH (FORMAT csv, HEADER true, DELIMITER ';')"
    )
    return ["psql", _psql_url(), "-v", "ON_ERROR_STOP=1", "-q", "-c", copy], copy


def _copy_seconds(path: Path) -> list[float]:
    """\\copy of the file (the baseline), REPEAT times into the emptied table."""
    psql, _ = _copy_command(path)
    seconds = []
    for _ in range(REPEAT):
        _truncate()
        seconds.append(_timed_child(psql)[0])
    _truncate()
    return seconds


def bench_import(path: Path, sorted_copy: list[float]) -> list[Result]:
    psql, copy = _copy_command(path)
    ours = [sys.executable, "-m", "bench.bench_doelgroepregister", "import", str(path)]
    print(f'   baseline: psql <DATABASE_URL> -v ON_ERROR_STOP=1 -q -c "{copy}"', flush=True)
    print(f"   import:   {' '.join(ours)}  (in-process: register_import_process)", flush=True)
    copy_times, import_times, rss = [], [], []
    for _ in range(REPEAT):
        _truncate()
        copy_times.append(_timed_child(psql)[0])
        _truncate()
        elapsed, peak, output = _timed_child(ours, env=os.environ.copy())
        import_times.append(float(output.strip().splitlines()[-1]))
        rss.append(peak)
        print(
            f"   \\copy {copy_times[-1]:.2f} s; import {import_times[-1]:.2f} s "
            f"(process {elapsed:.2f} s), peak RSS {peak:.0f} MB",
            flush=True,
        )
    _truncate()
    copy_rate = ROWS / statistics.median(copy_times)
    import_rate = ROWS / statistics.median(import_times)
    sorted_rate = ROWS / statistics.median(sorted_copy)
    ratio = import_rate / copy_rate
    return [
        Result(
            f"import {ROWS:,} rows (shuffled BSNs) vs psql \\copy of the same file (rows/s)",
            import_rate,
            unit="rows/s",
            samples=REPEAT,
            baseline=copy_rate,
            goal="ratio >= 0.5",
            goal_met=ratio >= 0.5,
        ),
        Result(
            "  the same import vs \\copy of a BSN-sorted file (for information)",
            import_rate,
            unit="rows/s",
            samples=REPEAT,
            baseline=sorted_rate,
        ),
        Result(
            "import peak RSS",
            max(rss),
            unit="MB",
            samples=REPEAT,
            goal="< 300 MB",
            goal_met=max(rss) < 300,
        ),
    ]


def bench_refresh(path: Path, smaller: Path) -> list[Result]:
    """A full refresh ending 1 % of a 1,000,000-row register vs a plain re-import."""
    with path.open(encoding="utf-8") as full, smaller.open("w", encoding="utf-8") as out:
        out.write(next(full))
        for n, line in enumerate(full):
            if n % 100 != 99:  # every hundredth person left the register
                out.write(line)
    removed = ROWS // 100
    kept = ROWS - removed
    load = [sys.executable, "-m", "bench.bench_doelgroepregister", "import", str(path)]
    plain = [*load[:-1], str(smaller), "plain", "0"]
    refresh = [*load[:-1], str(smaller), "refresh", str(removed)]
    for command in (load, plain, refresh):
        print(f"   {' '.join(command)}", flush=True)
    plain_times, refresh_times, rss = [], [], []
    for _ in range(REPEAT):
        _truncate()
        _timed_child(load, env=os.environ.copy())
        _, _, output = _timed_child(plain, env=os.environ.copy())
        plain_times.append(float(output.strip().splitlines()[-1]))
        elapsed, peak, output = _timed_child(refresh, env=os.environ.copy())
        refresh_times.append(float(output.strip().splitlines()[-1]))
        rss.append(peak)
        print(
            f"   plain re-import of {kept:,} rows {plain_times[-1]:.2f} s; full refresh "
            f"(ends {removed:,}) {refresh_times[-1]:.2f} s (process {elapsed:.2f} s), "
            f"peak RSS {peak:.0f} MB",
            flush=True,
        )
    _truncate()
    ratio = statistics.median(refresh_times) / statistics.median(plain_times)
    return [
        Result(
            f"full refresh of {kept:,} rows ending {removed:,} vs a plain re-import (s)",
            statistics.median(refresh_times),
            unit="s",
            samples=REPEAT,
            baseline=statistics.median(plain_times),
            goal="<= 1.5 x the plain re-import",
            goal_met=ratio <= 1.5,
        ),
        Result(
            "full refresh peak RSS",
            max(rss),
            unit="MB",
            samples=REPEAT,
            goal="< 300 MB",
            goal_met=max(rss) < 300,
        ),
    ]


def import_child(path: str, mode: str = "new", expected: int = ROWS) -> None:
    """In the child: one import of ``path`` exactly as the worker runs it. ``mode``: "new"
    (into an empty register: ``expected`` new entries), "plain" (a re-import: ``expected``
    new) or "refresh" (a full refresh: ``expected`` entries ended)."""
    import django

    django.setup()
    from django.core.files import File

    from doelgroepregister.models import ImportStatus, RegisterImport
    from doelgroepregister.services import register_import_process

    media = tempfile.mkdtemp(prefix="dgr-bench-media-")
    settings.MEDIA_ROOT = media
    try:
        with open(path, "rb") as f:
            register_import = RegisterImport(
                original_name="bench.csv", commit=True, full_refresh=mode == "refresh"
            )
            register_import.upload.save("bench.csv", File(f), save=True)
        start = time.perf_counter()
        register_import_process(import_id=register_import.pk)
        elapsed = time.perf_counter() - start
        register_import.refresh_from_db()
        assert register_import.status == ImportStatus.DONE, register_import.message
        outcome = register_import.ended if mode == "refresh" else register_import.inserted
        assert outcome == expected, (mode, outcome, expected)
        register_import.delete()
    finally:
        shutil.rmtree(media, ignore_errors=True)
    print(f"{elapsed:.4f}")


# --- 2. Check endpoint -------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def gunicorn(port: int, env: dict):
    command = [
        sys.executable, "-m", "gunicorn", "bench.dgr_wsgi:application",
        "--workers", "2", "--bind", f"127.0.0.1:{port}", "--log-level", "warning",
    ] + os.environ.get("DGR_GUNICORN_EXTRA", "").split()  # fmt: skip
    print(f"   {' '.join(command[1:])}", flush=True)
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=20)


WRK_LUA = """
wrk.method = "POST"
wrk.body = "bsn={bsn}"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = "{session_cookie}={session}; {csrf_cookie}={csrf}"
wrk.headers["X-CSRFToken"] = "{csrf}"
wrk.headers["HX-Request"] = "true"
"""


def wrk(url: str, script: Path) -> dict:
    command = [
        "wrk", "-t2", f"-c{CONNECTIONS}", f"-d{WRK_SECONDS}s", "--latency", "-s", str(script), url,
    ]  # fmt: skip
    print(f"   {' '.join(command)}", flush=True)
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", output)
    scale = {"us": 1e-3, "ms": 1.0, "s": 1000.0}[p99.group(2)]
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rate": rate,
        "p99_ms": float(p99.group(1)) * scale,
        "errors": errors + (int(non_2xx.group(1)) if non_2xx else 0),
    }


def _bench_session() -> tuple[str, callable]:
    from django.test import Client

    from werkkamer.accounts.models import Organisation, Role, User

    organisation, _ = Organisation.objects.get_or_create(
        kvk_number="99999999", defaults={"name": "Bench B.V."}
    )
    user, _ = User.objects.get_or_create(
        email="bench.werkgever@example.nl",
        defaults={"role": Role.EMPLOYER, "organisation": organisation},
    )
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value

    def cleanup() -> None:
        from doelgroepregister.models import CheckLog

        CheckLog.objects.filter(user_id=user.pk).delete()
        user.delete()
        organisation.delete()

    return session, cleanup


def _expect_an_answer(base: str, script: Path) -> None:
    """One request as wrk will send it must get the check's answer, not a redirect to the login
    page or an error (wrk counts a 3xx as success)."""
    import urllib.request

    lua = script.read_text()
    headers = dict(re.findall(r'wrk\.headers\["([^"]+)"\] = "([^"]*)"', lua))
    body = re.search(r'wrk\.body = "([^"]*)"', lua).group(1).encode()
    request = urllib.request.Request(
        f"{base}/doelgroepregister/controle/", data=body, headers=headers, method="POST"
    )

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    with urllib.request.build_opener(NoRedirect).open(request, timeout=10) as response:
        page = response.read().decode()
        if response.status != 200 or 'data-fact="in-register"' not in page:
            raise RuntimeError(f"the check did not answer ({response.status}); bench aborted")


def bench_check(bsn: str) -> list[Result]:
    from doelgroepregister.protection import bsn_hash

    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {TABLE} (bsn_hash, grondslag, start_date) VALUES (%s, 'wajong', "  # noqa: S608
            "'2020-01-01') ON CONFLICT DO NOTHING",
            [bsn_hash(bsn)],
        )
    session, cleanup = _bench_session()
    csrf = secrets.token_hex(16)  # 32 characters: accepted as an unmasked CSRF secret
    env = {
        **os.environ,
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DOELGROEPREGISTER_CHECKS_PER_HOUR_USER": "1000000000",
        "DOELGROEPREGISTER_CHECKS_PER_HOUR_ORGANISATION": "1000000000",
        "DOELGROEPREGISTER_BUDGET_PER_DAY_USER": "1000000000",
        "DOELGROEPREGISTER_BUDGET_PER_DAY_ORGANISATION": "1000000000",
    }
    print(
        "   rate limits and daily budgets raised by setting: "
        "DOELGROEPREGISTER_CHECKS_PER_HOUR_USER=DOELGROEPREGISTER_CHECKS_PER_HOUR_ORGANISATION="
        "DOELGROEPREGISTER_BUDGET_PER_DAY_USER=DOELGROEPREGISTER_BUDGET_PER_DAY_ORGANISATION="
        "1000000000",
        flush=True,
    )
    figures: dict[str, list[dict]] = {"check": [], "bare": []}
    try:
        with tempfile.TemporaryDirectory(prefix="dgr-wrk-") as workdir:
            script = Path(workdir) / "check.lua"
            script.write_text(
                WRK_LUA.format(
                    bsn=bsn,
                    session=session,
                    csrf=csrf,
                    session_cookie=settings.SESSION_COOKIE_NAME,
                    csrf_cookie=settings.CSRF_COOKIE_NAME,
                )
            )
            print(f"   wrk script (session and token elided): {WRK_LUA.strip()!r}", flush=True)
            with gunicorn(_free_port(), env) as base:
                _expect_an_answer(base, script)
                for _ in range(REPEAT):
                    figures["bare"].append(wrk(f"{base}/bench/bare/", script))
                    figures["check"].append(wrk(f"{base}/doelgroepregister/controle/", script))
                    print(
                        f"   bare {figures['bare'][-1]}; check {figures['check'][-1]}", flush=True
                    )
    finally:
        cleanup()
    check_rate = statistics.median(f["rate"] for f in figures["check"])
    bare_rate = statistics.median(f["rate"] for f in figures["bare"])
    p99 = statistics.median(f["p99_ms"] for f in figures["check"])
    bare_p99 = statistics.median(f["p99_ms"] for f in figures["bare"])
    errors = sum(f["errors"] for f in figures["check"] + figures["bare"])
    return [
        Result(
            f"check endpoint vs bare view, gunicorn 2 workers, wrk {CONNECTIONS} connections",
            check_rate,
            unit="req/s",
            samples=REPEAT,
            baseline=bare_rate,
            goal="ratio >= 0.4",
            goal_met=check_rate / bare_rate >= 0.4,
        ),
        Result(
            "check endpoint p99 latency",
            p99,
            unit="ms",
            samples=REPEAT,
            goal="< 50 ms",
            goal_met=p99 < 50,
        ),
        Result(
            "  the bare view's own p99 latency (for information: the floor under the check's)",
            bare_p99,
            unit="ms",
            samples=REPEAT,
        ),
        Result(
            "check and bare view errors (socket errors + non-2xx)",
            errors,
            unit="errors",
            samples=2 * REPEAT,
            goal="0",
            goal_met=errors == 0,
        ),
    ]


if __name__ == "__main__" and sys.argv[1:2] == ["import"]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "werkkamer.settings")
    if len(sys.argv) > 3:
        import_child(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        import_child(sys.argv[2])
