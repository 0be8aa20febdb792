from .accounts import OrganisationFactory, StaffFactory, UserFactory
from .pages import HomePageFactory, StaffAreaPageFactory, StandardPageFactory

__all__ = [
    "HomePageFactory",
    "OrganisationFactory",
    "StaffAreaPageFactory",
    "StaffFactory",
    "StandardPageFactory",
    "UserFactory",
]
