// The runs page: a start form, and a live table of runs with filters and paging.
import { h, fill, duration, timeEl, ago, statusBadge, problemBox } from './dom.js';
import { api } from './session.js';
import { StartForm } from './start-form.js';

const STATUSES = ['queued', 'running', 'waiting', 'completed', 'failed', 'cancelled'];
const ENDED = new Set(['completed', 'failed', 'cancelled']);
const REFRESH_MS = 2000;

export class RunsPage {
  constructor(query) {
    this.query = query;
    this.newer = []; // the 'before' cursors of the pages before this one
    this.rows = new Map();
    this.formSlot = h('div');
    this.statusSel = h('select', { id: 'filter-status', onchange: () => this.filter() },
      h('option', { value: '' }, 'any status'), STATUSES.map((s) => h('option', { value: s }, s)));
    this.workflowSel = h('select', { id: 'filter-workflow', onchange: () => this.filter() }, h('option', { value: '' }, 'any workflow'));
    this.limitSel = h('select', { id: 'filter-limit', onchange: () => this.filter() }, [20, 50, 100].map((n) => h('option', { value: n }, n)));
    this.tbody = h('tbody');
    this.caption = h('p.muted', { id: 'runs-caption', 'aria-live': 'polite' });
    this.error = h('div');
    this.newerBtn = h('button.ghost', { type: 'button', id: 'page-newer', onclick: () => this.page(-1) }, '← Newer');
    this.olderBtn = h('button.ghost', { type: 'button', id: 'page-older', onclick: () => this.page(1) }, 'Older →');
    this.el = h('div.runs-page',
      this.formSlot,
      h('section.card', { 'aria-labelledby': 'runs-title' },
        h('div.card-head',
          h('h2', { id: 'runs-title' }, 'Runs'),
          h('span.live-dot', { title: 'refreshes every 2 s', 'aria-hidden': 'true' }),
          h('span.spacer'),
          h('div.filters', { role: 'group', 'aria-label': 'Filters' },
            h('label', { for: 'filter-status' }, 'Status'), this.statusSel,
            h('label', { for: 'filter-workflow' }, 'Workflow'), this.workflowSel,
            h('label', { for: 'filter-limit' }, 'Per page'), this.limitSel)),
        this.error,
        h('div.table-wrap',
          h('table.runs', { 'aria-describedby': 'runs-caption' },
            h('thead', h('tr', ['Run', 'Workflow', 'Status', 'Started', 'Duration', 'Deployment'].map((c) => h('th', { scope: 'col' }, c)))),
            this.tbody)),
        h('div.pager', this.caption, h('span.spacer'), this.newerBtn, this.olderBtn)));
    this.readQuery();
  }

  readQuery() {
    this.statusSel.value = this.query.get('status') || '';
    this.limitSel.value = this.query.get('limit') || '20';
    this.before = this.query.get('before') || '';
    this.wantWorkflow = this.query.get('workflow') || '';
    this.workflowSel.value = this.wantWorkflow;
  }

  async start() {
    document.title = 'Runs · Spool';
    this.timer = setInterval(() => this.refresh(), REFRESH_MS);
    this.ticker = setInterval(() => this.tick(), 1000);
    this.refresh();
    try {
      const workflows = await api((c) => c.workflows());
      if (this.destroyed) return;
      for (const w of workflows) this.workflowSel.append(h('option', { value: w.name }, w.name));
      this.workflowSel.value = this.wantWorkflow;
      fill(this.formSlot, workflows.length ? new StartForm(workflows).el : h('p.card.muted', 'No workflows are registered.'));
    } catch (e) {
      fill(this.formSlot, problemBox(e));
    }
  }

  destroy() {
    this.destroyed = true;
    clearInterval(this.timer);
    clearInterval(this.ticker);
  }

  setQuery(query) {
    this.query = query;
    this.readQuery();
    this.refresh();
  }

  filter() {
    this.newer = [];
    this.navigate('');
  }

  page(dir) {
    if (dir > 0 && this.next) {
      this.newer.push(this.before);
      this.navigate(this.next);
    } else if (dir < 0) {
      this.navigate(this.newer.pop() || '');
    }
  }

