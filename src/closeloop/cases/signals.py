"""What other apps may react to without the cases app knowing them (assist, analysis).

`case_event_recorded` is sent inside the transaction that wrote the event, after the case row is
saved: a receiver's own writes commit or roll back with the change, and work that should not hold
the case's lock goes to `transaction.on_commit`.
"""

from django.dispatch import Signal

# Sent with `case` (the saved case) and `event` (the audit event just written).
case_event_recorded = Signal()
