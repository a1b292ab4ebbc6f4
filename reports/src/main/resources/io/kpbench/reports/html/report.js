/* kpbench report: renders every chart of the JSON data block with the inlined ECharts (classic script, no
   modules, no network), records errors into the page, and sets data-charts-rendered on <body>. */
(function () {
  var errors = [];
  function record(msg) {
    errors.push(String(msg));
    var el = document.getElementById('console-errors');
    if (el) { el.textContent = errors.join('\n'); el.hidden = false; }
    document.body.setAttribute('data-errors', String(errors.length));
  }
  window.onerror = function (msg, src, line) { record('error: ' + msg + ' (line ' + line + ')'); };
  var origError = console.error;
  console.error = function () {
    record('console.error: ' + Array.prototype.join.call(arguments, ' '));
    if (origError) { origError.apply(console, arguments); }
  };
  document.body.setAttribute('data-errors', '0');

  function pctLabel(v) {
    if (v <= 1) { return '0%'; }
    var p = 100 * (1 - 1 / v);
    return (Math.round(p * 10000) / 10000) + '%';
  }
  function fmt(v) {
    if (v === null || v === undefined || isNaN(v)) { return '–'; }
    var a = Math.abs(v);
    return a >= 1000 ? Math.round(v).toLocaleString('en-US') : a >= 1 ? (+v.toPrecision(4)).toString()
      : (+v.toPrecision(3)).toString();
  }
  /* the same labels as AxisLabels.java: 1k, 10k, 1M for counts; 32 KiB, 16 MiB, 1 GiB for bytes */
  function scaled(v, base, units) {
    if (v === null || v === undefined || isNaN(v)) { return '–'; }
    var a = Math.abs(v), u = 0;
    while (u < units.length - 1 && a >= base * 0.9995) { a /= base; u++; }
    var s = a >= 100 ? a.toFixed(0) : a >= 10 ? a.toFixed(1) : a.toFixed(2);
    if (s.indexOf('.') >= 0) { s = s.replace(/0+$/, '').replace(/\.$/, ''); }
    return (v < 0 ? '-' : '') + s + units[u];
  }
  function countLabel(v) { return scaled(v, 1000, ['', 'k', 'M', 'G']); }
  function bytesLabel(v) { return scaled(v, 1024, [' B', ' KiB', ' MiB', ' GiB', ' TiB']); }
  function xLabel(c) {
    return c.xPercentile ? pctLabel : c.xFormat === 'COUNT' ? countLabel : c.xFormat === 'BYTES' ? bytesLabel : fmt;
  }
  function errorBars(c, s) {
    var data = [];
    s.points.forEach(function (p) {
      if (p.err > 0) {
        var lo = c.yLog ? Math.max(p.y - p.err, p.y * 0.1) : p.y - p.err;
        data.push([p.x, lo, p.y + p.err]);
      }
    });
    if (!data.length) { return null; }
    return {
      name: s.name, type: 'custom', data: data, silent: true, z: 3, tooltip: { show: false },
      encode: { x: 0, y: [1, 2] }, itemStyle: { color: s.color },
      renderItem: function (params, api) {
        var lo = api.coord([api.value(0), api.value(1)]);
        var hi = api.coord([api.value(0), api.value(2)]);
        var w = 4;
        var style = { stroke: s.color, lineWidth: 1.5 };
        return { type: 'group', children: [
          { type: 'line', shape: { x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1] }, style: style },
          { type: 'line', shape: { x1: lo[0] - w, y1: lo[1], x2: lo[0] + w, y2: lo[1] }, style: style },
          { type: 'line', shape: { x1: hi[0] - w, y1: hi[1], x2: hi[0] + w, y2: hi[1] }, style: style }] };
      }
    };
  }
  function option(c) {
    var xy = c.kind === 'XY';
    var series = [];
    c.series.forEach(function (s) {
      if (xy) {
        series.push({
          name: s.name, type: 'line', symbol: c.xPercentile ? 'none' : 'circle', symbolSize: 6,
          data: s.points.map(function (p) { return [p.x, p.y, p.err]; }),
          itemStyle: { color: s.color }, lineStyle: { color: s.color, width: 2, type: s.dashed ? 'dashed' : 'solid' }
        });
        var eb = errorBars(c, s);
        if (eb) { series.push(eb); }
      } else {
        var values = c.categories.map(function () { return null; });
        s.points.forEach(function (p) { values[p.x] = { value: p.y, err: p.err }; });
        series.push({ name: s.name, type: 'bar', data: values, itemStyle: { color: s.color } });
      }
    });
    var xAxis = xy
      ? { type: c.xLog ? 'log' : 'value', name: c.xTitle, nameLocation: 'middle', nameGap: 30, scale: !c.xLog,
          logBase: c.xFormat === 'BYTES' ? 32 : 10, axisLabel: { formatter: xLabel(c) } }
      : { type: 'category', data: c.categories, name: c.xTitle, nameLocation: 'middle', nameGap: 30 };
    return {
      animation: false,
      title: { text: c.title, left: 'center', textStyle: { fontSize: 14 } },
      legend: { type: 'scroll', bottom: 0 },
      grid: { left: 90, right: 30, top: 45, bottom: 80 },
      tooltip: {
        trigger: 'item',
        formatter: function (p) {
          var v = p.value;
          if (xy) {
            var x = (c.xFormat === 'COUNT' ? fmt : xLabel(c))(v[0]);
            return p.seriesName + '<br>' + c.xTitle + ': ' + x + '<br>' + c.yTitle + ': ' + fmt(v[1])
              + (v[2] > 0 ? ' ± ' + fmt(v[2]) : '');
          }
          var d = p.data || {};
          return p.seriesName + '<br>' + p.name + ': ' + fmt(d.value) + (d.err > 0 ? ' ± ' + fmt(d.err) : '')
            + '<br>' + c.yTitle;
        }
      },
      xAxis: xAxis,
      yAxis: { type: c.yLog ? 'log' : 'value', name: c.yTitle, nameLocation: 'middle', nameGap: 65,
        axisLabel: { formatter: fmt } },
      series: series
    };
  }

  var rendered = 0;
  try {
    var data = JSON.parse(document.getElementById('report-data').textContent);
    document.body.setAttribute('data-charts-expected', String(data.charts.length));
    data.charts.forEach(function (c) {
      var el = document.getElementById('chart-' + c.id);
      try {
        var chart = echarts.init(el, null, { renderer: 'svg' });
        chart.setOption(option(c));
        if (el.querySelector('svg path')) { rendered++; el.setAttribute('data-rendered', 'true'); }
        window.addEventListener('resize', function () { chart.resize(); });
      } catch (e) {
        record('chart ' + c.id + ': ' + e);
      }
    });
  } catch (e) {
    record('report data: ' + e);
  }
  document.body.setAttribute('data-charts-rendered', String(rendered));
})();
