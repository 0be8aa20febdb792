"""Writes with rules: membership, updates and their moderation, module visibility."""

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.models import Collection, CollectionViewRestriction

from cano.accounts.models import User
from cano.accounts.selectors import STAFF_GROUPS, user_is_staff_member
from cano.home.privacy import page_restrict_to_staff, page_unrestrict

from .models import ModulePage, WorkgroupMembership, WorkgroupPage, WorkgroupUpdate
from .selectors import update_can_edit, workgroup_is_member

STAFF_COLLECTION_NAME = "Medewerkers (afgeschermd)"


def staff_collection_ensure() -> Collection:
    """The collection for staff-only documents and images, restricted to the staff groups."""
    collection = Collection.objects.filter(name=STAFF_COLLECTION_NAME, depth=2).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=STAFF_COLLECTION_NAME)
    restriction = CollectionViewRestriction.objects.filter(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    ).first()
    if restriction is None:
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
    restriction.groups.set(Group.objects.filter(name__in=STAFF_GROUPS))
    return collection


def workgroup_join(*, workgroup: WorkgroupPage, user) -> WorkgroupMembership:
    """Add a staff member to a workgroup; joining twice is harmless."""
    if not user_is_staff_member(user):
        raise PermissionDenied(_("Alleen medewerkers kunnen lid worden van een werkgroep."))
    existing = WorkgroupMembership.objects.filter(workgroup=workgroup, user=user).first()
    if existing is not None:
        return existing
    membership = WorkgroupMembership(workgroup=workgroup, user=user)
    membership.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError:
        # A second click raced the first one in; the member is in, which is what was asked.
        return WorkgroupMembership.objects.get(workgroup=workgroup, user=user)
    return membership


def workgroup_leave(*, workgroup: WorkgroupPage, user) -> None:
    WorkgroupMembership.objects.filter(workgroup=workgroup, user=user).delete()


def workgroup_update_create(
    *,
    workgroup: WorkgroupPage,
    author: User,
    body: str,
    link: str = "",
    attachment: UploadedFile | None = None,
) -> WorkgroupUpdate:
    """Post an update; only members of the workgroup may. `body` is already sanitised HTML."""
    if not user_is_staff_member(author) or not workgroup_is_member(
        workgroup=workgroup, user=author
    ):
        raise PermissionDenied(_("Alleen leden van deze werkgroep kunnen een update plaatsen."))
    update = WorkgroupUpdate(workgroup=workgroup, author=author, body=body, link=link)
    if attachment is not None:
        update.attachment = attachment
        update.attachment_name = (attachment.name or "")[:255]
    update.full_clean()
    update.save()
    return update


def workgroup_update_edit(
    *,
    update: WorkgroupUpdate,
    user: User,
    body: str,
    link: str = "",
    attachment: UploadedFile | None = None,
    remove_attachment: bool = False,
) -> WorkgroupUpdate:
    """Change an update: its author (still a member) or an editor."""
    if not update_can_edit(update=update, user=user):
        raise PermissionDenied(_("Je kunt deze update niet wijzigen."))
    old_file = update.attachment.name if update.attachment else ""
    update.body = body
    update.link = link
    if attachment is not None:
        update.attachment = attachment
        update.attachment_name = (attachment.name or "")[:255]
    elif remove_attachment:
        update.attachment = ""
        update.attachment_name = ""
    update.updated_at = timezone.now()
    update.full_clean()
    update.save()
    if old_file and old_file != update.attachment.name:
        update.attachment.storage.delete(old_file)
    return update


def workgroup_update_delete(*, update: WorkgroupUpdate, user) -> None:
    if not update_can_edit(update=update, user=user):
        raise PermissionDenied(_("Je kunt deze update niet verwijderen."))
    if update.attachment:
        update.attachment.delete(save=False)
    update.delete()


def module_sync_visibility(*, module: ModulePage) -> None:
    """A module is staff-only unless it is marked public (and published that way)."""
    if module.is_public:
        if module.live:
            page_unrestrict(module)
    else:
        page_restrict_to_staff(module)
