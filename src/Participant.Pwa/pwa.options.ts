import type { VitePWAOptions } from 'vite-plugin-pwa';

/** Requests the service worker must leave to the network: the REST API and the SignalR hub. */
export const networkOnlyPaths: readonly RegExp[] = [/^\/api(\/|$)/, /^\/hubs(\/|$)/];

export const iconSizes = [192, 512] as const;

/**
 * Precache the app shell only. No runtimeCaching entry exists, so the worker never caches
 * anything it was not built with; the denylist keeps /api and /hubs navigations off the
 * index.html fallback.
 */
export const pwaOptions: Partial<VitePWAOptions> = {
  strategies: 'generateSW',
  registerType: 'autoUpdate',
  injectRegister: false,
  // The glob below already precaches the icons; listing them again would duplicate entries.
  includeManifestIcons: false,
  manifest: {
    name: 'ScenarioEngine',
    short_name: 'ScenarioEngine',
    description: 'Live training drill messages',
    start_url: '/app/',
    scope: '/app/',
    display: 'standalone',
    orientation: 'portrait',
    background_color: '#0b1b33',
    theme_color: '#0b1b33',
    icons: [
      { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
      ...iconSizes.map((size) => ({
        src: `icons/icon-${size}.png`,
        sizes: `${size}x${size}`,
        type: 'image/png',
        purpose: 'any',
      })),
      { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  },
  workbox: {
    globPatterns: ['**/*.{js,css,html,svg,png,json}'],
    navigateFallback: '/app/index.html',
    navigateFallbackDenylist: [...networkOnlyPaths],
    cleanupOutdatedCaches: true,
    clientsClaim: true,
    skipWaiting: true,
    runtimeCaching: [],
  },
};
