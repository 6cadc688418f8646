"""The redaction engine (脱敏; DESIGN "Disclosure", seed 003): personal data out of free text and fields.

    redact(text, policy) -> RedactedText(text, spans)

Every detector proposes spans of the input; overlapping proposals resolve to the higher priority,
then the longer one; each kept span is replaced and the text around it is left exactly as it was.

Numbers are validated before they are touched, so order numbers, amounts and dates that merely
look like one survive: an 18-digit ID needs a real birth date and the GB 11643 check digit, a bank
card the Luhn digit, a mobile an allocated prefix, a landline a real area code. A cue in front of
the number (身份证号, 卡号, 手机 …) or a personal field (`field=`) says what it is, and then it is
masked without validation — a mistyped ID is still someone's ID. A number after an order cue
(订单号, 运单号 …) is an order number, not a card or a phone, whether or not the policy removes it.

Names, in order of trust: the case's known parties and staff (exact), cue words and roles around a
surname (我叫…, …先生, 客服…, 研究员…), jieba's dictionary of names, a surname from the 百家姓 followed
by characters that jieba's dictionary often sees in given names, runs of transliteration characters
(foreign names; two characters need a role, a speech verb or their Latin spelling), Latin words that
are not brands or technical words (data/latin_words.txt), and what stands in a list with a name.
Recall matters more than precision here: a missed name is a leak, an extra 某某 is an odd word
(docs/benchmarks.md "Redaction"). A guessed name never cuts into a known person or into a role label
the engine put in, so redacting a redacted text changes nothing.
"""

import functools
import logging
import math
import os
import re
import tempfile
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.conf import settings

from closeloop.disclosure.policies import Gender, Kind, NameStyle, RedactionPolicy

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Span:
    """`start`/`end` are offsets into the input text; `replacement` is what stands there now."""

    start: int
    end: int
    kind: Kind
    replacement: str


@dataclass(frozen=True)
class RedactedText:
    text: str
    spans: tuple[Span, ...]


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    kind: Kind
    replacement: str
    priority: int


# Known people first (the case says who they are); validated numbers before the patterns that only
# guess; an order cue beats the weak Luhn digit (one random number in ten passes it).
PRIORITY = {
    Kind.STAFF: 100,
    Kind.EMAIL: 95,
    Kind.ID_CARD: 90,
    Kind.ORDER: 85,
    Kind.BANK_CARD: 80,
    Kind.MOBILE: 75,
    Kind.LANDLINE: 70,
    Kind.PASSPORT: 65,
    Kind.ACCOUNT: 62,
    Kind.PLATE: 60,
    Kind.ADDRESS: 40,
    Kind.NAME: 30,
}
KNOWN_NAME_PRIORITY = 99
CUED_NAME_PRIORITY = 45
# What a member of staff without a role in the policy is called.
STAFF_LABEL = "工作人员"


def redact(text: str, policy: RedactionPolicy, *, field: Kind | None = None) -> RedactedText:
    """Remove what `policy` removes from `text`. With `field`, the text is the value of a personal field
    of that kind (a customer's phone, ID number, address …) and is masked whole, valid or not."""
    if field is not None:
        return _redact_field(text, field, policy)
    hits = [
        hit
        for hit in _detect(text, policy)
        # A disabled order number still shields its digits from the card and phone detectors.
        if hit.kind in policy.kinds or hit.kind is Kind.ORDER
    ]
    # A guessed name never cuts into a known person (师傅李志强: not 师傅李), nor into a role label the
    # engine puts in (师傅Handler, redacted again, stays as it is).
    settled = [(h.start, h.end) for h in hits if h.priority >= KNOWN_NAME_PRIORITY]
    settled += [
        (found.start(), found.end())
        for label in {*policy.staff.values(), STAFF_LABEL}
        if label
        for found in re.finditer(re.escape(label), text)
    ]
    # An "address" spelled by a name after a role (研究员赵路兴: 赵路) is no address.
    cued = [(h.start, h.end) for h in hits if h.kind is Kind.NAME and h.priority == CUED_NAME_PRIORITY]
    hits = [
        hit
        for hit in hits
        if not (hit.kind is Kind.NAME and hit.priority < KNOWN_NAME_PRIORITY and _overlaps(hit, settled))
        and not (hit.kind is Kind.ADDRESS and _overlaps(hit, cued))
    ]
    kept = [
        hit
        for hit in _resolve(hits, policy.mask)
        if hit.kind in policy.kinds and hit.replacement != text[hit.start : hit.end]
    ]
    return _apply(text, kept)


def _overlaps(hit: _Hit, spans: list[tuple[int, int]]) -> bool:
    return any(start < hit.end and hit.start < end for start, end in spans)


def _redact_field(text: str, kind: Kind, policy: RedactionPolicy) -> RedactedText:
    value = text.strip()
    if kind not in policy.kinds or not value:
        return RedactedText(text=text, spans=())
    start = text.index(value)
    replacement = {
        Kind.MOBILE: _mask_phone,
        Kind.LANDLINE: _mask_landline,
        Kind.ID_CARD: _mask_document,
        Kind.BANK_CARD: _mask_document,
        Kind.PASSPORT: _mask_document,
        Kind.ORDER: _mask_document,
        Kind.EMAIL: _mask_email,
        Kind.PLATE: _mask_plate,
        Kind.ACCOUNT: _mask_account,
        Kind.ADDRESS: _mask_address_field,
    }.get(kind)
    if kind in (Kind.NAME, Kind.STAFF):
        hit = _name_hit(text, start, start + len(value), policy, kind=kind)
        masked = hit.replacement
    else:
        assert replacement is not None
        masked = replacement(value, policy.mask)
    return _apply(text, [_Hit(start, start + len(value), kind, masked, 0)])


def _apply(text: str, hits: list[_Hit]) -> RedactedText:
    parts: list[str] = []
    spans: list[Span] = []
    position = 0
    for hit in sorted(hits, key=lambda h: h.start):
        parts.append(text[position : hit.start])
        parts.append(hit.replacement)
        spans.append(Span(hit.start, hit.end, hit.kind, hit.replacement))
        position = hit.end
    parts.append(text[position:])
    return RedactedText(text="".join(parts), spans=tuple(spans))


