"""Demo departments, partners and teams (演示部门与班组), from the seed manuals 000-004."""

from __future__ import annotations

from dataclasses import dataclass

from kefu.org.choices import DepartmentKind


@dataclass(frozen=True)
class DepartmentSeed:
    code: str
    name: str
    kind: str
    description: str
    obligations: str = ""


@dataclass(frozen=True)
class TeamSeed:
    code: str
    name: str
    department: str


@dataclass(frozen=True)
class PositionSeed:
    code: str
    title: str
    department: str
    superior: str | None
    headcount_quota: int
    purpose: str
    duties: str
    qualifications: str
    kpis: str


DEPARTMENTS: tuple[DepartmentSeed, ...] = (
    DepartmentSeed(
        "service",
        "客服部",
        DepartmentKind.INTERNAL,
        "全面负责公司客户服务工作：客户服务标准的制定和实施，受理客户咨询、投诉和报修，"
        "协调责任部门处理，回访与客户关怀，服务数据统计与分析。",
    ),
    DepartmentSeed(
        "engineering",
        "工程部",
        DepartmentKind.INTERNAL,
        "负责房屋质量问题的责任认定、维修组织和质量验收；接收客服中心转来的工作联系单。",
    ),
    DepartmentSeed(
        "sales",
        "销售部",
        DepartmentKind.INTERNAL,
        "市场调研、销售策划与执行、客户开发与维护、销售数据分析。",
    ),
    DepartmentSeed(
        "tech-support",
        "技术支持部",
        DepartmentKind.INTERNAL,
        "产品技术咨询、系统安装与调试、故障排除与维修、技术文档编写与管理。",
    ),
    DepartmentSeed(
        "admin-office",
        "行政部",
        DepartmentKind.INTERNAL,
        "办公环境管理、文件与档案管理、会议与活动组织、办公用品采购与车辆管理。",
    ),
    DepartmentSeed(
        "property",
        "物业公司",
        DepartmentKind.PARTNER,
        "小区前期物业服务单位，受客服中心监管。",
        "接到投诉后8小时内处理，3天内书面答复；空置房屋发现问题不能处理的，及时书面报告"
        "客服中心；每月参加一次工作协调会议，接受客服中心月度检查和年终考核。",
    ),
    DepartmentSeed(
        "contractor",
        "维修外包",
        DepartmentKind.PARTNER,
        "公司签约的维修施工队伍和维保施工队伍。",
        "按工作联系单约定的时间完成维修，完工后接受客服中心质量验收；不能按约定时间完成的，"
        "客服中心可应业主要求先行处理，留存证据并扣留责任单位质保金。",
    ),
)

TEAMS: tuple[TeamSeed, ...] = (
    TeamSeed("call-center", "呼叫中心组", "service"),
    TeamSeed("front-desk", "前厅组", "service"),
    TeamSeed("complaints", "投诉处理组", "service"),
    TeamSeed("vip", "VIP服务组", "service"),
)
