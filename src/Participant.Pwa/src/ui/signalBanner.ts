import type { AppState } from '../app';
import { getLanguage, localize, t } from '../i18n';
import type { StoredSignal } from '../store';
import type { SignalKind } from '../types';
import { h, replaceChildren, type View } from './dom';
import { formatTime } from './format';
import { languageSelect } from './languageSelect';

/** A real emergency outranks STOP, which outranks ENDEX. */
const RANK: Record<SignalKind, number> = { realEmergency: 0, stop: 1, endex: 2 };

export function bySeverity(signals: readonly StoredSignal[]): StoredSignal[] {
  return [...signals].sort((a, b) => RANK[a.kind] - RANK[b.kind] || b.issuedAt.localeCompare(a.issuedAt));
}

/**
 * The full-screen banner for a signal not yet acknowledged, above everything (the rest of the
 * page is made inert meanwhile), and, once acknowledged, a strip that stays while the signal is
 * in force. `onBlocking` tells the shell whether the banner is covering the page.
 */
export function signalBanner(
  acknowledge: (signalId: string) => void,
  onBlocking: (blocking: boolean) => void,
): { banner: HTMLElement; strip: HTMLElement } & Pick<View<AppState>, 'update'> {
  const title = h('h1', { id: 'signal-title', class: 'signal-title', tabindex: '-1' });
  const note = h('p', { class: 'signal-note' });
  const text = h('p', { id: 'signal-message', class: 'signal-message', 'data-testid': 'signal-message' });
  const time = h('p', { class: 'signal-time' });
  const ack = h('button', { type: 'button', class: 'signal-ack', 'data-testid': 'signal-ack' });
  const banner = h(
    'div',
    {
      class: 'signal-banner',
      role: 'alertdialog',
      'aria-modal': 'true',
      'aria-labelledby': 'signal-title',
      'aria-describedby': 'signal-message',
      'data-testid': 'signal-banner',
      hidden: true,
    },
    // The rest of the page is inert under the banner, the menu's language choice with it: someone
    // who cannot read this signal in the phone's language must still be able to switch.
    h(
      'div',
      { class: 'signal-inner' },
      title,
      note,
      text,
      time,
      ack,
      languageSelect('signal-language', 'signal-language'),
    ),
  );
  const strip = h('div', { class: 'signal-strip', 'data-testid': 'signal-strip', role: 'status', hidden: true });
  let shownId: string | null = null;

  return {
    banner,
    strip,
    update(state) {
      const lang = state.session?.defaultLanguage;
      const ordered = bySeverity(state.signals);
      const open = ordered.find((s) => !s.acknowledged);
      if (open) {
        banner.hidden = false;
        banner.dataset.kind = open.kind;
        banner.dataset.signalId = open.signalId;
        title.textContent = t(`signal.${open.kind}.title`);
        note.textContent = t(`signal.${open.kind}.note`);
        text.textContent = localize(open.message, lang);
        text.hidden = !text.textContent;
        replaceChildren(time, t('signal.issuedAt', { time: formatTime(open.issuedAt, getLanguage()) }));
        ack.textContent = t('signal.acknowledge');
        ack.onclick = () => {
          ack.disabled = true;
          acknowledge(open.signalId);
        };
        ack.disabled = false;
        if (shownId !== open.signalId) {
          shownId = open.signalId;
          onBlocking(true);
          title.focus();
        }
      } else {
        banner.hidden = true;
        if (shownId !== null) {
          shownId = null;
          onBlocking(false);
        }
      }

      const inForce = ordered.filter((s) => s.acknowledged);
      strip.hidden = inForce.length === 0 || open !== undefined;
      const top = inForce[0];
      strip.dataset.kind = top?.kind ?? '';
      replaceChildren(
        strip,
        ...inForce.map((s) =>
          h(
            'p',
            { class: `signal-strip-item ${s.kind}` },
            h('strong', {}, t(`signal.${s.kind}.title`)),
            localize(s.message, lang) ? ` — ${localize(s.message, lang)}` : '',
          ),
        ),
      );
    },
  };
}
