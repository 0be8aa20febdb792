import pytest

from cano.home.selectors import pages_visible_to
from tests.factories import StaffAreaPageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


def test_staff_only_pages_are_hidden_from_anonymous_visitors(site_tree, django_user_model):
    """Anonymous visitors see public pages but nothing under the staff area."""
    from django.contrib.auth.models import AnonymousUser

    public = StandardPageFactory(parent=site_tree["home"], title="Publiek")
    private = StandardPageFactory(parent=site_tree["staff_area"], title="Intern")
    visible = set(pages_visible_to(AnonymousUser()).values_list("pk", flat=True))
    assert public.pk in visible
    assert private.pk not in visible
    assert site_tree["staff_area"].pk not in visible


def test_staff_see_staff_only_pages(site_tree, staff_user, outsider_user):
    """Staff see pages under the staff area; an account outside the staff groups does not."""
    private = StandardPageFactory(parent=site_tree["staff_area"], title="Intern")
    assert pages_visible_to(staff_user).filter(pk=private.pk).exists()
    assert not pages_visible_to(outsider_user).filter(pk=private.pk).exists()


def test_draft_pages_are_hidden_from_everyone(site_tree, staff_user):
    """A page that is not live is not visible, not even to staff."""
    draft = StandardPageFactory(parent=site_tree["home"], title="Concept", live=False)
    assert not pages_visible_to(staff_user).filter(pk=draft.pk).exists()


def test_pages_below_a_draft_staff_area_are_for_staff_only(site_tree, staff_user):
    """A page published below a staff area that is still a draft is hidden from the public."""
    from django.contrib.auth.models import AnonymousUser

    draft_area = StaffAreaPageFactory(
        parent=site_tree["home"], slug="nieuwe-zone", live=False, published=False
    )
    page = StandardPageFactory(parent=draft_area, title="Intern")
    assert not pages_visible_to(AnonymousUser()).filter(pk=page.pk).exists()
    assert pages_visible_to(staff_user).filter(pk=page.pk).exists()
