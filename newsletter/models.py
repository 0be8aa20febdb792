import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cano.home.mixins import IntroMixin

from .blocks import ArticleStreamBlock
from .periods import Period

PERIOD_TAKEN_MESSAGE = _(
    "Er bestaat al een nummer voor de periode %(period)s. Per periode verschijnt er maar één "
    "nieuwsbrief: kies een publicatiedatum in een andere periode of werk het bestaande nummer bij."
)


def publication_go_live_at(publication_date: datetime.date) -> datetime.datetime | None:
    """A publication date still to come schedules the issue for the start of that day."""
    if publication_date <= timezone.localdate():
        return None
    return timezone.make_aware(datetime.datetime.combine(publication_date, datetime.time.min))


class NewsletterIndexPage(RoutablePageMixin, IntroMixin, Page):
    """The newsletter archive: every published issue, newest first, grouped by year."""

    content_panels = [*Page.content_panels, *IntroMixin.content_panels]
    search_fields = [*Page.search_fields, *IntroMixin.search_fields]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["newsletter.NewsletterIssuePage"]
    search_type_label = _("Nieuwsbrief")

    class Meta:
        verbose_name = _("nieuwsbriefarchief")

    def get_context(self, request, *args, **kwargs):
        # newsletter.selectors imports this module's pages.
        from .selectors import issues_published

        context = super().get_context(request, *args, **kwargs)
        per_page = getattr(settings, "NEWSLETTER_ARCHIVE_PER_PAGE", 12)
        paginator = Paginator(issues_published(parent=self), per_page)
        context["issues"] = paginator.get_page(request.GET.get("pagina"))
        return context

    @path("nummer-<int:number>/", name="issue_by_number")
    def issue_by_number(self, request, number):
        """Issues used to be found by their number: send those addresses to the issue's own."""
        from .selectors import issues_published

        issue = issues_published(parent=self).filter(number=number).first()
        if issue is None:
            raise Http404
        return redirect(issue.url, permanent=True)


class NewsletterIssuePage(RoutablePageMixin, IntroMixin, Page):
    """One issue of the CANOnieuwsbrief: an introduction and a series of articles.

    Editors publish one issue per four-month period; the period follows from the publication
    date. From the page's admin header they preview it as e-mail, send a test and send it to
    all confirmed subscribers.
    """

    number = models.PositiveIntegerField(_("nummer"), unique=True)
    publication_date = models.DateField(
        _("publicatiedatum"),
        default=timezone.localdate,
        help_text=_(
            "Bepaalt de periode (januari-april, mei-augustus of september-december) en het "
            "webadres, bv. /nieuwsbrief/2027-1/. Een datum in de toekomst plant het nummer in: "
            "bij Publiceren verschijnt het pas die dag."
        ),
    )
    period_year = models.PositiveIntegerField(editable=False)
    period_number = models.PositiveSmallIntegerField(editable=False)
    articles = StreamField(ArticleStreamBlock(), verbose_name=_("artikels"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("number"),
        FieldPanel("publication_date"),
        *IntroMixin.content_panels,
        FieldPanel("articles"),
    ]
    # The publication date decides the web address and when the issue goes live, so the
    # slug and Wagtail's own scheduling fields are not offered.
    promote_panels = [
        MultiFieldPanel(
            [FieldPanel("seo_title"), FieldPanel("search_description")],
            heading=_("Voor zoekmachines"),
        )
    ]
    settings_panels = []
    search_fields = [
        *Page.search_fields,
        *IntroMixin.search_fields,
        index.SearchField("articles"),
        index.FilterField("publication_date"),
    ]
    parent_page_types = ["newsletter.NewsletterIndexPage"]
    subpage_types = []
    search_type_label = _("Nieuwsbrief")
    preview_modes = [
        ("", _("Webversie")),
        ("print", _("Afdrukversie")),
        ("email_html", _("E-mail (HTML)")),
        ("email_text", _("E-mail (tekst)")),
    ]

    class Meta:
        verbose_name = _("nieuwsbriefnummer")
        verbose_name_plural = _("nieuwsbriefnummers")
        constraints = [
            models.UniqueConstraint(
                fields=["period_year", "period_number"],
                name="newsletter_one_issue_per_period",
                violation_error_message=_(
                    "Er bestaat al een nummer voor deze periode: per periode verschijnt er "
                    "maar één nieuwsbrief."
                ),
            )
        ]

    @property
    def period(self) -> Period:
        return Period.of(self.publication_date)

    @property
    def period_label(self) -> str:
        return self.period.label

    def _set_period(self):
        """The period, the slug and the go-live moment all follow from the publication date."""
        if self.publication_date:
            self.period_year, self.period_number = self.period.year, self.period.number
            self.slug = self.period.slug
            self.go_live_at = publication_go_live_at(self.publication_date)

    def clean(self):
        self._set_period()
        # The period decides the slug too: say the period is taken before the slug is.
        if self.publication_date:
            taken = (
                NewsletterIssuePage.objects.filter(
                    period_year=self.period_year, period_number=self.period_number
                )
                .exclude(pk=self.pk)
                .exists()
            )
            if taken:
                raise ValidationError(
                    {"publication_date": PERIOD_TAKEN_MESSAGE % {"period": self.period_label}}
                )
        super().clean()

    def save(self, *args, **kwargs):
        self._set_period()
        return super().save(*args, **kwargs)

    @path("afdrukken/", name="print")
    def print_view(self, request):
        return self.render(request, template="newsletter/newsletter_issue_page_print.html")

    def serve_preview(self, request, mode_name):
        if mode_name == "print":
            return self.print_view(request)
        if mode_name in ("email_html", "email_text"):
            # emails -> tokens -> models: the e-mail modules need these models.
            from .emails import issue_email_render

            rendered = issue_email_render(issue=self, preview=True)
            if mode_name == "email_html":
                return HttpResponse(rendered.html)
            return HttpResponse(rendered.text, content_type="text/plain; charset=utf-8")
        return super().serve_preview(request, mode_name)


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=Subscriber.Status.CONFIRMED)


