"""The member's workgroups on the account page."""

import pytest

from django.urls import reverse

from tests.factories.workgroups import WorkgroupPageFactory

pytestmark = pytest.mark.django_db


def test_account_lists_only_the_members_own_workgroups(member_client, workgroup, workgroup_index):
    """A member sees the workgroups they belong to, linked, and not the others."""
    WorkgroupPageFactory(parent=workgroup_index, title="Werkgroep onderwijs", slug="onderwijs")
    html = member_client.get(reverse("accounts:account")).content.decode()
    assert f'href="{workgroup.url}"' in html
    assert "Werkgroep onderwijs" not in html
