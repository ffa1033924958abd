// One run as its event stream tells it: status, waits, progress, outputs, result, and the trace.
// Pure data; the page renders it. Events are applied in seq order, each once.
import { Outputs, isTerminal } from '../spool-client.js';
import { Trace } from './trace-model.js';

const STATUS_OF = {
  'run.queued': 'queued',
  'run.started': 'running',
  'run.resumed': 'running',
  'run.waiting': 'waiting',
  'run.completed': 'completed',
  'run.failed': 'failed',
  'run.cancelled': 'cancelled',
  'worker.lost': 'queued',
  'run.handoff': 'queued',
  'run.retried': 'queued',
};

export class RunModel {
  constructor(runId) {
    this.runId = runId;
    this.events = [];
    this.lastSeq = 0;
    this.status = null;
    this.outputs = new Outputs();
    this.progress = [];
    this.waiting = null; // {reason, name?, until?, path, answered?}
    this.cancel = null; // {reason, ts}
    this.result = undefined;
    this.error = undefined;
    this.firstTs = null;
    this.startTs = null;
    this.endTs = null;
    this.recoveries = 0;
    this.trace = new Trace();
  }

  get ended() {
    return ['completed', 'failed', 'cancelled'].includes(this.status);
  }

  /**
   * Applies the next event. Returns what changed ({status, output, progress, waiting, end}), or
   * null for an event already applied.
   */
  apply(e) {
    if (e.seq <= this.lastSeq) return null; // the stream guarantees order; a repeat changes nothing
    this.lastSeq = e.seq;
    this.events.push(e);
    this.trace.apply(e);
    const ts = Date.parse(e.ts);
    const changed = {};
    this.firstTs ??= ts;
    const status = STATUS_OF[e.type];
    if (status && status !== this.status) {
      this.status = status;
      changed.status = true;
    }
    const d = e.data || {};
    switch (e.type) {
      case 'run.started':
        this.startTs ??= ts;
        break;
      case 'run.resumed':
      case 'run.handoff':
        this.waiting = null;
        changed.waiting = true;
        break;
      case 'worker.lost':
        this.recoveries = d.recovery ?? this.recoveries + 1;
        break;
      case 'run.waiting':
        this.waiting = { ...d, path: e.path, seq: e.seq };
        changed.waiting = true;
        break;
      case 'signal.received':
        if (this.waiting && this.waiting.name === d.name) {
          this.waiting = { ...this.waiting, answered: d.value };
          changed.waiting = true;
        }
        break;
      case 'run.cancel_requested':
        this.cancel = { reason: d.reason || '', ts };
        changed.status = true;
        break;
      case 'progress':
        this.progress.push({ seq: e.seq, ts: e.ts, path: e.path, data: d });
        changed.progress = true;
        break;
      case 'run.completed':
        this.result = d.result;
        break;
      case 'run.retried':
        this.result = undefined;
        this.error = undefined;
        this.cancel = null;
        this.endTs = null;
        this.retries = (this.retries || 0) + 1;
        changed.end = true;
        break;
      case 'run.forked':
        this.forkedFrom = { runId: d.sourceRunId, step: d.fromStep, checkpoints: d.checkpoints };
        break;
      case 'run.failed':
      case 'run.cancelled':
        this.error = d.error ?? d;
        break;
      default:
    }
    const out = this.outputs.apply(e);
    if (out) changed.output = out;
    if (isTerminal(e.type)) {
      this.endTs = ts;
      this.waiting = null;
      changed.end = true;
      changed.waiting = true;
    }
    return changed;
  }
}

/** A progress payload's fraction done, when it says "n of m" in a common shape. */
export function fraction(data) {
  if (!data || typeof data !== 'object') return null;
  const of = data.of ?? data.total ?? data.count;
  const at = [data.step, data.index, data.done, data.current].find((v) => typeof v === 'number');
  if (typeof of === 'number' && typeof at === 'number' && of > 0) return { at, of, ratio: Math.min(1, Math.max(0, at / of)) };
  if (typeof data.percent === 'number') return { at: data.percent, of: 100, ratio: Math.min(1, data.percent / 100) };
  return null;
}
