"""Writes tests/render/mail_corpus/*.txt: reply bodies × the attribution and header formats the
mail clients write, per language, plus hand-written mails that must stay wholly visible.

Run: python tests/render/build_mail_corpus.py  (the output is committed; edit here, re-run).

Format of a corpus file: each mail starts with a line ``### id | client | language``; the line
``=== fold ===`` stands before the first line the detector must fold, ``=== no fold ===`` (first
body line) marks a mail that must stay wholly visible, and ``⟦fold⟧`` inside a line marks where
an attribution starts after the reply's last words on the same line.
"""

from __future__ import annotations

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


if __name__ == "__main__":
    main()
