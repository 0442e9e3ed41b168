import { describe, expect, it } from 'vitest';
import { networkOnlyPaths, pwaOptions } from '../pwa.options.ts';

describe('service worker options', () => {
  const denied = (path: string) => (pwaOptions.workbox?.navigateFallbackDenylist ?? []).some((re) => re.test(path));

  it('keeps /api and /hubs away from the app-shell fallback', () => {
    expect(denied('/api/devices/join')).toBe(true);
    expect(denied('/hubs/device')).toBe(true);
    expect(denied('/hubs/device?id=1&access_token=x')).toBe(true);
    expect(denied('/app/')).toBe(false);
    expect(denied('/app/index.html')).toBe(false);
    expect(denied('/apiary')).toBe(false);
    expect(networkOnlyPaths.length).toBe(2);
  });

  it('caches nothing at run time: only the precached app shell', () => {
    expect(pwaOptions.strategies).toBe('generateSW');
    expect(pwaOptions.registerType).toBe('autoUpdate');
    expect(pwaOptions.workbox?.runtimeCaching ?? []).toEqual([]);
  });
});
