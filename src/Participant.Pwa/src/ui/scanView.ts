import type { AppState } from '../app';
import { evidenceCodeFromText } from '../evidence';
import { localize, t } from '../i18n';
import type { StoredScan } from '../store';
import { h, replaceChildren, type View } from './dom';
import { messageHref } from './inboxView';
import { canScan } from './joinView';

/** What a scan says to the team: waiting to go, or the server's answer. */
export function scanResultText(scan: StoredScan, state: Pick<AppState, 'session'>): string {
  const receipt = scan.receipt;
  if (!receipt) return t('scan.result.waiting');
  const item = localize(receipt.item ?? undefined, state.session?.defaultLanguage);
  return t(`scan.result.${receipt.outcome}`, { item });
}

function scanItem(scan: StoredScan, state: AppState, latest: boolean): HTMLElement {
  const sequence = scan.receipt?.sequence;
  const entry = sequence == null ? undefined : state.messages.find((m) => m.sequence === sequence);
  return h(
    'li',
    {
      class: latest ? 'scan-result latest' : 'scan-result',
      'data-testid': latest ? 'scan-latest' : 'scan-item',
      'data-outcome': scan.receipt?.outcome ?? 'waiting',
    },
    h('span', {}, scanResultText(scan, state)),
    entry ? h('a', { href: messageHref(entry), 'data-testid': 'scan-open-entry' }, t('scan.openEntry')) : null,
  );
}

/**
 * Teams: the evidence scanner. "Scan" opens the camera (the scanner and, where the browser has no
 * BarcodeDetector, the QR decoder are fetched on the first tap); a label read is queued like one
 * opened from the phone's own camera. Below, what this phone's scans gave, newest first.
 */
export function scanView(scan: (code: string) => Promise<unknown>, notice: () => string | null): View<AppState> {
  const video = h('video', { class: 'scan-video', muted: true, playsinline: true, 'aria-hidden': 'true' });
  const status = h('p', { class: 'hint', role: 'status', 'data-testid': 'evidence-scan-status' });
  const results = h('ul', { class: 'scan-results', 'data-testid': 'scan-results', 'aria-live': 'polite' });
  const empty = h('p', { class: 'empty' }, t('scan.empty'));
  let stopScan: (() => void) | null = null;
  const cancel = h(
    'button',
    { type: 'button', class: 'secondary', 'data-testid': 'evidence-scan-cancel', onclick: () => close() },
    t('scan.cancel'),
  );
  const panel = h('div', { class: 'scan-panel', hidden: true }, video, cancel);
  const open = h(
    'button',
    { type: 'button', 'data-testid': 'evidence-scan', 'aria-expanded': 'false', onclick: () => void start() },
    t('scan.button'),
  );
  const close = (message?: string): void => {
    stopScan?.();
    stopScan = null;
    panel.hidden = true;
    status.textContent = message ?? '';
    open.setAttribute('aria-expanded', 'false');
    open.disabled = false;
  };
  const start = async (): Promise<void> => {
    open.disabled = true;
    open.setAttribute('aria-expanded', 'true');
    panel.hidden = false;
    status.textContent = t('scan.starting');
    try {
      const { startScan } = await import('../scan/scanner');
      const session = await startScan(video, evidenceCodeFromText);
      stopScan = session.stop;
      panel.dataset.decoder = session.decoder;
      status.textContent = t('scan.aim');
      const code = await session.code;
      close();
      await scan(code);
    } catch (error) {
      const reason = (error as { reason?: string }).reason ?? 'failed';
      close(t(`join.scan.error.${reason}`));
    }
  };
  const noCamera = h('p', { class: 'hint' }, t('scan.noCamera'));
  const el = h(
    'section',
    { class: 'screen', 'data-testid': 'scan-screen' },
    h('h1', {}, t('scan.heading')),
    h('p', { class: 'hint' }, t('scan.intro')),
    canScan() ? h('div', { class: 'scan' }, open, panel) : noCamera,
    status,
    results,
    empty,
  );
  return {
    el,
    update(state) {
      const said = notice();
      if (said) status.textContent = said;
      const newest = [...state.scans].reverse();
      replaceChildren(results, ...newest.map((s, i) => scanItem(s, state, i === 0)));
      empty.hidden = newest.length > 0;
    },
  };
}
