import { JoinError } from '../api';
import type { AppState } from '../app';
import { t } from '../i18n';
import { tidyCode } from '../model';
import type { JoinRequest } from '../types';
import { h, type View } from './dom';
import { languageSelect } from './languageSelect';

/** A camera is worth offering: a secure page (https or localhost) with getUserMedia. */
export function canScan(): boolean {
  return globalThis.isSecureContext === true && typeof navigator.mediaDevices?.getUserMedia === 'function';
}

/**
 * "Scan QR code": opens the camera in a panel under the code field. The scanner (and, where the
 * browser has no BarcodeDetector, the QR decoder) is fetched only on the first tap.
 */
function scanPanel(onCode: (code: string) => void): HTMLElement | null {
  if (!canScan()) return null;
  const video = h('video', { class: 'scan-video', muted: true, playsinline: true, 'aria-hidden': 'true' });
  const status = h('p', { class: 'hint', role: 'status', 'data-testid': 'scan-status' });
  let stopScan: (() => void) | null = null;
  const cancel = h(
    'button',
    { type: 'button', class: 'secondary', 'data-testid': 'scan-cancel', onclick: () => close() },
    t('join.scan.cancel'),
  );
  const panel = h('div', { class: 'scan-panel', 'data-testid': 'scan-panel', hidden: true }, video, status, cancel);
  const open = h(
    'button',
    {
      type: 'button',
      class: 'secondary scan-open',
      'data-testid': 'join-scan',
      'aria-expanded': 'false',
      onclick: () => void start(),
    },
    t('join.scan.button'),
  );
  const close = (message?: string): void => {
    stopScan?.();
    stopScan = null;
    panel.hidden = !message;
    video.hidden = true;
    cancel.hidden = true;
    status.textContent = message ?? '';
    open.setAttribute('aria-expanded', 'false');
    open.disabled = false;
  };
  const start = async (): Promise<void> => {
    open.disabled = true;
    open.setAttribute('aria-expanded', 'true');
    panel.hidden = false;
    video.hidden = false;
    cancel.hidden = false;
    status.textContent = t('join.scan.starting');
    try {
      const { startScan } = await import('../scan/scanner');
      const session = await startScan(video);
      stopScan = session.stop;
      panel.dataset.decoder = session.decoder;
      status.textContent = t('join.scan.aim');
      const code = await session.code;
      close(t('join.scan.found', { code }));
      onCode(code);
    } catch (error) {
      const reason = (error as { reason?: string }).reason ?? 'failed';
      close(t(`join.scan.error.${reason}`));
    }
  };
  return h('div', { class: 'scan' }, open, panel);
}

export interface JoinDraft {
  code: string;
  name: string;
  agency: string;
}

function errorText(error: unknown): string {
  if (error instanceof JoinError) {
    if (error.kind === 'network') return t('join.error.network');
    if (error.kind === 'invalid') return t('join.error.invalid');
    return error.detail ?? t('join.error.status', { status: error.status ?? '?' });
  }
  return t('join.error.network');
}

/** The join form. `draft` survives a language switch, which rebuilds the screen. */
export function joinView(
  state: AppState,
  draft: JoinDraft,
  onJoin: (request: JoinRequest) => Promise<void>,
): View<AppState> {
  const code = h('input', {
    id: 'join-code',
    name: 'code',
    'data-testid': 'join-code',
    required: true,
    autocomplete: 'off',
    autocapitalize: 'characters',
    spellcheck: 'false',
    inputmode: 'text',
    maxlength: 20,
    'aria-describedby': 'join-code-hint',
    value: draft.code,
    oninput: () => {
      const tidy = tidyCode(code.value);
      if (tidy !== code.value) code.value = tidy;
      draft.code = tidy;
    },
  });
  const name = h('input', {
    id: 'join-name',
    name: 'displayName',
    'data-testid': 'join-name',
    required: true,
    autocomplete: 'name',
    maxlength: 80,
    value: draft.name,
    oninput: () => (draft.name = name.value),
  });
  const agency = h('input', {
    id: 'join-agency',
    name: 'agency',
    'data-testid': 'join-agency',
    autocomplete: 'organization',
    maxlength: 80,
    value: draft.agency,
    oninput: () => (draft.agency = agency.value),
  });
  const error = h('p', { class: 'error', role: 'alert', 'data-testid': 'join-error', hidden: true });
  const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'join-submit' }, t('join.submit'));

  const showError = (text: string): void => {
    error.textContent = text;
    error.hidden = false;
  };

  const form = h(
    'form',
    {
      class: 'join',
      novalidate: true,
      onsubmit: (event) => {
        event.preventDefault();
        if (!code.value.trim() || !name.value.trim()) {
          showError(t('join.error.required'));
          (code.value.trim() ? name : code).focus();
          return;
        }
        error.hidden = true;
        submit.disabled = true;
        submit.textContent = t('join.submitting');
        onJoin({ code: code.value, displayName: name.value, agency: agency.value }).catch((e: unknown) => {
          submit.disabled = false;
          submit.textContent = t('join.submit');
          showError(errorText(e));
        });
      },
    },
    h('h1', {}, t('join.heading')),
    state.notice
      ? h('p', { class: 'notice', role: 'status', 'data-testid': 'join-notice' }, t(`join.${state.notice}`))
      : null,
    h('p', {}, t('join.intro')),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'join-code' }, t('join.code')),
      code,
      h('p', { id: 'join-code-hint', class: 'hint' }, t('join.codeHint')),
      scanPanel((found) => {
        code.value = found;
        draft.code = found;
        (name.value.trim() ? submit : name).focus();
      }),
    ),
    h('div', { class: 'field' }, h('label', { for: 'join-name' }, t('join.name')), name),
    h('div', { class: 'field' }, h('label', { for: 'join-agency' }, t('join.agency')), agency),
    languageSelect('join-language'),
    error,
    submit,
  );

  return { el: h('section', { class: 'screen' }, form), update() {} };
}
