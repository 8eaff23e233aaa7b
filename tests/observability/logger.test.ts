import { createLogger, requestLoggerOf } from '../../src/observability/logger';

function capture(level: Parameters<typeof createLogger>[0] = 'info') {
  const lines: string[] = [];
  const logger = createLogger(level, { write: (line: string) => void lines.push(line) });
  return { logger, lines };
}

describe('logger', () => {
  it('writes one JSON object per line with level, time and message', () => {
    const { logger, lines } = capture();
    logger.info({ requestId: 'ab12cd34' }, 'request served');
    const entry = JSON.parse(lines[0]);
    expect(entry).toMatchObject({ level: 30, msg: 'request served', requestId: 'ab12cd34', service: 'back-on-track' });
    expect(typeof entry.time).toBe('string');
  });

  it('redacts personal fields wherever they appear', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        text: 'my back hurts',
        booking: { name: 'Sam', contact: { value: 'sam@example.com' } },
        req: { headers: { authorization: 'Bearer x' } },
      },
      'x',
    );
    expect(lines[0]).not.toMatch(/my back hurts|Sam|sam@example\.com|Bearer/);
    expect(lines[0]).toMatch(/\[redacted\]/);
  });

  it('honours the level', () => {
    const { logger, lines } = capture('warn');
    logger.info('quiet');
    logger.warn('loud');
    expect(lines).toHaveLength(1);
  });

  it("writes the request line where the logger writes, at the logger's level", () => {
    const quiet = capture('warn');
    requestLoggerOf(quiet.logger).info({ requestId: 'ab12cd34' }, 'request');
    expect(quiet.lines).toHaveLength(0);
    const { logger, lines } = capture();
    requestLoggerOf(logger).info({ requestId: 'ab12cd34', method: 'POST', path: '/api/messages', status: 200, ms: 3 }, 'request');
    expect(JSON.parse(lines[0])).toMatchObject({ level: 30, msg: 'request', requestId: 'ab12cd34', status: 200, service: 'back-on-track' });
  });
});
