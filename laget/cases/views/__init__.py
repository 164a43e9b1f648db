"""Web pages for the stafettlogg, split by area. Every case is fetched through access.case_for."""
