import re

import pytest

from django.core import mail
from django.test import Client
from django.urls import reverse

from cano.accounts.models import User

pytestmark = pytest.mark.django_db

LOGIN_URL = reverse("accounts:login")


def login(client, email, password):
    return client.post(LOGIN_URL, {"email": email, "password": password})


def test_email_is_the_login_and_case_insensitive(client, site_tree, staff_user, password):
    """Staff log in with their e-mail address in any case."""
    response = login(client, staff_user.email.upper(), password)
    assert response.status_code == 302
    assert response.url == "/medewerkers/"


def test_wrong_password_and_unknown_email_get_the_same_dutch_message(client, staff_user):
    """A failed login never tells whether the account exists."""
    wrong = login(client, staff_user.email, "fout")
    unknown = login(client, "niemand@example.be", "fout")
    assert wrong.status_code == unknown.status_code == 200
    message = "Deze combinatie van e-mailadres en wachtwoord kennen we niet."
    assert message in wrong.content.decode()
    assert message in unknown.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"email": "", "password": ""},
        {"email": "geen-adres", "password": "x"},
        {"email": "a" * 5000 + "@example.be", "password": "x" * 10000},
        {"email": "<script>alert(1)</script>@x.be", "password": "<b>"},
    ],
)
def test_bad_login_input_gets_a_form_not_a_500(client, data):
    """Empty, malformed, huge or hostile input shows the form again with a message."""
    response = client.post(LOGIN_URL, data)
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert b'class="errorlist"' in response.content or b"form-errors" in response.content


def test_login_locks_after_repeated_failures(client, staff_user, password, settings):
    """After the failure limit even the right password is refused, with a Dutch page (429)."""
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        login(client, staff_user.email, "fout")
    response = login(client, staff_user.email.upper(), password)
    assert response.status_code == 429
    assert "Te veel mislukte pogingen" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_lockout_for_one_visitor_leaves_another_behind_the_same_proxy(
    client, site_tree, staff_user, password, settings
):
    """Behind a trusted proxy, one visitor's failures do not lock the account for another."""
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    attacker = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.5"}
    colleague = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.6"}
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        client.post(LOGIN_URL, {"email": staff_user.email, "password": "fout"}, **attacker)
    locked = client.post(LOGIN_URL, {"email": staff_user.email, "password": password}, **attacker)
    assert locked.status_code == 429

    other = Client()
    response = other.post(LOGIN_URL, {"email": staff_user.email, "password": password}, **colleague)
    assert response.status_code == 302
    assert "_auth_user_id" in other.session


def test_spoofed_forwarded_for_does_not_escape_the_lockout(client, staff_user, password, settings):
    """A visitor who is not the proxy cannot dodge the lock by inventing X-Forwarded-For."""
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    for n in range(settings.LOGIN_FAILURE_LIMIT):
        client.post(
            LOGIN_URL,
            {"email": staff_user.email, "password": "fout"},
            REMOTE_ADDR="198.51.100.7",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        )
    response = client.post(
        LOGIN_URL,
        {"email": staff_user.email, "password": password},
        REMOTE_ADDR="198.51.100.7",
        HTTP_X_FORWARDED_FOR="203.0.113.99",
    )
    assert response.status_code == 429


@pytest.mark.parametrize("login_url_name", ["wagtailadmin_login", "admin:login"])
def test_admin_logins_lock_with_the_same_dutch_page(
    client, site_tree, staff_user, settings, login_url_name
):
    """The Wagtail and Django admin logins count failures too and answer the lockout in Dutch."""
    admin_login = reverse(login_url_name)
    for _ in range(settings.LOGIN_FAILURE_LIMIT - 1):
        response = client.post(admin_login, {"username": staff_user.email, "password": "fout"})
        assert response.status_code == 200
    response = client.post(admin_login, {"username": staff_user.email, "password": "fout"})
    assert response.status_code == 429
    assert "Te veel mislukte pogingen" in response.content.decode()


@pytest.mark.parametrize(
    "username",
    ["a" * 5000 + "@example.be", "<script>alert(1)</script>", "   ", "naam\u00e9@voorbeeld.be"],
)
def test_hostile_admin_login_input_is_counted_without_a_500(client, site_tree, username, settings):
    """Huge, hostile or odd usernames at the admin login get a form or the lockout page."""
    admin_login = reverse("wagtailadmin_login")
    statuses = {
        client.post(
            admin_login, {"username": username, "password": "fout"}, HTTP_USER_AGENT="x" * 5000
        ).status_code
        for _ in range(settings.LOGIN_FAILURE_LIMIT + 1)
    }
    assert statuses <= {200, 429}


def test_a_successful_login_clears_earlier_failures(client, staff_user, password, settings):
    """Someone who mistypes a few times and then logs in starts again from zero."""
    for _ in range(settings.LOGIN_FAILURE_LIMIT - 1):
        login(client, staff_user.email, "fout")
    assert login(client, staff_user.email, password).status_code == 302
    client.logout()
    for _ in range(settings.LOGIN_FAILURE_LIMIT - 1):
        login(client, staff_user.email, "fout")
    assert login(client, staff_user.email, password).status_code == 302


def test_logout_requires_post_and_ends_the_session(staff_client):
    """Logging out is a POST with CSRF; afterwards the session is anonymous."""
    assert staff_client.get(reverse("accounts:logout")).status_code == 405
    response = staff_client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in staff_client.session


def test_password_reset_by_email_works_once(client, site_tree, staff_user):
    """The link in the reset e-mail sets a new password and cannot be used again."""
    response = client.post(reverse("accounts:password_reset"), {"email": staff_user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/\S+)", mail.outbox[0].body).group(1)

    form_url = client.get(link).url  # Django swaps the token for a session marker
    response = client.post(
        form_url, {"new_password1": "Nieuw-Wachtw00rd!", "new_password2": "Nieuw-Wachtw00rd!"}
    )
    assert response.status_code == 302
    staff_user.refresh_from_db()
    assert staff_user.check_password("Nieuw-Wachtw00rd!")

    client.logout()
    again = client.get(link, follow=True)
    assert "Deze link werkt niet meer" in again.content.decode()


def test_password_reset_for_unknown_address_looks_the_same(client):
    """No mail is sent for an unknown address, but the visitor sees the same answer."""
    response = client.post(reverse("accounts:password_reset"), {"email": "onbekend@example.be"})
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_user_model_normalises_email():
    """Addresses are stored lower-case so one person has one account."""
    user = User.objects.create_user(email="Iemand@Example.BE", password="x", first_name="Iemand")
    assert user.email == "iemand@example.be"
    assert user.full_name == "Iemand"
