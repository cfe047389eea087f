"""Writes tests/render/mail_corpus/*.txt: reply bodies × the attribution and header formats the
mail clients write, per language, plus hand-written mails that must stay wholly visible.

Run: python tests/render/build_mail_corpus.py  (the output is committed; edit here, re-run).

Format of a corpus file: each mail starts with a line ``### id | client | language``; the line
``=== fold ===`` stands before the first line the detector must fold, ``=== no fold ===`` (first
body line) marks a mail that must stay wholly visible, and ``⟦fold⟧`` inside a line marks where
an attribution starts after the reply's last words on the same line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from pathlib import Path

OUT = Path(__file__).parent / "mail_corpus"
FOLD = "=== fold ==="
NO_FOLD = "=== no fold ==="
MARK = "⟦fold⟧"

# language → (reply lines, signature name, earlier message lines)
LANG: dict[str, tuple[list[str], str, list[str]]] = {
    "en": (
        ["Hi,", "", "Thanks, the router works again after the update."],
        "Jane Doe",
        [
            "Hello Jane,",
            "",
            "Please restart the router and try again.",
            "",
            "Kind regards,",
            "Omnidesk Support",
        ],
    ),
    "nl": (
        ["Hallo,", "", "Bedankt, de router werkt weer na de update."],
        "Anke de Vries",
        [
            "Beste Anke,",
            "",
            "Wilt u de router opnieuw opstarten?",
            "",
            "Met vriendelijke groet,",
            "Klantenservice",
        ],
    ),
    "de": (
        ["Hallo,", "", "Danke, der Router funktioniert nach dem Update wieder."],
        "Jürgen Schmidt",
        [
            "Sehr geehrter Herr Schmidt,",
            "",
            "bitte starten Sie den Router neu.",
            "",
            "Mit freundlichen Grüßen",
            "Kundenservice",
        ],
    ),
    "fr": (
        ["Bonjour,", "", "Merci, le routeur fonctionne de nouveau."],
        "Élodie Martin",
        [
            "Bonjour Madame Martin,",
            "",
            "Veuillez redémarrer le routeur.",
            "",
            "Cordialement,",
            "Service client",
        ],
    ),
    "es": (
        ["Hola,", "", "Gracias, el router ya funciona."],
        "José García",
        [
            "Estimado José:",
            "",
            "Reinicie el router, por favor.",
            "",
            "Saludos,",
            "Atención al cliente",
        ],
    ),
    "it": (
        ["Buongiorno,", "", "Grazie, il router ora funziona."],
        "Giulia Rossi",
        [
            "Gentile Giulia,",
            "",
            "la preghiamo di riavviare il router.",
            "",
            "Cordiali saluti,",
            "Assistenza clienti",
        ],
    ),
    "pt": (
        ["Olá,", "", "Obrigado, o roteador voltou a funcionar."],
        "João Silva",
        ["Prezado João,", "", "Por favor, reinicie o roteador.", "", "Atenciosamente,", "Suporte"],
    ),
    "da": (
        ["Hej,", "", "Tak, routeren virker igen."],
        "Søren Nielsen",
        ["Kære Søren,", "", "Genstart venligst routeren.", "", "Med venlig hilsen", "Kundeservice"],
    ),
    "sv": (
        ["Hej,", "", "Tack, routern fungerar nu."],
        "Åsa Lindqvist",
        ["Hej Åsa,", "", "Starta om routern, tack.", "", "Vänliga hälsningar", "Kundtjänst"],
    ),
    "no": (
        ["Hei,", "", "Takk, ruteren virker igjen."],
        "Ola Nordmann",
        [
            "Hei Ola,",
            "",
            "Vennligst start ruteren på nytt.",
            "",
            "Med vennlig hilsen",
            "Kundeservice",
        ],
    ),
    "pl": (
        ["Dzień dobry,", "", "Dziękuję, router znowu działa."],
        "Łukasz Nowak",
        [
            "Szanowny Panie,",
            "",
            "Proszę ponownie uruchomić router.",
            "",
            "Pozdrawiam,",
            "Obsługa klienta",
        ],
    ),
    "cs": (
        ["Dobrý den,", "", "Děkuji, router už funguje."],
        "Jiří Novák",
        [
            "Dobrý den pane Nováku,",
            "",
            "restartujte prosím router.",
            "",
            "S pozdravem",
            "Zákaznická podpora",
        ],
    ),
    "el": (
        ["Καλησπέρα,", "", "Ευχαριστώ, ο δρομολογητής λειτουργεί ξανά."],
        "Νίκος Παπαδόπουλος",
        [
            "Αγαπητέ Νίκο,",
            "",
            "Παρακαλούμε επανεκκινήστε τον δρομολογητή.",
            "",
            "Με εκτίμηση,",
            "Υποστήριξη",
        ],
    ),
    "ru": (
        ["Здравствуйте,", "", "Спасибо, роутер снова работает."],
        "Иван Петров",
        [
            "Уважаемый Иван,",
            "",
            "Пожалуйста, перезагрузите роутер.",
            "",
            "С уважением,",
            "Служба поддержки",
        ],
    ),
    "uk": (
        ["Добрий день,", "", "Дякую, роутер знову працює."],
        "Олена Коваленко",
        ["Шановна Олено,", "", "Будь ласка, перезавантажте роутер.", "", "З повагою,", "Підтримка"],
    ),
    "zh": (
        ["您好，", "", "谢谢，路由器现在可以用了。"],
        "王伟",
        ["王先生您好：", "", "请重启路由器后再试一次。", "", "此致", "客服中心"],
    ),
    "ja": (
        ["お世話になっております。", "", "ルーターが復旧しました。ありがとうございます。"],
        "山田太郎",
        [
            "山田様",
            "",
            "ルーターを再起動してください。",
            "",
            "よろしくお願いいたします。",
            "サポート",
        ],
    ),
    "ar": (
        ["مرحبا،", "", "شكرا، الراوتر يعمل الآن."],
        "أحمد علي",
        ["عزيزي أحمد،", "", "يرجى إعادة تشغيل الراوتر.", "", "مع التحية،", "الدعم الفني"],
    ),
    "tr": (
        ["Merhaba,", "", "Teşekkürler, modem artık çalışıyor."],
        "Ayşe Yılmaz",
        [
            "Sayın Ayşe Hanım,",
            "",
            "Lütfen modemi yeniden başlatın.",
            "",
            "Saygılarımızla,",
            "Destek",
        ],
    ),
    "hu": (
        ["Üdvözlöm!", "", "Köszönöm, a router újra működik."],
        "Kovács Péter",
        [
            "Kedves Péter!",
            "",
            "Kérjük, indítsa újra a routert.",
            "",
            "Üdvözlettel:",
            "Ügyfélszolgálat",
        ],
    ),
    "ro": (
        ["Bună ziua,", "", "Mulțumesc, routerul funcționează acum."],
        "Andrei Popescu",
        ["Stimate Andrei,", "", "Vă rugăm să reporniți routerul.", "", "Cu stimă,", "Asistență"],
    ),
    "fi": (
        ["Hei,", "", "Kiitos, reititin toimii taas."],
        "Matti Virtanen",
        [
            "Hei Matti,",
            "",
            "Käynnistä reititin uudelleen.",
            "",
            "Ystävällisin terveisin",
            "Asiakaspalvelu",
        ],
    ),
    "ko": (
        ["안녕하세요,", "", "감사합니다. 이제 공유기가 작동합니다."],
        "김민수",
        ["김민수 고객님,", "", "공유기를 다시 시작해 주세요.", "", "감사합니다.", "고객지원"],
    ),
}

S = "Omnidesk Support <support@omnidesk.example>"

# Gmail attributions, as Gmail writes them in each interface language (history quoted).
GMAIL: dict[str, list[str]] = {
    "en": [f"On Tue, 1 Mar 2011 at 10:02, {S} wrote:"],
    "nl": [f"Op di 1 mrt. 2011 om 10:02 schreef {S}:"],
    "de": [f"Am Di., 1. März 2011 um 10:02 Uhr schrieb {S}:"],
    "fr": [f"Le mar. 1 mars 2011 à 10:02, {S} a écrit :"],
    "es": [
        "El mar, 1 mar 2011 a las 10:02, Omnidesk Support (<support@omnidesk.example>) escribió:"
    ],
    "it": [f"Il giorno mar 1 mar 2011 alle ore 10:02 {S} ha scritto:"],
    "pt": [f"Em ter., 1 de mar. de 2011 às 10:02, {S} escreveu:"],
    "da": [f"Den tir. 1. mar. 2011 kl. 10.02 skrev {S}:"],
    "sv": [f"Den tis 1 mars 2011 kl 10:02 skrev {S}:"],
    "no": [f"tir. 1. mar. 2011 kl. 10:02 skrev {S}:"],
    "pl": [f"wt., 1 mar 2011 o 10:02 {S} napisał(a):"],
    "cs": [f"út 1. 3. 2011 v 10:02 odesílatel {S} napsal:"],
    "el": [f"Στις Τρί, 1 Μαρ 2011 στις 10:02, ο/η {S} έγραψε:"],
    "ru": [f"вт, 1 мар. 2011 г. в 10:02, {S}:"],
    "uk": [f"вт, 1 бер. 2011 о 10:02 {S} пише:"],
    "zh": [f"{S} 于2011年3月1日周二 上午10:02写道："],
    "ja": [f"2011年3月1日(火) 10:02 {S}:"],
    "ar": [f"في الثلاثاء، 1 مارس 2011 في 10:02 ص، كتب {S}:"],
    "tr": [f"{S}, 1 Mar 2011 Sal, 10:02 tarihinde şunu yazdı:"],
    "hu": [f"{S} (időpont: 2011. márc. 1., K, 10:02) ezt írta:"],
    "ro": [f"În mar., 1 mar. 2011 la 10:02, {S} a scris:"],
    "fi": [f"ti 1. maalisk. 2011 klo 10.02 {S} kirjoitti:"],
    "ko": [f"2011년 3월 1일 (화) 오전 10:02, {S}님이 작성:"],
}

# Gmail's plain-text part wraps long attributions.
GMAIL_WRAPPED: dict[str, list[str]] = {
    "en": ["On Tue, 1 Mar 2011 at 10:02, Omnidesk Support <", "support@omnidesk.example> wrote:"],
    "nl": ["Op di 1 mrt. 2011 om 10:02 schreef Omnidesk Support <", "support@omnidesk.example>:"],
    "de": [
        "Am Di., 1. März 2011 um 10:02 Uhr schrieb Omnidesk Support <",
        "support@omnidesk.example>:",
    ],
    "fr": ["Le mar. 1 mars 2011 à 10:02, Omnidesk Support <support@omnidesk.example>", "a écrit :"],
    "es": [
        "El mar, 1 mar 2011 a las 10:02, Omnidesk Support (<",
        "support@omnidesk.example>) escribió:",
    ],
    "pt": [
        "Em ter., 1 de mar. de 2011 às 10:02, Omnidesk Support <",
        "support@omnidesk.example>",
        "escreveu:",
    ],
    "it": [
        "Il giorno mar 1 mar 2011 alle ore 10:02 Omnidesk Support <",
        "support@omnidesk.example> ha scritto:",
    ],
}

# Apple Mail (macOS/iOS), history quoted; "Sent from my iPhone" above it on iOS.
APPLE: dict[str, list[str]] = {
    "en": [f"On 1 Mar 2011, at 10:02, {S} wrote:"],
    "nl": [f"Op 1 mrt. 2011 om 10:02 heeft {S} het volgende geschreven:"],
    "de": [f"Am 01.03.2011 um 10:02 schrieb {S}:"],
    "fr": [f"Le 1 mars 2011 à 10:02, {S} a écrit :"],
    "es": [f"El 1 mar 2011, a las 10:02, {S} escribió:"],
    "it": [f"Il giorno 1 mar 2011, alle ore 10:02, {S} ha scritto:"],
    "pt": [f"Em 1 de mar. de 2011, à(s) 10:02, {S} escreveu:"],
    "da": [f"Den 1. mar. 2011 kl. 10.02 skrev {S}:"],
    "sv": [f"1 mars 2011 kl. 10:02 skrev {S}:"],
    "ru": [f"1 марта 2011 г., в 10:02, {S} написал(а):"],
    "uk": [f"1 бер. 2011 р. о 10:02 {S} написав(ла):"],
    "ja": [f"2011/03/01 10:02、{S}のメール:"],
    "zh": [f"在 2011年3月1日，上午10:02，{S} 写道："],
}
DEVICE = {
    "en": "Sent from my iPhone",
    "nl": "Verstuurd vanaf mijn iPhone",
    "de": "Von meinem iPhone gesendet",
    "fr": "Envoyé de mon iPhone",
    "es": "Enviado desde mi iPhone",
    "it": "Inviato da iPhone",
    "pt": "Enviado do meu iPhone",
    "da": "Sendt fra min iPhone",
    "sv": "Skickat från min iPhone",
    "ru": "Отправлено с iPhone",
    "uk": "Надіслано з iPhone",
    "ja": "iPhoneから送信",
    "zh": "发自我的iPhone",
}

# Thunderbird (history quoted).
THUNDERBIRD: dict[str, list[str]] = {
    "en": ["On 01/03/2011 10:02, Omnidesk Support wrote:"],
    "de": ["Am 01.03.2011 um 10:02 schrieb Omnidesk Support:"],
    "fr": ["Le 01/03/2011 à 10:02, Omnidesk Support a écrit :"],
    "pl": ["W dniu 1.03.2011 o 10:02, Omnidesk Support pisze:"],
    "cs": ["Dne 1.3.2011 v 10:02 Omnidesk Support napsal(a):"],
    "ru": ["01.03.2011 10:02, Omnidesk Support пишет:"],
    "hu": ["2011. 03. 01. 10:02 keltezéssel, Omnidesk Support írta:"],
    "ja": ["2011/03/01 10:02 に Omnidesk Support さんは書きました:"],
    "fi": ["Omnidesk Support kirjoitti 1.3.2011 kello 10.02:"],
    "nl": ["Op 01-03-2011 om 10:02 schreef Omnidesk Support:"],
    "sv": ["Den 2011-03-01 kl. 10:02, skrev Omnidesk Support:"],
    "it": ["Il 01/03/2011 10:02, Omnidesk Support ha scritto:"],
}

# Outlook desktop header blocks (history unquoted), under the underscore rule or a separator.
OUTLOOK: dict[str, list[str]] = {
    "en": [
        "From: Omnidesk Support <support@omnidesk.example>",
        "Sent: Tuesday, March 1, 2011 10:02 AM",
        "To: Jane Doe <jane@example.com>",
        "Subject: RE: Router [#1234]",
    ],
    "nl": [
        "Van: Omnidesk Support <support@omnidesk.example>",
        "Verzonden: dinsdag 1 maart 2011 10:02",
        "Aan: Anke de Vries <anke@example.nl>",
        "Onderwerp: RE: Router [#1234]",
    ],
    "de": [
        "Von: Omnidesk Support <support@omnidesk.example>",
        "Gesendet: Dienstag, 1. März 2011 10:02",
        "An: Jürgen Schmidt <j.schmidt@example.de>",
        "Betreff: AW: Router [#1234]",
    ],
    "fr": [
        "De : Omnidesk Support <support@omnidesk.example>",
        "Envoyé : mardi 1 mars 2011 10:02",
        "À : Élodie Martin <elodie@example.fr>",
        "Objet : RE: Routeur [#1234]",
    ],
    "es": [
        "De: Omnidesk Support <support@omnidesk.example>",
        "Enviado: martes, 1 de marzo de 2011 10:02",
        "Para: José García <jose@example.es>",
        "Asunto: RE: Router [#1234]",
    ],
    "it": [
        "Da: Omnidesk Support <support@omnidesk.example>",
        "Inviato: martedì 1 marzo 2011 10:02",
        "A: Giulia Rossi <giulia@example.it>",
        "Oggetto: R: Router [#1234]",
    ],
    "pt": [
        "De: Omnidesk Support <support@omnidesk.example>",
        "Enviado: terça-feira, 1 de março de 2011 10:02",
        "Para: João Silva <joao@example.pt>",
        "Assunto: RE: Roteador [#1234]",
    ],
    "da": [
        "Fra: Omnidesk Support <support@omnidesk.example>",
        "Sendt: 1. marts 2011 10:02",
        "Til: Søren Nielsen <soren@example.dk>",
        "Emne: SV: Router [#1234]",
    ],
    "no": [
        "Fra: Omnidesk Support <support@omnidesk.example>",
        "Sendt: tirsdag 1. mars 2011 10:02",
        "Til: Ola Nordmann <ola@example.no>",
        "Emne: SV: Ruter [#1234]",
    ],
    "sv": [
        "Från: Omnidesk Support <support@omnidesk.example>",
        "Skickat: den 1 mars 2011 10:02",
        "Till: Åsa Lindqvist <asa@example.se>",
        "Ämne: SV: Router [#1234]",
    ],
    "ru": [
        "От: Omnidesk Support <support@omnidesk.example>",
        "Отправлено: 1 марта 2011 г. 10:02",
        "Кому: Иван Петров <ivan@example.ru>",
        "Тема: RE: Роутер [#1234]",
    ],
    "pl": [
        "Od: Omnidesk Support <support@omnidesk.example>",
        "Wysłano: wtorek, 1 marca 2011 10:02",
        "Do: Łukasz Nowak <lukasz@example.pl>",
        "Temat: RE: Router [#1234]",
    ],
    "cs": [
        "Od: Omnidesk Support <support@omnidesk.example>",
        "Odesláno: 1. března 2011 10:02",
        "Komu: Jiří Novák <jiri@example.cz>",
        "Předmět: RE: Router [#1234]",
    ],
    "el": [
        "Από: Omnidesk Support <support@omnidesk.example>",
        "Στάλθηκε: Τρίτη, 1 Μαρτίου 2011 10:02 πμ",
        "Προς: Νίκος Παπαδόπουλος <nikos@example.gr>",
        "Θέμα: RE: Router [#1234]",
    ],
    "tr": [
        "Kimden: Omnidesk Support <support@omnidesk.example>",
        "Gönderildi: 1 Mart 2011 Salı 10:02",
        "Kime: Ayşe Yılmaz <ayse@example.com.tr>",
        "Konu: YNT: Modem [#1234]",
    ],
    "hu": [
        "Feladó: Omnidesk Support <support@omnidesk.example>",
        "Elküldve: 2011. március 1. 10:02",
        "Címzett: Kovács Péter <peter@example.hu>",
        "Tárgy: RE: Router [#1234]",
    ],
    "fi": [
        "Lähettäjä: Omnidesk Support <support@omnidesk.example>",
        "Lähetetty: 1. maaliskuuta 2011 10.02",
        "Vastaanottaja: Matti Virtanen <matti@example.fi>",
        "Aihe: VS: Reititin [#1234]",
    ],
    "ro": [
        "De la: Omnidesk Support <support@omnidesk.example>",
        "Trimis: marți, 1 martie 2011 10:02",
        "Către: Andrei Popescu <andrei@example.ro>",
        "Subiect: RE: Router [#1234]",
    ],
    "zh": [
        "发件人: Omnidesk Support <support@omnidesk.example>",
        "发送时间: 2011年3月1日 10:02",
        "收件人: 王伟 <wang@example.cn>",
        "主题: 回复: 路由器 [#1234]",
    ],
    "ja": [
        "差出人: Omnidesk Support <support@omnidesk.example>",
        "送信日時: 2011年3月1日 10:02",
        "宛先: 山田太郎 <yamada@example.jp>",
        "件名: RE: ルーター [#1234]",
    ],
    "ko": [
        "보낸 사람: Omnidesk Support <support@omnidesk.example>",
        "보낸 날짜: 2011년 3월 1일 화요일 오전 10:02",
        "받는 사람: 김민수 <minsu@example.kr>",
        "제목: RE: 공유기 [#1234]",
    ],
    "ar": [
        "من: Omnidesk Support <support@omnidesk.example>",
        "تاريخ الإرسال: الثلاثاء، 1 مارس، 2011 10:02 ص",
        "إلى: أحمد علي <ahmed@example.sa>",
        "الموضوع: رد: الراوتر [#1234]",
    ],
    "uk": [
        "Від: Omnidesk Support <support@omnidesk.example>",
        "Надіслано: 1 березня 2011 р. 10:02",
        "Кому: Олена Коваленко <olena@example.ua>",
        "Тема: RE: Роутер [#1234]",
    ],
}
ORIGINAL = {
    "en": "-----Original Message-----",
    "nl": "-----Oorspronkelijk bericht-----",
    "de": "-----Ursprüngliche Nachricht-----",
    "fr": "-----Message d'origine-----",
    "da": "-----Oprindelig meddelelse-----",
    "es": "-----Mensaje original-----",
    "it": "-----Messaggio originale-----",
    "sv": "-----Ursprungligt meddelande-----",
    "pl": "-----Wiadomość oryginalna-----",
    "fi": "-----Alkuperäinen viesti-----",
}
RULE = "________________________________"


def bold(headers: list[str], stars: str) -> list[str]:
    out = []
    for line in headers:
        key, _, value = line.partition(":")
        out.append(f"{stars}{key}:{stars}{value}")
    return out


def reply(lang: str, *, signature: bool = True) -> list[str]:
    body, name, _ = LANG[lang]
    return [*body, "", *(["--", name] if signature else [name])]


def quoted(lines: list[str]) -> list[str]:
    return [f"> {line}".rstrip() for line in lines]


def history(lang: str, quote: bool) -> list[str]:
    lines = LANG[lang][2]
    return quoted(lines) if quote else list(lines)


def mail(head: list[str], fold: list[str] | None) -> list[str]:
    return [*head, "", FOLD, *fold] if fold is not None else [NO_FOLD, *head]


def build() -> dict[str, list[tuple[str, str, list[str]]]]:
    files: dict[str, list[tuple[str, str, list[str]]]] = {}

    def add(client: str, lang: str, name: str, lines: list[str]) -> None:
        files.setdefault(client, []).append((f"{client}-{lang}-{name}", lang, lines))

    for lang, attribution in GMAIL.items():
        add("gmail", lang, "quoted", mail(reply(lang), [*attribution, "", *history(lang, True)]))
        # The HTML part converted: blockquote lines quoted, or plain when the converter drops it.
        add(
            "gmail",
            lang,
            "unquoted",
            mail(reply(lang, signature=False), [*attribution, "", *history(lang, False)]),
        )
    for lang, attribution in GMAIL_WRAPPED.items():
        add("gmail", lang, "wrapped", mail(reply(lang), [*attribution, "", *history(lang, True)]))
    for lang, attribution in APPLE.items():
        add("apple", lang, "mac", mail(reply(lang), [*attribution, "", *history(lang, True)]))
        add(
            "apple",
            lang,
            "iphone",
            mail([*LANG[lang][0], "", DEVICE[lang]], [*attribution, "", *history(lang, True)]),
        )
    for lang, attribution in THUNDERBIRD.items():
        add("thunderbird", lang, "top", mail(reply(lang), [*attribution, "", *history(lang, True)]))
    for lang, headers in OUTLOOK.items():
        add(
            "outlook",
            lang,
            "desktop",
            mail(reply(lang), [RULE, *headers, "", *history(lang, False)]),
        )
    for lang in ("en", "nl", "de", "fr", "es", "it", "da", "pl", "sv", "fi"):
        headers = OUTLOOK[lang]
        add(
            "outlook",
            lang,
            "original-message",
            mail(reply(lang), [ORIGINAL[lang], *headers, "", *history(lang, False)]),
        )
    for lang in ("en", "nl", "de", "fr", "sv", "ru"):
        add(
            "outlook-web",
            lang,
            "bold",
            mail(reply(lang), [RULE, *bold(OUTLOOK[lang], "*"), "", *history(lang, False)]),
        )
    for lang in ("en", "de", "es"):
        add(
            "outlook-web",
            lang,
            "markdown-bold",
            mail(reply(lang), [*bold(OUTLOOK[lang], "**"), "", *history(lang, False)]),
        )
    for lang, device in (
        ("en", "Get Outlook for iOS"),
        ("nl", "Outlook voor iOS downloaden"),
        ("de", "Outlook für iOS beziehen"),
        ("fr", "Télécharger Outlook pour iOS"),
    ):
        add(
            "outlook-ios",
            lang,
            "rule",
            mail([*LANG[lang][0], "", device], [RULE, *OUTLOOK[lang], "", *history(lang, False)]),
        )
    for lang, device in (
        ("en", "Get Outlook for Android"),
        ("de", "Outlook für Android herunterladen"),
        ("it", "Scarica Outlook per Android"),
    ):
        # Outlook for Android: From/Sent only, after a blank line.
        add(
            "outlook-android",
            lang,
            "short",
            mail([*LANG[lang][0], "", device], [*OUTLOOK[lang][:2], "", *history(lang, False)]),
        )
    # Hotmail/Outlook.com plain text: Date before From, no rule.
    add(
        "hotmail",
        "en",
        "date-first",
        mail(
            reply("en"),
            [
                "Date: Tue, 1 Mar 2011 10:02:03 +0100",
                "From: support@omnidesk.example",
                "To: jane@example.com",
                "Subject: Re: Router [#1234]",
                "",
                *history("en", False),
            ],
        ),
    )
    add(
        "hotmail",
        "fr",
        "date-first",
        mail(
            reply("fr"),
            [
                "Date : Tue, 1 Mar 2011 10:02:03 +0100",
                "De : support@omnidesk.example",
                "À : elodie@example.fr",
                "Objet : Re: Routeur [#1234]",
                "",
                *history("fr", False),
            ],
        ),
    )
    # GMX / web.de start with "Gesendet:".
    for name, to in (("gmx", "j.schmidt@gmx.de"), ("webde", "j.schmidt@web.de")):
        add(
            name,
            "de",
            "gesendet-first",
            mail(
                reply("de"),
                [
                    "Gesendet: Dienstag, 01. März 2011 um 10:02 Uhr",
                    'Von: "Omnidesk Support" <support@omnidesk.example>',
                    f"An: {to}",
                    "Betreff: Re: Router [#1234]",
                    "",
                    *history("de", False),
                ],
            ),
        )
    add(
        "gmx",
        "en",
        "sent-first",
        mail(
            reply("en"),
            [
                "Sent: Tuesday, March 01, 2011 at 10:02 AM",
                'From: "Omnidesk Support" <support@omnidesk.example>',
                "To: jane@gmx.com",
                "Subject: Re: Router [#1234]",
                "",
                *history("en", False),
            ],
        ),
    )
    # Yahoo.
    add(
        "yahoo",
        "en",
        "quoted",
        mail(
            reply("en"),
            [
                "On Tuesday, March 1, 2011, 10:02:03 AM GMT+1, "
                "Omnidesk Support <support@omnidesk.example> wrote:",
                "",
                *history("en", True),
            ],
        ),
    )
    add(
        "yahoo",
        "en",
        "unquoted",
        mail(
            reply("en"),
            [
                "On Tuesday, March 1, 2011, 10:02:03 AM GMT+1, "
                "Omnidesk Support <support@omnidesk.example> wrote:",
                "",
                "",
                *history("en", False),
            ],
        ),
    )
    add(
        "yahoo",
        "fr",
        "quoted",
        mail(
            reply("fr"),
            [
                "Le mardi 1 mars 2011, 10:02:03 UTC+1, "
                "Omnidesk Support <support@omnidesk.example> a écrit :",
                "",
                *history("fr", True),
            ],
        ),
    )
    add(
        "yahoo",
        "en",
        "classic",
        mail(
            reply("en"),
            [
                "----- Original Message -----",
                "From: Omnidesk Support <support@omnidesk.example>",
                "To: Jane Doe <jane@yahoo.com>",
                "Sent: Tuesday, March 1, 2011 10:02 AM",
                "Subject: Re: Router [#1234]",
                "",
                *history("en", False),
            ],
        ),
    )
    # Zimbra.
    for lang, keys in (
        ("en", ("From", "To", "Sent", "Subject")),
        ("fr", ("De", "À", "Envoyé", "Objet")),
        ("de", ("Von", "An", "Gesendet", "Betreff")),
    ):
        add(
            "zimbra",
            lang,
            "original",
            mail(
                reply(lang),
                [
                    "----- Original Message -----"
                    if lang == "en"
                    else {
                        "fr": "----- Mail original -----",
                        "de": "----- Ursprüngliche Mail -----",
                    }[lang],
                    f'{keys[0]}: "Omnidesk Support" <support@omnidesk.example>',
                    f"{keys[1]}: customer@example.com",
                    f"{keys[2]}: Tuesday, March 1, 2011 10:02:03 AM",
                    f"{keys[3]}: Re: Router [#1234]",
                    "",
                    *history(lang, False),
                ],
            ),
        )
    # Zoho.
    add(
        "zoho",
        "en",
        "on-wrote",
        mail(
            reply("en"),
            [
                "---- On Tue, 01 Mar 2011 10:02:03 +0100 "
                "Omnidesk Support <support@omnidesk.example> wrote ----",
                "",
                *history("en", False),
            ],
        ),
    )
    add(
        "zoho",
        "de",
        "on-wrote",
        mail(
            reply("de"),
            [
                "---- Am Di, 01 Mär 2011 10:02:03 +0100 "
                "Omnidesk Support <support@omnidesk.example> schrieb ----",
                "",
                *history("de", False),
            ],
        ),
    )
    add(
        "zoho",
        "en",
        "reply-message",
        mail(
            reply("en"),
            [
                "-----Reply Message-----",
                "From: Omnidesk Support <support@omnidesk.example>",
                "Sent: Tue, 01 Mar 2011 10:02:03 +0100",
                "",
                *history("en", False),
            ],
        ),
    )
    # Zendesk / helpdesk notifications quoted back.
    add(
        "zendesk",
        "en",
        "reply-above",
        mail(
            reply("en"),
            [
                "##- Please type your reply above this line -##",
                "",
                "Your request (1234) has been updated.",
                "",
                *history("en", False),
            ],
        ),
    )
    add(
        "zendesk",
        "en",
        "attribution",
        mail(
            reply("en"),
            [
                "On Tue, 1 Mar 2011 at 10:02, "
                "Omnidesk Support <support@omnidesk.zendesk.com> wrote:",
                "",
                "##- Please type your reply above this line -##",
                *history("en", False),
            ],
        ),
    )
    # Numeric-only dates (Gmail in some locales, mail.ru, Yandex).
    add(
        "gmail",
        "en",
        "numeric",
        mail(reply("en"), [f"2024-03-01 10:02 GMT+01:00 {S}:", "", *history("en", True)]),
    )
    add(
        "mailru",
        "ru",
        "numeric",
        mail(
            reply("ru"),
            [
                '01.03.2011, 10:02, "Omnidesk Support" <support@omnidesk.example>:',
                "",
                *history("ru", True),
            ],
        ),
    )
    add(
        "yandex",
        "ru",
        "numeric",
        mail(reply("ru"), [f"01.03.2011, 10:02, {S}:", "", *history("ru", True)]),
    )
    # The attribution after the reply's last words on the same line (HTML without a <br>).
    for lang, text in (
        ("en", GMAIL["en"][0]),
        ("de", GMAIL["de"][0]),
        ("fr", GMAIL["fr"][0]),
        ("nl", GMAIL["nl"][0]),
        ("es", GMAIL["es"][0]),
        ("zh", APPLE["zh"][0]),
        ("ru", APPLE["ru"][0]),
    ):
        body = LANG[lang][0]
        add(
            "same-line",
            lang,
            "gmail",
            [*body[:-1], "", FOLD, f"{body[-1]} {MARK}{text}", *history(lang, True)],
        )
    add(
        "same-line",
        "en",
        "wrapped",
        [
            "Hi,",
            "",
            FOLD,
            f"Thanks, it works. {MARK}On Tue, 1 Mar 2011 at 10:02, Omnidesk Support <",
            "support@omnidesk.example> wrote:",
            *history("en", False),
        ],
    )
    # Nested: the reply quotes history that quotes older history.
    add(
        "gmail",
        "en",
        "nested",
        mail(
            reply("en"),
            [
                GMAIL["en"][0],
                "",
                *history("en", True),
                ">",
                "> On Mon, 28 Feb 2011 at 09:00, Jane Doe <jane@example.com> wrote:",
                ">> My router does not work.",
            ],
        ),
    )
    add(
        "outlook",
        "en",
        "nested",
        mail(
            reply("en"),
            [
                RULE,
                *OUTLOOK["en"],
                "",
                *history("en", False),
                "",
                RULE,
                *OUTLOOK["en"],
                "",
                "My router does not work.",
            ],
        ),
    )
    add(
        "others",
        "en",
        "trailing-quote",
        mail(reply("en"), ["> Please restart the router.", "> Regards"]),
    )
    add(
        "others",
        "de",
        "signature-then-outlook",
        mail(
            [
                "Hallo,",
                "",
                "alles klar, danke!",
                "",
                "Mit freundlichen Grüßen",
                "Jürgen Schmidt",
                "Musterstraße 1, 12345 Berlin",
                "Tel.: +49 30 123456",
            ],
            [RULE, *OUTLOOK["de"], "", *history("de", False)],
        ),
    )
    add(
        "others",
        "en",
        "sig-then-gmail",
        mail(
            [
                "Thanks!",
                "",
                "Jane Doe | Head of IT",
                "ACME Ltd. | +44 20 7946 0000",
                "www.acme.example",
            ],
            [GMAIL["en"][0], *history("en", True)],
        ),
    )
    hard(add)
    no_fold(add)
    return files


def hard(add) -> None:
    """Formats written down before the detector was tuned for them (a held-out check)."""
    en, de, fr, es = (reply(lang) for lang in ("en", "de", "fr", "es"))
    old_en, old_de = history("en", False), history("de", False)
    add(
        "outlook",
        "en",
        "mailto",
        mail(
            en,
            [
                RULE,
                "From: Support [mailto:support@omnidesk.example]",
                "Sent: 01 March 2011 10:02",
                "To: Jane Doe",
                "Subject: RE: Router",
                "",
                *old_en,
            ],
        ),
    )
    add(
        "outlook",
        "es",
        "enviado-el",
        mail(
            es,
            [
                "De: Omnidesk Support [mailto:support@omnidesk.example]",
                "Enviado el: martes, 1 de marzo de 2011 10:02",
                "Para: José García",
                "Asunto: RE: Router",
                "",
                *history("es", False),
            ],
        ),
    )
    add(
        "outlook-mac",
        "en",
        "date",
        mail(
            en,
            [
                "From: Omnidesk Support <support@omnidesk.example>",
                "Date: Tuesday, 1 March 2011 at 10:02",
                "To: Jane Doe <jane@example.com>",
                "Subject: Re: Router",
                "",
                *old_en,
            ],
        ),
    )
    add(
        "outlook-mac",
        "nl",
        "datum",
        mail(
            reply("nl"),
            [
                "Van: Omnidesk Support <support@omnidesk.example>",
                "Datum: dinsdag 1 maart 2011 om 10:02",
                "Aan: Anke de Vries <anke@example.nl>",
                "Onderwerp: Re: Router",
                "",
                *history("nl", False),
            ],
        ),
    )
    add(
        "windows-mail",
        "en",
        "sent-from-mail",
        mail(
            [*LANG["en"][0], "", "Sent from Mail for Windows 10"],
            [
                "From: Omnidesk Support",
                "Sent: Tuesday, March 1, 2011 10:02 AM",
                "To: jane@example.com",
                "Subject: Router",
                "",
                *old_en,
            ],
        ),
    )
    add(
        "gmail",
        "en",
        "comma-name",
        mail(
            en,
            [
                'On Tue, Mar 1, 2011 at 10:02 AM "Doe, Jane" <jane@example.com> wrote:',
                *quoted(old_en),
            ],
        ),
    )
    add(
        "outlook-web",
        "de",
        "datum",
        mail(
            de,
            [
                RULE,
                "Von: Omnidesk Support <support@omnidesk.example>",
                "Datum: Dienstag, 1. März 2011 10:02",
                "An: Jürgen Schmidt",
                "Betreff: AW: Router",
                "",
                *old_de,
            ],
        ),
    )
    add(
        "outlook",
        "fr",
        "date-space",
        mail(
            fr,
            [
                "De : Omnidesk Support [mailto:support@omnidesk.example]",
                "Date : mardi 1 mars 2011 10:02",
                "À : Élodie Martin",
                "Objet : RE: Routeur",
                "",
                *history("fr", False),
            ],
        ),
    )
    add(
        "apple",
        "en",
        "no-blank",
        mail(
            en,
            [
                "> On 1 Mar 2011, at 10:02, Omnidesk Support <support@omnidesk.example> wrote:",
                ">",
                *quoted(old_en),
            ],
        ),
    )
    add(
        "gmail",
        "en",
        "sig-quote-only",
        mail(["Thanks!", "", "--", "Jane"], [GMAIL["en"][0], *quoted(old_en)]),
    )
    add(
        "yahoo",
        "es",
        "quoted",
        mail(
            es,
            [
                "El martes, 1 de marzo de 2011 10:02:03 CET, Omnidesk Support "
                "<support@omnidesk.example> escribió:",
                "",
                *history("es", True),
            ],
        ),
    )
    add(
        "zimbra",
        "en",
        "plain-wrote",
        mail(
            en, ['----- "Omnidesk Support" <support@omnidesk.example> wrote:', "", *quoted(old_en)]
        ),
    )
    add(
        "others",
        "en",
        "outlook-inside-quote",
        mail(en, ["> -----Original Message-----", "> From: Support", *quoted(old_en)]),
    )
    add(
        "others",
        "de",
        "gmx-two-lines-after-rule",
        mail(
            de,
            ["-" * 20, "Von: support@omnidesk.example", "Gesendet: 01.03.2011 10:02", "", *old_de],
        ),
    )
    add(
        "others",
        "en",
        "reply-then-quote-then-sig",
        mail(["Thanks!", "", GMAIL["en"][0], *quoted(old_en), "", "Jane"], None),
    )


def no_fold(add) -> None:
    """Mails whose whole text must stay visible."""
    en = LANG["en"][0]
    for lang, marker, keys in (
        ("en", "---------- Forwarded message ---------", ("From", "Date", "Subject", "To")),
        ("nl", "---------- Doorgestuurd bericht ---------", ("Van", "Date", "Subject", "To")),
        ("de", "---------- Weitergeleitete Nachricht ---------", ("Von", "Date", "Subject", "To")),
        ("fr", "---------- Message transféré ---------", ("De", "Date", "Subject", "To")),
        ("es", "---------- Mensaje reenviado ---------", ("De", "Date", "Subject", "To")),
        ("it", "---------- Messaggio inoltrato ---------", ("Da", "Date", "Subject", "To")),
    ):
        add(
            "forward",
            lang,
            "gmail",
            mail(
                [
                    "FYI, see below.",
                    "",
                    marker,
                    f"{keys[0]}: Shop <orders@shop.example>",
                    f"{keys[1]}: Tue, 1 Mar 2011 at 10:02",
                    f"{keys[2]}: Your order 5567",
                    f"{keys[3]}: <jane@example.com>",
                    "",
                    "Your order has shipped.",
                ],
                None,
            ),
        )
    add(
        "forward",
        "en",
        "apple",
        mail(
            [
                "See below.",
                "",
                "Begin forwarded message:",
                "",
                "From: Shop <orders@shop.example>",
                "Subject: Your order 5567",
                "Date: 1 March 2011 at 10:02:03 CET",
                "To: jane@example.com",
                "",
                "Your order has shipped.",
            ],
            None,
        ),
    )
    add(
        "forward",
        "de",
        "apple",
        mail(
            [
                "Siehe unten.",
                "",
                "Anfang der weitergeleiteten Nachricht:",
                "",
                "Von: Shop <orders@shop.example>",
                "Betreff: Bestellung 5567",
                "Datum: 1. März 2011 um 10:02:03 MEZ",
                "An: j.schmidt@example.de",
                "",
                "Ihre Bestellung wurde versandt.",
            ],
            None,
        ),
    )
    add(
        "forward",
        "nl",
        "thunderbird",
        mail(
            [
                "Zie hieronder.",
                "",
                "-------- Doorgestuurd bericht --------",
                "Onderwerp: Bestelling 5567",
                "Datum: Tue, 1 Mar 2011 10:02:03 +0100",
                "Van: Shop <orders@shop.example>",
                "Aan: anke@example.nl",
                "",
                "Uw bestelling is verzonden.",
            ],
            None,
        ),
    )
    add(
        "forward",
        "fr",
        "thunderbird",
        mail(
            [
                "Voir ci-dessous.",
                "",
                "-------- Message transféré --------",
                "Sujet : Commande 5567",
                "Date : Tue, 1 Mar 2011 10:02:03 +0100",
                "De : Shop <orders@shop.example>",
                "Pour : elodie@example.fr",
                "",
                "Votre commande a été expédiée.",
            ],
            None,
        ),
    )
    add(
        "forward",
        "de",
        "gmx",
        mail(
            [
                "Zur Info.",
                "",
                "-------- Weitergeleitete Nachricht --------",
                "Gesendet: Dienstag, 01. März 2011 um 10:02 Uhr",
                "Von: orders@shop.example",
                "An: j.schmidt@gmx.de",
                "Betreff: Bestellung 5567",
                "",
                "Ihre Bestellung wurde versandt.",
            ],
            None,
        ),
    )
    # Inline replies: answers between quoted lines.
    add(
        "inline",
        "en",
        "thunderbird",
        mail(
            [
                "On 01/03/2011 10:02, Omnidesk Support wrote:",
                "> Which router model do you have?",
                "",
                "A FritzBox 7590.",
                "",
                "> Did you restart it?",
                "",
                "Yes, twice.",
                "",
                "Jane",
            ],
            None,
        ),
    )
    add(
        "inline",
        "en",
        "gmail",
        mail(
            [
                "Hi, answers below.",
                "",
                GMAIL["en"][0],
                "> 1. Which router model do you have?",
                "FritzBox 7590",
                "> 2. Did you restart it?",
                "Yes.",
                "",
                "Jane",
            ],
            None,
        ),
    )
    add(
        "inline",
        "de",
        "bottom-post",
        mail(
            [
                GMAIL["de"][0],
                "> Bitte starten Sie den Router neu.",
                "",
                "Habe ich gemacht, geht immer noch nicht.",
                "",
                "Jürgen",
            ],
            None,
        ),
    )
    add(
        "inline",
        "nl",
        "interleaved",
        mail(
            [
                "> Welk model router heeft u?",
                "Een Ziggo Connectbox.",
                "> Sinds wanneer?",
                "Sinds gisteren.",
                "",
                "Groet, Anke",
            ],
            None,
        ),
    )
    # Lines that start with ">" but are no quotes.
    add(
        "not-quote",
        "en",
        "arrows",
        mail(
            ["Please open this link:", "", ">>> http://example.com/reset <<<", "", "Thanks, Jane"],
            None,
        ),
    )
    add(
        "not-quote",
        "en",
        "arrows-end",
        mail(["Here is the link:", ">>> https://example.com/status <<<"], None),
    )
    add("not-quote", "en", "only-quote", mail(["> Please restart the router.", "> Regards"], None))
    # Signatures and ordinary text that look a little like history.
    add(
        "signature",
        "en",
        "plain",
        mail(
            [
                *en,
                "",
                "--",
                "Jane Doe",
                "Head of IT, ACME Ltd.",
                "From: London office",
                "Tel: +44 20 7946 0000",
            ],
            None,
        ),
    )
    add(
        "signature",
        "en",
        "booking",
        mail(
            ["My booking:", "", "From: Amsterdam", "Date: 3 May", "", "Can I change it?", "Jane"],
            None,
        ),
    )
    add("signature", "en", "device", mail([*en, "", "Sent from my iPhone"], None))
    add("signature", "de", "device", mail(["Danke!", "", "Von meinem iPhone gesendet"], None))
    add(
        "signature",
        "en",
        "colleague-wrote",
        mail(["Hi,", "", "My colleague wrote:", "the router is broken.", "", "Jane"], None),
    )
    add(
        "signature",
        "en",
        "rule",
        mail(["Thanks!", "", "________________________________", "Jane Doe", "ACME Ltd."], None),
    )
    add(
        "signature",
        "fr",
        "sig",
        mail(
            [
                "Bonjour,",
                "",
                "Merci beaucoup.",
                "",
                "--",
                "Élodie Martin",
                "Tél. : 01 23 45 67 89",
                "Site : www.example.fr",
            ],
            None,
        ),
    )
    add(
        "signature",
        "en",
        "on-monday",
        mail(
            [
                "On Monday I restarted it, on Tuesday it broke again.",
                "Which model do you need:",
                "the 7590 or the 7490?",
            ],
            None,
        ),
    )


# -------------------------------------------------------------------------------------------------
# HTML mails: the markup each client writes around the history, run through the HTML converter.
# Format of a file in mail_corpus/html/: each mail starts with ``### id | client | language``,
# then its HTML (one line), then the lines that must stay visible after ``=== visible ===`` and
# those that must fold after ``=== folded ===`` (as the converter writes them; no blank lines).

HTML_OUT = OUT / "html"
VISIBLE = "=== visible ==="
FOLDED = "=== folded ==="


@dataclass
class HtmlMail:
    ident: str
    lang: str
    html: str
    visible: list[str]
    folded: list[str]


# Languages the pattern tables do not know: only the client's markup says where history starts.
# language → (reply lines, Gmail attribution, Outlook header block, earlier message)
UNKNOWN: dict[str, tuple[list[str], str, list[str], list[str]]] = {
    "id": (
        ["Halo,", "", "Terima kasih, router sudah berfungsi lagi."],
        "Pada tanggal Sel, 1 Mar 2011 pukul 10.02 Omnidesk Support <support@omnidesk.example> "
        "menulis:",
        [
            "Dari: Omnidesk Support",
            "Dikirim: Selasa, 1 Maret 2011 10.02",
            "Kepada: Budi",
            "Perihal: Router",
        ],
        ["Yth. Budi,", "", "Silakan nyalakan ulang router Anda.", "", "Salam,", "Dukungan"],
    ),
    "vi": (
        ["Chào,", "", "Cảm ơn, bộ định tuyến đã hoạt động trở lại."],
        "Vào Th 3, 1 thg 3, 2011 vào lúc 10:02 Omnidesk Support <support@omnidesk.example> "
        "đã viết:",
        [
            "Từ: Omnidesk Support",
            "Đã gửi: Thứ Ba, 1 tháng 3, 2011 10:02",
            "Đến: Minh",
            "Chủ đề: Router",
        ],
        [
            "Chào anh Minh,",
            "",
            "Vui lòng khởi động lại bộ định tuyến.",
            "",
            "Trân trọng,",
            "Hỗ trợ",
        ],
    ),
    "ca": (
        ["Hola,", "", "Gràcies, el router torna a funcionar."],
        "El dia dt., 1 de març 2011 a les 10:02, Omnidesk Support (<support@omnidesk.example>) "
        "va escriure:",
        [
            "Remitent: Omnidesk Support",
            "Enviat: dimarts, 1 de març de 2011 10:02",
            "Destinatari: Jordi",
            "Assumpte: Router",
        ],
        ["Benvolgut Jordi,", "", "Si us plau, reinicieu el router.", "", "Salutacions,", "Suport"],
    ),
    "hr": (
        ["Pozdrav,", "", "Hvala, usmjerivač opet radi."],
        "uto, 1. ožu 2011. u 10:02 Omnidesk Support <support@omnidesk.example> napisao je:",
        [
            "Šalje: Omnidesk Support",
            "Poslano: utorak, 1. ožujka 2011. 10:02",
            "Prima: Ivan",
            "Predmet: Router",
        ],
        [
            "Poštovani Ivane,",
            "",
            "Molimo ponovno pokrenite usmjerivač.",
            "",
            "Lijep pozdrav,",
            "Podrška",
        ],
    ),
    "et": (
        ["Tere,", "", "Aitäh, ruuter töötab jälle."],
        "T, 1. märts 2011 kell 10:02 Omnidesk Support <support@omnidesk.example> kirjutas:",
        [
            "Saatja: Omnidesk Support",
            "Saadetud: teisipäev, 1. märts 2011 10:02",
            "Adressaat: Mari",
            "Teema: Ruuter",
        ],
        ["Hea Mari,", "", "Palun taaskäivitage ruuter.", "", "Parimate soovidega", "Tugi"],
    ),
    "lt": (
        ["Labas,", "", "Ačiū, maršrutizatorius vėl veikia."],
        "2011 kov. 1, an, 10:02 Omnidesk Support <support@omnidesk.example> rašė:",
        [
            "Nuo: Omnidesk Support",
            "Išsiųsta: 2011 m. kovo 1 d. 10:02",
            "Kam: Jonas",
            "Tema: Maršrutizatorius",
        ],
        [
            "Gerbiamas Jonai,",
            "",
            "Prašome iš naujo paleisti maršrutizatorių.",
            "",
            "Pagarbiai",
            "Pagalba",
        ],
    ),
    "sk": (
        ["Dobrý deň,", "", "Ďakujem, router opäť funguje."],
        "ut 1. 3. 2011 o 10:02 Omnidesk Support <support@omnidesk.example> napísal(a):",
        [
            "Odosielateľ: Omnidesk Support",
            "Odoslané: utorok, 1. marca 2011 10:02",
            "Adresát: Peter",
            "Predmet: Router",
        ],
        ["Vážený pán Peter,", "", "reštartujte, prosím, router.", "", "S pozdravom", "Podpora"],
    ),
    "bg": (
        ["Здравейте,", "", "Благодаря, рутерът отново работи."],
        "вт, 1.03.2011 г. в 10:02 Omnidesk Support <support@omnidesk.example> написа:",
        [
            "От: Omnidesk Support",
            "Изпратено: вторник, 1 март 2011 г. 10:02",
            "До: Иван",
            "Относно: Рутер",
        ],
        ["Уважаеми Иване,", "", "Моля, рестартирайте рутера.", "", "Поздрави,", "Поддръжка"],
    ),
}


_ADDRESS = re.compile(r"<([^<>@\s]+@[^<>\s]+)>")


def h(line: str, link: bool = True) -> str:
    """One line of text as HTML; an address in <…> becomes a mailto link, as clients write it."""
    if not link:
        return escape(line)
    parts = _ADDRESS.split(line)
    out = []
    for index, part in enumerate(parts):
        if index % 2:
            out.append(f'&lt;<a href="mailto:{part}">{part}</a>&gt;')
        else:
            out.append(escape(part))
    return "".join(out)


def divs(lines: list[str]) -> str:
    return "".join(f"<div>{h(line)}</div>" if line else "<div><br></div>" for line in lines)


def paras(lines: list[str]) -> str:
    """Outlook desktop's Word HTML: one MsoNormal paragraph per line."""
    return "".join(
        f'<p class="MsoNormal">{h(line) if line else "<o:p>&nbsp;</o:p>"}<o:p></o:p></p>'
        for line in lines
    )


