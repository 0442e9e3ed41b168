// The wire contract of docs/device-protocol.md, as TypeScript types, and the shape checks for
// what comes off the wire. contract.test.ts checks both against the server's own JSON
// (contract/device/*.json, written by the server's tests).

import {
  aheadOfServer,
  arrayOf,
  boolean,
  conforms,
  integer,
  nonEmptyString,
  nullable,
  number,
  object,
  oneOf,
  optional,
  string,
  stringMap,
} from './shape';

/** Text keyed by language code: `{ "en": "…", "ru": "…" }`. */
export type LocalizedText = Readonly<Record<string, string>>;

export type Role = 'participant' | 'actor' | 'evaluator';

export type DeliveryMethod =
  | 'document'
  | 'phoneCall'
  | 'sms'
  | 'email'
  | 'radio'
  | 'inPerson'
  | 'mediaReport'
  | 'social';

export interface JoinRequest {
  code: string;
  displayName: string;
  agency: string;
}

/** `POST /api/devices/connect-ticket`: what the socket's URL carries instead of the token, once. */
export interface ConnectTicketResponse {
  ticket: string;
  expiresAt: string;
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
   * For actors, the exercise's teams, so a disclosure can name the team it was made to
   * (MarkDisclosed needs a teamId); empty for participants. Older servers omit it; without it the
   * actor reports by radio.
   */
  teams?: TeamRef[];
  /** For participants: the personas "Write to…" offers. Older servers omit it. */
  personas?: PersonaRef[];
  /** The scenario's marking, per language, shown on every screen. Older servers omit it. */
  classificationLine?: LocalizedText;
  /**
   * The exercise asks team phones to add their location to responses and evidence scans; the
   * phone still asks its user first. Older servers omit it (never asked).
   */
  locationSharing?: boolean;
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
  /**
   * `reply`: a persona's answer in the team's thread with it, or a message "as persona" (see threadId).
   * `request`: a teammate's (or this phone's own) request to a persona, in the same thread.
   * `article`: a news report or social post of the simulated media feed (the News tab).
   * `hotwash`: the feedback form after ENDEX, answered like a response form.
   * `evidence`: a prop the team found by scanning its label; `from` is the site.
   * `statementRejected`: to the author team only, a controller did not publish its statement; `message` says why.
   */
  kind: 'inject' | 'cueCard' | 'reply' | 'request' | 'article' | 'hotwash' | 'evidence' | 'statementRejected';
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
  /** The hotwash only: answers are stored without who gave them. */
  anonymous?: boolean;
  /**
   * Not in the protocol: when the actor should play this card. A card released ahead of that
   * time is shown as upcoming; without it every card is current on arrival.
   */
  playAt?: string;
  /** The persona the message comes from, for the avatar (older servers omit it). */
  persona?: PersonaRef | null;
  /** On a reply or request: the team's thread with the persona, "{teamId}/{personaId}". */
  threadId?: string | null;
  /** The scenario's marking, per language, shown with the message so nothing passes for real traffic. */
  classificationLine?: LocalizedText;
  /** On a request: the id its phone made, so that phone shows its own request once. */
  requestId?: string | null;
  /** On an article: the media channel that published it (null on a team's statement). */
  channel?: ChannelRef | null;
  /** On an article of the seeded history: when it appeared in the simulated world, before STARTEX. */
  publishedAt?: string | null;
  /** On a team's approved statement (an article) and on `statementRejected`: the id the author's phone made. */
  statementId?: string | null;
}

/** A team's statement to the press; `statementId` is made on the phone, so a retry is stored once. */
export interface StatementSubmission {
  statementId: string;
  text: string;
}

export interface StatementReceipt {
  statementId: string;
  storedAt: string;
  duplicate: boolean;
}

export type MediaChannelKind = 'newspaper' | 'tv' | 'social';

/** A simulated newspaper, TV station or social network. */
export interface ChannelRef {
  id: string;
  name: LocalizedText;
  kind: MediaChannelKind;
}

export type PersonaKind =
  | 'bank'
  | 'prosecutor'
  | 'police'
  | 'hotline'
  | 'press'
  | 'ngo'
  | 'familyMember'
  | 'official'
  | 'other';

