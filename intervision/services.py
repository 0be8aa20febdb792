"""Write flows of intervision: posting, editing and closing cases, replies, moderation, purging."""

import logging
import uuid
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelsearch.index import insert_or_update_object

from cano.richtext import rich_text_html, rich_text_plain

# notifications -> tasks -> services is a cycle: each names the others by module, so any of
# them may load first.
from . import notifications, selectors
from .models import (
    Case,
    CaseDocument,
    Contribution,
    ContributionModeration,
    IntervisionGroup,
    Lesson,
    Meeting,
    Method,
    MethodPhase,
    NotificationPreference,
    PendingNotification,
    PendingUpload,
)

logger = logging.getLogger(__name__)


class ConcurrentEditError(Exception):
    """Someone saved the same object since this form was opened."""


def _notify(kind: str, case: Case, recipients) -> None:
    notifications.notifications_queue(kind=kind, case=case, recipients=recipients)


def case_create(
    *,
    group: IntervisionGroup,
    author,
    title: str,
    question: str,
    context: str,
    method: Method | None,
    meeting: Meeting | None = None,
    documents=(),
    kept_uploads=(),
    submission_token: uuid.UUID | None = None,
) -> Case:
    """Post a case in a group. A repeated submit (same token) returns the case already posted.

    `kept_uploads` are the member's pending uploads of this form (chosen before the form came
    back); they are attached like `documents`.
    """
    if group.pk not in selectors.group_ids_for_user(author):
        raise PermissionDenied
    if submission_token is not None:
        existing = Case.objects.filter(submission_token=submission_token, author=author).first()
        if existing is not None:
            return existing
    if meeting is not None and meeting.group_id != group.pk:
        raise ValidationError({"meeting": _("Deze bijeenkomst hoort niet bij de groep.")})
    case = Case(
        group=group,
        author=author,
        title=title.strip(),
        question=question.strip(),
        context=rich_text_html(context),
        method=method or group.default_method,
        meeting=meeting,
        submission_token=submission_token,
    )
    case.full_clean()
    try:
        with transaction.atomic():
            case.save()
            case.followers.add(author)
            for upload in documents:
                case_document_add(case=case, user=author, upload=upload)
            _pending_uploads_attach(
                case=case, user=author, submission_token=submission_token, kept=kept_uploads
            )
    except IntegrityError:
        # A double submit racing this one won: hand back what it saved.
        existing = Case.objects.filter(submission_token=submission_token, author=author).first()
        if existing is None:
            raise
        return existing
    transaction.on_commit(
        lambda: _notify(
            "new_case",
            case,
            [u for u in (*group.members.all(), *group.facilitators.all()) if u.pk != author.pk],
        )
    )
    return case


def case_document_add(*, case: Case, user, upload) -> CaseDocument:
    document = CaseDocument(case=case, title=upload.name[:200], uploaded_by=user)
    document.file.save(upload.name, upload, save=False)
    document.full_clean()
    document.save()
    return document


def pending_uploads_store(*, owner, submission_token: uuid.UUID, uploads) -> list[PendingUpload]:
    """Keep the documents of a case form that comes back, so the member need not choose them again."""
    stored = []
    for upload in uploads:
        pending = PendingUpload(
            owner=owner,
            submission_token=submission_token,
            name=upload.name[:200],
            size=upload.size or 0,
        )
        pending.file.save(upload.name, upload, save=False)
        pending.full_clean()
        pending.save()
        stored.append(pending)
    return stored


def _pending_uploads_attach(*, case: Case, user, submission_token, kept) -> None:
    """Attach the kept uploads to the case; the form's other pending uploads are dropped.

    Runs inside the caller's transaction: the files of the pending rows go once it commits.
    """
    for pending in kept:
        if pending.owner_id != user.pk:
            raise PermissionDenied
        try:
            with pending.file.open("rb") as handle:
                case_document_add(case=case, user=user, upload=File(handle, name=pending.name))
        except FileNotFoundError:
            # A double submit racing this one attached it already.
            continue
    if submission_token is None:
        return
    leftovers = list(PendingUpload.objects.filter(owner=user, submission_token=submission_token))
    PendingUpload.objects.filter(pk__in=[pending.pk for pending in leftovers]).delete()
    transaction.on_commit(lambda: _pending_files_delete(leftovers))


