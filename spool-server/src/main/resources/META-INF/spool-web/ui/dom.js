// Small DOM and formatting helpers. Text always goes in as text (never as HTML).

/**
 * Creates an element: h('a.link', {href: '#/'}, 'text', child…). Attributes starting with 'on'
 * become listeners; 'dataset' and 'aria' objects are spread; null/false children are skipped.
 */
export function h(tag, attrs, ...children) {
  const [name, ...classes] = tag.split('.');
  const el = document.createElement(name || 'div');
  if (classes.length) el.className = classes.join(' ');
  if (attrs && (typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs))) {
    children.unshift(attrs);
    attrs = null;
  }
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'class') el.className += (el.className ? ' ' : '') + v;
    else if (k === 'text') el.textContent = v;
    else if (k in el && typeof v !== 'string') el[k] = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : String(c));
  }
}

/** Replaces an element's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export function json(value) {
  return value === undefined ? '' : JSON.stringify(value, null, 2);
}

/** '850 ms', '12.3 s', '4 m 05 s', '2 h 01 m'. */
export function duration(ms) {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '–';
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s < 10 ? s.toFixed(2) : s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} m ${String(Math.floor(s % 60)).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} m`;
}

/** '5 s ago', '3 m ago', or the local date and time when older than a day. */
export function ago(iso, now = Date.now()) {
  if (!iso) return '–';
  const t = Date.parse(iso);
  const d = Math.max(0, now - t) / 1000;
  if (d < 1) return 'just now';
  if (d < 60) return `${Math.floor(d)} s ago`;
  if (d < 3600) return `${Math.floor(d / 60)} m ago`;
  if (d < 86400) return `${Math.floor(d / 3600)} h ago`;
  return dateTime(iso);
}

export function dateTime(iso) {
  if (!iso) return '–';
  return new Date(iso).toLocaleString(undefined, {
    year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit',
  });
}

/** A <time> element showing a relative time, with the exact instant as its tooltip. */
export function timeEl(iso) {
  return iso ? h('time', { datetime: iso, title: dateTime(iso) }, ago(iso)) : h('span.muted', '–');
}

export function statusBadge(status) {
  return h('span.badge', { class: `s-${status || 'unknown'}`, dataset: { status: status || '' } }, status || '…');
}

/** A problem (RFC 9457) or any error as an alert box. */
export function problemBox(err) {
  const p = err?.problem || {};
  const status = err?.status ? `${err.status} ` : '';
  return h('div.problem', { role: 'alert' },
    h('strong.problem-title', `${status}${p.title || err?.message || 'Error'}`),
    p.detail ? h('p.problem-detail', p.detail) : null,
    p.type ? h('p.problem-type.muted', p.type) : null);
}

/** Parses the hash (#/runs/ID/trace?x=1) into path parts and query parameters. */
export function parseHash(hash) {
  const raw = (hash || '').replace(/^#/, '') || '/runs';
  const [path, query = ''] = raw.split('?');
  return { parts: path.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(query) };
}

export function toast(message) {
  const el = document.getElementById('toast');
  el.textContent = message;
  el.classList.add('show');
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => el.classList.remove('show'), 3500);
}