/** A persona as a device sees it: who it is, never its canned replies. */
export interface PersonaRef {
  id: string;
  name: LocalizedText;
  organisation: LocalizedText;
  kind: PersonaKind;
  initials: string;
  colour: string;
}

/** A player's message to a persona; `requestId` is made on the phone, so a retry is stored once. */
export interface PersonaRequest {
  requestId: string;
  personaId: string;
  text: string;
  attachmentIds?: string[];
}

/** A scanned evidence label; `scanId` is made on the phone, so a retry is stored once. */
export interface EvidenceScan {
  scanId: string;
  code: string;
  /** Where the label was scanned, only when the exercise asks and the user agreed. */
  location?: GeoPoint;
}

export type EvidenceScanOutcome = 'found' | 'alreadyFound' | 'notYet' | 'notThisExercise';

export interface EvidenceReceipt {
  scanId: string;
  outcome: EvidenceScanOutcome;
  /** The item's name once the team has it; null before, so a label gives nothing away early. */
  item?: LocalizedText | null;
  /** The mailbox entry with the item's content, once the team has it. */
  sequence?: number | null;
  storedAt: string;
  duplicate: boolean;
}

export interface RequestReceipt {
  requestId: string;
  threadId: string;
  storedAt: string;
  duplicate: boolean;
}

export interface SyncResult {
  messages: DeliveredMessage[];
  lastSequence: number;
  hasMore: boolean;
}

/**
 * What `Reconcile` returns: the signals in force and the first mailbox page after what the phone
 * holds, in one round trip. Older servers lack the method (then GetSignals and Sync).
 */
export interface ReconcileResult {
  signals: SafetySignal[];
  mailbox: SyncResult;
}

export interface RespondRequest {
  responseId: string;
  sequence: number;
  text: string;
  choice?: string;
  fields?: Record<string, string>;
  attachmentIds?: string[];
  /** Where the phone was at the tap on Send, only when the exercise asks and the user agreed. */
  location?: GeoPoint;
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
 * `CallController`: the one-tap "need controller" call of an actor; returns nothing. `callId` is
 * made by the device so a retried call is counted once. Older servers lack the method.
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
  /** Made by the phone when the actor taps, and sent again with every retry: the server stores it once. */
  disclosureId?: string;
}

/** A team an actor may disclose to (JoinResponse.teams). */
export interface TeamRef {
  id: string;
  name: LocalizedText;
}

/**
 * A response as the server stored it, from any device of the team (the server's StoredResponse):
 * `GetResponsePage` pages the team's responses to the message at one mailbox sequence;
 * `GetResponses(sequence)` (older servers) returns them all at once. Older servers still lack both.
 */
export interface TeamResponse {
  responseId: string;
  sequence: number;
  injectNumber?: string;
  deviceId: string;
  deviceName: string;
  text?: string | null;
  choice?: string | null;
  fields?: Record<string, string> | null;
  attachmentIds?: string[] | null;
  storedAt: string;
}

/**
 * One page of the team's response log, from `GetResponsePage(sequence, after, maxCount)`: the
 * responses in it to the message at `sequence`. While `hasMore`, ask again with `after = next`
 * (a position in the log, only passed back). Servers before issue 12's paging lack the method.
 */
export interface ResponsePage {
  responses: TeamResponse[];
  next: number;
  hasMore: boolean;
}

export interface ResponseReceipt {
  responseId: string;
  sequence: number;
  storedAt: string;
  duplicate: boolean;
}

/** What `MarkDisclosed` returns: the disclosure as the server recorded it. */
export interface DisclosureRecord {
  actorId: string;
  injectNumber: string;
  gateId: string;
  teamId: string;
  note?: string | null;
  at: string;
  /** Scenario time of the disclosure, "hh:mm:ss" or "d.hh:mm:ss". */
  scenarioTime: string;
  /** False when the gate's "after inject N" had not happened yet (recorded anyway). */
  gateOpen: boolean;
  deviceName: string;
  /** The report's disclosureId; null when it had none. Servers before issue 12 omit it. */
  disclosureId?: string | null;
}

