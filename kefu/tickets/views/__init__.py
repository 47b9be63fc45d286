"""Work order console (工单控制台), one module per use case: queues and bulk assignment, the new
work order form, the work order page with its workflow steps and callback. Views validate,
call one service, render; every read starts from ``Ticket.objects.visible_to``."""
