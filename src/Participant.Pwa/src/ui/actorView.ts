import type { AppState } from '../app';
import { getLanguage, localize, t } from '../i18n';
import { cueCardTimeline, injects } from '../model';
import type { StoredMessage } from '../store';
import type { ControllerCallOutcome } from '../sync';
import type { TeamRef } from '../types';
import { h, replaceChildren, type View } from './dom';
import { formatTime } from './format';
import { messageList } from './inboxView';
import { nextCueLine } from './nextCue';

type CardPlace = 'current' | 'upcoming' | 'previous';

const TEST_IDS: Record<CardPlace, string> = {
  current: 'cue-card',
  upcoming: 'cue-card-upcoming',
  previous: 'cue-card-earlier',
};

type Disclose = (deliveryId: string, gateId: string, teamId: string) => void;

/**
 * The card's disclosure gates: each fact, the condition for revealing it, and to which teams it
 * was revealed. A disclosure is a record of what was said, so it cannot be taken back. Marking
 * one needs the team it was made to; without the exercise's teams (an older server) the actor is
 * told to report it by radio instead.
 */
function disclosures(
  message: StoredMessage,
  lang: string,
  teams: readonly TeamRef[],
  disclose: Disclose,
): HTMLElement | null {
  const gates = message.disclosures ?? [];
  if (gates.length === 0) return null;
  const teamName = (id: string): string => localize(teams.find((team) => team.id === id)?.name, lang) || id;
  return h(
    'section',
    { class: 'disclosures', 'aria-label': t('actor.disclosures') },
    h('h3', {}, t('actor.disclosures')),
    ...gates.map((gate) => {
      const done = message.disclosed?.[gate.id] ?? [];
      const open = teams.filter((team) => !done.some((d) => d.teamId === team.id));
      const select = h(
        'select',
        { id: `gate-${message.deliveryId}-${gate.id}`, 'data-testid': 'disclosure-team' },
        ...open.map((team) => h('option', { value: team.id }, localize(team.name, lang) || team.id)),
      );
      const mark = h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          'data-testid': 'disclosure-mark',
          'data-gate': gate.id,
          onclick: () => select.value && disclose(message.deliveryId, gate.id, select.value),
        },
        t('actor.markDisclosed'),
      );
      const condition = localize(gate.condition, lang);
      return h(
        'div',
        {
          class: 'gate',
          'data-testid': 'disclosure',
          'data-gate': gate.id,
          'data-state': done.length > 0 ? 'disclosed' : 'open',
        },
        h('p', { class: 'gate-fact' }, localize(gate.fact, lang)),
        condition ? h('p', { class: 'gate-condition' }, t('actor.condition', { condition })) : null,
        gate.afterInject ? h('p', { class: 'hint' }, t('actor.afterInject', { inject: gate.afterInject })) : null,
        done.length > 0
          ? h(
              'ul',
              { class: 'gate-done' },
              ...done.map((d) =>
                h(
                  'li',
                  { 'data-testid': 'disclosure-record', 'data-sent': String(d.sent) },
                  t('actor.disclosedTo', { team: teamName(d.teamId), time: formatTime(d.at, getLanguage()) }),
                  d.sent ? ' ✓' : ` — ${t('response.sending')}`,
                ),
              ),
            )
          : null,
        teams.length === 0
          ? h('p', { class: 'hint' }, t('actor.disclosureByRadio'))
          : open.length > 0
            ? h('div', { class: 'gate-mark' }, h('label', { for: select.id }, t('actor.disclosedToTeam')), select, mark)
            : null,
      );
    }),
  );
}

function card(
  message: StoredMessage,
  lang: string,
  place: CardPlace,
  teams: readonly TeamRef[],
  disclose: Disclose,
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
    disclosures(message, lang, teams, disclose),
  );
}

export interface ActorActions {
  /** The newest card was on screen: mark it read (and Seen). */
  shown(deliveryId: string): void;
  /** The one-tap "need controller" call, about the card on screen. */
  callController(sequence: number | undefined): Promise<ControllerCallOutcome>;
  /** The actor disclosed a gated fact to a team. */
  disclose: Disclose;
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
          callResult.textContent = t(`actor.call.${outcome}`, {
            time: formatTime(new Date().toISOString(), getLanguage()),
          });
          // One tap is one call: a short pause stops a nervous double tap from calling twice.
          setTimeout(() => (call.disabled = false), outcome === 'sent' ? CALL_COOLDOWN_MS : 0);
        });
      },
    },
    t('actor.call.button'),
  );
  const nextLine = nextCueLine();
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
    nextLine.el,
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
      if (next)
        due = setTimeout(
          () => el.isConnected && view.update(state),
          Math.min(2 ** 31 - 1, Date.parse(next) - Date.now() + 50),
        );
      const newest = timeline.current;
      currentSequence = newest?.sequence;
      const teams = state.session?.teams ?? [];
      // Cards are rebuilt on each change: keep the focus in the gate that had it.
      const focusedGate = (document.activeElement as HTMLElement | null)?.closest<HTMLElement>('[data-gate]')?.dataset
        .gate;
      replaceChildren(
        current,
        h('p', { class: 'cue-label' }, t('actor.current')),
        newest ? card(newest, lang, 'current', teams, actions.disclose) : h('p', { class: 'empty' }, t('actor.empty')),
      );
      replaceChildren(upcoming, ...timeline.upcoming.map((m) => card(m, lang, 'upcoming', teams, actions.disclose)));
      upcomingHeading.hidden = timeline.upcoming.length === 0;
      replaceChildren(earlier, ...timeline.previous.map((m) => card(m, lang, 'previous', teams, actions.disclose)));
      if (focusedGate) {
        const gate = current.querySelector<HTMLElement>(`.gate[data-gate="${CSS.escape(focusedGate)}"]`);
        (
          gate?.querySelector<HTMLElement>('select, button') ?? gate?.querySelector<HTMLElement>('.gate-done li')
        )?.focus();
      }
      earlierHeading.hidden = timeline.previous.length === 0;
      nextLine.update(state);
      const other = injects(state.messages);
      others.update({ messages: other, defaultLanguage: lang });
      others.el.hidden = other.length === 0;
      if (newest && !newest.read) actions.shown(newest.deliveryId);
    },
  };
  return view;
}
