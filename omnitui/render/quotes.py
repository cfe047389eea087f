"""Where the quoted history of an e-mail reply starts.

Pure functions over the lines of a message as plain text (what the HTML converter outputs, or a
plain-text mail split on newlines); standard library only. :func:`find_history` returns the
index of the first line of the earlier thread below the reply — or None — plus who wrote it and
when, for the fold line. A fold always runs from that line to the end of the message.

Recognised, in this order per line from the top:

* separators: "-----Original Message-----" and its translations, Zoho's "---- On … wrote ----";
* attribution lines ("On … wrote:", "Op … schreef …:", "… 写道：", …) possibly wrapped over up
  to three lines and possibly after the last words of the reply on the same line (then
  :attr:`History.split_at` is the offset in that line where the attribution starts) — followed
  either by unquoted history, or by ``>``-quoted lines with no reply text after them;
* header blocks (From/Sent/To/Subject or Date, in any order and many languages, bold or not),
  with the Outlook rule ("_____") above them taken along;
* a trailing run of ``>``-quoted lines with no reply text after it (inline answers between
  quoted lines stay visible).

A forwarded message ("---------- Forwarded message ---------", "Begin forwarded message:") is
content: nothing from its marker on is folded. The patterns live in tables of :class:`Pattern`
(name, regex, the real-looking example it came from) so they are easy to extend.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "ATTRIBUTIONS",
    "FORWARDS",
    "HEADER_KEYS",
    "SEPARATORS",
    "History",
    "Pattern",
    "find_history",
    "is_quote_line",
]


@dataclass(frozen=True)
class Pattern:
    """One recognised format: ``regex`` must match ``example`` (a test checks every one)."""

    name: str
    regex: re.Pattern[str]
    example: str


@dataclass(frozen=True)
class History:
    """Quoted history from line ``start`` to the end of the message.

    ``split_at``: when the attribution begins after the reply's last words on line ``start``,
    the character offset in that line where it begins (the text before it is reply); else None.
    ``author`` and ``date`` are as written in the attribution or header block, or None.
    ``rule`` names the pattern that found it.
    """

    start: int
    author: str | None = None
    date: str | None = None
    split_at: int | None = None
    rule: str = ""

    def describe(self) -> str:
        """A short text for the fold line: "Jane Doe wrote on 1 Mar 2011"."""
        if self.author and self.date:
            return f"{self.author} wrote on {self.date}"
        if self.author:
            return f"{self.author} wrote"
        if self.date:
            return f"Earlier message of {self.date}"
        return "Earlier messages"


def _p(name: str, regex: str, example: str, flags: int = 0) -> Pattern:
    return Pattern(name, re.compile(regex, flags), example)


# An attribution is matched (``regex.match(text, pos)``) against one to three joined lines, from
# the start of the first line or from just after a sentence end on it; it must reach the end.
_ANY = r".{4,250}?"
_EMAIL = r"<\s?[^<>@\s]+@[^<>\s]+\s?>"

ATTRIBUTIONS: tuple[Pattern, ...] = (
    # --- English (Gmail, Apple Mail, Thunderbird, Outlook web/iOS, Yahoo, Zimbra)
    _p(
        "en", rf"On\s{_ANY}\swrote\s?:\s*$", "On Tue, 1 Mar 2011 at 10:02, Jane <jane@x.com> wrote:"
    ),
    _p(
        "en-yahoo",
        rf"On\s{_ANY}\swrote\s?:\s*$",
        "On Tuesday, March 1, 2011, 10:02:03 AM GMT+1, Jane Doe <jane@x.com> wrote:",
    ),
    _p(
        "en-name-first",
        rf"[^.!?<>:]{{1,80}}{_EMAIL}\swrote\son\s.{{4,80}}:\s*$",
        "Jane Doe <jane@x.com> wrote on 01/03/2011 10:02:",
    ),
    # --- numeric-only dates (Gmail in some locales, mail.ru, Yandex): "<date> <time>, Name <a@b>:"
    _p(
        "numeric",
        rf"(?:[^\W\d_]{{2,3}}\.?,\s)?\d.{{2,120}}?\d{{1,2}}[:.]\d{{2}}.{{0,40}}?\s[^<>]{{0,80}}{_EMAIL}\s?:\s*$",
        "2024-03-01 10:02 GMT+01:00 Jane <jane@x.com>:",
    ),
    # --- Dutch
    _p(
        "nl",
        rf"Op\s{_ANY}\s(?:schreef|geschreven)\b.{{0,150}}?:\s*$",
        "Op di 1 mrt. 2011 om 10:02 schreef Jane <jane@x.com>:",
    ),
    # --- German
    _p(
        "de",
        rf"Am\s{_ANY}\s(?:schrieb|geschrieben)\b.{{0,150}}?:\s*$",
        "Am Di., 1. März 2011 um 10:02 Uhr schrieb Jane <jane@x.com>:",
    ),
    # --- French (space before the colon)
    _p(
        "fr",
        rf"Le\s{_ANY}\sa\sécrit\s?:\s*$",
        "Le mar. 1 mars 2011 à 10:02, Jane <jane@x.com> a écrit :",
    ),
    # --- Spanish
    _p(
        "es",
        rf"El\s{_ANY}\sescribió\s?:\s*$",
        "El mar, 1 mar 2011 a las 10:02, Jane (<jane@x.com>) escribió:",
    ),
    # --- Italian
    _p(
        "it",
        rf"Il\s{_ANY}\sha\sscritto\s?:\s*$",
        "Il giorno mar 1 mar 2011 alle ore 10:02 Jane <jane@x.com> ha scritto:",
    ),
    # --- Portuguese
    _p(
        "pt",
        rf"(?:Em|No dia)\s{_ANY}\sescreveu\s?:\s*$",
        "Em ter., 1 de mar. de 2011 às 10:02, Jane <jane@x.com> escreveu:",
    ),
    # --- Danish, Swedish, Norwegian ("Den tis 1 mars 2011 kl 10:02 skrev Jane <…>:")
    _p(
        "scandi",
        r"(?:(?:Den|D\.)\s)?(?:[^\W\d_]{2,4}\.?\s)?\d.{2,200}?\sskrev\s.{1,150}?:\s*$",
        "Den tis 1 mars 2011 kl 10:02 skrev Jane <jane@x.com>:",
    ),
    _p(
        "no",
        r"[^\W\d_]{2,4}\.\s\d.{2,200}?\sskrev\s.{1,150}?:\s*$",
        "tir. 1. mar. 2011 kl. 10:02 skrev Jane <jane@x.com>:",
    ),
    # --- Polish
    _p(
        "pl",
        rf"W\sdniu\s{_ANY}\s(?:pisze|napisał\(a\)|napisała?)\s?:\s*$",
        "W dniu 1.03.2011 o 10:02, Jane pisze:",
    ),
    _p(
        "pl-gmail",
        r"(?:[^\W\d_]{2,3}\.,?\s)?\d.{2,200}?\snapisał(?:\(a\)|a)?\s?:\s*$",
        "wt., 1 mar 2011 o 10:02 Jane <jane@x.com> napisał(a):",
    ),
    # --- Czech
    _p("cs", rf"Dne\s{_ANY}\snapsal(?:\(a\)|a)?\s?:\s*$", "Dne 1.3.2011 v 10:02 Jane napsal(a):"),
    _p(
        "cs-gmail",
        r"(?:[^\W\d_]{2}\s)?\d.{2,200}?\sodesílatel\s.{1,150}?\snapsal(?:\(a\)|a)?\s?:\s*$",
        "út 1. 3. 2011 v 10:02 odesílatel Jane <jane@x.com> napsal:",
    ),
    # --- Greek
    _p(
        "el",
        rf"Στις\s{_ANY}\sέγραψε\s?:\s*$",
        "Στις Τρί, 1 Μαρ 2011 στις 10:02, ο/η Jane <jane@x.com> έγραψε:",
    ),
    # --- Russian
    _p(
        "ru",
        r"(?:[^\W\d_]{2},\s)?\d.{2,200}?\s(?:написал\(а\)|написала?|пишет)\s?:\s*$",
        "1 марта 2011 г., в 10:02, Jane <jane@x.com> написал(а):",
    ),
    # --- Ukrainian
    _p(
        "uk",
        r"(?:[^\W\d_]{2},\s)?\d.{2,200}?\s(?:написав\(ла\)|написала?|написав|пише)\s?:\s*$",
        "вт, 1 бер. 2011 о 10:02 Jane <jane@x.com> пише:",
    ),
    # --- Chinese (simplified and traditional)
    _p(
        "zh",
        r"(?:[在於]\s?)?\d.{2,200}?[写寫]道\s?[:：]\s*$",
        "在 2011年3月1日 上午10:02，Jane <jane@x.com> 写道：",
    ),
    _p(
        "zh-name-first",
        r"[^。！？<>]{1,80}<[^<>]+>\s?[于於]\s?\d.{2,120}?[写寫]道\s?[:：]\s*$",
        "Jane <jane@x.com> 于2011年3月1日周二 上午10:02写道：",
    ),
    # --- Japanese
    _p(
        "ja",
        r"\d.{2,200}?(?:さんは書きました|は書きました|のメール)\s?[:：]\s*$",
        "2011/03/01 10:02 に Jane さんは書きました:",
    ),
    # --- Korean
    _p(
        "ko",
        r"\d.{2,200}?(?:님이\s?)?작성\s?:\s*$",
        "2011년 3월 1일 (화) 오전 10:02, Jane <jane@x.com>님이 작성:",
    ),
    # --- Arabic
    _p(
        "ar",
        r"في\s.{4,250}?كتب.{0,150}?:\s*$",
        "في الثلاثاء، 1 مارس 2011 في 10:02 ص، كتب Jane <jane@x.com>:",
    ),
    # --- Turkish (name first: the name must not hold a sentence end)
    _p(
        "tr",
        r"[^.!?<>]{1,80}(?:<[^<>]+>)?,?\s.{0,120}?\d.{0,120}?\s(?:şunu\s)?yazdı\s?:\s*$",
        "Jane <jane@x.com>, 1 Mar 2011 Sal, 10:02 tarihinde şunu yazdı:",
    ),
    # --- Hungarian
    _p(
        "hu",
        rf"[^.!?<>]{{1,80}}{_EMAIL}\s\(időpont:.{{4,80}}\)\s(?:ezt\s)?írta\s?:\s*$",
        "Jane <jane@x.com> (időpont: 2011. márc. 1., K, 10:02) ezt írta:",
    ),
    _p(
        "hu-tb",
        r"\d.{2,200}?\s(?:ezt\s)?írta\s?:\s*$",
        "2011. 03. 01. 10:02 keltezéssel, Jane írta:",
    ),
    # --- Romanian
    _p(
        "ro",
        rf"(?:În|Pe)\s{_ANY}\sa\sscris\s?:\s*$",
        "În mar., 1 mar. 2011 la 10:02, Jane <jane@x.com> a scris:",
    ),
    # --- Finnish
    _p(
        "fi",
        r"(?:[^\W\d_]{2}\s)?\d.{2,200}?\skirjoitti\s?:\s*$",
        "ti 1. maalisk. 2011 klo 10.02 Jane <jane@x.com> kirjoitti:",
    ),
    _p(
        "fi-name-first",
        r"[^!?<>]{1,80}(?:<[^<>]+>\s)?kirjoitti\s\d.{4,80}:\s*$",
        "Jane Doe kirjoitti 1.3.2011 kello 10.02:",
    ),
)

# A separator line: history starts here.
SEPARATORS: tuple[Pattern, ...] = (
    _p(
        "original-message",
        r"^\s*[-_=*]{2,}\s?(?:original message|oorspronkelijk bericht|origineel bericht|"
        r"ursprüngliche nachricht|originalnachricht|message d'origine|mensaje original|"
        r"messaggio originale|mensagem original|oprindelig meddelelse|originalmeddelande|"
        r"ursprungligt meddelande|mail original|ursprüngliche mail|"
        r"opprinnelig melding|исходное сообщение|wiadomość oryginalna|původní zpráva|"
        r"alkuperäinen viesti|eredeti üzenet|mesaj original|orijinal ileti|reply message)"
        r"\s?[-_=*]{2,}\s*$",
        "-----Original Message-----",
        re.IGNORECASE,
    ),
    _p(
        "original-message-nl",
        r"^\s*-{3,}\s?Oorspronkelijk bericht\s?-{3,}\s*$",
        "-----Oorspronkelijk bericht-----",
        re.IGNORECASE,
    ),
    _p(
        "original-message-de",
        r"^\s*-{3,}\s?Ursprüngliche Nachricht\s?-{3,}\s*$",
        "-----Ursprüngliche Nachricht-----",
        re.IGNORECASE,
    ),
    _p(
        "original-message-fr",
        r"^\s*-{3,}\s?Message d'origine\s?-{3,}\s*$",
        "-----Message d'origine-----",
        re.IGNORECASE,
    ),
    _p(
        "original-message-da",
        r"^\s*-{3,}\s?Oprindelig meddelelse\s?-{3,}\s*$",
        "-----Oprindelig meddelelse-----",
        re.IGNORECASE,
    ),
    _p(
        "reply-message",
        r"^\s*-{3,}\s?Reply Message\s?-{3,}\s*$",
        "-----Reply Message-----",
        re.IGNORECASE,
    ),
    _p(
        "zimbra-wrote",
        rf"^\s*-{{3,}}\s?[^<>]{{0,80}}{_EMAIL}\s(?:wrote|schrieb|a écrit|schreef)\s?:\s*$",
        '----- "Jane Doe" <jane@x.com> wrote:',
    ),
    _p(
        "helpdesk-reply-above",
        r"^\s*#{0,2}-?\s?please (?:type|write) your reply above this line\s?-?#{0,2}\s*$",
        "##- Please type your reply above this line -##",
        re.IGNORECASE,
    ),
    _p(
        "zoho",
        r"^\s*-{2,}\s?(?:On|Am|Le|Op|El|Il)\s.{4,250}?\s(?:wrote|schrieb|a écrit|schreef|"
        r"escribió|ha scritto)\s?:?\s?-{2,}\s*$",
        "---- On Tue, 01 Mar 2011 10:02:03 +0100 Jane <jane@x.com> wrote ----",
    ),
)

# A rule above a header block (Outlook's underscores, a dashed line).
_RULE = re.compile(r"^\s*(?:_{8,}|-{8,}|(?:[_\-—=*]\s*){5,})\s*$")

# A forward marker: the forwarded message is content and stays visible.
FORWARDS: tuple[Pattern, ...] = (
    _p(
        "forward",
        r"(?:-{2,}\s?(?:forwarded message|original message follows|weitergeleitete nachricht|"
        r"doorgestuurd bericht|message transféré|mensaje reenviado|messaggio inoltrato|"
        r"mensagem encaminhada|videresendt meddelelse|vidarebefordrat meddelande|"
        r"пересылаемое сообщение|přeposlaná zpráva|wiadomość przekazana dalej)"
        r"|^\s*(?:begin forwarded message|anfang der weitergeleiteten nachricht|"
        r"begin doorgestuurd bericht|début du message réexpédié|inicio del mensaje reenviado)"
        r"\s?:)",
        "---------- Forwarded message ---------",
        re.IGNORECASE,
    ),
    _p("forward-apple", r"^\s*Begin forwarded message\s?:", "Begin forwarded message:"),
    _p(
        "forward-nl",
        r"-{2,}\s?Doorgestuurd bericht",
        "-------- Doorgestuurd bericht --------",
        re.IGNORECASE,
    ),
    _p(
        "forward-de",
        r"Weitergeleitete Nachricht",
        "-------- Weitergeleitete Nachricht --------",
        re.IGNORECASE,
    ),
    _p("forward-fr", r"Message transféré", "-------- Message transféré --------", re.IGNORECASE),
)

# Header keys by kind, in the customers' languages (Outlook, Hotmail, GMX/web.de, Zimbra, …).
HEADER_KEYS: dict[str, tuple[str, ...]] = {
    "from": (
        "From",
        "De la",
        "Van",
        "Von",
        "De",
        "Da",
        "Fra",
        "Från",
        "От",
        "Від",
        "Od",
        "Από",
        "Kimden",
        "Feladó",
        "Lähettäjä",
        "Expeditor",
        "Remitente",
        "发件人",
        "寄件者",
        "差出人",
        "보낸 사람",
        "من",
    ),
    "date": (
        "Sent",
        "Date",
        "Verzonden",
        "Datum",
        "Gesendet",
        "Envoyé",
        "Enviado el",
        "Enviado",
        "Enviada",
        "Fecha",
        "Inviato",
        "Data",
        "Sendt",
        "Skickat",
        "Отправлено",
        "Надіслано",
        "Дата",
        "Wysłano",
        "Wysłane",
        "Odesláno",
        "Στάλθηκε",
        "Ημερομηνία",
        "Gönderildi",
        "Tarih",
        "Elküldve",
        "Dátum",
        "Lähetetty",
        "Päivämäärä",
        "Trimis",
        "发送时间",
        "寄件日期",
        "日期",
        "送信日時",
        "日付",
        "보낸 날짜",
        "تاريخ الإرسال",
        "أرسل",
    ),
    "to": (
        "To",
        "Aan",
        "An",
        "À",
        "A",
        "Para",
        "Til",
        "Till",
        "Кому",
        "Komu",
        "Do",
        "Προς",
        "Kime",
        "Címzett",
        "Vastaanottaja",
        "Către",
        "Catre",
        "收件人",
        "宛先",
        "받는 사람",
        "إلى",
    ),
    "cc": ("Cc", "Kopie", "Kopia", "Копия", "Копія", "Kopio", "Másolat", "抄送", "참조", "Κοιν"),
    "subject": (
        "Subject",
        "Onderwerp",
        "Betreff",
        "Objet",
        "Asunto",
        "Oggetto",
        "Assunto",
        "Emne",
        "Ämne",
        "Тема",
        "Temat",
        "Předmět",
        "Θέμα",
        "Konu",
        "Tárgy",
        "Aihe",
        "Subiect",
        "主题",
        "主旨",
        "件名",
        "제목",
        "الموضوع",
    ),
}

_KIND_OF = {key.casefold(): kind for kind, keys in HEADER_KEYS.items() for key in keys}
_HEADER_LINE = re.compile(
    r"^\s*\*{0,2}("
    + "|".join(sorted((re.escape(k) for k in _KIND_OF), key=len, reverse=True))
    + r")\s?\*{0,2}\s?[:：]\s?\*{0,2}\s*(.*?)\s*$",
    re.IGNORECASE,
)

_NOT_A_QUOTE = re.compile(r"^\s*>{2,}\s*\S.*<{2,}\s*$")
_QUOTE = re.compile(r"^\s?>")
_CANDIDATE = re.compile(r"[.!?…)]\s+|[。！？]\s*")
_DATE = re.compile(
    r"\d{4}\s?年\s?\d{1,2}\s?月\s?\d{1,2}\s?日"
    r"|\d{4}\s?년\s?\d{1,2}\s?월\s?\d{1,2}\s?일"
    r"|\d{4}[-/.]\s?\d{1,2}[-/.]\s?\d{1,2}"
    r"|\d{1,2}[./]\s?\d{1,2}[./]\s?\d{2,4}"
    r"|\d{1,2}\.?\s(?:de\s)?[^\W\d_]{3,12}\.?,?\s(?:de\s)?\d{4}"
    r"|[^\W\d_]{3,9}\.?\s\d{1,2},?\s\d{4}"
    r"|\d{4}\.\s[^\W\d_]+\.?\s\d{1,2}"
)
_NAME_EMAIL = re.compile(r"([^,<>\"():;]+?)\"?\s*\(?<\s?([^<>@\s]+@[^<>\s]+?)\s?>")
_EMAIL_ONLY = re.compile(r"[^<>@\s\[\]:]+@[^<>\s\[\]]+\.[A-Za-z]{2,}")
_MAX_ATTRIBUTION = 400


def is_quote_line(line: str) -> bool:
    """Whether ``line`` is a ``>``-quoted line (">>> http://example.com <<<" is not)."""
    return bool(_QUOTE.match(line)) and not _NOT_A_QUOTE.match(line)


def find_history(lines: Sequence[str]) -> History | None:
    """The quoted history of a message given as its lines, or None when all must stay visible.

    History never starts at the first line without a reply before it (a message that is only a
    quote stays visible), and nothing at or after a forward marker folds.
    """
    count = len(lines)
    quoted = [is_quote_line(line) for line in lines]
    follows = _history_follows(lines, quoted)
    seen_text = False
    for index in range(count):
        line = lines[index]
        if not line.strip():
            continue
        if quoted[index]:
            seen_text = True
            continue
        if any(p.regex.search(line) for p in FORWARDS):
            return None
        found = _attribution_at(lines, quoted, follows, index, seen_text)
        if found is None and seen_text:
            found = _separator_at(lines, index) or _header_block_at(lines, quoted, index)
        if found is not None:
            return found
        seen_text = True
    return _trailing_quote(lines, quoted)


def _attribution_at(
    lines: Sequence[str], quoted: list[bool], follows: list[bool], index: int, seen_text: bool
) -> History | None:
    first = lines[index].rstrip()
    candidates = [len(first) - len(first.lstrip())]
    candidates += [m.end() for m in _CANDIDATE.finditer(first) if m.end() < len(first)]
    ends = [index]
    for extra in (1, 2):
        probe = index + extra
        if probe < len(lines) and lines[probe].strip() and not quoted[probe]:
            ends.append(probe)
        else:
            break
    for last, end_line in enumerate(ends):
        text = " ".join([first] + [lines[i].strip() for i in ends[1 : last + 1]])
        if not text.rstrip().endswith((":", "：")):
            continue
        for pos in candidates:
            if len(text) - pos > _MAX_ATTRIBUTION:
                continue
            piece = text[pos:]
            if not re.search(r"\d|@", piece):
                continue
            pattern = next((p for p in ATTRIBUTIONS if p.regex.match(text, pos)), None)
            if pattern is None:
                continue
            split = pos if first[:pos].strip() else None
            if split is None and not seen_text:
                # Without a reply above, a whole-line attribution stays visible.
                continue
            if not follows[end_line + 1]:
                return None
            author, date = _who_and_when(piece)
            return History(index, author, date, split, pattern.name)
    return None


def _history_follows(lines: Sequence[str], quoted: list[bool]) -> list[bool]:
    """Per index i (and len(lines)): whether a history starts at the lines from i on, after
    blanks — unquoted text, or a quote with no reply text after it (else it is an inline
    reply). Computed once per message, from the end."""
    count = len(lines)
    follows = [False] * (count + 1)
    unquoted_later = False
    for index in range(count - 1, -1, -1):
        if not lines[index].strip():
            follows[index] = follows[index + 1]
        elif not quoted[index]:
            follows[index] = True
            unquoted_later = True
        else:
            follows[index] = not unquoted_later
    return follows


def _separator_at(lines: Sequence[str], index: int) -> History | None:
    line = lines[index]
    for pattern in SEPARATORS:
        if pattern.regex.match(line):
            block = _header_values(lines, index + 1)
            author, date = _from_headers(block)
            if pattern.name in ("zoho", "zimbra-wrote"):
                author, date = _who_and_when(line)
            return History(index, author, date, None, pattern.name)
    return None


def _header_values(lines: Sequence[str], index: int) -> dict[str, str]:
    """The header lines from ``index`` on (blank lines before them skipped): kind → value."""
    while index < len(lines) and not lines[index].strip():
        index += 1
    values: dict[str, str] = {}
    slack = 1
    while index < len(lines) and len(values) < 8:
        match = _HEADER_LINE.match(lines[index])
        if match is None:
            # A wrapped "To:" list continues on the next line.
            if slack and values and ("@" in lines[index] or ";" in lines[index]):
                slack -= 1
                index += 1
                continue
            break
        kind = _KIND_OF[match.group(1).casefold()]
        values.setdefault(kind, match.group(2).strip("* "))
        index += 1
    return values


def _header_block_at(lines: Sequence[str], quoted: list[bool], index: int) -> History | None:
    match = _HEADER_LINE.match(lines[index])
    if match is None or _KIND_OF[match.group(1).casefold()] not in ("from", "date"):
        return None
    values = _header_values(lines, index)
    kinds = set(values)
    before = index - 1
    while before >= 0 and not lines[before].strip():
        before -= 1
    after_rule = before >= 0 and bool(_RULE.match(lines[before]))
    after_blank = before < index - 1
    addressed = any("@" in values.get(k, "") for k in ("from", "to")) or bool(
        _DATE.search(values.get("date", ""))
    )
    strong = {"from", "date"} <= kinds and bool(kinds & {"to", "subject"})
    enough = (
        strong
        or (after_rule and addressed)
        or (after_blank and "from" in kinds and len(kinds) >= 2 and addressed)
    )
    if not enough:
        return None
    start = (
        before
        if after_rule and before >= 0 and any(lines[i].strip() for i in range(before))
        else index
    )
    author, date = _from_headers(values)
    return History(start, author, date, None, "header-block")


def _from_headers(values: dict[str, str]) -> tuple[str | None, str | None]:
    author = None
    raw = values.get("from", "")
    if raw:
        author = _clean_name(raw)
    date = None
    raw_date = values.get("date", "")
    if raw_date:
        found = _DATE.search(raw_date)
        date = found.group(0) if found else raw_date[:40]
    return author, date


def _clean_name(raw: str) -> str | None:
    raw = re.sub(r"\[mailto:[^\]]*\]", "", raw)
    name = re.sub(r"<[^>]*>", "", raw).strip(" \"'*")
    if name:
        return name
    email = _EMAIL_ONLY.search(raw)
    return email.group(0) if email else None


def _who_and_when(text: str) -> tuple[str | None, str | None]:
    date_match = _DATE.search(text)
    date = date_match.group(0) if date_match else None
    author = None
    found = _NAME_EMAIL.search(text)
    if found:
        name = found.group(1).strip(" \"'")
        # The name is the last words before the address: drop the date/time part before it.
        name = re.split(
            r"[,，、]\s*|\s(?:schreef|schrieb|skrev|kirjoitti|كتب|odesílatel|ο/η)\s", name
        )[-1]
        name = re.sub(r"^.*\d[\d:.]*\s*(?:[AaPp]\.?[Mm]\.?|Uhr|ص|م)?\s+", "", name).strip()
        author = name or found.group(2)
    else:
        email = _EMAIL_ONLY.search(text)
        if email:
            author = email.group(0)
    return author, date


def _trailing_quote(lines: Sequence[str], quoted: list[bool]) -> History | None:
    """A trailing run of quoted lines with reply text above it and none after it; the
    attribution line right above it (up to three wrapped lines) comes along."""
    last_text = None
    for index in range(len(lines) - 1, -1, -1):
        if lines[index].strip() and not quoted[index]:
            last_text = index
            break
    if last_text is None:
        return None
    start = next((i for i in range(last_text + 1, len(lines)) if quoted[i]), None)
    if start is None:
        return None
    return History(start, None, None, None, "trailing-quote")
