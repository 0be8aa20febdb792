from .canoklas import CanoklasIndexPage, ModulePage, ModulePageTag, RelatedModule
from .projects import ProjectIndexPage, ProjectMilestone, ProjectPage, ProjectPartner
from .themes import Theme
from .workgroups import (
    WorkgroupDocument,
    WorkgroupIndexPage,
    WorkgroupMeeting,
    WorkgroupMembership,
    WorkgroupPage,
    WorkgroupUpdate,
)

__all__ = [
    "CanoklasIndexPage",
    "ModulePage",
    "ModulePageTag",
    "ProjectIndexPage",
    "ProjectMilestone",
    "ProjectPage",
    "ProjectPartner",
    "RelatedModule",
    "Theme",
    "WorkgroupDocument",
    "WorkgroupIndexPage",
    "WorkgroupMeeting",
    "WorkgroupMembership",
    "WorkgroupPage",
    "WorkgroupUpdate",
]
