"""What the cases tell the apps above them. The cases sit below the archive (and the apps that
act on a closed log), so they cannot call them; they send, and those apps answer."""

from django.dispatch import Signal

# A case was closed. Sent after the closing transaction has committed (never for a close that
# was rolled back), with the keyword argument `case_id` (int). The archive produces the case's
# Noark 5 package in the background (laget/archive/receivers.py).
case_closed = Signal()
