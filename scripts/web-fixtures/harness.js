// Loaded by every page in Fixtures/web/pages right after rrweb's recorder (in <head>, so
// recording starts before the DOM is parsed, as a real integration would). Records with all
// of rrweb's own masking OFF (the SafeReplay core is the filter), runs the page's scripted
// scenario, stops recording and writes the events, base64-encoded JSON, into
// <pre id="__rrweb_out"> for `chromium --dump-dom` to print.
//
// A script served before this one may set `window.__rrwebHarness` to change that (the rrweb
// benchmark peer, bench/peers/rrweb/, does): `recordOptions` instead of the masking-off ones,
// `onEvent(event)` sees each event first (returning false drops it), `beforeScenario(h)` runs
// after load, `scenario: false` skips the scenario, `report(events, failure)` replaces the
// write into the DOM.
(function () {
  "use strict";
  var hooks = window.__rrwebHarness || {};
  var events = [];
  var options = hooks.recordOptions || {
    maskAllInputs: false,
    maskInputOptions: {},          // rrweb masks passwords unless told not to
    recordCanvas: true,
    inlineStylesheet: true,
    slimDOMOptions: {},
    // No blockClass/ignoreClass/maskTextClass in the pages: nothing is hidden by rrweb.
  };
  var stop = rrwebRecord(Object.assign({}, options, {
    emit: function (event) {
      if (!hooks.onEvent || hooks.onEvent(event) !== false) events.push(event);
    },
  }));

  function sleep(ms) { return new Promise(function (r) { setTimeout(r, ms); }); }
  function $(sel) {
    var el = document.querySelector(sel);
    if (!el) throw new Error("fixture: no element " + sel);
    return el;
  }
  // The value setter rrweb hooks, so programmatic typing is recorded like a user's.
  function setValue(el, value) {
    el.focus();
    el.value = value;
    el.dispatchEvent(new Event("input", { bubbles: true }));
  }
  var h = {
    sleep: sleep,
    $: $,
    // Types `text` one character at a time (input events in between).
    type: async function (sel, text, opts) {
      var el = $(sel);
      var value = opts && opts.append ? el.value : "";
      for (var i = 0; i < text.length; i++) {
        value += text[i];
        setValue(el, value);
        await sleep(30);
      }
      el.dispatchEvent(new Event("change", { bubbles: true }));
      await sleep(50);
    },
    clear: async function (sel) { setValue($(sel), ""); await sleep(30); },
    click: async function (sel) {
      var el = $(sel);
      var r = el.getBoundingClientRect();
      var x = r.left + r.width / 2, y = r.top + r.height / 2;
      el.dispatchEvent(new MouseEvent("mousemove", { bubbles: true, clientX: x, clientY: y }));
      await sleep(60);
      el.dispatchEvent(new MouseEvent("mousedown", { bubbles: true, clientX: x, clientY: y }));
      el.dispatchEvent(new MouseEvent("mouseup", { bubbles: true, clientX: x, clientY: y }));
      el.click();
      await sleep(80);
    },
    // Attaches a file to an <input type=file> the way a user's pick does.
    chooseFile: async function (sel, name, type) {
      var el = $(sel);
      var dt = new DataTransfer();
      dt.items.add(new File(["synthetic fixture file"], name, { type: type || "application/octet-stream" }));
      el.files = dt.files;
      el.dispatchEvent(new Event("input", { bubbles: true }));
      el.dispatchEvent(new Event("change", { bubbles: true }));
      await sleep(50);
      return el.files[0];
    },
    scroll: async function (y) { window.scrollTo(0, y); await sleep(120); },
    // An SPA route change as the host reports it: history.pushState, at once a checkout
    // (rrweb's Meta with the new href, then a FullSnapshot), then the new route's DOM, whose
    // mutations so arrive under the new route. (Reported after rendering, the new route's
    // content would reach the core as mutations judged by the previous route's rules.)
    navigate: async function (url, render) {
      history.pushState({}, "", url);
      rrwebRecord.takeFullSnapshot(true);
      await sleep(20);
      if (render) render();
      await sleep(60);
    },
  };

  window.addEventListener("load", async function () {
    var failure = null;
    try {
      await sleep(100);
      if (hooks.beforeScenario) await hooks.beforeScenario(h);
      if (window.fixtureScenario && hooks.scenario !== false) await window.fixtureScenario(h);
      await sleep(300);
    } catch (e) {
      failure = String(e && e.stack || e);
    }
    stop();
    if (hooks.report) return hooks.report(events, failure);
    var out = document.createElement("pre");
    out.id = "__rrweb_out";
    var payload = failure ? JSON.stringify({ error: failure }) : JSON.stringify(events);
    out.textContent = btoa(unescape(encodeURIComponent(payload)));
    document.documentElement.appendChild(out);
  });
})();
