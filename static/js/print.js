// The print button of the whole-response page (no inline script: the portal keeps a strict CSP).
document.querySelectorAll("[data-print]").forEach((button) => {
  button.addEventListener("click", () => window.print());
});