def shown(lines: list[str]) -> list[str]:
    return [line for line in lines if line.strip()]


def gmail_html(reply_lines: list[str], attribution: str, old: list[str]) -> str:
    return (
        f'<div dir="ltr">{divs(reply_lines)}</div><br><div class="gmail_quote '
        f'gmail_quote_container"><div dir="ltr" class="gmail_attr">{h(attribution)}<br></div>'
        '<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid '
        f'rgb(204,204,204);padding-left:1ex"><div dir="ltr">{divs(old)}</div></blockquote></div>'
    )


def yahoo_html(reply_lines: list[str], attribution: str, old: list[str]) -> str:
    return (
        '<html><head></head><body><div class="ydp3b0e8f5dyahoo-style-wrap" style="font-family:'
        f'Helvetica Neue, Helvetica, Arial, sans-serif;font-size:13px;">{divs(reply_lines)}</div>'
        '<div id="yahoo_quoted_4417356240" class="yahoo_quoted"><div style="font-family:'
        "'Helvetica Neue', Helvetica, Arial, sans-serif;font-size:13px;color:#26282a;\">"
        f"<div>{h(attribution, link=False)}</div><div><br></div><div><br></div>"
        f'<div><div id="yiv1187625101"><div>{divs(old)}</div></div></div></div></div>'
        "</body></html>"
    )


