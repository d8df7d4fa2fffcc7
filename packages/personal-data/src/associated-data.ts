/**
 * What each ciphertext is bound to. GCM authenticates these bytes without storing them,
 * so a blob copied into another row (another member, another household, or a household
 * key swapped between households) fails to open instead of being read as someone else's.
 * JSON arrays make the encoding unambiguous whatever characters the ids hold.
 */
const CONTEXT = 'hearth-personal-data/v1';

export const keyCheckAad = (): Buffer => Buffer.from(JSON.stringify([CONTEXT, 'master-key-check']));

export const householdKeyAad = (householdId: string): Buffer =>
  Buffer.from(JSON.stringify([CONTEXT, 'household-key', householdId]));

export const memberRecordAad = (householdId: string, memberId: string): Buffer =>
  Buffer.from(JSON.stringify([CONTEXT, 'member-record', householdId, memberId]));
