import pytest

from tests.factories.accounts import StaffFactory
from tests.factories.workgroups import (
    CanoklasIndexPageFactory,
    WorkgroupIndexPageFactory,
    WorkgroupMembershipFactory,
    WorkgroupPageFactory,
)


@pytest.fixture
def workgroup_index(site_tree):
    return WorkgroupIndexPageFactory(parent=site_tree["staff_area"])


@pytest.fixture
def workgroup(workgroup_index):
    return WorkgroupPageFactory(parent=workgroup_index, title="Werkgroep sport", slug="sport")


@pytest.fixture
def member(workgroup):
    user = StaffFactory(first_name="Sofie", last_name="Maes")
    WorkgroupMembershipFactory(workgroup=workgroup, user=user)
    return user


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def canoklas(site_tree):
    return CanoklasIndexPageFactory(parent=site_tree["home"])
