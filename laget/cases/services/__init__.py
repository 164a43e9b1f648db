"""Writes to the stafettlogg. Web views and API endpoints call these, never the models directly.

Each service runs in one transaction, validates with full_clean(), refuses writes to a closed
case and appends an audit record for what it wrote.
"""
