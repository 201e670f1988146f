// Progress of a batch of activation letters: poll the JSON status until the PDF is ready.
(function () {
  "use strict";
  var root = document.querySelector("[data-letter-batch]");
  if (!root) { return; }
  var bar = root.querySelector("progress");
  var status = root.querySelector("[data-letter-batch-status]");
  var download = root.querySelector("[data-letter-batch-download]");
  var delay = 1000;

  function show(state) {
    bar.max = state.total || 1;
    bar.value = state.done;
    if (state.status === "done") {
      status.textContent = root.dataset.labelDone;
      download.hidden = false;
      return true;
    }
    if (state.status === "failed") {
      status.textContent = root.dataset.labelFailed;
      return true;
    }
    status.textContent = root.dataset.labelProgress.replace("{done}", state.done).replace("{total}", state.total);
    return false;
  }

  function poll() {
    fetch(root.dataset.statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (state) { if (!show(state)) { window.setTimeout(poll, delay); } })
      .catch(function () { delay = Math.min(delay * 2, 10000); window.setTimeout(poll, delay); });
  }

  if (!download.hidden) { return; }
  window.setTimeout(poll, delay);
})();
