"""Arkivpakker (Noark 5) for avsluttede stafettlogger, med dokumenter som PDF/A."""
