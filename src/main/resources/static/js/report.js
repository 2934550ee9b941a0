// The campaign report page: draws opens and clicks over time with Chart.js and, while the
// campaign is being sent, refreshes the figures and charts from the page's JSON every 15 s.
(function () {
  'use strict';
  var section = document.getElementById('report');
  if (!section || typeof Chart === 'undefined') {
    return;
  }
  var source = section.getAttribute('data-source');
  var live = section.getAttribute('data-live') === 'true';
  var charts = {};

  function hourLabel(iso) {
    var d = new Date(iso);
    return d.toISOString().slice(5, 10) + ' ' + d.toISOString().slice(11, 13) + 'h';
  }

  function series(points, label) {
    return {
      labels: points.map(function (p) { return label(p); }),
      datasets: [
        { label: 'Opens', data: points.map(function (p) { return p.opens; }), borderColor: '#1e88e5', backgroundColor: '#1e88e5' },
        { label: 'Unique opens', data: points.map(function (p) { return p.uniqueOpens; }), borderColor: '#90caf9', backgroundColor: '#90caf9' },
        { label: 'Clicks', data: points.map(function (p) { return p.clicks; }), borderColor: '#e53935', backgroundColor: '#e53935' },
        { label: 'Unique clicks', data: points.map(function (p) { return p.uniqueClicks; }), borderColor: '#ef9a9a', backgroundColor: '#ef9a9a' }
      ]
    };
  }

  function draw(id, data) {
    var canvas = document.getElementById(id);
    if (!canvas) {
      return;
    }
    if (charts[id]) {
      charts[id].data = data;
      charts[id].update('none');
      return;
    }
    charts[id] = new Chart(canvas, {
      type: 'line',
      data: data,
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: 'index', intersect: false },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } }
      }
    });
  }

  function value(report, path) {
    return path.split('.').reduce(function (v, key) { return v == null ? v : v[key]; }, report);
  }

  function show(report) {
    document.querySelectorAll('[data-figure]').forEach(function (el) {
      var v = value(report, el.getAttribute('data-figure'));
      if (v != null) {
        el.textContent = String(v);
      }
    });
    draw('hourly-chart', series(report.timeline.hourly, function (p) { return hourLabel(p.at); }));
    draw('daily-chart', series(report.timeline.daily, function (p) { return p.day; }));
    var status = document.getElementById('report-status');
    if (status) {
      status.textContent = report.status;
    }
    return report.status === 'sending';
  }

  function load() {
    fetch(source, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (report) {
        live = show(report);
        if (live) {
          window.setTimeout(load, 15000);
        }
      })
      .catch(function () {
        if (live) {
          window.setTimeout(load, 30000);
        }
      });
  }

  load();
}());
