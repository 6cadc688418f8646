"""Risk and emotion phrases: the explainable half of grading (DESIGN §1 "Grade by nature") and of
the emotion score.

A phrase is a signal unless a negation stands just before it in the same clause (没有受伤,
并未造成损失, 不会起诉); "不排除起诉" and "不然就曝光" keep theirs. Phrases are matched on the normal
form (traditional and full-width input included) and reported with offsets into the text as the
customer wrote it, for the UI to highlight. Sentiment libraries miss exactly these threats (DESIGN
§4: "再不退款我就起诉你们" scored positive), which is why they are rules and not only a model.
"""

import re
from dataclasses import dataclass, field

from closeloop.cases.choices import Emotion as EmotionChoice
from closeloop.nlp.classifier import TextClassifier
from closeloop.nlp.text import normalised
from closeloop.policy.choices import GRADE_RANK, Grade


def _phrases(*lines: str) -> tuple[str, ...]:
    return tuple(phrase for line in lines for phrase in line.split())


RISK_PHRASES: dict[str, tuple[str, ...]] = {
    "injury": _phrases(
        "受伤 伤到 弄伤 烫伤 烧伤 划伤 割伤 摔伤 砸伤 咬伤 骨折 流血 住院 送医",
        "进了医院 急诊 食物中毒 中毒 过敏 晕倒 昏迷 死亡 身亡 致残 拉肚子 腹泻 呕吐",
    ),
    "safety": _phrases(
        "安全隐患 不安全 危险 爆炸 炸了 起火 着火 自燃 冒烟 漏电 触电 漏气",
        "燃气泄漏 煤气泄漏 有毒 甲醛超标 变质 发霉 过期 异物 坍塌 倒塌 短路",
    ),
    "money_loss": _phrases(
        "被骗 诈骗 骗钱 盗刷 乱扣费 多扣 重复扣费 乱收费 多收费 不退款 拒不退款 不退钱",
        "没退款 未退款 没到账 未到账 不到账 损失 卷款 跑路 押金不退 不退押金 扣了钱 被扣款",
    ),
    "lawsuit": _phrases("起诉 上诉 诉讼 法院 律师 打官司 法律途径 法律手段 法律责任 报警 仲裁"),
    "regulator": _phrases(
        "消协 消费者协会 消保委 12315 12345 12365 工商局 市场监管 市场监督管理",
        "监管部门 银保监 金融监管 信访",
    ),
    "media": _phrases("曝光 媒体 记者 电视台 报社 微博 抖音 热搜 发帖 朋友圈 舆论 公之于众 上新闻"),
    "group": _phrases("集体 联名 业主们 大家一起 很多人 多名 群体 维权群 上百人 几十人 全体业主 众多"),
}

EMOTION_PHRASES: dict[str, tuple[str, ...]] = {
    "anger": _phrases(
        "气死 生气 愤怒 气愤 太过分 过分 欺人太甚 忍无可忍 垃圾 骗子 差劲 恶心 无耻",
        "坑人 坑爹 什么玩意 岂有此理 混蛋 他妈 妈的 tmd 傻逼 去死 黑心 奸商 态度恶劣",
        "忍不了 受够了 火大 恼火 无语 !!! ?!",
    ),
    "anxiety": _phrases(
        "着急 著急 急死 焦急 焦虑 担心 担忧 害怕 恐慌 怎么办 急用 尽快 赶紧",
        "十万火急 睡不着 等不了 心急如焚 快点",
    ),
    "disappointment": _phrases("失望 遗憾 后悔 心寒 寒心 再也不 不会再 最后一次 无奈 伤心"),
}

# DESIGN §1: urgent for safety risk and money loss (and injury, a safety risk that happened); major
# for a possible legal dispute, media or public-opinion risk, a group incident, and a regulator.
RISK_GRADE = {
    "injury": Grade.URGENT,
    "safety": Grade.URGENT,
    "money_loss": Grade.URGENT,
    "lawsuit": Grade.MAJOR,
    "regulator": Grade.MAJOR,
    "media": Grade.MAJOR,
    "group": Grade.MAJOR,
}

NEGATORS = ("没有", "没", "未", "无", "不", "别")
# Words that start with a negator and negate nothing, or announce the threat ("不排除起诉").
NOT_NEGATING = (
    "不排除",
    "不惜",
    "不得不",
    "不但",
    "不仅",
    "不然",
    "不停",
    "不断",
    "不少",
    "不久",
    "不管",
    "不过",
    "无论",
    "未来",
    "没完",
)
# What may stand between a negation and the phrase it negates: 没有被烫伤, 并未造成任何损失,
# 无人受伤, 不会起诉. Anything else ends its reach, so in 再不退款我就起诉 the 不 negates 退款, not 起诉.
NEGATION_GAP = frozenset("被有人造成任何出现发生会要想打算再得到导致遭受感到过了是")
NEGATION_REACH = 4

# Each cue raises its score by this share of what is left (a noisy-OR): one cue 0.35, two 0.58.
CUE_WEIGHT = 0.35
# A model's labels that stand for our emotions (SMP2020's fear and sadness included).
MODEL_EMOTIONS = {
    "angry": "anger",
    "anxious": "anxiety",
    "fear": "anxiety",
    "disappointed": "disappointment",
    "sad": "disappointment",
}


@dataclass(frozen=True)
class Signal:
    """A phrase of `kind` at [start, end) of the original text."""

    kind: str
    phrase: str
    start: int
    end: int


@dataclass(frozen=True)
class GradeSuggestion:
    grade: str
    signals: list[Signal]
    reason: str


