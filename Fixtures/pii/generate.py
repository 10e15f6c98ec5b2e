#!/usr/bin/env python3
"""SafeReplay's own seeded PII corpus: labelled values of the nine detector types in
running text, beside look-alikes that must stay unmasked. Standard library only, so the
output depends on nothing but this file and the seed.

    python3 Fixtures/pii/generate.py --seed 20240611 --n 3000 > Fixtures/pii/pii-seeded.jsonl

Each line: {"id", "locale", "text", "spans": [{"start", "end", "type", "fmt"}],
"negatives": [{"start", "end", "kind"}]}; offsets in Unicode scalars, end exclusive.
Negative kinds ending in _AMBIG are genuinely ambiguous (a four-part version that is also
a dotted quad) and are left out of precision. Every value is random; none is real.
"""
import argparse
import base64
import json
import random
import string
import sys

LOCALES = ["en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL", "pt_BR", "ja_JP", "en_IN"]
B62 = string.ascii_letters + string.digits
HEX = "0123456789abcdef"
FIRST = ["anna", "lukas", "marie", "jo", "sofia", "kenji", "priya", "mateo", "chloé", "björn", "zoë", "ana", "li"]
LAST = ["smith", "müller", "dupont", "garcía", "rossi", "de.vries", "silva", "tanaka", "sharma", "o.brien"]
DOMAINS = ["example.com", "mail.example.org", "shop.example.net", "example.co.uk", "beispiel.de", "exemple.fr",
           "ejemplo.es", "esempio.it", "voorbeeld.nl", "exemplo.com.br", "example.jp", "example.in"]
IDN_DOMAINS = ["bücher.example", "пример.испытание", "例え.テスト", "müller-shop.de", "xn--bcher-kva.example"]
WORDS = ["the", "order", "was", "shipped", "today", "please", "check", "your", "account", "settings", "before",
         "Friday", "we", "received", "payment", "thanks", "update", "profile", "delivery", "window", "support"]

NEGATIVE_KINDS = ["ORDER_ID", "ORDER_NUM", "INVOICE", "PRICE", "DATE", "DATETIME", "EPOCH_S", "EPOCH_MS", "UUID",
                  "GIT_SHA", "GIT_SHA_SHORT", "HEX_COLOR", "ISBN10", "ISBN13", "EAN13", "TRACKING_UPS",
                  "TRACKING_USPS", "TRACKING_FEDEX", "VERSION", "BUILD4", "VERSION4_AMBIG", "PORT", "ZIP",
                  "LUHN_FAIL", "QTY", "COORD", "DURATION", "PERCENT", "MAC", "TIME", "CPP_SCOPE", "MENTION",
                  "LOCAL_ADDR", "IBAN_BADCHECK", "SSN_INVALID", "IDENTIFIER", "JWT_NOT_JSON"]

