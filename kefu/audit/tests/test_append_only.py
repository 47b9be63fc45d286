import pytest
from django.db import DatabaseError, connection, transaction

from kefu.audit.maintenance import lock, unlock
from kefu.audit.models import AuditEntry
from kefu.audit.services import diff, record
from kefu.core.appendonly import AppendOnlyError


@pytest.fixture
def entry(db):
    return record(actor=None, action="create", object_type="x.y", object_id="1", reason="r")


def test_saving_an_existing_entry_again_is_refused(entry):
    entry.reason = "changed"
    with pytest.raises(AppendOnlyError):
        entry.save()
    entry.refresh_from_db()
    assert entry.reason == "r"


def test_deleting_an_entry_is_refused(entry):
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_queryset_update_is_refused(entry):
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(reason="x")


@pytest.mark.django_db(transaction=True)
def test_the_database_refuses_raw_update_and_delete():
    kept = record(actor=None, action="create", object_type="x.y", object_id="2", reason="r")
    statements = [
        "UPDATE audit_auditentry SET reason = 'forged'",
        "DELETE FROM audit_auditentry",
    ]
    if connection.vendor == "postgresql":
        statements.append("TRUNCATE audit_auditentry")
    lock()  # the suite unlocks the table for its flushes; production never does
    try:
        for sql in statements:
            with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
                cur.execute(sql)
    finally:
        unlock()
    kept_again = AuditEntry.objects.get(pk=kept.pk)
    assert kept_again.reason == "r"


def test_record_keeps_actor_ip_and_changes(cast, rf):
    from kefu.core.context import RequestInfo, reset_request_info, set_request_info

    token = set_request_info(RequestInfo(ip="10.1.2.3", user_agent="t"))
    try:
        e = record(
            actor=cast.agent,
            action="update",
            obj=cast.service,
            changes=diff({"name": "a"}, {"name": "b"}),
        )
    finally:
        reset_request_info(token)
    assert (e.actor, e.actor_label, e.ip) == (cast.agent, "agent", "10.1.2.3")
    assert e.object_type == "org.department"
    assert e.object_id == str(cast.service.pk)
    assert e.changes == {"name": ["a", "b"]}


def test_diff_lists_only_changed_fields():
    assert diff({"a": 1, "b": 2}, {"a": 1, "b": 3, "c": None}) == {"b": [2, 3]}
