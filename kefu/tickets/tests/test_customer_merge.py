"""Merging duplicate customers (合并) carries their work orders to the kept customer."""

from kefu.customers.services import create_customer, merge_customers
from kefu.tickets.models import Ticket, TicketEvent
from kefu.tickets.tests.conftest import open_ticket


def test_merging_customers_moves_their_work_orders_and_keeps_the_events(cast, customer):
    duplicate = create_customer(actor=cast.agent, data={"name": "王芳", "phone": "13900139000"})
    ticket = open_ticket(cast, duplicate)
    events_before = TicketEvent.objects.filter(ticket=ticket).count()
    merge_customers(actor=cast.manager, keep=customer, remove=duplicate, reason="同一客户两个号码")
    assert Ticket.objects.get(pk=ticket.pk).customer_id == customer.pk
    assert TicketEvent.objects.filter(ticket=ticket).count() == events_before
    assert not Ticket.objects.filter(customer=duplicate).exists()
