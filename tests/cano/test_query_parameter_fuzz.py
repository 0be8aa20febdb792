"""Every query parameter of the public and staff pages answers a page, never a server error."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from django.core.cache import cache
from django.test import Client

from tests.factories.newsletter import NewsletterIndexPageFactory
from tests.factories.studydays import StudyDayIndexPageFactory, StudyDayPageFactory
from tests.factories.workgroups import (
    CanoklasIndexPageFactory,
    ModulePageFactory,
    ProjectIndexPageFactory,
    WorkgroupIndexPageFactory,
    WorkgroupPageFactory,
)

pytestmark = pytest.mark.django_db

values = st.one_of(
    st.text(max_size=80),
    st.integers(min_value=-(10**45), max_value=10**45).map(str),
    st.sampled_from(
        ["", "0", "-1", "9" * 40, "9" * 5000, "²", "1e9", "' OR 1=1 --", "{'a': 1}", "a\x00b"]
    ),
)


@pytest.fixture
def pages(site_tree):
    home, staff_area = site_tree["home"], site_tree["staff_area"]
    workgroups = WorkgroupIndexPageFactory(parent=staff_area)
    canoklas = CanoklasIndexPageFactory(parent=staff_area)
    return {
        "newsletter": NewsletterIndexPageFactory(parent=home),
        "study_day": StudyDayPageFactory(parent=StudyDayIndexPageFactory(parent=home)),
        "projects": ProjectIndexPageFactory(parent=staff_area),
        "canoklas": canoklas,
        "module": ModulePageFactory(parent=canoklas),
        "workgroup": WorkgroupPageFactory(parent=workgroups),
    }


@pytest.fixture
def browser(staff_user):
    client = Client(raise_request_exception=False)
    client.force_login(staff_user)
    return client


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(a=values, b=values, c=values)
def test_any_query_parameter_gets_an_answer_below_500(browser, pages, a, b, c):
    """Search, autocomplete, archives, filters and pagination answer whatever they are sent."""
    cache.clear()  # the autocomplete's rate limit would answer 429 before the parameters count
    requests = [
        ("/zoeken/", {"q": a, "page": b, "type": c}),
        ("/zoeken/suggesties/", {"q": a}),
        (pages["newsletter"].url, {"pagina": a}),
        (pages["study_day"].url, {"wachtlijst": a}),
        (pages["projects"].url, {"thema": a, "status": b}),
        (pages["canoklas"].url, {"niveau": a, "tag": b, "pagina": c}),
        (pages["workgroup"].url, {"pagina": a}),
    ]
    for url, params in requests:
        response = browser.get(url, params)
        assert response.status_code < 500, url
