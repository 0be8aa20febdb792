from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cano import views
from cano.files import views as file_views

# Log-in addresses people guess; `?next=` is kept. Page addresses are Wagtail redirects instead
# (seeded by `seed_demo`, managed by editors), which follow a page that an editor moves.
LOGIN_ALIASES = ["login/", "inloggen/", "account/login/", "accounts/login/"]

urlpatterns = [
    path("health/", views.health_view, name="health"),
    *(
        path(alias, RedirectView.as_view(pattern_name="accounts:login", query_string=True))
        for alias in LOGIN_ALIASES
    ),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documenten/", include(wagtaildocs_urls)),
    path(
        "bestanden/afbeelding/<path:name>",
        file_views.private_rendition_view,
        name="private_rendition",
    ),
    path("", include("cano.accounts.agenda_urls")),
    path("account/", include("cano.accounts.urls")),
    path("zoeken/", include("cano.search.urls")),
    path("intervisie/", include("intervision.urls")),
    path("werkgroepen/", include("workgroups.urls")),
    path("studiedagen/", include("studydays.urls")),
    path("nieuwsbrief/", include("newsletter.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns.append(path("", include(wagtail_urls)))

handler404 = "cano.views.page_not_found_view"
handler500 = "cano.views.server_error_view"
