import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

function fakeBattery(level: number, charging: boolean) {
  const target = new EventTarget() as EventTarget & { level: number; charging: boolean };
  target.level = level;
  target.charging = charging;
  return target;
}

describe('hello', () => {
  it('reports version, language and a low battery that is not charging', async () => {
    vi.stubGlobal('navigator', { getBattery: async () => fakeBattery(0.123, false), languages: ['en'] });
    const { hello, APP_VERSION } = await import('./presence');

    expect(await hello()).toEqual({ appVersion: APP_VERSION, language: 'en', batteryLevel: 0.12, batteryLow: true });
    expect(APP_VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('leaves the battery out where the browser has no Battery API', async () => {
    vi.stubGlobal('navigator', { languages: ['en'] });
    const { hello } = await import('./presence');

    expect(Object.keys(await hello()).sort()).toEqual(['appVersion', 'language']);
  });

  it('asks for a new Hello only when the level crosses a 10 % step or charging changes', async () => {
    const battery = fakeBattery(0.55, false);
    vi.stubGlobal('navigator', { getBattery: async () => battery });
    const { watchBattery } = await import('./presence');
    const changed = vi.fn();
    await watchBattery(changed);

    battery.level = 0.52;
    battery.dispatchEvent(new Event('levelchange'));
    battery.level = 0.49;
    battery.dispatchEvent(new Event('levelchange'));
    battery.charging = true;
    battery.dispatchEvent(new Event('chargingchange'));

    expect(changed).toHaveBeenCalledTimes(2);
  });
});
