"""The population register (Folkeregisteret): the client, and a counterpart for tests and the demo."""
