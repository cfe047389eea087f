"""The patterns of quoted history, per language and client: data for :mod:`omnitui.render.quotes`.

Each :class:`Pattern` carries the real-looking example it came from; a test checks that every
pattern matches its own example. Add a language or a client here, with its example.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Pattern:
    """One recognised format: ``regex`` must match ``example`` (a test checks every one)."""

    name: str
    regex: re.Pattern[str]
    example: str


def _p(name: str, regex: str, example: str, flags: int = 0) -> Pattern:
    return Pattern(name, re.compile(regex, flags), example)


# An attribution is matched (``regex.match(text, pos)``) against one to three joined lines, from
# the start of the first line or from just after a sentence end on it; it must reach the end.
_ANY = r".{4,250}?"
# The HTML converter numbers a mailto link: "<jane@x.com [1]>".
_EMAIL = r"<\s?[^<>@\s]+@[^<>\s]+(?:\s\[\d{1,4}\])?\s?>"

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
        # The last digit in reach, atomically: the same matches as a lazy ".{0,120}?\d", without
        # trying every digit against every end (a line of "1 1 1 … yazdı:" took 40 ms a try).
        r"[^.!?<>]{1,80}(?:<[^<>]+>)?,?\s(?>.{0,120}\d).{0,120}?\s(?:şunu\s)?yazdı\s?:\s*$",
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
# "* * *" is how the HTML converter writes an <hr>.
_RULE = re.compile(r"^\s*(?:_{8,}|-{8,}|(?:[_\-—=*]\s*){5,}|\*\s\*\s\*)\s*$")

# A forward marker: the forwarded message is content and stays visible.
# Searched for anywhere in a line: "--" rather than "-{2,}", which retried every dash of a long
# rule as a start (2,000 dashes took 0.2 s a line); what matches is the same.
FORWARDS: tuple[Pattern, ...] = (
    _p(
        "forward",
        r"(?:--\s?(?:forwarded message|original message follows|weitergeleitete nachricht|"
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
        r"--\s?Doorgestuurd bericht",
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

_NOT_A_QUOTE = re.compile(r"^\s*>>\s*\S.*<<\s*$")  # ">>> http://example.com <<<"; linear
_QUOTE = re.compile(r"^\s?>")
_QUOTE_MARKS = re.compile(r"^\s*(?:>\s?)+")
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
# "On 01/03/2011 10:02, Omnidesk Support wrote:" (Thunderbird names no address).
_NAME_WROTE = re.compile(
    r"(?:,|\d)\s+([^\W\d_][^,<>\d:;]{1,60}?)\s+(?:wrote|schrieb|schreef|a écrit|escribió|"
    r"ha scritto|escreveu|skrev|napsal\(a\)|napisał\(a\)|pisze|kirjoitti)\s?:\s*$"
)
_EMAIL_ONLY = re.compile(r"[^<>@\s\[\]:]+@[^<>\s\[\]]+\.[A-Za-z]{2,}")
_MAX_ATTRIBUTION = 400
