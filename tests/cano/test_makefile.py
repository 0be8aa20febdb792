"""`make run` / `make serve` give e-mail links the address the site is served on."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def served_base_url(*args, **env):
    """What `make serve` hands the server as DJANGO_BASE_URL (runserver replaced by printenv)."""
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_BASE_URL"} | env
    result = subprocess.run(
        ["make", "-s", "serve", *args, "MANAGE=printenv DJANGO_BASE_URL #"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.splitlines()


def test_serve_links_mails_to_its_own_host_and_port():
    """Served on another port, the announced and the used mail base URL follow it."""
    lines = served_base_url("HOST=127.0.0.1", "PORT=8155")
    assert lines == ["Links in e-mails wijzen naar http://127.0.0.1:8155", "http://127.0.0.1:8155"]


def test_serve_keeps_an_explicit_base_url():
    """A DJANGO_BASE_URL set by the developer wins over the host and port."""
    lines = served_base_url("PORT=8155", DJANGO_BASE_URL="https://cano.example")
    assert lines[-1] == "https://cano.example"
