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
  // A chart is drawn when its canvas comes near the screen, each in a task of its own: a page of
  // several charts does not draw those below the fold while it loads.
  window.drawChart = function (canvas, config) {
    if (!canvas) return;
    if (!("IntersectionObserver" in window)) { new Chart(canvas, config); return; }
    var watch = new IntersectionObserver(function (entries) {
      if (!entries.some(function (e) { return e.isIntersecting; })) return;
      watch.disconnect();
      new Chart(canvas, config);
    }, { rootMargin: "200px" });
    watch.observe(canvas);
  };
})();
