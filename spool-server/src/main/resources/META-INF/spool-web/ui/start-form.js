// The form that starts a run of any registered workflow, built from its published input schema,
// checked against that schema before the call; the server's problem is shown on a refusal.
import { h, fill, json, problemBox } from './dom.js';
import { fieldsOf, validate } from './schema.js';
import { api } from './session.js';

const LAST_WORKFLOW = 'spool.lastWorkflow';

export class StartForm {
  constructor(workflows) {
    this.workflows = workflows;
    this.jsonMode = false;
    this.select = h('select', { id: 'start-workflow', name: 'workflow', onchange: () => this.pick() },
      workflows.map((w) => h('option', { value: w.name }, w.name)));
    this.desc = h('p.muted.wf-desc', { id: 'start-desc' });
    this.fieldsEl = h('div.fields');
    this.jsonArea = h('textarea', { id: 'start-json', rows: 6, spellcheck: 'false', 'aria-describedby': 'start-json-err' });
    this.jsonErr = h('p.field-error', { id: 'start-json-err' });
    this.jsonBox = h('div.field.json-box', { hidden: true }, h('label', { for: 'start-json' }, 'Input (JSON)'), this.jsonArea, this.jsonErr);
    this.toggle = h('button.ghost', { type: 'button', id: 'start-toggle-json', 'aria-pressed': 'false', onclick: () => this.switchMode() }, 'Edit as JSON');
    this.submit = h('button.primary', { type: 'submit', id: 'start-submit' }, 'Start run');
    this.problem = h('div', { id: 'start-problem', 'aria-live': 'polite' });
    this.form = h('form.start-form', { id: 'start-form', novalidate: true, onsubmit: (e) => this.onSubmit(e) },
      h('div.field', h('label', { for: 'start-workflow' }, 'Workflow'), this.select),
      this.desc, this.fieldsEl, this.jsonBox,
      h('div.actions', this.toggle, h('span.spacer'), this.submit),
      this.problem);
    this.el = h('section.card', { 'aria-labelledby': 'start-title' }, h('h2', { id: 'start-title' }, 'Start a run'), this.form);
    const last = localStorage.getItem(LAST_WORKFLOW);
    if (workflows.some((w) => w.name === last)) this.select.value = last;
    this.pick();
  }

  get workflow() {
    return this.workflows.find((w) => w.name === this.select.value);
  }

  pick() {
    const wf = this.workflow;
    if (!wf) return;
    localStorage.setItem(LAST_WORKFLOW, wf.name);
    this.desc.textContent = wf.description || '';
    this.model = fieldsOf(wf.inputSchema || {});
    this.inputs = new Map();
    this.errors = new Map();
    fill(this.fieldsEl, this.model.fields.map((f) => this.field(f)));
    this.problem.replaceChildren();
    this.setMode(false);
  }

  field(f) {
    const id = `input-${f.name}`;
    const errId = `${id}-err`;
    const common = { id, name: f.name, 'aria-describedby': errId, dataset: { field: f.name } };
    if (f.required) common['aria-required'] = 'true';
    let input;
    const s = f.schema || {};
    if (f.kind === 'boolean' && f.required) {
      input = h('input', { ...common, type: 'checkbox' });
    } else if (f.kind === 'boolean' || f.kind === 'enum') {
      const values = f.kind === 'boolean' ? ['true', 'false'] : s.enum;
      input = h('select', common, f.required ? null : h('option', { value: '' }, '(default)'),
        values.map((v) => h('option', { value: v }, v)));
    } else if (f.kind === 'json') {
      input = h('textarea', { ...common, rows: 3, spellcheck: 'false', placeholder: 'JSON' });
    } else {
      const numeric = f.kind === 'integer' || f.kind === 'number';
      input = h('input', {
        ...common,
        type: numeric ? 'number' : 'text',
        step: f.kind === 'integer' ? '1' : numeric ? 'any' : undefined,
        inputmode: f.kind === 'integer' ? 'numeric' : undefined,
        autocomplete: 'off',
      });
    }
    const err = h('p.field-error', { id: errId });
    this.inputs.set(f.name, input);
    this.errors.set(f.name, err);
    const type = f.kind === 'json' ? 'JSON' : f.kind;
    return h('div.field', { class: f.kind === 'boolean' && f.required ? 'check' : '' },
      h('label', { for: id }, f.name, f.required ? h('span.req', { 'aria-hidden': 'true' }, ' *') : null,
        h('span.type', ` ${type}${f.required ? '' : ', optional'}`)),
      input,
      f.description ? h('p.hint', f.description) : null,
      err);
  }

