// Loaded only when someone taps "Scan QR code": nothing here is part of the first load.
import { joinCodeFromQr } from './joinPayload';

export type ScanFailure = 'denied' | 'noCamera' | 'insecure' | 'failed';

export class ScanError extends Error {
  constructor(readonly reason: ScanFailure) {
    super(`QR scan: ${reason}`);
    this.name = 'ScanError';
  }
}

export interface ScanSession {
  /** Resolves with what `read` found in the first QR code it accepts (by default a join code). */
  readonly code: Promise<string>;
  /** Which decoder runs: the browser's own BarcodeDetector, or the bundled `qr` library. */
  readonly decoder: 'native' | 'library';
  stop(): void;
}

type Decode = (frame: HTMLVideoElement) => Promise<string[]>;

interface NativeBarcodeDetector {
  detect(source: CanvasImageSource): Promise<{ rawValue: string }[]>;
}
interface NativeBarcodeDetectorClass {
  new (options: { formats: string[] }): NativeBarcodeDetector;
  getSupportedFormats(): Promise<string[]>;
}

const FRAME_GAP_MS = 150;
const MAX_DECODE_EDGE = 720;

/** The browser's BarcodeDetector when it reads QR codes (Chrome on Android, Safari 17+ on macOS). */
async function nativeDecoder(): Promise<Decode | null> {
  const Detector = (globalThis as { BarcodeDetector?: NativeBarcodeDetectorClass }).BarcodeDetector;
  if (!Detector) return null;
  try {
    if (!(await Detector.getSupportedFormats()).includes('qr_code')) return null;
    const detector = new Detector({ formats: ['qr_code'] });
    return async (frame) => (await detector.detect(frame)).map((b) => b.rawValue);
  } catch {
    return null;
  }
}

/** Everywhere else: paulmillr's `qr` decoder (pure JS, no WebAssembly), fetched only now. */
async function libraryDecoder(): Promise<Decode> {
  const { default: decodeQR } = await import('qr/decode.js');
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new ScanError('failed');
  return async (frame) => {
    const scale = Math.min(1, MAX_DECODE_EDGE / Math.max(frame.videoWidth, frame.videoHeight));
    canvas.width = Math.round(frame.videoWidth * scale);
    canvas.height = Math.round(frame.videoHeight * scale);
    context.drawImage(frame, 0, 0, canvas.width, canvas.height);
    const image = context.getImageData(0, 0, canvas.width, canvas.height);
    try {
      return [decodeQR({ width: image.width, height: image.height, data: image.data })];
    } catch {
      return []; // no QR code in this frame
    }
  };
}

function cameraError(error: unknown): ScanError {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return new ScanError('denied');
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'NotReadableError')
    return new ScanError('noCamera');
  return new ScanError('failed');
}

/**
 * Opens the back camera into `video` and reads frames until `read` accepts a QR code's text (a
 * join code by default; an evidence label's code for the team's scanner) or `stop()`.
 */
export async function startScan(
  video: HTMLVideoElement,
  read: (text: string) => string | null = joinCodeFromQr,
): Promise<ScanSession> {
  if (!globalThis.isSecureContext) throw new ScanError('insecure');
  if (!navigator.mediaDevices?.getUserMedia) throw new ScanError('noCamera');
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      video: { facingMode: { ideal: 'environment' } },
      audio: false,
    });
  } catch (error) {
    throw cameraError(error);
  }
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = (): void => {
    stopped = true;
    clearTimeout(timer);
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  };
  try {
    video.srcObject = stream;
    video.muted = true;
    video.playsInline = true;
    await video.play();
  } catch (error) {
    stop();
    throw cameraError(error);
  }
  const native = await nativeDecoder();
  let decode: Decode;
  try {
    decode = native ?? (await libraryDecoder());
  } catch (error) {
    stop();
    throw error instanceof ScanError ? error : new ScanError('failed');
  }

  const code = new Promise<string>((resolve) => {
    const tick = async (): Promise<void> => {
      if (stopped) return;
      if (video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA && video.videoWidth > 0) {
        for (const text of await decode(video).catch(() => [])) {
          const found = read(text);
          if (found && !stopped) {
            stop();
            resolve(found);
            return;
          }
        }
      }
      if (!stopped) timer = setTimeout(() => void tick(), FRAME_GAP_MS);
    };
    void tick();
  });
  return { code, decoder: native ? 'native' : 'library', stop };
}
