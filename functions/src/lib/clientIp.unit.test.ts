import { describe, expect, it } from 'vitest';
import { clientIp } from './clientIp.ts';

describe('clientIp', () => {
  it('believes the entry the trusted proxy appended, not what the client wrote before it', () => {
    expect(clientIp('6.6.6.6, 203.0.113.7', '10.0.0.1', 1)).toBe('203.0.113.7');
    expect(clientIp('203.0.113.7', '10.0.0.1', 1)).toBe('203.0.113.7');
  });

  it('skips one more entry per extra trusted proxy', () => {
    expect(clientIp('6.6.6.6, 203.0.113.7, 130.211.0.1', '10.0.0.1', 2)).toBe('203.0.113.7');
  });

  it('reads repeated headers as one list', () => {
    expect(clientIp(['6.6.6.6', '198.51.100.2 , 203.0.113.7'], undefined, 1)).toBe('203.0.113.7');
  });

  it('falls back to the socket address when the header is missing or shorter than the trusted hops', () => {
    expect(clientIp(undefined, '10.0.0.1', 1)).toBe('10.0.0.1');
    expect(clientIp(' , ', '10.0.0.1', 1)).toBe('10.0.0.1');
    expect(clientIp('203.0.113.7', '10.0.0.1', 2)).toBe('10.0.0.1');
    expect(clientIp(undefined, undefined, 1)).toBe('unknown');
  });
});