def _resolve(hits: list[_Hit], mask: str) -> list[_Hit]:
    """Highest priority first, then the longest, then the earliest. A hit partly covered by a kept one
    keeps its uncovered part, masked, so that no character of it stays (an address keeps its own
    replacement for the part before the other hit: the district prefix is at its start)."""
    taken: list[_Hit] = []
    for hit in sorted(hits, key=lambda h: (-h.priority, -(h.end - h.start), h.start)):
        overlapping = sorted(
            (other for other in taken if other.start < hit.end and hit.start < other.end),
            key=lambda h: h.start,
        )
        if not overlapping:
            taken.append(hit)
            continue
        position = hit.start
        for other in [*overlapping, _Hit(hit.end, hit.end, hit.kind, "", 0)]:
            if other.start > position:
                keep_own = hit.kind is Kind.ADDRESS and position == hit.start
                replacement = hit.replacement if keep_own else mask * (other.start - position)
                taken.append(_Hit(position, other.start, hit.kind, replacement, hit.priority))
            position = max(position, other.end)
    return taken


def _detect(text: str, policy: RedactionPolicy) -> Iterator[_Hit]:
    yield from _numbers(text, policy)
    if policy.kinds & {Kind.NAME, Kind.STAFF}:
        yield from _known_people(text, policy)
    names: list[_Hit] = []
    needs_words = policy.kinds & {Kind.NAME, Kind.ADDRESS}
    if needs_words and _HAN.search(text):
        tokens = _tokens(text)
        if Kind.NAME in policy.kinds:
            names.extend(_names(text, tokens, policy))
        if Kind.ADDRESS in policy.kinds:
            yield from _addresses(text, tokens, policy)
    if Kind.NAME in policy.kinds:
        names.extend(_latin_names(text, policy))
        yield from names
        yield from _bracketed_latin(text, names)
        yield from _listed_names(text, names, policy)


# --- numbers ------------------------------------------------------------------------------------

_CUE_TAIL = r"\s*(?:号码|号|码)?\s*(?:是|为|:|：)?\s*$"
_CUES = {
    Kind.MOBILE: re.compile(r"(?:手机|电话|联系方式|联系|致电|拨打|来电|tel|mobile|phone)" + _CUE_TAIL, re.I),
    Kind.ID_CARD: re.compile(r"(?:身份证|证件|公民身份|ID\s*(?:card|no\.?|number)?)" + _CUE_TAIL, re.I),
    Kind.BANK_CARD: re.compile(
        r"(?:卡号|银行卡|信用卡|储蓄卡|借记卡|账号|账户|card\s*(?:no\.?|number)?)" + _CUE_TAIL, re.I
    ),
    Kind.PASSPORT: re.compile(r"(?:护照|通行证|passport\s*(?:no\.?|number)?)" + _CUE_TAIL, re.I),
}
_CUE_REACH = 16

_MOBILE = re.compile(r"(?<!\d)(?:(?:\+|00)?86[\s-]?)?(1\d{2})[\s-]?(\d{4})[\s-]?(\d{4})(?!\d)")
# MIIT allocations: 13x, 145–149, 15x but 154, 162/165/166/167, 170–178, 18x, 19x but 194.
_MOBILE_PREFIX = re.compile(r"13\d|14[5-9]|15[0-35-9]|16[2567]|17[0-8]|18\d|19[0-35-9]")
_LANDLINE = re.compile(
    r"(?:[(（]\s*(0\d{2,3})\s*[)）]\s*-?\s*|(?<!\d)(0\d{2,3})[\s-]|(?<![\d)）-]))([2-9]\d{6,7})"
    r"(?:(?:-|转|ext\.?\s?)\d{1,5})?(?!\d)"
)
# An extension is the organisation's, not the person's: it stays.
_EXTENSION = re.compile(r"(?:-|转|ext\.?\s?)\d{1,5}$")
_LANDLINE_JOINED = re.compile(r"(?<!\d)0\d{9,11}(?!\d)")
_AREA_CODE = re.compile(r"010|02\d|0[3-9]\d\d")
_ID = re.compile(r"(?<!\d)([1-9]\d{5})\s?((?:18|19|20)\d{6})\s?(\d{3}[\dXx])(?!\d)")
_ID_LOOSE = re.compile(r"(?<!\d)(?:\d{17}[\dXx]|\d{15})(?!\d)")
_CARD = re.compile(r"(?<!\d)(?:\d{4,6}(?:[ -]\d{3,6}){2,4}|\d{15,19})(?!\d)")
_CARD_LOOSE = re.compile(r"(?<!\d)(?:\d{4}(?:[ -]\d{3,6}){2,4}|\d{12,19})(?!\d)")
_EMAIL = re.compile(
    r"[A-Za-z0-9._%+\-]+[@＠][A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}"
)
_PLATE = re.compile(
    r"(?<![A-Za-z0-9])([京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼])\s?([A-HJ-NP-Z])"
    r"[·•・\s-]?([A-HJ-NP-Z0-9]{5,6}|[A-HJ-NP-Z0-9]{4}[挂学警港澳])(?![A-Za-z0-9])"
)
_PASSPORT = re.compile(r"(?<![A-Za-z0-9])(?:[EG]\d{8}|E[A-HJ-NP-Z]\d{7})(?![A-Za-z0-9])")
_PASSPORT_LOOSE = re.compile(r"(?<![A-Za-z0-9])[A-Z]{1,2}\d{6,8}(?![A-Za-z0-9])")
_ACCOUNT = re.compile(
    r"(?:QQ|微信|wechat|weixin|vx|wx)\s*(?:号码|账号|号)?\s*(?:是|为)?\s*[:：]?\s*"
    r"([A-Za-z0-9][A-Za-z0-9_\-]{4,19})(?![A-Za-z0-9_\-])",
    re.I,
)
_ORDER = re.compile(
    r"(?:订单编号|订单号|订单|运单号|快递单号|物流单号|单号|交易号|流水号|工单号|"
    r"order\s*(?:no\.?|number|id|#)|tracking\s*(?:no\.?|number)?)"
    r"\s*(?:码)?\s*(?:是|为)?\s*[:：#]?\s*([A-Za-z0-9][A-Za-z0-9\-]{5,39})(?![A-Za-z0-9])",
    re.I,
)
_COURIER = re.compile(r"(?<![A-Za-z0-9])(?:SF\d{12,15}|YT\d{13}|JT\d{13}|JD[A-Z0-9]{10,15})(?![A-Za-z0-9])")


def _cued(text: str, start: int, kind: Kind) -> bool:
    return bool(_CUES[kind].search(text[max(0, start - _CUE_REACH) : start]))


def _digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit() or ch in "Xx")


