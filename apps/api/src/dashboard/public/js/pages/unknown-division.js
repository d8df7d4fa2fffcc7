// What a figure page shows when its URL names a division the tree does not hold (a stale link, a mistyped code).
// Asked for such a code the server would answer for the viewer's home, whose figures would be read as the named
// division's: the page says so instead and draws none (decision 187).
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { routeHash } from '../router.js';

/** The division code the route names that `tree` does not hold, else null. */
export const unknownDivision = (tree, { params }) => (params.division && !tree.get(params.division) ? params.division : null);

export const mount = (view, { tree }, { page, params }) => {
  replace(view,
    h('p', { class: 'error', role: 'alert', id: 'unknown-division' }, t('error.unknownDivision', { code: params.division })),
    h('p', {}, h('a', { class: 'home-link', href: routeHash(page, { ...params, division: tree.home }) }, t('error.showHome', { name: tree.name(tree.home) }))));
  return { refresh: () => Promise.resolve() };
};
