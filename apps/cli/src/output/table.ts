/** Plain-text tables for people; machines get --json. */
export const renderTable = (headers: readonly string[], rows: readonly (readonly unknown[])[]): string => {
  const cells = rows.map((r) => r.map((c) => (c === null || c === undefined ? '—' : String(c))));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? '').length)));
  const isNumeric = headers.map((_, i) => cells.every((r) => /^-?[\d.]*%?$|^—$/.test(r[i] ?? '')));
  const line = (r: readonly string[]) =>
    r.map((c, i) => (isNumeric[i] ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
};
