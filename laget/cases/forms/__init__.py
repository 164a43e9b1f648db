"""Forms for the stafettlogg web pages. They validate input only; the services do the writing."""