/** An evaluator's rating: performed without challenges, with some, with major challenges, unable. */
export type Rating = 'p' | 's' | 'm' | 'u';

export const RATINGS: readonly Rating[] = ['p', 's', 'm', 'u'];

/** A team or site by id and name. */
export interface NamedRef {
  id: string;
  name: LocalizedText;
}

/** A critical task of the evaluation guide, as an evaluator rates it. */
export interface EvaluatorTask {
  id: string;
  objectiveId: string;
  objective: LocalizedText;
  capability: LocalizedText;
  title: LocalizedText;
  targets: LocalizedText[];
}

/** The last injects fired to the evaluator's teams or at their sites: subject only. */
export interface InjectInPlay {
  injectNumber: string;
  subject: LocalizedText;
  firedAt: string;
  teams: string[];
  siteId?: string | null;
}

/** One rating of this evaluator as it counts now (corrections applied). */
export interface RecordedRating {
  observationId: string;
  teamId: string;
  criticalTaskId: string;
  rating: Rating;
  scenarioTime: string;
}

/** What `GetEvaluatorBrief` returns: what the evaluator's phone needs to work offline. */
export interface EvaluatorBrief {
  evaluatorId: string;
  name: LocalizedText;
  teams: NamedRef[];
  sites: NamedRef[];
  tasks: EvaluatorTask[];
  /** Newest first. */
  inPlay: InjectInPlay[];
  /** Exercise time at `asOf`, "hh:mm:ss" or "d.hh:mm:ss". */
  scenarioTime: string;
  speed: number;
  running: boolean;
  asOf: string;
  recorded: RecordedRating[];
}

/** A cue card the actor will get: its title and due time only (the body stays on the server). */
export interface UpcomingCueCard {
  injectNumber: string;
  title: LocalizedText;
  /** Exercise time at which it is released by itself, "hh:mm:ss" or "d.hh:mm:ss". */
  dueAt: string;
}

/** What `GetUpcomingCueCards` returns to an actor: the cards to come and the clock that times them. */
export interface UpcomingCueCards {
  /** Soonest first. */
  cards: UpcomingCueCard[];
  /** Exercise time at `asOf`. */
  scenarioTime: string;
  /** Exercise seconds per wall-clock second. */
  speed: number;
  /** False while paused or not started. */
  running: boolean;
  asOf: string;
}

export interface GeoPoint {
  latitude: number;
  longitude: number;
  accuracyMeters?: number | null;
}

/** What `Observe` takes: a rating, or an "observed now" note; `observationId` makes retries safe. */
export interface ObservationRequest {
  observationId: string;
  observedAt: string;
  teamId?: string;
  siteId?: string;
  criticalTaskId?: string;
  rating?: Rating;
  note?: string;
  injectNumber?: string;
  attachmentIds?: string[];
  location?: GeoPoint;
  /** The observationId of this evaluator's earlier observation that this one corrects. */
  corrects?: string;
}

export interface ObservationReceipt {
  observationId: string;
  sequence: number;
  scenarioTime: string;
  storedAt: string;
  duplicate: boolean;
}

// --- shapes: one per message, checked against the server's JSON by contract.test.ts ---

const teamRef = object<TeamRef>('TeamRef', { id: string, name: stringMap });

const joinRequest = object<JoinRequest>('JoinRequest', { code: string, displayName: string, agency: string });

const responseChoice = object<ResponseChoice>('ResponseChoice', { id: string, label: stringMap });

const responseFieldKinds: readonly ResponseFieldKind[] = [
  'text',
  'choice',
  'amount',
  'account',
  'name',
  'location',
  'photo',
];

const responseField = object<ResponseField>('ResponseField', {
  id: string,
  // Open: a kind this app does not know yet is shown as a text box, not dropped with its message.
  kind: oneOf(responseFieldKinds, 'open'),
  label: stringMap,
  required: boolean,
  choices: arrayOf(responseChoice),
});

const responseForm = object<ResponseForm>('ResponseForm', { fields: arrayOf(responseField) });

