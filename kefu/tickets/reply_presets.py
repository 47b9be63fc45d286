"""Shipped standard replies (预置标准回复语): the phrases of the seed manuals as templates.

Data only; migration 0005 and ``post_migrate`` (after a flush) create the missing ones by code.
An administrator may edit or deactivate them; existing rows are never overwritten.
"""

from __future__ import annotations

from typing import Any

# (code, title, body); the variables are those of ``kefu.tickets.replytext.VARIABLES``.
SHIPPED: tuple[tuple[str, str, str], ...] = (
    ("greeting", "受理问候",
     "您好，{customer_name}，我是客服{agent_name}，很高兴为您服务。您反映的问题已受理，"
     "工单编号为{number}，请您记好以便查询。"),
    ("apology", "致歉",
     "{customer_name}您好，对于给您带来的不便，我们深表歉意。您反映的问题（{title}）我们"
     "非常重视，正在加紧处理，请您谅解。"),
    ("forwarded", "已转责任部门",
     "{customer_name}您好，您反映的问题（工单号{number}）已转交责任部门处理，我们将在{due}"
     "前给您答复，请保持电话畅通。"),
    ("in_progress", "处理进展告知",
     "{customer_name}您好，您的工单{number}正在处理中，责任部门已安排人员跟进，有结果后我们"
     "会第一时间与您联系。"),
    ("cannot_answer_now", "暂时无法答复",
     "{customer_name}您好，您咨询的问题需要进一步核实，我们将在{due}前给您明确答复，感谢您的"
     "耐心等待。"),
    ("need_evidence", "请补充凭证",
     "{customer_name}您好，为了尽快处理您的问题，请您补充提供相关照片或凭证（如购物小票、"
     "商品问题照片），谢谢您的配合。"),
    ("repair_dispatched", "报修已派工",
     "{customer_name}您好，您的报修（工单号{number}）已派发维修人员，维修人员将与您联系上门"
     "时间，请保持电话畅通。"),
    ("resolved", "处理结果告知",
     "{customer_name}您好，您反映的问题（工单号{number}）已处理完毕。请问您对处理结果是否"
     "满意？如仍有问题，欢迎随时与我们联系。"),
    ("callback", "回访问候",
     "{customer_name}您好，我是客服中心的{agent_name}，今天给您做个回访：之前您反映的问题"
     "（{title}）现在是否已经解决？您对我们的处理还满意吗？"),
    ("suggestion_thanks", "感谢建议",
     "{customer_name}您好，感谢您对我们工作提出的宝贵建议，我们已登记（编号{number}）并转"
     "相关部门研究，您的支持是我们改进的动力。"),
)  # fmt: skip


def ensure_shipped_reply_templates(apps: Any) -> None:
    """Create the shipped templates whose code is missing (historical or global registry)."""
    model = apps.get_model("tickets", "ReplyTemplate")
    existing = set(model.objects.values_list("code", flat=True))
    model.objects.bulk_create(
        model(code=code, title=title, body=body, position=(index + 1) * 10)
        for index, (code, title, body) in enumerate(SHIPPED)
        if code not in existing
    )
