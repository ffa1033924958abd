// spool-client.js: a dependency-free browser client for Spool's HTTP API.
//
//   import { SpoolClient, Outputs } from 'http://127.0.0.1:7070/spool-client.js';
//   const spool = new SpoolClient({ baseUrl: 'http://127.0.0.1:7070', apiKey });  // key optional
//   const { runId } = await spool.start('hello', { name: 'Ada' });
//   const outputs = new Outputs();
//   spool.follow(runId, {
//     onEvent: (e) => { outputs.apply(e); render(outputs.text('text')); },
//     onEnd: () => console.log('done'),
//   });
//
// follow() uses the browser's EventSource, which resumes after a dropped connection by itself
// (it sends Last-Event-ID; the server continues exactly after it). Every event is also checked by
// its gapless seq here: a duplicate is dropped, and a gap is filled from the JSON read of the
// same stream before anything after it is delivered. With an API key the key travels as
// ?access_token=, since an EventSource cannot send headers.

/**
 * Event types that end a run's execution. A retried run's stream grows past one (run.retried
 * follows it); follow() ends at the last one.
 */
export const TERMINAL = Object.freeze(['run.completed', 'run.failed', 'run.cancelled']);

/**
 * The event types the engine writes. An EventSource hears only the event names it listens for;
 * others (such as the LLM layer's llm.*) still arrive, through the gap fill.
 */
export const EVENT_TYPES = Object.freeze([
  'run.queued', 'run.started', 'run.resumed', 'run.waiting', 'run.completed', 'run.failed',
  'run.cancelled', 'run.cancel_requested', 'run.handoff', 'run.retried', 'run.forked',
  'worker.lost', 'signal.received',
  'step.started', 'step.completed', 'step.retrying', 'step.failed', 'step.fallback',
  'progress', 'output',
]);

export const isTerminal = (type) => TERMINAL.includes(type);

/** A failed call: the HTTP status (0 when the server was not reached) and the problem details. */
export class SpoolError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.name = 'SpoolError';
    this.status = status;
    this.problem = problem || {};
  }
}

