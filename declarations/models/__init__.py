from .files import PrivateFile, private_upload_to

__all__ = ["PrivateFile", "private_upload_to"]
