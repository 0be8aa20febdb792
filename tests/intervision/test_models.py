import pytest

from tests.factories.intervision import IntervisionGroupFactory, MethodFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("factory", [MethodFactory, IntervisionGroupFactory])
def test_a_slug_left_empty_is_made_from_the_name(factory):
    """A method or group saved without a slug gets one from its name, and shows its name."""
    instance = factory(name="Intervisie Gent-Zuid 2", slug="")
    assert instance.slug == "intervisie-gent-zuid-2"
    assert str(instance) == "Intervisie Gent-Zuid 2"


@pytest.mark.parametrize("factory", [MethodFactory, IntervisionGroupFactory])
def test_a_slug_given_by_the_editor_is_kept(factory):
    """A slug the editor chose is not overwritten by one made from the name."""
    assert factory(name="Intervisie Gent", slug="gent").slug == "gent"
