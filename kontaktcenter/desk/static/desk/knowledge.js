// The contact page's knowledge-base suggestions: fetched again as the agent types the question,
// and an "Insert the answer" button per article. Without this script the agent presses
// "Find articles for the question" and ticks "Used in the answer" by hand.
(function () {
  "use strict";
  const section = document.querySelector(".kb-suggestions");
  const question = document.querySelector("textarea[name=question]");
  const answer = document.querySelector("textarea[name=answer]");
  const results = document.getElementById("kb-results");
  if (!section || !question || !results) {
    return;
  }
  const findButton = section.querySelector(".kb-find");
  if (findButton) {
    findButton.hidden = true;
  }

  function usedIds() {
    return Array.from(results.querySelectorAll("input[name=articles_used]:checked")).map(
      (box) => box.value
    );
  }

  function showInsertButtons() {
    if (!answer) {
      return;
    }
    results.querySelectorAll(".kb-insert").forEach((button) => {
      button.hidden = false;
    });
  }

  let timer = null;
  let latest = 0;
  function refresh() {
    const url = new URL(section.dataset.suggestUrl, window.location.href);
    url.searchParams.set("q", question.value);
    usedIds().forEach((id) => url.searchParams.append("used", id));
    const asked = ++latest;
    fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then((response) => (response.ok ? response.text() : Promise.reject(response.status)))
      .then((html) => {
        if (asked !== latest) {
          return; // an answer to an older question arrived late
        }
        results.innerHTML = html;
        showInsertButtons();
      })
      .catch(() => {
        if (findButton) {
          findButton.hidden = false; // fall back to the button
        }
      });
  }

  question.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 300);
  });

  results.addEventListener("click", (event) => {
    const button = event.target.closest(".kb-insert");
    if (!button || !answer) {
      return;
    }
    const text = (button.dataset.answer || "").trim();
    answer.value = answer.value.trim() ? `${answer.value.trim()}\n\n${text}` : text;
    const box = results.querySelector(`input[name=articles_used][value="${button.dataset.article}"]`);
    if (box) {
      box.checked = true;
    }
    answer.focus();
  });

  showInsertButtons();
})();