def owa_html(reply_lines: list[str], headers: list[str], old: list[str], x: str = "") -> str:
    """Outlook on the web, new Outlook, Outlook for iOS/Android: #divRplyFwdMsg under an <hr>."""
    block = "<br>".join(
        f"<b>{escape(key)}:</b>{h(value, link=False)}"
        for key, _, value in (line.partition(":") for line in headers)
    )
    return (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>'
        '<body dir="ltr"><div class="elementToProof" style="font-family:Aptos, Arial, Helvetica, '
        f'sans-serif;font-size:12pt;">{divs(reply_lines)}</div><div id="{x}appendonsend"></div>'
        '<hr style="display:inline-block;width:98%" tabindex="-1">'
        f'<div id="{x}divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" '
        f'style="font-size:11pt" color="#000000">{block}</font><div>&nbsp;</div></div>'
        f'<div class="BodyFragment"><font size="2"><span style="font-size:11pt;">'
        f"{divs(old)}</span></font></div></body></html>"
    )


def outlook_html(reply_lines: list[str], headers: list[str], old: list[str]) -> str:
    """Outlook for Windows and Mac (Word HTML): the header block under a border-top rule."""
    block = "<br>".join(
        f"<b>{escape(key)}:</b> {h(value.strip(), link=False)}"
        for key, _, value in (line.partition(":") for line in headers)
    )
    return (
        '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style><!-- p.MsoNormal '
        '{margin:0cm;} --></style></head><body lang="EN-GB"><div class="WordSection1">'
        f'{paras([*reply_lines, ""])}<div><div style="border:none;border-top:solid #E1E1E1 1.0pt;'
        f'padding:3.0pt 0cm 0cm 0cm"><p class="MsoNormal">{block}<o:p></o:p></p></div></div>'
        f"{paras(['', *old])}</div></body></html>"
    )


