"""Deterministic corpus of Chinese county 政务公开 pages for search benchmarks.

``generate(out_dir, pages=5000, seed=20231)`` writes ``pages`` HTML files shaped
like the portal's record pages (title, metadata table with 索引号/文号/发布机构,
body text, pagefind filters) and returns a list of :class:`Page` whose
``blocks`` are the texts Pagefind indexes for that page (one string per block
element, inline markup joined), which is the ground truth for recall and
precision.

Terms are planted on purpose: 低保 / 最低生活保障 / 城乡低保 on about a tenth of
the pages, and near misses around them (低 and 保 apart, 确保低收入, 最低工资,
城乡 without 低保), so precision is measured as well as recall.
"""

from __future__ import annotations

import html
import random
from dataclasses import dataclass, field
from pathlib import Path

COUNTY = "示例县"
SITE_NAME = "示例县人民政府"
CREDIT_PREFIX = "11511722"

# (name, 文号 prefix, credit code)
DEPARTMENTS = [
    ("示例县人民政府", "示府发", "MB0000001A"),
    ("示例县人民政府办公室", "示府办发", "MB0000000X"),
    ("示例县民政局", "示民发", "008901234B"),
    ("示例县人力资源和社会保障局", "示人社发", "008901235C"),
    ("示例县财政局", "示财发", "008901236D"),
    ("示例县医疗保障局", "示医保发", "MB1523451E"),
    ("示例县农业农村局", "示农发", "008901238F"),
    ("示例县发展和改革局", "示发改发", "008901239G"),
    ("示例县住房和城乡建设局", "示住建发", "008901240H"),
    ("示例县市场监督管理局", "示市监发", "MB1523452J"),
    ("示例县教育局", "示教发", "008901242K"),
    ("示例县卫生健康局", "示卫健发", "008901243L"),
    ("示例县自然资源局", "示自然资发", "MB1523453M"),
    ("示例县应急管理局", "示应急发", "MB1523454N"),
    ("示例县交通运输局", "示交运发", "008901246P"),
    ("示例县生态环境局", "示环发", "MB1523455Q"),
    ("示例县乡村振兴局", "示乡振发", "MB1523456R"),
    ("示例县退役军人事务局", "示退役发", "MB1523457T"),
    ("示例县残疾人联合会", "示残联发", "510000123U"),
    ("示例县公共资源交易中心", "示公资发", "125117227W"),
    ("示例县水利局", "示水发", "008901251Y"),
    ("示例县商务和经济信息化局", "示商经发", "MB1523458Y"),
]

TOWNS = [
    "城关镇",
    "河西镇",
    "东山乡",
    "青龙镇",
    "白马乡",
    "石桥镇",
    "龙泉街道",
    "清溪乡",
    "柏林镇",
    "双河镇",
]

TOPIC_CATEGORIES = {
    "jiuzhu": "民政、扶贫、救灾",
    "jiuye": "劳动、人事、监察",
    "yibao": "卫生、体育",
    "yanglao": "民政、扶贫、救灾",
    "yingshang": "市场监管、安全生产监管",
    "caigou": "财政、金融、审计",
    "yusuan": "财政、金融、审计",
    "nongye": "农业、林业、水利",
    "jiaoyu": "教育",
    "zhufang": "城乡建设、环境保护",
    "anquan": "市场监管、安全生产监管",
    "huanjing": "城乡建设、环境保护",
    "xiangcun": "农业、林业、水利",
    "jiaotong": "工业、交通",
}

TOPIC_DEPARTMENTS = {
    "jiuzhu": ["示例县民政局", "示例县人民政府办公室", "示例县残疾人联合会"],
    "jiuye": ["示例县人力资源和社会保障局", "示例县人民政府办公室"],
    "yibao": ["示例县医疗保障局", "示例县卫生健康局"],
    "yanglao": ["示例县民政局", "示例县人力资源和社会保障局"],
    "yingshang": ["示例县发展和改革局", "示例县市场监督管理局", "示例县商务和经济信息化局"],
    "caigou": ["示例县财政局", "示例县公共资源交易中心"],
    "yusuan": ["示例县财政局"],
    "nongye": ["示例县农业农村局", "示例县水利局", "示例县自然资源局"],
    "jiaoyu": ["示例县教育局"],
    "zhufang": ["示例县住房和城乡建设局"],
    "anquan": ["示例县应急管理局", "示例县市场监督管理局"],
    "huanjing": ["示例县生态环境局", "示例县住房和城乡建设局"],
    "xiangcun": ["示例县乡村振兴局", "示例县农业农村局"],
    "jiaotong": ["示例县交通运输局"],
}

