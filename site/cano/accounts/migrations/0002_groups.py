"""The three groups every site has: staff, editors and intervision facilitators."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

STAFF_GROUP = "Medewerkers"
EDITORS_GROUP = "Redactie"
FACILITATORS_GROUP = "Intervisiebegeleiders"

PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
COLLECTION_PERMISSIONS = {
    "wagtailimages": ["add_image", "change_image", "choose_image"],
    "wagtaildocs": ["add_document", "change_document", "choose_document"],
}


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations ran; editors need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    # Wagtail's English starter groups are replaced by the three below.
    Group.objects.filter(name__in=["Editors", "Moderators"], user__isnull=True).delete()
    Group.objects.get_or_create(name=STAFF_GROUP)
    editors, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    facilitators, _ = Group.objects.get_or_create(name=FACILITATORS_GROUP)

    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    editors.permissions.add(access_admin)
    facilitators.permissions.add(access_admin)
    editors.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="accounts",
            codename__in=["add_organisation", "change_organisation", "delete_organisation"],
        )
    )

    root_page = Page.objects.filter(depth=1).first()
    if root_page is not None:
        for codename in PAGE_PERMISSIONS:
            permission = Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            )
            GroupPagePermission.objects.get_or_create(
                group=editors, page=root_page, permission=permission
            )

    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for app_label, codenames in COLLECTION_PERMISSIONS.items():
            for permission in Permission.objects.filter(
                content_type__app_label=app_label, codename__in=codenames
            ):
                GroupCollectionPermission.objects.get_or_create(
                    group=editors, collection=root_collection, permission=permission
                )


def remove_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=[STAFF_GROUP, EDITORS_GROUP, FACILITATORS_GROUP]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