@dataclass(frozen=True)
class Emotion:
    anger: float
    anxiety: float
    label: str
    phrases: list[Signal] = field(default_factory=list)
    disappointment: float = 0.0


def _pattern(lexicon: dict[str, tuple[str, ...]]) -> re.Pattern:
    # Longest first, so 食物中毒 wins over 中毒 and 拒不退款 over 不退款.
    phrases = sorted({p for ps in lexicon.values() for p in ps}, key=len, reverse=True)
    return re.compile("|".join(_bounded(p) for p in phrases))


def _bounded(phrase: str) -> str:
    """A Latin or digit end must not run on into more of its kind: 12345 is no hotline inside the
    phone number 13812345678, nor tmd inside a word."""
    pattern = re.escape(phrase)
    if phrase[0].isascii() and phrase[0].isalnum():
        pattern = f"(?<![0-9a-z]){pattern}"
    if phrase[-1].isascii() and phrase[-1].isalnum():
        pattern = f"{pattern}(?![0-9a-z])"
    return pattern


_RISK = _pattern(RISK_PHRASES)
_RISK_KIND = {p: kind for kind, ps in RISK_PHRASES.items() for p in ps}
_EMOTION = _pattern(EMOTION_PHRASES)
_EMOTION_KIND = {p: kind for kind, ps in EMOTION_PHRASES.items() for p in ps}


def _negated(text: str, start: int) -> bool:
    """Whether a negation governs the phrase at `start`: one stands before it in the same clause
    with only `NEGATION_GAP` characters between."""
    gap_start = start
    while gap_start > 0 and start - gap_start < NEGATION_REACH and text[gap_start - 1] in NEGATION_GAP:
        gap_start -= 1
    # Try each place a negator may end: right before the phrase, or before some of the gap.
    for end in range(start, gap_start - 1, -1):
        for negator in NEGATORS:
            at = end - len(negator)
            if at >= 0 and text.startswith(negator, at) and not _inside_word(text, at, len(negator)):
                return True
    return False


def _inside_word(text: str, at: int, length: int) -> bool:
    """Whether text[at:at+length] is part of a `NOT_NEGATING` word there (不得不 ends with 不)."""
    for word in NOT_NEGATING:
        for offset in range(len(word) - length + 1):
            if text.startswith(word, at - offset) and at - offset >= 0:
                return True
    return False


def _find(text: str, pattern: re.Pattern, kinds: dict[str, str], *, negation: bool) -> list[Signal]:
    normal = normalised(text)
    found = []
    for match in pattern.finditer(normal.text):
        phrase = match.group()
        if negation and phrase[0] not in "不没未" and _negated(normal.text, match.start()):
            continue
        start, end = normal.span(match.start(), match.end())
        found.append(Signal(kinds[phrase], text[start:end], start, end))
    return found


def risk_signals(text: str) -> list[Signal]:
    """Risk phrases in the order they occur, with offsets into `text` itself."""
    return _find(text, _RISK, _RISK_KIND, negation=True)


def suggest_grade(text: str) -> GradeSuggestion:
    """The highest grade any risk signal calls for: major beats urgent beats general."""
    signals = risk_signals(text)
    grade = Grade.GENERAL
    for signal in signals:
        if GRADE_RANK[RISK_GRADE[signal.kind]] > GRADE_RANK[grade]:
            grade = RISK_GRADE[signal.kind]
    if not signals:
        return GradeSuggestion(Grade.GENERAL.value, [], "No risk phrase found.")
    kinds: dict[str, list[str]] = {}
    for signal in signals:
        kinds.setdefault(signal.kind, [])
        if signal.phrase not in kinds[signal.kind]:
            kinds[signal.kind].append(signal.phrase)
    described = "; ".join(f"{kind}: {', '.join(phrases)}" for kind, phrases in kinds.items())
    return GradeSuggestion(grade.value, signals, f"{grade.value} because of {described}.")


def _noisy_or(*shares: float) -> float:
    rest = 1.0
    for share in shares:
        rest *= 1.0 - min(max(share, 0.0), 1.0)
    return 1.0 - rest


def emotion(text: str, model: TextClassifier | None = None) -> Emotion:
    """Anger and anxiety from 0 to 1 with the cue phrases behind them, and the emotion label
    (calm, anxious, angry, disappointed) to record at intake. With a trained `model`, its
    probabilities count as one more piece of evidence beside the phrases."""
    phrases = _find(text, _EMOTION, _EMOTION_KIND, negation=True)
    scores = {}
    for kind in EMOTION_PHRASES:
        cues = sum(1 for p in phrases if p.kind == kind)
        scores[kind] = _noisy_or(*([CUE_WEIGHT] * cues))
    if model is not None:
        for label, probability in zip(model.labels, model.probabilities([text])[0], strict=True):
            kind = MODEL_EMOTIONS.get(label)
            if kind is not None:
                scores[kind] = _noisy_or(scores[kind], float(probability))
    strongest = max(scores, key=lambda kind: scores[kind])
    label = EmotionChoice.CALM
    if scores[strongest] >= 0.5:
        label = {
            "anger": EmotionChoice.ANGRY,
            "anxiety": EmotionChoice.ANXIOUS,
            "disappointment": EmotionChoice.DISAPPOINTED,
        }[strongest]
    return Emotion(
        anger=round(scores["anger"], 3),
        anxiety=round(scores["anxiety"], 3),
        label=label.value,
        phrases=phrases,
        disappointment=round(scores["disappointment"], 3),
    )
