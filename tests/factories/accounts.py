import factory

from django.contrib.auth.models import Group

from cano.accounts.models import EDITORS_GROUP, FACILITATORS_GROUP, STAFF_GROUP, Organisation, User

PASSWORD = "geheim-wachtwoord-123"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"CANO Organisatie {n}")
    short_name = factory.Sequence(lambda n: f"Org {n}")
    region = Organisation.Region.ANTWERPEN


class UserFactory(factory.django.DjangoModelFactory):
    """An account without any group: logged in, but not staff."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"gebruiker{n}@example.be")
    first_name = factory.Faker("first_name", locale="nl_BE")
    last_name = factory.Faker("last_name", locale="nl_BE")
    organisation = factory.SubFactory(OrganisationFactory)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set(Group.objects.filter(name__in=extracted))
        if create:
            self.save()


class StaffFactory(UserFactory):
    """A staff member (Medewerkers), or pass groups=[...] for more."""

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create:
            self.groups.set(Group.objects.filter(name__in=extracted or [STAFF_GROUP]))
            self.save()


def editor(**kwargs):
    return StaffFactory(is_staff=True, groups=[STAFF_GROUP, EDITORS_GROUP], **kwargs)


def facilitator(**kwargs):
    return StaffFactory(is_staff=True, groups=[STAFF_GROUP, FACILITATORS_GROUP], **kwargs)
