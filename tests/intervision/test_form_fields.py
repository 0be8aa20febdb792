import pytest

from django.urls import reverse

from intervision import services
from tests.form_markup import assert_descriptions_resolve

pytestmark = pytest.mark.django_db


def test_case_form_names_existing_descriptions(client, group, poster):
    """The new-case form points its fields at their help texts, each present once."""
    client.force_login(poster)
    url = reverse("intervision:case_create", kwargs={"slug": group.slug})
    assert_descriptions_resolve(client.get(url))


def test_case_form_with_errors_names_existing_descriptions(client, group, poster):
    """The new-case form sent empty points each field at its one error list."""
    client.force_login(poster)
    url = reverse("intervision:case_create", kwargs={"slug": group.slug})
    assert_descriptions_resolve(client.post(url, {}))


def test_reply_form_with_errors_names_existing_descriptions(client, case, colleague):
    """The reply form under a case, sent empty, names descriptions that each exist once."""
    client.force_login(colleague)
    url = reverse("intervision:contribution_create", kwargs={"pk": case.pk})
    assert_descriptions_resolve(client.post(url, {}))


def test_close_form_with_errors_names_existing_descriptions(client, case, poster):
    """The close form sent without a takeaway names descriptions that each exist once."""
    services.case_mark_discussed(case=case, user=poster)
    client.force_login(poster)
    url = reverse("intervision:case_close", kwargs={"pk": case.pk})
    assert_descriptions_resolve(client.post(url, {}))


def test_moderation_form_with_errors_names_existing_descriptions(
    client, case, colleague, group_facilitator
):
    """The moderation form sent without a reason names descriptions that each exist once."""
    contribution = services.contribution_create(
        case=case, author=colleague, body="Opmerking", phase=case.method.phases.first()
    )
    client.force_login(group_facilitator)
    url = reverse("intervision:contribution_moderate", kwargs={"pk": contribution.pk})
    assert_descriptions_resolve(client.post(url, {"reason": " "}))
