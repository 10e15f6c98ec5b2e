#!/usr/bin/env python3
"""Writes the synthetic mobile sessions in this folder (deterministic: run it again and
the files do not change). Each session is what a host's adapters would hand SafeReplay:
rrweb events shaped like the PostHog iOS and Android SDKs' output, plus `touch` and
`location` observations for the `sr_touch`/`sr_location` feeds. Every personal value is
made up; each session's `.secrets.txt` lists those that must never appear in output."""
import json, random

T0 = 1767225600000

def obs_event(e): return {"event": e}
def obs_touch(pointer, phase, x, y, t): return {"touch": {"pointer": pointer, "phase": phase, "x": x, "y": y, "t": t}}
def obs_location(lat, lon, acc, t): return {"location": {"lat": lat, "lon": lon, "accuracy": acc, "t": t}}

def meta(href, t, w=390, h=844): return {"type": 4, "timestamp": t, "data": {"href": href, "width": w, "height": h}}
def full(wfs, t): return {"type": 2, "timestamp": t, "data": {"wireframes": wfs, "initialOffset": {"top": 0, "left": 0}}}
def mutation(t, **kw): return {"type": 3, "timestamp": t, "data": dict(source=0, **kw)}
def keyboard(t, open_, height=336): return {"type": 5, "timestamp": t, "data": {"tag": "keyboard", "payload": {"open": True, "height": height, "styles": {"backgroundColor": "#D1D3D9"}} if open_ else {"open": False}}}
def ios_touch(t, kind, x, y): return {"type": 3, "timestamp": t, "data": {"source": 2, "type": kind, "id": 0, "x": x, "y": y, "pointerType": 2}}

def ios_session():
    rng = random.Random(7)
    ids = iter(range(105553116266496, 105553116266496 + 10_000_000, 48))  # iOS view.hash: object addresses
    def wf(**kw):
        kw.setdefault("id", next(ids))
        return kw
    secrets = ["Jane Appleseed", "jane.appleseed@icloud.example", "hunter2-Secret!", "4111 1111 1111 1111",
               "1 Infinite Loop, Cupertino", "+1 (408) 555-0123", "88123401", "Dr. Emily Zhao",
               "Balance: $12,345.67", "MRN-7734-2291", "data:image/jpeg;base64,/9j/4AAQSkZJRgABAQ", "https://bank.example/statement?acct=99812"]
    obs, t = [], T0
    def screen(name, body):
        nonlocal t
        t += 2_000
        obs.append(obs_event(meta(name, t)))
        obs.append(obs_event(full([wf(x=0, y=0, width=390, height=844, type="div", style={"backgroundColor": "#FFFFFF"}, childWireframes=body)], t + 1)))
    screen("LoginViewController", [
        wf(x=0, y=0, width=390, height=47, type="status_bar"),
        wf(x=16, y=100, width=358, height=30, type="text", text="Welcome back, Jane Appleseed", style={"color": "#000000", "fontSize": 17, "fontFamily": "SF Pro"}),
        wf(x=16, y=150, width=358, height=44, type="input", inputType="email", value="jane.appleseed@icloud.example", disabled=False, viewClass="UITextField", viewId="login.email"),
        wf(x=16, y=210, width=358, height=44, type="input", inputType="password", value="hunter2-Secret!", disabled=False, viewClass="UITextField"),
        wf(x=16, y=270, width=358, height=24, type="input", inputType="toggle", checked=True, label="Remember jane.appleseed@icloud.example"),
        wf(x=16, y=320, width=358, height=50, type="input", inputType="button", value="Sign in as Jane Appleseed"),
        wf(x=16, y=400, width=64, height=64, type="image", base64="data:image/jpeg;base64,/9j/4AAQSkZJRgABAQ"),
    ])
    obs.append(obs_event(ios_touch(t + 300, 7, 195, 172)))
    obs.append(obs_event(ios_touch(t + 380, 9, 195, 172)))
    obs.append(obs_event(keyboard(t + 400, True)))
    # Typing: taps on the keyboard (bottom 336 points) spell the password.
    for i, (x, y) in enumerate([(35, 560), (350, 620), (120, 680), (200, 560), (70, 620), (300, 740)]):
        obs.append(obs_event(ios_touch(t + 500 + i * 150, 7, x, y)))
        obs.append(obs_event(ios_touch(t + 560 + i * 150, 9, x, y)))
    obs.append(obs_event(keyboard(t + 1500, False)))
    screen("OrderDetailViewController/88123401", [
        wf(x=16, y=100, width=358, height=24, type="text", text="Order 88123401 for Jane Appleseed"),
        wf(x=16, y=130, width=358, height=24, type="text", text="Ship to 1 Infinite Loop, Cupertino"),
        wf(x=16, y=160, width=358, height=24, type="text", text="Call +1 (408) 555-0123"),
        wf(x=16, y=200, width=358, height=220, type="web_view", url="https://bank.example/statement?acct=99812"),
        wf(x=16, y=440, width=200, height=30, type="text", text="Balance: $12,345.67", viewId="balance"),
    ])
    for i in range(3):   # rage taps on a dead button
        obs.append(obs_event(ios_touch(t + 500 + i * 200, 7, 100 + i, 600)))
        obs.append(obs_event(ios_touch(t + 540 + i * 200, 9, 100 + i, 600)))
    screen("PaymentViewController", [
        wf(x=16, y=100, width=358, height=44, type="input", inputType="number", value="4111 1111 1111 1111"),
        wf(x=16, y=160, width=358, height=44, type="input", inputType="select", value="Visa", options=["Visa ending 1111", "Amex ending 0005"]),
    ])
    screen("PatientChartViewController", [
        wf(x=16, y=100, width=358, height=24, type="text", text="Dr. Emily Zhao"),
        wf(x=16, y=130, width=358, height=24, type="text", text="MRN-7734-2291"),
        wf(x=16, y=160, width=358, height=24, type="placeholder", label="MRN-7734-2291"),
    ])
    screen("HomeViewController", [wf(x=16, y=100, width=358, height=24, type="text", text="Hi Jane Appleseed")])
    policy = {"version": 1, "name": "ios-fixture",
              "mobile": {"screens": [{"name": "payment", "match": "Payment*", "level": "high"},
                                     {"name": "chart", "match": "PatientChart*", "level": "medium", "fidelity": "events"},
                                     {"name": "home", "match": "Home*", "level": "low"}],
                         "views": [{"name": "balance", "identifier": "balance", "action": "block"}]}}
    return {"platform": "ios", "policy": policy, "observations": obs}, secrets

