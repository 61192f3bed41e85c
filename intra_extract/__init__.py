"""intra-extract: EU project bulletins and handbooks (PDF, text) into a validated JSON dataset.

Library first: `run_folder` and `validate_dataset` do what the CLI's `run` and `validate` do.
"""

__version__ = "0.1.0"


def __getattr__(name: str):
    # Lazy, so `import intra_extract` stays cheap for worker processes and the CLI's --help.
    if name == "run_folder":
        from .runner import run_folder

        return run_folder
    if name == "validate_dataset":
        from .validate import validate_dataset

        return validate_dataset
    if name == "process_file":
        from .lifecycle import process_file

        return process_file
    raise AttributeError(name)
