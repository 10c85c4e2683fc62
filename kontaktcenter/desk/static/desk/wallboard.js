// The wallboard updates its table every five seconds from the JSON view; without JavaScript
// the page reloads itself every 30 seconds (the <noscript> refresh).
(function () {
  "use strict";
  var board = document.querySelector(".wallboard");
  if (!board) { return; }
  var source = board.getAttribute("data-source");

  function set(row, field, text) {
    var cell = row.querySelector('[data-field="' + field + '"]');
    if (cell && cell.textContent !== text) { cell.textContent = text; }
  }

  function update(data) {
    var at = board.querySelector('[data-field="at"]');
    if (at) { at.textContent = data.at_local; }
    function rowOf(queue) {
      return queue.name
        ? board.querySelector('tr[data-queue="' + CSS.escape(queue.name) + '"]')
        : board.querySelector('tr[data-site="' + CSS.escape(queue.site) + '"]');
    }
    data.queues.concat(data.sites).forEach(function (queue) {
      var row = rowOf(queue);
      if (!row) { return; }
      set(row, "waiting", String(queue.waiting));
      set(row, "longest_wait_seconds", queue.longest_wait_seconds + " s");
      ["ready", "busy", "wrap_up", "paused"].forEach(function (state) {
        set(row, state, String(queue.agents[state] || 0));
      });
      set(row, "offered", String(queue.today.offered));
      var level = queue.today.service_level;
      set(row, "service_level", level === null ? "–" : Math.round(level * 100) + " %");
    });
  }

  function poll() {
    fetch(source, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) { if (data) { update(data); } })
      .catch(function () { /* the next poll tries again */ })
      .finally(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 5000);
}());
