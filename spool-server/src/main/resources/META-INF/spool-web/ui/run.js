// One run's page: its status and heartbeat, live from the event stream (resumed after any drop,
// rebuilt in full on reload), with the overview, the trace and the raw events as tabs.
import { h, fill, duration, ago, dateTime, statusBadge, problemBox, toast } from './dom.js';
import { api, askForKey, client } from './session.js';
import { RunModel } from './run-model.js';
import { Overview } from './run-overview.js';
import { TraceView } from './trace.js';
import { EventLog } from './event-log.js';

const INFO_EVERY_MS = 3000;
const TABS = [['overview', 'Overview'], ['trace', 'Trace'], ['events', 'Events']];

export class RunPage {
  constructor(runId, tab) {
    this.runId = runId;
    this.model = new RunModel(runId);
    this.info = null;
    this.meta = h('dl.meta', { id: 'run-meta' });
    this.metaCard = h('section.card', { 'aria-labelledby': 'meta-title' }, h('h2', { id: 'meta-title' }, 'Run'), this.meta);
    this.overview = new Overview(this);
    this.trace = new TraceView(this.model, { fork: (path, input) => this.fork(path, input) });
    this.log = new EventLog();
    this.badge = h('span', { id: 'run-status', 'aria-live': 'polite' });
    this.conn = h('span.conn', { id: 'conn', title: 'event stream' });
    this.cancelBtn = h('button.danger', { type: 'button', id: 'cancel-run', hidden: true, onclick: () => this.cancel() }, 'Cancel run');
    this.retryBtn = h('button', { type: 'button', id: 'retry-run', hidden: true, title: 'Run it again from its checkpoints: finished steps are not run again', onclick: () => this.retry() }, 'Retry');
    this.problem = h('div', { id: 'run-problem' });
    this.title = h('span', '…');
    const base = `#/runs/${encodeURIComponent(runId)}`;
    this.tabLinks = new Map(TABS.map(([id, label]) => [id, h('a.tab', { href: id === 'overview' ? base : `${base}/${id}`, id: `tab-${id}` }, label)]));
    this.panels = new Map([['overview', this.overview.el], ['trace', this.trace.el], ['events', this.log.el]]);
    this.el = h('div.run-page', { dataset: { runId, lastSeq: '0', events: '0' } },
      h('div.run-head',
        h('a.back', { href: '#/runs' }, '← Runs'),
        h('h1', this.title, ' ', this.badge),
        h('p.mono.muted.run-id', runId),
        h('span.spacer'), this.conn, this.retryBtn, this.cancelBtn),
      this.problem,
      h('nav.tabs', { 'aria-label': 'Run views' }, [...this.tabLinks.values()]),
      [...this.panels.values()]);
    this.show(tab);
  }

  async start() {
    document.title = `Run ${this.runId} · Spool`;
    try {
      this.info = await api((c) => c.run(this.runId));
    } catch (e) {
      if (this.destroyed) return;
      fill(this.el, h('a.back', { href: '#/runs' }, '← Runs'), h('h1', 'Run not shown'), problemBox(e));
      return;
    }
    if (this.destroyed) return;
    this.title.textContent = this.info.workflow;
    document.title = `${this.info.workflow} ${this.runId} · Spool`;
    this.follow();
    this.infoTimer = setInterval(() => this.refreshInfo(), INFO_EVERY_MS);
    this.ticker = setInterval(() => this.tick(), 1000);
    this.render();
  }

  destroy() {
    this.destroyed = true;
    this.sub?.close();
    clearInterval(this.infoTimer);
    clearInterval(this.ticker);
    clearTimeout(this.renderTimer);
  }

