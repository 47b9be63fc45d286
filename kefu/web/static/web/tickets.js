// Work order console shortcuts (工单快捷键). No inline script (CSP): wired here.
// Queue pages: j / k move the selection, Enter opens, x ticks, n new work order.
// Work order page: r opens the first step offered, Esc closes the open form.
// Everywhere on these pages: ? shows the help, Esc closes it. "/" is console.js's search key.
(function () {
  "use strict";

  function typing(target) {
    return target && target.closest && target.closest("input, textarea, select, [contenteditable]");
  }

  function rows() {
    return Array.prototype.slice.call(document.querySelectorAll("[data-ticket-row]"));
  }

  function selected() {
    return document.querySelector("[data-ticket-row].selected");
  }

  function select(row) {
    var old = selected();
    if (old) { old.classList.remove("selected"); old.removeAttribute("aria-selected"); }
    if (!row) return;
    row.classList.add("selected");
    row.setAttribute("aria-selected", "true");
    row.scrollIntoView({ block: "nearest" });
  }

  function move(step) {
    var list = rows();
    if (!list.length) return;
    var index = list.indexOf(selected());
    var next = index < 0 ? (step > 0 ? 0 : list.length - 1) : Math.min(list.length - 1, Math.max(0, index + step));
    select(list[next]);
  }

  function help(show) {
    var box = document.getElementById("shortcut-help");
    if (!box) return false;
    if (show === undefined) show = box.hidden;
    box.hidden = !show;
    if (show) { var close = box.querySelector("[data-close-help]"); if (close) close.focus(); }
    return true;
  }

  function closeForm() {
    var form = document.querySelector("[data-step-form]");
    if (!form) return false;
    var cancel = form.querySelector("[data-close-form]");
    if (cancel) { window.location.href = cancel.getAttribute("href"); return true; }
    form.hidden = true;
    return true;
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var helpBox = document.getElementById("shortcut-help");
    if (event.key === "Escape") {
      if (helpBox && !helpBox.hidden) { help(false); event.preventDefault(); return; }
      if (closeForm()) event.preventDefault();
      return;
    }
    if (typing(event.target)) return;
    switch (event.key) {
      case "?":
        if (help()) event.preventDefault();
        break;
      case "j":
        move(1); event.preventDefault();
        break;
      case "k":
        move(-1); event.preventDefault();
        break;
      case "Enter": {
        var row = selected();
        if (row) { window.location.href = row.getAttribute("data-href"); event.preventDefault(); }
        break;
      }
      case "x": {
        var current = selected();
        var box = current && current.querySelector("input[type=checkbox]");
        if (box) { box.checked = !box.checked; event.preventDefault(); }
        break;
      }
      case "n": {
        var link = document.querySelector("[data-shortcut=new]");
        if (link) { window.location.href = link.getAttribute("href"); event.preventDefault(); }
        break;
      }
      case "r": {
        var step = document.querySelector("[data-first-step]");
        if (step) { window.location.href = step.getAttribute("href"); event.preventDefault(); }
        break;
      }
      default:
        break;
    }
  });

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!target.closest) return;
    if (target.closest("[data-open-help]")) { help(true); return; }
    if (target.closest("[data-close-help]")) { help(false); return; }
    var row = target.closest("[data-ticket-row]");
    if (row && !target.closest("a, input, label, button")) select(row);
  });

  // An open step form (?step=…) gets the focus on its first field.
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("[data-step-form]");
    if (!form) return;
    var first = form.querySelector("input:not([type=hidden]), select, textarea");
    if (first) first.focus();
  });
})();