def android_session():
    rng = random.Random(11)
    used = set()
    def hid():   # System.identityHashCode: 31-bit, some below 10M
        while True:
            v = rng.choice([rng.randrange(1, 10_000_000), rng.randrange(10_000_000, 2**31)])
            if v not in used:
                used.add(v); return v
    secrets = ["Maria Garcia", "maria.garcia@example.org", "S3cr3t-Pa55", "5500 0000 0000 0004",
               "Calle Mayor 12, Madrid", "+34 612 345 678", "ES91 2100 0418 4502 0005 1332", "12-3456789",
               "40.4167754", "-3.7037902", "Invoice #INV-20931"]
    obs, t = [], T0
    root, title, email, pwd, btn, card = (hid() for _ in range(6))
    t += 100
    obs.append(obs_event(meta("SignupActivity", t, 411, 914)))
    obs.append(obs_event(full([{"id": root, "x": 0, "y": 0, "width": 411, "height": 914, "type": "div", "childWireframes": [
        {"id": title, "x": 16, "y": 80, "width": 379, "height": 28, "type": "text", "text": "Hola Maria Garcia", "style": {"color": "#202124", "fontSize": 20, "fontFamily": "sans-serif-medium"}},
        {"id": email, "x": 16, "y": 130, "width": 379, "height": 56, "type": "input", "inputType": "email", "value": "maria.garcia@example.org", "viewClass": "android.widget.EditText", "viewId": "com.shop:id/email"},
        {"id": pwd, "x": 16, "y": 200, "width": 379, "height": 56, "type": "input", "inputType": "password", "value": "S3cr3t-Pa55", "viewClass": "android.widget.EditText", "viewId": "com.shop:id/password"},
        {"id": btn, "x": 16, "y": 280, "width": 379, "height": 48, "type": "input", "inputType": "button", "value": "Crear cuenta para Maria Garcia", "style": {"backgroundColor": "#1A73E8", "iconLeft": "data:image/webp;base64,UklGRg"}},
    ]}], t + 1)))
    obs.append(obs_location(40.4167754, -3.7037902, 12.0, t + 50))
    # A drag and a fling through the feed, and a tap on the email field.
    obs.append(obs_touch(0, 0, 200, 150, t + 200))
    obs.append(obs_touch(0, 2, 200, 150, t + 260))
    obs.append(obs_event(keyboard(t + 300, True, 300)))
    for i, (x, y) in enumerate([(40, 700), (380, 760), (200, 820)]):
        obs.append(obs_touch(0, 0, x, y, t + 400 + i * 120))
        obs.append(obs_touch(0, 2, x, y, t + 450 + i * 120))
    obs.append(obs_event(mutation(t + 800, updates=[{"parentId": root, "wireframe": {"id": email, "x": 16, "y": 130, "width": 379, "height": 56, "type": "input", "inputType": "email", "value": "maria.garcia@example.org", "viewId": "com.shop:id/email"}}])))
    obs.append(obs_event(keyboard(t + 900, False)))
    t += 1_000
    obs.append(obs_touch(3, 0, 300, 600, t))
    for i in range(1, 15):
        obs.append(obs_touch(3, 1, 300 - i * 18, 600, t + i * 8))
    obs.append(obs_touch(3, 2, 300 - 15 * 18, 600, t + 120))
    t += 500
    obs.append(obs_event(meta("CheckoutActivity", t, 411, 914)))
    obs.append(obs_event(mutation(t + 5, removes=[{"parentId": root, "id": title}, {"parentId": root, "id": email}, {"parentId": root, "id": pwd}],
        adds=[{"parentId": root, "wireframe": {"id": card, "x": 16, "y": 130, "width": 379, "height": 56, "type": "input", "inputType": "number", "value": "5500 0000 0000 0004"}},
              {"parentId": root, "wireframe": {"id": hid(), "x": 16, "y": 200, "width": 379, "height": 24, "type": "text", "text": "Calle Mayor 12, Madrid"}},
              {"parentId": root, "wireframe": {"id": hid(), "x": 16, "y": 230, "width": 379, "height": 24, "type": "text", "text": "+34 612 345 678"}},
              {"parentId": root, "wireframe": {"id": hid(), "x": 16, "y": 260, "width": 379, "height": 24, "type": "text", "text": "IBAN ES91 2100 0418 4502 0005 1332"}}])))
    obs.append(obs_location(40.4168, -3.7038, 8.0, t + 20))
    t += 70_000
    obs.append(obs_event(meta("InvoiceActivity", t, 411, 914)))
    inv = hid()
    obs.append(obs_event(full([{"id": root, "x": 0, "y": 0, "width": 411, "height": 914, "type": "div", "childWireframes": [
        {"id": inv, "x": 16, "y": 80, "width": 379, "height": 28, "type": "text", "text": "Invoice #INV-20931"},
        {"id": hid(), "x": 16, "y": 120, "width": 379, "height": 28, "type": "text", "text": "Tax ID 12-3456789", "viewClass": "com.shop.ui.TaxIdView"},
        {"id": hid(), "x": 16, "y": 160, "width": 379, "height": 8, "type": "input", "inputType": "progress", "value": 0.75, "max": 1, "style": {"bar": "horizontal"}},
    ]}], t + 1)))
    obs.append(obs_location(40.4167754, -3.7037902, 3000.0, t + 10))
    policy = {"version": 1, "name": "android-fixture",
              "location": {"capture": True, "precision": 7, "minIntervalMs": 60000},
              "mobile": {"screens": [{"name": "checkout", "match": "Checkout*", "level": "high"},
                                     {"name": "signup", "match": "Signup*", "level": "low"}],
                         "views": [{"name": "tax-id", "className": "com.shop.ui.TaxIdView", "action": "drop"},
                                   {"name": "password", "identifier": "com.shop:id/password", "action": "ignore"}]}}
    return {"platform": "android", "policy": policy, "observations": obs}, secrets

for name, (session, secrets) in {"ios-login-checkout": ios_session(), "android-signup-invoice": android_session()}.items():
    with open(f"{name}.json", "w") as f:
        json.dump(session, f, indent=1, ensure_ascii=False)
        f.write("\n")
    with open(f"{name}.secrets.txt", "w") as f:
        f.write("\n".join(secrets) + "\n")
