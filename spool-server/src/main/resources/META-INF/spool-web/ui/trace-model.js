// The trace: the tree of component calls, rebuilt from step paths such as
// 'blog/all#1[2]/section#0', with every attempt's span, input, output and error.
//
// Path segments: 'name#i' is the i-th call under its parent; 'all#i[b]' is branch b of a
// parallel call; 'name#i@a' is attempt a (> 1) of a step, holding the calls made in that attempt.

const STD_DONE = new Set(['component', 'durationMs', 'output', 'fallback', 'input', 'name']);

export class Trace {
  constructor() {
    this.nodes = new Map();
    this.roots = [];
    this.marks = []; // run-level moments: {type, ts, seq, data}
    this.t0 = null;
    this.t1 = null;
    this.start = null; // the run's first start
    this.end = null; // the terminal event's time
  }

  /** The node for a path, creating it and its ancestors in order of first appearance. */
  node(path) {
    const known = this.nodes.get(path);
    if (known) return known;
    const segs = path.split('/');
    let parent = null;
    let key = '';
    for (const seg of segs) {
      const prefix = key;
      key = key ? `${key}/${seg}` : seg;
      if (this.nodes.has(key)) {
        parent = this.nodes.get(key);
        continue;
      }
      const branch = /^(.+)\[(\d+)\]$/.exec(seg);
      const scope = /^(.+)@(\d+)$/.exec(seg);
      if (branch) {
        const group = this.ensure(`${prefix}/${branch[1]}`, parent, 'group', branch[1]);
        parent = this.ensure(key, group, 'branch', `[${branch[2]}]`);
      } else if (scope) {
        const step = this.ensure(`${prefix}/${scope[1]}`, parent, 'step', scope[1]);
        parent = this.ensure(key, step, 'scope', `attempt ${scope[2]}`);
      } else {
        parent = this.ensure(key, parent, parent ? 'step' : 'workflow', seg);
      }
    }
    return parent;
  }

  ensure(key, parent, kind, segment) {
    let n = this.nodes.get(key);
    if (n) return n;
    const m = /^(.*)#(\d+)$/.exec(segment);
    n = {
      key, kind, parent,
      label: m ? m[1] : segment,
      index: m ? Number(m[2]) : null,
      children: [], attempts: [], waits: [], llm: [], other: [],
      component: null, progress: 0, outputs: 0, usage: null, provider: null, fallbackError: null,
    };
    this.nodes.set(key, n);
    (parent ? parent.children : this.roots).push(n);
    return n;
  }

  /** The latest record of attempt a of node n. */
  static record(n, a) {
    for (let i = n.attempts.length - 1; i >= 0; i--) if (n.attempts[i].attempt === a) return n.attempts[i];
    return null;
  }

  running() {
    const out = [];
    for (const n of this.nodes.values()) for (const r of n.attempts) if (r.end === null) out.push(r);
    return out;
  }

