// The trace view: the call tree on a time axis (one row per call, one bar per attempt), with
// inputs, outputs, errors, token usage and provider in a panel opened on demand.
import { h, fill, json, duration } from './dom.js';

const MAX_ROWS = 1500;
const MARK_LABELS = {
  'run.started': 'started', 'run.resumed': 'resumed', 'run.waiting': 'waiting', 'signal.received': 'signal',
  'worker.lost': 'worker lost', 'run.handoff': 'handed off', 'run.cancel_requested': 'cancel requested',
  'run.completed': 'completed', 'run.failed': 'failed', 'run.cancelled': 'cancelled',
  'run.retried': 'retried', 'run.forked': 'forked',
};

export class TraceView {
  constructor(model, actions = {}) {
    this.model = model;
    this.actions = actions; // {fork(path, input)}: what a step's panel offers
    this.open = new Set(); // rows whose detail panel is open
    this.folded = new Set(); // rows whose children are hidden
    this.openIo = new Set(); // inputs, outputs… shown, as 'path|attempt|role'
    this.drawn = null; // what the rows show: 'lastSeq:ended'
    this.lastDraw = 0;
    this.later = null;
    this.axis = h('div.trace-axis', { 'aria-hidden': 'true' });
    this.rows = h('div.trace-rows', { id: 'trace-rows' });
    this.note = h('p.muted', { id: 'trace-note' });
    this.el = h('section.card.trace', { 'aria-labelledby': 'trace-title' },
      h('div.card-head', h('h2', { id: 'trace-title' }, 'Trace'), h('span.spacer'),
        h('span.legend', { 'aria-hidden': 'true' },
          ['completed', 'running', 'retried', 'failed', 'fallback', 'wait'].map((s) => h('span', h('i.seg', { class: `st-${s}` }), s)))),
      h('div.trace-grid', this.axis, this.rows), this.note);
  }

  /**
   * Draws the rows again (a live run's open bars grow with time). An ended run is drawn once more
   * only when asked (force), so what the user opened stays as it is.
   */
  render(force = false, now = Date.now()) {
    const t = this.model.trace;
    const drawn = `${this.model.lastSeq}:${this.model.ended}`;
    if (!force && drawn === this.drawn && this.model.ended) return;
    // A live run draws at most twice a second, so a row is not replaced under a click.
    if (!force && !this.model.ended && now - this.lastDraw < 500) {
      this.later ??= setTimeout(() => {
        this.later = null;
        if (this.el.isConnected) this.render();
      }, 500 - (now - this.lastDraw));
      return;
    }
    clearTimeout(this.later);
    this.later = null;
    this.lastDraw = now;
    this.drawn = drawn;
    if (!t.roots.length) {
      fill(this.rows, h('p.muted.empty', this.model.ended ? 'This run made no component calls.' : 'No component calls yet.'));
      this.axis.replaceChildren();
      return;
    }
    const focus = document.activeElement?.dataset?.focusKey;
    const memo = new Map();
    const t0 = t.start ?? t.t0;
    const t1 = Math.max(t.end ?? now, t0 + 1);
    const pct = (x) => ((x - t0) / (t1 - t0)) * 100;
    this.renderAxis(t, t0, t1, pct);
    const out = [];
    let count = 0;
    const walk = (n, depth) => {
      if (count++ >= MAX_ROWS) return;
      const s = t.summary(n, now, memo);
      out.push(this.row(n, s, depth, pct, t0));
      if (this.open.has(n.key)) out.push(this.detail(n, t0));
      if (!this.folded.has(n.key)) for (const c of n.children) walk(c, depth + 1);
    };
    for (const r of t.roots) walk(r, 0);
    fill(this.rows, out);
    this.note.textContent = count > MAX_ROWS ? `Showing the first ${MAX_ROWS} of ${count} calls.` : '';
    if (focus) this.rows.querySelector(`[data-focus-key="${CSS.escape(focus)}"]`)?.focus();
  }

  renderAxis(t, t0, t1, pct) {
    const span = t1 - t0;
    const step = niceStep(span / 5);
    const ticks = [];
    for (let x = 0; x <= span + 1; x += step) ticks.push(h('span.tick', duration(x)));
    ticks.forEach((el, i) => {
      el.style.left = `${((i * step) / span) * 100}%`;
    });
    const marks = t.marks.filter((m) => MARK_LABELS[m.type] && m.type !== 'run.started').map((m) => {
      const el = h('span.mark', { class: `m-${m.type.replace('.', '-')}`, title: `${MARK_LABELS[m.type]} at +${duration(m.ts - t0)} (seq ${m.seq})` });
      el.style.left = `${pct(m.ts)}%`;
      return el;
    });
    fill(this.axis, h('span.axis-label', 'call'), h('span.axis-track', ticks, marks), h('span.axis-label.num', 'duration'));
  }