# Title subjects per topic: what a 规范性文件 / notice is about.
SUBJECTS = {
    "jiuzhu": [
        "最低生活保障审核确认办法",
        "城乡低保动态管理实施细则",
        "特困人员救助供养实施办法",
        "临时救助实施细则",
        "低收入人口动态监测和常态化救助帮扶工作方案",
        "困难残疾人生活补贴和重度残疾人护理补贴实施办法",
        "城乡低保边缘家庭认定办法",
        "社会救助家庭经济状况核对办法",
    ],
    "jiuye": [
        "创业担保贷款实施办法",
        "就业补助资金管理办法",
        "高校毕业生就业创业扶持政策",
        "农民工返乡创业扶持办法",
        "公益性岗位开发管理办法",
        "职业技能提升行动实施方案",
    ],
    "yibao": [
        "城乡居民基本医疗保险实施办法",
        "医疗保障待遇清单管理办法",
        "门诊共济保障机制实施细则",
        "医保基金监督管理办法",
        "大病保险实施细则",
        "医疗救助实施办法",
    ],
    "yanglao": [
        "城乡居民基本养老保险实施办法",
        "居家和社区养老服务改革实施方案",
        "养老机构管理办法",
        "高龄津贴发放管理办法",
        "特殊困难老年人探访关爱制度",
    ],
    "yingshang": [
        "优化营商环境若干措施",
        "营商环境评价整改方案",
        "涉企收费清单管理办法",
        "市场主体培育行动方案",
        "招商引资优惠政策",
    ],
    "caigou": [
        "政府采购管理办法",
        "政府采购内部控制制度",
        "政府采购意向公开工作方案",
        "公共资源交易管理办法",
        "小额工程建设项目招标投标管理办法",
    ],
    "yusuan": [
        "县级部门预算公开方案",
        "财政预决算公开工作规程",
        "财政专项资金管理办法",
        "政府债务管理办法",
        "国有资产管理办法",
    ],
    "nongye": [
        "耕地地力保护补贴实施方案",
        "高标准农田建设项目管理办法",
        "农机购置与应用补贴实施方案",
        "稻谷目标价格补贴实施细则",
        "农业保险保费补贴管理办法",
        "防汛抗旱应急预案",
    ],
    "jiaoyu": [
        "义务教育阶段学生资助管理办法",
        "学前教育普惠发展实施方案",
        "义务教育招生入学工作方案",
        "教师队伍建设实施意见",
        "营养改善计划实施办法",
    ],
    "zhufang": [
        "公共租赁住房管理办法",
        "城镇老旧小区改造实施方案",
        "住房公积金提取管理办法",
        "农村危房改造实施方案",
        "保障性住房分配管理办法",
    ],
    "anquan": [
        "安全生产责任制实施办法",
        "安全生产风险分级管控办法",
        "自然灾害救助应急预案",
        "消防安全专项整治方案",
        "食品安全事故应急预案",
    ],
    "huanjing": [
        "农村人居环境整治提升方案",
        "大气污染防治实施方案",
        "生活垃圾分类管理办法",
        "河长制工作考核办法",
        "城乡环境综合治理方案",
    ],
    "xiangcun": [
        "巩固拓展脱贫攻坚成果同乡村振兴有效衔接实施方案",
        "乡村振兴衔接资金管理办法",
        "防止返贫动态监测和帮扶工作方案",
        "村级集体经济发展扶持办法",
    ],
    "jiaotong": [
        "农村公路管理养护办法",
        "城乡客运一体化实施方案",
        "道路运输安全管理办法",
        "G318线改造工程建设管理办法",
    ],
}

