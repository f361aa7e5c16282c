// The certificates batch page: ask the status route every second and move the progress bar;
// once the batch is over, reload (the page then offers the ZIP). Without JavaScript the page
// has a refresh button.
(function () {
  "use strict";
  var box = document.getElementById("job");
  if (!box || box.getAttribute("data-state") !== "running") { return; }
  var url = box.getAttribute("data-status");
  var bar = document.getElementById("job-progress");
  var done = document.getElementById("job-done");
  var total = document.getElementById("job-total");
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (state) {
        if (bar) { bar.max = state.total || 1; bar.value = state.done; }
        if (done) { done.textContent = String(state.done); }
        if (total) { total.textContent = String(state.total); }
        if (state.state !== "running") { window.location.reload(); return; }
        window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 500);
})();
