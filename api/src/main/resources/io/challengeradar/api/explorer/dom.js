// Building the page from data: every text goes in as a text node, never as markup.

/**
 * An element with attributes and children; a string child becomes a text node, null and
 * undefined are left out. Attribute values are set as attributes, never parsed as HTML.
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function clear(node) {
  node.replaceChildren();
  return node;
}

export function fmtNumber(n) {
  return n === null || n === undefined ? '–' : Number(n).toLocaleString('en');
}

export function fmtPercent(p, digits = 0) {
  return p === null || p === undefined ? '–' : `${(Number(p) * 100).toFixed(digits)}%`;
}

export function fmtTime(iso) {
  if (!iso) return '–';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : d.toISOString().replace('T', ' ').slice(0, 16) + 'Z';
}

/** The hash link of a challenge; kind and tag percent-encoded. */
export function challengeHref(kind, tag) {
  return `#/challenge/${encodeURIComponent(kind)}/${encodeURIComponent(tag)}`;
}

/** How a challenge reads: #tag for hashtags, ♪ id for sounds. */
export function label(kind, tag) {
  return kind === 'sound' ? `♪ ${tag}` : `#${tag}`;
}

export function stageBadge(stage) {
  return el('span', { class: `badge stage-${String(stage || 'none').toLowerCase()}` }, stage || 'no stage');
}

export function riskBadge(risk) {
  if (risk === null || risk === undefined) return el('span', { class: 'risk risk-none' }, 'not assessed');
  const level = risk >= 0.7 ? 'high' : risk >= 0.4 ? 'medium' : 'low';
  return el('span', { class: `risk risk-${level}`, title: `risk ${risk}` }, fmtPercent(risk));
}
