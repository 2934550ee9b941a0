// The operator's site trends: draws the charts with Chart.js from the page's JSON
// (/operator/site-trends.json); the same figures stand in tables on the page.
(function () {
  'use strict';
  var section = document.getElementById('site-trends');
  if (!section || typeof Chart === 'undefined') {
    return;
  }
  var palette = ['#1e88e5', '#43a047', '#fb8c00', '#e53935', '#8e24aa', '#6d4c41', '#00897b', '#5e35b1', '#c0ca33', '#757575'];

  function chart(id, type, labels, datasets, options) {
    var canvas = document.getElementById(id);
    if (!canvas) {
      return;
    }
    var base = { responsive: true, maintainAspectRatio: false, animation: false };
    if (type !== 'doughnut') {
      base.scales = { y: { beginAtZero: true, ticks: { precision: 0 } } };
    }
    Object.keys(options || {}).forEach(function (k) { base[k] = options[k]; });
    canvas.chart = new Chart(canvas, { type: type, data: { labels: labels, datasets: datasets }, options: base });
    canvas.setAttribute('data-drawn', 'true');
  }

  function labels(counts) { return counts.map(function (c) { return c.label; }); }
  function values(counts) { return counts.map(function (c) { return c.requests; }); }

  fetch(section.getAttribute('data-source'), { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
    .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
    .then(function (t) {
      var days = t.days.map(function (d) { return d.day; });
      chart('requests-chart', 'line', days, [
        { label: 'Requests', data: t.days.map(function (d) { return d.requests; }), borderColor: palette[0], backgroundColor: palette[0] },
        { label: 'Distinct networks', data: t.days.map(function (d) { return d.networks; }), borderColor: palette[1], backgroundColor: palette[1] }
      ]);
      chart('bytes-chart', 'bar', days, [
        { label: 'Bytes', data: t.days.map(function (d) { return d.bytes; }), backgroundColor: palette[2] }
      ]);
      chart('status-chart', 'doughnut', labels(t.statuses), [
        { label: 'Requests', data: values(t.statuses), backgroundColor: ['#43a047', '#1e88e5', '#fb8c00', '#e53935'] }
      ]);
      chart('browsers-chart', 'doughnut', labels(t.browsers), [
        { label: 'Requests', data: values(t.browsers), backgroundColor: palette.slice(0, t.browsers.length) }
      ]);
      chart('pages-chart', 'bar', labels(t.pages), [
        { label: 'Requests', data: values(t.pages), backgroundColor: palette[0] }
      ], { indexAxis: 'y', scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } });
      section.setAttribute('data-charts', 'drawn');
    })
    .catch(function () { /* the tables stay; only the charts are missing */ });
}());
