from .files import PrivateFile, private_upload_to
from .profile import (
    Achievement,
    AssessmentAward,
    BasicInfo,
    ContinuingEducation,
    Education,
    Monograph,
    Paper,
    PracticalMaterial,
    ProfileEntry,
    Qualification,
    WorkAbility,
    WorkExperience,
)

__all__ = [
    "Achievement",
    "AssessmentAward",
    "BasicInfo",
    "ContinuingEducation",
    "Education",
    "Monograph",
    "Paper",
    "PracticalMaterial",
    "PrivateFile",
    "ProfileEntry",
    "Qualification",
    "WorkAbility",
    "WorkExperience",
    "private_upload_to",
]
