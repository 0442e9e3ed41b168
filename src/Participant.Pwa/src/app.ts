import { fetchAttachment, join as joinApi } from './api';
import { type AttachmentCache, attachmentKey } from './attachmentCache';
import { type ObservationDraft, ObservationOutbox } from './evaluator';
import { evidenceCodeFromText, ScanOutbox } from './evidence';
import { type LocationConsent, LocationSharing } from './location';
import { isExpired } from './model';
import { isEmptyDraft, Outbox, type ResponseDraft, type UploadAttachment } from './outbox';
import { type RequestDraft, RequestOutbox } from './requests';
import { StatementOutbox } from './statements';
import type {
  Attachment,
  OutboxItem,
  PersonaRequestItem,
  SentResponse,
  Session,
  StatementItem,
  Store,
  StoredMessage,
  StoredObservation,
  StoredScan,
  StoredSignal,
} from './store';
import {
  browserNetwork,
  type ConnectionStatus,
  type ControllerCallOutcome,
  DeviceSync,
  type HubLike,
  type NetworkLike,
} from './sync';
import {
  type EvaluatorBrief,
  type GeoPoint,
  type HelloRequest,
  isEvaluatorBrief,
  isUpcomingCueCards,
  type JoinRequest,
  type TeamResponse,
} from './types';
import type { HeldUpcoming } from './upcoming';
import type { UpcomingStore } from './upcomingStore';

export interface AppState {
  session: Session | null;
  /** Why the join screen is showing, when it is not the first visit. */
  notice: 'expired' | 'revoked' | null;
  /** Oldest first. */
  messages: StoredMessage[];
  outbox: OutboxItem[];
  sent: SentResponse[];
  /** Safety signals in force, oldest first. */
  signals: StoredSignal[];
  /** Requests to personas written on this phone, oldest first (waiting or confirmed). */
  requests: PersonaRequestItem[];
  /** The team's statements to the press written on this phone, oldest first (waiting or confirmed). */
  statements: StatementItem[];
  status: ConnectionStatus;
  /** Evaluators: what to watch and rate, as last heard from the server (kept for offline use). */
  brief: EvaluatorBrief | null;
  /** Evaluators: their observations on this phone, oldest first, each with its receipt once sent. */
  observations: StoredObservation[];
  /** Actors: the cue cards to come (titles and due times) and the clock, as last heard. */
  upcoming: HeldUpcoming | null;
  /** Teams: evidence labels scanned on this phone, oldest first, each with its receipt once sent. */
  scans: StoredScan[];
  /**
   * The user's answer to the exercise's request for location; null when not asked yet or when the
   * exercise does not ask (see `locationAsked`).
   */
  locationConsent: LocationConsent | null;
}

export type AppEvent =
  | { type: 'session' }
  | { type: 'messages'; added: StoredMessage[] }
  | { type: 'signals'; added: StoredSignal[] }
  | { type: 'data' }
  | { type: 'status' };

export interface AppDeps {
  store: Store;
  createHub: (token: () => string) => HubLike;
  join?: typeof joinApi;
  network?: NetworkLike;
  /** What `Hello` tells the server (app version, battery, language). */
  hello?: () => Promise<HelloRequest> | HelloRequest;
  fetchAttachment?: typeof fetchAttachment;
  /** Received attachments kept for offline use; without it every open downloads again. */
  attachments?: AttachmentCache;
  /** Actors: where the last list of upcoming cards is kept for offline use. */
  upcomingStore?: UpcomingStore;
  /** The phone's clock, for when an upcoming list arrived. */
  now?: () => number;
  /** Uploads a photo with the session's token. */
  upload?: (token: string, attachment: Attachment) => ReturnType<UploadAttachment>;
  /** The user's location answer and the position at a tap; without it no location is ever sent. */
  location?: LocationSharing;
  onError?: (error: unknown) => void;
}

const MAX_TIMER_MS = 2 ** 31 - 1;
const UPCOMING_REFRESH_MS = 60_000;

