import { describe, expect, it } from 'vitest';
import { MAX_FILE_NAME_LENGTH } from '@natter/model';
import { mediaKindOf, safeFileName } from './storage.ts';

const MiB = 1024 * 1024;

describe('the message kind a file is sent as', () => {
  it.each([
    ['a JPEG photo', { type: 'image/jpeg', size: MiB }, 'image'],
    ['an MP4 clip', { type: 'video/mp4', size: 10 * MiB }, 'video'],
    ['a voice note', { type: 'audio/ogg', size: MiB }, 'audio'],
    ['a PDF', { type: 'application/pdf', size: MiB }, 'file'],
    ['an image too big to be a photo (sent as a file)', { type: 'image/png', size: 17 * MiB }, 'file'],
    ['an SVG (not a photo type)', { type: 'image/svg+xml', size: 1000 }, 'file'],
  ] as const)('%s', (_name, file, kind) => {
    expect(mediaKindOf(file)).toBe(kind);
  });
});

describe('file names in storage paths', () => {
  it('replaces path separators and wildcard characters, and bounds the length', () => {
    expect(safeFileName('../etc/passwd')).toBe('.._etc_passwd');
    expect(safeFileName('what?#[x]*.png')).toBe('what___x__.png');
    expect(safeFileName('   ')).toBe('file');
    expect(safeFileName(`${'a'.repeat(300)}.txt`)).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(safeFileName(`${'a'.repeat(300)}.txt`).endsWith('.txt')).toBe(true);
  });
});
