import { EXIT } from '../src/exit-codes';
import { describeSystemFailure } from '../src/system-failure';

const failing = (code: string, path?: string) => Object.assign(new Error(`failed: ${code}`), { code, ...(path ? { path } : {}) });

describe('describeSystemFailure: the machine failed, in one line', () => {
  it.each([
    ['SQLITE_FULL', 'the disk is full', EXIT.systemFailure],
    ['ENOSPC', 'the disk is full', EXIT.systemFailure],
    ['SQLITE_IOERR_WRITE', 'I/O error', EXIT.systemFailure],
    ['SQLITE_BUSY', 'locked by another process', EXIT.systemFailure],
    ['SQLITE_READONLY', 'no permission to write', EXIT.systemFailure],
    ['SQLITE_NOTADB', 'not a Hearth SQLite database', EXIT.usage],
    ['SQLITE_CORRUPT', "the store's file is damaged", EXIT.usage],
    ['SQLITE_CANTOPEN', 'cannot be opened', EXIT.usage],
  ])('%s → "%s", exit %i', (code, words, exitCode) => {
    const f = describeSystemFailure(failing(code));
    expect(f?.message).toContain(words);
    expect(f?.exitCode).toBe(exitCode);
    expect(f?.message).not.toContain('\n');
  });
  it('says what to do, and that running again is safe', () => {
    expect(describeSystemFailure(failing('ENOSPC', '/data/h.db'))?.message).toBe('the disk is full (/data/h.db): free some space, then run the same command again');
  });
  it('looks through an error that wraps the machine\'s own', () => {
    expect(describeSystemFailure(new Error('import stopped', { cause: failing('SQLITE_FULL') }))?.exitCode).toBe(EXIT.systemFailure);
  });
  it('leaves anything else to the caller (a bug is not a disk problem)', () => {
    expect(describeSystemFailure(new TypeError('x is undefined'))).toBeUndefined();
    expect(describeSystemFailure(failing('ERR_SOMETHING_ELSE'))).toBeUndefined();
  });
});
