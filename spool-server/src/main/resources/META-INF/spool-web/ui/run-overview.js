// One run's overview: what it waits for (with the signal form), its output streams growing as
// they arrive, its result or error, its progress, and its input.
import { h, fill, json, ago, problemBox, toast } from './dom.js';
import { api } from './session.js';
import { fraction } from './run-model.js';
import { summary } from './event-log.js';

const ACTIVITY_ITEMS = 8;

export class Overview {
  constructor(page) {
    this.page = page;
    this.model = page.model;
    this.streams = new Map(); // name -> <pre>
    this.waiting = h('section.card.waiting', { id: 'waiting', hidden: true, 'aria-live': 'polite' });
    this.outputs = h('div', { id: 'outputs' });
    this.result = h('div', { id: 'result-box' });
    this.progress = h('section.card', { id: 'progress', hidden: true, 'aria-labelledby': 'progress-title' });
    this.input = h('section.card', { hidden: true });
    this.activityList = h('ol.activity', { id: 'activity' });
    this.activity = h('section.card', { 'aria-labelledby': 'activity-title' },
      h('div.card-head', h('h2', { id: 'activity-title' }, 'Activity'), h('span.spacer'),
        h('a', { href: `#/runs/${encodeURIComponent(page.runId)}/events` }, 'all events')),
      this.activityList);
    this.waitingKey = null;
    this.el = h('div.overview', this.waiting,
      h('div.columns', h('div.main-col', this.outputs, this.result, this.activity), h('div.side-col', page.metaCard, this.progress, this.input)));
  }

  /** Text for a stream, appended as it arrives (no re-render of what is there). */
  output(change) {
    if (change.rebuilt) {
      for (const [name, pre] of this.streams) pre.firstChild.textContent = this.model.outputs.text(name);
      return;
    }
    const pre = this.stream(change.stream);
    const stick = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 4;
    pre.firstChild.appendData(change.chunk);
    pre.dataset.chunks = String(Number(pre.dataset.chunks) + 1);
    if (stick) pre.scrollTop = pre.scrollHeight;
  }