# Sentences per topic.  {town} {n} {m} {amt} {year} {dept} are filled in.
SENTENCES = {
    "jiuzhu": [
        "对符合条件的城乡低保对象按月足额发放低保金，城市低保标准提高到每人每月{amt}元。",
        "农村最低生活保障标准调整为每人每年{amt}元，同步提高特困人员基本生活标准。",
        "{town}{year}年第{n}季度新增低保对象{m}户，停发低保{n}户，调整保障金额{m}户。",
        "申请最低生活保障的家庭，应当向户籍所在地乡镇人民政府（街道办事处）提出书面申请。",
        "县民政局会同相关部门对低保家庭经济状况进行核对，对不再符合条件的及时退出。",
        "全县共有城乡低保对象{m}户{n}人，特困供养人员{n}人，全年发放救助资金{amt}万元。",
        "将低保边缘家庭纳入低收入人口动态监测范围，做到应保尽保、应退尽退。",
        "临时救助实行乡镇审批备用金制度，对急难型救助实行“先行救助”。",
        "特困人员救助供养包括基本生活条件、照料服务、疾病治疗和办理丧葬事宜等内容。",
        "对重度残疾人护理补贴标准每人每月提高{n}元，困难残疾人生活补贴同步调整。",
        "城乡低保审核确认权限下放至乡镇人民政府（街道办事处），县民政局加强监督检查。",
        "低保申请家庭的财产状况包括银行存款、有价证券、机动车辆、不动产等。",
    ],
    "jiuye": [
        "对符合条件的个人创业者，可申请最高{amt}万元的创业担保贷款，并按规定给予贴息。",
        "小微企业当年新招用符合条件人员达到职工总数{n}%的，可申请不超过{amt}万元的创业担保贷款。",
        "对吸纳就业困难人员并缴纳社会保险的用人单位，按规定给予社会保险补贴和岗位补贴。",
        "{year}年全县城镇新增就业{m}人，城镇登记失业率控制在{n}%以内。",
        "举办春风行动等专场招聘会{n}场，提供就业岗位{m}个，帮助农民工稳定就业。",
        "对离校两年内未就业高校毕业生给予一次性求职创业补贴，每人{amt}元。",
        "开发乡村公益性岗位{m}个，优先安置脱贫劳动力和就业困难人员。",
        "职业技能培训补贴按照培训工种和等级分档发放，每人每次最高{amt}元。",
        "返乡入乡创业人员首次创办小微企业并正常经营一年以上的，给予一次性创业补贴。",
    ],
    "yibao": [
        "{year}年度城乡居民医保个人缴费标准为每人每年{amt}元，财政补助同步提高。",
        "参加城乡居民基本医疗保险的人员，在定点医疗机构住院发生的政策范围内费用按比例报销。",
        "医保基金监管坚持零容忍，严厉打击欺诈骗保行为，全年追回医保基金{amt}万元。",
        "门诊共济保障机制改革后，职工医保个人账户可用于支付家庭成员的医疗费用。",
        "对特困人员、{aided}参加城乡居民医保的个人缴费部分给予全额或定额资助。",
        "大病保险起付线降低至{amt}元，报销比例提高到{n}%以上。",
        "医疗救助对象在年度救助限额内按不低于{n}%的比例给予救助。",
        "全县定点医药机构{m}家，全部实现医保电子凭证结算。",
    ],
    "yanglao": [
        "城乡居民基本养老保险基础养老金每人每月提高{n}元，按月足额发放。",
        "推进居家和社区养老服务改革，新建社区养老服务中心{n}个。",
        "对{n}周岁以上高龄老人按月发放高龄津贴，所需资金纳入财政预算。",
        "养老机构应当依法办理登记，并向民政部门备案，接受消防、食品安全等监督检查。",
        "建立特殊困难老年人探访关爱制度，每月至少探访一次。",
        "政府为符合条件的城乡居民养老保险参保人代缴最低缴费档次的养老保险费。",
        "全县养老床位达到{m}张，护理型床位占比提高到{n}%。",
    ],
    "yingshang": [
        "持续优化营商环境，企业开办时间压缩至{n}个工作日以内。",
        "深化“放管服”改革，推行涉企经营许可事项告知承诺制，打造一流营商环境。",
        "对营商环境评价中发现的问题建立整改台账，明确责任单位和完成时限。",
        "全面落实减税降费政策，全年为市场主体减轻负担{amt}万元。",
        "畅通政企沟通渠道，定期召开企业家座谈会，及时回应企业诉求。",
        "推行“一件事一次办”，工程建设项目审批时间压减至{n}个工作日。",
        "切实降低企业制度性交易成本，保障市场主体合法权益。",
    ],
    "caigou": [
        "本项目采用公开招标方式进行政府采购，采购预算{amt}万元，最高限价{amt}万元。",
        "供应商应当在{year}年{n}月{m}日前通过示例县公共资源交易平台提交投标文件。",
        "政府采购意向公开内容包括采购项目名称、采购需求概况、预算金额和预计采购时间。",
        "中标（成交）供应商：{town}建筑工程有限公司，中标金额{amt}万元。",
        "采购人应当在中标通知书发出之日起{n}日内与中标供应商签订政府采购合同。",
        "对政府采购活动中的违法违规行为，财政部门依法予以处理并公开处理结果。",
        "小额工程建设项目实行简易招标程序，提高公共资源交易效率。",
    ],
    "yusuan": [
        "{year}年部门预算收入合计{amt}万元，其中一般公共预算拨款收入{amt}万元。",
        "“三公”经费财政拨款预算{amt}万元，比上年减少{n}%。",
        "部门决算公开内容包括收入支出决算总表、财政拨款收入支出决算表等{n}张报表。",
        "{year}年全县一般公共预算收入完成{amt}万元，同比增长{n}%。",
        "政府债务限额{amt}亿元，债务余额控制在限额以内。",
        "财政专项资金实行绩效目标管理，绩效评价结果向社会公开。",
    ],
    "nongye": [
        "耕地地力保护补贴对象为拥有耕地承包权的种地农民，补贴标准为每亩{amt}元。",
        "{year}年建设高标准农田{m}亩，项目总投资{amt}万元。",
        "农机购置与应用补贴实行定额补贴，补贴资金直接兑付到购机者。",
        "稻谷目标价格补贴按照实际种植面积发放，{town}共核实面积{m}亩。",
        "汛期前完成{n}座水库的安全隐患排查，落实防汛责任人和抢险物资。",
        "农业保险保费补贴覆盖水稻、玉米、生猪等主要品种，财政补贴比例不低于{n}%。",
        "涉农补贴资金通过“一卡通”直接发放到农户账户，并在村务公开栏公示。",
    ],
    "jiaoyu": [
        "义务教育阶段家庭经济困难学生生活补助标准为小学每生每年{amt}元。",
        "{year}年秋季义务教育招生坚持免试就近入学原则，严禁以考试方式选拔学生。",
        "全县新建改扩建幼儿园{n}所，新增学位{m}个，普惠性幼儿园覆盖率达到{n}%。",
        "农村义务教育学生营养改善计划每生每天补助{n}元。",
        "加强教师队伍建设，招聘公费师范生{n}名，补充乡村学校教师。",
        "严格落实“双减”政策，规范校外培训机构管理。",
    ],
    "zhufang": [
        "公共租赁住房租金标准按照同地段市场租金的{n}%确定。",
        "{year}年计划改造城镇老旧小区{n}个，惠及居民{m}户。",
        "农村危房改造补助对象为{poor}、分散供养特困人员等重点对象。",
        "住房公积金缴存职工购买自住住房的，可以申请提取住房公积金。",
        "保障性住房实行轮候制度，按照申请顺序和困难程度分配。",
        "城乡建设用地增减挂钩节余指标收益全部用于乡村振兴。",
    ],
    "anquan": [
        "严格落实安全生产责任制，开展安全生产大检查，排查整改隐患{m}处。",
        "自然灾害救助应急预案启动后，县应急管理局统筹调拨救灾物资。",
        "对消防安全重点单位开展专项整治，督促整改火灾隐患{n}处。",
        "加强食品安全监督抽检，全年完成抽检{m}批次，合格率{n}%。",
        "建立安全生产风险分级管控和隐患排查治理双重预防机制。",
        "汛期严格执行24小时值班和领导带班制度，确保安全度汛。",
    ],
    "huanjing": [
        "开展农村人居环境整治提升行动，农村卫生厕所普及率达到{n}%。",
        "全面推行河长制，县乡村三级河长巡河{m}次。",
        "城乡生活垃圾收运处置体系实现全覆盖，推进生活垃圾分类。",
        "加强大气污染防治，全年空气质量优良天数比例达到{n}%。",
        "城乡环境综合治理坚持城乡统筹、整体推进。",
    ],
    "xiangcun": [
        "巩固拓展脱贫攻坚成果，守住不发生规模性返贫的底线。",
        "对脱贫不稳定户、边缘易致贫户和突发严重困难户开展动态监测，及时落实帮扶措施。",
        "{year}年中央、省、市、县财政衔接推进乡村振兴补助资金{amt}万元。",
        "发展壮大村级集体经济，{town}{n}个村集体经济收入超过{amt}万元。",
        "实施乡村建设行动，改善农村基础设施和公共服务条件。",
        "确保低收入人口基本生活，防止出现因病因灾返贫。",
    ],
    "jiaotong": [
        "G318线{town}段改造工程全长{n}公里，总投资{amt}万元。",
        "实施农村公路“四好农村路”建设，新改建农村公路{m}公里。",
        "推进城乡客运一体化，建制村通客车率保持100%。",
        "加强道路运输安全管理，开展“两客一危”车辆专项整治。",
        "5G基站建设纳入交通基础设施同步规划，新建基站{n}个。",
    ],
}