  row(n, s, depth, pct, t0) {
    const hasKids = n.children.length > 0;
    const isWorkflow = n.kind === 'workflow';
    const status = isWorkflow && this.model.status ? this.model.status : s.status;
    const toggle = hasKids
      ? h('button.fold', {
        type: 'button',
        'aria-expanded': String(!this.folded.has(n.key)),
        'aria-label': `${this.folded.has(n.key) ? 'Show' : 'Hide'} calls inside ${n.label}`,
        dataset: { focusKey: `fold:${n.key}` },
        onclick: () => this.flip(this.folded, n.key),
      }, this.folded.has(n.key) ? '▸' : '▾')
      : h('span.fold-space');
    const name = h('button.call', {
      type: 'button',
      'aria-expanded': String(this.open.has(n.key)),
      'aria-controls': `detail-${cssId(n.key)}`,
      title: n.key,
      dataset: { focusKey: `open:${n.key}` },
      onclick: () => this.flip(this.open, n.key),
    },
    h('span.call-name', n.label),
    n.index !== null ? h('span.muted', `#${n.index}`) : null,
    s.tries > 1 ? h('span.chip.warn', { title: `${s.retries} retr${s.retries === 1 ? 'y' : 'ies'}` }, `${s.tries} attempts`) : null,
    n.fallbackError ? h('span.chip.warn', 'fallback') : null,
    n.provider ? h('span.chip', { title: 'provider' }, text(n.provider)) : null,
    n.usage ? h('span.chip', { title: `usage: ${text(n.usage)}` }, tokens(n.usage)) : null,
    n.waits.length ? h('span.chip.wait', n.waits.at(-1).name ? `signal ${n.waits.at(-1).name}` : n.waits.at(-1).reason) : null);
    const label = h('div.trace-label', toggle, name);
    label.style.paddingLeft = `${depth * 16}px`;
    const track = h('div.trace-track');
    if (isWorkflow || !n.attempts.length) {
      if (s.start !== null) track.append(bar(`span ${status}`, s.start, s.end, pct, { status }));
    }
    for (const r of n.attempts) {
      const kind = n.component === 'signal' || n.component === 'sleep' ? `${r.status} wait` : r.status;
      track.append(bar(kind, r.start, r.end ?? s.end, pct, {
        status: r.status,
        attempt: r.attempt,
        title: `${r.attempt === 'fallback' ? 'fallback' : `attempt ${r.attempt}`}: ${r.status}, ${duration((r.end ?? s.end) - r.start)}`
          + `${r.error ? ` (${r.error.message || r.error.type})` : ''}${r.delayMs ? `; retry in ${r.delayMs} ms` : ''}`,
      }));
    }
    const dur = s.start !== null && s.end !== null ? duration(s.end - s.start) : '–';
    return h('div.trace-row', {
      class: `st-${status}`,
      dataset: { path: n.key, kind: n.kind, status, attempts: String(s.tries), retries: String(s.retries) },
    }, label, track, h('div.num.trace-dur', s.open ? h('span', { title: 'still running' }, dur, '…') : dur));
  }

