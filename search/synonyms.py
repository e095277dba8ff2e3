"""Synonym groups for query expansion: default groups of general lending vocabulary plus the groups editors
keep as ``SynonymGroup`` rows, cached in Django's cache under a version that ``invalidate()`` bumps
(connected to saves and deletes of ``SynonymGroup`` in ``SearchConfig.ready``), so every worker sees an edit
on its next search.
"""

from django.apps import apps
from django.core.cache import cache
from django.db import DatabaseError

VERSION_KEY = "search:synonyms:version"
GROUPS_KEY = "search:synonyms:groups:{version}"
CACHE_SECONDS = 24 * 3600

# Words borrowers and lenders use for the same thing, and their English names: the portal answers in two
# languages, so an English question also finds the Chinese answers on it (at a lower weight, see the backend's
# CROSS_LANGUAGE_BOOST) and the other way round. General vocabulary only: editors add the rest.
DEFAULT_GROUPS = (
    ("逾期", "拖欠", "欠款未还", "延迟还款", "overdue", "late payment", "missed payment", "arrears"),
    ("还不上", "还不起", "无力还款", "还款困难", "cannot repay", "can't repay", "unable to repay"),
    ("催收", "催债", "讨债", "催款", "debt collection", "debt collector", "collector", "collection agency"),
    ("征信", "信用记录", "信用报告", "征信报告", "credit report", "credit record", "credit history"),
    ("协商", "商量", "谈判", "沟通", "negotiate", "negotiation"),
    ("协商还款", "协商分期", "个性化分期", "停息挂账", "negotiated repayment", "repayment negotiation"),
    ("还款", "repayment", "repay"),
    ("还款计划", "还款安排", "还款方案", "repayment plan", "payment plan"),
    ("延期还款", "延期", "展期", "缓缴", "deferral", "defer", "postpone"),
    ("罚息", "违约金", "滞纳金", "penalty interest", "late fee", "penalty"),
    ("利息", "利率", "息费", "interest", "interest rate"),
    ("手续费", "服务费", "费用", "fee", "fees", "charges"),
    ("起诉", "诉讼", "打官司", "sue", "lawsuit", "court"),
    ("坐牢", "判刑", "刑事责任", "抓人", "jail", "prison", "criminal"),
    ("网贷", "网络贷款", "互联网贷款", "网上借款", "online loan", "loan app", "online lender"),
    ("贷款", "借款", "借钱", "loan", "borrowing"),
    ("贷款机构", "放款机构", "金融机构", "平台", "lender"),
    ("银行", "bank"),
    ("信用卡", "credit card"),
    ("失业", "没工作", "下岗", "unemployed", "unemployment", "lost my job", "jobless"),
    ("收入", "工资", "薪水", "income", "salary", "wage"),
    ("投诉", "举报", "维权", "complaint", "complain"),
    ("监管", "监管部门", "regulator"),
    ("骚扰", "爆通讯录", "harass", "harassment"),
    ("家人", "家里人", "亲人", "family", "relatives"),
    ("减免", "免除", "waive", "waiver", "reduction"),
    ("资料", "材料", "证明材料", "documents", "paperwork", "proof"),
    ("困难", "经济困难", "hardship", "financial hardship"),
    ("骗局", "诈骗", "骗子", "scam", "fraud"),
    ("中介", "代理", "代理协商", "agency", "agent", "debt agency", "debt settlement"),
    ("预算", "budget"),
    ("个人信息", "隐私", "personal information", "privacy"),
    ("晚点还", "晚还", "延期还款", "推迟还款"),
    ("追债", "催收", "要债"),
    ("最低还款", "最低还款额", "min payment", "minimum payment"),
    ("年化利率", "apr", "年利率", "年化", "annual rate"),
    ("分期", "慢慢还", "分几期", "instalment", "installment"),
    ("减免", "少还", "免掉"),
    ("伴侣", "配偶", "老公", "老婆", "丈夫", "妻子", "spouse", "husband", "wife"),
    # Borrowers' own words for the same things.
    ("网贷平台", "口子", "贷款平台", "借贷平台"),
    ("以贷养贷", "借新还旧", "拆东墙补西墙"),
    ("结清", "还清", "上岸"),
    ("不良记录", "黑户", "征信不良", "征信黑了"),
    ("查询记录", "征信花了", "大数据花了"),
    ("备用金", "应急资金", "应急钱", "存钱", "攒钱", "积蓄", "emergency fund", "savings"),
    ("凭证", "凭据", "证据", "收据", "proof", "receipt"),
    ("跑路", "失联", "联系不上", "人跑了"),
    ("泄露", "曝光", "外泄", "leak"),
    ("代办", "代为办理", "代理人", "on my behalf"),
    ("父母", "爸妈", "家长", "parents"),
)


def _editor_groups():
    if not apps.is_installed("search"):
        return []
    from search.models import SynonymGroup

    try:
        return [group.term_list() for group in SynonymGroup.objects.all()]
    except DatabaseError:
        # Before migrations have run (or in a database without the table) there is nothing to add.
        return []


def version():
    """A number that changes whenever editors change a synonym group (in any process)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, None)
        version = cache.get(VERSION_KEY, 1)
    return version


def synonym_groups():
    """Every synonym group as a list of phrases (defaults first); one database query per cache version."""
    key = GROUPS_KEY.format(version=version())
    groups = cache.get(key)
    if groups is None:
        groups = [list(group) for group in DEFAULT_GROUPS]
        groups.extend(group for group in _editor_groups() if len(group) >= 2)
        cache.set(key, groups, CACHE_SECONDS)
    return groups


def invalidate(**kwargs):
    """Signal receiver: makes the next ``synonym_groups()`` read the rows again, in every process."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)
