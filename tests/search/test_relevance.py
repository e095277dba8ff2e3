"""Relevance on a small FAQ written for this test: what a borrower notices when asking in their own words."""

import json

import pytest
from django.core.management import call_command

from content.models import PolicyAnswerPage
from search import service

pytestmark = pytest.mark.django_db

# Short original entries (not the development evaluation set), on the topics borrowers ask about.
ENTRIES = [
    (
        "rel-01",
        "信用卡欠款无力偿还时可以怎么做？",
        "先联系发卡银行说明困难，申请个性化分期或延期还款。",
        ["信用卡", "无力还款"],
    ),
    (
        "rel-02",
        "什么是砍头息？",
        "砍头息是放款时先从本金里扣掉的利息，借款人实际拿到的钱少于合同金额。",
        ["砍头息"],
    ),
    (
        "rel-03",
        "遭遇暴力催收应该如何投诉？",
        "保留通话录音和短信，向金融监管部门或互金协会投诉。",
        ["暴力催收", "投诉"],
    ),
    (
        "rel-04",
        "征信修复公司可信吗？",
        "征信上真实的逾期记录任何公司都无法删除，所谓征信修复多为骗局。",
        ["征信修复"],
    ),
    (
        "rel-05",
        "催收人员可以联系我的家人吗？",
        "催收不得骚扰与债务无关的第三人，也不得向家人透露欠款细节。",
        ["催收", "家人"],
    ),
    (
        "rel-06",
        "网贷逾期会影响征信吗？",
        "接入征信的网贷逾期后会留下记录，还清后保留五年。",
        ["网贷", "逾期", "征信"],
    ),
    ("rel-07", "年化利率怎么计算？", "把所有利息和费用折算成一年的成本，用内部收益率法计算。", ["年化利率"]),
    (
        "rel-08",
        "停息挂账是真的吗？",
        "停息挂账是民间说法，银行不会承诺停止计息，需要与银行个别协商。",
        ["停息挂账"],
    ),
    (
        "rel-09",
        "失业后贷款还不上怎么办？",
        "尽快联系贷款机构说明失业情况，提供离职证明，申请延期或分期。",
        ["失业"],
    ),
    (
        "rel-10",
        "协商还款需要准备哪些材料？",
        "收入证明、困难证明、身份证复印件和还款计划。",
        ["协商还款", "材料"],
    ),
    ("rel-11", "借呗可以申请分期还款吗？", "逾期前可在支付宝内联系客服，说明困难申请延期或分期。", ["借呗"]),
    (
        "rel-12",
        "罚息和违约金可以减免吗？",
        "部分机构对确有困难的借款人会减免部分罚息，需要主动申请。",
        ["罚息", "减免"],
    ),
    ("rel-13", "被起诉后会坐牢吗？", "欠款纠纷是民事案件，不会因为还不上钱坐牢，但要按时应诉。", ["起诉"]),
    (
        "rel-14",
        "最低还款有什么影响？",
        "只还最低还款额不算逾期，但剩余欠款会按日计息，成本很高。",
        ["最低还款"],
    ),
    (
        "rel-15",
        "如何查询个人信用报告？",
        "可以在人民银行征信中心网站或银行网点免费查询信用报告。",
        ["信用报告"],
    ),
]


@pytest.fixture
def answers(tmp_path):
    lines = [
        json.dumps(
            {"id": key, "question": q, "answer": a, "category": "general", "tags": tags, "lang": "zh-hans"},
            ensure_ascii=False,
        )
        for key, q, a, tags in ENTRIES
    ]
    path = tmp_path / "faq.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    call_command("import_faq", str(path), verbosity=0)
    return PolicyAnswerPage.objects.filter(external_id__startswith="rel-")


def ids(answers, query):
    return [page.external_id for page in service.search(query, answers.live())[:5]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("我信用卡欠的钱还不起了咋办", "rel-01"),  # a colloquial question
        ("暴力催收怎麼投訴", "rel-03"),  # traditional characters
        ("zhengxin xiufu", "rel-04"),  # pinyin
        ("坎头息是什么", "rel-02"),  # a homophone typo
        ("催债的人骚扰我家人", "rel-05"),  # a synonym (催债 ~ 催收)
        ("协商要准备啥资料", "rel-10"),  # a synonym (资料 ~ 材料)
        ("信用卡 min payment 影响", "rel-14"),  # Chinese mixed with English
    ],
)
def test_a_borrowers_question_finds_its_answer_first(answers, query, expected):
    assert ids(answers, query)[:1] == [expected]


@pytest.mark.parametrize("query", ["护照过期了怎么办理", "股票怎么开户炒股", "车险理赔流程"])
def test_a_question_the_site_does_not_answer_returns_nothing(answers, query):
    assert ids(answers, query) == []


@pytest.fixture
def english_answer(answers, tmp_path):
    """An English answer on a topic a Chinese answer also covers (rel-05: collectors and the family)."""
    line = {
        "id": "rel-en-01",
        "question": "Can debt collectors call my family?",
        "answer": "Collectors must not harass relatives who have nothing to do with the debt.",
        "category": "general",
        "tags": ["debt collection", "family"],
        "lang": "en",
    }
    path = tmp_path / "faq-en.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    call_command("import_faq", str(path), verbosity=0)
    return PolicyAnswerPage.objects.filter(external_id__startswith="rel-")


def test_an_english_question_also_finds_the_chinese_answer_after_the_english_one(english_answer):
    found = ids(english_answer, "debt collector harassing my family")
    assert found[0] == "rel-en-01"
    assert "rel-05" in found[1:3]


def test_a_chinese_question_puts_the_chinese_answer_before_the_english_one(english_answer):
    found = ids(english_answer, "催收天天骚扰我家人")
    assert found[0] == "rel-05"
    assert "rel-en-01" in found[1:]


def test_the_last_sentence_of_a_long_question_is_what_it_asks(answers):
    query = "我的信用卡逾期三个月了，银行和网贷天天打电话催收，我实在没办法，协商还款需要准备哪些材料"
    assert ids(answers, query)[:1] == ["rel-10"]