# Filler that every kind of page uses; several are near misses on purpose.
GENERIC = [
    "各乡镇人民政府（街道办事处），县级各部门要高度重视，加强组织领导，确保各项工作落到实处。",
    "本办法自印发之日起施行，由县级有关部门负责解释。",
    "坚持以人民为中心的发展思想，着力保障和改善民生。",
    "进一步提高政务公开标准化规范化水平，及时回应群众关切。",
    "降低行政成本，保证财政资金安全高效使用。",
    "严格执行最低工资标准，维护劳动者合法权益。",
    "城乡居民对公共服务的满意度持续提升。",
    "统筹推进城乡建设，促进城乡融合发展。",
    "各地要确保低收入群体生活水平不降低。",
    "对政策执行中发现的问题，要及时向县人民政府报告。",
    "请各单位于{year}年{n}月{m}日前将工作开展情况报送县政府办公室。",
    "联系人：张某某，联系电话：0818-{phone}。",
    "加强政策宣传解读，提高群众知晓率和满意度。",
    "本通知未尽事宜，按照国家和省、市有关规定执行。",
    "坚持保基本、兜底线、救急难、可持续的原则。",
    "发挥财政资金的引导作用，提升基本公共服务保障水平。",
]

LEAD_INS = [
    "根据上级有关部署，",
    "经县人民政府同意，",
    "为切实做好相关工作，",
    "截至{year}年{n}月底，",
    "据统计，",
    "按照{year}年工作要点，",
    "{town}",
    "在{town}试点基础上，",
    "对照年度目标任务，",
    "经研究决定，",
    "结合本县实际，",
    "按照“谁主管、谁负责”的原则，",
    "{year}年以来，",
    "针对群众反映的问题，",
    "依据有关法律法规，",
    "围绕全县中心工作，",
    "在县委、县政府的坚强领导下，",
    "从{year}年{n}月起，",
]

