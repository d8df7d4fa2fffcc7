import { errorCodeOf } from '@hearth/event-store';

/** Why a path someone gave cannot be read or written, in words (the error's message for anything unknown). */
export const describePathProblem = (e: unknown): string => {
  switch (errorCodeOf(e)) {
    case 'ENOENT': return 'no such file or directory';
    case 'EISDIR': return 'it is a directory, not a file';
    case 'ENOTDIR': return 'a part of the path is a file, not a directory';
    case 'EEXIST': return 'it already exists as a file, not a directory';
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    case 'ENOSPC': return 'the disk is full';
    default: return (e as Error)?.message ?? String(e);
  }
};