  detail(n, t0) {
    const rows = n.attempts.map((r) => h('div.attempt', { dataset: { attempt: String(r.attempt), status: r.status } },
      h('div.attempt-head',
        h('strong', r.attempt === 'fallback' ? 'Fallback' : `Attempt ${r.attempt}`), ' ',
        h('span.badge', { class: `s-${r.status}` }, r.status),
        h('span.muted', ` at +${duration(r.start - t0)}, ${r.end !== null ? duration(r.end - r.start) : 'running'}`
          + `${r.delayMs ? `, retried after ${r.delayMs} ms` : ''}`)),
      r.error ? h('div.problem.small', { dataset: { role: 'error' } }, h('strong', r.error.type || 'Error'), r.error.message ? `: ${r.error.message}` : '') : null,
      r.input !== undefined ? this.io(n, r, 'Input', r.input, 'input') : null,
      r.output !== undefined ? this.io(n, r, 'Output', r.output, 'output') : null,
      r.usage !== undefined ? this.io(n, r, 'Usage', r.usage, 'usage') : null,
      r.provider !== undefined ? this.io(n, r, 'Provider', r.provider, 'provider') : null,
      r.extra && Object.keys(r.extra).length ? this.io(n, r, 'More', r.extra, 'extra') : null));
    const llm = n.llm.length
      ? h('div', h('h4', `LLM events (${n.llm.length})`), h('ol.llm', n.llm.map((e) => h('li', h('code', e.type), ' ', h('span.muted', `+${duration(Date.parse(e.ts) - t0)}`), h('pre', json(e.data))))))
      : null;
    return h('div.trace-detail', { id: `detail-${cssId(n.key)}`, dataset: { detailFor: n.key } },
      h('p.mono.small', n.key, n.component ? h('span.muted', ` · component ${n.component}`) : null),
      n.waits.map((w) => h('p', `Waited for ${w.reason === 'signal' ? `signal "${w.name}"` : `${w.reason}${w.until ? ` until ${w.until}` : ''}`}`)),
      n.progress ? h('p.muted', `${n.progress} progress event${n.progress === 1 ? '' : 's'}${n.lastProgress ? `, last: ${JSON.stringify(n.lastProgress)}` : ''}`) : null,
      n.outputs ? h('p.muted', `${n.outputs} output chunk${n.outputs === 1 ? '' : 's'}`) : null,
      rows.length ? rows : h('p.muted', 'A grouping of calls: open the rows inside for details.'),
      llm,
      n.component && this.actions.fork ? this.forkForm(n) : null);
  }

  /** Forks the run from this step: the steps before it replay, this one and the rest run. */
  forkForm(n) {
    const input = h('textarea.mono', { rows: 3, dataset: { role: 'fork-input' }, placeholder: 'New input as JSON (empty: the same input)', 'aria-label': 'Input of the fork' });
    const problem = h('div.problem.small', { hidden: true });
    const go = h('button', { type: 'button', dataset: { role: 'fork' }, onclick: () => {
      const text = input.value.trim();
      let value;
      if (text) {
        try {
          value = JSON.parse(text);
        } catch (err) {
          problem.hidden = false;
          problem.textContent = `Not JSON: ${err.message}`;
          return;
        }
      }
      this.actions.fork(n.key, value);
    } }, 'Fork from this step');
    return h('div.fork', h('h4', 'Fork'), h('p.muted', 'A new run that reuses every step before this one and runs from here.'), input, problem, go);
  }

  flip(set, key) {
    if (set.has(key)) set.delete(key);
    else set.add(key);
    this.render(true);
  }

  /** A value shown on demand; stays open across redraws once opened. */
  io(n, r, title, value, role) {
    const key = `${n.key}|${r.attempt}|${role}`;
    const d = h('details.io', { open: this.openIo.has(key) },
      h('summary', title), h('pre', { dataset: { role } }, typeof value === 'string' ? value : json(value)));
    d.addEventListener('toggle', () => (d.open ? this.openIo.add(key) : this.openIo.delete(key)));
    return d;
  }
}

function bar(kind, start, end, pct, { status, attempt, title }) {
  const el = h('span.seg', { class: kind.split(' ').map((k) => `st-${k}`).join(' '), title, dataset: { status, attempt: attempt === undefined ? undefined : String(attempt) } });
  el.style.left = `${pct(start)}%`;
  el.style.width = `${Math.max(0, pct(end ?? start) - pct(start))}%`;
  return el;
}

function text(v) {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && typeof v.name === 'string') return v.name;
  return JSON.stringify(v);
}

/** Usage as the LLM layer reports it: a total if one is named, else every number in it. */
function tokens(u) {
  if (typeof u === 'number') return `${u} tokens`;
  if (!u || typeof u !== 'object') return String(u);
  const total = u.totalTokens ?? u.total_tokens ?? u.total;
  if (typeof total === 'number') return `${total} tokens`;
  const nums = Object.entries(u).filter(([, v]) => typeof v === 'number');
  return nums.length ? nums.map(([k, v]) => `${k} ${v}`).join(', ') : JSON.stringify(u);
}

function niceStep(raw) {
  const p = 10 ** Math.floor(Math.log10(Math.max(raw, 1)));
  for (const m of [1, 2, 5, 10]) if (raw <= m * p) return m * p;
  return 10 * p;
}

function cssId(key) {
  return key.replace(/[^A-Za-z0-9_-]/g, '_');
}
