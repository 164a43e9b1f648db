"""Individuell plan og koordinator: vedtaket, koordinatoren og overleveringen til planens system."""