  stream(name) {
    let pre = this.streams.get(name);
    if (!pre) {
      const id = `output-${name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
      pre = h('pre.stream', { id, tabindex: '0', 'aria-label': `Output stream ${name}`, dataset: { stream: name, chunks: '0' } }, document.createTextNode(''));
      this.streams.set(name, pre);
      this.outputs.append(h('section.card.output', { dataset: { stream: name } },
        h('div.card-head', h('h2', `Output `, h('code', name)), h('span.spacer'), h('span.caret-note.muted')),
        pre));
    }
    return pre;
  }

  render() {
    const m = this.model;
    this.outputs.classList.toggle('live', !m.ended);
    for (const [name, pre] of this.streams) {
      const hidden = m.outputs.superseded(name);
      pre.closest('section').querySelector('.caret-note').textContent = hidden
        ? `${hidden} chunk${hidden === 1 ? '' : 's'} from failed attempts left out`
        : '';
    }
    this.renderWaiting();
    this.renderResult();
    this.renderActivity();
    this.renderProgress();
    this.renderInput();
  }

  renderWaiting() {
    const w = this.model.waiting;
    const key = w ? `${w.seq}:${w.answered !== undefined}` : null;
    if (key === this.waitingKey) return;
    this.waitingKey = key;
    this.waiting.hidden = !w;
    if (!w) return;
    if (w.reason !== 'signal') {
      fill(this.waiting, h('h2', 'Waiting'), h('p', w.until ? `Sleeping until ${new Date(w.until).toLocaleString()} (${ago(w.until)}).` : `Waiting: ${w.reason || 'unknown reason'}.`));
      return;
    }
    if (w.answered !== undefined) {
      fill(this.waiting, h('h2', `Signal “${w.name}” received`), h('p.muted', 'The run resumes with it.'), h('pre', json(w.answered)));
      return;
    }
    const area = h('textarea', { id: 'signal-value', rows: 4, spellcheck: 'false', 'aria-describedby': 'signal-help', placeholder: '{"approved": true, "comment": "looks good"}' });
    const send = h('button.primary', { type: 'submit', id: 'signal-send' }, 'Send signal');
    const problem = h('div', { id: 'signal-problem' });
    const form = h('form.signal-form', {
      novalidate: true,
      onsubmit: async (ev) => {
        ev.preventDefault();
        problem.replaceChildren();
        let value;
        try {
          value = JSON.parse(area.value);
        } catch (e) {
          area.setAttribute('aria-invalid', 'true');
          fill(problem, h('div.problem', { role: 'alert' }, `The value is not valid JSON: ${e.message}`));
          area.focus();
          return;
        }
        area.removeAttribute('aria-invalid');
        send.disabled = true;
        try {
          const r = await api((c) => c.signal(this.model.runId, w.name, value));
          toast(`Signal “${w.name}” sent (event ${r.seq})`);
        } catch (e) {
          fill(problem, problemBox(e));
          send.disabled = false;
        }
      },
    },
    h('label', { for: 'signal-value' }, 'Value (JSON)'),
    area,
    h('p.hint', { id: 'signal-help' }, 'Any JSON value: an object, a string in quotes, a number, true or false.'),
    h('div.actions', h('span.spacer'), send),
    problem);
    fill(this.waiting, h('h2', 'Waiting for signal ', h('code', { id: 'waiting-signal' }, w.name)),
      h('p.muted', 'The run holds no worker while it waits. Send the signal to let it go on.'), form);
  }

  renderResult() {
    const m = this.model;
    const key = m.ended ? m.status : null;
    if (key === this.resultKey) return;
    this.resultKey = key;
    if (!m.ended) {
      this.result.replaceChildren();
      return;
    }
    if (m.status === 'completed') {
      const r = m.result;
      fill(this.result, h('section.card.result', { 'aria-labelledby': 'result-title' },
        h('h2', { id: 'result-title' }, 'Result'),
        h('pre', { id: 'result', class: typeof r === 'string' ? 'prose' : '' }, typeof r === 'string' ? r : json(r))));
    } else {
      const err = m.error || {};
      fill(this.result, h('section.card.failure', { 'aria-labelledby': 'error-title' },
        h('h2', { id: 'error-title' }, m.status === 'cancelled' ? 'Cancelled' : 'Failed'),
        h('div.problem', { id: 'run-error', role: 'alert' },
          h('strong', err.type || 'Error'), err.message ? h('p', err.message) : null),
        m.cancel?.reason ? h('p.muted', `Reason given: ${m.cancel.reason}`) : null));
    }
  }

  /** The latest events worth a glance (not output chunks), newest first. */
  renderActivity() {
    const events = this.model.events;
    if (this.activitySeq === this.model.lastSeq) return;
    this.activitySeq = this.model.lastSeq;
    const recent = [];
    for (let i = events.length - 1; i >= 0 && recent.length < ACTIVITY_ITEMS; i--) {
      if (events[i].type !== 'output') recent.push(events[i]);
    }
    fill(this.activityList, recent.map((e) => h('li', { class: `a-${e.type.replace('.', '-')}` },
      h('span.ev-type', { class: `t-${e.type.split('.')[0]}` }, e.type),
      h('span.mono.muted', e.path || ''),
      h('span.activity-summary', summary(e)),
      h('time.muted', { datetime: e.ts, title: e.ts }, ago(e.ts)))));
  }

  renderProgress() {
    const list = this.model.progress;
    if (!list.length || this.progressCount === list.length) return;
    this.progressCount = list.length;
    const last = list.at(-1);
    const f = fraction(last.data);
    this.progress.hidden = false;
    fill(this.progress,
      h('div.card-head', h('h2', { id: 'progress-title' }, 'Progress'), h('span.spacer'), h('span.muted', `${list.length} update${list.length === 1 ? '' : 's'}`)),
      f ? h('div.progress-line',
        h('progress', { id: 'progress-bar', max: f.of, value: f.at, 'aria-label': 'Progress' }),
        h('span.num', `${f.at} / ${f.of}`)) : null,
      h('dl.kv', { id: 'progress-latest', dataset: { seq: String(last.seq) } },
        Object.entries(last.data).map(([k, v]) => [h('dt', k), h('dd', typeof v === 'string' ? v : JSON.stringify(v))])),
      h('ol.progress-list', list.slice(-6).reverse().map((p) => h('li', { dataset: { seq: String(p.seq) } },
        h('time', { datetime: p.ts, title: p.ts }, ago(p.ts)), ' ', h('code', JSON.stringify(p.data))))));
  }

  renderInput() {
    const info = this.page.info;
    if (!info || this.inputShown) return;
    this.inputShown = true;
    this.input.hidden = false;
    fill(this.input, h('details', h('summary', 'Input'), h('pre', { id: 'run-input' }, json(info.input))));
  }
}
