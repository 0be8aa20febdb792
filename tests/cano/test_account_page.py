"""'Mijn account': who I am, the apps' blocks, and changing my password while logged in."""

import re

import pytest
from axes.models import AccessAttempt

from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from tests.factories.accounts import OrganisationFactory, StaffFactory

pytestmark = pytest.mark.django_db

ACCOUNT_URL = reverse("accounts:account")
PASSWORD_CHANGE_URL = reverse("accounts:password_change")
NEW_PASSWORD = "Zomer-in-Oostende-2026"


def test_account_page_asks_anonymous_visitors_to_log_in(client):
    """The account page is only for a logged-in member."""
    response = client.get(ACCOUNT_URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_account_page_shows_name_email_and_organisation(client, site_tree):
    """The member sees the name, e-mail address and organisation the account holds."""
    member = StaffFactory(
        first_name="Lotte",
        last_name="Claes",
        organisation=OrganisationFactory(name="Jeugdzorg Kempen"),
    )
    client.force_login(member)
    html = client.get(ACCOUNT_URL).content.decode()
    assert "Lotte Claes" in html
    assert member.email in html
    assert "Jeugdzorg Kempen" in html


def test_header_links_to_the_account_with_the_members_name(client, site_tree, staff_user):
    """Every page's header names the logged-in member and links to the account page."""
    client.force_login(staff_user)
    html = client.get("/").content.decode()
    assert f'href="{ACCOUNT_URL}"' in html
    assert escape(staff_user.get_full_name()) in html


def test_header_has_no_account_link_for_anonymous_visitors(client, site_tree):
    """A visitor who is not logged in sees no account link."""
    html = client.get("/").content.decode()
    assert f'href="{ACCOUNT_URL}"' not in html


def test_wrong_current_password_gets_a_dutch_message(client, site_tree, staff_user, password):
    """A wrong current password changes nothing and says so in Dutch."""
    client.force_login(staff_user)
    response = client.post(
        PASSWORD_CHANGE_URL,
        {"old_password": "fout", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    assert "Je huidige wachtwoord klopt niet." in response.content.decode()
    staff_user.refresh_from_db()
    assert staff_user.check_password(password)


@pytest.mark.parametrize(
    "new_password, message",
    [
        ("1234", "Dit wachtwoord is te kort: gebruik minstens 8 tekens."),
        ("12345678901", "Dit wachtwoord bestaat alleen uit cijfers"),
        ("wachtwoord", "Dit wachtwoord wordt te vaak gebruikt"),
        ("lotte.claes@cano", "Dit wachtwoord lijkt te veel op je e-mailadres."),
    ],
)
def test_weak_new_password_is_refused_in_dutch(client, site_tree, password, new_password, message):
    """A new password that breaks a rule is refused with a Dutch reason, none in English."""
    member = StaffFactory(first_name="Lotte", last_name="Claes", email="lotte.claes@cano.example")
    member.set_password(password)
    member.save()
    client.force_login(member)
    response = client.post(
        PASSWORD_CHANGE_URL,
        {"old_password": password, "new_password1": new_password, "new_password2": new_password},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert "This password" not in html and "Your password" not in html
    member.refresh_from_db()
    assert member.check_password(password)


def test_password_rules_are_shown_in_dutch(client, site_tree, staff_user):
    """The new-password field lists the rules in the site's own words."""
    client.force_login(staff_user)
    html = client.get(PASSWORD_CHANGE_URL).content.decode()
    # The rules are a list: inside the element the field's aria-describedby names, so a screen
    # reader reads them with the field (a list cannot sit inside a <p>: the browser ends it).
    described = re.search(r'<div class="help" id="id_new_password1_helptext">(.*?)</div>', html)
    assert described is not None
    assert "Gebruik minstens 8 tekens." in described.group(1)
    assert "Kies geen veelgebruikt wachtwoord." in described.group(1)
    assert "Your password" not in html


def test_password_change_lets_the_member_log_in_with_the_new_one(
    client, site_tree, staff_user, password
):
    """With the right current password the new one works from then on, the old one no longer."""
    client.force_login(staff_user)
    response = client.post(
        PASSWORD_CHANGE_URL,
        {"old_password": password, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response["Location"] == reverse("accounts:password_change_done")
    # The member stays logged in in this browser after the change.
    assert client.get(ACCOUNT_URL).status_code == 200
    client.logout()
    login_url = reverse("accounts:login")
    assert (
        client.post(login_url, {"email": staff_user.email, "password": password}).status_code == 200
    )
    response = client.post(login_url, {"email": staff_user.email, "password": NEW_PASSWORD})
    assert response.status_code == 302


def test_wrong_current_passwords_do_not_lock_the_login(
    client, site_tree, staff_user, password, settings
):
    """Mistyping the current password is not a failed login: the lockout does not count it."""
    client.force_login(staff_user)
    for _ in range(settings.LOGIN_FAILURE_LIMIT + 1):
        client.post(
            PASSWORD_CHANGE_URL,
            {"old_password": "fout", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        )
    client.logout()
    response = client.post(
        reverse("accounts:login"), {"email": staff_user.email, "password": password}
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()


def test_password_change_without_csrf_token_is_refused(site_tree, staff_user, password):
    """The form is protected against cross-site requests."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_user)
    response = client.post(
        PASSWORD_CHANGE_URL,
        {"old_password": password, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 403