def id_check_digit(first17: str) -> str:
    """GB 11643-1999: weights 2^(17-i) mod 11, checksum mapped through 1 0 X 9 8 7 6 5 4 3 2."""
    total = sum(int(d) * (2 ** (17 - i) % 11) for i, d in enumerate(first17))
    return "10X98765432"[total % 11]


def id_valid(number: str) -> bool:
    if len(number) != 18 or not number[:17].isdigit():
        return False
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    return 1900 <= born.year <= 2100 and id_check_digit(number[:17]) == number[17].upper()


def luhn_valid(number: str) -> bool:
    total = 0
    for i, d in enumerate(reversed(number)):
        n = int(d) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def _keep(value: str, head: int, tail: int, mask: str) -> str:
    hidden = max(len(value) - head - tail, 1)
    return value[:head] + mask * hidden + (value[-tail:] if tail else "")


def _mask_phone(value: str, mask: str) -> str:
    digits = _digits(value)
    if len(digits) > 11 and digits.startswith("86"):
        digits = digits[-11:]
    return _keep(digits, 3, 4, mask) if len(digits) >= 8 else mask * len(digits)


def _mask_landline(value: str, mask: str) -> str:
    extension = _EXTENSION.search(value) if value.count("-") > 1 or "转" in value or "ext" in value else None
    if extension:
        return _mask_landline(value[: extension.start()], mask) + extension.group()
    digits = _digits(value)
    match = _AREA_CODE.match(digits) if digits.startswith("0") else None
    area = match.group() if match else ""
    local = digits[len(area) :]
    return (f"{area}-" if area else "") + _keep(local, 0, min(4, len(local) // 2), mask)


def _mask_document(value: str, mask: str) -> str:
    """ID cards, bank cards, passports, order numbers: the last four only (seed 003)."""
    plain = "".join(ch for ch in value if ch.isalnum())
    return mask * max(len(plain) - 4, 1) + plain[-4:] if len(plain) > 4 else mask * len(plain)


def _mask_address_field(value: str, mask: str) -> str:
    kept = 0
    for token in _tokens(value):
        if not _is_admin(token, _lexicon()):
            break
        kept = token.end
    return value[:kept] + mask * 3 if kept < len(value) else value


def _mask_email(value: str, mask: str) -> str:
    local, _at, domain = value.replace("＠", "@").partition("@")
    return f"{local[:1]}{mask * 3}@{domain}"


def _mask_plate(value: str, mask: str) -> str:
    plain = "".join(ch for ch in value if ch.isalnum())
    return plain[:2] + mask * (len(plain) - 2)


def _mask_account(value: str, mask: str) -> str:
    return _keep(value, 1, 1, mask) if len(value) > 4 else mask * len(value)


def _numbers(text: str, policy: RedactionPolicy) -> Iterator[_Hit]:
    mask = policy.mask

    def hit(match: re.Match, kind: Kind, masked: str, group: int = 0) -> _Hit:
        return _Hit(match.start(group), match.end(group), kind, masked, PRIORITY[kind])

    if "@" in text or "＠" in text:
        for m in _EMAIL.finditer(text):
            yield hit(m, Kind.EMAIL, _mask_email(m.group(), mask))
    for m in _ORDER.finditer(text):
        yield hit(m, Kind.ORDER, _mask_document(m.group(1), mask), 1)
    for m in _COURIER.finditer(text):
        yield hit(m, Kind.ORDER, _mask_document(m.group(), mask))
    if not any(ch.isdigit() for ch in text):
        return
    for m in _ID.finditer(text):
        if id_valid("".join(m.groups())) or _cued(text, m.start(), Kind.ID_CARD):
            yield hit(m, Kind.ID_CARD, _mask_document(m.group(), mask))
    for m in _ID_LOOSE.finditer(text):
        if _cued(text, m.start(), Kind.ID_CARD):
            yield hit(m, Kind.ID_CARD, _mask_document(m.group(), mask))
    for m in _CARD.finditer(text):
        digits = _digits(m.group())
        if 15 <= len(digits) <= 19 and luhn_valid(digits):
            yield hit(m, Kind.BANK_CARD, _mask_document(m.group(), mask))
    for m in _CARD_LOOSE.finditer(text):
        if _cued(text, m.start(), Kind.BANK_CARD):
            yield hit(m, Kind.BANK_CARD, _mask_document(m.group(), mask))
    for m in _MOBILE.finditer(text):
        if _MOBILE_PREFIX.fullmatch(m.group(1)) or _cued(text, m.start(), Kind.MOBILE):
            yield hit(m, Kind.MOBILE, _mask_phone(m.group(), mask))
    for m in _LANDLINE.finditer(text):
        area = m.group(1) or m.group(2)
        if (area and _AREA_CODE.fullmatch(area)) or _cued(text, m.start(), Kind.MOBILE):
            yield hit(m, Kind.LANDLINE, _mask_landline(m.group(), mask))
    for m in _LANDLINE_JOINED.finditer(text):
        digits = m.group()
        area = _AREA_CODE.match(digits)
        local = digits[area.end() :] if area else ""
        if area and 7 <= len(local) <= 8 and local[0] not in "01":
            yield hit(m, Kind.LANDLINE, _mask_landline(digits, mask))
    for m in _PASSPORT.finditer(text):
        yield hit(m, Kind.PASSPORT, _mask_document(m.group(), mask))
    for m in _PASSPORT_LOOSE.finditer(text):
        if _cued(text, m.start(), Kind.PASSPORT):
            yield hit(m, Kind.PASSPORT, _mask_document(m.group(), mask))
    for m in _ACCOUNT.finditer(text):
        yield hit(m, Kind.ACCOUNT, _mask_account(m.group(1), mask), 1)
    for m in _PLATE.finditer(text):
        if sum(ch.isdigit() for ch in m.group(3)) >= 3:
            yield hit(m, Kind.PLATE, _mask_plate(m.group(), mask))


# --- words: jieba, loaded once and quietly --------------------------------------------------------

_HAN = re.compile(r"[\u4e00-\u9fff]")
NAME_TAGS = frozenset({"nr", "nrfg", "nrt"})


@dataclass(frozen=True)
class _Token:
    start: int
    word: str
    tag: str

    @property
    def end(self) -> int:
        return self.start + len(self.word)


@dataclass(frozen=True)
class _Lexicon:
    tagger: object
    tags: dict[str, str]
    surnames: frozenset[str]
    compound_surnames: frozenset[str]
    # log(how often a character is a surname / given-name character in jieba's dictionary of names
    # ÷ how often it stands as a word of its own): 王 +3.6, 于 +1.4, 时 −1.5; 芳 +3.2, 的 −3.3.
    surname_weight: dict[str, float]
    given_weight: dict[str, float]
    freq: dict[str, int]
    # Short names of provinces, cities and districts (杭州, 海淀): kept, as 杭州市 is.
    admin_short: frozenset[str]
    transliteration: frozenset[str]
    latin_words: frozenset[str]
    not_names: frozenset[str]


_LEXICON_LOCK = threading.Lock()


def _cache_dir() -> str:
    """jieba's prefix-dictionary cache goes to the var directory, never into the source tree; when
    that is not writable, to the system temp dir; when neither is, jieba rebuilds it each start."""
    for candidate in (Path(getattr(settings, "VAR_DIR", tempfile.gettempdir())) / "cache", None):
        path = Path(tempfile.gettempdir()) if candidate is None else candidate
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError:
            continue
        if os.access(path, os.W_OK):
            return str(path)
    return tempfile.gettempdir()


def _word_list(name: str) -> list[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@functools.cache
def _lexicon() -> _Lexicon:
    with _LEXICON_LOCK:
        import jieba
        import jieba.posseg

        logger = logging.getLogger("jieba")
        level = logger.level
        # jieba reports its progress on stderr at DEBUG, and a failed cache write as an error.
        logger.setLevel(logging.CRITICAL)
        try:
            tokenizer = jieba.Tokenizer()
            tokenizer.tmp_dir = _cache_dir()
            tokenizer.initialize()
            tagger = jieba.posseg.POSTokenizer(tokenizer)
        finally:
            logger.setLevel(level)
        lines = _word_list("surnames.txt")
        split = lines.index("compound:")
        surnames = frozenset("".join(lines[:split]))
        compound = frozenset(word for line in lines[split + 1 :] for word in line.split())
        tags = tagger.word_tag_tab
        surname_weight, given_weight = _name_weights(tags, tokenizer.FREQ, surnames, compound)
        return _Lexicon(
            tagger=tagger,
            tags=tags,
            surnames=surnames,
            compound_surnames=compound,
            surname_weight=surname_weight,
            given_weight=given_weight,
            freq=tokenizer.FREQ,
            admin_short=frozenset(
                word[:-1]
                for word, tag in tags.items()
                if tag == "ns" and len(word) >= 3 and word[-1] in "省市区县" and tags.get(word[:-1]) == "ns"
            ),
            transliteration=frozenset("".join(_word_list("transliteration.txt"))),
            latin_words=frozenset(" ".join(_word_list("latin_words.txt")).lower().split()),
            not_names=frozenset(" ".join(_word_list("not_names.txt")).split()),
        )


def _name_weights(tags, freq, surnames, compound) -> tuple[dict[str, float], dict[str, float]]:
    first: Counter = Counter()
    rest: Counter = Counter()
    for word, tag in tags.items():
        if tag != "nr" or not 2 <= len(word) <= 4:
            continue
        surname = word[:2] if word[:2] in compound else word[:1] if word[:1] in surnames else None
        if surname and len(word) > len(surname):
            first[surname] += 1
            rest.update(word[len(surname) :])
    singles = {ch: count for ch, count in freq.items() if len(ch) == 1}
    words_total = sum(singles.values())

    def weights(counts: Counter) -> dict[str, float]:
        total = sum(counts.values())
        return {
            ch: math.log((counts[ch] + 0.5) / total) - math.log((singles.get(ch, 0) + 1) / words_total)
            for ch in set(counts) | set(singles)
        }

    return weights(first), weights(rest)


def _tokens(text: str) -> list[_Token]:
    """jieba's dictionary segmentation with its part-of-speech tags. Without the HMM: it is eight
    times faster, and the HMM's guesses at unknown words are what the name rules below replace."""
    tokens = []
    position = 0
    for word, tag in _lexicon().tagger.cut(text, HMM=False):
        tokens.append(_Token(position, word, tag))
        position += len(word)
    return tokens


# --- names ----------------------------------------------------------------------------------------

# Words after a name that make it one and keep only the surname in front of them (王大明经理 → 王经理).
_TITLE_AFTER = re.compile(
    r"先生|女士|小姐|太太|夫人|经理|师傅|老师|医生|大夫|主任|律师|同学|阿姨|叔叔|大爷|大妈|大姐|大哥|"
    r"警官|护士|店长|主管|老板|局长|科长|处长|所长|院长|校长|书记|部长|队长|组长|董事长|总监|总经理|"
    r"教授|博士|记者|专员|同志|师父|老人|女儿|儿子|奶奶|爷爷|姥姥|外婆|婶婶|伯伯|大叔|大婶|老太|家属"
)
_CUE = re.compile(
    r"(?:我叫|我是|名叫|叫做|姓名|名字|联系人|投诉人|申请人|举报人|当事人|收件人|收货人|寄件人|业主|患者|"
    r"病人|顾客|客户|用户|消费者|本人|员工|工作人员|客服|店员|店长|经理|主管|快递员|配送员|骑手|司机|"
    r"师傅|医生|护士|老师|律师|记者|市民|村民|居民|网友|男子|女子|同事|朋友|丈夫|妻子|老公|老婆|"
    r"儿子|女儿|父亲|母亲|找到|联系|告诉|通知|委托|由|"
    # Roles written before a name (主任张新生, 主教练布朗, 选手Sky): in news and in complaints alike.
    r"主任|处长|局长|科长|院长|部长|书记|董事长|总经理|总裁|总监|主编|编辑|作家|画家|导演|演员|歌手|"
    r"主持人|教练|主帅|球员|队长|前锋|后卫|中场|门将|选手|解说|总统|总理|主席|发言人|分析师|研究员|"
    r"教授|博士|通讯员|实习生|作者|设计师|负责人|艺术家|收藏家|科学家|玩家|高手|新星|球星|大师|社长|"
    r"馆长|会长|秘书长|董事|制作人|评论员|法官|检察官|警官|民警|代表|委员|市长|省长|县长|镇长|村长)"
    r"了?\s*(?:是|为|叫)?\s*[:：]?\s*"
)
_MEASURED = frozenset("这那一两几每整半0123456789")
# One character before a name that makes one likelier (是张伟接待的, 跟王芳说, 被李强拒绝).
_WEAK_CUES = frozenset("是和跟与给让叫请被找问")
# Characters that end a given name: particles, pronouns, common verbs after a subject.
_STOP = frozenset(
    "的了在是和与及或跟同对向从到为以于被把给让叫说讲问答称表示也都就还又才再却并而但等们这那个些么吗呢吧啊呀"
    "我你他她它您谁啥哪有没不很太更最已曾将要会能可想来去上下里外中内前后年月日时分号元"
)


# Characters that end a given name as often as they end a clause (吴冠中, 闫大为, 周清来, 吴庆才).
_STOP_BUT_LAST = frozenset("中才来为元能和可月年")


def _surname_of(name: str, lexicon: _Lexicon) -> str | None:
    if name[:2] in lexicon.compound_surnames:
        return name[:2]
    if name[:1] in lexicon.surnames:
        return name[:1]
    return None


def _name_replacement(name: str, surname: str | None, gender: Gender | None, after: str, policy) -> str:
    if surname is None:
        if _HAN.search(name):
            return "某某"
        return f"{name[:1].upper()}."
    if _TITLE_AFTER.match(after):
        return surname
    if policy.name_style is NameStyle.MASK:
        return surname + policy.mask * (len(name) - len(surname))
    return surname + {Gender.MALE: "先生", Gender.FEMALE: "女士", None: "某某"}[gender]


def _name_hit(
    text: str,
    start: int,
    end: int,
    policy: RedactionPolicy,
    *,
    kind: Kind = Kind.NAME,
    gender: Gender | None = None,
    priority: int = PRIORITY[Kind.NAME],
) -> _Hit:
    name = text[start:end]
    if kind is Kind.STAFF:
        return _Hit(start, end, kind, policy.staff.get(name, STAFF_LABEL), priority)
    surname = _surname_of(name, _lexicon()) if _HAN.match(name) else None
    if surname is None and _HAN.match(name) and len(name) in (2, 3):
        surname = name[:1]
    replacement = _name_replacement(name, surname, gender, text[end : end + 3], policy)
    return _Hit(start, end, kind, replacement, priority)


def _known_people(text: str, policy: RedactionPolicy) -> Iterator[_Hit]:
    def occurrences(needle: str) -> Iterator[int]:
        found = text.find(needle)
        while found != -1:
            yield found
            found = text.find(needle, found + 1)

    if Kind.STAFF in policy.kinds:
        for name in policy.staff:
            for start in occurrences(name):
                yield _Hit(start, start + len(name), Kind.STAFF, policy.staff[name], PRIORITY[Kind.STAFF])
    if Kind.NAME in policy.kinds:
        lexicon = _lexicon()
        for party in policy.parties:
            name = party.name.strip()
            if not name:
                continue
            surname = _surname_of(name, lexicon) or name[:1]
            needles = [name]
            # A known party is also named by the given name alone (晓燕说…), when it is two characters.
            if _HAN.match(name) and len(name) - len(surname) >= 2:
                needles.append(name[len(surname) :])
            for needle in needles:
                for start in occurrences(needle):
                    end = start + len(needle)
                    replacement = _name_replacement(name, surname, party.gender, text[end : end + 3], policy)
                    yield _Hit(start, end, Kind.NAME, replacement, KNOWN_NAME_PRIORITY)


def _names(text: str, tokens: list[_Token], policy: RedactionPolicy) -> Iterator[_Hit]:
    lexicon = _lexicon()
    boundaries = {token.start for token in tokens} | {len(text)}
    by_start = {token.start: token for token in tokens}
    for token in tokens:
        # A foreign name jieba knows (亨利, 布朗): tagged nrt, or nr and spelled in transliteration.
        spelled = all(ch in lexicon.transliteration for ch in token.word)
        foreign = (token.tag == "nrt" or (token.tag == "nr" and spelled)) and lexicon.freq.get(
            token.word, 0
        ) < FAMOUS
        if foreign and len(token.word) >= 2 and not _surname_of(token.word, lexicon):
            yield _name_hit(text, token.start, token.end, policy)
    # After a cue word the name may start inside a token jieba made across it (本人马磊杰: 人马).
    cued = {m.end() for m in _CUE.finditer(text)}
    titles = [m.span() for m in _BOOK_TITLE.finditer(text)]
    # Inside these, a guessed name may not end: words of three or more characters (保护法).
    long_words = [(t.start, t.end) for t in tokens if len(t.word) >= 3]
    for start in sorted(boundaries | cued):
        end = _chinese_name(text, start, by_start.get(start), lexicon, boundaries, start in cued)
        if end is not None and not _plausible_guess(text, start, end, titles, long_words, lexicon):
            continue
        if end is not None:
            # After a role (研究员赵路兴) the name beats the address its characters also spell (赵路).
            priority = CUED_NAME_PRIORITY if start in cued else PRIORITY[Kind.NAME]
            yield _name_hit(text, start, end, policy, priority=priority)
    yield from _foreign_names(text, tokens, policy, lexicon, cued)


# 《消费者权益保护法》: a law, book or product title names no complainant.
_BOOK_TITLE = re.compile(r"《[^》]{1,40}》")


def _plausible_guess(
    text: str,
    start: int,
    end: int,
    titles: list[tuple[int, int]],
    long_words: list[tuple[int, int]],
    lexicon: "_Lexicon",
) -> bool:
    """A guessed name must not sit in a title, be an everyday complaint word (安抚), or end inside a
    long word jieba read as one (权益|保|护法): the name rules misread all three, even after a cue
    (消费者权益保护法 has the cue 消费者)."""
    if any(a <= start and end <= b for a, b in titles):
        return False
    if any(a < end < b for a, b in long_words):
        return False
    return text[start:end] not in lexicon.not_names


_SPEECH = r"说|表示|认为|指出|介绍|透露|称|告诉|坦言|强调|解释|回忆|提到|回答|建议|觉得|希望|要求|承认"
_SPEECH_AFTER = re.compile(_SPEECH + r"|接待|处理|负责|答应|承诺|回复|打电话|上门|向|在|对|和|与|的")
# A subject that says something (谢有福表示, 闫大为认为): in news and in complaints mostly a person.
_SAYS_AFTER = re.compile(_SPEECH)
_PARTICLES = frozenset("向在对和与的")
# Tuned on the even lines of CLUENER, checked on the odd ones (docs/benchmarks.md "Redaction").
NAME_THRESHOLD = 2.5
# The bonus for a speech verb after the name (谢有福表示); a three-character reading may score this much
# below the two-character one and still win (吴冠中 over 吴冠).
SAYS_BONUS = 2.5
LONGER_MARGIN = 3.0
# 西旺路, 张家村: a "name" followed by a place word is the place's name.
_PLACE_ENDINGS = frozenset("路街道巷弄村镇乡里区县市省州号店园苑楼河湖山桥庙郡岭")
# Administrative units, which no given name ends with.
_ADMIN_ENDINGS = frozenset("区县市省")


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def _word_evidence(word: str, lexicon: _Lexicon) -> float:
    """A rare dictionary name (刘德华) speaks for a name; a frequent word speaks against, whatever its
    tag: jieba's dictionary tags 文明, 明白 and 谢谢 as names too."""
    tag = lexicon.tags.get(word)
    if tag is None:
        return 0.0
    frequency = lexicon.freq.get(word, 0)
    if tag in NAME_TAGS and frequency < (FAMOUS if tag in ("nr", "nrfg") and len(word) == 2 else COMMON):
        return 1.0
    # Three characters from a surname on, tagged a name: a famous name (邓小平, 张之洞), however often
    # the dictionary saw it; the two-character ones are mostly words (明白, 武功, 和尚).
    famous = len(word) == 3 and _surname_of(word, lexicon) and word[-1] not in _PLACE_ENDINGS
    if tag in ("nr", "nrfg") and famous:
        return 1.0
    return -min(6.0, 0.5 + 1.2 * math.log10(frequency + 1))


def _chinese_name(
    text: str, start: int, token: _Token | None, lexicon: _Lexicon, boundaries: set[int], cued: bool
) -> int | None:
    """End of a Chinese name beginning at this token, or None. A naive-Bayes-like score: how much more
    often the first character stands as a surname than as a word, the same for each given-name
    character, and the cue words around it."""
    surname = _surname_of(text[start : start + 2], lexicon)
    if surname is None:
        return None
    score = _clamp(lexicon.surname_weight.get(surname, 0.0), -3.0, 4.0)
    # The surname character begins a word that ends elsewhere (张家口市, 高兴地说): rarely a name.
    word_end = (
        token.end
        if token is not None and len(token.word) > len(surname) and token.tag not in NAME_TAGS
        else None
    )
    # 这张卡, 两张发票: 张 counts the thing after it, unless a title follows (1306张洋平女士).
    measured = surname == "张" and text[start - 1 : start] in _MEASURED
    if cued:
        score += 3.0
    elif text[start - 1 : start] in _WEAK_CUES:
        score += 1.0
    begin = start + len(surname)
    if _TITLE_AFTER.match(text, begin) or text[begin : begin + 1] in "某总":
        return None  # 张先生, 李总, 王某: the surname alone is already what a publication may show
    best = None
    longer = None
    for length in (2, 1):
        given = text[begin : begin + length]
        if len(given) < length or not all(_HAN.match(ch) for ch in given):
            continue
        if given[0] in _STOP or (length == 2 and given[1] in _STOP - _STOP_BUT_LAST):
            continue
        if given[-1] in _ADMIN_ENDINGS:
            continue  # 徐汇区, 越秀区: a district named like a person is still a district
        end = begin + length
        total = score + sum(_clamp(lexicon.given_weight.get(ch, -2.0), -4.0, 4.0) for ch in given)
        if word_end is not None and word_end != end:
            total -= 2.0
        if measured and not _TITLE_AFTER.match(text, end):
            continue
        if _TITLE_AFTER.match(text, end):
            total += 3.0
        elif text[end : end + 1] in _PLACE_ENDINGS:
            total -= 3.0
        elif _SAYS_AFTER.match(text, end):
            total += SAYS_BONUS
        elif _SPEECH_AFTER.match(text, end):
            total += 1.5
        # After a cue word (快递员段刚刚) the name is all but certain: a given name that is also a word,
        # or one jieba runs into the next word, costs less.
        if end not in boundaries:
            total -= 1.0 if cued else 3.0
        total += _word_evidence(text[start:end], lexicon)
        if length > 1:
            total += max(-1.0 if cued else -6.0, min(0.0, _word_evidence(given, lexicon)))
        if length == 2:
            longer = (total, end)
        if total >= NAME_THRESHOLD and (best is None or total > best[0] + 1.0):
            best = (total, end)
    # Most full names have three characters: a two-character one that could go on (吴冠|中, 陈志|谈)
    # takes the third unless that reads much worse, so that no character of the name is left behind.
    if best and longer and best[1] < longer[1] and longer[0] >= best[0] - LONGER_MARGIN:
        best = longer
    return best[1] if best else None


_JOINERS = "·•・-－"
# A dictionary word at least this frequent is an everyday word, whatever jieba's tag says; a foreign
# name (亨利, 布朗) or a two-character famous one (鲁迅, 金庸) may be up to FAMOUS.
COMMON = 300
FAMOUS = 1000


def _foreign_names(
    text: str, tokens: list[_Token], policy: RedactionPolicy, lexicon: _Lexicon, cued: set[int]
) -> Iterator[_Hit]:
    """Runs of transliteration characters: three or more, or parts joined by a middle dot (卡尔·莱文),
    unless the run is a dictionary word that is not a name (意大利, 莫斯科 are places)."""
    run_start = None
    for i, ch in enumerate(text + "\0"):
        inside = ch in lexicon.transliteration or (ch in _JOINERS and run_start is not None)
        if inside and run_start is None:
            run_start = i
        elif not inside and run_start is not None:
            run = text[run_start:i]
            joined = any(j in run.strip(_JOINERS) for j in _JOINERS)
            core = run.rstrip(_JOINERS)
            tag = lexicon.tags.get(core)
            common = any(
                len(t.word) >= 2 and t.tag not in NAME_TAGS and lexicon.freq.get(t.word, 0) >= COMMON
                for t in tokens
                if run_start <= t.start and t.end <= i
            )
            # Two characters (布朗, 帕托), or a name jieba files as a place (奥巴马), need a role in front,
            # a speech verb after or their Latin spelling in brackets.
            end = run_start + len(core)
            attested = (
                run_start in cued
                or (_SPEECH_AFTER.match(text, end) and text[end : end + 1] not in _PARTICLES)
                or _BRACKETED_LATIN.match(text, end)
            )
            if common or len(core) < 2:
                pass
            elif ((len(core) >= 3 or joined) and (tag is None or tag in NAME_TAGS)) or (
                attested and (tag is None or tag in NAME_TAGS or tag == "ns")
            ):
                yield _name_hit(text, run_start, run_start + len(run), policy)
            run_start = None


_LATIN_NAME = re.compile(r"\b(?:(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+)([A-Z][a-z]+(?:[\s-][A-Z][a-z]+)*)")
# A Latin word inside Chinese text: a handle, a name in pinyin or in English (Sky, filip, Slayers_BoxeR,
# j.paulgetty, moore-gwyn). Surrounded by Chinese, a capitalised one is mostly a person unless it is
# a brand or a technical word (data/latin_words.txt); a lowercase or all-capitals one (wifi, USB) is
# a person only next to a cue.
_LATIN_WORD = re.compile(
    r"(?<![A-Za-z0-9_.'’\-])[A-Za-z][A-Za-z'’]*(?:[\s.·_\-][A-Za-z][A-Za-z'’]*)*[0-9]*(?![A-Za-z0-9_])"
)
# filip, xigua: four lowercase letters or more (mm, app, wifi are shorter or listed).
_LOWER_NAME = re.compile(r"[a-z]{4,}")
_CAPITALISED = re.compile(r"[A-Z][a-z]+(?:[\s.·_\-]?[A-Z][a-z]+)*")
_NOT_A_PERSON_AFTER = re.compile(
    r"\s*(?:公司|集团|旗下|工作室|杂志|游戏|战队|引擎|平台|网站|官网|系列|品牌|牌)"
)
# The Latin spelling in brackets after a name (沃尔贝克（gertjanverbeek）, 曾宏达(Faith)) is the same name.
_BRACKETED_LATIN = re.compile(r"\s*[（(]\s*[A-Za-z][A-Za-z .'’_\-]*[)）]?")


def _latin_names(text: str, policy: RedactionPolicy) -> Iterator[_Hit]:
    for m in _LATIN_NAME.finditer(text):
        yield _name_hit(text, m.start(1), m.end(1), policy)
    if not _HAN.search(text):
        return
    lexicon = _lexicon()
    cued = {m.end() for m in _CUE.finditer(text)}
    for m in _LATIN_WORD.finditer(text):
        word = m.group()
        parts = re.split(r"[\s.·_\-]+", word.rstrip("0123456789").lower())
        if len(word) < 2 or all(part in lexicon.latin_words for part in parts):
            continue
        speaks = _SPEECH_AFTER.match(text, m.end()) and text[m.end() : m.end() + 1] not in _PARTICLES
        near_cue = m.start() in cued or _TITLE_AFTER.match(text, m.end()) or speaks
        # 《Rage》, 环球影业(UniversalPictures), Valve公司: a title, the spelling of a word that is not
        # a name (a name's own spelling is taken with the name, _bracketed_latin), an organisation.
        titled = text.rfind("《", 0, m.start()) > text.rfind("》", 0, m.start())
        translated = m.start() > 0 and text[m.start() - 1] in "（("
        looks_named = _CAPITALISED.fullmatch(word) or _LOWER_NAME.fullmatch(word)
        elsewhere = titled or translated or _NOT_A_PERSON_AFTER.match(text, m.end())
        if near_cue or (looks_named and not elsewhere):
            yield _name_hit(text, m.start(), m.end(), policy)


# 布丰、格罗索、马特拉齐; Moon与Grubby: what stands in a list with a name, written the same way, is one.
_LIST_JOINERS = "、和与及跟"


def _listed_names(text: str, names: list[_Hit], policy: RedactionPolicy) -> Iterator[_Hit]:
    lexicon = _lexicon()

    def latin(ch: str) -> bool:
        return ch.isascii() and (ch.isalnum() or ch in "_'-")

    for hit in names:
        for joiner, step in ((hit.end, 1), (hit.start - 1, -1)):
            if not 0 <= joiner < len(text) or text[joiner] not in _LIST_JOINERS:
                continue
            first = text[joiner + step] if 0 <= joiner + step < len(text) else ""
            same = latin if first.isascii() else lexicon.transliteration.__contains__
            edge = joiner + step
            while 0 <= edge < len(text) and same(text[edge]):
                edge += step
            start, end = (joiner + 1, edge) if step == 1 else (edge + 1, joiner)
            word = text[start:end]
            if len(word) < 2:
                continue
            if first.isascii():
                ordinary = word.lower() in lexicon.latin_words or not word[0].isalpha()
            else:
                ordinary = lexicon.freq.get(word, 0) >= COMMON and lexicon.tags.get(word) not in NAME_TAGS
            if not ordinary:
                yield _name_hit(text, start, end, policy)


def _bracketed_latin(text: str, names: list[_Hit]) -> Iterator[_Hit]:
    for hit in names:
        m = _BRACKETED_LATIN.match(text, hit.end)
        if m:
            # Confirmed by its own spelling: as sure as a name after a role.
            yield _Hit(hit.start, m.end(), hit.kind, hit.replacement, max(hit.priority, CUED_NAME_PRIORITY))


# --- addresses ------------------------------------------------------------------------------------

# seed 003: an address is published down to its district (市/区/县) and no further.
_ADMIN_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "地区", "省", "市", "盟", "区", "县", "旗")
# Words that end a named place below the district when jieba cuts them off the name (中山/路, 阳光/小区).
_PLACE_SUFFIXES = frozenset(
    [
        "街道", "社区", "新村", "小区", "花园", "家园", "公寓", "大厦", "广场", "山庄", "商场", "商城",
        "营业厅", "支行", "分行", "门店", "分店", "大街", "大道", "胡同", "号院", "公园", "宾馆", "饭店",
        "酒店", "会所", "市场", "园区", "中心", "镇", "乡", "村", "路", "街", "巷", "弄", "苑", "店", "城",
    ]
)  # fmt: skip
_NUMBERED = re.compile(
    r"(?:[0-9０-９]{1,5}|[一二三四五六七八九十百零〇]{1,4}|[A-Za-z])(?:[-－][0-9A-Za-z]{1,5}){0,3}"
    r"(?:号院|号楼|号|栋|幢|座|单元|层|楼|室|户|弄|巷|组|排|铺)"
    r"|(?<![0-9])[0-9]{1,4}(?:[-－][0-9]{1,4}){1,3}(?![0-9])"
    r"|(?<=[号栋幢座元层楼])[0-9A-Za-z]{1,5}(?![0-9A-Za-z])"
)
# The word right before a cut-off suffix may be anything but a function word (健康/路, 西/旺/路);
# further left only nouns and numbers are part of the name.
_FUNCTION_TAGS = frozenset({"p", "c", "u", "uj", "ul", "uz", "ud", "ug", "uv", "r", "d", "y", "e", "o", "x"})
# A one-character suffix after a verb is a verb phrase (走/路, 上/楼); a longer one is still a name
# (解放/大道).
_NOT_BEFORE_SUFFIX = _FUNCTION_TAGS | {"v", "q"}
# These need a place or proper name before them: 万科/城, 中关村/店, not 县/城 or 本/店.
_PROPER_SUFFIXES = frozenset({"店", "村", "镇", "乡", "城"})
# After a verb only a street keeps its name (解放/大道); 送到/小区, 去/商场 are where, not which.
_NAMED_AFTER_VERB = frozenset({"大道", "大街", "胡同"})
# What complaints call a kind of place, or not a place at all: never an address to hide
# (退款原路退回, 打客服中心电话, 在网上商城买的).
_NOT_A_PLACE_BEFORE = frozenset(
    [
        "原", "线", "思", "套", "出", "退", "后", "来", "去",
        "一", "马", "公", "铁", "水", "陆", "网", "电", "销",
        "客服", "服务", "售后", "售后服务", "维修", "配送", "分拣", "物流", "呼叫", "调度", "运营", "指挥",
        "网上", "线上", "官方", "官网", "自营", "旗舰", "数据", "研发", "培训", "活动", "体验", "会员",
    ]
)  # fmt: skip
_CONTENT_TAGS = frozenset(
    {"n", "ns", "nz", "nr", "nrt", "nrfg", "nt", "j", "m", "eng", "b", "ng", "s", "f", "a"}
)
# admin: 省/市/区/县 and their short names, kept; area: another place name (中关村, 美国), kept unless
# the chain goes below it; place: a name with a suffix (中山路, 阳光小区); number: 27号, 3栋, 501室.
_ADMIN, _AREA, _PLACE, _NUMBER = 3, 2, 1, 0
# Between two address parts a few nouns may stand (25号特丰综合楼六单元): a building's name.
_GAP = 6


def _addresses(text: str, tokens: list[_Token], policy: RedactionPolicy) -> Iterator[_Hit]:
    """Chains of adjacent address parts (省 / 市 / 区, named places, house numbers). A chain that goes
    below the district is replaced by its district-level prefix and a mask."""
    lexicon = _lexicon()
    labels: list[int | None] = [None] * len(text)
    units = list(_address_units(text, tokens, lexicon))
    for start, end, kind in units:
        for i in range(start, end):
            if labels[i] is None or kind > labels[i]:
                labels[i] = kind
    if not units:
        return
    content_at = {
        i for token in tokens if token.tag in _CONTENT_TAGS | {"d"} for i in range(token.start, token.end)
    }
    i = 0
    while i < len(text):
        if labels[i] is None:
            i += 1
            continue
        start = i
        end = i
        j = i
        while j < len(text):
            if labels[j] is not None:
                end = j = j + 1
                continue
            gap = j
            while gap < len(text) and labels[gap] is None and gap in content_at and gap - j < _GAP:
                gap += 1
            if (
                gap < len(text)
                and gap > j
                and labels[gap] is not None
                and labels[gap] <= _PLACE
                and labels[end - 1] <= _PLACE
            ):
                for k in range(j, gap):
                    labels[k] = _PLACE
                j = gap
                continue
            break
        numbers = sum(1 for u in units if u[2] == _NUMBER and start <= u[0] and u[1] <= end)
        hit = _address_hit(text, start, end, labels, numbers, policy)
        if hit:
            yield hit
        i = end


def _address_hit(
    text: str, start: int, end: int, labels: list, numbers: int, policy: RedactionPolicy
) -> _Hit | None:
    kinds = labels[start:end]
    # 3号 alone is a date and 3-2 a score: numbers make an address with a place or with each other.
    if _PLACE not in kinds and not (numbers >= 2 or (numbers and (_ADMIN in kinds or _AREA in kinds))):
        return None
    kept_end = start
    for k in range(start, end):
        if labels[k] not in (_ADMIN, _AREA):
            break
        if labels[k] == _ADMIN:
            kept_end = k + 1
    replacement = text[start:kept_end] + policy.mask * 3
    return _Hit(start, end, Kind.ADDRESS, replacement, PRIORITY[Kind.ADDRESS])


def _is_admin(token: _Token, lexicon: _Lexicon) -> bool:
    word = token.word
    if token.tag == "ns" and word in lexicon.admin_short:
        return True
    return (
        len(word) >= 3
        and word.endswith(_ADMIN_SUFFIXES)
        and token.tag in ("ns", "n", "nz", "j", "nr", "nt")
        and word[-2:] not in _PLACE_SUFFIXES
    )


def _address_units(text: str, tokens: list[_Token], lexicon: _Lexicon) -> Iterator[tuple[int, int, int]]:
    for m in _NUMBERED.finditer(text):
        yield (m.start(), m.end(), _NUMBER)
    for i, token in enumerate(tokens):
        word, tag = token.word, token.tag
        if _is_admin(token, lexicon):
            yield (token.start, token.end, _ADMIN)
            continue
        previous = tokens[i - 1] if i else None
        if len(word) == 1 and word in _ADMIN_SUFFIXES and previous and previous.tag in ("ns", "nz"):
            yield (previous.start, token.end, _ADMIN)
            continue
        suffixed = word[-2:] in _PLACE_SUFFIXES or word[-1:] in _PLACE_SUFFIXES
        if word in _PLACE_SUFFIXES:
            if previous is None or not _HAN.match(previous.word[-1]):
                continue
            if previous.tag in (_NOT_BEFORE_SUFFIX if len(word) == 1 else _FUNCTION_TAGS):
                continue
            if previous.tag == "v" and word not in _NAMED_AFTER_VERB:
                continue
            if previous.word in _NOT_A_PLACE_BEFORE:
                continue
            named = previous.tag in ("ns", "nz", "nr", "nt") or previous.word[-2:] in _PLACE_SUFFIXES
            if word in _PROPER_SUFFIXES and not named:
                continue
            left = previous.start
            j = i - 2
            while (
                j >= 0
                and tokens[j].tag in _CONTENT_TAGS
                and (tokens[j].tag != "eng" or tokens[j].word.isdigit())
                and not _is_admin(tokens[j], lexicon)
                and token.end - tokens[j].start <= 10
            ):
                left = tokens[j].start
                j -= 1
            yield (left, token.end, _PLACE)
        elif suffixed and (tag in ("ns", "nz") or (tag in ("n", "nt", "j") and len(word) >= 3)):
            stem = word[:-2] if word[-2:] in _PLACE_SUFFIXES else word[:-1]
            if stem not in _NOT_A_PLACE_BEFORE:
                yield (token.start, token.end, _PLACE)
        elif tag == "ns" and len(word) >= 2:
            yield (token.start, token.end, _AREA)
