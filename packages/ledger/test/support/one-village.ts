/** The smallest division tree a household can be registered in: a region of one village, `V1`. */
export const oneVillage = [
  { code: 'R', name: 'Region', parentCode: null, level: 'region' },
  { code: 'V1', name: 'Village', parentCode: 'R', level: 'village' },
];

/** An import line registering `id` in `V1` with one member, `extra` fields (a note, a commandId) added. */
export const registerLine = (id: string, on = '2016-01-10', extra: object = {}): string =>
  JSON.stringify({ type: 'RegisterHousehold', householdId: id, on, divisionCode: 'V1', members: [{ memberId: 'm1', birthYear: 1980 }], ...extra });
