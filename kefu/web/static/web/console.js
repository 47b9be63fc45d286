// Kefu console behaviour. No inline script anywhere (CSP): everything is wired here.
(function () {
  "use strict";
  // "/" focuses the page's search box, as in most consoles.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.target.closest("input, textarea, select")) return;
    var box = document.querySelector("[data-search]");
    if (box) { event.preventDefault(); box.focus(); }
  });
  // Forms with data-confirm ask before submitting.
  document.addEventListener("submit", function (event) {
    var msg = event.target.getAttribute("data-confirm");
    if (msg && !window.confirm(msg)) event.preventDefault();
  });
})();
