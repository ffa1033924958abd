// The one SpoolClient of the UI, and the API key: asked for on a 401, kept in localStorage.
import { SpoolClient, SpoolError } from '../spool-client.js';

const KEY_STORAGE = 'spool.apiKey';

export const client = new SpoolClient({ apiKey: localStorage.getItem(KEY_STORAGE) });

const dialog = document.getElementById('key-dialog');
const keyInput = document.getElementById('key-input');
const keyReason = document.getElementById('key-reason');
const keyButton = document.getElementById('key-button');
let waiters = [];
let onChange = () => {};

/** Called after the key is changed or forgotten from the header's button (not from a 401 prompt). */
export function onKeyChange(fn) {
  onChange = fn;
}

function showKeyState() {
  keyButton.textContent = client.apiKey ? 'API key ✓' : 'API key';
  keyButton.dataset.keySet = client.apiKey ? 'true' : 'false';
}

/** Opens the key dialog; resolves once a key is saved, rejects when the user cancels. */
export function askForKey(problem) {
  keyReason.textContent = problem?.detail
    ? `${problem.title}: ${problem.detail}`
    : 'This server asks for an API key. It is kept in this browser only.';
  keyInput.value = '';
  keyInput.removeAttribute('aria-invalid');
  if (!dialog.open) dialog.showModal();
  keyInput.focus();
  return new Promise((resolve, reject) => waiters.push({ resolve, reject }));
}

function settle(ok) {
  const ws = waiters;
  waiters = [];
  const no = new SpoolError(401, { title: 'API key required', detail: 'no API key was given' });
  for (const w of ws) (ok ? w.resolve() : w.reject(no));
}

document.getElementById('key-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const key = keyInput.value.trim();
  if (!key) {
    keyInput.setAttribute('aria-invalid', 'true');
    return;
  }
  localStorage.setItem(KEY_STORAGE, key);
  client.apiKey = key;
  showKeyState();
  settle(true);
  dialog.close();
});
document.getElementById('key-cancel').addEventListener('click', () => dialog.close());
document.getElementById('key-forget').addEventListener('click', () => {
  localStorage.removeItem(KEY_STORAGE);
  client.apiKey = null;
  showKeyState();
  dialog.close();
  onChange();
});
// A prompt closed without a key fails the calls that waited for one (a reopened prompt keeps them).
dialog.addEventListener('close', () => {
  if (!dialog.open) settle(false);
});
keyButton.addEventListener('click', () => askForKey(null).then(() => onChange(), () => {}));
showKeyState();

/** Runs an API call; on a 401 asks for a key and tries again with it. Other errors are thrown. */
export async function api(call) {
  for (;;) {
    try {
      return await call(client);
    } catch (e) {
      if (!(e instanceof SpoolError) || e.status !== 401) throw e;
      await askForKey(e.problem);
    }
  }
}
