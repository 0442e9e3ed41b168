// The wire contract of docs/device-protocol.md, as TypeScript types.

/** Text keyed by language code: `{ "en": "…", "ru": "…" }`. */
export type LocalizedText = Readonly<Record<string, string>>;

export type Role = 'participant' | 'actor';

export type DeliveryMethod =
  | 'document'
  | 'phoneCall'
  | 'sms'
  | 'email'
  | 'radio'
  | 'inPerson'
  | 'mediaReport';

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
}

/** One option of a choice question. */
export interface ResponseChoice {
  id: string;
  label: LocalizedText;
}

export type ResponseFieldKind = 'text' | 'number' | 'date' | 'time';

/** One structured field of a response form; its value travels as a string in `fields[name]`. */
export interface ResponseField {
  name: string;
  label: LocalizedText;
  kind?: ResponseFieldKind;
  required?: boolean;
}

/**
 * What an inject asks for beyond free text. Not in the server's DeliveredMessage yet (issue 4
 * adds the Respond side: choice, fields, attachmentIds); the app reads it when present and
 * otherwise offers free text with an optional photo.
 */
export interface ResponseForm {
  choices?: ResponseChoice[];
  fields?: ResponseField[];
  /** `true` offers a photo, `'required'` insists on one. Absent: offered, optional. */
  photo?: boolean | 'required';
  /** `false` hides the free-text box (a pure choice question). */
  text?: boolean;
}

/** A cue card's disclosure gate: something the actor may reveal, under the condition the text states. */
export interface DisclosureGate {
  id: string;
  text: LocalizedText;
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
  /** Optional: the form the response should take (see ResponseForm). */
  responseForm?: ResponseForm;
  /**
   * Optional, cue cards: when the actor should play this card. A card released ahead of that
   * time is shown as upcoming.
   */
  playAt?: string;
  /** Optional, cue cards: the disclosure gates, shown to the actor as a checklist. */
  disclosures?: DisclosureGate[];
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

/**
 * Not in the protocol yet: the actor ticked a disclosure gate. Expected hub method
 * `Disclosed(report)`, returning nothing; repeating a report changes nothing.
 */
export interface DisclosureReport {
  sequence: number;
  disclosureId: string;
  disclosedAt: string;
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
