"""A stand-in for the population register on loopback, answering from fictional persons, for the
tests and the demo: `python -m laget.folkeregister.counterpart --help`."""
