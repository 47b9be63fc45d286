from io import StringIO

from django.core.management import call_command

from kefu.customers.models import Customer


def test_the_import_bench_imports_every_generated_row(cast):
    out = StringIO()
    call_command("import_bench", rows=120, username="manager", stdout=out)
    assert "status=done created=120" in out.getvalue()
    assert Customer.objects.filter(tags__name="导入测速").count() == 120
