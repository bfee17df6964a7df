"""Shared set-up for the benchmarks: production-like settings, a throwaway PostgreSQL 15
cluster (unless DATABASE_URL is set) and the demo data, cleaned up afterwards."""

import contextlib
import json
import os
import shlex
import signal
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
PG = str(ROOT / "scripts" / "throwaway-postgres.sh")


def manage(env, *args) -> str:
    return subprocess.run(
        [PY, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=600,
    ).stdout


def shell_json(env, code: str, sleutel: str):
    """Run Python in ``manage.py shell`` and read the JSON it prints after ``SLEUTEL=``."""
    return json.loads(manage(env, "shell", "-c", code).split(f"{sleutel}=")[1].splitlines()[0])


def _stop(signum, frame):
    raise SystemExit(128 + signum)


@contextlib.contextmanager
def demodatabase():
    """Yield the environment for ``manage.py`` and gunicorn, with the demo data loaded."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SECRET_KEY="bench-" + "k" * 50,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DJANGO_HTTPS="0",
        VIT_PLAIN_STATIC="1",
        DJANGO_STATIC_ROOT=tempfile.mkdtemp(prefix="vit-bench-"),
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    pg_map = None
    # A plain SIGTERM would skip the clean-up below; make it unwind like Ctrl-C does.
    signal.signal(signal.SIGTERM, _stop)
    try:
        if not env.get("DATABASE_URL"):
            uit = subprocess.run([PG, "start"], check=True, capture_output=True, text=True).stdout
            for regel in uit.splitlines():
                sleutel, _, waarde = regel.removeprefix("export ").partition("=")
                env[sleutel] = shlex.split(waarde)[0]
            pg_map = env["VIT_PG_DIR"]
        print("Database en demodata laden...", flush=True)
        for opdracht in (
            ["migrate", "--no-input"],
            ["laad_kader"],
            ["laad_gemeenten"],
            ["maak_demo", "--ook-zonder-debug"],
        ):
            manage(env, *opdracht)
        yield env
    finally:
        if pg_map:
            subprocess.run([PG, "stop", pg_map], check=False)
