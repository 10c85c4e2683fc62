// Search as you type on the directory page. Without this script the form submits as usual;
// with it, each keystroke (after a short pause) asks the same URL for the results only and
// puts them in place. A newer keystroke cancels the request of an older one.
(function () {
  "use strict";
  var form = document.querySelector("form[data-live-search]");
  var results = document.getElementById("directory-results");
  if (!form || !results || !window.fetch) {
    return;
  }
  var input = form.querySelector("input[name=q]");
  var timer = null;
  var pending = null;
  function search() {
    if (pending) {
      pending.abort();
    }
    pending = new AbortController();
    var query = input.value;
    var url = form.action + "?" + new URLSearchParams({ q: query, partial: "1" }).toString();
    fetch(url, { signal: pending.signal, credentials: "same-origin" })
      .then(function (response) {
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        if (html === null) {
          return;
        }
        results.innerHTML = html;
        var address = query ? "?" + new URLSearchParams({ q: query }).toString() : form.action;
        window.history.replaceState(null, "", address);
      })
      .catch(function (error) {
        if (error.name !== "AbortError") {
          window.console.error(error);
        }
      });
  }
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(search, 80);
  });
})();
