import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { iconFiles } from './icons.ts';

describe('generated icons', () => {
  // Drawing and deflating three icons is pure CPU: on two cores shared with a build it outlasts
  // Vitest's 5 s default, which says nothing about the icons.
  it('are valid PNGs of the stated size and stay small', () => {
    for (const [name, png] of iconFiles([192, 512])) {
      expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
      const width = png.readUInt32BE(16);
      expect(name).toContain(width === 180 ? 'apple' : String(width));
      const idatLength = png.readUInt32BE(33);
      const raw = inflateSync(png.subarray(41, 41 + idatLength));
      expect(raw.length).toBe((width * 4 + 1) * width);
      expect(png.length).toBeLessThan(32 * 1024);
    }
  }, 30_000);
});
