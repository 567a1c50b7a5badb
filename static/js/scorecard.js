// The score card's radar: the agency's pillars against the national and group averages.
// The same numbers are in the table beside the chart.
(function () {
  "use strict";
  var canvas = document.getElementById("radar");
  var source = document.getElementById("radar-data");
  if (!canvas || !source || typeof Chart === "undefined") return;
  var data = JSON.parse(source.textContent);
  var percent = function (key) {
    return data.rows.map(function (row) { return row[key] === null ? null : Math.round(row[key] * 10000) / 100; });
  };
  var colours = { agency: "#0d6efd", national: "#6c757d", group: "#fd7e14" };
  new Chart(canvas, {
    type: "radar",
    data: {
      labels: data.rows.map(function (row) { return row.code; }),
      datasets: ["agency", "national", "group"].map(function (key) {
        return {
          label: data.labels[key], data: percent(key), borderColor: colours[key],
          backgroundColor: colours[key] + "22", pointBackgroundColor: colours[key], spanGaps: true,
        };
      }),
    },
    options: {
      animation: false,
      scales: { r: { min: 0, max: 100, ticks: { stepSize: 25 } } },
      plugins: { tooltip: { callbacks: { title: function (items) { return data.rows[items[0].dataIndex].title; } } } },
    },
  });
})();
