import { deflateSync } from 'node:zlib';
import type { Plugin } from 'vite';

// PNG icons are drawn at build time so the repository carries no binary blobs.

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const body = Buffer.concat([head.subarray(4), data]);
  const tail = Buffer.alloc(4);
  tail.writeUInt32BE(crc32(body), 0);
  return Buffer.concat([head.subarray(0, 4), body, tail]);
}

export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

type Rgb = readonly [number, number, number];
const NAVY: Rgb = [0x0b, 0x1b, 0x33];
const AMBER: Rgb = [0xff, 0xc4, 0x3d];

/** A target mark (ring + dot) on navy, the same drawing as public/icon.svg. */
export function drawIcon(size: number, maskable: boolean): Uint8Array {
  const px = new Uint8Array(size * size * 4);
  const c = size / 2;
  // Maskable icons may be cropped to a circle of 80 % diameter: keep the mark inside it.
  const scale = maskable ? 0.62 : 0.8;
  const ringOuter = (size / 2) * scale;
  const ringInner = ringOuter * 0.72;
  const dot = ringOuter * 0.34;
  const corner = maskable ? 0 : size * 0.18;
  const samples = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let bg = 0;
      let fg = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const fx = x + (sx + 0.5) / samples;
          const fy = y + (sy + 0.5) / samples;
          if (!insideRoundedSquare(fx, fy, size, corner)) continue;
          bg++;
          const d = Math.hypot(fx - c, fy - c);
          if ((d <= ringOuter && d >= ringInner) || d <= dot) fg++;
        }
      }
      const n = samples * samples;
      const i = (y * size + x) * 4;
      const a = bg / n;
      const f = bg === 0 ? 0 : fg / bg;
      px[i] = Math.round(NAVY[0] * (1 - f) + AMBER[0] * f);
      px[i + 1] = Math.round(NAVY[1] * (1 - f) + AMBER[1] * f);
      px[i + 2] = Math.round(NAVY[2] * (1 - f) + AMBER[2] * f);
      px[i + 3] = Math.round(a * 255);
    }
  }
  return px;
}

function insideRoundedSquare(x: number, y: number, size: number, r: number): boolean {
  if (r <= 0) return true;
  const cx = Math.min(Math.max(x, r), size - r);
  const cy = Math.min(Math.max(y, r), size - r);
  return Math.hypot(x - cx, y - cy) <= r;
}

export function iconFiles(sizes: readonly number[]): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const size of sizes) files.set(`icons/icon-${size}.png`, encodePng(size, size, drawIcon(size, false)));
  files.set('icons/maskable-512.png', encodePng(512, 512, drawIcon(512, true)));
  files.set('icons/apple-touch-icon.png', encodePng(180, 180, drawIcon(180, true)));
  return files;
}

/** Emits the PNG icons into the build and serves them in dev. */
export function pngIcons(sizes: readonly number[]): Plugin {
  let files: Map<string, Buffer> | undefined;
  let base = '/';
  const get = (): Map<string, Buffer> => (files ??= iconFiles(sizes));
  return {
    name: 'scenarioengine-png-icons',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml() {
      return [
        {
          tag: 'link',
          attrs: { rel: 'apple-touch-icon', href: `${base}icons/apple-touch-icon.png` },
          injectTo: 'head',
        },
      ];
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = req.url?.startsWith(base) ? req.url.slice(base.length).split('?')[0] : undefined;
        const png = path ? get().get(path) : undefined;
        if (!png) return next();
        res.setHeader('Content-Type', 'image/png');
        res.end(png);
      });
    },
    generateBundle() {
      for (const [fileName, source] of get()) this.emitFile({ type: 'asset', fileName, source });
    },
  };
}
