import datetime

import factory
import wagtail_factories

from django.utils import timezone

from newsletter.models import NewsletterIndexPage, NewsletterIssuePage, Subscriber


class NewsletterIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsletterIndexPage

    title = "Nieuwsbrief"
    slug = "nieuwsbrief"


def _period_start(n: int) -> datetime.date:
    """The first day of the n-th four-month period counted back from September 2026."""
    year, number = 2026, 3
    for _step in range(n):
        number -= 1
        if number == 0:
            year, number = year - 1, 3
    return datetime.date(year, (number - 1) * 4 + 1, 15)


class NewsletterIssuePageFactory(wagtail_factories.PageFactory):
    """An issue; each new one lands in an earlier, free four-month period."""

    class Meta:
        model = NewsletterIssuePage

    title = factory.Sequence(lambda n: f"CANOnieuwsbrief {n + 1}")
    slug = factory.Sequence(lambda n: f"nummer-{n + 1}")
    number = factory.Sequence(lambda n: n + 1)
    publication_date = factory.Sequence(_period_start)
    intro = "<p>Welkom bij deze nieuwsbrief.</p>"
    articles = factory.LazyFunction(
        lambda: [
            (
                "article",
                {
                    "title": "Intervisie over schoolverzuim",
                    "teaser": "Wat we leerden uit drie casussen.",
                    "body": "<p>Een werkgroep bundelde de <b>lessen</b> van een jaar intervisie.</p>",
                    "image": None,
                    "image_alt": "",
                    "links": [],
                },
            )
        ]
    )


class SubscriberFactory(factory.django.DjangoModelFactory):
    """A confirmed subscriber."""

    class Meta:
        model = Subscriber

    email = factory.Sequence(lambda n: f"lezer{n}@voorbeeld.be")
    name = factory.Faker("name", locale="nl_BE")
    status = Subscriber.Status.CONFIRMED
    consent_text = "Ik wil de CANOnieuwsbrief ontvangen."
    confirmed_at = factory.LazyFunction(timezone.now)
