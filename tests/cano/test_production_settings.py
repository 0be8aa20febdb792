import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BASE_ENV = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}


def manage(*args, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**BASE_ENV, "DJANGO_SETTINGS_MODULE": "cano.settings.production", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings():
    """`check --deploy` reports no issue when the secret and hosts are set."""
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY="x" * 20 + "production-secret-key-with-enough-entropy-0123456789",
        DJANGO_ALLOWED_HOSTS="cano.example",
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key():
    """Production settings stop with a clear message when DJANGO_SECRET_KEY is missing."""
    result = manage("check", DJANGO_ALLOWED_HOSTS="cano.example")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    """Production settings stop when DJANGO_ALLOWED_HOSTS is missing."""
    result = manage("check", DJANGO_SECRET_KEY="y" * 60)
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS must be set" in result.stderr


def test_unknown_private_media_server_stops_with_a_clear_message():
    """A mistyped proxy hand-over setting stops start-up instead of serving some other way."""
    result = manage(
        "check",
        DJANGO_SECRET_KEY="x" * 60,
        DJANGO_ALLOWED_HOSTS="cano.example",
        DJANGO_PRIVATE_MEDIA_SERVER="ngnix",
    )
    assert result.returncode != 0
    assert "DJANGO_PRIVATE_MEDIA_SERVER must be one of" in result.stderr