  apply(e) {
    const ts = Date.parse(e.ts);
    this.t0 = this.t0 === null ? ts : Math.min(this.t0, ts);
    this.t1 = this.t1 === null ? ts : Math.max(this.t1, ts);
    const d = e.data || {};
    if (!e.path) {
      this.marks.push({ type: e.type, ts, seq: e.seq, data: d });
      if (e.type === 'run.started') this.start ??= ts;
      if (e.type === 'worker.lost' || e.type === 'run.handoff') this.closeRunning(ts, 'interrupted');
      if (e.type === 'run.retried') this.end = null; // it runs again: the axis grows on
      if (['run.completed', 'run.failed', 'run.cancelled'].includes(e.type)) {
        this.end = ts;
        this.closeRunning(ts, e.type === 'run.cancelled' ? 'cancelled' : 'unfinished');
      }
      return;
    }
    const n = this.node(e.path);
    let rec = Trace.record(n, e.attempt);
    switch (e.type) {
      case 'step.started':
        if (rec && rec.end === null) Object.assign(rec, { end: ts, status: 'interrupted' });
        n.component = d.component ?? n.component;
        n.attempts.push({ attempt: e.attempt, start: ts, end: null, status: 'running', input: d.input, name: d.name, until: d.until, seq: e.seq });
        break;
      case 'step.completed': {
        const extra = Object.fromEntries(Object.entries(d).filter(([k]) => !STD_DONE.has(k)));
        if (d.fallback) {
          rec = { attempt: 'fallback', start: rec?.end ?? ts, end: null, status: 'fallback' };
          n.attempts.push(rec);
        } else if (!rec || rec.end !== null) {
          rec = { attempt: e.attempt, start: ts - (d.durationMs || 0), end: null, status: 'running' };
          n.attempts.push(rec);
        }
        Object.assign(rec, { end: ts, status: d.fallback ? 'fallback' : 'completed', output: d.output, durationMs: d.durationMs, extra });
        n.component = d.component ?? n.component;
        this.usage(n, rec, d);
        break;
      }
      case 'step.retrying':
      case 'step.failed':
      case 'step.fallback':
        if (!rec) {
          rec = { attempt: e.attempt, start: ts - (d.durationMs || 0), status: 'running' };
          n.attempts.push(rec);
        }
        Object.assign(rec, {
          end: rec.end ?? ts,
          status: e.type === 'step.retrying' ? 'retried' : 'failed',
          error: d.error,
          delayMs: d.delayMs,
        });
        if (e.type === 'step.fallback') n.fallbackError = d.error;
        this.usage(n, rec, d);
        break;
      case 'progress':
        n.progress++;
        n.lastProgress = d;
        break;
      case 'output':
        n.outputs++;
        break;
      case 'run.waiting':
        n.waits.push({ ...d, ts, seq: e.seq });
        break;
      default:
        if (e.type.startsWith('llm.')) n.llm.push(e);
        else n.other.push(e);
        this.usage(n, null, d);
    }
  }

  /** Token usage and provider, wherever the LLM layer puts them: shown as given. */
  usage(n, rec, d) {
    if (d.usage !== undefined) {
      n.usage = d.usage;
      if (rec) rec.usage = d.usage;
    }
    if (d.provider !== undefined) {
      n.provider = d.provider;
      if (rec) rec.provider = d.provider;
    }
  }

  closeRunning(ts, status) {
    for (const r of this.running()) Object.assign(r, { end: ts, status });
  }

  /**
   * A node's span and status: from its attempts, or from its children for groups; the workflow's
   * own row spans the run.
   */
  summary(n, now, memo = new Map()) {
    if (memo.has(n)) return memo.get(n);
    let start = Infinity;
    let end = -Infinity;
    let open = false;
    for (const r of n.attempts) {
      start = Math.min(start, r.start);
      if (r.end === null) open = true;
      else end = Math.max(end, r.end);
    }
    const kids = n.children.map((c) => this.summary(c, now, memo));
    for (const k of kids) {
      if (k.start < start) start = k.start;
      if (k.open) open = true;
      if (k.end > end) end = k.end;
    }
    if (n.kind === 'workflow' && this.start !== null) {
      start = Math.min(start, this.start);
      open = this.end === null;
      end = this.end ?? end;
    }
    const last = n.attempts.filter((r) => r.attempt !== 'fallback').at(-1);
    let status = n.attempts.at(-1)?.status;
    if (!status) {
      const ss = kids.map((k) => k.status);
      status = ss.includes('running') ? 'running' : ss.includes('failed') ? 'failed' : ss.length ? 'completed' : 'running';
    }
    const out = {
      start: start === Infinity ? null : start,
      end: open ? now : end === -Infinity ? null : end,
      open,
      status,
      tries: last && typeof last.attempt === 'number' ? last.attempt : 0,
      retries: n.attempts.filter((r) => r.status === 'retried').length,
    };
    memo.set(n, out);
    return out;
  }
}
