"""`python -m intra_extract`: the same command line as `intra-extract`."""

from .cli import main

main(prog_name="intra-extract")