def new_token_key() -> str:
    return secrets.token_urlsafe(16)


class Subscriber(models.Model):
    """Someone who asked for the newsletter by e-mail; only confirmed subscribers receive issues."""

    class Status(models.TextChoices):
        PENDING = "pending", _("wacht op bevestiging")
        CONFIRMED = "confirmed", _("bevestigd")

    email = models.EmailField(_("e-mailadres"), max_length=254, unique=True)
    name = models.CharField(_("naam"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    consent_text = models.CharField(_("toestemming"), max_length=300)
    created_at = models.DateTimeField(_("aangevraagd op"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    # Part of every signed link: rotating it (a new subscription after a deletion gets a new
    # row anyway) makes all earlier links for this address useless.
    token_key = models.CharField(max_length=40, default=new_token_key, editable=False)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["email"]
        verbose_name = _("abonnee")
        verbose_name_plural = _("abonnees")
        indexes = [models.Index(fields=["status", "id"])]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)


class IssueSending(models.Model):
    """The sending of one issue to all confirmed subscribers (at most one per issue)."""

    issue = models.OneToOneField(
        NewsletterIssuePage,
        verbose_name=_("nummer"),
        on_delete=models.CASCADE,
        related_name="sending",
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gestart door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    started_at = models.DateTimeField(_("gestart op"), default=timezone.now)
    finished_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    interrupted_at = models.DateTimeField(_("onderbroken op"), null=True, blank=True)
    last_error = models.CharField(_("laatste fout"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("verzending")
        verbose_name_plural = _("verzendingen")

    def __str__(self):
        return str(self.issue)


class Delivery(models.Model):
    """Whether one issue went out to one subscriber.

    A row moves pending -> sending (claimed by one worker, committed before the message leaves)
    -> sent or failed. When the worker dies in between, nobody knows whether the message left:
    the row becomes "doubt" and waits for the editor, who sends it again (back to pending) or
    counts it as sent. A sending only ever picks up pending rows, never one that may already
    have gone out.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("in de wachtrij")
        SENDING = "sending", _("wordt verzonden")
        SENT = "sent", _("verzonden")
        FAILED = "failed", _("mislukt")
        DOUBT = "doubt", _("onzeker")

    sending = models.ForeignKey(IssueSending, on_delete=models.CASCADE, related_name="deliveries")
    issue = models.ForeignKey(
        NewsletterIssuePage, on_delete=models.CASCADE, related_name="deliveries"
    )
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    claimed_at = models.DateTimeField(null=True, blank=True)
    # The task worker that claimed the row: tells a message in flight from one a dead worker left.
    claimed_by = models.CharField(max_length=64, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = _("bezorging")
        verbose_name_plural = _("bezorgingen")
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "subscriber"], name="newsletter_one_delivery_per_subscriber"
            )
        ]
        indexes = [models.Index(fields=["sending", "status", "id"])]

    def __str__(self):
        return f"{self.issue_id} -> {self.subscriber_id}: {self.status}"
