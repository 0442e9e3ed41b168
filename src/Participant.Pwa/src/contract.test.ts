import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { arrayOf, type Check, objectShapes, problems } from './shape';
import {
  isConnectTicketResponse,
  isDeliveredMessage,
  isDisclosureRecord,
  isEvaluatorBrief,
  isEvidenceReceipt,
  isJoinResponse,
  isObservationReceipt,
  isReconcileResult,
  isRequestReceipt,
  isResponsePage,
  isResponseReceipt,
  isSafetySignal,
  isStatementReceipt,
  isSyncResult,
  isTeamResponse,
  isUpcomingCueCards,
  wire,
} from './types';

// The device contract from the app's side. The server's tests write one example of every message
// of the protocol, with the server's own records and JSON options, to contract/device/
// (DeviceContractTests in tests/Controller.Web.Tests). Here each is checked with the app's shapes
// in strict mode: a field the app does not know, a field it needs that is missing, an enum value
// it does not know, all fail. So does a field the app declares that no server message has.

const fixtureDir = fileURLToPath(new URL('../../../contract/device/', import.meta.url));
const srcDir = fileURLToPath(new URL('.', import.meta.url));

interface Fixture {
  shape: Check;
  /** The guard the app runs on it, for what comes from the server. */
  guard?: (value: unknown) => boolean;
}

const arrayGuard = (guard: (value: unknown) => boolean) => (value: unknown) =>
  Array.isArray(value) && value.every(guard);

/** Each fixture file, by name, and what the app checks it with. */
const fixtures: Record<string, Fixture> = {
  'join.request': { shape: wire.joinRequest },
  'join.response.participant': { shape: wire.joinResponse, guard: isJoinResponse },
  'join.response.actor': { shape: wire.joinResponse, guard: isJoinResponse },
  'join.response.evaluator': { shape: wire.joinResponse, guard: isJoinResponse },
  'connectTicket.response': { shape: wire.connectTicketResponse, guard: isConnectTicketResponse },
  'GetEvaluatorBrief.result': { shape: wire.evaluatorBrief, guard: isEvaluatorBrief },
  'GetUpcomingCueCards.result': { shape: wire.upcomingCueCards, guard: isUpcomingCueCards },
  'Observe.request': { shape: wire.observationRequest },
  'Observe.receipt': { shape: wire.observationReceipt, guard: isObservationReceipt },
  'Deliver.inject': { shape: wire.deliveredMessage, guard: isDeliveredMessage },
  'Deliver.cueCard': { shape: wire.deliveredMessage, guard: isDeliveredMessage },
  'Deliver.reply': { shape: wire.deliveredMessage, guard: isDeliveredMessage },
  'Deliver.request': { shape: wire.deliveredMessage, guard: isDeliveredMessage },
  'Deliver.article': { shape: wire.deliveredMessage, guard: isDeliveredMessage },
  'Deliver.tvReport': { shape: wire.deliveredMessage, guard: isDeliveredMessage },
  'Deliver.history': { shape: wire.deliveredMessage, guard: isDeliveredMessage },
  'Deliver.statement': { shape: wire.deliveredMessage, guard: isDeliveredMessage },
  'Deliver.statementRejected': { shape: wire.deliveredMessage, guard: isDeliveredMessage },
  'Deliver.hotwash': { shape: wire.deliveredMessage, guard: isDeliveredMessage },
  'Deliver.evidence': { shape: wire.deliveredMessage, guard: isDeliveredMessage },
  'ScanEvidence.request': { shape: wire.evidenceScan },
  'ScanEvidence.receipt.found': { shape: wire.evidenceReceipt, guard: isEvidenceReceipt },
  'ScanEvidence.receipt.alreadyFound': { shape: wire.evidenceReceipt, guard: isEvidenceReceipt },
  'ScanEvidence.receipt.notYet': { shape: wire.evidenceReceipt, guard: isEvidenceReceipt },
  'ScanEvidence.receipt.notThisExercise': { shape: wire.evidenceReceipt, guard: isEvidenceReceipt },
  'Sync.result': { shape: wire.syncResult, guard: isSyncResult },
  'Reconcile.result': { shape: wire.reconcileResult, guard: isReconcileResult },
  'Respond.request': { shape: wire.respondRequest },
  'Respond.receipt': { shape: wire.responseReceipt, guard: isResponseReceipt },
  'Request.request': { shape: wire.personaRequest },
  'Request.receipt': { shape: wire.requestReceipt, guard: isRequestReceipt },
  'PublishStatement.request': { shape: wire.statementSubmission },
  'PublishStatement.receipt': { shape: wire.statementReceipt, guard: isStatementReceipt },
  'MarkDisclosed.request': { shape: wire.disclosureReport },
  'MarkDisclosed.result': { shape: wire.disclosureRecord, guard: isDisclosureRecord },
  'Hello.request': { shape: wire.helloRequest },
  'CallController.request': { shape: wire.controllerCallRequest },
  'GetResponses.result': { shape: arrayOf(wire.teamResponse), guard: arrayGuard(isTeamResponse) },
  'GetResponsePage.result': { shape: wire.responsePage, guard: isResponsePage },
  Signal: { shape: wire.safetySignal, guard: isSafetySignal },
  'GetSignals.result': { shape: arrayOf(wire.safetySignal), guard: arrayGuard(isSafetySignal) },
};

