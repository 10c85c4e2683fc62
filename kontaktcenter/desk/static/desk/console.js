// The switchboard console asks every five seconds whether a new call is in hand or a
// transfer has come back, and then says so (an alert a screen reader announces) with a link
// to show it; it does not reload by itself, so nothing the operator is typing is lost.
(function () {
  "use strict";
  var watch = document.querySelector(".console-watch");
  if (!watch) { return; }
  var notice = watch.querySelector("[role=alert]");
  var inHand = watch.getAttribute("data-in-hand") || "";
  var recalls = Number(watch.getAttribute("data-recalls") || "0");

  function poll() {
    fetch(watch.getAttribute("data-source"), { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        var call = data.in_hand === null ? "" : String(data.in_hand);
        if (call !== inHand || data.recalls > recalls) { notice.hidden = false; }
      })
      .catch(function () { /* the next poll tries again */ })
      .finally(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 5000);
}());
