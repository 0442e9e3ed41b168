import type { PhotoDraft } from './outbox';

/** The server takes at most 5 MB; a phone photo is scaled down well below that before it is queued. */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
export const MAX_PHOTO_EDGE = 1600;
const ACCEPTED = new Set(['image/jpeg', 'image/png', 'image/webp']);

export class PhotoError extends Error {
  constructor(readonly reason: 'notImage' | 'tooLarge') {
    super(`photo refused: ${reason}`);
    this.name = 'PhotoError';
  }
}

/**
 * A photo from the camera or gallery, as the outbox keeps it: re-encoded as JPEG with its long
 * edge at most 1600 px (a 12-megapixel shot shrinks to a few hundred KB, which matters on one
 * bar of signal). Where the browser cannot decode it, an accepted type under 5 MB goes as is.
 */
export async function preparePhoto(file: Blob): Promise<PhotoDraft> {
  if (!file.type.startsWith('image/')) throw new PhotoError('notImage');
  const scaled = await scaleDown(file).catch(() => null);
  if (scaled) return { contentType: 'image/jpeg', bytes: await scaled.arrayBuffer() };
  if (!ACCEPTED.has(file.type)) throw new PhotoError('notImage');
  if (file.size > MAX_PHOTO_BYTES) throw new PhotoError('tooLarge');
  return { contentType: file.type, bytes: await file.arrayBuffer() };
}

async function scaleDown(file: Blob): Promise<Blob | null> {
  if (typeof createImageBitmap !== 'function' || typeof document === 'undefined') return null;
  const bitmap = await createImageBitmap(file);
  try {
    const scale = Math.min(1, MAX_PHOTO_EDGE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    const context = canvas.getContext('2d');
    if (!context) return null;
    context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.8));
    return blob && blob.size <= MAX_PHOTO_BYTES ? blob : null;
  } finally {
    bitmap.close();
  }
}
