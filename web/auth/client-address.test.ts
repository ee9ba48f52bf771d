import { describe, expect, it } from 'vitest';
import { clientAddress, trustedProxies } from './client-address';

describe('the client address behind trusted proxies', () => {
  const trusted = trustedProxies(['10.0.0.0/8', '192.0.2.10', 'fd00::/8']);

  it('walks X-Forwarded-For from the right past every trusted proxy, and no further', () => {
    expect(clientAddress('10.0.0.1', '203.0.113.5, 192.0.2.10, 10.9.9.9', trusted)).toBe('203.0.113.5');
    expect(clientAddress('10.0.0.1', '198.51.100.1, 203.0.113.5', trusted)).toBe('203.0.113.5');
    expect(clientAddress('fd00::1', '2001:DB8::7', trusted)).toBe('2001:db8::7');
  });

  it('ignores the header from a peer that is not trusted, and a malformed entry stops the walk', () => {
    expect(clientAddress('203.0.113.5', '10.0.0.1', trusted)).toBe('203.0.113.5');
    expect(clientAddress('10.0.0.1', '203.0.113.5, not-an-address', trusted)).toBe('10.0.0.1');
    expect(clientAddress('10.0.0.1', undefined, trusted)).toBe('10.0.0.1');
    expect(clientAddress(undefined, '203.0.113.5', trusted)).toBe('unknown');
  });

  it('trusts nobody by default', () => {
    expect(clientAddress('10.0.0.1', '203.0.113.5', trustedProxies([]))).toBe('10.0.0.1');
  });
});