KINDS = [
    # kind, column slug, column title, weight
    ("gfxwj", "gfxwj", "规范性文件", 34),
    ("zcjd", "zcjd", "政策解读", 14),
    ("zcwd", "zcwd", "政策问答", 14),
    ("zdly", "zdly", "重点领域", 26),
    ("tzgg", "tzgg", "通知公告", 12),
]

ZDLY_COLUMNS = {
    "jiuzhu": "社会救助",
    "jiuye": "就业创业",
    "yibao": "医疗卫生",
    "yanglao": "养老服务",
    "yingshang": "营商环境",
    "caigou": "政府采购",
    "yusuan": "财政预决算",
    "nongye": "涉农补贴",
    "jiaoyu": "义务教育",
    "zhufang": "保障性住房",
    "anquan": "安全生产",
    "huanjing": "生态环境",
    "xiangcun": "乡村振兴",
    "jiaotong": "重大建设项目",
}

VALIDITY = ["现行有效"] * 7 + ["已修改", "已废止", "已失效", "尚未生效"]

CN_NUMS = "一二三四五六七八九十"


@dataclass
class Page:
    """One generated page: its URL (as Pagefind reports it) and indexed texts."""

    url: str
    path: str
    title: str
    kind: str
    topic: str
    issuer: str
    doc_number: str | None
    index_number: str | None
    blocks: list[str] = field(default_factory=list)
    filters: dict[str, str] = field(default_factory=dict)

    def contains(self, needle: str) -> bool:
        return any(needle in b for b in self.blocks)