const hubMethodsFile = 'hub-methods.json';

function readFixture(name: string): unknown {
  return JSON.parse(readFileSync(join(fixtureDir, name), 'utf8'));
}

const fixtureFiles = readdirSync(fixtureDir)
  .filter((f) => f.endsWith('.json') && f !== hubMethodsFile)
  .sort();

describe('the device contract (contract/device/*.json, written by the server)', () => {
  it('has a shape here for every message the server wrote, and a message for every shape named here', () => {
    expect(fixtureFiles.map((f) => f.replace(/\.json$/, ''))).toEqual(Object.keys(fixtures).sort());
  });

  for (const [name, { shape, guard }] of Object.entries(fixtures)) {
    it(`${name}: every field and enum value is one the app knows, and nothing it needs is missing`, () => {
      expect(problems(shape, readFixture(`${name}.json`), { strict: true })).toEqual([]);
    });

    if (guard) {
      it(`${name}: the app's guard accepts it`, () => {
        expect(guard(readFixture(`${name}.json`))).toBe(true);
      });
    }
  }

  it('every field the app declares comes in some message of the server (or is marked ahead of it)', () => {
    const seen = new Set<string>();
    for (const [name, { shape }] of Object.entries(fixtures)) {
      problems(shape, readFixture(`${name}.json`), { strict: true, seen });
    }

    const neverSent = objectShapes.flatMap((shape) =>
      shape.keys
        .filter((key) => !shape.aheadOfServer.includes(key) && !seen.has(`${shape.typeName}.${key}`))
        .map((key) => `${shape.typeName}.${key}`),
    );

    expect(neverSent).toEqual([]);
  });
});

describe('the hub methods (contract/device/hub-methods.json, written by the server)', () => {
  const hub = readFixture(hubMethodsFile) as {
    phoneToServer: Record<string, unknown>;
    serverToPhone: Record<string, unknown>;
  };
  const appSource = readdirSync(srcDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f.split(/[\\/]/)[0] !== 'test')
    .map((f) => readFileSync(join(srcDir, f), 'utf8'))
    .join('\n');
  const found = (pattern: RegExp) => [...new Set([...appSource.matchAll(pattern)].map((m) => m[1] ?? ''))].sort();

  it('the app calls only methods the server has', () => {
    const called = found(/\b(?:invoke|tryInvoke)\(\s*'(\w+)'/g);

    expect(called.length).toBeGreaterThan(0);
    expect(called.filter((m) => !(m in hub.phoneToServer))).toEqual([]);
  });

  it('the app listens for every method the server calls, and for no other', () => {
    const handled = found(/\.on\(\s*'(\w+)'/g);

    expect(handled).toEqual(Object.keys(hub.serverToPhone).sort());
  });
});
