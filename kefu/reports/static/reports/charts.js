// Dashboard charts (看板图表) with ECharts from npm. No inline script (CSP): each chart is a
// <div data-chart="ID"> whose data sits in <script type="application/json" id="ID"> written
// by Django's json_script. A chart's bar or point with a URL opens the records it counts.
(function () {
  "use strict";
  function read(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }
  function option(spec) {
    var series = spec.series.map(function (s) {
      return {
        name: s.name,
        type: spec.type,
        data: s.values,
        connectNulls: false,
        label: { show: spec.type === "bar", position: "top" },
      };
    });
    return {
      animationDuration: 300,
      title: { text: spec.title, left: "center", textStyle: { fontSize: 14 } },
      // richText tooltips draw inside the chart: HTML tooltips would need inline styles.
      tooltip: { trigger: spec.type === "bar" ? "item" : "axis", renderMode: "richText" },
      legend: { show: spec.series.length > 1, bottom: 0 },
      grid: { left: 48, right: 16, top: 52, bottom: spec.series.length > 1 ? 48 : 32 },
      xAxis: { type: "category", data: spec.labels },
      yAxis: { type: "value", name: spec.unit || "" },
      series: series,
    };
  }
  function draw(el) {
    var spec = read(el.getAttribute("data-chart"));
    if (!spec || !window.echarts) return;
    var chart = window.echarts.init(el, null, { renderer: "svg" });
    chart.setOption(option(spec));
    chart.on("click", function (params) {
      var urls = (spec.urls || [])[params.seriesIndex] || [];
      var url = urls[params.dataIndex];
      if (url) window.location.assign(url);
    });
    el.setAttribute("data-chart-ready", "true");
    window.addEventListener("resize", function () { chart.resize(); });
  }
  function start() {
    document.querySelectorAll("[data-chart]").forEach(draw);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
