"""Django's password validators, speaking to the member as the rest of the site does ("je").

Django's own Dutch addresses the reader as "u", and its catalogue lags its wording: Django 5.2's
"This password is too short" has no Dutch translation and showed in English beside Dutch messages.
The rules themselves are Django's.
"""

from django.contrib.auth import password_validation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class UserAttributeSimilarityValidator(password_validation.UserAttributeSimilarityValidator):
    def get_error_message(self):
        return _("Dit wachtwoord lijkt te veel op je %(verbose_name)s.")

    def get_help_text(self):
        return _("Kies een wachtwoord dat niet op je naam of e-mailadres lijkt.")


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self):
        return (
            ngettext(
                "Dit wachtwoord is te kort: gebruik minstens %d teken.",
                "Dit wachtwoord is te kort: gebruik minstens %d tekens.",
                self.min_length,
            )
            % self.min_length
        )

    def get_help_text(self):
        return ngettext(
            "Gebruik minstens %(min_length)d teken.",
            "Gebruik minstens %(min_length)d tekens.",
            self.min_length,
        ) % {"min_length": self.min_length}


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    def get_error_message(self):
        return _("Dit wachtwoord wordt te vaak gebruikt: kies een ander.")

    def get_help_text(self):
        return _("Kies geen veelgebruikt wachtwoord.")


class NumericPasswordValidator(password_validation.NumericPasswordValidator):
    def get_error_message(self):
        return _("Dit wachtwoord bestaat alleen uit cijfers: gebruik ook letters of tekens.")

    def get_help_text(self):
        return _("Gebruik niet alleen cijfers.")
