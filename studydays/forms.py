from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cano.accounts.selectors import user_is_staff_member
from cano.home.selectors import privacy_statement_help

from .models import RegistrationQuestion, StudyDayPage

YES_NO = [("ja", _("Ja")), ("nee", _("Nee"))]
HONEYPOT = "website"


def _workshop_label(entry) -> str:
    workshop = entry["workshop"]
    if entry["left"] <= 0:
        return _("%(title)s (volzet: wachtlijst voor deze workshop)") % {"title": workshop.title}
    return ngettext(
        "%(title)s (%(left)s plaats vrij)", "%(title)s (%(left)s plaatsen vrij)", entry["left"]
    ) % {"title": workshop.title, "left": entry["left"]}


class WorkshopChoiceMixin:
    def add_workshop_fields(self, availability):
        slots = {}
        for entry in availability["workshops"]:
            slots.setdefault(entry["workshop"].slot_id, []).append(entry)
        self.slot_fields = []
        for slot_id, entries in slots.items():
            name = f"workshop_{slot_id}"
            self.fields[name] = forms.TypedChoiceField(
                label=_("Workshop: %(slot)s") % {"slot": entries[0]["workshop"].slot_label},
                choices=[(e["workshop"].pk, _workshop_label(e)) for e in entries],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Kies een workshop voor %(slot)s.")
                    % {"slot": entries[0]["workshop"].slot_label}
                },
            )
            self.slot_fields.append(name)
        self.has_full_workshop = any(e["left"] <= 0 for e in availability["workshops"])

    def workshop_ids(self) -> list[int]:
        return [self.cleaned_data[name] for name in self.slot_fields]


class RegistrationForm(WorkshopChoiceMixin, forms.Form):
    first_name = forms.CharField(
        label=_("Voornaam"),
        max_length=150,
        error_messages={"required": _("Vul je voornaam in.")},
    )
    last_name = forms.CharField(
        label=_("Familienaam"),
        max_length=150,
        error_messages={"required": _("Vul je familienaam in.")},
    )
    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        error_messages={
            "required": _("Vul je e-mailadres in."),
            "invalid": _("Vul een e-mailadres in zoals naam@voorbeeld.be."),
        },
    )
    organisation = forms.CharField(
        label=_("Organisatie"),
        max_length=200,
        error_messages={"required": _("Vul je organisatie in.")},
    )

    def __init__(self, *args, study_day: StudyDayPage, availability: dict, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.study_day = study_day
        signed_in = getattr(user, "is_authenticated", False)
        if signed_in and (study_day.is_staff_day or user_is_staff_member(user)):
            # The account fills in who they are, so staff need not type it again.
            self.fields["first_name"].initial = user.first_name
            self.fields["last_name"].initial = user.last_name
            self.fields["email"].initial = user.email
            self.fields["organisation"].initial = str(user.organisation or "")
            if study_day.is_staff_day:
                # On a staff day staff register as themselves; on a public day they may
                # register someone else (a colleague, an intern) with the same form.
                for name in ("first_name", "last_name", "email", "organisation"):
                    self.fields[name].disabled = True
        self.add_workshop_fields(availability)
        self.questions = list(study_day.questions.all())
        for question in self.questions:
            self.fields[f"q_{question.pk}"] = self._question_field(question)
        self.fields["waiting_list_ok"] = forms.BooleanField(
            label=_(
                "Zet me op de wachtlijst als de studiedag volzet is, of op de wachtlijst van "
                "een workshop die volzet is."
            ),
            required=False,
            initial=True,
        )
        self.fields["consent"] = forms.BooleanField(
            label=_(
                "Ik ga akkoord met de privacyverklaring: CANO Vlaanderen bewaart mijn gegevens "
                "alleen voor de organisatie van deze studiedag."
            ),
            help_text=privacy_statement_help(),
            error_messages={
                "required": _("Ga akkoord met de privacyverklaring om in te schrijven.")
            },
        )
        # Filled in by bots only: people never reach it, by keyboard or assistive technology.
        self.fields[HONEYPOT] = forms.CharField(
            label=_("Laat dit veld leeg"),
            required=False,
            max_length=200,
            widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
        )

    @staticmethod
    def _question_field(question: RegistrationQuestion):
        common = {
            "label": question.label,
            "required": question.required,
            "help_text": question.help_text,
            "error_messages": {
                "required": _("Beantwoord de vraag ‘%(question)s’.") % {"question": question.label}
            },
        }
        if question.kind == RegistrationQuestion.Kind.CHOICE:
            choices = [(choice, choice) for choice in question.choice_list]
            return forms.ChoiceField(choices=[("", "---------"), *choices], **common)
        if question.kind == RegistrationQuestion.Kind.YES_NO:
            return forms.ChoiceField(choices=YES_NO, widget=forms.RadioSelect, **common)
        return forms.CharField(max_length=1000, widget=forms.Textarea(attrs={"rows": 3}), **common)

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get(HONEYPOT))

    def field_groups(self):
        """Fields in the order the template shows them, the honeypot apart."""
        return {
            "person": [self[name] for name in ("first_name", "last_name", "email", "organisation")],
            "workshops": [self[name] for name in self.slot_fields],
            "questions": [self[f"q_{q.pk}"] for q in self.questions],
            "final": [self["waiting_list_ok"], self["consent"]],
            "honeypot": self[HONEYPOT],
        }

    def answers(self) -> dict:
        answers = {}
        for question in self.questions:
            value = self.cleaned_data.get(f"q_{question.pk}")
            if value:
                answers[str(question.pk)] = {"label": question.label, "answer": value}
        return answers


class WorkshopChangeForm(WorkshopChoiceMixin, forms.Form):
    def __init__(self, *args, availability: dict, current: dict[str, int], **kwargs):
        super().__init__(*args, **kwargs)
        self.add_workshop_fields(availability)
        for name in self.slot_fields:
            self.fields[name].initial = current.get(name.removeprefix("workshop_"))


class RegistrantsMessageForm(forms.Form):
    subject = forms.CharField(label=_("Onderwerp"), max_length=200)
    body = forms.CharField(label=_("Bericht"), max_length=10000, widget=forms.Textarea)
    include_waiting = forms.BooleanField(
        label=_("Ook naar wie op de wachtlijst staat"), required=False
    )
