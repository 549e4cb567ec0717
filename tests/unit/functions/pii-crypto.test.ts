import { localPii } from '../../../functions/src/platform/config';
import { createPiiCipher } from '../../../functions/src/platform/crypto';
import { districtPath, regionChildren, regionFullName } from '../../../functions/src/platform/regions';

/** Envelope encryption of personal data (raw AES keyring locally; the same code path as KMS) and the region table. */

describe('PiiCipher', () => {
  const cipher = createPiiCipher(localPii());
  const context = { purpose: 'membership-application', applicationId: 'ma_test123' };

  test('encrypts to a ciphertext without the plaintext, and decrypts with the same context', async () => {
    const secret = JSON.stringify({ idNumber: '11010519491231002X', mobile: '13812341234' });
    const a = await cipher.encrypt(secret, context);
    const b = await cipher.encrypt(secret, context);
    expect(a).not.toBe(b);
    expect(Buffer.from(a, 'base64').toString('latin1')).not.toContain('11010519491231002X');
    expect(await cipher.decrypt(a, context)).toBe(secret);
  });

  test('refuses a ciphertext moved to another record (context mismatch) or tampered with', async () => {
    const ct = await cipher.encrypt('13812341234', context);
    await expect(cipher.decrypt(ct, { ...context, applicationId: 'ma_other' })).rejects.toThrow();
    const bytes = Buffer.from(ct, 'base64');
    const at = bytes.length - 40;
    bytes[at] = (bytes[at] ?? 0) ^ 1;
    await expect(cipher.decrypt(bytes.toString('base64'), context)).rejects.toThrow();
  });

  test('each message carries its own wrapped data key: one moved onto another message does not open it', async () => {
    const a = Buffer.from(await cipher.encrypt('13812341234', context), 'base64');
    const b = Buffer.from(await cipher.encrypt('13912345678', context), 'base64');
    expect(a[0]).toBe(1);
    const keyEnd = 3 + a.readUInt16BE(1);
    const swapped = Buffer.concat([b.subarray(0, keyEnd), a.subarray(keyEnd)]);
    await expect(cipher.decrypt(swapped.toString('base64'), context)).rejects.toThrow();
    const unknownVersion = Buffer.from(a);
    unknownVersion[0] = 2;
    await expect(cipher.decrypt(unknownVersion.toString('base64'), context)).rejects.toThrow('unknown ciphertext format');
  });

  test('another key cannot decrypt; the keyed hash depends on its key', async () => {
    const other = createPiiCipher({ localDataKey: Buffer.alloc(32, 7).toString('base64'), hashKey: async () => 'another-hash-key-for-testing-only-000000' });
    const ct = await cipher.encrypt('x', context);
    await expect(other.decrypt(ct, context)).rejects.toThrow();
    const hash = await cipher.hash('11010519491231002X');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await cipher.hash('11010519491231002X')).toBe(hash);
    expect(await other.hash('11010519491231002X')).not.toBe(hash);
  });
});

describe('regions', () => {
  test('the three levels, with municipalities and cities without districts made pickable', () => {
    expect(regionChildren()).toHaveLength(31);
    expect(regionChildren('11')).toEqual([{ code: '1101', name: '北京市', leaf: false }]);
    expect(regionChildren('4419')).toEqual([{ code: '441900', name: '东莞市', leaf: true }]);
    expect(regionChildren('50')?.map((c) => c.name)).toEqual(['重庆市']);
    expect(regionChildren('5001')?.some((d) => d.name === '巫山县')).toBe(true);
    expect(regionChildren('0000')).toBeNull();
    expect(districtPath('360428')?.district.name).toBe('都昌县');
    expect(districtPath('3604')).toBeNull();
    expect(districtPath('360499')).toBeNull();
    expect(regionFullName('360428')).toBe('江西省 九江市 都昌县');
    expect(regionFullName('110105')).toBe('北京市 朝阳区');
    expect(regionFullName('441900')).toBe('广东省 东莞市');
  });
});
