from django.db import models


class RateLimitCounter(models.Model):
    """One rate-limit window per key, for set-ups without Redis (see ``cano.ratelimit``)."""

    key = models.CharField(max_length=255, primary_key=True)
    count = models.PositiveIntegerField()
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        db_table = "cano_rate_limit_counter"  # named in the counter's SQL (cano.ratelimit)

    def __str__(self):
        return self.key
