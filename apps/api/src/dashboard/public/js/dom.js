// Builds DOM nodes from data without innerHTML: recorded text (notes, names) is never parsed as markup.

/** h('td', { class: 'num', onclick }, 'text', childNode, …) */
export const h = (tag, attrs = {}, ...children) => {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(el.dataset, value);
    else if (name in el && name !== 'list' && typeof value !== 'string') el[name] = value;
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
};

const append = (el, children) => {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
};

export const replace = (el, ...children) => {
  el.replaceChildren();
  append(el, children);
};

/** A table: `columns` are { label, cell(row) → Node|string, class? }; `onRow` makes rows clickable. */
export const table = (columns, rows, { onRow, rowClass, caption } = {}) =>
  h('table', {},
    caption ? h('caption', {}, caption) : null,
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.class }, c.label)))),
    h('tbody', {}, rows.map((row) =>
      h('tr', {
        class: [onRow ? 'clickable' : '', rowClass ? rowClass(row) : ''].join(' ').trim() || undefined,
        tabindex: onRow ? '0' : undefined,
        onclick: onRow ? () => onRow(row) : undefined,
        onkeydown: onRow ? (e) => { if (e.key === 'Enter') onRow(row); } : undefined,
      }, columns.map((c) => h('td', { class: c.class }, c.cell(row)))))));
