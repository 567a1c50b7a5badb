// Shared Chart.js set-up: charts draw on a canvas, which does not inherit the page's CSS font,
// so Thai labels need the page's font family (Sarabun), and a redraw once the font has loaded.
(function () {
  "use strict";
  if (typeof Chart === "undefined") return;
  Chart.defaults.font.family = window.getComputedStyle(document.body).fontFamily;
  if (document.fonts && document.fonts.ready) {
    document.fonts.ready.then(function () {
      Object.values(Chart.instances).forEach(function (chart) { chart.update(); });
    });
  }
})();
