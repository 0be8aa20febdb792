"""Every page speaks Dutch: no English interface words, on the site or in the admin.

The demo content is rendered page type by page type, as a visitor, a staff member and an
editor, and so are the admin's dashboard, page explorer, page editor, a snippet listing and the
workflow pages. The visible text (and what assistive technology reads: alt, title, aria-label,
placeholder) is matched against English interface words.
"""

import re
from html.parser import HTMLParser
from io import StringIO

import pytest

from django.core.management import call_command
from django.db import transaction

from wagtail.models import Page, Site, Task, Workflow

from cano.accounts.models import User

# English words an interface shows when a label, a choice, a boolean or a date escaped
# translation. Matched case-sensitively on whole words, so Dutch words that contain them
# (`Helpdesk`, `dec.`) and Dutch loanwords in lower case pass. Left out on purpose: words Dutch
# uses as well (Home, Menu, Status, Update, Live, Snippets, Workflows, Dashboard, Account, and `Log in`
# as the Dutch imperative)
# and proper names of the demo content.
ENGLISH_WORDS = [
    # Actions and navigation
    "Save",
    "Delete",
    "Cancel",
    "Search",
    "Edit",
    "More",
    "Submit",
    "Close",
    "Next",
    "Previous",
    "Back",
    "Add",
    "Remove",
    "Log out",
    "Sign in",
    "Sign out",
    "Password",
    "Username",
    "Email address",
    "Pages",
    "Settings",
    "Help",
    "Reports",
    "Users",
    "Groups",
    "Images",
    "Documents",
    "Loading",
    # Choices, states and booleans
    "On hold",
    "True",
    "False",
    "None",
    "Yes",
    "approval",
    "Draft",
    "Published",
    "Moderators",
    "Editors",
    # Dates: English month and weekday names and abbreviations
    "January",
    "February",
    "March",
    "April",
    "June",
    "July",
    "August",
    "October",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "ago",
    "a.m.",
    "p.m.",
]
ENGLISH = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(word) for word in ENGLISH_WORDS) + r")(?![\w-])"
)
READ_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder"}
HIDDEN_ELEMENTS = {"script", "style", "template", "noscript"}
VOID_ELEMENTS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


class VisibleText(HTMLParser):
    """The text a reader sees or hears: text nodes and the attributes read aloud.

    Elements that are hidden (`hidden`, `aria-hidden="true"`, scripts and templates) are left out,
    with everything inside them.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.open_tags = []
        self.hidden_from = None

    def handle_starttag(self, tag, attrs):
        if tag in VOID_ELEMENTS:
            if self.hidden_from is None:
                self._read_attributes(attrs)
            return
        self.open_tags.append(tag)
        attributes = dict(attrs)
        hidden = (
            tag in HIDDEN_ELEMENTS
            or "hidden" in attributes
            or attributes.get("aria-hidden") == "true"
        )
        if self.hidden_from is None:
            if hidden:
                self.hidden_from = len(self.open_tags)
            else:
                self._read_attributes(attrs)

    def handle_startendtag(self, tag, attrs):
        if self.hidden_from is None:
            self._read_attributes(attrs)

    def handle_endtag(self, tag):
        if tag not in self.open_tags:
            return
        while self.open_tags:
            closed = self.open_tags.pop()
            if self.hidden_from is not None and len(self.open_tags) < self.hidden_from:
                self.hidden_from = None
            if closed == tag:
                break

    def handle_data(self, data):
        if self.hidden_from is None and data.strip():
            self.parts.append(data.strip())

    def _read_attributes(self, attrs):
        self.parts.extend(value for name, value in attrs if name in READ_ATTRIBUTES and value)


def english_words_in(html: str) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    found = []
    for part in parser.parts:
        found.extend(f"{match.group(1)!r} in {part[:80]!r}" for match in ENGLISH.finditer(part))
    return found


def test_word_list_finds_english_and_passes_dutch():
    """The check flags English words and leaves Dutch ones with the same letters alone."""
    assert english_words_in("<p>3 Dec</p><button>Save</button><img alt='On hold'>")
    assert english_words_in("<td>True</td>")
    assert not english_words_in(
        "<p>3 dec. 2026 · Helpdesk · Moderatie · Opslaan</p><script>var Save;</script>"
        "<div hidden><span>None</span></div><p>Ja</p>"
    )


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The demo content, seeded once for the module inside a transaction rolled back after it."""
    atomic = transaction.atomic()
    with django_db_blocker.unblock():
        atomic.__enter__()
        try:
            call_command("seed_demo", stdout=StringIO())
            User.objects.create_superuser(
                email="beheerder@cano.example", password="beheer-2026", first_name="Beheerder"
            )
        except BaseException:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            raise
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