def _pending_files_delete(uploads) -> None:
    for pending in uploads:
        pending.file.delete(save=False)


def pending_uploads_purge(*, now: datetime | None = None) -> int:
    """Delete the uploads of forms never posted, older than INTERVISION_PENDING_UPLOAD_HOURS."""
    cutoff = (now or timezone.now()) - selectors.pending_upload_lifetime()
    expired = list(PendingUpload.objects.filter(created_at__lt=cutoff))
    PendingUpload.objects.filter(pk__in=[pending.pk for pending in expired]).delete()
    _pending_files_delete(expired)
    logger.info("Intervision purge: %d pending uploads removed", len(expired))
    return len(expired)


def case_update(
    *,
    case: Case,
    user,
    expected_version: int,
    title: str,
    question: str,
    context: str,
    method: Method | None,
    meeting: Meeting | None = None,
    documents=(),
    kept_uploads=(),
    submission_token: uuid.UUID | None = None,
) -> Case:
    """Edit a case; refused once it is discussed, or when another save came first.

    `kept_uploads` and `submission_token` work as in `case_create`.
    """
    if not selectors.user_can_edit_case(user=user, case=case):
        raise PermissionDenied
    if meeting is not None and meeting.group_id != case.group_id:
        raise ValidationError({"meeting": _("Deze bijeenkomst hoort niet bij de groep.")})
    case.title = title.strip()
    case.question = question.strip()
    case.context = rich_text_html(context)
    case.method = method or case.method
    case.meeting = meeting
    case.full_clean()
    with transaction.atomic():
        updated = Case.objects.filter(
            pk=case.pk, version=expected_version, status=Case.Status.PREPARING
        ).update(
            title=case.title,
            question=case.question,
            context=case.context,
            method=case.method,
            meeting=case.meeting,
            version=F("version") + 1,
            updated_at=timezone.now(),
        )
        if not updated:
            raise ConcurrentEditError
        for upload in documents:
            case_document_add(case=case, user=user, upload=upload)
        _pending_uploads_attach(
            case=case, user=user, submission_token=submission_token, kept=kept_uploads
        )
    case.refresh_from_db()
    # .update() bypasses the save signal that keeps the search index current.
    _reindex(case)
    return case


def _reindex(obj) -> None:
    insert_or_update_object(obj)


def case_mark_discussed(*, case: Case, user) -> Case:
    if not selectors.user_can_mark_discussed(user=user, case=case):
        raise PermissionDenied
    case.status = Case.Status.DISCUSSED
    case.discussed_at = timezone.now()
    case.version += 1
    case.full_clean()
    case.save()
    return case


def case_close(
    *,
    case: Case,
    user,
    takeaway: str,
    lesson_title: str = "",
    lesson_body: str = "",
) -> Case:
    """Close a discussed case with 'wat neem ik mee', optionally publishing a lesson learned."""
    if not selectors.user_can_close_case(user=user, case=case):
        raise PermissionDenied
    if not rich_text_plain(takeaway):
        raise ValidationError({"takeaway": _("Schrijf op wat je meeneemt.")})
    with transaction.atomic():
        case.status = Case.Status.CLOSED
        case.takeaway = rich_text_html(takeaway)
        case.closed_at = timezone.now()
        case.version += 1
        case.full_clean()
        case.save()
        if lesson_title.strip() and lesson_body.strip():
            lesson_publish(case=case, title=lesson_title, body=lesson_body)
    return case


def lesson_publish(*, case: Case, title: str, body: str) -> Lesson:
    lesson = Lesson(
        title=title.strip(),
        body=body.strip(),
        group=case.group,
        method_name=case.method.name if case.method else "",
        source_case=case,
    )
    lesson.full_clean()
    lesson.save()
    return lesson


