// Vibration and sound for new messages and safety signals. The sound is made with Web Audio (a
// few beeps from an oscillator), so no audio file is shipped or cached.

const MUTE_KEY = 'scenarioengine.muted';

type AudioContextCtor = new () => AudioContext;

let context: AudioContext | null = null;
let muted = readMuted();
const listeners = new Set<(muted: boolean) => void>();

function readMuted(): boolean {
  try {
    return globalThis.localStorage?.getItem(MUTE_KEY) === 'true';
  } catch {
    return false;
  }
}

export function isMuted(): boolean {
  return muted;
}

/** The mute switch silences the sound of new messages. Vibration stays, and so do signals' alarms. */
export function setMuted(value: boolean): void {
  muted = value;
  try {
    globalThis.localStorage?.setItem(MUTE_KEY, String(value));
  } catch {
    // the choice still holds for this page view
  }
  for (const listener of listeners) listener(value);
}

export function onMutedChange(listener: (muted: boolean) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Browsers start audio only from a user gesture: make (or resume) the context on the first tap,
 * so a message arriving later can be heard.
 */
export function unlockAudio(): void {
  const Ctor =
    (globalThis as { AudioContext?: AudioContextCtor; webkitAudioContext?: AudioContextCtor }).AudioContext ??
    (globalThis as { webkitAudioContext?: AudioContextCtor }).webkitAudioContext;
  if (!Ctor) return;
  try {
    context ??= new Ctor();
    if (context.state === 'suspended') void context.resume().catch(() => undefined);
  } catch {
    context = null;
  }
}

function beep(frequencies: readonly number[], each: number, volume: number): void {
  if (context?.state !== 'running') return;
  let at = context.currentTime + 0.02;
  for (const frequency of frequencies) {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.type = 'square';
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(volume, at);
    gain.gain.exponentialRampToValueAtTime(0.001, at + each);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(at);
    oscillator.stop(at + each);
    at += each + 0.05;
  }
}

function vibrate(pattern: number | number[]): void {
  try {
    globalThis.navigator?.vibrate?.(pattern);
  } catch {
    // some browsers throw without a prior user gesture
  }
}

/** A new inject or cue card: two short buzzes and two beeps (unless muted). */
export function alertNewMessage(): void {
  vibrate([200, 100, 200]);
  if (!muted) beep([880, 1175], 0.15, 0.2);
}

/** STOP, ENDEX, real emergency: a long buzz pattern and an alarm, whatever the mute switch says. */
export function alertSignal(): void {
  vibrate([600, 200, 600, 200, 600]);
  beep([988, 740, 988, 740, 988, 740], 0.25, 0.35);
}