/** The app's state and actions, free of DOM: screens read `state` and call these methods. */
export class App {
  state: AppState;
  private sync: DeviceSync | null = null;
  private readonly outbox: Outbox;
  private readonly requestOutbox: RequestOutbox;
  private readonly observationOutbox: ObservationOutbox;
  private readonly statementOutbox: StatementOutbox;
  private readonly scanOutbox: ScanOutbox;
  private readonly listeners = new Set<(state: AppState, event: AppEvent) => void>();
  private readonly network: NetworkLike;
  private expiryTimer: ReturnType<typeof setTimeout> | undefined;
  private upcomingTimer: ReturnType<typeof setInterval> | undefined;
  private refreshing: Promise<void> = Promise.resolve();

  private constructor(private readonly deps: AppDeps) {
    this.network = deps.network ?? browserNetwork;
    this.outbox = new Outbox(deps.store);
    this.outbox.onChange(() => void this.refresh({ type: 'data' }));
    this.requestOutbox = new RequestOutbox(deps.store);
    this.requestOutbox.onChange(() => void this.refresh({ type: 'data' }));
    this.observationOutbox = new ObservationOutbox(deps.store);
    this.observationOutbox.onChange(() => void this.refresh({ type: 'data' }));
    this.statementOutbox = new StatementOutbox(deps.store);
    this.statementOutbox.onChange(() => void this.refresh({ type: 'data' }));
    this.scanOutbox = new ScanOutbox(deps.store);
    this.scanOutbox.onChange(() => void this.refresh({ type: 'data' }));
    this.state = {
      session: null,
      notice: null,
      messages: [],
      outbox: [],
      sent: [],
      signals: [],
      requests: [],
      statements: [],
      status: this.network.isOnline() ? 'online' : 'offline',
      brief: null,
      observations: [],
      upcoming: null,
      scans: [],
      locationConsent: null,
    };
    // The hub may stay connected through a short loss of network: scans made meanwhile go now.
    this.network.onOnline(() => void this.flushScans());
    const networkChanged = (): void => {
      if (this.sync) return; // the sync engine reports status while joined
      this.setStatus(this.network.isOnline() ? 'online' : 'offline');
    };
    this.network.onOnline(networkChanged);
    this.network.onOffline(networkChanged);
  }

  static async boot(deps: AppDeps): Promise<App> {
    const app = new App(deps);
    const session = await deps.store.getSession();
    if (session && isExpired(session.expiresAt)) {
      app.state.notice = 'expired';
    } else if (session) {
      app.state.session = session;
      app.state.locationConsent = app.consentFor(session);
      if (session.role === 'actor')
        app.state.upcoming = deps.upcomingStore?.load(session.exerciseId, session.recipientId) ?? null;
      await app.refresh({ type: 'data' });
      app.startSync(session);
    }
    return app;
  }

  /** The cache of received attachments, for the menu's usage and budget. */
  get attachments(): AttachmentCache | undefined {
    return this.deps.attachments;
  }

