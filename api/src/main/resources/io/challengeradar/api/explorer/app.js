// The explorer: a hash router over three views (emerging, one challenge, pipeline health), the
// key prompt, the outage banner and the auto-refresh.

import * as api from './api.js';
import { curve, sparkline } from './charts.js';
import {
  append, challengeHref, clear, el, fmtNumber, fmtPercent, fmtTime, label, riskBadge, stageBadge,
} from './dom.js';

const REFRESH_MS = 10000;
const RETRY_MS = 5000;
const STAGES = ['EMERGING', 'ACCELERATING', 'PEAKED', 'FADING'];
/** Ranking by stage first: accelerating challenges lead, fading ones trail. */
const STAGE_RANK = { ACCELERATING: 0, EMERGING: 1, PEAKED: 2, FADING: 3 };
/** Evidence an alert may carry (the detector adds some of them); shown when present. */
const EVIDENCE = [
  ['share', 'share', (v) => fmtPercent(v, 2)],
  ['baselineShare', 'baseline share', (v) => fmtPercent(v, 2)],
  ['score', 'score', (v) => Number(v).toFixed(2)],
  ['distinctAuthors', 'distinct authors', fmtNumber],
  ['cycle', 'cycle', String],
  ['risk', 'risk', (v) => fmtPercent(v)],
  ['nearestHarmful', 'nearest harmful', String],
  ['representationVideos', 'videos embedded', fmtNumber],
];

const view = document.getElementById('view');
const banner = document.getElementById('banner');
const keyView = document.getElementById('key-view');
const keyMessage = document.getElementById('key-message');
const filters = { kind: '', stages: new Set(['EMERGING', 'ACCELERATING']) };
let timer = null;
let renderId = 0;

// ---- key, banner, refresh ----------------------------------------------------------------------

function askForKey(message) {
  stopRefresh();
  api.forgetKey();
  document.getElementById('forget-key').hidden = true;
  clear(view);
  keyMessage.textContent = message;
  keyView.hidden = false;
  document.getElementById('key-input').focus();
}

document.getElementById('key-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const input = document.getElementById('key-input');
  api.setKey(input.value.trim());
  input.value = '';
  keyView.hidden = true;
  document.getElementById('forget-key').hidden = false;
  route();
});

document.getElementById('forget-key').addEventListener('click', () => askForKey('Key forgotten. Enter a key to go on.'));

function showBanner(text) {
  const sentence = /[.!?]$/.test(text) ? text : `${text}.`;
  banner.textContent = `${sentence} Retrying every ${RETRY_MS / 1000} s; this clears when it answers again.`;
  banner.hidden = false;
}

function hideBanner() {
  banner.hidden = true;
  banner.textContent = '';
}

function stopRefresh() {
  clearTimeout(timer);
  timer = null;
}

function scheduleRefresh(ms) {
  stopRefresh();
  timer = setTimeout(() => route(true), ms);
}

/**
 * Runs a view's loader; a refused key asks for the key (and stops: no retry loop), an outage
 * shows the banner and tries again later, success clears the banner.
 */
async function run(loader, refreshMs) {
  const id = ++renderId;
  try {
    await loader(() => id === renderId);
    if (id !== renderId) return;
    hideBanner();
    if (refreshMs) scheduleRefresh(refreshMs);
    else stopRefresh();
  } catch (e) {
    if (id !== renderId) return;
    if (e instanceof api.KeyError) {
      askForKey(api.key() ? `${e.message} Check the key and enter it again.` : 'Enter the API key to start.');
      return;
    }
    showBanner(e instanceof api.DownError ? e.message : `The query API failed: ${e.message}.`);
    scheduleRefresh(RETRY_MS);
  }
}

// ---- router ------------------------------------------------------------------------------------

