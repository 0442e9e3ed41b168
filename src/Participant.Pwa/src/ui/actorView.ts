import type { AppState } from '../app';
import { getLanguage, localize, t } from '../i18n';
import { cueCardTimeline, injects } from '../model';
import type { StoredMessage } from '../store';
import type { ControllerCallOutcome } from '../sync';
import { h, replaceChildren, type View } from './dom';
import { formatTime } from './format';
import { messageList } from './inboxView';

type CardPlace = 'current' | 'upcoming' | 'previous';

const TEST_IDS: Record<CardPlace, string> = { current: 'cue-card', upcoming: 'cue-card-upcoming', previous: 'cue-card-earlier' };

/** The card's disclosure gates as a checklist; a tick is a record of what was said, so it stays. */
function disclosures(message: StoredMessage, lang: string, disclose: (deliveryId: string, id: string) => void): HTMLElement | null {
  const gates = message.disclosures ?? [];
  if (gates.length === 0) return null;
  return h(
    'fieldset',
    { class: 'disclosures' },
    h('legend', {}, t('actor.disclosures')),
    ...gates.map((gate) => {
      const done = message.disclosed?.[gate.id];
      const box = h('input', {
        type: 'checkbox',
        checked: done !== undefined,
        // Not `disabled`: a disabled box cannot keep the focus, and a screen-reader user would be lost.
        'aria-readonly': done ? 'true' : null,
        'data-testid': 'disclosure',
        'data-disclosure-id': `${message.deliveryId}/${gate.id}`,
        onchange: () => {
          if (done) box.checked = true;
          else if (box.checked) disclose(message.deliveryId, gate.id);
        },
      });
      return h(
        'label',
        { class: 'disclosure', 'data-state': done ? 'disclosed' : 'open' },
        box,
        h(
          'span',
          {},
          localize(gate.text, lang),
          done ? h('span', { class: 'disclosed-at' }, ` — ${t('actor.disclosedAt', { time: formatTime(done.at, getLanguage()) })}`) : null,
        ),
      );
    }),
  );
}

function card(
  message: StoredMessage,
  lang: string,
  place: CardPlace,
  disclose: (deliveryId: string, id: string) => void,
): HTMLElement {
  const current = place === 'current';
  return h(
    'article',
    {
      class: `cue-card ${place}`,
      'data-testid': TEST_IDS[place],
      'data-delivery-id': message.deliveryId,
    },
    h(current ? 'h2' : 'h3', {}, localize(message.subject, lang)),
    h(
      'p',
      { class: 'cue-meta' },
      place === 'upcoming' && message.playAt
        ? t('actor.playAt', { time: formatTime(message.playAt, getLanguage()) })
        : h('time', { datetime: message.firedAt }, formatTime(message.firedAt, getLanguage())),
    ),
    h('div', { class: 'body' }, localize(message.message, lang)),
    disclosures(message, lang, disclose),
  );
}

export interface ActorActions {
  /** The newest card was on screen: mark it read (and Seen). */
  shown(deliveryId: string): void;
  /** The one-tap "need controller" call, about the card on screen. */
  callController(sequence: number | undefined): Promise<ControllerCallOutcome>;
  /** The actor ticked a disclosure gate. */
  disclose(deliveryId: string, disclosureId: string): void;
}

const CALL_COOLDOWN_MS = 5000;

/** For actors: the card to play now in large type, a "need controller" button, upcoming and earlier cards. */
export function actorView(actions: ActorActions): View<AppState> {
  const current = h('div', { class: 'cue-current', 'aria-live': 'polite' });
  const callResult = h('p', { class: 'call-result', role: 'status', 'data-testid': 'call-result', hidden: true });
  let currentSequence: number | undefined;
  const call: HTMLButtonElement = h(
    'button',
    {
      type: 'button',
      class: 'call-controller',
      'data-testid': 'need-controller',
      onclick: () => {
        call.disabled = true;
        callResult.hidden = false;
        callResult.dataset.outcome = 'pending';
        callResult.textContent = t('actor.call.pending');
        void actions.callController(currentSequence).then((outcome) => {
          callResult.dataset.outcome = outcome;
          callResult.textContent = t(`actor.call.${outcome}`, { time: formatTime(new Date().toISOString(), getLanguage()) });
          // One tap is one call: a short pause stops a nervous double tap from calling twice.
          setTimeout(() => (call.disabled = false), outcome === 'sent' ? CALL_COOLDOWN_MS : 0);
        });
      },
    },
    t('actor.call.button'),
  );
  const upcoming = h('div', { class: 'cue-upcoming' });
  const upcomingHeading = h('h2', {}, t('actor.upcoming'));
  const earlier = h('div', { class: 'cue-earlier' });
  const earlierHeading = h('h2', {}, t('actor.earlier'));
  const others = messageList('actor-inbox-heading', t('actor.otherMessages'));
  const el = h(
    'section',
    { class: 'screen' },
    h('h1', { class: 'visually-hidden' }, t('actor.heading')),
    current,
    call,
    callResult,
    upcomingHeading,
    upcoming,
    earlierHeading,
    earlier,
    others.el,
  );
  let due: ReturnType<typeof setTimeout> | undefined;
  const view: View<AppState> = {
    el,
    update(state) {
      const lang = state.session?.defaultLanguage ?? 'en';
      const timeline = cueCardTimeline(state.messages);
      // When the next released card's time comes, it becomes the current one.
      clearTimeout(due);
      const next = timeline.upcoming[0]?.playAt;
      if (next) due = setTimeout(() => el.isConnected && view.update(state), Math.min(2 ** 31 - 1, Date.parse(next) - Date.now() + 50));
      const newest = timeline.current;
      currentSequence = newest?.sequence;
      // Cards are rebuilt on each change: keep the focus on the checklist box that had it.
      const focused = (document.activeElement as HTMLElement | null)?.dataset.disclosureId;
      replaceChildren(
        current,
        h('p', { class: 'cue-label' }, t('actor.current')),
        newest ? card(newest, lang, 'current', actions.disclose) : h('p', { class: 'empty' }, t('actor.empty')),
      );
      replaceChildren(upcoming, ...timeline.upcoming.map((m) => card(m, lang, 'upcoming', actions.disclose)));
      upcomingHeading.hidden = timeline.upcoming.length === 0;
      replaceChildren(earlier, ...timeline.previous.map((m) => card(m, lang, 'previous', actions.disclose)));
      if (focused) el.querySelector<HTMLElement>(`[data-disclosure-id="${CSS.escape(focused)}"]`)?.focus();
      earlierHeading.hidden = timeline.previous.length === 0;
      const other = injects(state.messages);
      others.update({ messages: other, defaultLanguage: lang });
      others.el.hidden = other.length === 0;
      if (newest && !newest.read) actions.shown(newest.deliveryId);
    },
  };
  return view;
}
