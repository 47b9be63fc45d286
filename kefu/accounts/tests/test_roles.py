from django.contrib.auth.models import Group

from kefu.accounts.roles import ROLE_CODES, ROLES


def test_a_migration_created_every_role_group_with_its_permissions(db):
    groups = {g.name: g for g in Group.objects.prefetch_related("permissions__content_type")}
    assert set(ROLE_CODES) <= set(groups)
    for role in ROLES:
        held = {
            f"{p.content_type.app_label}.{p.codename}" for p in groups[role.code].permissions.all()
        }
        assert held == set(role.permissions), role.code


# QA inspectors record what they find (服务差错); that is their only write.
ALLOWED_WRITES = {"qa": {"quality.add_serviceerror"}}


def test_read_only_roles_hold_no_write_capability():
    for code in ("auditor", "qa", "partner", "handler"):
        role = next(r for r in ROLES if r.code == code)
        writes = [
            p
            for p in role.permissions
            if p.split(".")[1].split("_")[0]
            in {"add", "change", "delete", "merge", "import", "override"}
            and p not in ALLOWED_WRITES.get(code, set())
        ]
        assert writes == [], code
