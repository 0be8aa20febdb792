"""axe-core, run inside the page on a phone-sized screen, finds nothing serious on any page type.

The demo content is loaded as `make run` loads it; every page type is opened by an anonymous
visitor, a staff member and an editor (a page they may not open shows the login page instead).
"""

from io import StringIO

import pytest
from axe_playwright_python.sync_playwright import Axe

from django.core.management import call_command

from wagtail.models import Page, Site

from intervision.models import Case
from tests.e2e.helpers import log_in

pytestmark = pytest.mark.django_db(transaction=True)

DEMO_PASSWORD = "cano-demo-2026"
STAFF = "tom.janssens@dekering.example.be"
EDITOR = "redactie@cano.example"
BLOCKING = {"serious", "critical"}
AXE = Axe()


def demo_paths():
    """One live page of every page type, and the pages that are not Wagtail pages."""
    paths = {}
    for page in Page.objects.live().specific().exclude(depth=1):
        paths.setdefault(type(page).__name__, page.url)
    case = Case.objects.order_by("pk").first()
    return [
        *sorted(paths.values()),
        "/zoeken/?q=jongeren",
        "/account/inloggen/",
        "/account/",
        "/intervisie/",
        case.get_absolute_url(),
    ]


def blocking_violations(page):
    results = AXE.run(page)
    found = [v for v in results.response["violations"] if v["impact"] in BLOCKING]
    return [
        f"{v['id']} ({v['impact']}): {node['target']} {node['html'][:160]}"
        for v in found
        for node in v["nodes"]
    ]


@pytest.fixture
def demo_base(live_server):
    call_command("seed_demo", stdout=StringIO())
    Site.objects.filter(is_default_site=True).update(hostname="localhost")
    return live_server.url


@pytest.mark.parametrize("who", [None, STAFF, EDITOR], ids=["bezoeker", "medewerker", "redacteur"])
def test_no_serious_accessibility_violation_on_any_page_type(demo_base, page, who):
    """Every page type passes axe-core without serious or critical violations."""
    if who:
        log_in(page, demo_base, who, DEMO_PASSWORD, "/")
    problems = {}
    for path in demo_paths():
        page.goto(demo_base + path)
        violations = blocking_violations(page)
        if violations:
            problems[path] = violations
    assert not problems, "\n".join(f"{path}: {v}" for path, vs in problems.items() for v in vs)