@pytest.fixture
def demo(demo_site, db):
    """The module's demo content; each test runs in a savepoint inside its transaction."""
    Site.clear_site_root_paths_cache()


def one_page_of_each_type():
    """The first live page of every page type in the demo, by content type."""
    pages = {}
    for page in Page.objects.live().filter(depth__gt=1).order_by("path"):
        pages.setdefault(page.content_type_id, page)
    return [page.url for page in pages.values()]


FRONT_END_PATHS = [
    "/zoeken/?q=studiedag",
    "/account/",
    "/account/inloggen/",
    "/intervisie/",
    "/intervisie/lessen/",
    "/account/agenda/",
    "/account/wachtwoord/",
    "/account/wachtwoord-vergeten/",
]

READERS = {
    "bezoeker": None,
    "medewerker": "tom.janssens@dekering.example.be",
    "redactie": "redactie@cano.example",
}


def rendered_english(client, paths):
    found = {}
    for path in paths:
        response = client.get(path, follow=True)
        if response.status_code != 200:
            # A page that does not render cannot be checked: that is a failure of its own.
            found[path] = [f"status {response.status_code}"]
            continue
        words = english_words_in(response.content.decode())
        if words:
            found[path] = words
    return found


@pytest.mark.parametrize("reader", list(READERS))
def test_every_page_type_speaks_dutch(demo, client, reader):
    """Each demo page type and the member's own pages show no English interface words."""
    if READERS[reader]:
        client.force_login(User.objects.get(email=READERS[reader]))
    paths = one_page_of_each_type() + FRONT_END_PATHS
    assert len(paths) > 10
    assert rendered_english(client, paths) == {}


def admin_paths():
    page = Page.objects.live().filter(depth__gt=2).order_by("path").first()
    return [
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{page.pk}/",
        f"/admin/pages/{page.pk}/edit/",
        "/admin/snippets/",
        "/admin/snippets/intervision/lesson/",
        "/admin/snippets/intervision/guardname/",
        "/admin/nieuwsbrief/abonnees/",
        "/admin/workflows/list/",
        f"/admin/workflows/edit/{Workflow.objects.first().pk}/",
        "/admin/workflows/tasks/index/",
        f"/admin/workflows/tasks/edit/{Task.objects.first().pk}/",
        "/admin/users/",
        "/admin/account/",
    ]


@pytest.mark.parametrize("email", ["redactie@cano.example", "beheerder@cano.example"])
def test_the_admin_speaks_dutch(demo, client, email):
    """The admin's dashboard, explorer, editor, listings and workflow pages are in Dutch."""
    client.force_login(User.objects.get(email=email))
    assert client.get("/admin/").status_code == 200
    assert rendered_english(client, admin_paths()) == {}


def test_the_admin_is_branded_cano_beheer(demo, client):
    """The admin's title, login page and logo name CANO-beheer, not Wagtail."""
    login = client.get("/admin/login/").content.decode()
    assert "CANO-beheer" in login
    assert "Wagtail" not in "".join(part for part in _visible(login))
    client.force_login(User.objects.get(email="redactie@cano.example"))
    dashboard = client.get("/admin/").content.decode()
    assert "<title>" in dashboard
    assert re.search(r"<title>[^<]*CANO-beheer</title>", dashboard)
    assert 'alt="CANO-beheer"' in dashboard


def _visible(html):
    parser = VisibleText()
    parser.feed(html)
    return parser.parts


def test_no_admin_page_looks_up_an_avatar_elsewhere(demo, client):
    """No admin page asks an outside service for an avatar."""
    client.force_login(User.objects.get(email="beheerder@cano.example"))
    for path in admin_paths():
        assert "gravatar" not in client.get(path).content.decode().lower(), path


def test_the_default_workflow_has_a_dutch_name_and_editors_approve(demo):
    """The workflow Wagtail creates is named in Dutch, and the editors are its approvers."""
    names = set(Workflow.objects.values_list("name", flat=True)) | set(
        Task.objects.values_list("name", flat=True)
    )
    assert names == {"Goedkeuring door de redactie"}
    task = Task.objects.get().specific
    assert list(task.groups.values_list("name", flat=True)) == ["Redactie"]


def test_admin_users_see_the_admin_in_dutch_by_default(demo, client):
    """An editor who never chose a language gets the admin in Dutch."""
    client.force_login(User.objects.get(email="redactie@cano.example"))
    html = client.get("/admin/", headers={"accept-language": "en"}).content.decode()
    assert re.search(r'<html[^>]* lang="nl', html)
