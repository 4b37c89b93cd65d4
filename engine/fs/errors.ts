// File-system errors as errno codes, with the strerror(3) texts tools print after a colon.

export type Errno =
  | 'ENOENT'
  | 'EEXIST'
  | 'EISDIR'
  | 'ENOTDIR'
  | 'ENOTEMPTY'
  | 'EACCES'
  | 'EINVAL'
  | 'ELOOP'
  | 'EPERM';

export const STRERROR: Record<Errno, string> = {
  ENOENT: 'No such file or directory',
  EEXIST: 'File exists',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  ENOTEMPTY: 'Directory not empty',
  EACCES: 'Permission denied',
  EINVAL: 'Invalid argument',
  ELOOP: 'Too many levels of symbolic links',
  EPERM: 'Operation not permitted',
};

export class FsError extends Error {
  readonly code: Errno;
  readonly path: string;
  constructor(code: Errno, path: string) {
    super(STRERROR[code]);
    this.name = 'FsError';
    this.code = code;
    this.path = path;
  }
}
