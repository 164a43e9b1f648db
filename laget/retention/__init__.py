"""Sletting i tide: kommunens regler for hvor lenge data beholdes, tørrkjøring, godkjenning og slettelogg."""