const attachmentRef = object<AttachmentRef>('AttachmentRef', {
  id: string,
  fileName: string,
  contentType: string,
  size: integer,
  title: stringMap,
});

const disclosureGate = object<DisclosureGate>('DisclosureGate', {
  id: string,
  fact: stringMap,
  condition: stringMap,
  afterInject: nullable(string),
});

const deliveryMethods: readonly DeliveryMethod[] = [
  'document',
  'phoneCall',
  'sms',
  'email',
  'radio',
  'inPerson',
  'mediaReport',
  'social',
];

const personaKinds: readonly PersonaKind[] = [
  'bank',
  'prosecutor',
  'police',
  'hotline',
  'press',
  'ngo',
  'familyMember',
  'official',
  'other',
];

const personaRef = object<PersonaRef>('PersonaRef', {
  id: string,
  name: stringMap,
  organisation: stringMap,
  // Open: it only picks an icon.
  kind: oneOf(personaKinds, 'open'),
  initials: string,
  colour: string,
});

const geoPoint = object<GeoPoint>('GeoPoint', {
  latitude: number,
  longitude: number,
  accuracyMeters: optional(nullable(number)),
});

const joinResponse = object<JoinResponse>('JoinResponse', {
  token: nonEmptyString,
  expiresAt: string,
  deviceId: string,
  exerciseId: string,
  exerciseTitle: stringMap,
  role: oneOf(['participant', 'actor', 'evaluator']),
  recipientId: string,
  recipientName: stringMap,
  languages: arrayOf(string),
  defaultLanguage: string,
  teams: optional(arrayOf(teamRef)),
  personas: optional(arrayOf(personaRef)),
  classificationLine: optional(stringMap),
  locationSharing: optional(boolean),
});

const connectTicketResponse = object<ConnectTicketResponse>('ConnectTicketResponse', {
  ticket: nonEmptyString,
  expiresAt: string,
});

const channelRef = object<ChannelRef>('ChannelRef', {
  id: string,
  name: stringMap,
  // Open: it only picks a label.
  kind: oneOf(['newspaper', 'tv', 'social'] as const, 'open'),
});

const deliveredMessage = object<DeliveredMessage>('DeliveredMessage', {
  sequence: integer,
  deliveryId: nonEmptyString,
  injectNumber: string,
  kind: oneOf(['inject', 'cueCard', 'reply', 'request', 'article', 'hotwash', 'evidence', 'statementRejected']),
  from: stringMap,
  // Open: it only picks a label.
  method: oneOf(deliveryMethods, 'open'),
  subject: stringMap,
  message: stringMap,
  firedAt: string,
  responseRequested: boolean,
  // Issue-3 fields: older servers omit them.
  responseForm: optional(nullable(responseForm)),
  respondWithin: optional(nullable(string)),
  attachments: optional(arrayOf(attachmentRef)),
  disclosures: optional(arrayOf(disclosureGate)),
  // Issue-13 field: only on the hotwash; older servers omit it.
  anonymous: optional(boolean),
  playAt: aheadOfServer(string),
  // Simulation-cell fields: older servers omit them.
  persona: optional(nullable(personaRef)),
  threadId: optional(nullable(string)),
  classificationLine: optional(stringMap),
  requestId: optional(nullable(string)),
  // Media fields: older servers omit them.
  channel: optional(nullable(channelRef)),
  publishedAt: optional(nullable(string)),
  statementId: optional(nullable(string)),
});

const syncResult = object<SyncResult>('SyncResult', {
  // The app checks each message itself and drops a bad one, not the page.
  messages: arrayOf(deliveredMessage, 'checkedByCaller'),
  lastSequence: integer,
  hasMore: boolean,
});

const respondRequest = object<RespondRequest>('RespondRequest', {
  responseId: string,
  sequence: integer,
  text: string,
  choice: optional(string),
  fields: optional(stringMap),
  attachmentIds: optional(arrayOf(string)),
  location: optional(geoPoint),
});

const responseReceipt = object<ResponseReceipt>('ResponseReceipt', {
  responseId: string,
  sequence: integer,
  storedAt: string,
  duplicate: boolean,
});

