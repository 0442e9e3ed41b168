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
