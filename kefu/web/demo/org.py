"""Demo organisation (演示组织架构): departments, partners, teams and job descriptions.

Drawn from the seed manuals: the club's service department (000), the service duties of each
department (001), the call-center floor rules (002), the job descriptions of 客服经理 and
VIP客服经理 (003), and the real-estate service center with 工程部, the property company and the
repair contractor (004).
"""

from __future__ import annotations

from dataclasses import dataclass

from kefu.org.choices import DepartmentKind
from kefu.org.models import Department, Position, Team


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


def _lines(*items: str) -> str:
    return "\n".join(f"{n}. {text}" for n, text in enumerate(items, start=1))


POSITIONS: tuple[PositionSeed, ...] = (
    PositionSeed(
        "senior-manager",
        "客服高级经理",
        "service",
        None,
        1,
        "全面负责客户服务部的运作与管理：制定客户服务原则与标准，拟订服务工作流程，以服务创造价值，"
        "不断赢得客户的满意度与忠诚度。",
        _lines(
            "负责制定客户服务部各项制度并贯彻实施，规范客户服务的各项工作。",
            "负责制定客户服务标准、服务流程及各项工作规范，并对实施人员进行指导和监督。",
            "负责管理、安排本部门各服务项目的运作（呼叫中心、前厅接待、投诉处理、VIP服务）。",
            "负责客服员工的培训（职业形象、服务礼仪、业务能力）、激励、评价、绩效考核及奖惩管理，"
            "加强对客服人员的职业道德和形象教育。",
            "负责客户服务部客户数据的分析，每月、每季度组织服务质量评估并向公司领导提交评估报告。",
            "负责重大投诉的最终处理和对外协调。",
            "负责部门预算编制和费用控制。",
        ),
        _lines(
            "本科及以上学历，企业管理、市场营销相关专业。",
            "五年以上客户服务管理工作经验，其中至少两年部门管理经验。",
            "沟通协调能力、领导能力、决策能力、计划和组织能力，顾客导向。",
            "熟练使用办公软件和客户关系管理系统。",
        ),
        _lines(
            "客户满意度",
            "投诉解决率",
            "服务差错率",
            "部门工作计划完成率",
            "部门费用预算控制率",
            "员工培训计划完成率",
        ),
    ),
    PositionSeed(
        "service-manager",
        "客服经理",
        "service",
        "senior-manager",
        1,
        "指导和监督客服部开展日常工作，负责重要客户关系维护及接待，提升顾客服务质量和效率，"
        "负责客服部的团队建设及人员调整，改善相关制度及流程。",
        _lines(
            "制定客户服务部相关制度及管理办法，经批准后监督实施。",
            "组织和管理客户服务团队的日常工作，包括排班、培训和绩效管理。",
            "确保客户问题和投诉得到及时处理和解决，与相关部门密切合作，协调解决客户问题。",
            "分析客户服务数据和反馈，提出改进建议，改善客户体验并提高客户满意度。",
            "维护良好的客户关系，与重要客户定期沟通和跟进。",
            "负责客服部突发及异常事宜的协调及处理，疑难投诉、重点客户的跟进与维护。",
            "负责来访客户及代理商的接待。",
            "审核客服月度奖罚评分表，在发放工资前报上级批准。",
        ),
        _lines(
            "大专或以上学历，客服类或管理类相关专业。",
            "两年或以上相关工作经验。",
            "熟练使用办公软件；普通话流利，能看懂一般英文资料。",
            "沟通技巧、语言表达能力、沟通协调能力、服务意识、团队管理能力及应变能力。",
        ),
        _lines(
            "客户工作计划完成率",
            "客户投诉处理及时率",
            "客户服务信息反馈及时性",
            "客户满意度",
            "客服业务处理及时性",
        ),
    ),
    PositionSeed(
        "vip-manager",
        "VIP客服经理",
        "service",
        "service-manager",
        3,
        "为VIP客户提供完美的消费环境和规范、标准、热情的优质服务，维护VIP客户关系，"
        "完成个人业绩目标，合理做好成本控制。",
        _lines(
            "每日开发新客户10名以上（主动收集客人姓名、生日、电话、工作或家庭住址等信息，"
            "确保真实有效），下班前提交客服归档。",
            "每天对到店VIP客户进行回访及意见收集，其他会员客户回访数量不少于10名。",
            "回访和收集意见时积极进行二次销售。",
            "及时收集、反馈顾客意见，做好满意度调查，每周例会前汇总提交运营经理。",
            "每周三、周四电话回访生日、会员日、存酒的客户，促进其到店消费。",
            "每周一、周五发送短信回访客户，通知店内最新营销活动或优惠活动。",
            "妥善处理顾客的投诉，不能处理的及时上报运营经理。",
            "熟悉常客的消费习惯和个人信息，做好VIP接待维护。",
        ),
        _lines(
            "高中以上学历，熟悉营销推广及大型娱乐场所楼面日常管理知识和技巧。",
            "很强的沟通协调能力和应变能力，有团队精神、创新思维、公关能力和谈判能力。",
            "有两年以上该职务工作经验者优先。",
            "综合素质高、责任心强、为人正直、有敬业精神。",
        ),
        _lines(
            "每日新客户资料不少于10份",
            "每日会员回访不少于10名",
            "月度保底业绩五万元（只含包厢消费，不含储值卡），超额部分分段提成",
            "客户满意度",
            "每周满意度调查汇总按时提交率",
        ),
    ),
    PositionSeed(
        "supervisor",
        "客服主管/班长",
        "service",
        "service-manager",
        4,
        "负责班组的日常运作和现场管理，维持客服部正常的工作秩序，及时处理突发事件及重要投诉。",
        _lines(
            "建立健全班组各项规章制度，完善业务流程，执行上级安排的各项任务。",
            "负责班组人员的调度及安排，定期制作值班表、值日表。",
            "负责现场管理：当班人员离岗须经班长或主管同意，并安排人员接替。",
            "负责与相关部门的沟通协调，及时处理突发事件及重要投诉。",
            "负责客服业务知识的培训及考核。",
            "每月制作客服奖罚评分表，在发工资前报上级批准。",
            "主持交接班，确认未结投诉已交接。",
        ),
        _lines(
            "大专及以上学历。",
            "两年以上客服工作经验，一年以上班组管理经验。",
            "熟悉呼叫中心现场管理和工单系统，普通话标准。",
        ),
        _lines(
            "班组服务水平（20秒接通率）",
            "投诉处理及时率",
            "客户满意度",
            "班组质检平均分",
            "排班与考勤执行率",
        ),
    ),
    PositionSeed(
        "agent",
        "客服专员",
        "service",
        "supervisor",
        20,
        "接听客户来电、接待来访，解答咨询，受理投诉与报修，做好记录、跟进和回访。",
        _lines(
            "接听客户咨询电话，主动问候并表明身份，准确、专业地解答客户疑问；无法当场解答的，"
            "告知客户将尽快核实并回复。",
            "受理客户投诉，详细记录投诉人信息、投诉事项和投诉时间，按类别转交责任部门并跟进处理进度。",
            "将处理结果及时回复客户并确认客户是否满意，按要求完成回访。",
            "定期回访客户，收集客户反馈意见，维护客户档案。",
            "遵守呼叫中心现场管理制度，当班不得擅自离岗，不得接听私人电话。",
            "认真填写话务日志和交接班记录。",
        ),
        _lines(
            "大专及以上学历，普通话标准。",
            "打字速度每分钟50字以上，熟练使用办公软件。",
            "良好的沟通能力和服务意识，能适应轮班。",
        ),
        _lines(
            "客户满意度",
            "首次响应时间",
            "质检得分",
            "服务差错率",
            "回访完成率",
            "出勤率",
        ),
    ),
    PositionSeed(
        "qa",
        "质检员",
        "service",
        "service-manager",
        2,
        "对客服人员的服务过程进行监控和评估，及时发现和纠正不规范行为，推动服务质量持续改进。",
        _lines(
            "按抽检规则对通话录音和工单进行质检，按评分表打分并写明评语。",
            "登记服务差错，跟踪整改。",
            "处理员工对质检结果的申诉，给出最终得分。",
            "组织神秘顾客暗访和定期自查，汇总第三方评估结果。",
            "每月汇总质检数据，分析共性问题，提出培训需求。",
        ),
        _lines(
            "大专及以上学历。",
            "两年以上客服一线工作经验，熟悉服务规范和规范服务用语。",
            "客观公正，责任心强。",
        ),
        _lines(
            "质检抽检完成率",
            "质检结果准确率（申诉改判率）",
            "服务差错率",
            "质检报告按时提交率",
        ),
    ),
    PositionSeed(
        "clerk",
        "客服内勤",
        "service",
        "service-manager",
        1,
        "负责客户服务中心的接待、咨询与内勤工作，管理文件、合同和工作联系单。",
        _lines(
            "负责客户服务的接待、咨询、接听电话等工作，认真解答并做好记录。",
            "对各类信息按日常类、投诉类、维修类进行分类，并跟踪处理情况。",
            "负责合同、内部工作联系单的编号、登记和归档工作。",
            "负责上级和外来文电及客户来往函件的收发、登记、传阅、催办、回复和立卷归档。",
            "每月汇总、统计处理的问题向上级领导汇报。",
        ),
        _lines(
            "大专及以上学历，熟练使用办公软件。",
            "细致认真，保密意识强。",
        ),
        _lines(
            "文件归档及时率",
            "工作联系单登记准确率",
            "月度统计按时提交率",
        ),
    ),
    PositionSeed(
        "engineering-coordinator",
        "工程协调员",
        "engineering",
        None,
        2,
        "接收客服中心转来的质量投诉和维修工作联系单，确定责任主体，组织维修并反馈处理结果。",
        _lines(
            "接到客服中心书面告知的重大质量问题后，确定责任主体并安排处理。",
            "安排施工单位维修，跟踪进度，组织维修质量验收。",
            "维修队伍不能按约定时间完成的，留存证据并按规定扣留责任单位质保金。",
            "涉及设计原因的问题转设计部门，设计部门应在3个工作日内完成设计出图。",
            "在工作联系单上记录原因和处理方案，按时反馈客服中心。",
        ),
        _lines(
            "大专及以上学历，土建或机电相关专业。",
            "三年以上工程管理经验。",
        ),
        _lines(
            "工作联系单按时反馈率",
            "维修一次验收合格率",
            "业主满意度",
        ),
    ),
    PositionSeed(
        "property-liaison",
        "物业客服对接人",
        "property",
        None,
        2,
        "物业公司与客服中心之间的对接人，落实客户对物业服务的建议和投诉。",
        _lines(
            "接到客服中心转来的投诉和建议后8小时内处理，3日内书面答复。",
            "对空置房屋安排检查和维修，不能处理的问题及时书面报告客服中心。",
            "将业主反映的房屋质量问题以书面形式转交客服中心。",
            "参加每月一次的工作协调会议，配合月度检查和年终考核。",
        ),
        _lines("物业管理相关工作经验两年以上，沟通能力强。"),
        _lines(
            "8小时内处理率",
            "3日内书面答复率",
            "月度检查得分",
            "业主满意度",
        ),
    ),
    PositionSeed(
        "contractor-lead",
        "维修项目负责人",
        "contractor",
        None,
        2,
        "维修外包单位的项目负责人，按工作联系单完成维修并接受验收。",
        _lines(
            "按工作联系单约定的时间安排维修人员上门维修。",
            "完工后提交维修记录，配合客服中心和工程部进行质量验收。",
            "对验收不合格的项目及时返修。",
        ),
        _lines("持有相关维修上岗证书，三年以上房屋维修经验。"),
        _lines(
            "按时完工率",
            "一次验收合格率",
            "返修率",
        ),
    ),
    PositionSeed(
        "sales-consultant",
        "销售顾问",
        "sales",
        None,
        6,
        "开发和维护客户，完成销售目标，把客户的质量、设计和个性化要求书面转交客服中心。",
        _lines(
            "收集市场信息，分析市场动态和竞争对手情况。",
            "主动寻找潜在客户，跟进客户需求，促进业务成交。",
            "销售过程中业主提出的房屋质量、设计、个性化要求，以书面形式告知客服中心。",
            "新的销售政策和业主活动，以书面形式通知客服中心统一口径。",
        ),
        _lines("大专及以上学历，市场营销相关专业优先。"),
        _lines(
            "销售目标完成率",
            "客户满意度",
            "客户信息转交及时率",
        ),
    ),
    PositionSeed(
        "support-engineer",
        "技术支持工程师",
        "tech-support",
        None,
        4,
        "为客户提供产品技术咨询，及时排除故障，编写技术文档。",
        _lines(
            "为客户提供产品技术方面的咨询和解答。",
            "负责产品或系统的安装、调试和配置，并为客户提供培训。",
            "及时响应客户的技术故障反馈，快速定位问题并排除。",
            "编写和整理操作手册、常见问题解答等技术文档。",
        ),
        _lines("大专及以上学历，计算机或相关专业。"),
        _lines(
            "故障响应及时率",
            "一次解决率",
            "技术文档完成率",
        ),
    ),
    PositionSeed(
        "sysadmin",
        "系统管理员",
        "tech-support",
        None,
        1,
        "负责客服系统的账号、权限、配置和数据安全。",
        _lines(
            "开设和停用账号，分配角色和数据范围。",
            "维护工单类型、时限规则、节假日日历等系统配置。",
            "定期备份数据，检查审计日志。",
        ),
        _lines("计算机相关专业，熟悉Linux和数据库。"),
        _lines(
            "系统可用率",
            "账号权限复核按时完成率",
        ),
    ),
    PositionSeed(
        "internal-auditor",
        "内审主管",
        "admin-office",
        None,
        1,
        "代表公司领导对客户服务工作进行监督和评估，查阅报表和审计日志。",
        _lines(
            "每月、每季度审阅服务质量评估报告。",
            "抽查客户个人信息的查看和导出记录。",
            "对服务质量问题提出整改要求。",
        ),
        _lines("本科及以上学历，审计或管理相关专业。"),
        _lines("审计计划完成率"),
    ),
    PositionSeed(
        "admin-clerk",
        "行政专员",
        "admin-office",
        "internal-auditor",
        2,
        "负责办公环境、文件档案、会议活动、办公用品和车辆的管理。",
        _lines(
            "负责办公区域的环境卫生、安全保卫和设施设备维护。",
            "负责公司文件的收发、传阅、归档和保管。",
            "负责各类会议、活动的组织和安排。",
            "负责办公用品的采购、发放和管理，车辆的调度和保养。",
        ),
        _lines("大专及以上学历。"),
        _lines("行政事务按时完成率"),
    ),
)


