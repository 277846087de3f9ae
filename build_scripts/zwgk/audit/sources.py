"""The national rules, standards and portal settings the audit rules rest on (quoted once, used by many rules).

Only national documents (by their exact number) and this portal's own settings are cited: a finding must hold
for any county, not because another county's task list asked for it.
"""

from __future__ import annotations

from .model import Source

REGULATIONS = "《中华人民共和国政府信息公开条例》（国务院令第711号）"
CHECK_INDICATORS = "《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）"
SITE_GUIDELINES = "《政府网站发展指引》（国办发〔2017〕47号）"
NORMATIVE_RULES = "《国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知》（国办发〔2018〕37号）"
OPENNESS_RULES = "《〈关于全面推进政务公开工作的意见〉实施细则》（国办发〔2016〕80号）"
ANNUAL_FORMAT = "《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）"

EMPTY_COLUMNS = Source(f"{CHECK_INDICATORS}单项否决指标“空白栏目”；阈值：portal.yml audit.veto_empty_columns")
STALE_COLUMNS = Source(
    f"{CHECK_INDICATORS}单项否决指标“栏目不更新”；时限和阈值：portal.yml audit.stale_*、audit.veto_stale_columns"
)
LINKS = Source(f"{CHECK_INDICATORS}“不可用链接”")
DOC_NUMBER = Source("GB/T 9704—2012《党政机关公文格式》7.2.4 发文字号")
INDEX_NUMBER = Source("本门户的索引号规则：portal.yml 中的统一社会信用代码/年份-流水号")
ELEMENTS = Source(f"{REGULATIONS}第二十条第（一）项；{NORMATIVE_RULES}（统一登记、统一编号、统一印发，及时公开发布）")
STANDARD_TEXTS = Source(f"{NORMATIVE_RULES}（向社会公开发布，不得以内部文件形式印发执行）；本门户要求 Word 和 PDF 两种文本")
VALIDITY = Source(f"{NORMATIVE_RULES}（定期清理，清理结果向社会公布；现行有效目录）")
ANNUAL = Source(f"{ANNUAL_FORMAT}表二 第二十条第（一）项；{REGULATIONS}第五十条；年报数字：portal.yml annual_report")
ANNUAL_TABLES = Source(f"{ANNUAL_FORMAT}表三、表四（按照规范格式编制，数据符合逻辑）；{REGULATIONS}第五十条")
ANNUAL_DEADLINE = Source(
    f"{REGULATIONS}第四十九条（县级以上人民政府部门每年1月31日前）、第五十条（县级以上地方人民政府每年3月31日前）；"
    "期限：portal.yml audit.annual_due_organ、audit.annual_due_government"
)
ANNUAL_DECISIONS = Source(f"{ANNUAL_FORMAT}表二 第二十条第（五）项、第（六）项（数据符合逻辑）；{REGULATIONS}第二十条")
ANNUAL_COPY = Source(f"{ANNUAL_FORMAT}（如实反映本机关工作情况，杜绝抄袭、照搬往年）；相似度上限：portal.yml audit.annual_similarity_max")
ONE_TO_ONE = Source(f"{OPENNESS_RULES}（政策性文件与解读方案、解读材料同步组织、同步审签、同步部署）")
THREE_WORKDAYS = Source(f"{OPENNESS_RULES}（同步发布）；时限：portal.yml audit.interpretation_workdays 个工作日")
FORMS = Source(f"{OPENNESS_RULES}（多种形式解读）；形式数：portal.yml audit.interpretation_min_forms")
CONTACT = Source(f"{OPENNESS_RULES}（政策解读、回应关切）；本门户要求注明咨询部门、联系人、联系电话")
NO_COPY = Source(f"{OPENNESS_RULES}（解读要讲清政策背景、主要内容和关键点）；相似度上限：portal.yml audit.similarity_max")
NO_HEADINGS = Source(f"{OPENNESS_RULES}（解读要讲清政策背景、主要内容和关键点）")
QA_BASIS = Source(f"{REGULATIONS}第六条（及时、准确地公开政府信息）")
TASKS = Source("本门户的年度政务公开重点工作任务分工（tasks/<年度>.yml 及其 source 所列文件）")
THREE_REVIEWS = Source(f"{REGULATIONS}第十七条（政府信息公开审查机制）；{SITE_GUIDELINES}（信息发布审核）")
PRIVACY = Source(
    "《中华人民共和国个人信息保护法》第二十五条（不得公开其处理的个人信息，取得个人单独同意的除外）；"
    f"{REGULATIONS}第十五条（涉及个人隐私等公开会对第三方合法权益造成损害的，不得公开）；GB 11643—1999《公民身份号码》"
)

