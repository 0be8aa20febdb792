from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PendingIndexUpdate(models.Model):
    """An index change the Whoosh index has not taken yet (an outbox row).

    Written in the same database transaction as the change to indexed content, and removed once
    the index holds the committed state, so a process that dies in between loses nothing: the
    next index write, a search, or `manage.py update_index --pending` applies it. The row says
    which object changed, not how: whoever applies it reads the object's committed state and
    indexes it, or removes it from the index when it is gone.
    """

    model_label = models.CharField(_("model"), max_length=100)
    object_pk = models.CharField(_("primaire sleutel"), max_length=255)
    created = models.DateTimeField(_("aangemaakt"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("wachtende indexwijziging")
        verbose_name_plural = _("wachtende indexwijzigingen")

    def __str__(self):
        return f"{self.model_label}:{self.object_pk}"