  show(tab) {
    this.tab = tab;
    for (const [id, link] of this.tabLinks) {
      if (id === tab) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    for (const [id, panel] of this.panels) panel.hidden = id !== tab;
    this.el.dataset.tab = tab;
    if (tab === 'trace') this.trace.render(true);
  }

  /** Follows the stream after the last event applied: the whole history first, then live. */
  follow() {
    this.sub?.close();
    this.sub = client.follow(this.runId, {
      after: this.model.lastSeq,
      onEvent: (e) => this.onEvent(e),
      onState: (s) => {
        this.conn.textContent = { connecting: 'connecting…', live: 'live', reconnecting: 'reconnecting…', ended: 'ended', stopped: 'stopped' }[s] || s;
        this.conn.dataset.state = s;
      },
      onEnd: () => this.refreshInfo(),
      onError: (err) => {
        if (err.status === 401) {
          askForKey(err.problem).then(() => this.follow(), () => fill(this.problem, problemBox(err)));
        } else {
          fill(this.problem, problemBox(err));
        }
      },
    });
  }

  onEvent(e) {
    const changed = this.model.apply(e);
    if (!changed) return;
    this.log.add(e);
    if (changed.output) this.overview.output(changed.output);
    this.el.dataset.lastSeq = String(this.model.lastSeq);
    this.el.dataset.events = String(this.model.events.length);
    if (changed.status || changed.end) this.refreshInfo();
    this.scheduleRender();
  }

  scheduleRender() {
    if (this.renderTimer) return;
    this.renderTimer = setTimeout(() => {
      this.renderTimer = null;
      if (!this.destroyed) this.render();
    }, this.model.ended ? 0 : 80);
  }

  render() {
    const m = this.model;
    const status = m.status || this.info?.status;
    if (this.badge.dataset.status !== status) {
      fill(this.badge, statusBadge(status));
      this.badge.dataset.status = status;
    }
    this.el.dataset.status = status || '';
    this.cancelBtn.hidden = m.ended || !status || ['completed', 'failed', 'cancelled'].includes(status);
    this.retryBtn.hidden = !['failed', 'cancelled'].includes(status);
    const cancelling = Boolean(m.cancel || this.info?.cancelRequested);
    this.cancelBtn.disabled = cancelling;
    this.cancelBtn.textContent = cancelling ? 'Cancelling…' : 'Cancel run';
    this.overview.render();
    this.renderMeta();
    if (this.tab === 'trace') this.trace.render();
  }

  renderMeta() {
    const i = this.info;
    if (!i) return;
    const m = this.model;
    const now = Date.now();
    const start = m.startTs ?? (i.startedAt ? Date.parse(i.startedAt) : null);
    const end = m.endTs ?? (i.finishedAt ? Date.parse(i.finishedAt) : null);
    // Only a run a worker holds has a heartbeat to watch; a waiting or queued run holds none.
    const held = (m.status || i.status) === 'running' && i.worker;
    const beatAge = i.heartbeatAt ? now - Date.parse(i.heartbeatAt) : null;
    const rows = [
      ['Workflow', `${i.workflow} v${i.version}`],
      ['Created', h('time', { datetime: i.createdAt, title: i.createdAt }, dateTime(i.createdAt))],
      ['Started', start ? h('time', { title: new Date(start).toISOString() }, dateTime(new Date(start).toISOString())) : '–'],
      ['Duration', h('span', { id: 'run-duration' }, start ? duration((end ?? now) - start) : '–')],
      ['Deployment', i.deployment || h('span', { title: 'started before any deployment was promoted: any worker with its version takes it' }, 'none (any worker)')],
      ['Worker', i.worker || '–'],
      ['Heartbeat', h('span', {
        id: 'run-heartbeat',
        class: held && beatAge > 20000 ? 'stale' : '',
        title: held ? 'the worker renews its lease on this run' : 'no worker holds this run',
      }, held && i.heartbeatAt ? ago(i.heartbeatAt, now) : '–')],
      ['Attempt', String(i.attempt)],
      ['Recoveries', String(Math.max(i.recoveries, m.recoveries))],
      ['Events', String(m.lastSeq)],
    ];
    if (i.resumeAt && i.status === 'waiting' && !i.resumeAt.startsWith('9999')) rows.push(['Resumes', dateTime(i.resumeAt)]);
    if (i.idempotencyKey) rows.push(['Idempotency key', i.idempotencyKey]);
    // The server says why a runnable run has no worker: which deployment or version it waits for.
    if (i.waitingForWorker && !m.ended) rows.unshift(['Waiting for', h('span', { id: 'run-waiting-for', class: 'stale' }, i.waitingFor || i.note || 'a live worker')]);
    fill(this.meta, rows.map(([k, v]) => [h('dt', k), h('dd', v)]));
  }

  tick() {
    if (this.model.ended) return;
    this.renderMeta(); // the duration and the heartbeat's age move
    if (this.tab === 'trace') this.trace.render(); // so do the open bars
  }

  async refreshInfo() {
    if (this.infoLoading) {
      this.infoAgain = true; // something changed mid-request: read again when it is back
      return;
    }
    this.infoLoading = true;
    try {
      this.info = await api((c) => c.run(this.runId));
      if (['completed', 'failed', 'cancelled'].includes(this.info.status) && this.model.ended) clearInterval(this.infoTimer);
      if (this.infoFailed) this.problem.replaceChildren(); // the server is back
      this.infoFailed = false;
      if (!this.destroyed) this.render();
    } catch (e) {
      this.infoFailed = true;
      if (!this.destroyed) fill(this.problem, problemBox(e));
    } finally {
      this.infoLoading = false;
      if (this.infoAgain && !this.destroyed) {
        this.infoAgain = false;
        this.refreshInfo();
      }
    }
  }

  async retry() {
    this.retryBtn.disabled = true;
    this.problem.replaceChildren();
    try {
      await api((c) => c.retry(this.runId));
      toast('Run retried: it continues from its checkpoints');
      if (this.sub?.lastSeq === this.model.lastSeq) this.follow(); // the stream had ended: read on
      clearInterval(this.infoTimer);
      this.infoTimer = setInterval(() => this.refreshInfo(), INFO_EVERY_MS);
      this.refreshInfo();
    } catch (e) {
      fill(this.problem, problemBox(e));
    } finally {
      this.retryBtn.disabled = false;
    }
  }

  /** Forks this run from the step at path; opens the new run. */
  async fork(path, input) {
    this.problem.replaceChildren();
    try {
      const r = await api((c) => c.fork(this.runId, path, input));
      toast(`Forked from ${path}`);
      location.hash = `#/runs/${encodeURIComponent(r.runId)}`;
    } catch (e) {
      fill(this.problem, problemBox(e));
    }
  }

  async cancel() {
    this.cancelBtn.disabled = true;
    this.problem.replaceChildren();
    try {
      const r = await api((c) => c.cancel(this.runId));
      toast(r.status === 'cancelled' ? 'Run cancelled' : 'Cancel requested: the run stops at its next step');
      this.refreshInfo();
    } catch (e) {
      fill(this.problem, problemBox(e));
      this.cancelBtn.disabled = false;
    }
  }
}
