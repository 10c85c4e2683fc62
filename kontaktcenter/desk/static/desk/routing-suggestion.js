// Category suggestion beside the question field (routing). Progressive enhancement: without
// JavaScript the "Suggest category" button submits the form and the page comes back with the
// suggestion; with it, the suggestion follows the agent's typing.
(function () {
  "use strict";
  var box = document.querySelector("[data-routing-suggestion]");
  if (!box) { return; }
  var form = box.closest("form");
  var question = form && form.querySelector(box.getAttribute("data-source"));
  var address = box.querySelector("[data-routing-address]");
  var category = form && form.querySelector(box.getAttribute("data-category"));
  var district = form && form.querySelector(box.getAttribute("data-district"));
  var suggested = box.querySelector("[name=suggested_category]");
  var results = box.querySelector("[data-routing-results]");
  if (!question || !results) { return; }
  var timer = null;
  var asked = "";
  var controller = null;

  function ask() {
    var text = question.value.trim();
    var where = address ? address.value.trim() : "";
    var key = text + "\n" + where;
    if (key === asked) { return; }
    asked = key;
    if (controller) { controller.abort(); }
    controller = new AbortController();
    var url = box.getAttribute("data-url") + "?" + new URLSearchParams({
      text: text, address: where, channel: box.getAttribute("data-channel") || ""
    }).toString();
    fetch(url, { signal: controller.signal, headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (html) {
        results.innerHTML = html;
        var top = results.querySelector("[data-top-category]");
        if (suggested) { suggested.value = top ? top.getAttribute("data-top-category") : ""; }
      })
      .catch(function () { /* a newer request replaced this one, or the network is down */ });
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(ask, 400);
  }

  question.addEventListener("input", later);
  if (address) { address.addEventListener("input", later); }
  results.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-choose-category], button[data-choose-district]");
    if (!button) { return; }
    event.preventDefault();
    var target = button.hasAttribute("data-choose-category") ? category : district;
    var value = button.getAttribute(
      button.hasAttribute("data-choose-category") ? "data-choose-category" : "data-choose-district");
    if (target) {
      target.value = value;
      target.dispatchEvent(new Event("change", { bubbles: true }));
      target.focus();
    }
  });
  var noScript = box.querySelector("[data-routing-button]");
  if (noScript) { noScript.hidden = true; }
})();
