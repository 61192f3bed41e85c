"""Errors that describe a bad input file; the runner turns them into `failed` manifest entries."""


class InputError(Exception):
    """A file we cannot read, with a stable `code` for the manifest and a message for people.

    Codes: empty, corrupt, encrypted, not_pdf, no_text_layer, too_large, timeout,
    bad_encoding, not_text, unreadable, changed (replaced while the run read it), internal.
    """

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message

    def __reduce__(self):  # survives the trip back from a worker process
        return (type(self), (self.code, self.message))
