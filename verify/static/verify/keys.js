/* Keyboard shortcuts for the reviewer pages. Loaded from a file (no inline script: the CSP forbids it).
 *
 * Everywhere:   ?  help · /  search the queue · Esc  leave a text field
 * Queue:        j / k  select next / previous claim · Enter  open it
 *               Space  check the focused claim for a bulk action · Shift+j / Shift+k  extend the checks
 * Claim view:   v / u / d / x  choose the verdict · r  rationale · s  add a source
 *               j / k  next / previous claim in the queue · Ctrl+Enter  save the verdict (from anywhere)
 * Leaving a claim with an unsaved verdict, rationale or source asks first.
 */
(function () {
  "use strict";

  function isTyping(target) {
    if (!target || !target.tagName) return false;
    var tag = target.tagName.toLowerCase();
    if (tag === "textarea" || tag === "select" || target.isContentEditable) return true;
    if (tag !== "input") return false;
    var type = (target.getAttribute("type") || "text").toLowerCase();
    return ["radio", "checkbox", "button", "submit", "reset", "file"].indexOf(type) === -1;
  }

  function openHelp() {
    var dialog = document.getElementById("shortcuts-help");
    if (dialog && !dialog.open && typeof dialog.showModal === "function") dialog.showModal();
  }

  // Queue: a movable selection over the rows; the selected row's link has the focus.
  function queueMove(step) {
    var links = Array.prototype.slice.call(document.querySelectorAll("#queue-table [data-row-link]"));
    if (!links.length) return false;
    var active = document.activeElement;
    var row = active && active.closest ? active.closest("[data-row]") : null;
    var current = row ? links.indexOf(row.querySelector("[data-row-link]")) : -1;
    var next = current === -1 ? (step > 0 ? 0 : links.length - 1) : Math.min(links.length - 1, Math.max(0, current + step));
    links.forEach(function (link) { link.closest("[data-row]").classList.remove("is-selected"); });
    var link = links[next];
    link.closest("[data-row]").classList.add("is-selected");
    link.focus();
    link.scrollIntoView({ block: "nearest" });
    return true;
  }

  // Queue: checked rows for the bulk bar (checkboxes tied to #bulk-form).
  function bulkBoxes() {
    return Array.prototype.slice.call(document.querySelectorAll("#queue-table [data-row-select]"));
  }

  function bulkRefresh() {
    var boxes = bulkBoxes();
    var checked = boxes.filter(function (box) { return box.checked; }).length;
    boxes.forEach(function (box) { box.closest("[data-row]").classList.toggle("is-checked", box.checked); });
    var count = document.getElementById("bulk-count");
    if (count) count.textContent = checked + " selected";
    var all = document.getElementById("bulk-all");
    if (all) {
      all.checked = boxes.length > 0 && checked === boxes.length;
      all.indeterminate = checked > 0 && checked < boxes.length;
    }
  }

  function focusedRowBox() {
    var row = document.activeElement && document.activeElement.closest && document.activeElement.closest("#queue-table [data-row]");
    return row ? row.querySelector("[data-row-select]") : null;
  }

  function bulkToggle() {
    var box = focusedRowBox();
    if (!box) return false;
    box.checked = !box.checked;
    bulkRefresh();
    return true;
  }

  // Shift+j / Shift+k: the focused claim and the next (previous) one are both checked.
  function bulkExtend(step) {
    var box = focusedRowBox();
    if (!box) return queueMove(step) && bulkToggle();
    box.checked = true;
    queueMove(step);
    var next = focusedRowBox();
    if (next) next.checked = true;
    bulkRefresh();
    return true;
  }

  // The review form holds input that is not saved: changed since the page loaded, or, on a page
  // rendered from a post (an error, a conflict, "add source only"), anything filled in at all.
  var submitting = false;
  var leaveConfirmed = false;

  function hasUnsavedInput() {
    var form = document.getElementById("review-form");
    if (!form || submitting) return false;
    var posted = form.hasAttribute("data-posted");
    return Array.prototype.some.call(form.elements, function (field) {
      var type = (field.type || "").toLowerCase();
      if (type === "hidden") return false;  // the version and the CSRF token
      if (type === "radio" || type === "checkbox") return posted ? field.checked : field.checked !== field.defaultChecked;
      if (field.tagName === "SELECT") {
        return Array.prototype.some.call(field.options, function (option) { return option.selected !== option.defaultSelected; });
      }
      if (field.tagName !== "TEXTAREA" && !isTyping(field)) return false;
      return posted ? field.value.trim() !== "" : field.value !== field.defaultValue;
    });
  }

  function mayLeave() {
    if (!hasUnsavedInput()) return true;
    leaveConfirmed = window.confirm("Leave this claim? Your verdict, rationale or source is not saved.");
    return leaveConfirmed;
  }

  function follow(selector) {
    var link = document.querySelector(selector);
    if (!link || !link.href) return false;
    if (mayLeave()) window.location.assign(link.href);
    return true;
  }

  function chooseVerdict(key) {
    var radio = document.querySelector('#review-form input[name="verdict"][data-key="' + key + '"]');
    if (!radio) return false;
    radio.checked = true;
    radio.dispatchEvent(new Event("change", { bubbles: true }));
    // The radio, not the rationale: a second verdict key changes the verdict instead of being typed.
    radio.focus();
    return true;
  }

  function focusField(id) {
    var field = document.getElementById(id);
    if (!field) return false;
    field.focus();
    field.scrollIntoView({ block: "center" });
    return true;
  }

  function submitReview() {
    var form = document.getElementById("review-form");
    var button = document.getElementById("save-verdict");
    if (!form || !button) return false;
    if (typeof form.requestSubmit === "function") form.requestSubmit(button); else button.click();
    return true;
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.isComposing) return;
    var target = event.target;

    // Saves the verdict from anywhere on the claim page, except while typing in another form (the correction).
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      var otherForm = isTyping(target) && target.form && target.form.id !== "review-form";
      if (!otherForm && !document.querySelector("dialog[open]") && submitReview()) event.preventDefault();
      return;
    }
    if (event.key === "Escape" && isTyping(target)) {
      target.blur();
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey || isTyping(target)) return;
    if (document.querySelector("dialog[open]")) return;

    var handled = false;
    switch (event.key) {
      case "?": openHelp(); handled = true; break;
      case "/": handled = focusField("id_q"); break;
      case " ": handled = bulkToggle(); break;
      case "J": handled = bulkExtend(1); break;
      case "K": handled = bulkExtend(-1); break;
      case "j": handled = queueMove(1) || follow('[data-nav="next"]'); break;
      case "k": handled = queueMove(-1) || follow('[data-nav="prev"]'); break;
      case "v": case "u": case "d": case "x": handled = chooseVerdict(event.key); break;
      case "r": handled = focusField("id_rationale"); break;
      case "s": handled = focusField("id_source-url"); break;
    }
    if (handled) event.preventDefault();
  });

  document.addEventListener("click", function (event) {
    if (!event.target.closest) return;
    if (event.target.closest("[data-shortcuts-open]")) openHelp();
    var link = event.target.closest("a[href]");
    var leaves = link && !link.target && !link.hasAttribute("download") && link.getAttribute("href").charAt(0) !== "#";
    if (leaves && !event.defaultPrevented && event.button === 0 && !(event.ctrlKey || event.metaKey || event.shiftKey || event.altKey)) {
      if (!mayLeave()) event.preventDefault();
    }
  });

  document.addEventListener("submit", function (event) {
    if (event.target.id === "review-form") submitting = true;
    if (event.target.id === "bulk-form" && !bulkBoxes().some(function (box) { return box.checked; })) {
      event.preventDefault();
      var count = document.getElementById("bulk-count");
      if (count) count.textContent = "Select claims first (Space, or the checkboxes)";
    }
  });

  document.addEventListener("change", function (event) {
    if (event.target.id === "bulk-all") {
      bulkBoxes().forEach(function (box) { box.checked = event.target.checked; });
    }
    if (event.target.id === "bulk-all" || event.target.hasAttribute("data-row-select")) bulkRefresh();
  });

  // Everything else that leaves the page (reload, typed address, back): the browser's own question.
  window.addEventListener("beforeunload", function (event) {
    if (leaveConfirmed || !hasUnsavedInput()) return;
    event.preventDefault();
    event.returnValue = "";
  });

  // Back from the bfcache: the page is live again, so ask again next time.
  window.addEventListener("pageshow", function () { submitting = false; leaveConfirmed = false; });

  // Show the claim in the middle of the article panel, without scrolling the page itself.
  document.addEventListener("DOMContentLoaded", function () {
    bulkRefresh();  // checks the browser restored (back button) count too
    var mark = document.getElementById("claim-mark");
    var panel = document.getElementById("article-text");
    if (mark && panel) panel.scrollTop = Math.max(0, mark.offsetTop - panel.clientHeight / 3);
    // On a phone the queue's filters start folded (one line) unless some are in use.
    var filters = document.querySelector(".filters-details");
    if (filters && !filters.hasAttribute("data-active") && window.matchMedia("(max-width: 960px)").matches) {
      filters.open = false;
    }
  });
})();
