// The dashboard's charts; every number is also in the table beside its chart (which links
// to the agencies behind it).
(function () {
  "use strict";
  var source = document.getElementById("dashboard-data");
  if (!source || typeof Chart === "undefined" || !window.drawChart) return;
  var data = JSON.parse(source.textContent);
  var pct = function (values) {
    return values.map(function (v) { return v === null ? null : Math.round(v * 10000) / 100; });
  };
  var colours = ["#0d6efd", "#fd7e14", "#20c997", "#6f42c1", "#6c757d", "#dc3545"];
  var options = function (max) {
    return {
      animation: false, maintainAspectRatio: false,
      scales: { y: max ? { min: 0, max: max } : { beginAtZero: true, ticks: { precision: 0 } } },
      plugins: { legend: { display: false } },
    };
  };
  var bar = function (id, labels, datasets, max) {
    window.drawChart(document.getElementById(id), { type: "bar", data: { labels: labels, datasets: datasets }, options: options(max) });
  };
  bar("chart-rates", data.rates.labels, [{ label: data.rates.title, data: pct(data.rates.values), backgroundColor: colours[0] }], 100);
  bar("chart-bands", data.bands.labels, [{ label: data.bands.title, data: data.bands.values, backgroundColor: colours[2] }]);
  bar("chart-deciles", data.deciles.labels, [{ label: data.deciles.title, data: data.deciles.values, backgroundColor: colours[3] }]);
  if (data.pillars) {
    var datasets = data.pillars.series.map(function (s, i) {
      return { label: s.label, data: pct(s.values), backgroundColor: colours[i % colours.length] };
    });
    var opts = options(100);
    opts.plugins.legend.display = true;
    window.drawChart(document.getElementById("chart-pillars"), { type: "bar", data: { labels: data.pillars.labels, datasets: datasets }, options: opts });
  }
})();
