import { describe, expect, it } from 'vitest';
import { staleSearchKey } from './searchKey.ts';

describe('staleSearchKey', () => {
  it('names the key a renamed profile needs', () => {
    expect(staleSearchKey({ displayName: 'Bartholomew Quill', displayNameLower: 'ben' })).toBe('bartholomew quill');
    expect(staleSearchKey({ displayName: 'Ána', displayNameLower: undefined })).toBe('ána');
  });

  it('asks for nothing when the key already matches, so its own write ends the chain', () => {
    expect(staleSearchKey({ displayName: 'Ana Gómez', displayNameLower: 'ana gómez' })).toBeNull();
  });

  it('leaves alone what is not a profile with a name', () => {
    expect(staleSearchKey(undefined)).toBeNull();
    expect(staleSearchKey({ displayName: 42, displayNameLower: 'x' })).toBeNull();
  });
});
