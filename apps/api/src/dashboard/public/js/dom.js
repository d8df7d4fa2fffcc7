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

/**
 * A table: `columns` are { label, cell(row) → Node|string, class?, rowHeader? }; `caption` names it to assistive technology.
 * The column marked `rowHeader` names each row. `rowLink(row)` → href makes that cell a link: the row's one tab stop, which
 * Enter and Space both follow; a click anywhere in its row follows it too. A row with no link (a total) is inert.
 */
export const table = (columns, rows, { rowLink, rowClass, caption } = {}) =>
  h('table', {},
    caption ? h('caption', { class: 'visually-hidden' }, caption) : null,
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.class }, c.label)))),
    h('tbody', {}, rows.map((row) => {
      const href = rowLink?.(row) ?? null;
      const link = (content) => h('a', { href, class: 'row-link', onkeydown: followOnSpace }, content);
      return h('tr', {
        class: [href ? 'clickable' : '', rowClass ? rowClass(row) : ''].join(' ').trim() || undefined,
        onclick: href ? (e) => { if (!e.target.closest('a, button')) e.currentTarget.querySelector('a.row-link')?.click(); } : undefined,
      }, columns.map((c) => rowCell(c, href && c.rowHeader ? link(c.cell(row)) : c.cell(row))));
    })));

// A <td> that says it heads its row: a <th scope="row"> would shift the <td>s after it, which specs that name cells by
// their <td> index read (dashboard-session-end.spec.ts).
const rowCell = (column, content) => (column.rowHeader
  ? h('td', { class: ['row-header', column.class].filter(Boolean).join(' '), role: 'rowheader' }, content)
  : h('td', { class: column.class }, content));

// A link is followed on Enter alone; Space here, as on a button, rather than scrolling the page.
const followOnSpace = (e) => {
  if (e.key !== ' ') return;
  e.preventDefault();
  e.currentTarget.click();
};