def thunderbird_html(reply_lines: list[str], attribution: str, old: list[str]) -> str:
    return (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"></head>'
        f"<body><p>{'<br>'.join(h(line) for line in reply_lines)}</p>"
        f'<div class="moz-cite-prefix">{h(attribution)}<br></div><blockquote type="cite" '
        f'cite="mid:AM0PR01MB1234@omnidesk.example">{divs(old)}</blockquote></body></html>'
    )


def apple_html(reply_lines: list[str], attribution: str, old: list[str]) -> str:
    return (
        '<html><head></head><body style="word-wrap: break-word; -webkit-nbsp-mode: space;">'
        f'{divs(reply_lines)}<div><br><blockquote type="cite"><div>{h(attribution)}</div>'
        f'<br class="Apple-interchange-newline"><div><div>{divs(old)}</div></div></blockquote>'
        "</div><br></body></html>"
    )


def iphone_html(reply_lines: list[str], device: str, attribution: str, old: list[str]) -> str:
    return (
        f'<html><head></head><body dir="auto">{divs(reply_lines)}<div dir="ltr"><br>'
        f'<div dir="ltr">{escape(device)}</div><div dir="ltr"><br><blockquote type="cite">'
        f'{h(attribution)}<br><br></blockquote></div><blockquote type="cite"><div dir="ltr">'
        f"{divs(old)}</div></blockquote></div></body></html>"
    )


