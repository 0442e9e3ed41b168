// The wire contract of docs/device-protocol.md, as TypeScript types.

/** Text keyed by language code: `{ "en": "…", "ru": "…" }`. */
export type LocalizedText = Readonly<Record<string, string>>;

export type Role = 'participant' | 'actor';

export type DeliveryMethod = 'document' | 'phoneCall' | 'sms' | 'email' | 'radio' | 'inPerson' | 'mediaReport';

export interface JoinRequest {
  code: string;
  displayName: string;
  agency: string;
}

export interface JoinResponse {
  token: string;
  expiresAt: string;
  deviceId: string;
  exerciseId: string;
  exerciseTitle: LocalizedText;
  role: Role;
  recipientId: string;
  recipientName: LocalizedText;
  languages: string[];
  defaultLanguage: string;
  /**
   * Not in the protocol yet: for actors, the exercise's teams, so a disclosure can name the team
   * it was made to (MarkDisclosed needs a teamId). Without it the actor reports by radio.
   */
  teams?: TeamRef[];
}

/** One option of a choice field. */
export interface ResponseChoice {
  id: string;
  label: LocalizedText;
}

export type ResponseFieldKind = 'text' | 'choice' | 'amount' | 'account' | 'name' | 'location' | 'photo';

/** One field of an inject's response form; its answer travels in `Respond`'s `fields[id]`. */
export interface ResponseField {
  id: string;
  kind: ResponseFieldKind;
  label: LocalizedText;
  required: boolean;
  /** The options of a `choice` field; the answer is the chosen option's id. */
  choices: ResponseChoice[];
}

/** What an inject asks for beyond free text (issue 3). */
export interface ResponseForm {
  fields: ResponseField[];
}

/** A file that comes with a message (a document, a photo), fetched with the device token. */
export interface AttachmentRef {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  title: LocalizedText;
}

/** A cue card's disclosure gate: a fact the actor may reveal, and when. */
export interface DisclosureGate {
  id: string;
  fact: LocalizedText;
  condition: LocalizedText;
  /** The gate opens once this inject has fired (the server records a disclosure anyway). */
  afterInject: string | null;
}

export interface DeliveredMessage {
  sequence: number;
  deliveryId: string;
  injectNumber: string;
  kind: 'inject' | 'cueCard';
  from: LocalizedText;
  method: DeliveryMethod;
  subject: LocalizedText;
  message: LocalizedText;
  firedAt: string;
  responseRequested: boolean;
  /** Teams: the form the response should take (older servers omit it). */
  responseForm?: ResponseForm | null;
  /** Teams: scenario time after firedAt by which a response is expected, "hh:mm:ss" or "d.hh:mm:ss". */
  respondWithin?: string | null;
  attachments?: AttachmentRef[];
  /** Actors' cue cards: what the actor may reveal, and when. */
  disclosures?: DisclosureGate[];
  /**
   * Not in the protocol: when the actor should play this card. A card released ahead of that
   * time is shown as upcoming; without it every card is current on arrival.
   */
  playAt?: string;
}

export interface SyncResult {
  messages: DeliveredMessage[];
  lastSequence: number;
  hasMore: boolean;
}

export interface RespondRequest {
  responseId: string;
  sequence: number;
  text: string;
  choice?: string;
  fields?: Record<string, string>;
  attachmentIds?: string[];
}

export type SignalKind = 'stop' | 'endex' | 'realEmergency';

export interface SafetySignal {
  signalId: string;
  kind: SignalKind;
  message: LocalizedText;
  issuedAt: string;
  acknowledged: boolean;
}

/** `Hello`: presence for controllers, sent after every connect and when the battery changes. */
export interface HelloRequest {
  appVersion: string;
  batteryLevel?: number;
  batteryLow?: boolean;
  language?: string;
}

/**
 * Not in the protocol yet: the one-tap "need controller" call of an actor (or participant).
 * Expected hub method `CallController(request)`, returning nothing; `callId` is made by the
 * device so a retried call is counted once.
 */
export interface ControllerCallRequest {
  callId: string;
  sequence?: number;
  note?: string;
}

/** `MarkDisclosed`: the actor revealed a gated fact of a cue card to a team. */
export interface DisclosureReport {
  sequence: number;
  gateId: string;
  teamId: string;
  note?: string;
}

/** A team an actor may disclose to. Not in the join response yet (see JoinResponse.teams). */
export interface TeamRef {
  id: string;
  name: LocalizedText;
}

/**
 * Not in the protocol yet: a response as the server stored it, from any device of the team.
 * Expected hub method `GetResponses(sequence)` returning the team's responses to the message at
 * that mailbox sequence (the StoredResponse record the REST API already returns to controllers).
 */
export interface TeamResponse {
  responseId: string;
  sequence: number;
  deviceId: string;
  deviceName: string;
  text?: string | null;
  choice?: string | null;
  fields?: Record<string, string> | null;
  attachmentIds?: string[] | null;
  storedAt: string;
}

export interface ResponseReceipt {
  responseId: string;
  sequence: number;
  storedAt: string;
  duplicate: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isText(value: unknown): value is LocalizedText {
  return isRecord(value) && Object.values(value).every((v) => typeof v === 'string');
}

/** Shape check for anything arriving from the server; a malformed message is dropped, not stored. */
export function isDeliveredMessage(value: unknown): value is DeliveredMessage {
  return (
    isRecord(value) &&
    Number.isInteger(value.sequence) &&
    typeof value.deliveryId === 'string' &&
    value.deliveryId.length > 0 &&
    (value.kind === 'inject' || value.kind === 'cueCard') &&
    isText(value.from) &&
    isText(value.subject) &&
    isText(value.message) &&
    typeof value.firedAt === 'string'
  );
}

export function isSafetySignal(value: unknown): value is SafetySignal {
  return (
    isRecord(value) &&
    typeof value.signalId === 'string' &&
    value.signalId.length > 0 &&
    (value.kind === 'stop' || value.kind === 'endex' || value.kind === 'realEmergency') &&
    (value.message === undefined || value.message === null || isText(value.message)) &&
    typeof value.issuedAt === 'string'
  );
}

export function isTeamResponse(value: unknown): value is TeamResponse {
  return (
    isRecord(value) &&
    typeof value.responseId === 'string' &&
    Number.isInteger(value.sequence) &&
    typeof value.storedAt === 'string'
  );
}

export function isSyncResult(value: unknown): value is SyncResult {
  return (
    isRecord(value) &&
    Array.isArray(value.messages) &&
    Number.isInteger(value.lastSequence) &&
    typeof value.hasMore === 'boolean'
  );
}

export function isResponseReceipt(value: unknown): value is ResponseReceipt {
  return (
    isRecord(value) &&
    typeof value.responseId === 'string' &&
    Number.isInteger(value.sequence) &&
    typeof value.duplicate === 'boolean'
  );
}

export function isJoinResponse(value: unknown): value is JoinResponse {
  return (
    isRecord(value) &&
    typeof value.token === 'string' &&
    value.token.length > 0 &&
    typeof value.expiresAt === 'string' &&
    typeof value.exerciseId === 'string' &&
    (value.role === 'participant' || value.role === 'actor') &&
    typeof value.recipientId === 'string' &&
    isText(value.exerciseTitle) &&
    isText(value.recipientName) &&
    Array.isArray(value.languages) &&
    typeof value.defaultLanguage === 'string'
  );
}
