"""Errors of a run: a bad input file (`InputError`, which becomes a `failed` manifest entry and
never stops the run) and the two that stop a run before it can write (`OutputLocked`,
`OutputUnwritable`), each with its own exit status in the command line."""


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


class OutputLocked(Exception):
    """Another run holds the output folder's lock (exit status 3)."""


class OutputUnwritable(Exception):
    """The dataset cannot be written: permission, a full disk, a file where a folder should be
    (exit status 4). What earlier runs wrote is left as it was."""
