// Every event of the run, as received, one list item each (data-seq carries its sequence number).
import { h, json, duration } from './dom.js';

const MAX_ITEMS = 5000;

export class EventLog {
  constructor() {
    this.list = h('ol.event-log', { id: 'event-log' });
    this.count = h('span.muted', { id: 'event-count' });
    this.el = h('section.card', { 'aria-labelledby': 'events-title' },
      h('div.card-head', h('h2', { id: 'events-title' }, 'Events'), h('span.spacer'), this.count),
      this.list);
    this.total = 0;
    this.t0 = null;
  }

  add(e) {
    const ts = Date.parse(e.ts);
    this.t0 ??= ts;
    this.total++;
    const line = h('button.ev-line', { type: 'button', 'aria-expanded': 'false' },
      h('span.ev-seq', String(e.seq)),
      h('span.ev-time', `+${duration(ts - this.t0)}`),
      h('span.ev-type', { class: `t-${e.type.split('.')[0]}` }, e.type),
      h('span.ev-path', e.path || '(run)'),
      e.attempt > 1 ? h('span.chip', `attempt ${e.attempt}`) : null,
      h('span.ev-summary', summary(e)));
    const li = h('li', { dataset: { seq: String(e.seq), type: e.type } }, line);
    line.addEventListener('click', () => {
      const open = line.getAttribute('aria-expanded') === 'true';
      line.setAttribute('aria-expanded', String(!open));
      if (open) li.querySelector('pre')?.remove();
      else li.append(h('pre', json(e)));
    });
    this.list.append(li);
    if (this.list.childElementCount > MAX_ITEMS) this.list.firstElementChild.remove();
    this.count.textContent = this.total > MAX_ITEMS
      ? `${this.total} events (the last ${MAX_ITEMS} shown)`
      : `${this.total} event${this.total === 1 ? '' : 's'}`;
  }
}

/** One line about an event's data. */
export function summary(e) {
  const d = e.data || {};
  switch (e.type) {
    case 'output':
      return JSON.stringify(d.chunk);
    case 'step.started':
      return d.component || '';
    case 'step.completed':
      return `${d.component || ''} in ${duration(d.durationMs)}`;
    case 'step.retrying':
      return `${d.error?.message || d.error?.type || 'failed'}; retry in ${d.delayMs} ms`;
    case 'step.failed':
    case 'run.failed':
    case 'run.cancelled':
      return d.error?.message || d.error?.type || '';
    case 'run.waiting':
      return d.reason === 'signal' ? `for signal "${d.name}"` : `${d.reason || ''} ${d.until || ''}`;
    case 'signal.received':
      return `${d.name}: ${JSON.stringify(d.value)}`;
    case 'run.started':
    case 'run.resumed':
      return `on ${d.worker || 'a worker'}${d.checkpoints ? `, from ${d.checkpoints} checkpoint${d.checkpoints === 1 ? '' : 's'}` : ''}`;
    case 'run.completed':
      return `in ${duration(d.durationMs)}`;
    case 'run.cancel_requested':
      return d.reason || '';
    case 'run.retried':
      return `was ${d.previousStatus}${d.reason ? `: ${d.reason}` : ''}`;
    case 'run.forked':
      return `from ${d.sourceRunId} at ${d.fromStep}, ${d.checkpoints} checkpoint${d.checkpoints === 1 ? '' : 's'} reused`;
    case 'worker.lost':
      return `recovery ${d.recovery} of ${d.maxRecoveries}${d.requeued ? ', requeued' : ', not requeued'}`;
    default: {
      const s = JSON.stringify(d);
      return s === '{}' ? '' : s.length > 120 ? `${s.slice(0, 117)}…` : s;
    }
  }
}
