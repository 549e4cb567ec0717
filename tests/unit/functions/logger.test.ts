import { createLogger } from '../../../functions/src/platform/logger';
import { REDACTED } from '../../../functions/src/platform/redact';

/** What a function writes to stdout and stderr (CloudWatch in AWS), captured line by line. */
function captureLogs(run: () => void): Record<string, unknown>[] {
  const lines: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  };
  const out = jest.spyOn(process.stdout, 'write').mockImplementation(capture);
  const err = jest.spyOn(process.stderr, 'write').mockImplementation(capture);
  const level = process.env.POWERTOOLS_LOG_LEVEL;
  process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
  try {
    run();
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.env.POWERTOOLS_LOG_LEVEL = level;
  }
  return lines
    .join('')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('logger', () => {
  it('writes one JSON line per entry with the service name', () => {
    const [line] = captureLogs(() => createLogger('stations').info('nearby search', { cells: 4 }));
    expect(line).toMatchObject({ level: 'INFO', message: 'nearby search', service: 'yizhan-stations', cells: 4 });
  });

  it('masks personal data at any depth, whatever the key case', () => {
    const logs = captureLogs(() =>
      createLogger('membership').info('application received', {
        applicationId: 'app-42',
        applicant: {
          name: '张三',
          realName: '张三',
          idNumber: '110101199003071234',
          mobile: '13800138000',
          phone: '010-12345678',
          openid: 'oAbCdEfGh123',
          session_key: 'tiihtNczf5v6AKRyjwEUhQ==',
          unionId: 'uAbC',
          district: { code: '360428', name: '都昌县' },
        },
        headers: { Authorization: 'Bearer eyJhbGciOi', 'content-type': 'application/json' },
        token: 'eyJhbGciOi',
        contacts: [{ phone: '13900139000', relation: 'spouse' }],
      }),
    );
    const line = logs[0]!;
    const text = JSON.stringify(line);
    for (const secret of ['张三', '110101199003071234', '13800138000', '010-12345678', 'oAbCdEfGh123', 'tiihtNczf5v6AKRyjwEUhQ==', 'uAbC', 'eyJhbGciOi', '13900139000']) {
      expect(text).not.toContain(secret);
    }
    expect(line).toMatchObject({
      applicationId: 'app-42',
      applicant: { name: REDACTED, idNumber: REDACTED, mobile: REDACTED, openid: REDACTED, session_key: REDACTED },
      headers: { Authorization: REDACTED, 'content-type': 'application/json' },
      token: REDACTED,
      contacts: [{ phone: REDACTED, relation: 'spouse' }],
    });
    // A key named `name` is masked wherever it is: a district's name too. Safe rather than clever.
    expect(line.applicant).toMatchObject({ district: { code: '360428', name: REDACTED } });
  });

  it("keeps an error's name and message, which say what failed, not who", () => {
    const [line] = captureLogs(() =>
      createLogger('stations').error('request failed', {
        error: { name: 'TypeError', message: 'x is undefined', stack: 'TypeError: x is undefined\n    at f' },
      }),
    );
    expect(line).toMatchObject({ error: { name: 'TypeError', message: 'x is undefined' } });
  });

  it('logs an Error object with its name', () => {
    const logs = captureLogs(() => createLogger('stations').info('thrown', new RangeError('radius too large')));
    expect(logs[0]).toMatchObject({ error: { name: 'RangeError', message: 'radius too large' } });
  });

  it('survives circular references and leaves empty values alone', () => {
    const loop: Record<string, unknown> = { id: 'a', mobile: null };
    loop.self = loop;
    const [line] = captureLogs(() => createLogger('stations').info('loop', { loop }));
    expect(line).toMatchObject({ loop: { id: 'a', mobile: null } });
  });
});
