import pytest

from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.form_markup import assert_descriptions_resolve, described_by

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url_name", ["accounts:login", "accounts:password_reset"])
def test_account_form_with_errors_names_existing_descriptions(client, site_tree, url_name):
    """A login or reset form sent empty points every field at its one error list."""
    assert_descriptions_resolve(client.post(reverse(url_name), {}))


def _set_password_url(client, user) -> str:
    link = reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    # Django swaps the token for a session key and redirects to the form.
    return client.get(link).url


def test_new_password_form_names_its_help_text(client, site_tree, staff_user):
    """The new-password form points the password field at its help text."""
    response = client.get(_set_password_url(client, staff_user))
    assert "id_new_password1_helptext" in described_by(response.content.decode())
    assert_descriptions_resolve(response)


def test_a_field_with_several_errors_has_one_error_list(client, site_tree, staff_user):
    """A password refused for three reasons is described by one error list, not three."""
    url = _set_password_url(client, staff_user)
    response = client.post(url, {"new_password1": "12345", "new_password2": "12345"})
    html = response.content.decode()
    assert html.count('id="id_new_password2_error"') == 1
    assert html.count("<li>", html.index('id="id_new_password2_error"')) >= 2
    assert_descriptions_resolve(response)
