from io import StringIO

import pytest

from django.core.management import call_command

from wagtail.models import Page

from cano.accounts.models import Organisation, User

pytestmark = pytest.mark.django_db


def test_seed_demo_is_idempotent(client):
    """A second run changes nothing, and the demo staff can log in to the staff area."""
    call_command("seed_demo", stdout=StringIO())
    counts = (User.objects.count(), Organisation.objects.count(), Page.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert (User.objects.count(), Organisation.objects.count(), Page.objects.count()) == counts
    assert counts[0] >= 12

    client.post(
        "/account/inloggen/",
        {"email": "tom.janssens@dekering.example.be", "password": "cano-demo-2026"},
    )
    assert client.get("/medewerkers/").status_code == 200