def build_html() -> dict[str, list[HtmlMail]]:
    files: dict[str, list[HtmlMail]] = {}

    def add(client: str, lang: str, name: str, html: str, visible: list[str], folded: list[str]):
        mails = files.setdefault(client, [])
        mails.append(HtmlMail(f"{client}-{lang}-{name}", lang, html, shown(visible), shown(folded)))

    def reply_of(lang: str) -> list[str]:
        body, name, _ = LANG[lang]
        return [*body, "", "--", name]

    for lang, attribution in GMAIL.items():
        reply_lines, old = reply_of(lang), LANG[lang][2]
        html = gmail_html(reply_lines, " ".join(attribution), old)
        add("gmail-html", lang, "reply", html, reply_lines, [" ".join(attribution), *old])
    for lang, attribution in APPLE.items():
        reply_lines, old = reply_of(lang), LANG[lang][2]
        html = apple_html(reply_lines, attribution[0], old)
        add("apple-html", lang, "mac", html, reply_lines, [attribution[0], *old])
        body = LANG[lang][0]
        html = iphone_html(body, DEVICE[lang], attribution[0], old)
        add("apple-html", lang, "iphone", html, [*body, DEVICE[lang]], [attribution[0], *old])
    for lang, attribution in THUNDERBIRD.items():
        reply_lines, old = reply_of(lang), LANG[lang][2]
        html = thunderbird_html(reply_lines, attribution[0], old)
        add("thunderbird-html", lang, "reply", html, reply_lines, [attribution[0], *old])
    for lang, headers in OUTLOOK.items():
        reply_lines, old = reply_of(lang), LANG[lang][2]
        html = owa_html(reply_lines, headers, old)
        add("outlook-web-html", lang, "reply", html, reply_lines, ["* * *", *headers, *old])
        html = outlook_html(reply_lines, headers, old)
        add("outlook-html", lang, "reply", html, reply_lines, [*headers, *old])
    for lang, (body, attribution, headers, old) in UNKNOWN.items():
        reply_lines = [*body, "", "--", "Jane"]
        add(
            "gmail-html",
            lang,
            "unknown-language",
            gmail_html(reply_lines, attribution, old),
            reply_lines,
            [attribution, *old],
        )
        add(
            "yahoo-html",
            lang,
            "unknown-language",
            yahoo_html(reply_lines, attribution, old),
            reply_lines,
            [attribution, *old],
        )
        add(
            "outlook-web-html",
            lang,
            "unknown-language",
            owa_html(reply_lines, headers, old),
            reply_lines,
            ["* * *", *headers, *old],
        )
        cite = attribution.replace(" <support@omnidesk.example>", "")
        add(
            "thunderbird-html",
            lang,
            "unknown-language",
            thunderbird_html(reply_lines, cite, old),
            reply_lines,
            [cite, *old],
        )
    for lang, attribution in YAHOO_HTML.items():
        reply_lines, old = reply_of(lang), LANG[lang][2]
        html = yahoo_html(reply_lines, attribution, old)
        add("yahoo-html", lang, "reply", html, reply_lines, [attribution, *old])
    html_no_fold(add)
    held_out_html(add)
    return files


