"""Satisfaction surveys (满意度调查): templates of questions, campaigns to a segment of
customers, invitations with a signed expiring link, the public answer page (no login) and the
responses. The overall five-point question of an answer writes exactly one satisfaction record
(``kefu.tickets.services.satisfaction``) and, for a work order, a ``satisfaction`` event."""
