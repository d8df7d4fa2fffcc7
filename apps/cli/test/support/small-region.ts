/** A region of one village, and lines of an import file on it: the import specs on a store with a small append limit. */
export const divisions = [
  { code: 'R', name: 'Region', parentCode: null, level: 'region' },
  { code: 'V1', name: 'Village', parentCode: 'R', level: 'village' },
];

export const register = (id: string): string =>
  JSON.stringify({ type: 'RegisterHousehold', householdId: id, on: '2016-01-10', divisionCode: 'V1', members: [{ memberId: 'm1', birthYear: 1980 }] });

export const apply = (id: string, on: string): string => JSON.stringify({ type: 'ApplyForIdentification', householdId: id, on });