const personaRequest = object<PersonaRequest>('PersonaRequest', {
  requestId: string,
  personaId: string,
  text: string,
  attachmentIds: optional(arrayOf(string)),
});

const evidenceScan = object<EvidenceScan>('EvidenceScan', {
  scanId: string,
  code: string,
  location: optional(geoPoint),
});

const evidenceReceipt = object<EvidenceReceipt>('EvidenceReceipt', {
  scanId: string,
  outcome: oneOf(['found', 'alreadyFound', 'notYet', 'notThisExercise']),
  item: optional(nullable(stringMap)),
  sequence: optional(nullable(integer)),
  storedAt: string,
  duplicate: boolean,
});

const statementSubmission = object<StatementSubmission>('StatementSubmission', {
  statementId: string,
  text: string,
});

const statementReceipt = object<StatementReceipt>('StatementReceipt', {
  statementId: string,
  storedAt: string,
  duplicate: boolean,
});

const requestReceipt = object<RequestReceipt>('RequestReceipt', {
  requestId: string,
  threadId: string,
  storedAt: string,
  duplicate: boolean,
});

const safetySignal = object<SafetySignal>('SafetySignal', {
  signalId: nonEmptyString,
  kind: oneOf(['stop', 'endex', 'realEmergency']),
  // A STOP is shown even without its message or flag: nothing here may drop a safety signal.
  message: optional(nullable(stringMap)),
  issuedAt: string,
  acknowledged: optional(boolean),
});

const reconcileResult = object<ReconcileResult>('ReconcileResult', {
  // The app checks each signal itself and drops a bad one, not the answer.
  signals: arrayOf(safetySignal, 'checkedByCaller'),
  mailbox: syncResult,
});

const helloRequest = object<HelloRequest>('HelloRequest', {
  appVersion: string,
  batteryLevel: optional(number),
  batteryLow: optional(boolean),
  language: optional(string),
});

const controllerCallRequest = object<ControllerCallRequest>('ControllerCallRequest', {
  callId: string,
  sequence: optional(integer),
  note: optional(string),
});

const disclosureReport = object<DisclosureReport>('DisclosureReport', {
  sequence: integer,
  gateId: string,
  teamId: string,
  note: optional(string),
  disclosureId: optional(string),
});

const disclosureRecord = object<DisclosureRecord>('DisclosureRecord', {
  actorId: string,
  injectNumber: string,
  gateId: string,
  teamId: string,
  note: optional(nullable(string)),
  at: string,
  scenarioTime: string,
  gateOpen: boolean,
  deviceName: string,
  disclosureId: optional(nullable(string)),
});

const teamResponse = object<TeamResponse>('TeamResponse', {
  responseId: string,
  sequence: integer,
  injectNumber: optional(string),
  deviceId: string,
  deviceName: string,
  text: optional(nullable(string)),
  choice: optional(nullable(string)),
  fields: optional(nullable(stringMap)),
  attachmentIds: optional(nullable(arrayOf(string))),
  storedAt: string,
});

const responsePage = object<ResponsePage>('ResponsePage', {
  // The app checks each response itself and drops a bad one, not the page.
  responses: arrayOf(teamResponse, 'checkedByCaller'),
  next: integer,
  hasMore: boolean,
});

const namedRef = object<NamedRef>('NamedRef', { id: string, name: stringMap });

const rating = oneOf(RATINGS);

const evaluatorTask = object<EvaluatorTask>('EvaluatorTask', {
  id: string,
  objectiveId: string,
  objective: stringMap,
  capability: stringMap,
  title: stringMap,
  targets: arrayOf(stringMap),
});

const injectInPlay = object<InjectInPlay>('InjectInPlay', {
  injectNumber: string,
  subject: stringMap,
  firedAt: string,
  teams: arrayOf(string),
  siteId: optional(nullable(string)),
});

const recordedRating = object<RecordedRating>('RecordedRating', {
  observationId: string,
  teamId: string,
  criticalTaskId: string,
  rating,
  scenarioTime: string,
});

