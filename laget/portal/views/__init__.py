"""Portal pages, split by area. Every case is fetched through portal.access.family_case_for."""
