"""Workflow vocabulary (流程词汇): the fields, guards and effects a workflow may name. Pure.

A workflow is data, so it names things by key; these registries say which keys exist and how
to explain them to a user. Effect keys name handlers that the tickets service will run; a
workflow naming an unregistered key fails validation instead of failing at run time.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple


class Text(NamedTuple):
    """Bilingual text (中英文文本): Chinese first, English second."""

    zh: str
    en: str


# Fields a transition's form may require, with their labels.
FIELDS: dict[str, Text] = {
    "category": Text("投诉分类", "Category"),
    "major_reason": Text("重大投诉理由", "Reason it is a major complaint"),
    "responsible_department": Text("责任部门", "Responsible department"),
    "requested_action": Text("要求处理事项", "Requested action"),
    "reply_due_at": Text("要求回复时间", "Reply due at"),
    "return_reason": Text("退回原因", "Reason for sending back"),
    "cause": Text("原因分析", "Cause"),
    "solution": Text("解决方案", "Solution"),
    "reply": Text("答复内容", "Reply to the customer"),
    "satisfaction": Text("客户满意度", "Customer satisfaction"),
    "callback_outcome": Text("回访结果", "Callback outcome"),
    "reopen_reason": Text("重新打开原因", "Reason for reopening"),
    "promised_reply_at": Text("承诺回复时间", "Promised reply at"),
    "partner": Text("维修单位（施工单位/物业公司）", "Contractor or property company"),
    "repair_due_at": Text("要求完成时间", "Repair due at"),
    "penalty_evidence": Text("逾期证据", "Evidence of the delay"),
    "repair_report": Text("维修记录", "Repair report"),
    "acceptance_result": Text("验收结果", "Acceptance result"),
    "reject_reason": Text("驳回原因", "Reason for rejection"),
    "claim_reason": Text("退换货原因", "Reason for the return or exchange"),
    "photo_evidence": Text("照片证明", "Photo evidence"),
    "resolution": Text("处理方式（退货/换货）", "Resolution (return or exchange)"),
    "return_order": Text("退换货单号", "Return order number"),
    "evaluation": Text("评估意见", "Evaluation"),
}

# Named guards, with the message shown when the guard does not hold.
CONDITIONS: dict[str, Text] = {
    "callback_done": Text(
        "回访完成前不能执行此操作：必须先完成回访。",
        "This cannot be done before the callback is done.",
    ),
    "satisfied": Text(
        "客户尚未表示满意。",
        "The customer has not said they are satisfied.",
    ),
    "not_satisfied": Text(
        "客户已表示满意，无需重新处理。",
        "The customer is satisfied, so nothing needs to be handled again.",
    ),
    "major_complaint": Text(
        "只有重大投诉才上报高层经理。",
        "Only a major complaint is escalated to the senior manager.",
    ),
    "not_major_complaint": Text(
        "重大投诉必须上报高层经理，不能按普通投诉分类。",
        "A major complaint must be escalated to the senior manager, not classified as ordinary.",
    ),
    "quality_claim": Text(
        "此操作仅适用于质量问题的退换货申请。",
        "This applies only to a quality claim.",
    ),
    "not_quality_claim": Text(
        "质量问题须先拍照证实，按质量问题流程处理。",
        "A quality claim needs photo proof first and follows the quality-claim steps.",
    ),
    "partner_overdue": Text(
        "维修单位尚未逾期，不能改派或扣留质保金。",
        "The contractor is not overdue, so the job cannot be reassigned or penalised.",
    ),
}

# Effect keys: handlers in the tickets service's code registry.
EFFECTS: dict[str, Text] = {
    "issue_contact_order": Text("开具工作联系单", "Issue a work contact order"),
    "notify_agent": Text("将处理结果反馈给客服人员", "Feed the result back to the agent"),
    "schedule_callback": Text("安排回访", "Schedule the callback"),
    "escalate_to_senior_manager": Text("上报高层经理", "Escalate to the senior manager"),
    "record_satisfaction": Text("记录客户满意度", "Record customer satisfaction"),
    "reopen_count": Text("重新打开次数加一", "Count a reopening"),
    "set_promised_reply": Text("登记承诺回复时间", "Set the promised reply time"),
    "record_partner_penalty": Text("记录扣罚（扣留质保金）", "Record a penalty on the deposit"),
    "request_photo_evidence": Text("请客户拍照证实", "Ask the customer for photo proof"),
    "record_return_order": Text("登记退换货单", "Record the return order"),
    "thank_customer": Text("答谢提出建议的客户", "Thank the customer for the suggestion"),
}

# A transition carrying this effect is a reopening: the only kind a final state may offer.
REOPEN_EFFECT = "reopen_count"


def condition_holds(condition: str, facts: Mapping[str, bool]) -> bool:
    """Whether a named guard (条件) holds against the facts.

    A fact named like the guard decides it. Otherwise ``not_x`` holds when fact ``x`` is known
    and false. An unknown fact never holds, so a missing fact refuses rather than allows.
    """
    if condition in facts:
        return bool(facts[condition])
    if condition.startswith("not_") and condition[4:] in facts:
        return not facts[condition[4:]]
    return False
