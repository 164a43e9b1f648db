"""What orgs tells the apps above it. orgs sits below the cases, so it cannot call them; it
sends, and they answer within the same transaction."""

from django.dispatch import Signal

# A person's access through a unit ended: their membership in it ended, or their account was
# deactivated. Sent inside the transaction, after the change is saved, with the keyword
# arguments `user` (User), `unit_id` (int, or None for every unit) and `actor` (audit Actor).
# cases ends the person's participations there and tells each case's stafettholder.
access_ended = Signal()
