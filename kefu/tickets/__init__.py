"""Work orders (工单): the app that owns tickets of every type and how they move.

Types such as consultation, complaint, repair, after-sales and suggestion are configuration,
not apps: each has a declarative, versioned workflow whose states map onto a fixed set of status
categories. The pure engine is ``workflow`` (with ``categories``, ``vocabulary`` and the shipped
``presets``); ``models`` stores types, workflow versions, tickets, their immutable events and the
daily number sequences; ``services`` is the only writer (``create_ticket``, ``apply_transition``)
and ``querysets`` holds the data scope (``visible_to``).
"""
