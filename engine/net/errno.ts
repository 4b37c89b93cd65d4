// errno names the network layer reports and their strerror() texts (glibc).
const STRERROR: Record<string, string> = {
  EPERM: 'Operation not permitted',
  ENETUNREACH: 'Network is unreachable',
  EHOSTUNREACH: 'No route to host',
  EINVAL: 'Invalid argument',
  EACCES: 'Permission denied',
  EMSGSIZE: 'Message too long',
  EADDRNOTAVAIL: 'Cannot assign requested address',
  ECONNREFUSED: 'Connection refused',
  ETIMEDOUT: 'Connection timed out',
  EHOSTDOWN: 'Host is down',
  ENOPROTOOPT: 'Protocol not available',
  EOPNOTSUPP: 'Operation not supported',
  ENONET: 'Machine is not on the network',
  EPROTO: 'Protocol error',
};

export function strerror(errno: string): string {
  return STRERROR[errno] ?? errno;
}
