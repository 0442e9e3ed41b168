import { ChangeListeners } from './listeners';
import type { FlushResult, PhotoDraft, UploadAttachment } from './outbox';
import { RepeatingPass } from './passes';
import type { Attachment, Store, StoredObservation } from './store';
import {
  type EvaluatorBrief,
  type GeoPoint,
  type InjectInPlay,
  isObservationReceipt,
  type ObservationRequest,
  type Rating,
} from './types';

/** What the evaluator recorded: a rating of a critical task for a team, or an "observed now" note. */
export interface ObservationDraft {
  teamId?: string;
  siteId?: string;
  criticalTaskId?: string;
  rating?: Rating;
  note?: string;
  injectNumber?: string;
  photos?: readonly PhotoDraft[];
  location?: GeoPoint;
  /** The observationId of the evaluator's earlier observation this one corrects. */
  corrects?: string;
}

export type SendObservation = (request: ObservationRequest) => Promise<unknown>;

/** Parses the server's TimeSpan text ("hh:mm:ss", "d.hh:mm:ss", fractions allowed) to milliseconds. */
export function parseSpan(text: string): number {
  const match = /^(-)?(?:(\d+)\.)?(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(text);
  if (!match) return 0;
  const [, minus, days, hours, minutes, seconds] = match;
  const ms = ((Number(days ?? 0) * 24 + Number(hours)) * 60 + Number(minutes)) * 60_000 + Number(seconds) * 1000;
  return minus ? -ms : ms;
}

/**
 * Exercise time now, from the brief's clock: while offline the phone runs the clock on from what
 * it last heard. A pause or jump it did not hear about shows only after the next brief; the
 * server stamps each observation with the exact exercise time of `observedAt` anyway.
 */
export function exerciseTimeAt(brief: EvaluatorBrief, now: Date): number {
  const base = parseSpan(brief.scenarioTime);
  if (!brief.running) return base;
  return base + Math.max(0, now.getTime() - Date.parse(brief.asOf)) * brief.speed;
}

/** The inject in play at a site (or, with no site, for a team): the newest one fired there. */
export function inPlayFor(
  brief: EvaluatorBrief,
  place: { siteId?: string; teamId?: string },
): InjectInPlay | undefined {
  return brief.inPlay.find(
    (i) =>
      (place.siteId !== undefined && i.siteId === place.siteId) ||
      (place.siteId === undefined && place.teamId !== undefined && i.teams.includes(place.teamId)),
  );
}

/**
 * The rating that counts for a task and team: the newest this phone made (sent or not), else
 * what the server's brief says. With it comes the id a correction must name.
 */
export function currentRating(
  brief: EvaluatorBrief | null,
  observations: readonly StoredObservation[],
  teamId: string,
  criticalTaskId: string,
): { rating: Rating; observationId: string } | undefined {
  const local = observations
    .filter((o) => o.teamId === teamId && o.criticalTaskId === criticalTaskId && o.rating !== undefined)
    .at(-1);
  if (local?.rating) return { rating: local.rating, observationId: local.observationId };
  const recorded = brief?.recorded.find((r) => r.teamId === teamId && r.criticalTaskId === criticalTaskId);
  return recorded ? { rating: recorded.rating, observationId: recorded.observationId } : undefined;
}

export function isEmptyObservation(draft: ObservationDraft): boolean {
  return draft.rating === undefined && !draft.note?.trim() && (draft.photos?.length ?? 0) === 0;
}

/**
 * An evaluator's observations waiting for their receipts: the responses' outbox rule for the
 * evaluator's phone. Each is stored on the phone at once with an id made here; a flush sends the
 * unreceipted ones oldest first, each waiting for its receipt, and the server stores each id once,
 * so a send whose receipt was lost is simply sent again.
 */
export class ObservationOutbox {
  private readonly passes = new RepeatingPass<FlushResult>();
  private readonly listeners = new ChangeListeners();
  private counter = 0;

  constructor(
    private readonly store: Store,
    private readonly newId: () => string = () => crypto.randomUUID(),
    private readonly now: () => Date = () => new Date(),
  ) {}

  onChange(listener: () => void): () => void {
    return this.listeners.add(listener);
  }

  private changed(): void {
    this.listeners.notify();
  }

  /** Keeps the observation on the phone, stamped with when it was seen. */
  async add(draft: ObservationDraft): Promise<StoredObservation> {
    if (isEmptyObservation(draft)) throw new Error('empty observation');
    const observedAt = this.now();
    const observationId = this.newId();
    const attachments: Attachment[] = (draft.photos ?? []).map((photo) => ({
      attachmentId: this.newId(),
      responseId: observationId,
      contentType: photo.contentType,
      bytes: photo.bytes,
      state: 'pending',
    }));
    const note = draft.note?.trim();
    const observation: StoredObservation = {
      observationId,
      observedAt: observedAt.toISOString(),
      order: observedAt.getTime() * 1000 + (this.counter++ % 1000),
      ...(draft.teamId ? { teamId: draft.teamId } : {}),
      ...(draft.siteId ? { siteId: draft.siteId } : {}),
      ...(draft.criticalTaskId ? { criticalTaskId: draft.criticalTaskId } : {}),
      ...(draft.rating ? { rating: draft.rating } : {}),
      ...(note ? { note } : {}),
      ...(draft.injectNumber ? { injectNumber: draft.injectNumber } : {}),
      ...(attachments.length > 0 ? { attachmentIds: attachments.map((a) => a.attachmentId) } : {}),
      ...(draft.location ? { location: draft.location } : {}),
      ...(draft.corrects ? { corrects: draft.corrects } : {}),
    };
    await this.store.enqueueObservation(observation, attachments);
    this.changed();
    return observation;
  }

  async pending(): Promise<StoredObservation[]> {
    return (await this.store.observations()).filter((o) => !o.receipt);
  }

  /** Sends what waits, oldest first (a correction after what it corrects). Concurrent calls share one run. */
  flush(
    send: SendObservation,
    keepGoing: (error: unknown) => boolean = () => false,
    upload?: UploadAttachment,
  ): Promise<FlushResult> {
    return this.passes.run((another) => this.runPasses(send, keepGoing, upload, another));
  }

  private async runPasses(
    send: SendObservation,
    keepGoing: (error: unknown) => boolean,
    upload: UploadAttachment | undefined,
    another: () => boolean,
  ): Promise<FlushResult> {
    const total: FlushResult = { sent: 0, failed: 0, stopped: false };
    do {
      const result: FlushResult = { sent: 0, failed: 0, stopped: false };
      for (const observation of await this.pending()) {
        try {
          const attachmentIds = await this.uploadPhotos(observation, upload);
          const { order: _order, receipt: _receipt, ...request } = observation;
          if (attachmentIds.length > 0) request.attachmentIds = attachmentIds;
          else delete request.attachmentIds;
          const receipt = await send(request);
          if (!isObservationReceipt(receipt) || receipt.observationId !== observation.observationId) {
            throw new Error(`receipt does not match observation ${observation.observationId}`);
          }
          if (await this.store.settleObservation(receipt)) this.changed();
          result.sent++;
        } catch (error) {
          result.failed++;
          if (!keepGoing(error)) {
            result.stopped = true;
            break;
          }
        }
      }
      total.sent += result.sent;
      total.failed += result.failed;
      total.stopped = result.stopped;
      if (result.stopped) break;
    } while (another());
    return total;
  }

  /** Uploads the photos not yet on the server (a retried upload with the same id stores one file). */
  private async uploadPhotos(observation: StoredObservation, upload: UploadAttachment | undefined): Promise<string[]> {
    if (!observation.attachmentIds?.length) return [];
    const accepted: string[] = [];
    for (const attachment of await this.store.attachmentsOf(observation.observationId)) {
      if (attachment.state === 'pending') {
        if (!upload) throw new Error(`no uploader for the photos of observation ${observation.observationId}`);
        const outcome = await upload(attachment);
        if (outcome === 'uploaded') {
          await this.store.setAttachmentState(attachment.attachmentId, 'uploaded');
          accepted.push(attachment.attachmentId);
        } else {
          await this.store.setAttachmentState(attachment.attachmentId, 'rejected', outcome.refused);
        }
      } else if (attachment.state === 'uploaded') {
        accepted.push(attachment.attachmentId);
      }
    }
    return observation.attachmentIds.filter((id) => accepted.includes(id));
  }
}