const evaluatorBrief = object<EvaluatorBrief>('EvaluatorBrief', {
  evaluatorId: string,
  name: stringMap,
  teams: arrayOf(namedRef),
  sites: arrayOf(namedRef),
  tasks: arrayOf(evaluatorTask),
  inPlay: arrayOf(injectInPlay),
  scenarioTime: string,
  speed: number,
  running: boolean,
  asOf: string,
  recorded: arrayOf(recordedRating),
});

const upcomingCueCard = object<UpcomingCueCard>('UpcomingCueCard', {
  injectNumber: string,
  title: stringMap,
  dueAt: string,
});

const upcomingCueCards = object<UpcomingCueCards>('UpcomingCueCards', {
  cards: arrayOf(upcomingCueCard),
  scenarioTime: string,
  speed: number,
  running: boolean,
  asOf: string,
});

const observationRequest = object<ObservationRequest>('ObservationRequest', {
  observationId: string,
  observedAt: string,
  teamId: optional(string),
  siteId: optional(string),
  criticalTaskId: optional(string),
  rating: optional(rating),
  note: optional(string),
  injectNumber: optional(string),
  attachmentIds: optional(arrayOf(string)),
  location: optional(geoPoint),
  corrects: optional(string),
});

const observationReceipt = object<ObservationReceipt>('ObservationReceipt', {
  observationId: string,
  sequence: integer,
  scenarioTime: string,
  storedAt: string,
  duplicate: boolean,
});

/** Every message shape, by the TypeScript name; for contract.test.ts. */
export const wire = {
  joinRequest,
  joinResponse,
  connectTicketResponse,
  deliveredMessage,
  syncResult,
  reconcileResult,
  respondRequest,
  responseReceipt,
  personaRequest,
  requestReceipt,
  evidenceScan,
  evidenceReceipt,
  statementSubmission,
  statementReceipt,
  safetySignal,
  helloRequest,
  controllerCallRequest,
  disclosureReport,
  disclosureRecord,
  teamResponse,
  responsePage,
  evaluatorBrief,
  observationRequest,
  observationReceipt,
  upcomingCueCards,
} as const;

// --- guards for what comes off the wire: a malformed message is dropped, not stored ---

export function isDeliveredMessage(value: unknown): value is DeliveredMessage {
  return conforms(deliveredMessage, value);
}

export function isSafetySignal(value: unknown): value is SafetySignal {
  return conforms(safetySignal, value);
}

export function isTeamResponse(value: unknown): value is TeamResponse {
  return conforms(teamResponse, value);
}

export function isResponsePage(value: unknown): value is ResponsePage {
  return conforms(responsePage, value);
}

export function isSyncResult(value: unknown): value is SyncResult {
  return conforms(syncResult, value);
}

export function isReconcileResult(value: unknown): value is ReconcileResult {
  return conforms(reconcileResult, value);
}

export function isResponseReceipt(value: unknown): value is ResponseReceipt {
  return conforms(responseReceipt, value);
}

export function isEvidenceReceipt(value: unknown): value is EvidenceReceipt {
  return conforms(evidenceReceipt, value);
}

export function isRequestReceipt(value: unknown): value is RequestReceipt {
  return conforms(requestReceipt, value);
}

export function isStatementReceipt(value: unknown): value is StatementReceipt {
  return conforms(statementReceipt, value);
}

export function isJoinResponse(value: unknown): value is JoinResponse {
  return conforms(joinResponse, value);
}

export function isConnectTicketResponse(value: unknown): value is ConnectTicketResponse {
  return conforms(connectTicketResponse, value);
}

export function isDisclosureRecord(value: unknown): value is DisclosureRecord {
  return conforms(disclosureRecord, value);
}

export function isEvaluatorBrief(value: unknown): value is EvaluatorBrief {
  return conforms(evaluatorBrief, value);
}

export function isObservationReceipt(value: unknown): value is ObservationReceipt {
  return conforms(observationReceipt, value);
}

export function isUpcomingCueCards(value: unknown): value is UpcomingCueCards {
  return conforms(upcomingCueCards, value);
}
