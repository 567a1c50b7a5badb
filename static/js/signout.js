// Signing out clears the answers kept on this device (static/js/form.js), so the next person at
// this computer neither sees nor sends them. The server says the same with Clear-Site-Data.
(function () {
  "use strict";
  document.querySelectorAll("form[data-sign-out]").forEach((form) => {
    form.addEventListener("submit", () => {
      Object.keys(localStorage)
        .filter((k) => k.startsWith("readiness:"))
        .forEach((k) => localStorage.removeItem(k));
    });
  });
})();
