import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jarManifest, zipStored } from './zip.mjs';

describe('launcher jar generation', () => {
  it('wraps manifest lines at 72 bytes with continuation spaces', () => {
    const manifest = jarManifest({ 'Class-Path': `file:/${'x'.repeat(150)}.jar` }).toString('utf8');
    const lines = manifest.split('\r\n').filter(Boolean);
    expect(lines.every((line) => Buffer.byteLength(line) <= 72)).toBe(true);
    expect(lines.slice(1).every((line) => line.startsWith(' '))).toBe(true);
    expect(lines.map((line, i) => (i === 0 ? line : line.slice(1))).join('')).toBe(`Class-Path: file:/${'x'.repeat(150)}.jar`);
  });

  it('writes a zip that unzip reads back byte for byte', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'natter-zip-'));
    const file = path.join(dir, 'test.jar');
    const data = Buffer.from('Manifest-Version: 1.0\r\n\r\n');
    writeFileSync(file, zipStored([{ name: 'META-INF/MANIFEST.MF', data }]));
    const extracted = execFileSync('python3', ['-c', 'import sys,zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read("META-INF/MANIFEST.MF"))', file]);
    expect(extracted.equals(data)).toBe(true);
  });
});