# 集约化 (issue #13): each unit's own 政府信息公开 column on the platform, checked like a department's sub-site
PLATFORM_RULES = "《国务院办公厅政府信息与政务公开办公室关于规范政府信息公开平台有关事项的通知》（国办公开办函〔2019〕61号）"
INTENSIVE = "《国务院办公厅关于印发〈政府网站集约化试点工作方案〉的通知》（国办函〔2018〕71号）"
UNIT_EMPTY = Source(
    f"{PLATFORM_RULES}（法定主动公开内容为各机关政府信息公开专栏的一级栏目）；{REGULATIONS}第二十条；"
    f"{CHECK_INDICATORS}单项否决指标“空白栏目”，按单位计；阈值：portal.yml audit.veto_empty_columns"
)
UNIT_FUNCTIONS = Source(f"{REGULATIONS}第二十条第（二）项（机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名）")
UNIT_STALE = Source(
    f"{CHECK_INDICATORS}单项否决指标“栏目不更新”，按单位计；{INTENSIVE}；"
    "时限和阈值：portal.yml audit.stale_*、audit.veto_stale_columns"
)
UNIT_GUIDE = Source(
    f"{REGULATIONS}第十二条（政府信息公开指南包括工作机构的名称、办公地址、办公时间、联系电话等）；"
    f"{PLATFORM_RULES}（政府信息公开指南为一级栏目）"
)
UNIT_ANNUAL = Source(
    f"{REGULATIONS}第四十九条（县级以上人民政府部门每年1月31日前公布上一年度工作年度报告）；"
    f"{PLATFORM_RULES}（政府信息公开年报为一级栏目）；乡镇、街道按部门的时限（本门户：县级年报须汇总其情况）"
)

# 公众参与 (issue #16): 意见征集, 重大行政决策事项目录, 建议提案办理结果
MAJOR_DECISIONS = "《重大行政决策程序暂行条例》（国务院令第713号）"
ENTERPRISE_VOICES = ("《国务院办公厅关于在制定行政法规规章行政规范性文件过程中充分听取企业和行业协会商会意见的通知》"
                     "（国办发〔2019〕9号）")
PROPOSAL_RESULTS = "《国务院办公厅关于做好全国人大代表建议和全国政协委员提案办理结果公开工作的通知》（国办发〔2014〕46号）"
CONSULTATION_PERIOD = Source(
    f"{MAJOR_DECISIONS}第十五条（公开征求意见的期限一般不少于30日；因情况紧急等原因需要缩短期限的，公开征求意见时应当予以说明）；"
    "最少天数：portal.yml participation.min_days（含开始和截止当天）"
)
CONSULTATION_EXPLANATION = Source(f"{MAJOR_DECISIONS}第十五条（公布决策草案及其说明等材料，明确提出意见的方式和期限）")
CONSULTATION_FEEDBACK = Source(
    f"{MAJOR_DECISIONS}（对社会各方面提出的意见进行归纳整理、研究论证）；{OPENNESS_RULES}（公开意见采纳情况）；"
    "时限：portal.yml participation.feedback_months 或 participation.feedback_workdays"
)
CONSULTATION_ENTERPRISE = Source(f"{ENTERPRISE_VOICES}（涉企文件起草过程中充分听取企业和行业协会商会意见）")
DECISION_CATALOGUE = Source(f"{MAJOR_DECISIONS}（决策事项目录向社会公布；决策草案向社会公开征求意见）")
PROPOSAL_DEADLINE = Source(
    f"{PROPOSAL_RESULTS}（办理复文及时公开）；时限：portal.yml participation.proposal_workdays 个工作日（本门户的要求）"
)
