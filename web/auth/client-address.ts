import { BlockList, isIP } from 'node:net';

/** The reverse proxies TRUSTED_PROXIES names: addresses, or CIDR ranges such as 10.0.0.0/8. */
export function trustedProxies(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', bits] = entry.split('/');
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return list;
}

/** An address as one form: `::ffff:192.0.2.1` (IPv4 on a dual-stack socket) is 192.0.2.1. */
function normalise(address: string | undefined): string | undefined {
  const trimmed = address?.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  return trimmed && isIP(trimmed) ? trimmed.toLowerCase() : undefined;
}

const isTrusted = (address: string, trusted: BlockList) =>
  trusted.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');

/**
 * Where a request came from. The socket's peer, unless that is a trusted proxy: then walk
 * X-Forwarded-For from its right-hand end (each proxy appends the address it saw) past any
 * other trusted proxies, to the first address that is not one. Anything left of that was
 * written by the client and is ignored, as is the header from a peer that is not trusted; a
 * malformed entry stops the walk at the proxy that passed it on.
 */
export function clientAddress(peer: string | undefined, forwardedFor: string | undefined, trusted: BlockList): string {
  let address = normalise(peer);
  if (!address) return 'unknown';
  const hops = forwardedFor?.split(',') ?? [];
  while (isTrusted(address, trusted) && hops.length > 0) {
    const next = normalise(hops.pop());
    if (!next) break;
    address = next;
  }
  return address;
}
