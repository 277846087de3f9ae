"""The regulations, standards and seed task lines the rules come from (quoted once, used by many rules).

Seed references are file:line under shared/seeds/ (real county task breakdowns).
"""

from __future__ import annotations

from .model import Source

CHECK_INDICATORS = "《政府网站与政务新媒体检查指标》（国办函〔2019〕19号）"
EMPTY_COLUMNS = Source(f"{CHECK_INDICATORS}单项否决指标“空白栏目”")
STALE_COLUMNS = Source(f"{CHECK_INDICATORS}单项否决指标“栏目不更新”")
LINKS = Source(f"{CHECK_INDICATORS}“不可用链接”")
DOC_NUMBER = Source("GB/T 9704—2012《党政机关公文格式》7.2.4 发文字号")
INDEX_NUMBER = Source(
    "政府信息公开目录索引号：统一社会信用代码/年份-流水号", "county-2023-task-status.txt:166"
)
ELEMENTS = Source("行政规范性文件网络版格式、正式版本", "county-2023-task-status.txt:166")
STANDARD_TEXTS = Source("发布文件标准电子文本（Word和Pdf版）", "county-2023-task-status.txt:11")
VALIDITY = Source("标注行政规范性文件有效性，及时公布清理结果", "xuanhan-2023-key-points.txt:19")
ANNUAL = Source(
    "《中华人民共和国政府信息公开工作年度报告格式》第二十条第（一）项；"
    "现行有效文件数量与信息公开年报数量一致",
    "county-2023-task-status.txt:11",
)
ONE_TO_ONE = Source("文件与解读一一关联并提供政策咨询渠道", "county-2023-task-status.txt:161")
THREE_WORKDAYS = Source("解读材料于政策文件公开后3个工作日发布", "county-2023-task-status.txt:310")
FORMS = Source("多元化形式解读，解读形式不得少于3种", "xuanhan-2023-key-points.txt:25")
CONTACT = Source("文件注明政策咨询部门、联系人、联系方式", "county-2023-task-status.txt:31")
NO_COPY = Source("不得简单复制摘抄文件内容或以文件精简版方式呈现", "xuanhan-2023-key-points.txt:23")
NO_HEADINGS = Source("避免出现简单罗列小标题的形式化解读现象", "county-2023-task-status.txt:318")
QA_BASIS = Source(
    "建设政策咨询库，对现行有效政策文件予以分解提炼", "xuanhan-2023-key-points.txt:25"
)
TASKS = Source(
    "梳理形成工作台账，明确责任单位和时限要求，实时跟进推动", "xuanhan-2023-key-points.txt:57"
)
THREE_REVIEWS = Source("严格落实政府信息“三审”制度", "xuanhan-2023-key-points.txt:45")
