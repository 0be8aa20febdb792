import factory

from intervision.models import (
    Case,
    Contribution,
    IntervisionGroup,
    Lesson,
    Meeting,
    Method,
    MethodPhase,
)
from tests.factories.accounts import StaffFactory, facilitator


class MethodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Method
        django_get_or_create = ("name",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Testmethode {n}")
    explanation = "Een methode om te testen."

    @factory.post_generation
    def phases(self, create, extracted, **kwargs):
        if create and not self.phases.exists():
            for order, name in enumerate(
                extracted or ["Verhelderingsvragen", "Hypothesen", "Adviezen"]
            ):
                MethodPhase.objects.create(method=self, name=name, sort_order=order)


class IntervisionGroupFactory(factory.django.DjangoModelFactory):
    """A group with one facilitator and two members unless told otherwise."""

    class Meta:
        model = IntervisionGroup
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Intervisiegroep {n}")
    description = "Een intervisiegroep voor begeleiders."
    default_method = factory.SubFactory(MethodFactory)

    @factory.post_generation
    def facilitators(self, create, extracted, **kwargs):
        if create:
            self.facilitators.set(extracted if extracted is not None else [facilitator()])

    @factory.post_generation
    def members(self, create, extracted, **kwargs):
        if create:
            self.members.set(
                extracted if extracted is not None else [StaffFactory(), StaffFactory()]
            )
            # Parental many-to-many relations are written when the cluster is saved.
            self.save()


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    group = factory.SubFactory(IntervisionGroupFactory)
    date = factory.Faker("future_date", end_date="+60d")
    place = "Vergaderzaal De Kering, Gent"


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    group = factory.SubFactory(IntervisionGroupFactory)
    author = factory.LazyAttribute(lambda o: o.group.members.first())
    title = factory.Sequence(lambda n: f"Jongere weigert contact met school {n}")
    question = "Hoe bouw ik opnieuw vertrouwen op met het gezin?"
    context = "<p>Een jongen (noem hem X) spijbelt al drie weken.</p>"
    method = factory.LazyAttribute(lambda o: o.group.default_method)


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contribution

    case = factory.SubFactory(CaseFactory)
    group = factory.LazyAttribute(lambda o: o.case.group)
    author = factory.LazyAttribute(lambda o: o.case.group.members.last())
    phase = factory.LazyAttribute(lambda o: o.case.method.phases.first() if o.case.method else None)
    body = "Wat zegt de jongere zelf over de school?"


class LessonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lesson

    title = factory.Sequence(lambda n: f"Vertrouwen groeit in kleine stappen {n}")
    body = "Een vast moment per week werkte beter dan een groot gesprek."
