import type { KeyValueStorage } from './i18n';
import type { GeoPoint, JoinResponse } from './types';

/** The user's answer to "add my location to what I send?", per exercise. */
export type LocationConsent = 'granted' | 'declined';

/** The part of `navigator.geolocation` used here, so tests can count the calls. */
export interface GeolocationLike {
  getCurrentPosition(
    success: (position: { coords: { latitude: number; longitude: number; accuracy: number } }) => void,
    error?: (error: unknown) => void,
    options?: { enableHighAccuracy?: boolean; timeout?: number; maximumAge?: number },
  ): void;
}

/** How long a send waits for a position before it goes without one. */
export const CAPTURE_TIMEOUT_MS = 5_000;

/** A position this recent is good enough: indoors a fresh fix may never come. */
export const CACHED_POSITION_MAX_AGE_MS = 120_000;

/** The server's bound for a radius; a larger one says nothing about where the phone was. */
const MAX_ACCURACY_METERS = 100_000;

/**
 * The point as the server accepts it, or nothing. The phone checks the server's ranges before it
 * queues a point, so a response is never refused for a location the browser made up.
 */
export function toGeoPoint(latitude: number, longitude: number, accuracy: number): GeoPoint | undefined {
  if (!Number.isFinite(latitude) || latitude < -90 || latitude > 90) return undefined;
  if (!Number.isFinite(longitude) || longitude < -180 || longitude > 180) return undefined;
  const point: GeoPoint = { latitude, longitude };
  if (Number.isFinite(accuracy) && accuracy >= 0 && accuracy <= MAX_ACCURACY_METERS) point.accuracyMeters = accuracy;
  return point;
}

/**
 * One position now, or nothing within `timeoutMs`. The browser's own timeout does not run while
 * its permission prompt is open, so a timer of our own bounds the wait whatever the browser does.
 */
export function readPosition(
  geolocation: GeolocationLike | undefined,
  timeoutMs = CAPTURE_TIMEOUT_MS,
): Promise<GeoPoint | undefined> {
  if (!geolocation) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    let done = false;
    const finish = (point: GeoPoint | undefined): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(point);
    };
    const timer = setTimeout(() => finish(undefined), timeoutMs);
    try {
      geolocation.getCurrentPosition(
        (p) => finish(toGeoPoint(p.coords.latitude, p.coords.longitude, p.coords.accuracy)),
        () => finish(undefined),
        { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: CACHED_POSITION_MAX_AGE_MS },
      );
    } catch {
      finish(undefined);
    }
  });
}

function browserGeolocation(): GeolocationLike | undefined {
  return globalThis.navigator?.geolocation ?? undefined;
}

/**
 * Whether a response or a scan carries the phone's location: only when the exercise asks for it
 * (the join answer's `locationSharing`) and this phone's user said yes. Without both, nothing is
 * read from the geolocation API. There is no watch and no timer: a position is read only when
 * the user sends something, never in the background.
 */
export class LocationSharing {
  constructor(
    private readonly storage: KeyValueStorage & { removeItem(key: string): void },
    private readonly geolocation: () => GeolocationLike | undefined = browserGeolocation,
    private readonly timeoutMs = CAPTURE_TIMEOUT_MS,
  ) {}

  private static key(exerciseId: string): string {
    return `scenarioengine.location.${exerciseId}`;
  }

  /**
   * The exercise asks, and this is a team's phone: the plans place teams (evaluators add theirs per
   * observation instead; actors play a part at a site and are not placed).
   */
  static asked(session: Pick<JoinResponse, 'locationSharing' | 'role'> | null | undefined): boolean {
    return session?.locationSharing === true && session.role === 'participant';
  }

  /** The user's answer for this exercise; null when not asked yet. */
  consent(exerciseId: string): LocationConsent | null {
    try {
      const value = this.storage.getItem(LocationSharing.key(exerciseId));
      return value === 'granted' || value === 'declined' ? value : null;
    } catch {
      return null;
    }
  }

  setConsent(exerciseId: string, consent: LocationConsent): void {
    try {
      this.storage.setItem(LocationSharing.key(exerciseId), consent);
    } catch {
      // Storage denied: the answer holds until the page goes, and the phone asks again later.
    }
  }

  forget(exerciseId: string): void {
    try {
      this.storage.removeItem(LocationSharing.key(exerciseId));
    } catch {
      // nothing kept, nothing to forget
    }
  }

  /** Both opt-ins hold for this session. */
  allowed(session: Pick<JoinResponse, 'locationSharing' | 'role' | 'exerciseId'> | null | undefined): boolean {
    return !!session && LocationSharing.asked(session) && this.consent(session.exerciseId) === 'granted';
  }

  /**
   * Where the phone is, at the user's tap, when both opt-ins hold; otherwise undefined without
   * touching the geolocation API. A refusal or a timeout also gives undefined: sending never
   * waits longer than the timeout and never fails for want of a position.
   */
  capture(
    session: Pick<JoinResponse, 'locationSharing' | 'role' | 'exerciseId'> | null | undefined,
  ): Promise<GeoPoint | undefined> {
    if (!this.allowed(session)) return Promise.resolve(undefined);
    return readPosition(this.geolocation(), this.timeoutMs);
  }
}
