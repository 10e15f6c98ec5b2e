// Served before scripts/web-fixtures/harness.js (as one script, after a line that sets
// `window.__rrwebBenchConfig`): turns the fixture harness into rrweb's side of the rrweb
// benchmark. rrweb records with `config.recordOptions` (`{maskAllInputs: true}`: rrweb's
// default masking otherwise, as most users run it; or the fixtures' masking-off options) and
// this times its full snapshots with performance.now() (real time: no --virtual-time-budget).
//
// What is timed:
// - cold: the FullSnapshot rrweb takes when recording starts (on `load`, the recorder having
//   been started in <head>): from rrweb emitting the Meta event to it emitting the
//   FullSnapshot event, i.e. rrweb's takeFullSnapshot after its Meta: lock the mutation
//   buffers, rrweb-snapshot's `snapshot(document)` (DOM walk, serialization, input masking),
//   the scroll offset and the event wrapper. Then, apart, JSON.stringify of that event.
//   This is rrweb's first run of that code on the page (cold JIT), what a page load costs.
// - warm: `config.warmRepeats` more `rrwebRecord.takeFullSnapshot()` calls in a row, 100 ms
//   after load, on the same DOM (their events are dropped, so the recorded stream is as
//   without them), timed together and divided (performance.now() is coarsened to 100 µs
//   here); then as many JSON.stringify calls of the last one's FullSnapshot event.
// The events are then recorded through the page's scenario (unless `config.scenario` is
// false) and POSTed with the timings to /__rrweb/result.
(function () {
  "use strict";
  var config = window.__rrwebBenchConfig;
  var timing = { cold: null, warm: null };
  var metaAt = null;
  var dropping = false;
  var lastSnapshot = null;

  function now() { return performance.now(); }

  window.__rrwebHarness = {
    recordOptions: config.recordOptions,
    scenario: config.scenario,

    onEvent: function (event) {
      if (event.type === 4 && timing.cold === null) metaAt = now();
      if (event.type === 2) {
        var at = now();
        lastSnapshot = event;
        if (timing.cold === null && metaAt !== null) {
          var s = now();
          JSON.stringify(event);
          timing.cold = { snapshotMs: at - metaAt, stringifyMs: now() - s };
        }
      }
      return !dropping;
    },

    beforeScenario: async function () {
      var n = config.warmRepeats;
      dropping = true;
      var t0 = now();
      for (var i = 0; i < n; i++) rrwebRecord.takeFullSnapshot();
      var t1 = now();
      dropping = false;
      var chars = 0;
      var t2 = now();
      for (var j = 0; j < n; j++) chars += JSON.stringify(lastSnapshot).length;
      var t3 = now();
      timing.warm = { snapshotMs: (t1 - t0) / n, stringifyMs: (t3 - t2) / n, repeats: n, chars: chars / n };
    },

    report: function (events, failure) {
      var body = JSON.stringify(failure ? { error: failure } : {
        timing: timing,
        events: config.scenario === false ? null : events,
      });
      fetch("/__rrweb/result", { method: "POST", body: body, headers: { "Content-Type": "application/json" } });
    },
  };
})();
