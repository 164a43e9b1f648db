"""The family portal: guardians, and the child from the age limit, follow their own case."""
