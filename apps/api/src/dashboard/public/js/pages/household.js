// One household's audit timeline, as of any business date (every correction applied, those dated after it listed: decision 154), with each event's hash check and what replaying its stream through the rules finds.
import { api } from '../api.js';
import { h, replace, table } from '../dom.js';
import { t } from '../i18n.js';
import { field, section } from './common.js';

const yesNo = (b) => t(b ? 'yes' : 'no');

export const mount = (view, { tree, go }, { arg, params }) => {
  const id = arg ?? '';
  const asOf = /^\d{4}-\d{2}-\d{2}$/.test(params.asOf ?? '') ? params.asOf : '';
  const idInput = h('input', { type: 'text', name: 'household', value: id, required: true, maxlength: '64', pattern: '[A-Za-z0-9._:\\-]+' });
  const asOfInput = h('input', { type: 'date', name: 'asOf', value: asOf, onchange: () => { if (idInput.value) go('household', { asOf: asOfInput.value }, idInput.value); } });
  const form = h('form', { class: 'controls', onsubmit: (e) => { e.preventDefault(); go('household', { asOf: asOfInput.value }, idInput.value); } },
    field('household.id', idInput), field('common.asOf', asOfInput),
    h('button', { type: 'submit' }, t('common.show')),
    h('button', { type: 'button', class: 'secondary', onclick: () => go('household', {}, idInput.value) }, t('household.clearAsOf')));
  const body = h('div', { id: 'household' });
  replace(view, h('h2', {}, t('household.title')), form, body);

  const refresh = () => section(body, async () => {
    if (!id) {
      replace(body, h('p', { class: 'hint' }, t('household.prompt')));
      return;
    }
    const v = await api.household(id, asOf || undefined);
    const broken = v.events.filter((e) => !e.hashOk).length;
    // A forged event whose chain was recomputed passes the hash check: only the replay through the rules shows it.
    const refused = v.anomalies.filter((a) => a.kind !== 'hash-break').length;
    replace(body,
      h('dl', { class: 'summary' },
        h('dt', {}, t('household.id')), h('dd', {}, v.householdId),
        h('dt', {}, t('common.division')), h('dd', {}, v.divisionCode ? tree.lineage(v.divisionCode).map((d) => d.name).join(' › ') || v.divisionCode : t('cell.empty')),
        h('dt', {}, t('common.asOf')), h('dd', {}, v.asOf ?? t('household.asOfLatest')),
        h('dt', {}, t('household.status')), h('dd', { id: 'household-status', dataset: { status: v.status } }, t(`status.${v.status}`)),
        h('dt', {}, t('household.openConcerns')), h('dd', {}, v.openLaborConcerns.length ? v.openLaborConcerns.join(', ') : t('common.none'))),
      h('p', { class: broken ? 'error' : 'ok', id: 'chain-status', role: broken ? 'alert' : undefined }, broken ? t('household.chainBroken', { count: broken }) : t('household.chainOk')),
      h('p', { class: refused ? 'error' : 'ok', id: 'rules-status', role: refused ? 'alert' : undefined }, refused ? t('household.rulesBroken', { count: refused }) : t('household.rulesOk')),
      ...(v.anomalies.length === 0 ? [] : [
        h('h3', {}, t('household.anomalies')),
        h('div', { class: 'table-wrap', id: 'household-anomalies' }, table([
          { label: t('col.position'), cell: (a) => String(a.position), class: 'num' },
          { label: t('col.kind'), cell: (a) => a.kind },
          { label: t('col.detail'), cell: (a) => a.detail },
        ], v.anomalies, { caption: t('household.anomalies') })),
      ]),
      h('h3', {}, t('household.members')),
      h('div', { class: 'table-wrap' }, table([
        { label: t('col.memberId'), cell: (m) => m.memberId },
        { label: t('col.birthYear'), cell: (m) => String(m.birthYear), class: 'num' },
        { label: t('col.sex'), cell: (m) => (m.sex ? t(`sex.${m.sex}`) : t('cell.empty')) },
        { label: t('col.laborCapacity'), cell: (m) => (m.laborCapacity ? t(`capacity.${m.laborCapacity}`) : t('cell.empty')) },
        { label: t('col.willing'), cell: (m) => yesNo(m.willing) },
        { label: t('col.eligible'), cell: (m) => yesNo(m.eligible) },
        { label: t('col.employed'), cell: (m) => yesNo(m.employed) },
        { label: t('col.removed'), cell: (m) => yesNo(m.removed) },
      ], v.members, { caption: t('household.members') })),
      h('h3', {}, t('household.events'), ` (${v.events.length})`),
      h('div', { class: 'table-wrap' }, table([
        { label: t('col.position'), cell: (e) => String(e.position), class: 'num' },
        { label: t('col.occurredOn'), cell: (e) => e.occurredOn },
        { label: t('col.type'), cell: (e) => h('span', { title: e.type }, t(`event.${e.type}`)) },
        { label: t('col.actor'), cell: (e) => e.actor },
        { label: t('col.recordedAt'), cell: (e) => e.recordedAt },
        { label: t('col.note'), cell: (e) => e.note ?? '' },
        { label: t('col.hash'), cell: (e) => h('span', { class: e.hashOk ? 'hash-ok' : 'hash-broken' }, e.hashOk ? `✓ ${t('household.hashOk')}` : `✗ ${t('household.hashBroken')}`) },
        { label: t('col.data'), cell: (e) => h('details', {}, h('summary', {}, t('household.details')), h('pre', {}, JSON.stringify(e.data, null, 2))) },
      ], v.events, { rowClass: (e) => (e.hashOk ? '' : 'broken'), caption: t('household.events') })),
      // The state above reads each event as corrected, whatever the correction's date: the ones dated after the as-of date are not in the timeline, so they are shown here.
      ...(v.laterCorrections.length === 0 ? [] : [
        h('h3', {}, t('household.laterCorrections', { date: v.asOf })),
        h('div', { class: 'table-wrap', id: 'household-later-corrections' }, table([
          { label: t('col.position'), cell: (c) => String(c.position), class: 'num' },
          { label: t('col.occurredOn'), cell: (c) => c.occurredOn },
          { label: t('col.recordedAt'), cell: (c) => c.recordedAt },
          { label: t('col.actor'), cell: (c) => c.actor },
          { label: t('col.corrects'), cell: (c) => h('span', { title: c.correctedType }, `${t(`event.${c.correctedType}`)} (${c.correctedPosition})`) },
          { label: t('col.data'), cell: (c) => h('details', {}, h('summary', {}, Object.keys(c.correction).join(', ')), h('pre', {}, JSON.stringify(c.correction, null, 2))) },
          { label: t('col.reason'), cell: (c) => c.reason },
        ], v.laterCorrections, { caption: t('household.laterCorrections', { date: v.asOf }) })),
      ]));
  });
  return { refresh };
};