class _Gen:
    def __init__(self, seed: int):
        self.r = random.Random(seed)
        self.doc_seq: dict[tuple[str, int], int] = {}
        self.index_seq: dict[tuple[str, int], int] = {}
        self.issued: dict[str, list[str]] = {}  # department -> 文号 of its 规范性文件 so far

    def fill(self, s: str) -> str:
        r = self.r
        return s.format(
            town=r.choice(TOWNS),
            n=r.randint(2, 30),
            m=r.randint(30, 3000),
            amt=r.choice([50, 120, 300, 380, 450, 520, 680, 800, 1200, 2000, 3500, 15]),
            year=r.choice([2021, 2022, 2023, 2024]),
            dept=r.choice(DEPARTMENTS)[0],
            phone=f"{r.randint(2000000, 8999999)}",
            poor=r.choice(["低保户", "低收入户", "脱贫户", "困难家庭", "重点对象户"]),
            aided=r.choice(["低保对象", "低收入人口", "困难群众", "脱贫人口", "防止返贫监测对象"]),
        )

    def doc_number(self, prefix: str, year: int) -> str:
        key = (prefix, year)
        self.doc_seq[key] = self.doc_seq.get(key, 0) + self.r.randint(1, 3)
        return f"{prefix}〔{year}〕{self.doc_seq[key]}号"

    def index_number(self, code: str, year: int) -> str:
        key = (code, year)
        self.index_seq[key] = self.index_seq.get(key, 0) + 1
        return f"{CREDIT_PREFIX}{code}/{year}-{self.index_seq[key]:05d}"

    def paragraphs(self, topic: str, n_sent: int, secondary: list[str]) -> list[str]:
        """Sentences drawn without repeats (until a pool runs out), some with a lead-in clause."""
        r = self.r
        pools: dict[str, list[str]] = {}

        def draw(name: str, source: list[str]) -> str:
            if not pools.get(name):
                pools[name] = r.sample(source, len(source))
            return pools[name].pop()

        sents = []
        for _ in range(n_sent):
            x = r.random()
            if x < 0.6:
                s = draw(topic, SENTENCES[topic])
            elif x < 0.72 and secondary:
                t = r.choice(secondary)
                s = draw(t, SENTENCES[t])
            else:
                s = draw("generic", GENERIC)
            if r.random() < 0.35:
                s = r.choice(LEAD_INS) + s
            sents.append(self.fill(s))
        paras, cur = [], []
        for s in sents:
            cur.append(s)
            if len(cur) >= r.randint(2, 4):
                paras.append("".join(cur))
                cur = []
        if cur:
            paras.append("".join(cur))
        return paras


def _dept(name: str) -> tuple[str, str, str]:
    for d in DEPARTMENTS:
        if d[0] == name:
            return d
    raise KeyError(name)


def _inline(r: random.Random, text: str) -> str:
    """HTML for a paragraph, sometimes with inline markup splitting a word."""
    esc = html.escape(text, quote=False)
    if r.random() < 0.15 and len(text) > 12:
        i = r.randint(2, len(text) - 6)
        j = i + r.randint(2, 4)
        a, b, c = text[:i], text[i:j], text[j:]
        return f"{html.escape(a, quote=False)}<strong>{html.escape(b, quote=False)}</strong>{html.escape(c, quote=False)}"
    return esc


