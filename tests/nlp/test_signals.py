import pytest

from closeloop.nlp.classifier import TextClassifier
from closeloop.nlp.signals import emotion, risk_signals, suggest_grade
from closeloop.policy.choices import Grade


def kinds(text: str) -> list[str]:
    return [s.kind for s in risk_signals(text)]


def test_offsets_point_into_the_original_traditional_text():
    text = "我要投訴，退款還沒到賬，再不處理就去消協"
    found = risk_signals(text)
    assert [(s.kind, s.phrase) for s in found] == [("money_loss", "沒到賬"), ("regulator", "消協")]
    for signal in found:
        assert text[signal.start : signal.end] == signal.phrase


def test_offsets_survive_full_width_and_collapsed_spaces():
    text = "　　热水器   漏电，孩子被烫伤，打１２３１５"
    found = risk_signals(text)
    assert [s.kind for s in found] == ["safety", "injury", "regulator"]
    assert [text[s.start : s.end] for s in found] == ["漏电", "烫伤", "１２３１５"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("孩子没有受伤", []),
        ("并未造成任何损失", []),
        ("无人受伤", []),
        ("我们不会起诉", []),
        ("没人管，孩子烫伤了", ["injury"]),
        ("再不退款我就起诉你们", ["money_loss", "lawsuit"]),
        ("不排除起诉", ["lawsuit"]),
        ("我不得不报警", ["lawsuit"]),
        ("热水器不安全", ["safety"]),
        ("请回电13812345678", []),
        ("打了12345热线", ["regulator"]),
    ],
)
def test_negation_is_read_in_its_clause(text, expected):
    assert kinds(text) == expected


@pytest.mark.parametrize(
    ("text", "grade"),
    [
        ("我要起诉你们", Grade.MAJOR),
        ("再不处理就找媒体曝光", Grade.MAJOR),
        ("业主们联名投诉物业", Grade.MAJOR),
        ("已经打了12315", Grade.MAJOR),
        ("燃气灶漏气，很危险", Grade.URGENT),
        ("银行卡被盗刷三千元", Grade.URGENT),
        ("吃了以后食物中毒住院", Grade.URGENT),
        ("快递慢了一天，希望改进", Grade.GENERAL),
        ("没有受伤，也没有损失，只是包装破了", Grade.GENERAL),
    ],
)
def test_grade_follows_the_strongest_signal(text, grade):
    suggestion = suggest_grade(text)
    assert suggestion.grade == grade.value
    assert (suggestion.signals == []) == (grade == Grade.GENERAL)


def test_a_lawsuit_threat_is_never_general_and_says_why():
    suggestion = suggest_grade("我要起诉你们")
    assert suggestion.grade == Grade.MAJOR.value
    assert "起诉" in suggestion.reason and "lawsuit" in suggestion.reason


def test_emotion_from_cue_phrases():
    angry = emotion("气死我了！！！客服态度恶劣，太差劲")
    assert angry.label == "angry" and angry.anger > 0.7
    assert {p.phrase for p in angry.phrases} >= {"气死", "！！！", "态度恶劣", "差劲"}
    anxious = emotion("钱还没到账，我很着急，急用，怎么办")
    assert anxious.label == "anxious" and anxious.anxiety > anxious.anger
    assert emotion("我一点也不生气，只是提个建议").label == "calm"


def test_emotion_model_adds_to_the_phrases():
    texts = ["你们简直是一群废物", "什么破服务烂透了", "请问几点营业", "发票已经收到谢谢"] * 5
    labels = ["angry", "angry", "calm", "calm"] * 5
    model = TextClassifier().fit(texts, labels)
    plain = emotion("烂透了的服务")
    helped = emotion("烂透了的服务", model=model)
    assert plain.anger == 0.0
    assert helped.anger > 0.5 and helped.label == "angry"
