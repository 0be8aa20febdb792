import datetime
import secrets
from urllib.parse import urlencode

from modelcluster.fields import ParentalKey

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from cano.accounts.selectors import user_is_staff_member
from cano.client_address import client_address
from cano.converters import parse_id
from cano.home.mixins import IntroMixin
from cano.ical import calendar_download

from .blocks import ProgrammeBlock
from .panels import AlternationPanel


class Audience(models.TextChoices):
    STAFF = "medewerkers", _("Medewerkers van de CANO-organisaties")
    EXTERNAL = "externen", _("Externen (partners, studenten, andere sectoren)")


class StudyDayQuerySet(PageQuerySet):
    def upcoming(self, today: datetime.date | None = None):
        return self.filter(date__gte=today or timezone.localdate()).order_by("date", "start_time")

    def past(self, today: datetime.date | None = None):
        return self.filter(date__lt=today or timezone.localdate()).order_by("-date")


class StudyDayManager(PageManager.from_queryset(StudyDayQuerySet)):
    pass


REGISTRATION_DEADLINE_DAYS = 3


def default_registration_deadline(date: datetime.date) -> datetime.datetime:
    """Three days before the study day, at the end of that day."""
    day = date - datetime.timedelta(days=REGISTRATION_DEADLINE_DAYS)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 59)))


class StudyDayIndexPage(IntroMixin, Page):
    """The study days overview: upcoming and past study days, with a link to the calendar feed."""

    content_panels = [*Page.content_panels, *IntroMixin.content_panels]
    search_fields = [*Page.search_fields, *IntroMixin.search_fields]
    subpage_types = ["studydays.StudyDayPage"]
    search_type_label = _("Studiedagen")

    class Meta:
        verbose_name = _("overzicht studiedagen")

    def get_context(self, request, *args, **kwargs):
        # studydays.selectors imports this module's pages.
        from .selectors import study_days_visible_to

        context = super().get_context(request, *args, **kwargs)
        days = study_days_visible_to(request.user).descendant_of(self)
        context["upcoming"] = days.upcoming()
        context["past"] = days.past()[:20]
        return context


