"""The refusal the applicant side's commands raise; views show its message."""


class DeclarationError(Exception):
    """A refused request; the message says why, in Chinese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