@dataclass
class OrgRefs:
    departments: dict[str, Department]
    teams: dict[str, Team]
    positions: dict[str, Position]


def ensure_org() -> OrgRefs:
    """Create the departments, teams and positions that do not exist yet (by code)."""
    departments: dict[str, Department] = {}
    for d in DEPARTMENTS:
        departments[d.code], _ = Department.objects.get_or_create(
            code=d.code,
            defaults={
                "name": d.name,
                "kind": d.kind,
                "description": d.description,
                "obligations": d.obligations,
            },
        )
    teams: dict[str, Team] = {}
    for t in TEAMS:
        teams[t.code], _ = Team.objects.get_or_create(
            code=t.code, defaults={"name": t.name, "department": departments[t.department]}
        )
    positions: dict[str, Position] = {}
    for p in POSITIONS:  # superiors come before their subordinates
        positions[p.code], _ = Position.objects.get_or_create(
            code=p.code,
            defaults={
                "title": p.title,
                "department": departments[p.department],
                "superior": positions[p.superior] if p.superior else None,
                "headcount_quota": p.headcount_quota,
                "purpose": p.purpose,
                "duties": p.duties,
                "qualifications": p.qualifications,
                "kpis": p.kpis,
            },
        )
    return OrgRefs(departments=departments, teams=teams, positions=positions)