# Yahoo Mail's attribution, per interface language (the history below it is not quoted).
YAHOO_HTML = {
    "en": "On Tuesday, March 1, 2011, 10:02:03 AM GMT+1, Omnidesk Support "
    "<support@omnidesk.example> wrote:",
    "fr": "Le mardi 1 mars 2011, 10:02:03 UTC+1, Omnidesk Support <support@omnidesk.example> "
    "a écrit :",
    "de": "Am Dienstag, 1. März 2011, 10:02:03 MEZ hat Omnidesk Support "
    "<support@omnidesk.example> Folgendes geschrieben:",
    "es": "El martes, 1 de marzo de 2011, 10:02:03 CET, Omnidesk Support "
    "<support@omnidesk.example> escribió:",
    "it": "Il martedì 1 marzo 2011, 10:02:03 CET, Omnidesk Support "
    "<support@omnidesk.example> ha scritto:",
}


def html_no_fold(add) -> None:
    """HTML mails whose whole text must stay visible, and replies with tricky markup."""
    en = LANG["en"][0]
    shop = ["Your order 5567 has shipped.", "", "Kind regards,", "The shop"]
    # Gmail forward: the forwarded message sits in div.gmail_quote like history.
    fwd = [
        "---------- Forwarded message ---------",
        "From: Shop <orders@shop.example>",
        "Date: Tue, 1 Mar 2011 at 10:02",
        "Subject: Your order 5567",
        "To: <jane@example.com>",
    ]
    html = (
        '<div dir="ltr">FYI, see below.</div><br><div class="gmail_quote"><div dir="ltr" '
        f'class="gmail_attr">{"<br>".join(h(line) for line in fwd)}<br></div><br><br>'
        f"{divs(shop)}</div>"
    )
    add("forward-html", "en", "gmail", html, ["FYI, see below.", *fwd, *shop], [])
    # Apple Mail forward: inside a blockquote type=cite.
    apple = [
        "Begin forwarded message:",
        "From: Shop <orders@shop.example>",
        "Subject: Your order 5567",
        "Date: 1 March 2011 at 10:02:03 CET",
        "To: jane@example.com",
    ]
    html = (
        '<html><body><div>See below.</div><div><br><div><br><blockquote type="cite">'
        f"<div>{escape(apple[0])}</div>"
        + "".join(
            f"<div><span><b>{escape(k)}: </b></span><span>{escape(v.strip())}<br></span></div>"
            for k, _, v in (line.partition(":") for line in apple[1:])
        )
        + f"<br><div>{divs(shop)}</div></blockquote></div><br></div></body></html>"
    )
    add("forward-html", "en", "apple", html, ["See below.", *apple, *shop], [])
    # Thunderbird forward: moz-forward-container, headers in a table.
    html = (
        '<html><body><p>Please have a look.</p><div class="moz-forward-container"><br><br>'
        "-------- Forwarded Message --------"
        '<table class="moz-email-headers-table" border="0" cellpadding="0" cellspacing="0">'
        '<tbody><tr><th valign="BASELINE" nowrap="nowrap" align="RIGHT">Subject: </th>'
        "<td>Your order 5567</td></tr><tr><th>Date: </th><td>Tue, 1 Mar 2011 10:02:03 +0100</td>"
        "</tr><tr><th>From: </th><td>Shop &lt;orders@shop.example&gt;</td></tr></tbody></table>"
        f"<br>{divs(shop)}</div></body></html>"
    )
    add(
        "forward-html",
        "en",
        "thunderbird",
        html,
        [
            "Please have a look.",
            "-------- Forwarded Message --------",
            "Subject: | Your order 5567",
            "---------+-------------------------------",  # the converter's header-row rule
            "Date: | Tue, 1 Mar 2011 10:02:03 +0100",
            "From: | Shop <orders@shop.example>",
            *shop,
        ],
        [],
    )
    # Inline answers between quoted lines: Gmail, Apple Mail, Thunderbird.
    qa = [("Which router model do you have?", "A FritzBox 7590."), ("Did you restart it?", "Yes.")]
    attribution = GMAIL["en"][0]
    inline = "".join(
        f'<blockquote class="gmail_quote">{h(q)}</blockquote><div>{h(a)}</div>' for q, a in qa
    )
    html = (
        '<div dir="ltr">Answers below.</div><div class="gmail_quote"><div dir="ltr" '
        f'class="gmail_attr">{h(attribution)}<br></div>{inline}<div><br></div><div>Jane</div></div>'
    )
    visible = ["Answers below.", attribution, *(x for pair in qa for x in pair), "Jane"]
    add("inline-html", "en", "gmail", html, visible, [])
    inline = "".join(
        f'<blockquote type="cite"><div>{h(q)}</div></blockquote><div>{h(a)}</div>' for q, a in qa
    )
    html = f"<html><body><div>Hi,</div>{inline}<div><br></div><div>Jane</div></body></html>"
    add("inline-html", "en", "apple", html, ["Hi,", *(x for pair in qa for x in pair), "Jane"], [])
    cite = THUNDERBIRD["en"][0]
    inline = "".join(f'<blockquote type="cite">{h(q)}</blockquote><p>{h(a)}</p>' for q, a in qa)
    html = (
        f'<html><body><div class="moz-cite-prefix">{h(cite)}<br></div>{inline}<p>Jane</p>'
        "</body></html>"
    )
    add(
        "inline-html",
        "en",
        "thunderbird",
        html,
        [cite, *(x for pair in qa for x in pair), "Jane"],
        [],
    )
    # ">>>" around a link, and a signature set off by a border-top rule: no history.
    html = (
        "<p>Please open this link:</p><p>&gt;&gt;&gt; http://example.com/reset &lt;&lt;&lt;</p>"
        "<p>Thanks, Jane</p>"
    )
    add(
        "not-quote-html",
        "en",
        "arrows",
        html,
        ["Please open this link:", ">>> http://example.com/reset <<<", "Thanks, Jane"],
        [],
    )
    signature = [
        "Jane Doe",
        "Head of IT, ACME Ltd.",
        "Tel: +44 20 7946 0000",
        "Web: www.acme.example",
    ]
    html = (
        f'<div class="WordSection1">{paras(en)}<div style="border:none;border-top:solid #E1E1E1 '
        f'1.0pt;padding:3.0pt 0cm 0cm 0cm">{paras(signature)}</div></div>'
    )
    add("signature-html", "en", "border-top", html, [*en, *signature], [])
    # A reply on the same line as Gmail's attribution (the HTML had no break between them).
    same = "Thanks, it works now."
    html = (
        f'<div dir="ltr">Hi, {escape(same)} <span class="gmail_attr">{h(attribution)}</span></div>'
        f'<blockquote class="gmail_quote">{divs(LANG["en"][2])}</blockquote>'
    )
    add("same-line-html", "en", "gmail", html, [f"Hi, {same}"], [attribution, *LANG["en"][2]])


