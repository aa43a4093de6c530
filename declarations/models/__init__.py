from .catalogue import DeclarationRound, TitleCatalogue, TitleLevel
from .declaration import Declaration, DeclarationSnapshot, DeclarationTransition, SnapshotFile
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
    "Declaration",
    "DeclarationRound",
    "DeclarationSnapshot",
    "DeclarationTransition",
    "Education",
    "Monograph",
    "Paper",
    "PracticalMaterial",
    "PrivateFile",
    "ProfileEntry",
    "Qualification",
    "SnapshotFile",
    "TitleCatalogue",
    "TitleLevel",
    "WorkAbility",
    "WorkExperience",
    "private_upload_to",
]
