// JSON Schema (draft 2020-12) as published by GET /v1/workflows: form fields for an input, and a
// validator for the subset Spool's schemas use (types, required, properties, items, enum,
// bounds, $ref to $defs, anyOf/oneOf). The server checks again; this gives answers before a call.

const INT_RANGE = {
  int32: [-(2 ** 31), 2 ** 31 - 1],
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

function resolve(schema, root) {
  let s = schema || {};
  for (let i = 0; s.$ref && i < 20; i++) {
    const m = /^#\/\$defs\/(.+)$/.exec(s.$ref);
    s = (m && root.$defs?.[m[1]]) || {};
  }
  return s;
}

function types(s) {
  if (Array.isArray(s.type)) return s.type;
  return s.type ? [s.type] : [];
}

/** How a value is edited: 'string', 'integer', 'number', 'boolean', 'enum' or 'json' (anything else). */
export function kindOf(schema, root) {
  const s = resolve(schema, root);
  if (Array.isArray(s.enum) && s.enum.every((v) => typeof v === 'string')) return 'enum';
  const t = types(s).filter((x) => x !== 'null');
  if (t.length === 1 && ['string', 'integer', 'number', 'boolean'].includes(t[0])) return t[0];
  return 'json';
}

/**
 * The form for an input schema: one field per property of an object schema, or one field named
 * 'input' for anything else (the value is then the input itself).
 */
export function fieldsOf(root) {
  const s = resolve(root, root);
  if (types(s).includes('object') && s.properties) {
    const required = new Set(s.required || []);
    return {
      wrapped: false,
      fields: Object.entries(s.properties).map(([name, p]) => ({
        name,
        schema: p,
        kind: kindOf(p, root),
        required: required.has(name),
        description: resolve(p, root).description || '',
      })),
    };
  }
  return { wrapped: true, fields: [{ name: 'input', schema: s, kind: kindOf(s, root), required: true, description: '' }] };
}

function typeOf(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function describe(s) {
  const t = types(s);
  return t.length ? t.join(' or ') : 'a value of another shape';
}

/** Validates value against schema; returns [{path, message}], empty when valid. */
export function validate(schema, value, root = schema, path = '', out = []) {
  const s = resolve(schema, root);
  if (s === true || !s || typeof s !== 'object') return out;
  const t = types(s);
  const actual = typeOf(value);
  if (t.length && !t.includes(actual) && !(actual === 'integer' && t.includes('number'))) {
    out.push({ path, message: `must be ${describe(s)}, not ${actual === 'integer' ? 'number' : actual}` });
    return out;
  }
  if (s.const !== undefined && JSON.stringify(s.const) !== JSON.stringify(value)) {
    out.push({ path, message: `must be ${JSON.stringify(s.const)}` });
  }
  if (Array.isArray(s.enum) && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) {
    out.push({ path, message: `must be one of ${s.enum.map((e) => JSON.stringify(e)).join(', ')}` });
  }
  if (actual === 'integer' || actual === 'number') {
    const range = INT_RANGE[s.format];
    if (range && (value < range[0] || value > range[1])) out.push({ path, message: `is out of range for ${s.format}` });
    if (s.minimum !== undefined && value < s.minimum) out.push({ path, message: `must be ≥ ${s.minimum}` });
    if (s.maximum !== undefined && value > s.maximum) out.push({ path, message: `must be ≤ ${s.maximum}` });
    if (s.exclusiveMinimum !== undefined && value <= s.exclusiveMinimum) out.push({ path, message: `must be > ${s.exclusiveMinimum}` });
    if (s.exclusiveMaximum !== undefined && value >= s.exclusiveMaximum) out.push({ path, message: `must be < ${s.exclusiveMaximum}` });
  }
  if (actual === 'string') {
    if (s.minLength !== undefined && value.length < s.minLength) out.push({ path, message: `must have at least ${s.minLength} characters` });
    if (s.maxLength !== undefined && value.length > s.maxLength) out.push({ path, message: `must have at most ${s.maxLength} characters` });
    if (s.pattern && !new RegExp(s.pattern, 'u').test(value)) out.push({ path, message: `must match ${s.pattern}` });
  }
  if (actual === 'array') {
    if (s.minItems !== undefined && value.length < s.minItems) out.push({ path, message: `must have at least ${s.minItems} items` });
    if (s.maxItems !== undefined && value.length > s.maxItems) out.push({ path, message: `must have at most ${s.maxItems} items` });
    if (s.items) value.forEach((v, i) => validate(s.items, v, root, `${path}[${i}]`, out));
    if (s.uniqueItems && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) out.push({ path, message: 'must not repeat items' });
  }
  if (actual === 'object') {
    for (const r of s.required || []) {
      if (value[r] === undefined || value[r] === null) out.push({ path: join(path, r), message: 'is required' });
    }
    const props = s.properties || {};
    const required = new Set(s.required || []);
    for (const [k, v] of Object.entries(value)) {
      // An optional field sent as null reads as absent on the server: let it through.
      if (props[k] && v === null && !required.has(k)) continue;
      if (props[k]) validate(props[k], v, root, join(path, k), out);
      else if (s.additionalProperties === false) out.push({ path: join(path, k), message: 'is not a known field' });
      else if (s.additionalProperties && typeof s.additionalProperties === 'object') validate(s.additionalProperties, v, root, join(path, k), out);
    }
  }
  for (const key of ['anyOf', 'oneOf']) {
    if (Array.isArray(s[key])) {
      const ok = s[key].filter((alt) => validate(alt, value, root, path, []).length === 0).length;
      if (key === 'anyOf' ? ok === 0 : ok !== 1) out.push({ path, message: `must match ${key === 'anyOf' ? 'one of' : 'exactly one of'} its alternatives` });
    }
  }
  return out;
}

function join(path, key) {
  return path ? `${path}.${key}` : key;
}