def held_out_html(add) -> None:
    """HTML formats written after the rules were tuned, and not tuned for (a held-out check)."""
    en, old = LANG["en"][0], LANG["en"][2]
    headers = [
        'From: "Omnidesk Support" <support@omnidesk.example>',
        'To: "Jane Doe" <jane@example.com>',
        "Sent: Tuesday, March 1, 2011 10:02:03 AM",
        "Subject: Re: Router",
    ]
    block = "<br>".join(
        f"<b>{escape(k)}: </b>{escape(v.strip())}"
        for k, _, v in (line.partition(":") for line in headers)
    )
    html = (
        f'<html><body><div style="font-family: arial;">{divs(en)}<div><br></div>'
        f'<hr id="zwchr"><div style="color:#000;font-weight:normal;">{block}<br><div><br></div>'
        f"{divs(old)}</div></div></body></html>"
    )
    add("zimbra-html", "en", "reply", html, en, ["* * *", *headers, *old])
    gmx = [
        "Gesendet: Dienstag, 01. März 2011 um 10:02 Uhr",
        'Von: "Omnidesk Support" <support@omnidesk.example>',
        "An: j.schmidt@example.de",
        "Betreff: Re: Router",
    ]
    block = "<br>".join(
        f"<b>{escape(k)}:</b>&nbsp;{escape(v.strip())}"
        for k, _, v in (line.partition(":") for line in gmx)
    )
    de, old_de = LANG["de"][0], LANG["de"][2]
    html = (
        f'<html><body><div>{divs(de)}<div>&nbsp;</div><div name="quote" style="margin:10px '
        '5px 5px 10px; padding: 10px 0 10px 10px; border-left:2px solid #C3D9E5;"><div '
        f'style="margin:0 0 10px 0;">{block}</div><div name="quoted-content">{divs(old_de)}'
        "</div></div></div></body></html>"
    )
    add("gmx-html", "de", "reply", html, de, [*gmx, *old_de])
    html = (
        f'<html><body><div dir="ltr">{divs(en)}</div><div dir="ltr"><br></div><div dir="ltr">Get '
        '<a href="https://aka.ms/o0ukef">Outlook for iOS</a></div>'
        '<hr style="display:inline-block;width:98%" tabindex="-1"><div id="divRplyFwdMsg" '
        'dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt" color="#000000">'
        "<b>From:</b> Omnidesk Support &lt;support@omnidesk.example&gt;<br><b>Sent:</b> "
        "Tuesday, March 1, 2011 10:02:03 AM<br><b>To:</b> Jane Doe &lt;jane@example.com&gt;<br>"
        f"<b>Subject:</b> Re: Router</font><div>&nbsp;</div></div>{divs(old)}</body></html>"
    )
    owa = [
        "From: Omnidesk Support <support@omnidesk.example>",
        "Sent: Tuesday, March 1, 2011 10:02:03 AM",
        "To: Jane Doe <jane@example.com>",
        "Subject: Re: Router",
    ]
    add(
        "outlook-ios-html", "en", "reply", html, [*en, "Get Outlook for iOS"], ["* * *", *owa, *old]
    )
    attribution = GMAIL["en"][0]
    html = (
        '<div dir="ltr"><div>You wrote:</div><blockquote style="margin:0 0 0 40px">The router is '
        "red.</blockquote><div>It is blue, actually.</div><div><br></div><div>Jane</div></div>"
        f'<br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">{h(attribution)}<br>'
        f'</div><blockquote class="gmail_quote">{divs(old)}</blockquote></div>'
    )
    visible = ["You wrote:", "The router is red.", "It is blue, actually.", "Jane"]
    add("gmail-html", "en", "snippet-in-reply", html, visible, [attribution, *old])
    sig = ["Jane Doe", "ACME Ltd.", "Tel: +44 20 7946 0000"]
    html = (
        f'<div class="WordSection1">{paras(en)}<table><tr><td style="border-top:solid #ccc 1pt">'
        f'{paras(sig)}</td></tr></table>{paras([""])}<div style="border:none;border-top:solid '
        '#B5C4DF 1.0pt;padding:3.0pt 0in 0in 0in"><p class="MsoNormal"><b>From:</b> Omnidesk '
        "Support<br><b>Sent:</b> Tuesday, March 1, 2011 10:02 AM<br><b>To:</b> Jane Doe<br>"
        f"<b>Subject:</b> RE: Router</p></div>{paras(old)}</div>"
    )
    internal = [
        "From: Omnidesk Support",
        "Sent: Tuesday, March 1, 2011 10:02 AM",
        "To: Jane Doe",
        "Subject: RE: Router",
    ]
    add("outlook-html", "en", "signature-table", html, [*en, *sig], [*internal, *old])


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for old in OUT.glob("*.txt"):
        old.unlink()
    for client, mails in build().items():
        chunks = [
            f"### {ident} | {client} | {lang}\n" + "\n".join(lines) + "\n"
            for ident, lang, lines in mails
        ]
        (OUT / f"{client}.txt").write_text("\n".join(chunks), encoding="utf-8")
    HTML_OUT.mkdir(exist_ok=True)
    for old in HTML_OUT.glob("*.txt"):
        old.unlink()
    for client, html_mails in build_html().items():
        chunks = [
            f"### {m.ident} | {client} | {m.lang}\n{m.html}\n{VISIBLE}\n"
            + "".join(f"{line}\n" for line in m.visible)
            + f"{FOLDED}\n"
            + "".join(f"{line}\n" for line in m.folded)
            for m in html_mails
        ]
        (HTML_OUT / f"{client}.txt").write_text("\n".join(chunks), encoding="utf-8")


if __name__ == "__main__":
    main()
