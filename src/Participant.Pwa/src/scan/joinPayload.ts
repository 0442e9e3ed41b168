import { tidyCode } from '../model';

const CODE = /^[0-9A-Z]{4}-?[0-9A-Z]{4}$/;

/**
 * The join code in what a QR code says. Accepted: the bare code ("K7QM2XPA", "K7QM-2XPA"), or
 * a link to the app that carries it as `?code=` or `#join=` (so a phone's own camera app can open
 * the link, and this app's scanner reads the same code). Anything else is not a join code.
 */
export function joinCodeFromQr(text: string): string | null {
  const trimmed = text.trim();
  if (CODE.test(trimmed.toUpperCase())) return tidyCode(trimmed);
  try {
    const url = new URL(trimmed);
    const fromHash = /(?:^#|&)(?:join|code)=([^&]+)/.exec(url.hash)?.[1];
    const raw = url.searchParams.get('code') ?? (fromHash ? decodeURIComponent(fromHash) : null);
    return raw && CODE.test(raw.toUpperCase().trim()) ? tidyCode(raw) : null;
  } catch {
    return null;
  }
}
