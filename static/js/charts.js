// Charts drawn in the browser with Chart.js (installed from npm, served by the app). Every chart's data
// sits in a <script type="application/json"> element the template wrote with json_script, so no inline
// script is needed and a strict Content-Security-Policy holds. A canvas names its data and its kind:
//   <canvas data-chart="bar" data-source="id-of-json" data-label="..."></canvas>
// The JSON is {"labels": [...], "values": [...]} or {"labels": [...], "series": [{"label", "values"}, ...]};
// with "links", a click on a bar opens the list behind it.
(function () {
  const palette = ["#9e1b1b", "#9aa0a6", "#d9822b", "#2f7d5c", "#3b6fb6", "#7a4fa3", "#c2a83e"];

  function draw(canvas) {
    const source = document.getElementById(canvas.dataset.source);
    if (!source || typeof Chart === "undefined") return;
    const data = JSON.parse(source.textContent);
    const series = data.series || [{ label: canvas.dataset.label || "", values: data.values }];
    const kind = canvas.dataset.chart || "bar";
    const chart = new Chart(canvas, {
      type: kind,
      data: {
        labels: data.labels,
        datasets: series.map((s, i) => ({
          label: s.label,
          data: s.values,
          backgroundColor: kind === "doughnut" ? palette : palette[i % palette.length],
          borderWidth: kind === "doughnut" ? 1 : 0,
        })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        indexAxis: canvas.dataset.horizontal ? "y" : "x",
        plugins: { legend: { display: series.length > 1 || kind === "doughnut", position: "bottom" } },
        onClick: (_event, elements) => {
          if (data.links && elements.length) {
            const link = data.links[elements[0].index];
            if (link) window.location.href = link;
          }
        },
      },
    });
    canvas.chart = chart;
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("canvas[data-chart]").forEach(draw);

    // A page watching a running job asks for its state every two seconds and reloads when it ends.
    document.querySelectorAll("[data-poll]").forEach((el) => {
      const timer = setInterval(async () => {
        try {
          const response = await fetch(el.dataset.poll, { headers: { Accept: "application/json" } });
          const state = await response.json();
          el.textContent = state.label || el.textContent;
          if (state.status !== "queued" && state.status !== "running") {
            clearInterval(timer);
            window.location.reload();
          }
        } catch (error) {
          clearInterval(timer);
        }
      }, 2000);
    });
  });
})();
