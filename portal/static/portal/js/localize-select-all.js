/* wagtail-localize's "Traduire" form: the "select all" box ticks every locale
   (what its inline script did; the CSP forbids inline scripts). */
(function () {
  "use strict";
  var selectAll = document.querySelector('[name="select_all"]');
  if (!selectAll) {
    return;
  }
  selectAll.addEventListener("change", function () {
    document.querySelectorAll('[name="locales"]').forEach(function (locale) {
      locale.checked = selectAll.checked;
    });
  });
})();
