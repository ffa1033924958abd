// The UI's entry: hash routing between the runs page and one run's page.
import { fill, parseHash } from './dom.js';
import { onKeyChange } from './session.js';
import { RunsPage } from './runs.js';
import { RunPage } from './run.js';

const main = document.getElementById('main');
let view = null;

function route(force = false) {
  const { parts, query } = parseHash(location.hash);
  if (parts[0] === 'runs' && parts[1]) {
    const tab = ['trace', 'events'].includes(parts[2]) ? parts[2] : 'overview';
    if (!force && view instanceof RunPage && view.runId === parts[1]) {
      view.show(tab); // the same run: keep its live stream, switch the tab
      return;
    }
    mount(new RunPage(parts[1], tab));
  } else if (!force && view instanceof RunsPage) {
    view.setQuery(query);
  } else {
    mount(new RunsPage(query));
  }
}

function mount(next) {
  const moved = view !== null;
  view?.destroy();
  view = next;
  fill(main, next.el);
  next.start();
  if (moved) main.focus({ preventScroll: true }); // a screen reader starts reading the new page
}

window.addEventListener('hashchange', () => route());
onKeyChange(() => route(true));
if (!location.hash) history.replaceState(null, '', '#/runs');
route();
