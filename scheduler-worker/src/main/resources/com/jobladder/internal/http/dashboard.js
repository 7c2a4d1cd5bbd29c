// Live refresh of the overview: numbers every 2 s from /api/overview, rates from the difference.
(function () {
  if (!document.querySelector('[data-rate]')) { return; }
  var last = null;
  function set(selector, text) {
    var el = document.querySelector(selector);
    if (el) { el.textContent = text; }
  }
  function refresh() {
    fetch('/api/overview', { cache: 'no-store' }).then(function (r) { return r.json(); }).then(function (n) {
      var now = Date.now();
      Object.keys(n).forEach(function (key) {
        if (key !== 'latenessBars') { set('[data-key="' + key + '"]', String(n[key])); }
      });
      document.querySelectorAll('[data-rate-of]').forEach(function (el) {
        var key = el.getAttribute('data-rate-of');
        if (last) {
          var perSecond = (n[key] - last.n[key]) / ((now - last.at) / 1000);
          el.textContent = perSecond.toFixed(1) + '/s';
        }
      });
      var most = Math.max.apply(null, n.latenessBars.concat([1]));
      n.latenessBars.forEach(function (count, i) {
        var bar = document.querySelector('[data-bar="' + i + '"]');
        if (bar) { bar.max = most; bar.value = count; }
        set('[data-bar-count="' + i + '"]', String(count));
      });
      last = { n: n, at: now };
    }).catch(function () { /* the worker may be restarting: try again next tick */ });
  }
  refresh();
  setInterval(refresh, 2000);
})();
