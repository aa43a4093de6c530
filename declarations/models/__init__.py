from .catalogue import DeclarationRound, TitleCatalogue, TitleLevel
from .declaration import Declaration, DeclarationSnapshot, DeclarationTransition, SnapshotFile
from .files import PrivateFile, private_upload_to

__all__ = [
    "Declaration",
    "DeclarationRound",
    "DeclarationSnapshot",
    "DeclarationTransition",
    "PrivateFile",
    "SnapshotFile",
    "TitleCatalogue",
    "TitleLevel",
    "private_upload_to",
]
