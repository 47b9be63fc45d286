"""Work orders (工单): the app that owns tickets of every type and how they move.

Types such as consultation, complaint, repair, after-sales and suggestion are configuration,
not apps: each has a declarative, versioned workflow whose states map onto a fixed set of status
categories. This round holds only the pure workflow engine (``workflow``), the status categories
(``categories``), the vocabulary of fields, guards and effects (``vocabulary``) and the shipped
presets (``presets``); models and services come later.
"""
