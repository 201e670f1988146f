// The phone menu is a <details> that works without JavaScript; this adds what a menu button is expected to do:
// Escape closes it and returns focus to the button, a click or focus outside closes it.
(function () {
  "use strict";
  document.querySelectorAll("details[data-menu]").forEach(function (menu) {
    var button = menu.querySelector("summary");
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.open) {
        menu.open = false;
        button.focus();
      }
    });
    document.addEventListener("click", function (event) {
      if (menu.open && !menu.contains(event.target)) menu.open = false;
    });
    document.addEventListener("focusin", function (event) {
      if (menu.open && !menu.contains(event.target)) menu.open = false;
    });
  });
})();
