import { FileCreateBody, HardshipApplyBody, HARDSHIP_CONSENT_VERSION, type FileAction, type FileStatus } from '@yz/shared';
import { localPii } from '../../../functions/src/platform/config';
import { createPiiCipher } from '../../../functions/src/platform/crypto';
import type { AppError } from '../../../functions/src/platform/errors';
import { CardTokens } from '../../../functions/src/hardship/card';
import { HardshipService } from '../../../functions/src/hardship/service';
import { InMemoryHardshipStore } from '../adapters/hardship-store';
import { uniqueIdNumber } from '../../helpers/membership';
import { codeOf, later, NOW, principal, recordingIdConflicts } from '../../helpers/service-rules';

/**
 * The rules of hardship files (困难职工档案) on the in-memory store: the status moves and what each does
 * to the card, the version lock, one file per ID number, and that no answer carries the full ID number,
 * the full mobile or the birth date. The HTTP and DynamoDB side is tests/integration/hardship*.test.ts.
 */

const DISTRICT = '450502';
const MOBILE = '13977912345';

const staff = principal('u_staff', { roles: ['staff'], staffScopes: [DISTRICT] });
const otherStaff = principal('u_staff2', { roles: ['staff'], staffScopes: ['360428'] });
const worker = principal('u_worker');

const basic = (idNumber: string) => ({
  name: '刘桂芳',
  idNumber,
  mobile: MOBILE,
  occupation: 'sanitation',
  employer: '海城区环卫站',
  address: '北海市海城区四川路 12 号 3 栋 201',
  householdSize: 4,
});
const parts = {
  cause: { categories: ['illness'], detail: '丈夫患慢性肾病长期透析' },
  income: { householdMonthlyFen: 320000 },
  housing: { type: 'rented' },
};
const fileInput = (idNumber = uniqueIdNumber(DISTRICT)) =>
  FileCreateBody.parse({ districtCode: DISTRICT, basic: basic(idNumber), helper: null, ...parts, plan: { steps: [] }, consent: true });
const applyInput = (idNumber = uniqueIdNumber(DISTRICT)) =>
  HardshipApplyBody.parse({ districtCode: DISTRICT, basic: basic(idNumber), ...parts, consent: true, consentVersion: HARDSHIP_CONSENT_VERSION });

function setup(audited: string[] = []) {
  const store = new InMemoryHardshipStore();
  store.addUser(worker.userId);
  const refusals: string[] = [];
  const service = new HardshipService({
    store,
    cipher: createPiiCipher(localPii()),
    audit: { record: async (entry) => void audited.push(entry.action) },
    idConflicts: recordingIdConflicts(refusals),
    cards: new CardTokens(async () => 'unit-test-session-secret'),
    issueCode: async () => {
      throw new Error('binding codes are not part of these tests');
    },
  });
  return { store, service, refusals };
}

/** A file brought to `status` by the service's own moves. */
async function fileAt(status: FileStatus) {
  const s = setup();
  if (status === 'applied') {
    const mine = await s.service.apply(worker, applyInput(), NOW);
    const file = await s.service.read(staff, mine.file?.id as string, NOW);
    return { ...s, file };
  }
  let file = await s.service.create(staff, fileInput(), NOW);
  const path: FileAction[] = status === 'lifted' ? ['lift'] : status === 'closed' ? ['close'] : [];
  for (const action of path) file = await s.service.changeStatus(staff, file.id, action, '说明', file.version, later(1));
  return { ...s, file };
}

