// The benchmark page's bar chart: the agency's pillars against the national and group averages
// and its previous cycle. The same numbers are in the table beside the chart.
(function () {
  "use strict";
  var canvas = document.getElementById("benchmark-chart");
  var source = document.getElementById("benchmark-data");
  if (!canvas || !source || typeof Chart === "undefined") return;
  var data = JSON.parse(source.textContent);
  var percent = function (key) {
    return data.rows.map(function (row) { return row[key] === null ? null : Math.round(row[key] * 10000) / 100; });
  };
  var colours = { agency: "#0d6efd", national: "#6c757d", group: "#fd7e14", previous: "#20c997" };
  new Chart(canvas, {
    type: "bar",
    data: {
      labels: data.rows.map(function (row) { return row.code; }),
      datasets: ["agency", "national", "group", "previous"].map(function (key) {
        return { label: data.labels[key], data: percent(key), backgroundColor: colours[key] };
      }),
    },
    options: {
      animation: false,
      scales: { y: { min: 0, max: 100 } },
      plugins: { tooltip: { callbacks: { title: function (items) { return data.rows[items[0].dataIndex].title; } } } },
    },
  });
})();