function route(refresh = false) {
  if (!api.key()) {
    askForKey('Enter the API key to start. `radar demo` prints the one to use.');
    return;
  }
  keyView.hidden = true;
  document.getElementById('forget-key').hidden = false;
  const parts = location.hash.replace(/^#\/?/, '').split('/');
  const name = parts[0] || 'emerging';
  for (const a of document.querySelectorAll('nav a')) {
    a.classList.toggle('active', a.dataset.view === name);
  }
  if (name === 'challenge' && parts.length >= 3) {
    const kind = decodeURIComponent(parts[1]);
    const tag = decodeURIComponent(parts.slice(2).join('/'));
    run((current) => challengeView(kind, tag, current, refresh), REFRESH_MS * 3);
  } else if (name === 'pipeline') {
    run((current) => pipelineView(current), REFRESH_MS);
  } else if (name === 'search') {
    run((current) => searchView(decodeURIComponent(parts.slice(1).join('/')), current), 0);
  } else {
    run((current) => emergingView(current, refresh), REFRESH_MS);
  }
}

window.addEventListener('hashchange', () => route());
document.getElementById('search').addEventListener('submit', (e) => {
  e.preventDefault();
  const q = document.getElementById('search-q').value.trim();
  if (q) location.hash = `#/search/${encodeURIComponent(q)}`;
});

// ---- emerging now ------------------------------------------------------------------------------

function filterBar() {
  const kind = el('select', { id: 'filter-kind', 'aria-label': 'kind' },
    el('option', { value: '' }, 'hashtags and sounds'),
    el('option', { value: 'hashtag' }, 'hashtags'),
    el('option', { value: 'sound' }, 'sounds'));
  kind.value = filters.kind;
  kind.addEventListener('change', () => { filters.kind = kind.value; route(); });
  const stages = STAGES.map((s) => {
    const box = el('input', { type: 'checkbox', value: s, checked: filters.stages.has(s) });
    box.addEventListener('change', () => {
      if (box.checked) filters.stages.add(s); else filters.stages.delete(s);
      if (filters.stages.size === 0) filters.stages.add(s);
      route();
    });
    return el('label', { class: 'check' }, box, ` ${s.toLowerCase()}`);
  });
  return el('div', { class: 'filters' }, kind, ...stages);
}

async function emergingView(current) {
  const params = new URLSearchParams({ sort: 'growth', size: '20', stage: [...filters.stages].join(',') });
  if (filters.kind) params.set('kind', filters.kind);
  const page = await api.get(`/v1/challenges/emerging?${params}`);
  const items = [...page.items].sort((a, b) =>
    (STAGE_RANK[a.stage] ?? 9) - (STAGE_RANK[b.stage] ?? 9) || (b.growth ?? -1) - (a.growth ?? -1));
  const curves = await mapLimited(items, 4, (c) =>
    api.maybe(`/v1/challenges/${api.seg(c.kind)}/${api.seg(c.tag)}/curve?points=24`));
  if (!current()) return;
  const heading = el('div', { class: 'heading' },
    el('h1', {}, 'Emerging now'),
    el('span', { class: 'muted', id: 'updated' }, `${fmtNumber(page.total)} challenges · updated ${new Date().toLocaleTimeString()}`));
  const body = [heading, filterBar()];
  if (items.length === 0) {
    body.push(el('div', { class: 'empty', id: 'empty' },
      el('h2', {}, 'No challenges here yet'),
      el('p', {}, 'Nothing has reached these stages. While a demo streams, challenges appear here as the pipeline detects them; this page updates itself.')));
  } else {
    const list = el('ol', { class: 'cards', id: 'emerging-list' });
    items.forEach((c, i) => {
      const points = curves[i] ? curves[i].points : [];
      list.append(el('li', { class: 'card', 'data-challenge': c.challenge },
        el('a', { class: 'card-link', href: challengeHref(c.kind, c.tag) },
          el('span', { class: 'rank' }, String(i + 1)),
          el('span', { class: 'tag' }, label(c.kind, c.tag)),
          stageBadge(c.stage)),
        sparkline(points),
        el('dl', { class: 'facts' },
          el('dt', {}, 'participants'), el('dd', {}, fmtNumber(c.cumulativeParticipants)),
          el('dt', {}, 'growth'), el('dd', {}, c.growth === undefined ? '–' : fmtPercent(c.growth)),
          el('dt', {}, 'risk'), el('dd', {}, riskBadge(c.risk)),
          el('dt', {}, 'since'), el('dd', {}, fmtTime(c.since)))));
    });
    body.push(list);
  }
  clear(view);
  append(view, body);
}

/** Maps with at most {@code limit} calls in flight, so one page view stays within the rate limit. */
async function mapLimited(items, limit, fn) {
  const out = new Array(items.length);
  let next = 0;
  async function worker() {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

// ---- one challenge -----------------------------------------------------------------------------

async function challengeView(kind, tag, current) {
  const base = `/v1/challenges/${api.seg(kind)}/${api.seg(tag)}`;
  const [doc, curveData, participants, related, videos, similar] = await Promise.all([
    api.maybe(base),
    api.maybe(`${base}/curve?points=168`),
    api.maybe(`${base}/participants?size=10`),
    api.maybe(`${base}/related?size=8`),
    api.maybe(`${base}/videos?size=5`),
    api.maybe(`${base}/similar?size=5`),
  ]);
  if (!current()) return;
  clear(view);
  if (!doc && !curveData) {
    append(view, [el('div', { class: 'empty', id: 'empty' },
      el('h2', {}, `Nothing known about ${label(kind, tag)}`),
      el('p', {}, 'No window, alert or stage has been written for it. Check the spelling, or search.'))]);
    return;
  }
  const alerts = curveData ? curveData.alerts : [];
  const points = curveData ? curveData.points : [];
  const head = el('div', { class: 'heading' },
    el('h1', { id: 'challenge-title' }, label(kind, tag)),
    stageBadge(doc ? doc.stage : null),
    el('span', { class: 'muted' }, doc ? `since ${fmtTime(doc.since)}` : 'no stage reached yet'));
  const summary = el('dl', { class: 'facts wide' },
    el('dt', {}, 'participants'), el('dd', {}, fmtNumber(doc ? doc.cumulativeParticipants : null)),
    el('dt', {}, 'new last window'), el('dd', {}, fmtNumber(doc ? doc.newParticipants : null)),
    el('dt', {}, 'growth'), el('dd', {}, doc && doc.growth !== undefined ? fmtPercent(doc.growth) : '–'),
    el('dt', {}, 'first seen'), el('dd', {}, fmtTime(doc ? doc.firstSeen : points[0]?.firstSeen)),
    el('dt', {}, 'risk'), el('dd', {}, riskBadge(doc ? doc.risk : null)),
    el('dt', {}, 'nearest harmful'), el('dd', { id: 'nearest-harmful' }, doc && doc.nearestHarmful ? doc.nearestHarmful : '–'));

  const chart = el('section', { class: 'panel span-2', id: 'curve' },
    el('h2', {}, 'Curve'),
    el('p', { class: 'legend' },
      el('span', { class: 'key-line' }, 'new participants per window'),
      el('span', { class: 'key-baseline' }, 'baseline'),
      el('span', { class: 'key-marker' }, 'alert')),
    curve(points, alerts));

  const timeline = el('section', { class: 'panel', id: 'stages' }, el('h2', {}, 'Stage timeline'));
  if (alerts.length === 0) {
    timeline.append(el('p', { class: 'muted' }, 'No alert yet.'));
  } else {
    timeline.append(el('ol', { class: 'timeline' }, alerts.map((a) =>
      el('li', {}, stageBadge(a.stage), ` ${fmtTime(a.detectedAt)}`))));
  }

  const evidence = el('section', { class: 'panel span-2', id: 'evidence' }, el('h2', {}, 'Alert evidence'));
  if (alerts.length === 0) {
    evidence.append(el('p', { class: 'muted' }, 'No alert yet.'));
  }
  for (const a of [...alerts].reverse()) {
    const rows = [el('dt', {}, 'detected'), el('dd', {}, fmtTime(a.detectedAt))];
    for (const [field, name, format] of EVIDENCE) {
      if (a[field] !== undefined && a[field] !== null) {
        rows.push(el('dt', {}, name), el('dd', {}, format(a[field])));
      }
    }
    const windows = a.windows || [];
    if (windows.length) {
      rows.push(el('dt', {}, 'matched windows'),
        el('dd', {}, windows.map((w) => fmtNumber(w.newParticipants)).join(' → ') + ' new participants'));
      const last = windows[windows.length - 1];
      if (last.surge !== undefined) rows.push(el('dt', {}, 'surge'), el('dd', {}, Number(last.surge).toFixed(2)));
      if (last.baselineNewParticipants !== undefined) {
        rows.push(el('dt', {}, 'baseline'), el('dd', {}, fmtNumber(last.baselineNewParticipants)));
      }
    }
    evidence.append(el('div', { class: 'alert-card' }, stageBadge(a.stage), el('dl', { class: 'facts' }, rows)));
  }

  const firstAlert = alerts.find((a) => (a.earliestParticipants || []).length);
  const earliest = firstAlert ? firstAlert.earliestParticipants
    : (points.find((p) => (p.earliestParticipants || []).length) || {}).earliestParticipants || [];
  const early = el('section', { class: 'panel', id: 'earliest' }, el('h2', {}, 'Earliest participants'),
    earliest.length ? el('ol', { class: 'plain' }, earliest.map((u) => el('li', {}, u)))
      : el('p', { class: 'muted' }, 'None recorded yet.'));

  const likely = el('section', { class: 'panel', id: 'participants' }, el('h2', {}, 'Likeliest participants'));
  if (participants && participants.items.length) {
    likely.append(el('p', { class: 'muted' },
      `round of ${fmtTime(participants.scoredAt)} (${participants.stage}), model ${participants.model} v${participants.modelVersion}`));
    likely.append(el('table', { class: 'table' },
      el('thead', {}, el('tr', {}, el('th', {}, '#'), el('th', {}, 'user'), el('th', {}, 'probability'))),
      el('tbody', {}, participants.items.map((p) => el('tr', {},
        el('td', {}, String(p.rank)), el('td', {}, p.userId),
        el('td', {}, el('span', { class: 'prob' }, fmtPercent(p.probability, 1))))))));
  } else {
    likely.append(el('p', { class: 'muted' }, 'Not scored yet: the serving tier scores a challenge once it is flagged.'));
  }

  const rel = el('section', { class: 'panel', id: 'related' }, el('h2', {}, 'Related hashtags and sounds'));
  const relItems = related ? [...related.hashtags, ...related.sounds] : [];
  rel.append(relItems.length
    ? el('ul', { class: 'chips' }, relItems.map((r) => el('li', {},
      el('a', { href: challengeHref(r.kind, r.tag) }, label(r.kind, r.tag)), el('span', { class: 'muted' }, ` ${r.videos}`))))
    : el('p', { class: 'muted' }, 'None found on its videos.'));

  const sim = el('section', { class: 'panel', id: 'similar' }, el('h2', {}, 'Similar challenges'));
  sim.append(similar && similar.items.length
    ? el('ul', { class: 'plain' }, similar.items.map((s) => el('li', {},
      el('a', { href: challengeHref(s.kind, s.tag) }, label(s.kind, s.tag)), ' ', stageBadge(s.stage),
      el('span', { class: 'muted' }, ` similarity ${Number(s.similarity).toFixed(2)}`))))
    : el('p', { class: 'muted' }, 'No representation yet: none of its videos has an embedding.'));

  const vids = el('section', { class: 'panel span-2', id: 'videos' }, el('h2', {}, 'Top videos'));
  vids.append(videos && videos.items.length
    ? el('table', { class: 'table' },
      el('thead', {}, el('tr', {}, el('th', {}, 'video'), el('th', {}, 'author'), el('th', {}, 'views'),
        el('th', {}, 'virality'), el('th', {}, 'caption'))),
      el('tbody', {}, videos.items.map((v) => el('tr', {},
        el('td', {}, v.videoId), el('td', {}, v.authorHandle || v.authorId || '–'), el('td', {}, fmtNumber(v.views)),
        el('td', {}, v.virality === undefined ? '–' : fmtPercent(v.virality)),
        el('td', { class: 'caption' }, v.caption || '')))))
    : el('p', { class: 'muted' }, 'No videos stored.'));

  append(view, [el('a', { href: '#/emerging', class: 'back' }, '← Emerging now'), head, summary,
    el('div', { class: 'grid' }, chart, timeline, evidence, early, likely, rel, sim, vids)]);
}

// ---- pipeline health ---------------------------------------------------------------------------

async function pipelineView(current) {
  const h = await api.get('/v1/pipeline/health');
  if (!current()) return;
  const stat = (id, name, value, note) => el('div', { class: 'stat', id },
    el('span', { class: 'stat-value' }, fmtNumber(value)), el('span', { class: 'stat-name' }, name),
    note ? el('span', { class: 'muted' }, note) : null);
  const reasons = h.deadLettersByReason.length
    ? el('table', { class: 'table', id: 'dead-letters' },
      el('thead', {}, el('tr', {}, el('th', {}, 'reason'), el('th', {}, 'dead letters'))),
      el('tbody', {}, h.deadLettersByReason.map((r) => el('tr', {}, el('td', {}, r.reason), el('td', {}, fmtNumber(r.count))))))
    : el('p', { class: 'muted', id: 'dead-letters' }, 'No dead letters.');
  clear(view);
  append(view, [
    el('div', { class: 'heading' }, el('h1', {}, 'Pipeline health'),
      el('span', { class: 'muted' }, `updated ${new Date().toLocaleTimeString()}`)),
    el('div', { class: 'stats' },
      stat('events-applied', 'events applied', h.eventsApplied, 'posts and snapshots applied to videos'),
      stat('videos', 'videos', h.videos),
      stat('pending', 'enrichment pending', h.pendingEnrichment, 'videos waiting for the serving tier'),
      stat('enriched', 'videos enriched', h.enrichedVideos),
      stat('dead', 'dead letters', h.deadLetters),
      stat('windows', 'trend windows', h.windows),
      stat('alerts', 'alerts', h.alerts),
      stat('challenges', 'challenges with a stage', h.challenges)),
    el('p', { class: 'muted' }, `Event time has reached ${fmtTime(h.latestWindowEnd)} (newest window end).`),
    el('section', { class: 'panel' }, el('h2', {}, 'Dead letters by reason'), reasons),
  ]);
}

// ---- search ------------------------------------------------------------------------------------

async function searchView(q, current) {
  const page = await api.get(`/v1/challenges/search?${new URLSearchParams({ q, size: '20' })}`);
  if (!current()) return;
  clear(view);
  const list = page.items.length
    ? el('ul', { class: 'plain', id: 'search-results' }, page.items.map((c) => el('li', {},
      el('a', { href: challengeHref(c.kind, c.tag) }, label(c.kind, c.tag)), ' ', stageBadge(c.stage),
      el('span', { class: 'muted' }, ` ${fmtNumber(c.cumulativeParticipants)} participants`))))
    : el('div', { class: 'empty', id: 'empty' }, el('p', {}, 'No challenge with a stage starts with that.'),
      el('p', {}, 'Open it anyway: ',
        el('a', { href: challengeHref('hashtag', q.replace(/^#/, '')) }, label('hashtag', q.replace(/^#/, ''))), ' or ',
        el('a', { href: challengeHref('sound', q) }, label('sound', q))));
  append(view, [el('div', { class: 'heading' }, el('h1', {}, 'Search'), el('span', { class: 'muted' }, `“${q}”: ${fmtNumber(page.total)} found`)), list]);
}

route();
