// A registrar's page: the names of a household's members, read only when asked and with a
// stated purpose (each read is in the access log). Only the name is shown: the identity
// number, phone and address stay in the API, and other roles never see this page.
import { api, ApiError } from '../api.js';
import { h, replace, table } from '../dom.js';
import { t } from '../i18n.js';
import { errorBox, field } from './common.js';

export const mount = (view, _ctx, { arg }) => {
  const idInput = h('input', { type: 'text', name: 'household', value: arg ?? '', required: true, maxlength: '64', pattern: '[A-Za-z0-9._:\\-]+' });
  const purposeInput = h('input', { type: 'text', name: 'purpose', value: '', required: true, maxlength: '200' });
  const body = h('div', { id: 'names' }, h('p', { class: 'hint' }, t('names.prompt')));
  const show = async () => {
    const id = idInput.value.trim();
    const purpose = purposeInput.value.trim();
    if (!id || !purpose) return;
    try {
      const v = await api.personalData(id, purpose);
      replace(body, v.members.length === 0
        ? h('p', { class: 'hint' }, t('names.none'))
        : h('div', { class: 'table-wrap' }, table([
          { label: t('col.memberId'), cell: (m) => m.memberId },
          { label: t('col.fullName'), cell: (m) => m.record.fullName ?? t('cell.empty') },
        ], v.members, { caption: t('names.title') })));
    } catch (error) {
      replace(body, error instanceof ApiError && error.code === 'HOUSEHOLD_ERASED' ? h('p', { class: 'notice', id: 'names-erased' }, t('names.erased')) : errorBox(error));
    }
  };
  const form = h('form', { class: 'controls', onsubmit: (e) => { e.preventDefault(); show(); } },
    field('household.id', idInput), field('names.purpose', purposeInput),
    h('button', { type: 'submit' }, t('names.show')));
  replace(view, h('h2', {}, t('names.title')), form, body);
  // Names are read on request only: a live refresh must not read (and log) them again.
  return { refresh: async () => {} };
};
