import { connect } from 'node:net';
import { captureOutput } from './support/personal-data-leak';
import { Server, startServer } from './support/server';
import { TOKENS } from './support/tokens';

/** The service's log has one line a request, also for one Express refused before any route or middleware ran. */
describe('the request log', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startServer({ logger: ['log', 'error'] });
  });
  afterAll(() => server.close());

  it('names an answered request with its status, duration and actor, and a path that is not valid percent-encoding with its 400, whether or not a route names the parameter', async () => {
    const output = captureOutput();
    try {
      await server.request('GET', '/api/households/hh-log%zz', { token: TOKENS.auditor });
      // No route has a parameter there: the 400 names no field, and is logged all the same.
      await server.request('GET', '/api/%zz', { token: TOKENS.auditor });
      await server.request('GET', '/api/divisions', { token: TOKENS.auditor });
      // The finish event of the last answer is logged after its body is sent.
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      output.restore();
    }
    // Nest colours its lines on a terminal: the colours are taken out before they are read.
    const lines = output.text().replace(/\u001b\[[0-9;]*m/g, '').split('\n').filter((l) => l.includes('[HTTP]'));
    expect(lines).toEqual([
      expect.stringMatching(/GET \/api\/households\/hh-log%zz 400 - -$/),
      expect.stringMatching(/GET \/api\/%zz 400 - -$/),
      expect.stringMatching(/GET \/api\/divisions 200 \d+\.\d ms auditor-1$/),
    ]);
  });

  it('logs a client that went away mid-body as its one request line, answered by no one, and no error: the client\'s doing, not a fault of the service', async () => {
    const { hostname, port } = new URL(server.url);
    const output = captureOutput();
    try {
      await new Promise<void>((resolve, reject) => {
        const socket = connect(Number(port), hostname, () => {
          socket.write(`POST /api/commands HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKENS.willow}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"type":`);
          setTimeout(() => (socket.destroy(), resolve()), 200);
        });
        socket.on('error', reject);
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      output.restore();
    }
    const text = output.text().replace(/\u001b\[[0-9;]*m/g, '');
    expect(text).not.toMatch(/ERROR|aborted|\n\s+at /);
    expect(text.split('\n').filter((l) => l.includes('POST /api/commands'))).toEqual([expect.stringMatching(/\[HTTP\] POST \/api\/commands - \d+\.\d ms \S+ \(the client went away before its answer\)$/)]);
  });

  it('is coloured only on a terminal: a log written to a file or a journal holds no colour codes', async () => {
    const lineOf = async (tty: boolean): Promise<string> => {
      const wasTty = process.stdout.isTTY;
      process.stdout.isTTY = tty;
      const output = captureOutput();
      let own: Server | undefined;
      try {
        own = await startServer({ logger: ['log'] });
        await own.request('GET', '/api/divisions', { token: TOKENS.auditor });
        await new Promise((resolve) => setTimeout(resolve, 50));
      } finally {
        output.restore();
        process.stdout.isTTY = wasTty;
        await own?.close();
      }
      return output.text().split('\n').find((l) => l.includes('GET /api/divisions')) ?? '';
    };
    const piped = await lineOf(false);
    const terminal = await lineOf(true);
    expect(piped).toMatch(/\[HTTP\] GET \/api\/divisions 200 \d+\.\d ms auditor-1$/);
    expect(piped).not.toContain('\u001b[');
    expect(terminal).toContain('\u001b[');
  });
});
