import pytest

from tests.form_markup import assert_descriptions_resolve

pytestmark = pytest.mark.django_db


def test_update_form_names_existing_descriptions(member_client, workgroup):
    """The update form on the workgroup page points its fields at their help texts."""
    assert_descriptions_resolve(member_client.get(workgroup.url))


def test_update_form_with_errors_names_existing_descriptions(member_client, workgroup):
    """An empty update is refused with descriptions that each exist once."""
    response = member_client.post(workgroup.url + "updates/", {"body": "", "link": "geen link"})
    assert_descriptions_resolve(response)