export class SpoolClient {
  /**
   * @param {object} [options]
   * @param {string} [options.baseUrl] the server, e.g. 'http://127.0.0.1:7070'; default: this page's origin
   * @param {string} [options.apiKey] sent as a Bearer token (and as ?access_token= on streams)
   */
  constructor({ baseUrl = '', apiKey = null, fetch: fetchFn, EventSource: eventSource } = {}) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.apiKey = apiKey || null;
    this._fetch = fetchFn || ((...args) => globalThis.fetch(...args));
    this._EventSource = eventSource || globalThis.EventSource;
  }

  url(path, params = {}) {
    const u = new URL(this.baseUrl + path, globalThis.location?.href);
    for (const [k, v] of Object.entries(params)) {
      if (v !== undefined && v !== null && v !== '') u.searchParams.set(k, String(v));
    }
    return u.toString();
  }

  /** Any API call; resolves to the parsed JSON body (null when empty), throws SpoolError. */
  async request(method, path, { params, body, headers = {} } = {}) {
    const h = { Accept: 'application/json', ...headers };
    if (this.apiKey) h.Authorization = `Bearer ${this.apiKey}`;
    if (body !== undefined) h['Content-Type'] = 'application/json';
    const url = this.url(path, params);
    let res;
    try {
      res = await this._fetch(url, {
        method,
        headers: h,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      throw new SpoolError(0, { title: 'Server unreachable', detail: `${method} ${url}: ${e.message}` });
    }
    const text = await res.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (!res.ok) {
      const problem = json && typeof json === 'object' && !Array.isArray(json)
        ? json
        : { title: res.statusText || `HTTP ${res.status}`, status: res.status, detail: text.slice(0, 500) };
      throw new SpoolError(res.status, problem);
    }
    return json;
  }

  /** The registered workflows, each with its inputSchema and outputSchema. */
  workflows() {
    return this.request('GET', '/v1/workflows');
  }

  workflow(name) {
    return this.request('GET', `/v1/workflows/${enc(name)}`);
  }

  /** Starts a run; resolves to {runId, status, created, statusUrl, eventsUrl, resultUrl}. */
  start(workflow, input, { idempotencyKey } = {}) {
    const headers = idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {};
    return this.request('POST', `/v1/workflows/${enc(workflow)}/runs`, { body: input, headers });
  }

  /** A page of runs, newest first: {runs, next}; pass next as before for the following page. */
  runs({ status, workflow, before, limit } = {}) {
    return this.request('GET', '/v1/runs', { params: { status, workflow, before, limit } });
  }

  run(runId) {
    return this.request('GET', `/v1/runs/${enc(runId)}`);
  }

  /** The result or error; with wait (e.g. '30s') waits that long for the run to end. */
  result(runId, { wait } = {}) {
    return this.request('GET', `/v1/runs/${enc(runId)}/result`, { params: { wait } });
  }

  cancel(runId, reason) {
    return this.request('POST', `/v1/runs/${enc(runId)}/cancel`, {
      body: reason ? { reason } : undefined,
    });
  }

  /** Retries a failed or cancelled run from its checkpoints: {runId, status, statusUrl}. */
  retry(runId, reason) {
    return this.request('POST', `/v1/runs/${enc(runId)}/retry`, {
      body: reason ? { reason } : undefined,
    });
  }

  /**
   * A new run that reuses every checkpoint before step fromStep and runs from there, with input
   * (the source's when undefined): {runId, forkedFrom, fromStep, status, statusUrl}.
   */
  fork(runId, fromStep, input) {
    const body = input === undefined ? { fromStep } : { fromStep, input };
    return this.request('POST', `/v1/runs/${enc(runId)}/fork`, { body });
  }

  /** Sends a signal (any JSON value) to a run's awaitSignal(name). */
  signal(runId, name, value) {
    return this.request('POST', `/v1/runs/${enc(runId)}/signals/${enc(name)}`, { body: value });
  }

  /** One JSON read of the stream: {events, lastSeq, done}; waits up to wait (e.g. '10s'). */
  events(runId, { after = 0, wait = '0' } = {}) {
    return this.request('GET', `/v1/runs/${enc(runId)}/events`, { params: { after, wait } });
  }

  /**
   * Follows a run's events from after+1 to its end, live, in order, each exactly once.
   *
   * @param {object} handlers
   * @param {(event: object) => void} handlers.onEvent each event, in seq order
   * @param {(info: {run?: object}) => void} [handlers.onEnd] after the terminal event (or when the run had ended)
   * @param {(error: SpoolError) => void} [handlers.onError] a failure that stops following (401, 404)
   * @param {(state: string) => void} [handlers.onState] 'connecting' | 'live' | 'reconnecting' | 'ended' | 'stopped'
   * @param {number} [handlers.after] the seq already seen (0: the whole history)
   * @returns {{close(): void, readonly lastSeq: number}}
   */
  follow(runId, { after = 0, onEvent, onEnd, onError, onState, types = EVENT_TYPES } = {}) {
    return new Follow(this, runId, after, { onEvent, onEnd, onError, onState }, types);
  }
}

const enc = encodeURIComponent;

/** One follow(): an EventSource plus the seq guard and gap fill. */
class Follow {
  constructor(client, runId, after, handlers, types) {
    this.client = client;
    this.runId = runId;
    this.last = after;
    this.h = handlers;
    this.types = types;
    this.pending = new Map(); // seq -> event that arrived ahead of a gap
    this.filling = false;
    this.closed = false;
    this.retryMs = 1000;
    this.timer = null;
    this.open();
  }

  get lastSeq() {
    return this.last;
  }

  close() {
    this.stop('stopped');
  }

  stop(state) {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.timer);
    this.es?.close();
    this.state(state);
  }

  state(s) {
    this.h.onState?.(s);
  }

  open() {
    const c = this.client;
    this.state('connecting');
    const url = c.url(`/v1/runs/${enc(this.runId)}/events`, {
      after: this.last || undefined,
      access_token: c.apiKey || undefined,
    });
    const es = new c._EventSource(url);
    this.es = es;
    const onMessage = (m) => {
      if (es !== this.es || this.closed) return;
      let e;
      try {
        e = JSON.parse(m.data);
      } catch {
        return; // not an event: nothing to deliver
      }
      this.receive(e);
    };
    for (const t of this.types) es.addEventListener(t, onMessage);
    es.onmessage = onMessage; // an event without a name
    es.onopen = () => {
      this.retryMs = 1000;
      this.state('live');
    };
    es.onerror = () => {
      if (es !== this.es || this.closed) return;
      if (es.readyState === 2) {
        // Closed for good: 204 (nothing left), 401, 404, or a connection refused. Find out which.
        this.diagnose();
      } else {
        this.state('reconnecting'); // the browser retries by itself, with Last-Event-ID
      }
    };
  }

  receive(e) {
    if (typeof e?.seq !== 'number' || e.seq <= this.last || this.pending.has(e.seq)) return;
    if (e.seq !== this.last + 1) {
      this.pending.set(e.seq, e);
      this.fill();
      return;
    }
    this.deliver(e);
    this.drain();
  }

  deliver(e) {
    this.last = e.seq;
    try {
      this.h.onEvent?.(e);
    } catch (err) {
      console.error('spool-client: onEvent threw', err);
    }
    if (isTerminal(e.type)) this.checkEnd(e.seq);
  }

  /** A terminal event ends the follow unless the run has events after it (it was retried). */
  async checkEnd(seq) {
    let more = false;
    try {
      more = (await this.client.events(this.runId, { after: seq, wait: '0' })).events.length > 0;
    } catch {
      // the stream itself tells: the server ends it after the run's last event
    }
    if (this.closed || this.last !== seq || more) return;
    this.stop('ended');
    this.h.onEnd?.({});
  }

  drain() {
    while (!this.closed && this.pending.has(this.last + 1)) {
      const next = this.pending.get(this.last + 1);
      this.pending.delete(this.last + 1);
      this.deliver(next);
    }
    for (const seq of this.pending.keys()) if (seq <= this.last) this.pending.delete(seq);
  }

  /** Reads the missing events (any type) with the JSON read, then delivers what waited. */
  async fill() {
    if (this.filling) return;
    this.filling = true;
    try {
      while (!this.closed && this.pending.size > 0) {
        const page = await this.client.events(this.runId, { after: this.last, wait: '5s' });
        if (this.closed) return;
        for (const e of page.events) {
          if (e.seq === this.last + 1) this.deliver(e);
          if (this.closed) return;
        }
        this.drain();
      }
    } catch (err) {
      if (!this.closed) {
        this.es?.close();
        this.fail(err);
      }
    } finally {
      this.filling = false;
    }
  }

  async diagnose() {
    let run;
    try {
      run = await this.client.run(this.runId);
    } catch (err) {
      if (!this.closed) this.fail(err);
      return;
    }
    if (this.closed) return;
    const ended = ['completed', 'failed', 'cancelled'].includes(run.status);
    if (ended && run.lastSeq <= this.last) {
      this.stop('ended'); // the server's 204: nothing will ever follow
      this.h.onEnd?.({ run });
      return;
    }
    this.retryLater();
  }

  fail(err) {
    if (err instanceof SpoolError && err.status > 0 && err.status < 500 && err.status !== 429) {
      this.stop('stopped');
      this.h.onError?.(err);
    } else {
      this.retryLater(); // the server is away or overloaded: come back after the last seq
    }
  }

  retryLater() {
    this.state('reconnecting');
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (!this.closed) this.open();
    }, this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, 15000);
  }
}

