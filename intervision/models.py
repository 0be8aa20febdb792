"""Intervision: closed groups of colleagues discussing pseudonymised cases with a structured method.

Cases and contributions are the most confidential content of the platform: every read goes
through `intervision.selectors`, every write through `intervision.services`.
"""

import uuid
from pathlib import Path

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from cano.files.storage import PrivateStorage
from cano.richtext import RichTextAutocompleteField, RichTextSearchField, rich_text_html
from cano.templatetags.cano_format import short_date, time_of_day


def private_storage():
    """Case documents never live under MEDIA_ROOT: they are served only through a membership check."""
    return PrivateStorage(location=settings.INTERVISION_DOCUMENT_ROOT)


def _random_file_name(folder: str, filename: str) -> str:
    # The original file name may itself identify a young person; it stays in the row only.
    suffix = Path(filename).suffix.lower()[:10]
    return f"{folder}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


def document_upload_to(instance, filename):
    return _random_file_name("cases", filename)


class NameSlugMixin(models.Model):
    """A name that is also the model's label, and a URL slug made from it when left empty."""

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[: self._meta.get_field("slug").max_length]
        super().save(*args, **kwargs)


class Method(NameSlugMixin, index.Indexed, ClusterableModel):
    """An intervision method (incidentmethode, roddelmethode, ...) with its ordered phases."""

    name = models.CharField(_("naam"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, blank=True)
    explanation = models.TextField(_("korte uitleg"), blank=True)

    panels = [
        *NameSlugMixin.panels,
        FieldPanel("explanation"),
        InlinePanel("phases", label=_("fasen"), min_num=1),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("intervisiemethode")
        verbose_name_plural = _("intervisiemethoden")


class MethodPhase(Orderable):
    """One step of a method; contributions are tagged with the phase they belong to."""

    method = ParentalKey(Method, on_delete=models.CASCADE, related_name="phases")
    name = models.CharField(_("naam"), max_length=120)
    description = models.TextField(_("uitleg"), blank=True)
    accepts_contributions = models.BooleanField(
        _("bijdragen mogelijk"),
        default=True,
        help_text=_("Kunnen groepsleden in deze fase een bijdrage plaatsen?"),
    )

    panels = [FieldPanel("name"), FieldPanel("description"), FieldPanel("accepts_contributions")]

    class Meta(Orderable.Meta):
        verbose_name = _("fase")
        verbose_name_plural = _("fasen")

    def __str__(self):
        return self.name


class IntervisionGroup(NameSlugMixin, index.Indexed, ClusterableModel):
    """A small closed group of staff (any organisation) that discusses cases together."""

    name = models.CharField(_("naam"), max_length=150, unique=True)
    slug = models.SlugField(_("slug"), max_length=150, unique=True, blank=True)
    description = models.TextField(_("beschrijving"), blank=True)
    facilitators = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("begeleiders"),
        related_name="facilitated_intervision_groups",
        blank=True,
    )
    members = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("leden"),
        related_name="intervision_groups",
        blank=True,
    )
    default_method = models.ForeignKey(
        Method,
        verbose_name=_("standaardmethode"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        *NameSlugMixin.panels,
        FieldPanel("description"),
        FieldPanel("default_method"),
        MultiFieldPanel(
            [FieldPanel("facilitators"), FieldPanel("members")], heading=_("Samenstelling")
        ),
        InlinePanel("meetings", label=_("bijeenkomsten")),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("intervisiegroep")
        verbose_name_plural = _("intervisiegroepen")

    def get_absolute_url(self):
        return reverse("intervision:group_detail", kwargs={"slug": self.slug})

    @admin.display(description=_("leden"))
    def member_count(self):
        return self.members.count()


class MeetingQuerySet(models.QuerySet):
    def upcoming(self):
        return self.filter(date__gte=timezone.localdate()).order_by("date", "start_time")


class Meeting(Orderable):
    """A meeting of the group: a date, a time and a place or an online link."""

    group = ParentalKey(IntervisionGroup, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField(_("datum"))
    start_time = models.TimeField(_("beginuur"), null=True, blank=True)
    place = models.CharField(_("plaats"), max_length=200, blank=True)
    online_url = models.URLField(_("online link"), blank=True)

    objects = MeetingQuerySet.as_manager()

    panels = [
        FieldPanel("date"),
        FieldPanel("start_time"),
        FieldPanel("place"),
        FieldPanel("online_url"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")

    def __str__(self):
        when = short_date(self.date)
        if self.start_time:
            when = f"{when}, {time_of_day(self.start_time)}"
        where = self.place or (_("online") if self.online_url else "")
        return f"{when}, {where}" if where else when


class NotificationFrequency(models.TextChoices):
    IMMEDIATE = "immediate", _("Meteen")
    DAILY = "daily", _("Eén keer per dag (samenvatting)")
    NONE = "none", _("Geen e-mails")


class CaseQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def open(self):
        return self.exclude(status=Case.Status.CLOSED)


class Case(index.Indexed, models.Model):
    """A pseudonymised case a member brings to their group."""

    class Status(models.TextChoices):
        PREPARING = "preparing", _("in voorbereiding")
        DISCUSSED = "discussed", _("besproken")
        CLOSED = "closed", _("afgesloten")

    group = models.ForeignKey(
        IntervisionGroup, verbose_name=_("groep"), on_delete=models.CASCADE, related_name="cases"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("casusinbrenger"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="intervision_cases",
    )
    title = models.CharField(_("titel"), max_length=200)
    question = models.TextField(_("intervisievraag"), max_length=2000)
    context = models.TextField(_("context"), max_length=20000, blank=True)
    method = models.ForeignKey(
        Method, verbose_name=_("methode"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("bijeenkomst"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PREPARING
    )
    takeaway = models.TextField(_("wat neem ik mee"), blank=True)
    followers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="followed_intervision_cases", blank=True
    )
    version = models.PositiveIntegerField(default=1)
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(_("aangemaakt"), default=timezone.now)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)
    discussed_at = models.DateTimeField(_("besproken op"), null=True, blank=True)
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)

    objects = CaseQuerySet.as_manager()

    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("question"),
        RichTextSearchField("context"),
        index.AutocompleteField("title"),
        index.FilterField("group"),
        index.FilterField("status"),
        index.FilterField("created_at"),
    ]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("casus")
        verbose_name_plural = _("casussen")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("intervision:case_detail", kwargs={"pk": self.pk})

    @property
    def context_html(self):
        # Sanitised on save and again on display, so nothing a member typed can run.
        return mark_safe(rich_text_html(self.context))  # noqa: S308

    @property
    def is_closed(self):
        return self.status == self.Status.CLOSED


class ContributionQuerySet(SearchableQuerySetMixin, models.QuerySet):
    pass


class Contribution(index.Indexed, models.Model):
    """A member's reply to a case, tagged with the method phase it belongs to."""

    case = models.ForeignKey(
        Case, verbose_name=_("casus"), on_delete=models.CASCADE, related_name="contributions"
    )
    # Copied from the case so the search index can apply the membership rule by itself.
    group = models.ForeignKey(IntervisionGroup, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="intervision_contributions",
    )
    phase = models.ForeignKey(
        MethodPhase,
        verbose_name=_("fase"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributions",
    )
    body = models.TextField(_("bijdrage"), max_length=10000)
    is_hidden = models.BooleanField(_("verborgen"), default=False)
    version = models.PositiveIntegerField(default=1)
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(_("geplaatst"), default=timezone.now)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)
    edited_at = models.DateTimeField(_("bewerkt op"), null=True, blank=True)

    objects = ContributionQuerySet.as_manager()

    search_fields = [
        RichTextSearchField("body"),
        RichTextAutocompleteField("body"),
        index.FilterField("group"),
        index.FilterField("is_hidden"),
        index.FilterField("created_at"),
    ]

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("bijdrage")
        verbose_name_plural = _("bijdragen")

    def __str__(self):
        return _("Bijdrage bij “%(title)s”") % {"title": self.case.title}

    def save(self, *args, **kwargs):
        self.group_id = self.case.group_id
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.case.get_absolute_url()}#bijdrage-{self.pk}"

    @cached_property
    def last_moderation(self):
        return self.moderations.order_by("-created_at", "-pk").first()


class ContributionModeration(models.Model):
    """The moderation history of a contribution: who hid or restored it, when and why."""

    class Action(models.TextChoices):
        HIDE = "hide", _("verborgen")
        RESTORE = "restore", _("teruggezet")

    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="moderations"
    )
    action = models.CharField(max_length=10, choices=Action.choices)
    reason = models.TextField(_("reden"), max_length=1000)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("moderatie")
        verbose_name_plural = _("moderaties")

    def __str__(self):
        return f"{self.get_action_display()}: {self.reason[:40]}"


class CaseDocument(models.Model):
    """A document attached to a case; served only to the group through a membership check."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("titel"), max_length=200)
    file = models.FileField(_("bestand"), upload_to=document_upload_to, storage=private_storage)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documenten")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "intervision:case_document", kwargs={"pk": self.case_id, "document_pk": self.pk}
        )


def pending_upload_to(instance, filename):
    return _random_file_name("pending", filename)


class PendingUpload(models.Model):
    """A document chosen on a case form that came back (the guard or an error stopped the post).

    Browsers never fill a file field again, so the upload is kept here, tied to the member and
    the form's submission token, and attached when the case is posted; what is never posted is
    purged after INTERVISION_PENDING_UPLOAD_HOURS. Only its owner ever sees its name.
    """

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    submission_token = models.UUIDField(db_index=True)
    name = models.CharField(_("bestandsnaam"), max_length=200)
    file = models.FileField(_("bestand"), upload_to=pending_upload_to, storage=private_storage)
    size = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("bewaard document")
        verbose_name_plural = _("bewaarde documenten")

    def __str__(self):
        return self.name


class LessonQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Lesson(index.Indexed, models.Model):
    """An anonymised lesson learned from a closed case; every staff member may read it."""

    title = models.CharField(_("titel"), max_length=200)
    body = models.TextField(_("geleerde les"), max_length=5000)
    # The group that published it, shown as the source; never a link to the case.
    group = models.ForeignKey(
        IntervisionGroup,
        verbose_name=_("groep"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lessons",
    )
    method_name = models.CharField(_("methode"), max_length=120, blank=True)
    # Only to prevent publishing twice from one case; cleared when the case is purged.
    source_case = models.OneToOneField(
        Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="lesson"
    )
    is_published = models.BooleanField(_("gepubliceerd"), default=True)
    published_at = models.DateTimeField(_("gepubliceerd op"), default=timezone.now)

    objects = LessonQuerySet.as_manager()

    panels = [FieldPanel("title"), FieldPanel("body"), FieldPanel("is_published")]
    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("body"),
        index.AutocompleteField("title"),
        index.FilterField("is_published"),
        index.FilterField("published_at"),
    ]

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("geleerde les")
        verbose_name_plural = _("geleerde lessen")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("intervision:lesson_detail", kwargs={"pk": self.pk})


class NotificationPreference(models.Model):
    """How a member wants to hear about new cases and replies."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="intervision_preference"
    )
    frequency = models.CharField(
        _("e-mails over intervisie"),
        max_length=20,
        choices=NotificationFrequency.choices,
        default=NotificationFrequency.IMMEDIATE,
    )

    class Meta:
        verbose_name = _("meldingsvoorkeur")
        verbose_name_plural = _("meldingsvoorkeuren")

    def __str__(self):
        return f"{self.user}: {self.get_frequency_display()}"


class PendingNotification(models.Model):
    """A notification waiting for the member's daily digest."""

    class Kind(models.TextChoices):
        NEW_CASE = "new_case", _("nieuwe casus")
        NEW_REPLY = "new_reply", _("nieuwe bijdrage")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.kind} {self.case_id} -> {self.user_id}"


class GuardName(models.Model):
    """A name editors add to the pseudonymisation guard, or a word they exempt from it."""

    name = models.CharField(
        _("naam of woord"),
        max_length=100,
        unique=True,
        help_text=_(
            "Hoofdletters maken niet uit; ook de bezittelijke vorm en verkleinwoorden tellen."
        ),
    )
    exempt = models.BooleanField(
        _("nooit melden"),
        default=False,
        help_text=_(
            "Aangevinkt: dit woord is geen naam (bv. een gewoon woord dat vals alarm gaf). "
            "Niet aangevinkt: de controle meldt deze naam altijd."
        ),
    )

    panels = [FieldPanel("name"), FieldPanel("exempt")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("naam voor de pseudonimiseringscontrole")
        verbose_name_plural = _("namen voor de pseudonimiseringscontrole")

    def __str__(self):
        return self.name

    def clean(self):
        self.name = " ".join((self.name or "").split())
        if not self.name:
            raise ValidationError({"name": _("Geef een naam of woord op.")})
        if GuardName.objects.exclude(pk=self.pk).filter(name__iexact=self.name).exists():
            raise ValidationError({"name": _("Deze naam staat al in de lijst.")})