def contribution_create(
    *,
    case: Case,
    author,
    body: str,
    phase: MethodPhase | None,
    submission_token: uuid.UUID | None = None,
) -> Contribution:
    """Reply to a case in a phase of its method; the author then follows the case."""
    if not selectors.user_can_contribute(user=author, case=case):
        raise PermissionDenied
    if submission_token is not None:
        existing = Contribution.objects.filter(
            submission_token=submission_token, author=author
        ).first()
        if existing is not None:
            return existing
    if phase is not None and phase.method_id != case.method_id:
        raise ValidationError({"phase": _("Deze fase hoort niet bij de methode van de casus.")})
    contribution = Contribution(
        case=case,
        group=case.group,
        author=author,
        body=rich_text_html(body),
        phase=phase,
        submission_token=submission_token,
    )
    contribution.full_clean()
    try:
        with transaction.atomic():
            contribution.save()
    except IntegrityError:
        existing = Contribution.objects.filter(
            submission_token=submission_token, author=author
        ).first()
        if existing is None:
            raise
        return existing
    followers = [u for u in case.followers.all() if u.pk != author.pk]
    case.followers.add(author)
    transaction.on_commit(lambda: _notify("new_reply", case, followers))
    return contribution


def contribution_update(
    *,
    contribution: Contribution,
    user,
    expected_version: int,
    body: str,
    phase: MethodPhase | None,
) -> Contribution:
    if not selectors.user_can_edit_contribution(user=user, contribution=contribution):
        raise PermissionDenied
    if phase is not None and phase.method_id != contribution.case.method_id:
        raise ValidationError({"phase": _("Deze fase hoort niet bij de methode van de casus.")})
    contribution.body = rich_text_html(body)
    contribution.phase = phase
    contribution.full_clean()
    now = timezone.now()
    updated = Contribution.objects.filter(
        pk=contribution.pk, version=expected_version, is_hidden=False
    ).update(
        body=contribution.body,
        phase=phase,
        version=F("version") + 1,
        edited_at=now,
        updated_at=now,
    )
    if not updated:
        raise ConcurrentEditError
    contribution.refresh_from_db()
    _reindex(contribution)
    return contribution


def contribution_hide(*, contribution: Contribution, moderator, reason: str) -> Contribution:
    """A facilitator hides a reply; the reason stays in the moderation history."""
    return _contribution_moderate(
        contribution=contribution,
        moderator=moderator,
        reason=reason,
        action=ContributionModeration.Action.HIDE,
    )


def contribution_restore(*, contribution: Contribution, moderator, reason: str) -> Contribution:
    return _contribution_moderate(
        contribution=contribution,
        moderator=moderator,
        reason=reason,
        action=ContributionModeration.Action.RESTORE,
    )


def _contribution_moderate(*, contribution, moderator, reason, action) -> Contribution:
    if not selectors.user_facilitates_group(user=moderator, group=contribution.case.group):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": _("Geef een reden op.")})
    with transaction.atomic():
        moderation = ContributionModeration(
            contribution=contribution, action=action, reason=reason.strip(), moderator=moderator
        )
        moderation.full_clean()
        moderation.save()
        contribution.is_hidden = action == ContributionModeration.Action.HIDE
        contribution.version += 1
        contribution.save()
    return contribution


def case_follow(*, case: Case, user, follow: bool) -> None:
    if case.group_id not in selectors.group_ids_for_user(user):
        raise PermissionDenied
    if follow:
        case.followers.add(user)
    else:
        case.followers.remove(user)


def notification_preference_set(*, user, frequency: str) -> NotificationPreference:
    preference, _created = NotificationPreference.objects.get_or_create(user=user)
    preference.frequency = frequency
    preference.full_clean()
    preference.save()
    if frequency != "daily":
        PendingNotification.objects.filter(user=user).delete()
    return preference


def retention_cutoff(now: datetime | None = None) -> datetime:
    """Closed cases older than this are purged; INTERVISION_RETENTION_MONTHS (default 12)."""
    return selectors.months_shift(now or timezone.now(), -selectors.retention_months())


def cases_purge(*, now: datetime | None = None) -> dict[str, int]:
    """Delete closed cases past the retention period; their lessons learned stay.

    The log carries counts only, never titles or text.
    """
    cutoff = retention_cutoff(now)
    expired = Case.objects.filter(status=Case.Status.CLOSED, closed_at__lt=cutoff)
    counts = {"cases": 0, "contributions": 0, "documents": 0}
    for case in expired.iterator():
        with transaction.atomic():
            documents = list(case.documents.all())
            counts["contributions"] += case.contributions.count()
            counts["documents"] += len(documents)
            case.delete()
            counts["cases"] += 1
        for document in documents:
            document.file.delete(save=False)
    logger.info(
        "Intervision purge: %(cases)d cases, %(contributions)d contributions, "
        "%(documents)d documents removed",
        counts,
    )
    return counts