  subscribe(listener: (state: AppState, event: AppEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Joins with a code. Throws JoinError; on success the app is connected and syncing. */
  async join(request: JoinRequest): Promise<void> {
    const joined = await (this.deps.join ?? joinApi)(request);
    const previous = await this.deps.store.getSession();
    // Same mailbox as before (say, after the token expired): keep what is held and queued.
    const sameMailbox = previous?.exerciseId === joined.exerciseId && previous.recipientId === joined.recipientId;
    if (!sameMailbox) await this.deps.store.clear();
    const session: Session = {
      ...joined,
      displayName: request.displayName.trim(),
      agency: request.agency.trim(),
      joinedAt: new Date().toISOString(),
    };
    await this.stopSync();
    await this.deps.store.saveSession(session);
    const upcoming =
      session.role === 'actor'
        ? (this.deps.upcomingStore?.load(session.exerciseId, session.recipientId) ?? null)
        : null;
    this.state = { ...this.state, session, notice: null, upcoming, locationConsent: this.consentFor(session) };
    await this.refresh({ type: 'session' });
    this.startSync(session);
  }

  /** The exercise asks this phone for its location with responses and scans: the prompt and the menu show. */
  get locationAsked(): boolean {
    return !!this.deps.location && LocationSharing.asked(this.state.session);
  }

  private consentFor(session: Session): LocationConsent | null {
    return LocationSharing.asked(session) ? (this.deps.location?.consent(session.exerciseId) ?? null) : null;
  }

  /**
   * The user's answer, kept on the phone for this exercise and changeable from the menu. A yes
   * reads one position at once, so the browser's own permission prompt comes now, not at a send.
   */
  async setLocationConsent(consent: LocationConsent): Promise<void> {
    const session = this.state.session;
    const sharing = this.deps.location;
    if (!session || !sharing || !LocationSharing.asked(session)) return;
    sharing.setConsent(session.exerciseId, consent);
    this.state = { ...this.state, locationConsent: consent };
    await this.refresh({ type: 'data' });
    if (consent === 'granted') await sharing.capture(session);
  }

  /** Where the phone is at this tap, when both opt-ins hold; else nothing, and nothing is read. */
  private locateForSend(): Promise<GeoPoint | undefined> {
    return this.deps.location?.capture(this.state.session) ?? Promise.resolve(undefined);
  }

  /** Forgets the exercise on this phone, including anything still queued. */
  async leave(): Promise<void> {
    await this.stopSync();
    this.forgetUpcoming();
    // The next person to join on this phone answers for themselves.
    if (this.state.session) this.deps.location?.forget(this.state.session.exerciseId);
    await this.deps.store.clear();
    await this.deps.attachments?.clear();
    this.state = { ...this.state, session: null, notice: null, locationConsent: null };
    await this.refresh({ type: 'session' });
  }

  /** Stops syncing and keeps everything stored (the page is going away). */
  async close(): Promise<void> {
    // A tap's work (a read mark, an acknowledgement) still writing to the store must end before
    // the page lets the store go, or it fails half-way on a closed database.
    await Promise.allSettled([...this.taps]);
    await this.stopSync();
  }

  /** Work a person's tap started, which close() waits for. */
  private readonly taps = new Set<Promise<unknown>>();

  private tap<T>(work: Promise<T>): Promise<T> {
    this.taps.add(work);
    const forget = () => this.taps.delete(work);
    work.then(forget, forget);
    return work;
  }

  /** The person opened a message: mark it read and tell the server it was seen. */
  markRead(deliveryId: string): Promise<void> {
    return this.tap(this.markReadNow(deliveryId));
  }

  private async markReadNow(deliveryId: string): Promise<void> {
    const before = this.state.messages.find((m) => m.deliveryId === deliveryId);
    if (!before || before.read) return;
    if (this.sync) await this.sync.seen(deliveryId);
    else await this.deps.store.markRead(deliveryId);
    await this.refresh({ type: 'data' });
  }

  /** The actor disclosed a gated fact of a cue card to a team. */
  disclose(deliveryId: string, gateId: string, teamId: string): Promise<void> {
    return this.tap(this.discloseNow(deliveryId, gateId, teamId));
  }

  private async discloseNow(deliveryId: string, gateId: string, teamId: string): Promise<void> {
    if (this.sync) await this.sync.disclose(deliveryId, gateId, teamId);
    else await this.deps.store.markDisclosed(deliveryId, gateId, teamId, new Date().toISOString());
    await this.refresh({ type: 'data' });
  }

  /**
   * A message's attachment: from the phone's cache when held (so it opens offline), else fetched
   * with this phone's token, which the server checks against revocation, and kept for next time.
   */
  async fetchAttachment(sequence: number, attachmentId: string): Promise<Blob> {
    const token = this.state.session?.token;
    if (!token) throw new Error('not joined');
    const key = attachmentKey(sequence, attachmentId);
    const held = await this.deps.attachments?.get(key);
    if (held) return held;
    const blob = await (this.deps.fetchAttachment ?? fetchAttachment)(token, sequence, attachmentId);
    // A full disk must not keep the person from the file they asked for: show it, keep it if it fits.
    await this.deps.attachments?.put(key, blob).catch((error: unknown) => this.deps.onError?.(error));
    return blob;
  }

  /**
   * Downloads the attachments of messages as they arrive, so they open later without a
   * connection. One at a time and oldest message first; a failure is left for the next open.
   */
  private async cacheAttachments(added: StoredMessage[]): Promise<void> {
    const cache = this.deps.attachments;
    const token = this.state.session?.token;
    if (!cache || !token) return;
    for (const message of [...added].sort((a, b) => a.sequence - b.sequence)) {
      for (const attachment of message.attachments ?? []) {
        const key = attachmentKey(message.sequence, attachment.id);
        if (await cache.has(key)) continue;
        try {
          await cache.put(
            key,
            await (this.deps.fetchAttachment ?? fetchAttachment)(token, message.sequence, attachment.id),
          );
        } catch (error) {
          this.deps.onError?.(error);
        }
      }
    }
  }

  acknowledgeSignal(signalId: string): Promise<void> {
    return this.tap(this.acknowledgeSignalNow(signalId));
  }

  private async acknowledgeSignalNow(signalId: string): Promise<void> {
    if (this.sync) await this.sync.acknowledgeSignal(signalId);
    else await this.deps.store.markSignalAcknowledged(signalId);
    await this.refresh({ type: 'data' });
  }

  /** The one-tap "need controller" call; `sequence` names the cue card or message it is about. */
  async callController(sequence?: number, note?: string): Promise<ControllerCallOutcome> {
    if (!this.sync) return 'offline';
    return this.sync.callController({
      callId: crypto.randomUUID(),
      ...(sequence === undefined ? {} : { sequence }),
      ...(note ? { note } : {}),
    });
  }

  /** Everyone's responses to a message, from the server; null when offline or not supported. */
  async teamResponses(deliveryId: string): Promise<TeamResponse[] | null> {
    const message = this.state.messages.find((m) => m.deliveryId === deliveryId);
    if (!message || !this.sync) return null;
    return this.sync.teamResponses(message.sequence);
  }

  /** Tells the server again who this phone is (after a battery or language change). */
  async sendHello(): Promise<void> {
    await this.sync?.sendHello();
  }

  acknowledge(deliveryId: string): Promise<void> {
    return this.tap(this.acknowledgeNow(deliveryId));
  }

  private async acknowledgeNow(deliveryId: string): Promise<void> {
    if (this.sync) await this.sync.acknowledge(deliveryId);
    else await this.deps.store.markAcknowledged(deliveryId);
    await this.refresh({ type: 'data' });
  }

  async respond(deliveryId: string, response: string | ResponseDraft): Promise<void> {
    const message = this.state.messages.find((m) => m.deliveryId === deliveryId);
    if (!message || !this.sync) return;
    const draft: ResponseDraft = typeof response === 'string' ? { text: response } : response;
    // Read at the tap and stored with the item: sent an hour later, it still says where it was written.
    const location = isEmptyDraft(draft) ? undefined : await this.locateForSend();
    const sync = this.sync;
    if (!sync) return;
    await sync.respond({ deliveryId, sequence: message.sequence }, location ? { ...draft, location } : draft);
  }

  /** Writes to a persona: queued at once (works offline), sent exactly once by its requestId. */
  async request(personaId: string, draft: RequestDraft): Promise<void> {
    if (!this.state.session) throw new Error('not joined');
    if (this.sync) await this.sync.request(personaId, draft);
    else await this.requestOutbox.add(personaId, draft);
  }

  /**
   * Publishes a statement for the team: queued at once (works offline), sent exactly once by its
   * statementId. No other phone sees it until a controller approves it.
   */
  async publishStatement(text: string): Promise<void> {
    if (!this.state.session) throw new Error('not joined');
    await this.statementOutbox.add(text);
    void this.flushStatements();
  }

  private async flushStatements(): Promise<void> {
    const sync = this.sync;
    if (!sync?.connected) return;
    await this.statementOutbox.flush(
      (statement) => sync.invoke('PublishStatement', statement),
      (error) => {
        this.deps.onError?.(error);
        // A refused statement must not hold up the others; a lost connection ends the pass.
        return sync.connected;
      },
    );
  }

  /** The person opened a thread: every unread entry in it is read. */
  markAllRead(deliveryIds: readonly string[]): Promise<void> {
    return this.tap(Promise.all(deliveryIds.map((id) => this.markReadNow(id))).then(() => undefined));
  }

  /** Evaluators: keeps the observation on the phone at once and sends it when connected. */
  async observe(draft: ObservationDraft): Promise<StoredObservation> {
    const observation = await this.observationOutbox.add(draft);
    void this.flushObservations();
    return observation;
  }

  /**
   * Teams: a scanned evidence label, kept on the phone at once (works offline) and sent exactly
   * once by its scanId when connected. Throws when the text is no evidence code.
   */
  async scanEvidence(code: string): Promise<StoredScan> {
    if (this.state.session?.role !== 'participant') throw new Error('only team devices scan evidence');
    if (!evidenceCodeFromText(code)) throw new Error('not an evidence code');
    const scan = await this.scanOutbox.add(code, await this.locateForSend());
    void this.flushScans();
    return scan;
  }

  /** Team phones: statements to the press, then evidence scans, each queued while offline. */
  private async whenTeamConnected(): Promise<void> {
    await this.flushStatements();
    await this.flushScans();
  }

  private async flushScans(): Promise<void> {
    const sync = this.sync;
    if (!sync?.connected || this.state.session?.role !== 'participant') return;
    await this.scanOutbox.flush(
      (scan) => sync.invoke('ScanEvidence', scan),
      (error) => {
        this.deps.onError?.(error);
        // A refused scan must not hold up the others; a lost connection ends the pass.
        return sync.connected;
      },
    );
  }

  /** Evaluators: asks the server again what is in play (and the clock); kept for offline use. */
  async refreshBrief(): Promise<void> {
    const sync = this.sync;
    if (!sync?.connected || this.state.session?.role !== 'evaluator') return;
    try {
      const brief = await sync.invoke('GetEvaluatorBrief');
      if (isEvaluatorBrief(brief)) {
        await this.deps.store.saveBrief(brief);
        await this.refresh({ type: 'data' });
      }
    } catch (error) {
      this.deps.onError?.(error);
    }
  }

  /** Actors: asks the server again which cards come next and how the clock runs; kept for offline use. */
  async refreshUpcoming(): Promise<void> {
    const sync = this.sync;
    const session = this.state.session;
    if (!sync?.connected || session?.role !== 'actor') return;
    try {
      const answer = await sync.invoke('GetUpcomingCueCards');
      if (!isUpcomingCueCards(answer) || this.state.session !== session) return;
      const held: HeldUpcoming = { answer, receivedAt: (this.deps.now ?? Date.now)() };
      this.deps.upcomingStore?.save(session.exerciseId, session.recipientId, held);
      this.state = { ...this.state, upcoming: held };
      this.emit({ type: 'data' });
    } catch (error) {
      this.deps.onError?.(error);
    }
  }

  private forgetUpcoming(): void {
    const session = this.state.session;
    if (session) this.deps.upcomingStore?.forget(session.exerciseId, session.recipientId);
    this.state = { ...this.state, upcoming: null };
  }

  private async flushObservations(): Promise<void> {
    const sync = this.sync;
    if (!sync?.connected) return;
    const upload = this.deps.upload;
    const token = this.state.session?.token ?? '';
    const result = await this.observationOutbox.flush(
      (request) => sync.invoke('Observe', request),
      (error) => {
        this.deps.onError?.(error);
        // A refused observation must not hold up the others; a lost connection ends the pass.
        return sync.connected;
      },
      upload ? (attachment) => upload(token, attachment) : undefined,
    );
    // The server's view of the evaluator's ratings changed: fetch it for the "current rating" marks.
    if (result.sent > 0) await this.refreshBrief();
  }

  private async whenEvaluatorConnected(): Promise<void> {
    await this.refreshBrief();
    await this.flushObservations();
  }

  private startSync(session: Session): void {
    const hub = this.deps.createHub(() => session.token);
    const upload = this.deps.upload;
    const sync = new DeviceSync(hub, this.deps.store, this.outbox, {
      network: this.network,
      onMessages: (added) => {
        void this.refresh({ type: 'messages', added });
        void this.cacheAttachments(added);
        // A card released: the next one is another.
        if (added.some((m) => m.kind === 'cueCard')) void this.refreshUpcoming();
      },
      onMessageChanged: () => void this.refresh({ type: 'data' }),
      onStatus: (status) => this.setStatus(status),
      onSignals: () => void this.refresh({ type: 'signals', added: [] }),
      onRevoked: () => void this.revoked(),
      ...(this.deps.hello ? { hello: this.deps.hello } : {}),
      ...(upload ? { upload: (attachment: Attachment) => upload(session.token, attachment) } : {}),
      requests: this.requestOutbox,
      whenConnected:
        session.role === 'evaluator'
          ? () => this.whenEvaluatorConnected()
          : session.role === 'actor'
            ? () => this.refreshUpcoming()
            : () => this.whenTeamConnected(),
      onError: (error) => this.deps.onError?.(error),
    });
    this.sync = sync;
    if (session.role === 'actor') {
      // A pause, a speed change or a re-timing reaches an actor's phone within a minute.
      this.upcomingTimer = setInterval(() => void this.refreshUpcoming(), UPCOMING_REFRESH_MS);
    }
    this.setStatus(sync.status);
    void sync.start();
    this.watchExpiry(session);
  }

  private async stopSync(): Promise<void> {
    clearTimeout(this.expiryTimer);
    clearInterval(this.upcomingTimer);
    const sync = this.sync;
    this.sync = null;
    if (sync) await sync.stop().catch((error: unknown) => this.deps.onError?.(error));
    this.setStatus(this.network.isOnline() ? 'online' : 'offline');
  }

  /** A token past its expiry cannot connect: stop and ask for the code again, keeping the data. */
  private watchExpiry(session: Session): void {
    const left = Date.parse(session.expiresAt) - Date.now();
    if (!Number.isFinite(left) || left > MAX_TIMER_MS) return;
    this.expiryTimer = setTimeout(() => void this.expire(), Math.max(0, left));
  }

  /** The controller revoked this phone: forget the exercise, as Leave does, and say why. */
  private async revoked(): Promise<void> {
    await this.stopSync();
    this.forgetUpcoming();
    await this.deps.store.clear();
    await this.deps.attachments?.clear();
    this.state = { ...this.state, session: null, notice: 'revoked' };
    await this.refresh({ type: 'session' });
  }

  private async expire(): Promise<void> {
    await this.stopSync();
    this.state = { ...this.state, session: null, notice: 'expired' };
    this.emit({ type: 'session' });
  }

  private setStatus(status: ConnectionStatus): void {
    if (status === this.state.status) return;
    this.state = { ...this.state, status };
    this.emit({ type: 'status' });
  }

  /** Re-reads the store; refreshes run one after another so an older read never wins. */
  private refresh(event: AppEvent): Promise<void> {
    this.refreshing = this.refreshing
      .then(async () => {
        const [messages, outbox, sent, signals, requests, brief, observations, statements, scans] = await Promise.all([
          this.deps.store.getMessages(),
          this.deps.store.outboxItems(),
          this.deps.store.allSentResponses(),
          this.deps.store.getSignals(),
          this.deps.store.requests(),
          this.deps.store.getBrief(),
          this.deps.store.observations(),
          this.deps.store.statements(),
          this.deps.store.scans(),
        ]);
        const held = new Set(this.state.signals.map((s) => s.signalId));
        this.state = {
          ...this.state,
          messages,
          outbox,
          sent,
          signals,
          requests,
          brief: brief ?? null,
          observations,
          statements,
          scans,
        };
        // Which signals are new is known only here, where the old and new lists meet.
        this.emit(
          event.type === 'signals' ? { type: 'signals', added: signals.filter((s) => !held.has(s.signalId)) } : event,
        );
      })
      .catch((error: unknown) => this.deps.onError?.(error));
    return this.refreshing;
  }

  private emit(event: AppEvent): void {
    for (const listener of this.listeners) listener(this.state, event);
  }
}
