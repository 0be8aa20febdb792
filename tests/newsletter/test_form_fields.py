import pytest

from django.urls import reverse

from tests.form_markup import assert_descriptions_resolve

pytestmark = pytest.mark.django_db


def test_subscribe_form_with_errors_names_existing_descriptions(client, site_tree):
    """The subscription form sent empty points each field at its one error list."""
    assert_descriptions_resolve(client.post(reverse("newsletter:subscribe"), {"name": "1"}))
