import { StoreUnavailableError } from '@hearth/event-store';
import { describeMachineFailure, describePathProblem, isDiskFull } from '../src';

const failing = (code: string, path?: string) => Object.assign(new Error(`failed: ${code}`), { code, ...(path ? { path } : {}) });

describe('describeMachineFailure: what went wrong with the machine, and what to do', () => {
  it('names the setting the store was given in, for a file that is no store', () => {
    expect(describeMachineFailure(failing('SQLITE_NOTADB'), 'HEARTH_STORE')).toEqual({ problem: 'the store is not a Hearth SQLite database, or is damaged', remedy: 'check the HEARTH_STORE path', usage: true });
    expect(describeMachineFailure(failing('SQLITE_CANTOPEN'))?.remedy).toBe('check that the --store path is a file in a directory you can write to');
  });

  it('says a file damaged inside is damaged, not a wrong path', () => {
    for (const code of ['SQLITE_CORRUPT', 'SQLITE_CORRUPT_INDEX'])
      expect(describeMachineFailure(failing(code, '/d/h.db'))).toEqual({ problem: "the store's file is damaged: SQLite found a corrupt page (/d/h.db)", remedy: 'restore the file from a backup (nothing was written to it)', usage: true });
  });

  it("says why a store's server is out of reach, and what to change, where the adapter could tell (decision 134)", () => {
    const told = new StoreUnavailableError('no answer', { reason: 'nothing listens on db:2113 (connection refused)' });
    expect(describeMachineFailure(told)).toEqual({ problem: "the store's server cannot be reached: nothing listens on db:2113 (connection refused)", remedy: 'check that it is running and that this machine can reach it', usage: false });
    const tls = new StoreUnavailableError('no answer', { reason: 'db:2113 accepts connections but completes no TLS handshake (x)', remedy: 'if the server runs without TLS, add tls=false to the URL' });
    expect(describeMachineFailure(tls)?.remedy).toBe('if the server runs without TLS, add tls=false to the URL');
    expect(describeMachineFailure(new StoreUnavailableError('no answer'))?.problem).toBe("the store's server cannot be reached");
  });

  it('says a lock held by another process is that, by the same rule as the read models\' retries (isBusyError)', () => {
    for (const code of ['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED']) {
      expect(describeMachineFailure(failing(code))).toEqual({ problem: 'the store is locked by another process', remedy: 'wait for it to finish', usage: false });
    }
  });

  it('looks through a wrapping error, and leaves a bug alone', () => {
    expect(describeMachineFailure(new Error('import stopped', { cause: failing('SQLITE_FULL', '/d/h.db') }))).toEqual({ problem: 'the disk is full (/d/h.db)', remedy: 'free some space', usage: false });
    expect(describeMachineFailure(new TypeError('x is undefined'))).toBeUndefined();
  });
});

describe('describePathProblem: why a path given cannot be read or written', () => {
  it('names path problems in words, and says what it does not know as the error does', () => {
    expect(describePathProblem(failing('EISDIR'))).toBe('it is a directory, not a file');
    expect(describePathProblem(failing('ENOTDIR'))).toBe('a part of the path is a file, not a directory');
    expect(describePathProblem(failing('EACCES'))).toBe('permission denied');
    expect(describePathProblem(failing('ERR_OTHER'))).toBe('failed: ERR_OTHER');
  });
});

describe('isDiskFull: one answer for the CLI and the service', () => {
  it('is a full disk, a quota, a page limit, and an I/O error SQLite reports for want of space; not any other I/O error', () => {
    expect(['SQLITE_FULL', 'ENOSPC', 'EDQUOT'].map((c) => isDiskFull(failing(c)))).toEqual([true, true, true]);
    const noSpace = Object.assign(new Error('disk I/O error: no space left on device'), { code: 'SQLITE_IOERR_WRITE' });
    expect(isDiskFull(noSpace)).toBe(true);
    expect(describeMachineFailure(noSpace)?.problem).toBe('the disk is full');
    expect(isDiskFull(failing('SQLITE_IOERR_WRITE'))).toBe(false);
    expect(describeMachineFailure(failing('SQLITE_IOERR_WRITE'))?.problem).toBe('the disk reported an I/O error');
  });
});
