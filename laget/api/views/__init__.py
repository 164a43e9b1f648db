"""API endpoints, by area. Each gets its case through laget.cases.access.case_for and writes
through the services, exactly like the web views."""