  navigate(before) {
    const q = new URLSearchParams();
    if (this.statusSel.value) q.set('status', this.statusSel.value);
    if (this.workflowSel.value) q.set('workflow', this.workflowSel.value);
    if (this.limitSel.value !== '20') q.set('limit', this.limitSel.value);
    if (before) q.set('before', before);
    const s = q.toString();
    location.hash = `#/runs${s ? `?${s}` : ''}`;
  }

  async refresh() {
    if (this.loading) {
      this.again = true; // the filters changed mid-request: ask again when it is back
      return;
    }
    if (document.hidden && this.fetchedAt) return;
    this.loading = true;
    const params = {
      status: this.statusSel.value || undefined,
      workflow: this.workflowSel.value || this.wantWorkflow || undefined,
      before: this.before || undefined,
      limit: Number(this.limitSel.value) || 20,
    };
    try {
      const page = await api((c) => c.runs(params));
      if (this.destroyed) return;
      this.fetchedAt = Date.now();
      this.next = page.next;
      this.render(page.runs);
      this.error.replaceChildren();
    } catch (e) {
      if (!this.destroyed) fill(this.error, problemBox(e));
    } finally {
      this.loading = false;
      if (this.again && !this.destroyed) {
        this.again = false;
        this.refresh();
      }
    }
  }

  render(runs) {
    const seen = new Set();
    runs.forEach((run, i) => {
      seen.add(run.runId);
      let row = this.rows.get(run.runId);
      if (!row) {
        row = this.row(run);
        this.rows.set(run.runId, row);
      }
      this.update(row, run);
      if (this.tbody.children[i] !== row.tr) this.tbody.insertBefore(row.tr, this.tbody.children[i] || null);
    });
    for (const [id, row] of this.rows) {
      if (!seen.has(id)) {
        row.tr.remove();
        this.rows.delete(id);
      }
    }
    if (!runs.length) {
      fill(this.tbody, h('tr', h('td.empty', { colspan: 6 },
        this.statusSel.value || this.workflowSel.value || this.before ? 'No runs match these filters.' : 'No runs yet: start one above.')));
      this.rows.clear();
    } else {
      this.tbody.querySelector('td.empty')?.parentElement.remove();
    }
    this.caption.textContent = `${runs.length} run${runs.length === 1 ? '' : 's'}${this.before ? ', an older page' : ', newest first'}`;
    this.newerBtn.disabled = !this.before;
    this.olderBtn.disabled = !this.next;
  }

  row(run) {
    const cells = {
      id: h('td', h('a.mono', { href: `#/runs/${encodeURIComponent(run.runId)}`, title: run.runId }, run.runId)),
      workflow: h('td'),
      status: h('td'),
      started: h('td'),
      duration: h('td.num'),
      deployment: h('td'),
    };
    const tr = h('tr', { dataset: { runId: run.runId } }, Object.values(cells));
    return { tr, cells, run: null };
  }

  update(row, run) {
    const old = row.run;
    row.run = run;
    row.tr.dataset.status = run.status;
    if (!old || old.workflow !== run.workflow || old.version !== run.version) {
      fill(row.cells.workflow, run.workflow, h('span.muted', ` v${run.version}`));
    }
    if (!old || old.status !== run.status || old.cancelRequested !== run.cancelRequested) {
      fill(row.cells.status, statusBadge(run.status), run.cancelRequested && !ENDED.has(run.status) ? h('span.muted', ' cancelling') : null);
    }
    if (!old || old.startedAt !== run.startedAt) {
      fill(row.cells.started, run.startedAt ? timeEl(run.startedAt) : h('span.muted', `queued ${ago(run.createdAt)}`));
    }
    row.cells.deployment.textContent = run.deployment || 'any';
    this.tickRow(row);
  }

  tickRow(row) {
    const run = row.run;
    let ms = run.durationMs;
    if (ms !== null && !ENDED.has(run.status)) ms += Date.now() - this.fetchedAt;
    row.cells.duration.textContent = duration(ms);
    const t = row.cells.started.querySelector('time');
    if (t) t.textContent = ago(t.getAttribute('datetime'));
  }

  tick() {
    for (const row of this.rows.values()) if (!ENDED.has(row.run.status)) this.tickRow(row);
  }
}
