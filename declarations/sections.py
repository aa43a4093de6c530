"""The 11 profile sections in the manual's order (SPEC 5.1) and their entry limits.

This is the one place the limits live: validation, the section pages and the navigation all read
them from here.
"""

from dataclasses import dataclass

from django.apps import apps
from django.db.models import QuerySet
from django.urls import reverse


@dataclass(frozen=True)
class Section:
    key: str  # URL slug, e.g. /applicant/profile/work-experience/
    number: str  # the manual's numbering
    title: str
    model_name: str
    limit: int | None = None  # None: no limit
    single: bool = False  # one form instead of a table of entries

    @property
    def model(self):
        return apps.get_model("declarations", self.model_name)

    @property
    def heading(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def url(self) -> str:
        """The applicant's page of this section."""
        return reverse("declarations:section", kwargs={"key": self.key})

    def entries_of(self, user) -> QuerySet:
        """The user's entries of this section in one query, their files joined in."""
        model = self.model
        return model._default_manager.filter(owner=user).select_related(*model.file_field_names())


SECTIONS: tuple[Section, ...] = (
    Section("basic-info", "2.2.1", "基本信息", "BasicInfo", limit=1, single=True),
    Section("work-experience", "2.2.2", "主要工作经历", "WorkExperience", limit=7),
    Section("education", "2.2.3", "学历信息", "Education"),
    Section("qualifications", "2.2.4", "专技人员资格信息", "Qualification"),
    Section("assessments-awards", "2.2.5", "考核考试及获奖", "AssessmentAward"),
    Section("continuing-education", "2.2.6", "继续教育培训", "ContinuingEducation", limit=6),
    Section("papers", "2.2.7", "论文", "Paper", limit=4),
    Section("practical-materials", "2.2.8", "实用技术材料", "PracticalMaterial", limit=3),
    Section("monographs", "2.2.9", "学术技术专著", "Monograph", limit=3),
    Section("work-abilities", "2.2.10", "工作经历能力", "WorkAbility", limit=6),
    Section("achievements", "2.2.11", "业绩成果", "Achievement", limit=6),
)

SECTIONS_BY_KEY: dict[str, Section] = {section.key: section for section in SECTIONS}

# Entry limits of the table sections, by section key.
PROFILE_LIMITS: dict[str, int] = {s.key: s.limit for s in SECTIONS if s.limit and not s.single}


def get_section(key: str) -> Section:
    return SECTIONS_BY_KEY[key]
