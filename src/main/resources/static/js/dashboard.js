// The client dashboard's charts, drawn with Chart.js from the page's JSON (/dashboard.json).
(function () {
  'use strict';
  var section = document.getElementById('dashboard');
  if (!section || typeof Chart === 'undefined') {
    return;
  }

  function chart(id, type, labels, datasets, percent) {
    var canvas = document.getElementById(id);
    if (!canvas) {
      return;
    }
    new Chart(canvas, {
      type: type,
      data: { labels: labels, datasets: datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { beginAtZero: true, ticks: percent ? { callback: function (v) { return v + ' %'; } } : { precision: 0 } } }
      }
    });
  }

  function pct(rate) {
    return rate == null ? 0 : Math.round(rate * 1000) / 10;
  }

  fetch(section.getAttribute('data-source'), { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
    .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
    .then(function (d) {
      var days = d.days.map(function (x) { return x.day.slice(5); });
      chart('growth-chart', 'bar', days, [
        { label: 'Joined', data: d.days.map(function (x) { return x.joined; }), backgroundColor: '#43a047' }
      ]);
      chart('health-chart', 'line', days, [
        { label: 'Unsubscribes', data: d.days.map(function (x) { return x.unsubscribes; }), borderColor: '#fb8c00', backgroundColor: '#fb8c00' },
        { label: 'Hard bounces', data: d.days.map(function (x) { return x.hardBounces; }), borderColor: '#e53935', backgroundColor: '#e53935' },
        { label: 'Soft bounces', data: d.days.map(function (x) { return x.softBounces; }), borderColor: '#8e24aa', backgroundColor: '#8e24aa' },
        { label: 'Complaints', data: d.days.map(function (x) { return x.complaints; }), borderColor: '#6d4c41', backgroundColor: '#6d4c41' }
      ]);
      var names = d.campaigns.map(function (c) { return c.name; });
      chart('campaigns-chart', 'bar', names, [
        { label: 'Open rate', data: d.campaigns.map(function (c) { return pct(c.openRate); }), backgroundColor: '#1e88e5' },
        { label: 'Click rate', data: d.campaigns.map(function (c) { return pct(c.clickRate); }), backgroundColor: '#e53935' }
      ], true);
    })
    .catch(function () { /* the figures above stay; only the charts are missing */ });
}());
