// The division tree as the API serves it ({ root, divisions }), indexed for breadcrumbs and pickers.
import { h } from './dom.js';
import { t } from './i18n.js';

export const divisionTree = ({ root, divisions }) => {
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
  /** Depth-first, for pickers. */
  const ordered = () => {
    const out = [];
    const visit = (d, depth) => {
      out.push({ division: d, depth });
      for (const c of children.get(d.code) ?? []) visit(c, depth + 1);
    };
    const top = byCode.get(root);
    if (top) visit(top, 0);
    return out;
  };
  return {
    root,
    get: (code) => byCode.get(code),
    name: (code) => byCode.get(code)?.name ?? code,
    children: (code) => children.get(code) ?? [],
    lineage,
    ordered,
  };
};

/** A <select> of every division, indented by depth. */
export const divisionPicker = (tree, selected, onChange) =>
  h('select', { name: 'division', onchange: (e) => onChange(e.target.value) },
    tree.ordered().map(({ division, depth }) =>
      h('option', { value: division.code, selected: division.code === selected },
        `${'\u00a0\u00a0'.repeat(depth)}${division.name} · ${t(`level.${division.level}`)}`)));