class StudyDayPage(RoutablePageMixin, IntroMixin, Page):
    """One study day: practical details, the programme with workshops, and the registration form."""

    date = models.DateField(_("datum"))
    start_time = models.TimeField(_("begin"), default=datetime.time(9, 0))
    end_time = models.TimeField(_("einde"), default=datetime.time(16, 30))
    audience = models.CharField(
        _("doelpubliek"),
        max_length=20,
        choices=Audience.choices,
        default=Audience.EXTERNAL,
        help_text=_(
            "Een studiedag voor medewerkers is alleen zichtbaar voor ingelogde medewerkers."
        ),
    )
    venue_name = models.CharField(_("locatie"), max_length=200)
    venue_address = models.TextField(_("adres"), max_length=500, blank=True)
    venue_route = models.TextField(_("bereikbaarheid"), max_length=2000, blank=True)
    capacity = models.PositiveIntegerField(_("capaciteit"), default=100)
    registration_opens = models.DateTimeField(_("inschrijving opent"))
    registration_closes = models.DateTimeField(
        _("inschrijving sluit"),
        null=True,
        blank=True,
        help_text=_(
            "Na dit moment kan niemand nog inschrijven. Leeg laten: drie dagen voor de "
            "studiedag, om 23.59 uur."
        ),
    )
    price = models.DecimalField(
        _("prijs (euro)"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Leeg laten voor een gratis studiedag."),
    )
    payment_info = models.TextField(
        _("betaling"),
        max_length=1000,
        blank=True,
        help_text=_(
            "Hoe en wanneer deelnemers betalen, bv. het rekeningnummer, de mededeling en de "
            "uiterste datum. Verplicht bij een prijs; staat op de pagina en in de bevestiging."
        ),
    )
    programme = StreamField(ProgrammeBlock(), verbose_name=_("programma"), blank=True)

    objects = StudyDayManager()

    content_panels = [
        *Page.content_panels,
        AlternationPanel(heading=_("Ritme van de studiedagen")),
        MultiFieldPanel(
            [
                FieldPanel("date"),
                FieldRowPanel([FieldPanel("start_time"), FieldPanel("end_time")]),
                FieldPanel("audience"),
            ],
            heading=_("Wanneer en voor wie"),
        ),
        *IntroMixin.content_panels,
        MultiFieldPanel(
            [FieldPanel("venue_name"), FieldPanel("venue_address"), FieldPanel("venue_route")],
            heading=_("Locatie"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("capacity"),
                FieldRowPanel(
                    [FieldPanel("registration_opens"), FieldPanel("registration_closes")]
                ),
                FieldPanel("price"),
                FieldPanel("payment_info"),
            ],
            heading=_("Inschrijving"),
        ),
        FieldPanel("programme"),
        InlinePanel("questions", heading=_("Extra vragen bij de inschrijving"), label=_("vraag")),
    ]
    search_fields = [
        *Page.search_fields,
        *IntroMixin.search_fields,
        index.SearchField("venue_name"),
        index.SearchField("programme"),
        index.FilterField("date"),
        index.FilterField("audience"),
    ]
    parent_page_types = ["studydays.StudyDayIndexPage"]
    subpage_types = []
    search_type_label = _("Studiedag")

    class Meta:
        verbose_name = _("studiedag")
        verbose_name_plural = _("studiedagen")

    def clean(self):
        super().clean()
        errors = {}
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = _("Het einde moet na het begin liggen.")
        if self.date and self.start_time and self.registration_closes is None:
            self.registration_closes = default_registration_deadline(self.date)
        if (
            self.registration_opens
            and self.registration_closes
            and self.registration_closes <= self.registration_opens
        ):
            errors["registration_closes"] = _("De inschrijving moet sluiten nadat ze opent.")
        elif (
            self.date
            and self.start_time
            and self.registration_closes
            and self.registration_closes > self.starts_at
        ):
            errors["registration_closes"] = _(
                "De inschrijving moet sluiten voor de studiedag begint."
            )
        if self.price and not self.payment_info.strip():
            errors["payment_info"] = _(
                "Zeg hoe en wanneer deelnemers betalen, bv. het rekeningnummer en de uiterste "
                "datum."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def search_result_date(self) -> datetime.date:
        """The date search shows beside the result: the day itself, not when it was published."""
        return self.date

    @property
    def registration_deadline(self) -> datetime.datetime:
        """When registration closes: the editors' deadline, or the default for a draft without."""
        return self.registration_closes or default_registration_deadline(self.date)

    @property
    def is_past(self) -> bool:
        return self.date < timezone.localdate()

    @property
    def is_staff_day(self) -> bool:
        return self.audience == Audience.STAFF

    @property
    def starts_at(self) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(self.date, self.start_time))

    @property
    def ends_at(self) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(self.date, self.end_time))

    # The routes and the context import forms, services and selectors where they run: all three
    # import these pages.

    def get_context(self, request, *args, availability=None, **kwargs):
        from .selectors import study_day_context

        context = super().get_context(request, *args, **kwargs)
        context.update(
            study_day_context(study_day=self, user=request.user, availability=availability)
        )
        return context

    @path("", name="detail")
    def detail(self, request):
        from .forms import RegistrationForm
        from .selectors import study_day_availability
        from .services import RegistrationError, RegistrationThrottled, registration_create

        # Counted once for the form's workshop choices and the page's places.
        availability = study_day_availability(study_day=self)
        form_kwargs = {"study_day": self, "availability": availability, "user": request.user}
        if request.method != "POST":
            return self.render(
                request,
                availability=availability,
                context_overrides={"form": RegistrationForm(**form_kwargs)},
            )
        form = RegistrationForm(request.POST, **form_kwargs)
        status = 400
        if form.is_spam:
            return redirect(self.url + "ingeschreven/")
        if form.is_valid():
            data = form.cleaned_data
            try:
                registration = registration_create(
                    study_day=self,
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    email=data["email"],
                    organisation=data["organisation"],
                    consent=data["consent"],
                    answers=form.answers(),
                    workshop_ids=form.workshop_ids(),
                    waiting_list_ok=data["waiting_list_ok"],
                    user=request.user,
                    rate_limit_key=_registration_rate_limit_key(request),
                )
            except RegistrationThrottled as error:
                form.add_error(None, error.message)
                status = 429
            except RegistrationError as error:
                form.add_error(None, error.message)
            else:
                return redirect(self.url + "ingeschreven/" + _waiting_query(registration))
        # A registration may have changed the places since they were counted above.
        response = self.render(request, context_overrides={"form": form})
        response.status_code = status
        return response

    @path("agenda/", name="ics")
    def ics(self, request):
        """The study day as a calendar file to open or import ("Zet in je agenda")."""
        from .selectors import study_day_calendar_event

        return calendar_download(request, study_day_calendar_event(self), filename="studiedag.ics")

    @path("ingeschreven/", name="registered")
    def registered(self, request):
        waiting = request.GET.get("wachtlijst") == "1"
        workshop_ids = [parse_id(value) for value in request.GET.getlist("workshop")[:20]]
        return TemplateResponse(
            request,
            "studydays/registered.html",
            {
                "page": self,
                "waiting": waiting,
                "waiting_workshops": (
                    self.workshops.filter(pk__in=workshop_ids) if waiting else []
                ),
            },
        )


def _waiting_query(registration) -> str:
    """The thank-you page's query: on which waiting list the registration landed, if any."""
    from .selectors import registration_waiting_for

    if registration.status != Registration.Status.WAITING:
        return ""
    waiting_for = registration_waiting_for(registration=registration)
    if waiting_for["day"]:
        return "?wachtlijst=1"
    return "?" + urlencode(
        [("wachtlijst", "1"), *(("workshop", e["workshop"].pk) for e in waiting_for["workshops"])]
    )


def _registration_rate_limit_key(request) -> str | None:
    """Whom the registration rate limit counts: the visitor's address; staff are not limited."""
    if user_is_staff_member(request.user):
        return None
    return f"studydays-register:{client_address(request)}"


