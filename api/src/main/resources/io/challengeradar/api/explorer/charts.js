// Hand-drawn SVG charts: a sparkline for the list and the curve of one challenge.

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) {
    node.setAttribute(name, String(value));
  }
  if (text !== undefined) node.textContent = text;
  return node;
}

function time(p) {
  return new Date(p.at).getTime();
}

/** The series a sparkline shows: the share where known, else new participants. */
function sparkSeries(points) {
  const shares = points.map((p) => p.share);
  return shares.some((s) => s !== null && s !== undefined)
    ? { values: shares.map((s) => s ?? 0), what: 'share of new participants' }
    : { values: points.map((p) => p.newParticipants ?? 0), what: 'new participants' };
}

/** A small line of the challenge's share over its recent windows. */
export function sparkline(points, width = 120, height = 28) {
  const root = svg('svg', {
    class: 'spark', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img',
  });
  if (!points || points.length === 0) {
    root.append(svg('title', {}, 'no windows yet'));
    root.append(svg('line', { x1: 0, y1: height - 1, x2: width, y2: height - 1, class: 'spark-empty' }));
    return root;
  }
  const { values, what } = sparkSeries(points);
  const max = Math.max(...values, 1e-9);
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const xy = values.map((v, i) => `${(i * step).toFixed(1)},${(height - 2 - (v / max) * (height - 4)).toFixed(1)}`);
  root.append(svg('title', {}, `${what} over the last ${values.length} windows`));
  root.append(svg('polyline', { points: xy.join(' '), class: 'spark-line' }));
  const last = xy[xy.length - 1].split(',');
  root.append(svg('circle', { cx: last[0], cy: last[1], r: 2, class: 'spark-dot' }));
  return root;
}

/**
 * The curve: new participants per window against the baseline the detector kept (where the
 * windows carry one), with a marker at each alert.
 */
export function curve(points, alerts, width = 720, height = 260) {
  const pad = { left: 44, right: 12, top: 16, bottom: 28 };
  const root = svg('svg', {
    class: 'curve', viewBox: `0 0 ${width} ${height}`, role: 'img', preserveAspectRatio: 'xMidYMid meet',
  });
  root.append(svg('title', {}, 'new participants per window, baseline and alerts'));
  if (!points || points.length === 0) {
    root.append(svg('text', { x: width / 2, y: height / 2, 'text-anchor': 'middle', class: 'axis' },
      'No windows yet'));
    return root;
  }
  const t0 = time(points[0]);
  const t1 = Math.max(time(points[points.length - 1]), t0 + 1);
  const values = points.map((p) => p.newParticipants ?? 0);
  const baseline = points.map((p) => p.baselineNewParticipants);
  const max = Math.max(...values, ...baseline.filter((b) => b !== null && b !== undefined), 1);
  const x = (t) => pad.left + ((t - t0) / (t1 - t0)) * (width - pad.left - pad.right);
  const y = (v) => height - pad.bottom - (v / max) * (height - pad.top - pad.bottom);

  for (const frac of [0, 0.5, 1]) {
    const v = Math.round(max * frac);
    root.append(svg('line', { x1: pad.left, x2: width - pad.right, y1: y(v), y2: y(v), class: 'grid' }));
    root.append(svg('text', { x: pad.left - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'axis' }, String(v)));
  }
  root.append(svg('text', { x: pad.left, y: height - 8, class: 'axis' }, new Date(t0).toISOString().slice(5, 16).replace('T', ' ')));
  root.append(svg('text', { x: width - pad.right, y: height - 8, 'text-anchor': 'end', class: 'axis' },
    new Date(t1).toISOString().slice(5, 16).replace('T', ' ')));

  const bars = points.map((p, i) => `${x(time(p)).toFixed(1)},${y(values[i]).toFixed(1)}`);
  const area = `${x(t0).toFixed(1)},${y(0)} ${bars.join(' ')} ${x(time(points[points.length - 1])).toFixed(1)},${y(0)}`;
  root.append(svg('polygon', { points: area, class: 'curve-area' }));
  root.append(svg('polyline', { points: bars.join(' '), class: 'curve-line' }));
  const known = points.map((p, i) => [p, baseline[i]]).filter(([, b]) => b !== null && b !== undefined);
  if (known.length > 1) {
    root.append(svg('polyline', {
      points: known.map(([p, b]) => `${x(time(p)).toFixed(1)},${y(b).toFixed(1)}`).join(' '),
      class: 'baseline-line',
    }));
  }
  points.forEach((p, i) => {
    const dot = svg('circle', { cx: x(time(p)), cy: y(values[i]), r: 2.5, class: 'curve-dot' });
    const share = p.share === null || p.share === undefined ? '' : `, share ${(p.share * 100).toFixed(1)}%`;
    const base = baseline[i] === null || baseline[i] === undefined ? '' : `, baseline ${baseline[i]}`;
    dot.append(svg('title', {}, `${p.at}: ${values[i]} new participants${base}${share}`));
    root.append(dot);
  });
  for (const a of alerts || []) {
    const t = new Date(a.detectedAt).getTime();
    if (Number.isNaN(t) || t < t0 || t > t1) continue;
    const g = svg('g', { class: `marker stage-${String(a.stage).toLowerCase()}` });
    g.append(svg('line', { x1: x(t), x2: x(t), y1: pad.top, y2: height - pad.bottom }));
    g.append(svg('text', { x: x(t) + 3, y: pad.top + 8 }, String(a.stage).toLowerCase()));
    g.append(svg('title', {}, `${a.stage} alert at ${a.detectedAt}`));
    root.append(g);
  }
  return root;
}
