import pytest

from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import Page

pytestmark = pytest.mark.django_db


def test_groups_exist_with_editor_rights():
    """The data migration creates the three groups; editors may use the admin."""
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Medewerkers", "Redactie", "Intervisiebegeleiders"} <= names
    editors = Group.objects.get(name="Redactie")
    assert editors.permissions.filter(codename="access_admin").exists()
    assert editors.page_permissions.filter(permission__codename="publish_page").exists()


def test_home_page_renders_in_dutch(client, site_tree):
    """The home page shows the hero, a skip link and Dutch landmarks."""
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nl-BE">' in html
    assert 'href="#main"' in html
    assert "Samen leren in de jeugdhulp" in html
    assert "Volgende studiedag" in html


def test_staff_area_sends_anonymous_visitors_to_login(client, site_tree):
    """The staff area is refused to anonymous visitors with a redirect to the login page."""
    response = client.get("/medewerkers/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_staff_area_is_refused_to_accounts_outside_the_staff_groups(
    client, site_tree, outsider_user
):
    """A logged-in account without a staff group does not see the staff area."""
    client.force_login(outsider_user)
    response = client.get("/medewerkers/")
    assert response.status_code in (302, 403)
    assert "Welkom" not in response.content.decode()


def test_staff_area_welcomes_staff(staff_client, site_tree, staff_user):
    """Staff see the staff area with their name."""
    response = staff_client.get("/medewerkers/")
    assert response.status_code == 200
    assert f"Welkom, {staff_user.first_name}" in response.content.decode()


def test_unknown_page_gets_friendly_dutch_404(client, site_tree):
    """A missing page shows a Dutch explanation."""
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in response.content.decode()


def test_public_pages_carry_a_strict_content_security_policy(client, site_tree):
    """The public site forbids inline script; the admin keeps its own policy."""
    policy = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_health_reports_ok(client):
    """The health endpoint answers 200 with JSON when the database works."""
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "search": "ok"}


def test_health_reports_503_when_the_database_fails(client, monkeypatch):
    """A failing database gives 503 and a JSON error, not a 500 page."""

    def broken_cursor(*args, **kwargs):
        raise connection.Database.OperationalError("down")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_admin_login_is_in_dutch(client):
    """The Wagtail admin's login page speaks Dutch."""
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "Inloggen" in response.content.decode() or "Aanmelden" in response.content.decode()


def test_server_error_page_is_friendly_dutch(rf):
    """The 500 page explains in Dutch and needs no request context."""
    from cano.views import server_error_view

    response = server_error_view(rf.get("/"))
    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()


def test_menu_children_are_found_through_the_depth_index(site_tree):
    """The menu's child query is answered from the page depth index, not by walking every page."""
    with CaptureQueriesContext(connection) as queries:
        list(Page.objects.child_of(site_tree["home"]).live().in_menu())
    sql = queries.captured_queries[-1]["sql"]
    constraints = connection.introspection.get_constraints(connection.cursor(), "wagtailcore_page")
    assert any(c["index"] and c["columns"] == ["depth"] for c in constraints.values())
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
            plan = " ".join(str(row) for row in cursor.fetchall())
        assert "cano_page_depth" in plan
