"""`python -m chronicle` is the `chronicle` command."""

from chronicle.cli import main

main()
