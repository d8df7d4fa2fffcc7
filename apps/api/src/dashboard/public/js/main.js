// The dashboard's entry point: sign-in, routing between pages, language, live refresh.
import { api, onTokenRefused } from './api.js';
import { disposeChartsIn } from './charts.js';
import { divisionTree } from './divisions.js';
import { h, replace } from './dom.js';
import { language, setLanguage, t, translateStatic } from './i18n.js';
import { followPosition } from './live.js';
import { go, parseRoute, routeHash } from './router.js';
import * as session from './session.js';
import { errorBox, thisYear } from './pages/common.js';
import * as clearance from './pages/clearance.js';
import * as household from './pages/household.js';
import * as monthly from './pages/monthly.js';
import * as stock from './pages/stock.js';
import * as names from './pages/names.js';
import * as unknown from './pages/unknown-division.js';
import * as invalid from './pages/invalid-param.js';

const PAGES = { clearance, stock, monthly, household };
/** The pages drawn for a division their URL names. */
const BY_DIVISION = new Set([clearance, stock, monthly]);
const view = document.getElementById('view');
const signInView = document.getElementById('signin');
const nav = document.getElementById('nav');
const positionEl = document.getElementById('position');
/** The page's one live region: a short line, where a live <main> would read every table out again at each refresh. */
const statusEl = document.getElementById('figures-status');
const langButton = document.getElementById('lang');

let tree = null;
/** The division tree's answer the held tree was built from, to tell a tree recorded since. */
let treeText = null;
/** {role, actor, division?} of the token; a registrar gets the names page and nothing else (docs/decisions/0034). */
let viewer = null;
let current = null;
let live = null;
let renders = 0;
let pages = 0;
/** Bumped by each sign-in and sign-out: a sign-in still loading when another viewer's begins (or none's) gives up. */
let signIns = 0;
/** What the header says of the live refresh: its label key and parameters, drawn again when the language changes. */
let header = { key: 'app.live', params: {} };

/**
 * One refresh of a page at a time: a change that arrives while its figures are being
 * fetched asks for one more fetch after, so an older answer never lands over a newer one.
 */
const oneAtATime = (page) => {
  let running = null;
  let again = false;
  const run = async () => {
    do {
      again = false;
      await page.refresh();
    } while (again);
    running = null;
  };
  return {
    refresh: () => {
      if (running) again = true;
      else running = run();
      return running;
    },
  };
};

/** Reads the division tree again; true when it changed, `tree` then rebuilt on it with the same home. */
const treeMoved = async () => {
  try {
    const divisions = await api.divisions();
    const text = JSON.stringify(divisions);
    if (text === treeText || !tree) return false;
    tree = divisionTree(divisions, tree.home);
    treeText = text;
    return true;
  } catch {
    // The page's own requests say what is wrong; the tree held is kept meanwhile.
    return false;
  }
};

/** Fetches the page's figures; `data-state` tells tests (and screen readers, via aria-busy) when they are in. */
const refresh = async () => {
  if (!current) return;
  const mine = ++renders;
  view.dataset.state = 'loading';
  view.setAttribute('aria-busy', 'true');
  const position = live?.position();
  await current.refresh();
  if (mine !== renders) return;
  view.dataset.state = 'ready';
  if (position !== null && position !== undefined) view.dataset.position = String(position);
  view.removeAttribute('aria-busy');
};

const render = () => {
  if (!tree) return;
  const route = parseRoute(window.location.hash);
  const registrar = viewer?.role === 'registrar';
  const asked = registrar ? names : PAGES[route.page] ?? clearance;
  // A division the tree does not hold is said so, never drawn as the home (decision 187); a tree taken in later that
  // holds it mounts the page again (treeMoved), and its figures are drawn then.
  // Nor is a year, month or date that is none drawn as the page's default (see invalid-param.js).
  const page = BY_DIVISION.has(asked) && unknown.unknownDivision(tree, route) ? unknown
    : asked !== names && invalid.invalidParam(route) ? invalid : asked;
  for (const a of nav.querySelectorAll('a')) {
    a.classList.toggle('active', a.dataset.page === route.page);
    // A registrar reads names, not case data or figures: the other pages would only be refused.
    a.hidden = registrar && a.dataset.page !== 'household';
  }
  disposeChartsIn(view);
  current = oneAtATime(page.mount(view, { tree, go, viewer }, route));
  view.dataset.page = String(++pages);
  return refresh();
};