def _page_html(page: Page, meta_rows: list[tuple[str, str, str | None]], body_html: str) -> str:
    rows = []
    for label, value, filt in meta_rows:
        # What the portal's templates are asked to do: the 文号 and 索引号 cells weigh more,
        # so a search for a document's number lists that document before pages citing it.
        if filt:
            attr = f' data-pagefind-filter="{filt}"'
        elif label in ("文号", "索引号"):
            attr = ' data-pagefind-weight="5"'
        else:
            attr = ""
        rows.append(f"<tr><th>{label}</th><td{attr}>{html.escape(value, quote=False)}</td></tr>")
    hidden = "".join(
        f'<span hidden data-pagefind-filter="{k}:{html.escape(v)}"></span>'
        for k, v in page.filters.items()
        if k in ("栏目", "年份")
    )
    return f"""<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(page.title)} - {SITE_NAME}</title>
<meta name="ArticleTitle" content="{html.escape(page.title)}">
<meta name="ColumnName" content="{html.escape(page.filters.get("栏目", ""))}">
</head>
<body>
<header class="site-header"><a href="../../">{SITE_NAME}</a> 政务公开</header>
<nav><a href="../../gfxwj/">规范性文件</a> <a href="../../zcjd/">政策解读</a> <a href="../../zcwd/">政策问答</a> <a href="../../zdly/">重点领域</a> <a href="../../search/">搜索</a></nav>
<main data-pagefind-body>
<h1>{html.escape(page.title, quote=False)}</h1>
<table class="zwgk-meta">
{"".join(rows)}
</table>
{hidden}
<div class="zwgk-body">
{body_html}
</div>
</main>
<footer>主办：{SITE_NAME}办公室 网站标识码：5117220001 备案号：示ICP备00000000号</footer>
</body>
</html>
"""