  /** Reads the fields into a value; problems are [{path, message}]. */
  readFields() {
    const value = {};
    const problems = [];
    for (const f of this.model.fields) {
      const input = this.inputs.get(f.name);
      let v;
      if (input.type === 'checkbox') v = input.checked;
      else {
        const raw = input.value.trim();
        if (raw === '') {
          if (f.required) problems.push({ path: f.name, message: 'is required' });
          continue;
        }
        if (f.kind === 'integer' || f.kind === 'number') {
          v = Number(raw);
          if (!Number.isFinite(v)) problems.push({ path: f.name, message: 'must be a number' });
        } else if (f.kind === 'boolean') v = raw === 'true';
        else if (f.kind === 'json') {
          try {
            v = JSON.parse(raw);
          } catch (e) {
            problems.push({ path: f.name, message: `is not valid JSON (${e.message})` });
            continue;
          }
        } else v = f.kind === 'string' ? input.value : raw;
      }
      value[f.name] = v;
    }
    return { value: this.model.wrapped ? value.input : value, problems };
  }

  writeFields(value) {
    const obj = this.model.wrapped ? { input: value } : value || {};
    for (const f of this.model.fields) {
      const input = this.inputs.get(f.name);
      const v = obj[f.name];
      if (input.type === 'checkbox') input.checked = v === true;
      else if (v === undefined || v === null) input.value = '';
      else input.value = f.kind === 'json' ? JSON.stringify(v) : String(v);
    }
  }

  switchMode() {
    if (this.jsonMode) {
      let value;
      try {
        value = JSON.parse(this.jsonArea.value || 'null');
      } catch (e) {
        this.showProblems([{ path: '', message: `The input is not valid JSON: ${e.message}` }]);
        return;
      }
      if (!this.model.wrapped && (typeof value !== 'object' || value === null || Array.isArray(value))) {
        this.showProblems([{ path: '', message: 'The input must be a JSON object to edit it as fields.' }]);
        return;
      }
      this.writeFields(value);
      this.setMode(false);
    } else {
      const { value } = this.readFields();
      this.jsonArea.value = json(value === undefined ? {} : value);
      this.setMode(true);
    }
  }

  setMode(jsonMode) {
    this.jsonMode = jsonMode;
    this.jsonBox.hidden = !jsonMode;
    this.fieldsEl.hidden = jsonMode;
    this.toggle.textContent = jsonMode ? 'Edit as fields' : 'Edit as JSON';
    this.toggle.setAttribute('aria-pressed', String(jsonMode));
    this.showProblems([]);
  }

  showProblems(problems) {
    for (const input of this.inputs.values()) input.removeAttribute('aria-invalid');
    for (const err of this.errors.values()) err.textContent = '';
    this.jsonErr.textContent = '';
    this.jsonArea.removeAttribute('aria-invalid');
    const loose = [];
    for (const p of problems) {
      const top = this.model.wrapped ? 'input' : p.path.split(/[.[]/)[0];
      const input = !this.jsonMode && this.inputs.get(top);
      if (input) {
        input.setAttribute('aria-invalid', 'true');
        const err = this.errors.get(top);
        const rest = this.model.wrapped ? p.path : p.path.slice(top.length).replace(/^\./, '');
        err.textContent = [err.textContent, `${rest ? `${rest} ` : ''}${p.message}`].filter(Boolean).join('; ');
      } else {
        loose.push(`${p.path ? `${p.path} ` : ''}${p.message}`);
      }
    }
    if (this.jsonMode && problems.length) {
      this.jsonArea.setAttribute('aria-invalid', 'true');
      this.jsonErr.textContent = loose.join('; ');
    } else if (loose.length) {
      fill(this.problem, h('div.problem', { role: 'alert' }, loose.join('; ')));
    }
    const firstBad = this.form.querySelector('[aria-invalid="true"]');
    if (firstBad) firstBad.focus();
  }

  async onSubmit(ev) {
    ev.preventDefault();
    this.problem.replaceChildren();
    let value;
    let problems = [];
    if (this.jsonMode) {
      try {
        value = JSON.parse(this.jsonArea.value);
      } catch (e) {
        problems = [{ path: '', message: `The input is not valid JSON: ${e.message}` }];
      }
    } else {
      ({ value, problems } = this.readFields());
    }
    const wf = this.workflow;
    if (!problems.length) problems = validate(wf.inputSchema || {}, value === undefined ? null : value);
    this.showProblems(problems);
    if (problems.length) return;
    this.submit.disabled = true;
    try {
      const started = await api((c) => c.start(wf.name, value));
      location.hash = `#/runs/${encodeURIComponent(started.runId)}`;
    } catch (e) {
      fill(this.problem, problemBox(e));
    } finally {
      this.submit.disabled = false;
    }
  }
}
