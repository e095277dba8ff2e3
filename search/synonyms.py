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

# Words borrowers and lenders use for the same thing. General vocabulary only: editors add the rest.
DEFAULT_GROUPS = (
    ("逾期", "拖欠", "欠款未还", "延迟还款"),
    ("还不上", "还不起", "无力还款", "还款困难"),
    ("催收", "催债", "讨债", "催款"),
    ("征信", "信用记录", "信用报告", "征信报告"),
    ("协商", "商量", "谈判", "沟通"),
    ("协商还款", "协商分期", "个性化分期", "停息挂账"),
    ("延期还款", "延期", "展期", "缓缴"),
    ("罚息", "违约金", "滞纳金"),
    ("利息", "利率", "息费"),
    ("起诉", "诉讼", "打官司"),
    ("坐牢", "判刑", "刑事责任", "抓人"),
    ("网贷", "网络贷款", "互联网贷款", "网上借款"),
    ("贷款", "借款", "借钱"),
    ("失业", "没工作", "下岗"),
    ("收入", "工资", "薪水"),
    ("投诉", "举报", "维权"),
    ("骚扰", "爆通讯录"),
    ("减免", "免除"),
    ("资料", "材料", "证明材料"),
    ("晚点还", "晚还", "延期还款", "推迟还款"),
    ("追债", "催收", "要债"),
    ("最低还款", "最低还款额", "min payment", "minimum payment"),
    ("年化利率", "apr", "年利率", "年化"),
    ("分期", "慢慢还", "分几期"),
    ("减免", "少还", "免掉"),
    ("伴侣", "配偶", "老公", "老婆", "丈夫", "妻子"),
    ("debt collector", "collector", "collection agency"),
    ("credit report", "credit record", "credit history"),
    ("loan", "borrowing"),
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


def _version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, None)
        version = cache.get(VERSION_KEY, 1)
    return version


def synonym_groups():
    """Every synonym group as a list of phrases (defaults first); one database query per cache version."""
    key = GROUPS_KEY.format(version=_version())
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
