// The division tree as the API serves it ({ root, divisions }), indexed for breadcrumbs and pickers.
// `home` is the division the server reports on when none is named: a caseworker's own, else
// the root. Pickers and breadcrumbs stay inside it, so that no link leads to a refusal.
import { h } from './dom.js';
import { t } from './i18n.js';

export const divisionTree = ({ root, divisions }, home = root) => {
  const byCode = new Map(divisions.map((d) => [d.code, d]));
  const children = new Map();
  for (const d of divisions) {
    if (d.parentCode === null) continue;
    children.set(d.parentCode, [...(children.get(d.parentCode) ?? []), d]);
  }
  const lineage = (code) => {
    const out = [];
    for (let d = byCode.get(code); d; d = d.parentCode === null ? undefined : byCode.get(d.parentCode)) out.unshift(d);
    return out;
  };
  /** The lineage from `home` down to `code` (just `code` if it lies outside home). */
  const lineageFromHome = (code) => {
    const all = lineage(code);
    const at = all.findIndex((d) => d.code === home);
    return at < 0 ? all.slice(-1) : all.slice(at);
  };
  /** Depth-first from home, for pickers. */
  const ordered = () => {
    const out = [];
    const visit = (d, depth) => {
      out.push({ division: d, depth });
      for (const c of children.get(d.code) ?? []) visit(c, depth + 1);
    };
    const top = byCode.get(home) ?? byCode.get(root);
    if (top) visit(top, 0);
    return out;
  };
  return {
    root,
    home,
    get: (code) => byCode.get(code),
    name: (code) => byCode.get(code)?.name ?? code,
    children: (code) => children.get(code) ?? [],
    lineage,
    lineageFromHome,
    ordered,
  };
};

/**
 * A <select> of every division from home, indented by depth. A division outside home that a
 * page was asked for (a link to one the role may not see) heads the list, selected: the picker
 * names the page's division, and Show asks for it again, rather than for the first option.
 */
export const divisionPicker = (tree, selected, onChange) => {
  const options = tree.ordered();
  const asked = tree.get(selected);
  const outside = asked !== undefined && !options.some(({ division }) => division.code === selected) ? [{ division: asked, depth: 0 }] : [];
  return h('select', { name: 'division', onchange: (e) => onChange(e.target.value) },
    [...outside, ...options].map(({ division, depth }) =>
      h('option', { value: division.code, selected: division.code === selected },
        `${'\u00a0\u00a0'.repeat(depth)}${division.name} · ${t(`level.${division.level}`)}`)));
};