describe('hardship file status moves', () => {
  // By hand: every status × action and where it leads (null: refused).
  const table: Record<FileStatus, Record<FileAction, FileStatus | null>> = {
    applied: { verify: 'on_file', decline: 'closed', lift: null, close: null, reopen: null },
    on_file: { verify: null, decline: null, lift: 'lifted', close: 'closed', reopen: null },
    lifted: { verify: null, decline: null, lift: null, close: 'closed', reopen: 'on_file' },
    closed: { verify: null, decline: null, lift: null, close: null, reopen: 'on_file' },
  };
  for (const [from, actions] of Object.entries(table) as [FileStatus, Record<FileAction, FileStatus | null>][]) {
    for (const [action, to] of Object.entries(actions) as [FileAction, FileStatus | null][]) {
      it(`${from} + ${action} → ${to ?? 'INVALID_TRANSITION'}`, async () => {
        const { service, store, file } = await fileAt(from);
        const attempt = service.changeStatus(staff, file.id, action, '说明', file.version, later(5));
        if (!to) {
          expect(await codeOf(attempt)).toBe('INVALID_TRANSITION');
          expect(await store.get(file.id)).toMatchObject({ status: from, version: file.version });
          return;
        }
        const after = await attempt;
        expect(after).toMatchObject({ status: to, version: file.version + 1 });
        expect(after.timeline.at(-1)).toMatchObject({ from, to, by: 'staff' });
        // The card lives while the file is on file or lifted out: closing withdraws it, filing issues one.
        expect(after.card.active).toBe(to === 'on_file' || to === 'lifted');
      });
    }
  }

  it('a move on a version that has moved on is refused as changed', async () => {
    const { service, store, file } = await fileAt('on_file');
    await service.changeStatus(staff, file.id, 'lift', '已就业', file.version, later(1));
    expect(await codeOf(service.changeStatus(staff, file.id, 'close', '迁出', file.version, later(2)))).toBe('FILE_CHANGED');
    expect((await store.get(file.id))?.status).toBe('lifted');
  });

  it('a reopened file gets a new card; the old card no longer opens it', async () => {
    const { service, store, file } = await fileAt('on_file');
    const oldCard = (await store.get(file.id))?.cardTokenId as string;
    const oldToken = await new CardTokens(async () => 'unit-test-session-secret').sign(oldCard);
    expect((await service.scan(staff, oldToken, later(1))).id).toBe(file.id);
    const closed = await service.changeStatus(staff, file.id, 'close', '迁出', file.version, later(2));
    expect(await codeOf(service.scan(staff, oldToken, later(3)))).toBe('CARD_NOT_FOUND');
    await service.changeStatus(staff, file.id, 'reopen', '迁回', closed.version, later(4));
    const newCard = (await store.get(file.id))?.cardTokenId;
    expect(newCard).toBeTruthy();
    expect(newCard).not.toBe(oldCard);
    expect(await codeOf(service.scan(staff, oldToken, later(5)))).toBe('CARD_NOT_FOUND');
  });

  it('a revoked card is refused alike for staff and strangers, and the revocation is audited with it', async () => {
    const { service, store, file } = await fileAt('on_file');
    const token = await new CardTokens(async () => 'unit-test-session-secret').sign((await store.get(file.id))?.cardTokenId as string);
    expect(await codeOf(service.scan(worker, token, later(1)))).toBe('CARD_NOT_FOUND');
    await service.revokeCard(staff, file.id, later(2));
    expect(await codeOf(service.scan(staff, token, later(3)))).toBe('CARD_NOT_FOUND');
    expect(store.audit).toEqual([expect.objectContaining({ action: 'hardship.card', targetId: file.id, detail: { op: 'revoke' } })]);
  });
});

describe('one file per ID number', () => {
  it('staff of the region are told where it is; staff elsewhere and workers get the neutral refusal', async () => {
    const { service, store, refusals } = setup();
    const idNumber = uniqueIdNumber(DISTRICT);
    const first = await service.create(staff, fileInput(idNumber), NOW);
    const here = await service.create(staff, fileInput(idNumber), later(1)).catch((e: AppError) => e);
    expect(here).toMatchObject({ code: 'HARDSHIP_FILE_EXISTS', extra: { fileId: first.id } });
    expect(await codeOf(service.create(otherStaff, fileInput(idNumber), later(2)))).toBe('ID_NUMBER_UNAVAILABLE');
    expect(await codeOf(service.apply(worker, applyInput(idNumber), later(3)))).toBe('ID_NUMBER_UNAVAILABLE');
    expect(refusals).toEqual([first.id, first.id]);
    expect(store.files.size).toBe(1);
    // The refused application bound nothing.
    expect(await store.fileIdOfUser(worker.userId)).toBeNull();
  });

  it('a worker applies once: the second is refused as their own, whatever the ID number', async () => {
    const { service, store } = setup();
    await service.apply(worker, applyInput(), NOW);
    expect(await codeOf(service.apply(worker, applyInput(), later(1)))).toBe('HARDSHIP_FILE_EXISTS');
    expect(store.files.size).toBe(1);
  });
});

describe('masking, judged per answer', () => {
  it('no answer about a file carries the full ID number, the full mobile or the birth date', async () => {
    const { service } = setup();
    const idNumber = uniqueIdNumber(DISTRICT);
    const birth = idNumber.slice(6, 14);
    const birthIso = `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`;
    const applied = await service.apply(worker, applyInput(idNumber), NOW);
    const id = applied.file?.id as string;
    const verified = await service.changeStatus(staff, id, 'verify', undefined, 1, later(1));
    const answers = [
      applied,
      await service.mine(worker),
      verified,
      await service.read(staff, id, later(2)),
      await service.list({ regionCode: DISTRICT, status: 'all', limit: 10 }),
    ];
    for (const answer of answers) {
      const text = JSON.stringify(answer);
      expect(text).not.toContain(idNumber);
      expect(text).not.toContain(MOBILE);
      expect(text).not.toContain(birth);
      expect(text).not.toContain(birthIso);
    }
    expect(verified.basic.idNumberMasked).toContain('*');
    expect(verified.basic.mobileMasked).toContain('*');
  });

  it('the full number is given only through reveal, and the reveal is audited first', async () => {
    const recorded: string[] = [];
    const { service } = setup(recorded);
    const idNumber = uniqueIdNumber(DISTRICT);
    const file = await service.create(staff, fileInput(idNumber), NOW);
    expect(recorded).toEqual([]);
    expect(await service.reveal(staff, file.id, 'idNumber', '核对身份', later(1))).toMatchObject({ value: idNumber });
    expect(recorded).toEqual(['pii.reveal']);
  });
});