/**
 * Assembles a run's named output streams from its output events, as the run's result sees them:
 * an `output.superseded` event voids the earlier chunks of its step attempt (a step that broke off
 * mid-stream, or re-ran after its worker died), and chunks written by a step attempt that then
 * failed (and by steps nested in it) are superseded by the attempt that follows, so the text
 * equals what the run produced.
 */
export class Outputs {
  constructor() {
    this.chunks = []; // {seq, stream, chunk, path, attempt}
    this.deadAttempts = new Set(); // 'path\0attempt'
    this.deadScopes = []; // path prefixes of failed attempts' child scopes
  }

  /**
   * Applies one event. Returns {stream, chunk} when text was appended to a stream, {rebuilt: true}
   * when earlier text was superseded (read text() again), or null.
   */
  apply(e) {
    if (e.type === 'output' && e.data && typeof e.data.chunk === 'string') {
      const c = { seq: e.seq, stream: String(e.data.stream ?? 'text'), chunk: e.data.chunk, path: e.path, attempt: e.attempt };
      this.chunks.push(c);
      return this.stands(c) ? { stream: c.stream, chunk: c.chunk } : null;
    }
    if (e.type === 'output.superseded') {
      // The engine's word: every earlier chunk of this step attempt no longer stands.
      let changed = false;
      for (const c of this.chunks) {
        if (c.path === e.path && c.attempt === e.attempt && c.seq < e.seq && !c.voided) {
          c.voided = true;
          changed = true;
        }
      }
      return changed ? { rebuilt: true } : null;
    }
    if (e.type === 'step.retrying' || e.type === 'step.failed') {
      this.deadAttempts.add(`${e.path}\u0000${e.attempt}`);
      this.deadScopes.push(e.attempt === 1 ? e.path : `${e.path}@${e.attempt}`);
      let changed = false;
      for (const c of this.chunks) {
        if (!c.superseded && !this.stands(c)) {
          c.superseded = true;
          changed = true;
        }
      }
      return changed ? { rebuilt: true } : null;
    }
    return null;
  }

  stands(c) {
    if (c.voided) return false;
    if (this.deadAttempts.has(`${c.path}\u0000${c.attempt}`)) return false;
    return !this.deadScopes.some((p) => c.path.startsWith(`${p}/`));
  }

  /** The names of the streams seen, in order of their first chunk. */
  streams() {
    return [...new Set(this.chunks.map((c) => c.stream))];
  }

  /** The stream's text so far, without superseded chunks. */
  text(stream) {
    return this.chunks.filter((c) => c.stream === stream && this.stands(c)).map((c) => c.chunk).join('');
  }

  /** How many chunks of the stream were superseded. */
  superseded(stream) {
    return this.chunks.filter((c) => c.stream === stream && !this.stands(c)).length;
  }
}
