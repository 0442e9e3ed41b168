import { getLanguage } from './i18n';
import type { HelloRequest } from './types';

/** The Battery Status API, where the browser has it (Chrome on Android does; Safari and Firefox do not). */
interface BatteryManager extends EventTarget {
  readonly level: number;
  readonly charging: boolean;
}

export const APP_VERSION: string = __APP_VERSION__;
export const LOW_BATTERY = 0.2;

let battery: Promise<BatteryManager | null> | null = null;

function getBattery(): Promise<BatteryManager | null> {
  const nav = globalThis.navigator as Navigator & { getBattery?: () => Promise<BatteryManager> };
  battery ??= nav?.getBattery ? nav.getBattery().catch(() => null) : Promise.resolve(null);
  return battery;
}

/** What `Hello` tells the control room: app version, language, and battery where the browser says. */
export async function hello(): Promise<HelloRequest> {
  const request: HelloRequest = { appVersion: APP_VERSION, language: getLanguage() };
  const b = await getBattery();
  if (b && Number.isFinite(b.level)) {
    request.batteryLevel = Math.round(b.level * 100) / 100;
    request.batteryLow = b.level < LOW_BATTERY && !b.charging;
  }
  return request;
}

/**
 * Calls `changed` when the battery crosses a 10 % step, or starts or stops charging: enough for a
 * controller to see a phone running down, without a Hello every percent.
 */
export async function watchBattery(changed: () => void): Promise<void> {
  const b = await getBattery();
  if (!b) return;
  let step = Math.floor(b.level * 10);
  b.addEventListener('levelchange', () => {
    const now = Math.floor(b.level * 10);
    if (now !== step) {
      step = now;
      changed();
    }
  });
  b.addEventListener('chargingchange', changed);
}
