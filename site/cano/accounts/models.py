from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin, UserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.search import index

STAFF_GROUP = "Medewerkers"
EDITORS_GROUP = "Redactie"
FACILITATORS_GROUP = "Intervisiebegeleiders"


class Organisation(index.Indexed, models.Model):
    """A CANO organisation; every staff account belongs to one."""

    class Region(models.TextChoices):
        ANTWERPEN = "antwerpen", _("Antwerpen")
        LIMBURG = "limburg", _("Limburg")
        OOST_VLAANDEREN = "oost-vlaanderen", _("Oost-Vlaanderen")
        VLAAMS_BRABANT = "vlaams-brabant", _("Vlaams-Brabant en Brussel")
        WEST_VLAANDEREN = "west-vlaanderen", _("West-Vlaanderen")

    name = models.CharField(_("naam"), max_length=200, unique=True)
    short_name = models.CharField(_("korte naam"), max_length=50, blank=True)
    website = models.URLField(_("website"), blank=True)
    region = models.CharField(_("regio"), max_length=30, choices=Region.choices, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("website"),
        FieldPanel("region"),
    ]
    # The admin's organisation list searches both names (OrganisationViewSet.search_fields).
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("short_name"),
        index.AutocompleteField("short_name"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self):
        return self.short_name or self.name


class EmailUserManager(UserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """An account: staff of a CANO organisation, editors and facilitators log in with their e-mail."""

    email = models.EmailField(_("e-mailadres"), unique=True)
    first_name = models.CharField(_("voornaam"), max_length=150)
    last_name = models.CharField(_("familienaam"), max_length=150, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    is_staff = models.BooleanField(
        _("toegang tot beheer"),
        default=False,
        help_text=_("Mag inloggen in de Wagtail-beheeromgeving."),
    )
    is_active = models.BooleanField(_("actief"), default=True)
    date_joined = models.DateTimeField(_("lid sinds"), default=timezone.now)

    objects = EmailUserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    class Meta:
        ordering = ["first_name", "last_name"]
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    def __str__(self):
        return self.full_name or self.email

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return self.first_name or self.email

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)


class CalendarFeed(models.Model):
    """A user's personal calendar subscription: the secret in its URL.

    Renewing it replaces the key, which is all it takes to revoke the old URL. The key is kept
    (not hashed) because the account page shows the URL again to copy it; it is looked up by a
    prefix and compared in constant time, so response times tell nothing about the rest.
    """

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="calendar_feed")
    key = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("agenda-abonnement")
        verbose_name_plural = _("agenda-abonnementen")

    def __str__(self):
        return str(self.user)
