import encodeQR from 'qr';
import decodeQR from 'qr/decode.js';
import { describe, expect, it } from 'vitest';
import { joinCodeFromQr } from './joinPayload';

describe('joinCodeFromQr', () => {
  it.each([
    ['K7QM2XPA', 'K7QM2XPA'],
    ['k7qm-2xpa', 'K7QM-2XPA'],
    [' K7QM2XPA \\n', 'K7QM2XPA'],
    ['https://drill.example/app/?code=K7QM2XPA', 'K7QM2XPA'],
    ['http://10.0.0.5:5080/app/#join=k7qm-2xpa', 'K7QM-2XPA'],
  ])('reads %j as %j', (text, code) => {
    expect(joinCodeFromQr(text.replace('\\n', '\n'))).toBe(code);
  });

  it.each([
    '',
    'hello world',
    'https://drill.example/app/',
    'https://example.com/?code=not-a-code!',
    'WIFI:S:drill;T:WPA;P:secret;;',
  ])('finds no code in %j', (text) => {
    expect(joinCodeFromQr(text)).toBeNull();
  });
});

describe('the bundled QR decoder', () => {
  it('reads a join link back from a rendered QR code (the fallback path without BarcodeDetector)', () => {
    const link = 'http://127.0.0.1:5080/app/?code=K7QM2XPA';
    const modules = encodeQR(link, 'raw', { ecc: 'medium' });
    const scale = 6;
    const quiet = 4;
    const size = (modules.length + 2 * quiet) * scale;
    const data = new Uint8ClampedArray(size * size * 4).fill(255);
    for (const [y, row] of modules.entries()) {
      for (const [x, dark] of row.entries()) {
        if (!dark) continue;
        for (let dy = 0; dy < scale; dy++)
          for (let dx = 0; dx < scale; dx++) {
            const at = (((y + quiet) * scale + dy) * size + (x + quiet) * scale + dx) * 4;
            data[at] = data[at + 1] = data[at + 2] = 0;
          }
      }
    }

    const text = decodeQR({ width: size, height: size, data });

    expect(joinCodeFromQr(text)).toBe('K7QM2XPA');
  });
});
