import { hash } from 'node:crypto';

/**
 * A line without its own commandId gets one derived from its content and line number,
 * so that importing the same file again appends nothing twice, while two identical
 * lines at different places in a file stay two commands.
 */
export const lineCommandId = (line: string, lineNumber: number): string =>
  `line:${hash('sha256', `${lineNumber}\n${line}`, 'hex').slice(0, 40)}`;