const drawHeader = (key = header.key, params = header.params) => {
  header = { key, params };
  positionEl.textContent = t(key, params);
  positionEl.classList.toggle('stale', key === 'app.unreachable');
  if (key === 'app.unreachable') statusEl.textContent = t(key);
};

/** Empties the view, its charts disposed and any load still under way disowned (refresh compares `renders`). */
const clearView = () => {
  renders++;
  disposeChartsIn(view);
  view.replaceChildren();
  delete view.dataset.state;
  delete view.dataset.position;
  view.removeAttribute('aria-busy');
  statusEl.textContent = '';
};

/**
 * However the session ends (Sign out, or a token the server refused), nothing drawn for it stays: the next
 * viewer may have another role, and must never see, even while its own figures load, cells computed for this one.
 */
const showSignIn = (refused) => {
  signIns++;
  live?.stop();
  live = null;
  tree = null;
  treeText = null;
  viewer = null;
  current = null;
  clearView();
  drawHeader('app.live');
  document.body.classList.remove('signed-in');
  signInView.hidden = false;
  document.getElementById('signin-error').hidden = !refused;
  document.getElementById('token').focus();
};

const start = async () => {
  const mine = ++signIns;
  clearView();
  signInView.hidden = true;
  document.body.classList.add('signed-in');
  replace(view, h('p', { class: 'hint' }, t('common.loading')));
  let who;
  try {
    who = await api.session();
    // The division the server reports on when none is named is the viewer's home; a registrar reads no reports.
    const [divisions, own] = await Promise.all([api.divisions(), who.role === 'registrar' ? null : api.clearance(thisYear())]);
    if (mine !== signIns) return;
    viewer = who;
    tree = divisionTree(divisions, own?.division);
    treeText = JSON.stringify(divisions);
  } catch (error) {
    if (mine !== signIns || !session.token()) return;
    replace(view, errorBox(error));
    return;
  }
  const reload = async (position) => {
    // A tree recorded meanwhile (by another process: decision 84) is taken in before the figures are drawn again, so
    // that its new divisions are named and their links open them; the page is then mounted again on it (decision 185).
    const moved = await treeMoved();
    if (live !== follower) return;
    // The header names the new position as the refresh starts (which marks the view loading in the same turn).
    drawHeader('app.position', { position });
    statusEl.textContent = '';
    // A download that failed earlier said so beside its button; the figures drawn again make that message stale, and
    // its alert would keep this line silent (below) until the page is opened again.
    for (const stale of view.querySelectorAll('.download-status')) stale.replaceChildren();
    await (moved ? render() : refresh());
    // A failed load says so itself (role=alert); the line says only that figures came in, and where they stand.
    if (live === follower && !view.querySelector('[role=alert]')) statusEl.textContent = t('app.figuresUpdated', { position: view.dataset.position ?? position });
  };
  const follower = followPosition(reload, (reachable) => {
    // Back after an outage, the page is asked again: a load that failed meanwhile would otherwise stay failed until
    // the ledger next moves.
    if (reachable) reload(follower.position());
    else drawHeader('app.unreachable');
  });
  live = follower;
  render();
};

onTokenRefused(() => {
  session.signOut();
  showSignIn(true);
});

document.getElementById('signin-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const value = document.getElementById('token').value.trim();
  if (!value) return;
  session.signIn(value);
  document.getElementById('token').value = '';
  start();
});
document.getElementById('signout').addEventListener('click', () => {
  session.signOut();
  showSignIn(false);
});
/** The button's text is the other language's name, written in it (its accessible name too: WCAG 2.5.3), its title "Language". */
const drawStatic = () => {
  translateStatic(document);
  langButton.lang = language() === 'en' ? 'zh-CN' : 'en';
};
langButton.addEventListener('click', () => {
  setLanguage(language() === 'en' ? 'zh' : 'en');
  drawStatic();
  document.title = t('app.title');
  drawHeader();
  render();
});
window.addEventListener('hashchange', render);

for (const a of nav.querySelectorAll('a')) a.href = routeHash(a.dataset.page);
setLanguage(language());
drawStatic();
document.title = t('app.title');
if (session.token()) start();
else showSignIn(false);