class RegistrationQuestion(Orderable):
    """An extra question editors add to one study day's registration form."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Tekst")
        CHOICE = "choice", _("Keuze uit een lijst")
        YES_NO = "yes_no", _("Ja of nee")

    study_day = ParentalKey(StudyDayPage, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(_("vraag"), max_length=200)
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices, default=Kind.TEXT)
    choices = models.TextField(
        _("keuzes"), blank=True, help_text=_("Eén keuze per regel (alleen bij een keuzevraag).")
    )
    required = models.BooleanField(_("verplicht"), default=False)
    help_text = models.CharField(_("uitleg"), max_length=250, blank=True)

    panels = [
        FieldPanel("label"),
        FieldPanel("kind"),
        FieldPanel("choices"),
        FieldPanel("required"),
        FieldPanel("help_text"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")

    def __str__(self):
        return self.label

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class WorkshopQuerySet(models.QuerySet):
    def with_places_taken(self):
        """Annotate ``places_taken``: the registrations holding a place (waiting ones do not)."""
        return self.annotate(
            places_taken=models.Count(
                "choices",
                filter=Q(choices__registration__status=Registration.Status.REGISTERED),
            )
        )


class Workshop(models.Model):
    """A workshop of the programme, mirrored from the StreamField so its places can be locked."""

    study_day = models.ForeignKey(StudyDayPage, on_delete=models.CASCADE, related_name="workshops")
    block_id = models.CharField(max_length=64)
    slot_id = models.CharField(max_length=64)
    slot_label = models.CharField(_("tijdslot"), max_length=250)
    title = models.CharField(_("titel"), max_length=200)
    capacity = models.PositiveIntegerField(_("capaciteit"))
    sort_order = models.PositiveIntegerField(default=0)
    is_active = models.BooleanField(default=True)

    objects = WorkshopQuerySet.as_manager()

    class Meta:
        ordering = ["study_day", "sort_order"]
        verbose_name = _("workshop")
        constraints = [
            models.UniqueConstraint(
                fields=["study_day", "block_id"], name="studydays_workshop_unique_block"
            )
        ]

    def __str__(self):
        return self.title


class RegistrationQuerySet(models.QuerySet):
    def registered(self):
        return self.filter(status=Registration.Status.REGISTERED)

    def waiting(self):
        return self.filter(status=Registration.Status.WAITING).order_by("created_at", "pk")

    def active(self):
        return self.filter(status__in=Registration.ACTIVE_STATUSES)


def new_link_key() -> str:
    return secrets.token_urlsafe(24)


class Registration(models.Model):
    """One person's registration for one study day (or their place on its waiting list)."""

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Ingeschreven")
        WAITING = "waiting", _("Wachtlijst")
        CANCELLED = "cancelled", _("Geannuleerd")

    ACTIVE_STATUSES = (Status.REGISTERED, Status.WAITING)

    study_day = models.ForeignKey(
        StudyDayPage, on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="study_day_registrations",
    )
    first_name = models.CharField(_("voornaam"), max_length=150)
    last_name = models.CharField(_("familienaam"), max_length=150)
    email = models.EmailField(_("e-mailadres"))
    organisation = models.CharField(_("organisatie"), max_length=200)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    answers = models.JSONField(_("antwoorden"), default=dict, blank=True)
    paid = models.BooleanField(_("betaald"), default=False)
    consent_at = models.DateTimeField(_("toestemming privacyverklaring"))
    created_at = models.DateTimeField(_("ingeschreven op"), default=timezone.now)
    promoted_at = models.DateTimeField(_("van de wachtlijst gehaald op"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("geannuleerd op"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    personal_data_erased = models.BooleanField(default=False)
    link_key = models.CharField(max_length=64, default=new_link_key, editable=False)
    workshops = models.ManyToManyField(
        Workshop, through="WorkshopChoice", related_name="registrations", blank=True
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("inschrijving")
        verbose_name_plural = _("inschrijvingen")
        constraints = [
            models.UniqueConstraint(
                fields=["study_day", "email"],
                condition=Q(status__in=["registered", "waiting"]),
                name="studydays_one_active_registration_per_email",
            )
        ]
        indexes = [models.Index(fields=["study_day", "status", "created_at"])]

    def __str__(self):
        return f"{self.full_name} ({self.get_status_display()})"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE_STATUSES


class WorkshopChoice(models.Model):
    """The workshop a registration chose in one time slot: at most one per slot."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="workshop_choices"
    )
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="choices")
    slot_id = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "slot_id"], name="studydays_one_workshop_per_slot"
            )
        ]

    def __str__(self):
        return str(self.workshop)


class StudyDayStatistics(models.Model):
    """What remains of a study day's registrations after anonymisation: counts only."""

    study_day = models.OneToOneField(
        StudyDayPage, on_delete=models.CASCADE, related_name="statistics"
    )
    registered = models.PositiveIntegerField(default=0)
    waiting = models.PositiveIntegerField(default=0)
    cancelled = models.PositiveIntegerField(default=0)
    per_workshop = models.JSONField(default=dict, blank=True)
    anonymised_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("statistiek studiedag")

    def __str__(self):
        return str(self.study_day)
