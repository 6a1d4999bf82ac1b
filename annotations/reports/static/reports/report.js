// Report pages: the print button, and live progress of background exports (no inline code: CSP).
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) {
      window.print();
    }
  });

  function poll() {
    var rows = Array.prototype.slice.call(
      document.querySelectorAll("tr.export[data-status='pending'], tr.export[data-status='running']"));
    if (!rows.length) {
      return;
    }
    Promise.all(rows.map(function (row) {
      return fetch(row.dataset.statusUrl, {credentials: "same-origin", headers: {"Accept": "application/json"}})
        .then(function (response) { return response.json(); })
        .then(function (data) {
          row.querySelector("progress").value = data.progress;
          row.querySelector(".export-state").textContent = data.status + " " + data.progress + "%";
          return data.status === "done" || data.status === "failed";
        });
    })).then(function (finished) {
      if (finished.some(Boolean)) {
        window.location.reload();
      } else {
        window.setTimeout(poll, 1000);
      }
    }, function () { window.setTimeout(poll, 3000); });
  }
  document.addEventListener("DOMContentLoaded", poll);
})();
