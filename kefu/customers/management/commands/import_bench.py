"""Measure the customer import (客户导入测速): N generated rows through the real import path.

kefu import_bench --rows 100000          (use a scratch KEFU_DATA_DIR: it writes customers)
"""

from __future__ import annotations

import random
import time
from io import BytesIO
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from openpyxl import Workbook

from kefu.accounts.models import User
from kefu.customers.importing import run_import_job, start_import
from kefu.customers.models import Customer, ImportJob

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"


def workbook(rows: int, seed: int) -> bytes:
    rng = random.Random(seed)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("客户")
    sheet.append(["姓名", "手机", "邮箱", "生日", "性别", "会员号", "地址", "标签"])
    prefix = rng.randrange(100, 900)
    for i in range(rows):
        name = rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2))))
        sheet.append(
            [
                name,
                f"13{prefix % 10}{i:08d}",
                f"c{seed}x{i}@example.com" if i % 3 == 0 else None,
                f"{rng.randrange(1950, 2005)}-{rng.randrange(1, 13):02d}"
                f"-{rng.randrange(1, 29):02d}",
                rng.choice(("男", "女")),
                f"B{seed}{i:08d}" if i % 2 == 0 else None,
                "上海市浦东新区",
                "导入测速",
            ]
        )
    out = BytesIO()
    book.save(out)
    return out.getvalue()


class Command(BaseCommand):
    help = "Time an all-or-nothing customer import of N generated rows (writes customers)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--rows", type=int, default=100_000)
        parser.add_argument("--username", default="admin")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = User.objects.filter(username=options["username"]).first()
        if actor is None:
            raise CommandError(f"no user {options['username']!r}: run `kefu demo` first")
        rows: int = options["rows"]
        seed = random.randrange(10, 99)
        started = time.perf_counter()
        content = workbook(rows, seed)
        generated = time.perf_counter()
        before = Customer.objects.count()
        job = start_import(
            actor=actor, uploaded_file_name="bench.xlsx", content=content, on_duplicate="reject"
        )
        if job.status == "pending":  # large files are queued: run the same job here, timed
            job = run_import_job(job.pk)
        finished = time.perf_counter()
        job = ImportJob.objects.get(pk=job.pk)
        self.stdout.write(
            f"rows={rows} status={job.status} created={Customer.objects.count() - before} "
            f"file_mb={len(content) / 1e6:.1f} generate_s={generated - started:.1f} "
            f"import_s={finished - generated:.1f}"
        )
        if job.status != "done":
            raise CommandError(f"import rejected: {job.errors[:3]}")
