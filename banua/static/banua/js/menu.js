/* The header menu is a <details> disclosure, usable without JavaScript. This adds
   what a disclosure button should also do: report aria-expanded, close on Escape
   (focus back on the button) and close on a click or focus outside it. */
(function () {
  "use strict";
  document.querySelectorAll("[data-site-menu]").forEach(function (menu) {
    var button = menu.querySelector("summary");
    function sync() {
      button.setAttribute("aria-expanded", menu.open ? "true" : "false");
    }
    function close(focusButton) {
      if (!menu.open) return;
      menu.open = false;
      sync();
      if (focusButton) button.focus();
    }
    sync();
    menu.addEventListener("toggle", sync);
    menu.addEventListener("keydown", function (event) {
      if (event.key === "Escape" || event.key === "Esc") {
        event.preventDefault();
        close(true);
      }
    });
    document.addEventListener("click", function (event) {
      if (!menu.contains(event.target)) close(false);
    });
    document.addEventListener("focusin", function (event) {
      if (!menu.contains(event.target)) close(false);
    });
  });
})();
