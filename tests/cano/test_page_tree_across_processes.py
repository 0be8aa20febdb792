"""Cached menus follow a change made by another application server on the same database.

Each process below keeps its cache in its own memory, as gunicorn workers do without Redis.
"""

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

# One application server: reads commands from stdin, answers each with one line of JSON.
SERVER = textwrap.dedent(
    """
    import json, sys
    import django
    django.setup()
    from django.test import Client
    from wagtail.models import Page, Site
    from cano.home.models import HomePage, StandardPage
    from cano.home.privacy import page_restrict_to_staff

    def publish(parent, page):
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page

    client = Client()
    for line in sys.stdin:
        command, _, argument = line.strip().partition(" ")
        if command == "site":
            home = publish(Page.get_first_root_node(), HomePage(title="CANO", slug="cano"))
            Site.objects.update(root_page=home, hostname="testserver")
            answer = "ok"
        elif command == "publish":
            home = Site.objects.get().root_page
            slug = argument.lower().replace(" ", "-")
            publish(home, StandardPage(title=argument, slug=slug, show_in_menus=True))
            answer = "ok"
        elif command == "restrict":
            page_restrict_to_staff(StandardPage.objects.get(title=argument))
            answer = "ok"
        elif command == "get":
            answer = client.get(argument).content.decode()
        print(json.dumps(answer), flush=True)
    """
)


class Server:
    def __init__(self, env):
        self.process = subprocess.Popen(
            [sys.executable, "-c", SERVER],
            cwd=REPO,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def ask(self, command: str) -> str:
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        assert line, f"the server process ended on {command!r}"
        return json.loads(line)

    def stop(self):
        self.process.stdin.close()
        self.process.wait(timeout=60)


@pytest.fixture(scope="module")
def migrated_database(tmp_path_factory):
    """A migrated SQLite database file, made once and copied for each test."""
    path = tmp_path_factory.mktemp("page-tree-db") / "template.sqlite3"
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"],
        env=server_env(path),
        cwd=REPO,
        check=True,
        timeout=600,
    )
    return path


def server_env(database: Path) -> dict[str, str]:
    env = dict(
        os.environ,
        DATABASE_URL=f"sqlite:///{database}",
        DJANGO_SETTINGS_MODULE="cano.settings.test",
    )
    env.pop("REDIS_URL", None)
    return env


@pytest.fixture
def servers(migrated_database, tmp_path):
    """Two application servers on one SQLite database, each with its own memory cache."""
    database = tmp_path / "db.sqlite3"
    shutil.copy(migrated_database, database)
    first, second = Server(server_env(database)), Server(server_env(database))
    yield first, second
    first.stop()
    second.stop()


def test_a_page_restricted_in_one_process_leaves_the_menu_of_the_other(servers):
    """A page restricted to staff on one server is gone from the other's menu on its next request."""
    first, second = servers
    first.ask("site")
    first.ask("publish Interne kalender")
    assert "Interne kalender" in first.ask("get /")
    assert "Interne kalender" in second.ask("get /")

    first.ask("restrict Interne kalender")

    assert "Interne kalender" not in second.ask("get /")
    assert "Interne kalender" not in first.ask("get /")


def test_a_page_published_in_one_process_is_in_the_menu_of_the_other(servers):
    """A page published on one server is in the other's menu on its next request."""
    first, second = servers
    first.ask("site")
    first.ask("publish Werking")
    assert "Werking" in first.ask("get /")
    assert "Over CANO" not in second.ask("get /")

    second.ask("publish Over CANO")

    assert "Over CANO" in first.ask("get /")