def generate(
    out_dir: str | Path,
    pages: int = 5000,
    seed: int = 20231,
    sentences: tuple[int, int] = (12, 48),
) -> list[Page]:
    """Write ``pages`` HTML pages under ``out_dir`` and return their ground truth.

    Each page body has between ``sentences[0]`` and ``sentences[1]`` sentences
    (the default gives about 1,100 characters a page; (60, 240) gives the
    5,000-character documents many counties publish).
    """
    out = Path(out_dir)
    g = _Gen(seed)
    r = g.r
    topics = list(SENTENCES)
    kind_weights = [k[3] for k in KINDS]
    result: list[Page] = []
    for i in range(pages):
        kind, col, col_title, _ = r.choices(KINDS, kind_weights)[0]
        topic = r.choice(topics)
        secondary = r.sample(
            [t for t in topics if t != topic], r.choices([0, 1, 2], [50, 35, 15])[0]
        )
        issuer = r.choice(TOPIC_DEPARTMENTS[topic])
        dname, dprefix, dcode = _dept(issuer)
        year = r.choice([2019, 2020, 2021, 2022, 2023, 2024])
        month, day = r.randint(1, 12), r.randint(1, 28)
        date = f"{year}-{month:02d}-{day:02d}"
        subject = r.choice(SUBJECTS[topic])
        doc_number = index_number = None
        meta_rows: list[tuple[str, str, str | None]] = []
        filters = {"栏目": col_title, "年份": str(year)}
        n_sent = r.randint(*sentences)
        paras = g.paragraphs(topic, n_sent, secondary)
        if kind == "gfxwj":
            title = r.choice(
                [
                    f"{dname}关于印发《{COUNTY}{subject}》的通知",
                    f"{dname}关于印发{COUNTY}{subject}的通知",
                    f"{COUNTY}{subject}",
                    f"{dname}关于进一步做好{subject.replace('办法', '').replace('方案', '')}工作的通知",
                ]
            )
            doc_number = g.doc_number(dprefix, year)
            g.issued.setdefault(dname, []).append(doc_number)
            index_number = g.index_number(dcode, year)
            validity = r.choice(VALIDITY)
            filters.update(
                {"发布机构": dname, "主题分类": TOPIC_CATEGORIES[topic], "有效性": validity}
            )
            meta_rows = [
                ("索引号", index_number, None),
                ("主题分类", TOPIC_CATEGORIES[topic], "主题分类"),
                ("发布机构", dname, "发布机构"),
                ("成文日期", date, None),
                ("文号", doc_number, None),
                ("有效性", validity, "有效性"),
            ]
            lead = "各乡镇人民政府（街道办事处），县级各部门："
            chapters = []
            for ci, p in enumerate(paras):
                chapters.append(f"第{CN_NUMS[ci % 10]}条 {p}" if r.random() < 0.6 else p)
            paras = [lead, f"现将《{COUNTY}{subject}》印发给你们，请认真贯彻执行。"] + chapters
        elif kind == "zcjd":
            issued = g.issued.get(dname)
            ref_doc = (
                r.choice(issued) if issued and r.random() < 0.7 else g.doc_number(dprefix, year)
            )
            title = f"《{COUNTY}{subject}》政策解读"
            filters.update({"发布机构": dname, "主题分类": TOPIC_CATEGORIES[topic]})
            meta_rows = [("发布机构", dname, "发布机构"), ("发布日期", date, None)]
            heads = ["一、出台背景", "二、主要内容", "三、适用范围", "四、政策亮点", "五、咨询方式"]
            new = [f"《{COUNTY}{subject}》（{ref_doc}）已经县人民政府同意印发实施。"]
            for hi, p in enumerate(paras):
                if hi < len(heads):
                    new.append(heads[hi])
                new.append(p)
            new.append(f"咨询部门：{dname}，联系电话：0818-{r.randint(2000000, 8999999)}。")
            paras = new
        elif kind == "zcwd":
            q = r.choice(
                [
                    f"如何申请{subject.replace('实施办法', '').replace('管理办法', '').replace('实施细则', '')}？",
                    f"{COUNTY}{subject}适用于哪些人？",
                    f"{subject}什么时候开始执行？",
                ]
            )
            title = q
            filters.update({"发布机构": dname, "主题分类": TOPIC_CATEGORIES[topic]})
            meta_rows = [("答复部门", dname, "发布机构"), ("更新日期", date, None)]
            paras = ["答：" + paras[0]] + paras[1:] + [f"政策依据：《{COUNTY}{subject}》。"]
        elif kind == "zdly":
            col_title = ZDLY_COLUMNS[topic]
            filters["栏目"] = col_title
            title = r.choice(
                [
                    f"{r.choice(TOWNS)}{year}年第{CN_NUMS[r.randint(0, 3)]}季度{col_title}信息公示",
                    f"{dname}{year}年{col_title}工作情况",
                    f"{COUNTY}{year}年{subject.replace('办法', '').replace('方案', '')}实施情况公示",
                ]
            )
            filters.update({"发布机构": dname})
            meta_rows = [("发布机构", dname, "发布机构"), ("发布日期", date, None)]
        else:
            title = f"关于{r.choice(['开展', '做好', '加强', '推进'])}{subject.replace('办法', '').replace('方案', '')}工作的通知"
            filters.update({"发布机构": dname})
            meta_rows = [("发布机构", dname, "发布机构"), ("发布日期", date, None)]

        pid = f"{col}-{i:05d}"
        path = f"{col}/{pid}/index.html"
        page = Page(
            url=f"/{col}/{pid}/",
            path=path,
            title=title,
            kind=kind,
            topic=topic,
            issuer=dname,
            doc_number=doc_number,
            index_number=index_number,
            filters=filters,
        )
        page.blocks.append(title)
        for label, value, _ in meta_rows:
            page.blocks.append(label)
            page.blocks.append(value)
        body_parts = []
        for p in paras:
            if p.startswith(("一、", "二、", "三、", "四、", "五、")) and len(p) < 10:
                body_parts.append(f"<h2>{html.escape(p, quote=False)}</h2>")
            else:
                body_parts.append(f"<p>{_inline(r, p)}</p>")
            page.blocks.append(p)
        dest = out / path
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(_page_html(page, meta_rows, "\n".join(body_parts)), encoding="utf-8")
        result.append(page)
    (out / "index.html").write_text(
        f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{SITE_NAME}</title></head>'
        f"<body><h1>{SITE_NAME}</h1></body></html>\n",
        encoding="utf-8",
    )
    return result


if __name__ == "__main__":  # pragma: no cover - manual use
    import sys

    n = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
    pages = generate(sys.argv[1], n)
    print(f"{len(pages)} pages; 低保 in {sum(p.contains('低保') for p in pages)}")
