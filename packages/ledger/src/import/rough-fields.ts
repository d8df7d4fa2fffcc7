const peek = (value: unknown, key: string): string | null => {
  if (typeof value !== 'object' || value === null) return null;
  const v = (value as Record<string, unknown>)[key];
  return typeof v === 'string' && v.length <= 64 ? v : null;
};

/** What a line that is no command still tells of itself, for its rejection: its household and type when it is JSON that names them (64 characters at most, so a checkpoint stays small). */
export const roughFields = (line: string): { householdId: string | null; type: string | null } => {
  try {
    const v: unknown = JSON.parse(line);
    return { householdId: peek(v, 'householdId'), type: peek(v, 'type') };
  } catch {
    return { householdId: null, type: null };
  }
};