# Per-locale wording around a value; "{v}" is the value.
FRAMES = {
    "EMAIL": ["Contact: {v}", "mail me at {v} please", "From: Ana <{v}>", "email={v}&ref=nav", "メールは{v}まで",
              "連絡先:{v}。", "E-Mail-Adresse {v} bestätigt", "courriel : {v}", "{\"email\": \"{v}\"}"],
    "CREDIT_CARD": ["card {v} declined", "PAN: {v}", "Karte {v} belastet", "carte bancaire {v}", "tarjeta {v}",
                    "カード番号{v}です", "{\"cc\":\"{v}\"}", "Ana Lima,{v},11/29"],
    "PHONE": ["call {v}", "Tel. {v}", "phone: {v} (evenings)", "Rufnummer {v}", "tél {v}", "móvil: {v}",
              "電話:{v}", "{\"mobile\":\"{v}\"}", "Ana;{v};ok"],
    "US_SSN": ["SSN {v}", "social security no: {v}", "{\"ssn\": \"{v}\"}", "ssn={v}"],
    "IBAN": ["IBAN {v}", "Überweisung an {v}", "virement sur {v}", "cuenta {v}", "{\"iban\":\"{v}\"}"],
    "IP_ADDRESS": ["from {v} at 10:22", "remote_addr={v}", "[{v}]:443", "IPアドレス:{v}", "peer {v} closed"],
    "JWT": ["Authorization: Bearer {v}", "jwt={v}", "session {v}", "#id_token={v}&state=x"],
    "BEARER_TOKEN": ["Authorization: Bearer {v}", "bearer {v}", "-H 'Authorization: Bearer {v}'"],
    "API_KEY": ["api_key={v}", "apikey: {v}", "\"secret\": \"{v}\"", "password={v}", "X-API-KEY: {v}", "{v}",
                "export STRIPE_KEY={v}", "client_secret={v}&grant=1"],
}


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)

    def s(self, alphabet, n):
        return "".join(self.r.choice(alphabet) for _ in range(n))

    # ---------------------------------------------------------------- PII
    def email(self):
        r = self.r
        k = r.random()
        user = r.choice(FIRST) + r.choice([".", "_", ""]) + r.choice(LAST) + (str(r.randint(1, 99)) if r.random() < 0.3 else "")
        if k < 0.15:
            return user + "@" + r.choice(IDN_DOMAINS), "idn"
        if k < 0.25:
            return user + "+" + self.s(string.ascii_lowercase, 4) + "@" + r.choice(DOMAINS), "plus"
        if k < 0.33:
            return (user + "@" + r.choice(DOMAINS)).upper(), "upper"
        user = "".join(c for c in user if c.isascii()) or "user"
        return user + "@" + r.choice(DOMAINS), "ascii"

    def luhn_complete(self, body):
        total = 0
        for i, ch in enumerate(reversed(body)):
            d = int(ch)
            if i % 2 == 0:
                d = d * 2 - 9 if d > 4 else d * 2
            total += d
        return body + str((10 - total % 10) % 10)

    def card(self):
        r = self.r
        brand, prefix, length = r.choice([
            ("visa", "4", 16), ("visa", "4", 13), ("visa", "4", 19), ("mc", str(r.randint(51, 55)), 16),
            ("mc2", str(r.randint(2221, 2720)), 16), ("amex", r.choice(["34", "37"]), 15),
            ("discover", r.choice(["6011", "65", str(r.randint(644, 649))]), 16), ("jcb", str(r.randint(3528, 3589)), 16),
            ("diners", r.choice(["36", "38", str(r.randint(300, 305))]), 14), ("unionpay", "62", 16),
            ("maestro", r.choice(["5018", "5020", "6304", "6759"]), r.choice([12, 16, 19])),
        ])
        num = self.luhn_complete(prefix + self.s(string.digits, length - len(prefix) - 1))
        style = r.choice(["plain", "space", "dash"])
        if style == "plain":
            return num, brand + ":plain"
        sep = " " if style == "space" else "-"
        sizes = [4, 6, 5] if length == 15 else [4, 6, 4] if length == 14 else [4] * 5
        out, i = [], 0
        for n in sizes:
            if i < length:
                out.append(num[i:i + n])
                i += n
        return sep.join(out), brand + ":" + style

    def phone(self, locale):
        r, d = self.r, lambda n: self.s(string.digits, n)
        nz = lambda: str(r.randint(2, 9))
        region = locale[-2:]
        if region == "US":
            a, x, n = r.choice(["212", "415", "312", "617", "206", "303", "512", "646", "305", "702"]), nz() + d(2), d(4)
            forms = [f"({a}) {x}-{n}", f"{a}-{x}-{n}", f"{a}.{x}.{n}", f"+1 {a} {x} {n}", f"+1{a}{x}{n}",
                     f"1-{a}-{x}-{n}", f"{a}-{x}-{n} ext. {d(3)}"]
        elif region == "GB":
            forms = [f"020 7{d(3)} {d(4)}", f"0161 {d(3)} {d(4)}", f"07{r.randint(400, 999)} {d(6)}",
                     f"+44 20 7{d(3)} {d(4)}", f"+44 7{r.randint(400, 999)} {d(6)}", f"+44 (0)113 {d(3)} {d(4)}"]
        elif region == "DE":
            forms = [f"030 {d(8)}", f"089 {d(7)}", f"0151 {d(8)}", f"+49 30 {d(8)}", f"+49 (0)221 {d(6)}",
                     f"0221/{d(7)}", f"+49 176 {d(8)}"]
        elif region == "FR":
            p = lambda: " ".join(d(2) for _ in range(4))
            forms = [f"01 {p()}", f"06 {p()}", f"07 {p()}", f"+33 6 {p()}", f"+33 1 {p()}", f"+33 (0)4 {p()}",
                     "06." + ".".join(d(2) for _ in range(4))]
        elif region == "ES":
            forms = [f"6{d(2)} {d(2)} {d(2)} {d(2)}", f"91{d(1)} {d(3)} {d(3)}", f"+34 6{d(2)} {d(3)} {d(3)}",
                     f"+34 9{d(2)} {d(2)} {d(2)} {d(2)}"]
        elif region == "IT":
            forms = [f"02 {d(4)} {d(4)}", f"06 {d(8)}", f"3{r.randint(20, 99)} {d(3)} {d(4)}",
                     f"+39 3{r.randint(20, 99)} {d(3)} {d(4)}", f"+39 02 {d(4)} {d(4)}"]
        elif region == "NL":
            forms = [f"020 {d(3)} {d(4)}", f"06 {d(8)}", f"06-{d(8)}", f"+31 6 {d(8)}", f"+31 20 {d(3)} {d(4)}"]
        elif region == "BR":
            ddd = str(r.randint(11, 99)).replace("0", "1")
            forms = [f"({ddd}) 9{d(4)}-{d(4)}", f"({ddd}) {r.randint(2, 5)}{d(3)}-{d(4)}", f"+55 {ddd} 9{d(4)}-{d(4)}",
                     f"+55 {ddd} {r.randint(2, 5)}{d(3)}-{d(4)}"]
        elif region == "JP":
            forms = [f"03-{d(4)}-{d(4)}", f"0{r.choice('789')}0-{d(4)}-{d(4)}", f"+81 90-{d(4)}-{d(4)}",
                     f"+81 3-{d(4)}-{d(4)}", f"06-{d(4)}-{d(4)}"]
        else:
            m = str(r.randint(6, 9)) + d(4)
            forms = [f"{m} {d(5)}", f"+91 {m} {d(5)}", f"+91{m}{d(5)}", f"022 {d(4)} {d(4)}", f"080-{d(4)}-{d(4)}"]
        return r.choice(forms), region

    def ssn(self):
        r = self.r
        area = r.choice([a for a in range(1, 900) if a != 666])
        g, s = r.randint(1, 99), r.randint(1, 9999)
        style = r.choice(["dash", "dash", "space", "plain"])
        sep = {"dash": "-", "space": " ", "plain": ""}[style]
        return f"{area:03d}{sep}{g:02d}{sep}{s:04d}", style

    IBAN_FORMATS = {"DE": "n18", "GB": "a4n14", "FR": "n10c11n2", "ES": "n20", "IT": "a1n10c12", "NL": "a4n10",
                    "BE": "n12", "AT": "n16", "CH": "n5c12", "PL": "n24", "BR": "n23a1c1", "PT": "n21"}

    def iban(self, valid=True):
        r = self.r
        cc = r.choice(list(self.IBAN_FORMATS))
        fmt, bban, i = self.IBAN_FORMATS[cc], "", 0
        while i < len(fmt):
            kind = fmt[i]
            j = i + 1
            while j < len(fmt) and fmt[j].isdigit():
                j += 1
            n = int(fmt[i + 1:j])
            alphabet = string.digits if kind == "n" else string.ascii_uppercase if kind == "a" else string.digits + string.ascii_uppercase
            bban += self.s(alphabet, n)
            i = j
        num = int("".join(str(int(c, 36)) for c in bban + cc + "00"))
        check = 98 - num % 97
        if not valid:
            check = (check + r.randint(1, 96)) % 97 or 1
        value = f"{cc}{check:02d}{bban}"
        if r.random() < 0.5:
            return " ".join(value[k:k + 4] for k in range(0, len(value), 4)), cc + ":print"
        return value, cc + ":electronic"

    def ip(self):
        r = self.r
        k = r.random()
        if k < 0.35:
            return f"{r.randint(1, 223)}.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}", "v4"
        if k < 0.5:
            return f"192.168.{r.randint(0, 255)}.{r.randint(1, 254)}", "v4private"
        if k < 0.65:
            return ":".join(self.s(HEX, 4) for _ in range(8)), "v6full"
        if k < 0.85:
            return f"2001:db8:{self.s(HEX, 3)}::{self.s(HEX, 2)}{r.choice(['', ':1'])}", "v6compressed"
        if k < 0.93:
            return f"::ffff:{r.randint(1, 223)}.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}", "v6mapped"
        return r.choice(["fe80::1", f"fe80::{self.s(HEX, 4)}:{self.s(HEX, 4)}"]), "v6short"

    def b64(self, raw):
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()

    def jwt(self):
        r = self.r
        alg = r.choice(["HS256", "RS256", "ES384", "EdDSA", "none"])
        header = {"typ": "JWT", "alg": alg} if r.random() < 0.5 else {"alg": alg, "kid": self.s(B62, 8)}
        payload = {"sub": self.s(string.digits, 8), "iat": r.randint(1_600_000_000, 1_800_000_000), "name": r.choice(FIRST)}
        parts = [self.b64(json.dumps(header, separators=(",", ":")).encode()),
                 self.b64(json.dumps(payload, ensure_ascii=False).encode())]
        sig = "" if alg == "none" else self.b64(bytes(r.getrandbits(8) for _ in range(r.choice([32, 64, 256]))))
        return ".".join(parts + [sig]), alg

    def bearer(self):
        r = self.r
        k = r.random()
        if k < 0.4:
            return self.s(B62, r.randint(20, 60)), "b62"
        if k < 0.7:
            return self.s(B62 + "-._~", r.randint(24, 70)), "b64token"
        return self.s(HEX, 40), "hex"

    def api_key(self):
        r = self.r
        k = r.choice(["aws", "gh", "ghpat", "stripe", "slack", "google", "openai", "sendgrid", "twilio", "gitlab",
                      "hex", "b62", "password"])
        return {
            "aws": lambda: "AKIA" + self.s(string.ascii_uppercase + "234567", 16),
            "gh": lambda: r.choice(["ghp_", "gho_", "ghs_"]) + self.s(B62, 36),
            "ghpat": lambda: "github_pat_" + self.s(B62, 22) + "_" + self.s(B62, 59),
            "stripe": lambda: r.choice(["sk_live_", "pk_live_", "rk_live_", "sk_test_"]) + self.s(B62, r.choice([24, 34, 99])),
            "slack": lambda: "xox" + r.choice("bpoa") + "-" + self.s(string.digits, 11) + "-" + self.s(B62, 24),
            "google": lambda: "AIza" + self.s(B62 + "-_", 35),
            "openai": lambda: r.choice(["sk-", "sk-proj-"]) + self.s(B62, 48),
            "sendgrid": lambda: "SG." + self.s(B62 + "-_", 22) + "." + self.s(B62 + "-_", 43),
            "twilio": lambda: "SK" + self.s(HEX, 32),
            "gitlab": lambda: "glpat-" + self.s(B62, 20),
            "hex": lambda: self.s(HEX, r.choice([32, 40, 64])),
            "b62": lambda: self.s(B62, r.choice([32, 40])),
            "password": lambda: r.choice(["hunter2!", "S3cret-pass", "correct horse", "Tr0ub4dor&3"]).replace(" ", "_"),
        }[k](), k

    # ---------------------------------------------------------------- look-alikes
    def isbn13(self):
        body = self.r.choice(["978", "979"]) + self.s(string.digits, 9)
        check = (10 - sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(body)) % 10) % 10
        return body + str(check)

    def negative(self):
        """A look-alike: (frame, value, kind)."""
        kind = self.r.choice(NEGATIVE_KINDS)
        frame, value = self.look_alike(kind)
        return frame, value, kind

    def look_alike(self, kind):
        r, d = self.r, lambda n: self.s(string.digits, n)
        if kind == "ORDER_ID":
            return r.choice(["Order {v}", "order_id={v}"]), r.choice(["ORD-", "#", "A"]) + f"{r.randint(2019, 2026)}-{d(6)}"
        if kind == "ORDER_NUM":
            return r.choice(["Order #{v}", "Booking reference {v}", "Confirmation number: {v}"]), str(r.randint(1, 9)) + d(r.choice([8, 9, 10]))
        if kind == "INVOICE":
            return "Invoice {v}", r.choice(["INV", "RE-"]) + d(r.choice([8, 10]))
        if kind == "PRICE":
            return "Total {v}", r.choice([f"${r.randint(1, 9999)}.{d(2)}", f"{r.randint(1, 999)},{d(2)} €",
                                          f"¥{r.randint(1000, 99999):,}", f"₹{r.randint(1, 99)},{d(2)},{d(3)}"])
        if kind == "DATE":
            y, m, dd = r.randint(1990, 2030), r.randint(1, 12), r.randint(1, 28)
            return "Date: {v}", r.choice([f"{y}-{m:02d}-{dd:02d}", f"{dd:02d}/{m:02d}/{y}", f"{dd:02d}.{m:02d}.{y}", f"{y}{m:02d}{dd:02d}"])
        if kind == "DATETIME":
            return "at {v}", f"{r.randint(1990, 2030)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}T{r.randint(0, 23):02d}:{r.randint(0, 59):02d}:{r.randint(0, 59):02d}Z"
        if kind == "EPOCH_S":
            return r.choice(["ts={v}", "\"t\": {v}", "timestamp {v}"]), str(r.randint(1_000_000_000, 1_900_000_000))
        if kind == "EPOCH_MS":
            return r.choice(["ts={v}", "\"time\":{v}"]), str(r.randint(1_400_000_000_000, 1_900_000_000_000))
        if kind == "UUID":
            h = self.s(HEX, 32)
            return "request {v}", f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:]}"
        if kind == "GIT_SHA":
            return r.choice(["commit {v}", "sha: {v}", "Merge {v} into main", "revert {v}"]), self.s(HEX, 40)
        if kind == "GIT_SHA_SHORT":
            return "fixed in {v}", self.s(HEX, 7)
        if kind == "HEX_COLOR":
            return "color: {v};", "#" + self.s(HEX, r.choice([3, 6]))
        if kind == "ISBN10":
            return "ISBN {v}", f"{r.randint(0, 9)}-{d(3)}-{d(5)}-{r.choice(string.digits + 'X')}"
        if kind == "ISBN13":
            v = self.isbn13()
            return "ISBN-13 {v}", v if r.random() < 0.5 else f"{v[:3]}-{v[3]}-{v[4:7]}-{v[7:12]}-{v[12]}"
        if kind == "EAN13":
            body = d(12)
            check = (10 - sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(body)) % 10) % 10
            return "EAN {v}", body + str(check)
        if kind == "TRACKING_UPS":
            return "UPS {v}", "1Z" + self.s(string.ascii_uppercase + string.digits, 6) + d(10)
        if kind == "TRACKING_USPS":
            v = r.choice(["9400", "9205"]) + d(18)
            return "USPS {v}", v if r.random() < 0.5 else " ".join(v[k:k + 4] for k in range(0, 22, 4))
        if kind == "TRACKING_FEDEX":
            return "FedEx tracking {v}", d(r.choice([12, 15]))
        if kind == "VERSION":
            return r.choice(["v{v}", "version {v}", "SDK {v}"]), f"{r.randint(0, 20)}.{r.randint(0, 40)}.{r.randint(0, 99)}"
        if kind == "BUILD4":
            return "Build {v}", f"{r.randint(1, 20)}.{r.randint(0, 9)}.{r.randint(1000, 29999)}.{r.randint(256, 9999)}"
        if kind == "VERSION4_AMBIG":
            return r.choice(["Version {v}", "firmware {v}", "{v}"]), f"{r.randint(1, 12)}.{r.randint(0, 9)}.{r.randint(0, 20)}.{r.randint(0, 255)}"
        if kind == "PORT":
            return "listening on {v}", r.choice(["localhost", "0.0.0.0", "[::]", "127.0.0.1", "[::1]"]) + f":{r.randint(1024, 65535)}"
        if kind == "ZIP":
            return r.choice(["ZIP {v}", "PLZ {v}", "〒{v}", "CEP {v}"]), r.choice([d(5), f"{d(5)}-{d(4)}", f"{d(3)}-{d(4)}", f"{d(5)}-{d(3)}", f"{d(4)} AB"])
        if kind == "LUHN_FAIL":
            while True:
                v = r.choice("3456") + d(r.choice([12, 14, 15, 18]))
                if self.luhn_complete(v[:-1]) != v:
                    break
            return r.choice(["SKU {v}", "Serial {v}", "Part no. {v}"]), v if r.random() < 0.5 else " ".join(v[k:k + 4] for k in range(0, len(v), 4))
        if kind == "QTY":
            return "{v} visitors", f"{r.randint(1000, 99_999_999):,}"
        if kind == "COORD":
            return "at {v}", f"{r.uniform(-90, 90):.5f}, {r.uniform(-180, 180):.5f}"
        if kind == "DURATION":
            return "took {v}", f"{r.randint(0, 23):02d}:{r.randint(0, 59):02d}:{r.randint(0, 59):02d}.{d(3)}"
        if kind == "PERCENT":
            return "{v} done", f"{r.randint(0, 100)}.{r.randint(0, 9)}%"
        if kind == "MAC":
            return "device {v}", ":".join(self.s(HEX, 2) for _ in range(6))
        if kind == "TIME":
            return "opens {v}", f"{r.randint(0, 23):02d}:{r.randint(0, 59):02d}"
        if kind == "CPP_SCOPE":
            return "see {v}", r.choice(["std::vector", "Foo::Bar", "a::b", "Cafe::Bad", "::"])
        if kind == "MENTION":
            return "thanks {v}!", "@" + r.choice(FIRST).replace("é", "e").replace("ö", "o").replace("ë", "e")
        if kind == "LOCAL_ADDR":
            return "user {v}", r.choice(["root@localhost", "admin@intranet", "git@github"])
        if kind == "IBAN_BADCHECK":
            return "Ref {v}", self.iban(valid=False)[0]
        if kind == "SSN_INVALID":
            return "id {v}", r.choice([f"000-{d(2)}-{d(4)}", f"666-{d(2)}-{d(4)}", f"9{d(2)}-{d(2)}-{d(4)}",
                                       f"{r.randint(100, 899)}-00-{d(4)}", f"{r.randint(100, 899)}-{r.randint(10, 99)}-0000"])
        if kind == "IDENTIFIER":
            return "call {v}()", r.choice(["getUserAccountSettingsForCurrentSession", "handleIncomingWebhookEventPayload",
                                           "AbstractSingletonProxyFactoryBean", "renderCheckoutSummaryComponentV2"])
        # JWT-shaped, but the header is not JSON: not a JWT.
        head = self.b64(r.choice([b"not json at all", b"{alg:HS256}", b'{"typ":"JWT"}', b"[1,2,3]"]))
        return "blob {v}", "eyJ" + head[3:] + "." + self.b64(b'{"x":1}') + "." + self.s(B62, 10)

    # ---------------------------------------------------------------- records
    def value(self, t, locale):
        return {"EMAIL": self.email, "CREDIT_CARD": self.card, "PHONE": lambda: self.phone(locale), "US_SSN": self.ssn,
                "IBAN": self.iban, "IP_ADDRESS": self.ip, "JWT": self.jwt, "BEARER_TOKEN": self.bearer,
                "API_KEY": self.api_key}[t]()

    def record(self, rid):
        r = self.r
        locale = r.choice(LOCALES)
        text, spans, negatives = "", [], []
        clean = r.random() < 0.2
        for _ in range(r.choice([1, 2, 3, 3, 4, 5])):
            if text:
                text += r.choice([" ", "\n", " | ", "、", " — "])
            k = r.random()
            if k < 0.15:
                text += " ".join(r.choice(WORDS) for _ in range(r.randint(3, 9))) + r.choice([".", "!", "", " 😀", " 第二"])
                continue
            if k < 0.55 or clean:
                frame, v, kind = self.negative()
                pre, post = frame.split("{v}")
                negatives.append({"start": len(text) + len(pre), "end": len(text) + len(pre) + len(v), "kind": kind})
                text += pre + v + post
                continue
            t = r.choice(list(FRAMES))
            v, fmt = self.value(t, locale)
            pre, post = r.choice(FRAMES[t]).split("{v}")
            if t == "API_KEY" and fmt == "password" and "password" not in pre:
                pre, post = "password=", ""
            if t == "API_KEY" and fmt != "password" and pre == "password=":
                pre = "api_key="
            if t == "API_KEY" and pre == "" and fmt in ("hex", "b62"):
                pre = "token: "
            start = len(text) + len(pre)
            spans.append({"start": start, "end": start + len(v), "type": t, "fmt": fmt})
            text += pre + v + post
        return {"id": rid, "locale": locale, "text": text, "spans": spans, "negatives": negatives}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=20240611)
    ap.add_argument("--n", type=int, default=3000)
    a = ap.parse_args()
    g = Gen(a.seed)
    for i in range(a.n):
        sys.stdout.write(json.dumps(g.record(i), ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
