import { StoreUnavailableError } from '@hearth/event-store';
import { readFileSync } from 'node:fs';
import { AddressInfo, createServer, Server, Socket } from 'node:net';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { openEsdbEventStore } from './open-esdb-event-store';
import { startEsdbStandIn } from './testing/esdb-stand-in';
import { ProbeTarget, whyUnreachable } from './why-unreachable';
import { NO_LISTENER_PORT } from './testing/no-listener';

const plain = (port: number, host = '127.0.0.1'): ProbeTarget => ({ host, port, tls: false, tlsVerifyCert: true, tlsCAFile: undefined });
const secure = (port: number): ProbeTarget => ({ ...plain(port), tls: true });

/** A TCP server that does `onConnection` with each socket; closed after the test. */
const servers: Server[] = [];
const sockets: Socket[] = [];
const tcpServer = async (onConnection: (s: Socket) => void): Promise<number> => {
  const server = createServer((s) => {
    sockets.push(s);
    s.on('error', () => undefined); // the probe hangs up as soon as it knows
    onConnection(s);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
};
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

describe('why a KurrentDB server is out of reach, as far as this machine can tell', () => {
  it('nothing listens on the port', async () => {
    expect(await whyUnreachable(plain(NO_LISTENER_PORT))).toEqual({ why: `nothing listens on 127.0.0.1:${NO_LISTENER_PORT} (connection refused)` });
  });

  it('the name does not resolve; an address is not looked up', async () => {
    const notFound = () => Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }));
    expect(await whyUnreachable(plain(2113, 'db.example'), { lookup: notFound })).toEqual({ why: 'the name "db.example" does not resolve', remedy: 'check the host name in the store URL' });
    expect((await whyUnreachable(plain(NO_LISTENER_PORT), { lookup: notFound }))?.why).toMatch(/^nothing listens on/);
  });

  it('TLS asked of a server that speaks gRPC without it', async () => {
    const server = await startEsdbStandIn();
    try {
      expect(await whyUnreachable(secure(server.port))).toEqual({
        why: expect.stringMatching(new RegExp(`^127\\.0\\.0\\.1:${server.port} accepts connections but completes no TLS handshake \\(.+\\)$`)) as unknown as string,
        remedy: 'if the server runs without TLS, add tls=false to the URL',
      });
      expect(await whyUnreachable(plain(server.port))).toBeUndefined();
    } finally {
      await server.close();
    }
  });

  it('tls=false to a server that does not answer HTTP/2 in the clear', async () => {
    const port = await tcpServer((s) => s.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
    expect(await whyUnreachable(plain(port))).toEqual({
      why: expect.stringMatching(new RegExp(`^127\\.0\\.0\\.1:${port} accepts connections but does not answer gRPC without TLS \\(.+\\)$`)) as unknown as string,
      remedy: 'if the server uses TLS, leave out tls=false',
    });
  });

  it('a server that accepts and then says nothing: a hung server, not a TLS mismatch, with or without TLS', async () => {
    const port = await tcpServer(() => undefined);
    const silence = {
      why: `127.0.0.1:${port} accepts connections but sent nothing within 0.2 s: the server hangs or is overloaded (a TLS mismatch is answered at once)`,
      remedy: "check the server's process and host, and whatever forwards connections to it",
    };
    expect(await whyUnreachable(secure(port), { timeoutMs: 200 })).toEqual(silence);
    expect(await whyUnreachable(plain(port), { timeoutMs: 200 })).toEqual(silence);
  });

  it('a certificate this machine does not trust, and the same one trusted through tlsCAFile or tlsVerifyCert=false', async () => {
    // Self-signed for 127.0.0.1 and localhost, valid until 2126; made with openssl for this test alone.
    const cert = join(__dirname, '..', 'test', 'fixtures', 'test-only-self-signed.crt');
    const tls = createTlsServer({ cert: readFileSync(cert), key: readFileSync(cert.replace(/\.crt$/, '.key')), ALPNProtocols: ['h2'] }, (s) => {
      s.on('error', () => undefined);
    });
    tls.on('tlsClientError', () => undefined); // the probe's refusal of the certificate
    servers.push(tls);
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    const port = (tls.address() as AddressInfo).port;
    expect(await whyUnreachable(secure(port))).toEqual({
      why: `the TLS certificate of 127.0.0.1:${port} is not trusted here (DEPTH_ZERO_SELF_SIGNED_CERT)`,
      remedy: 'give its CA with tlsCAFile=… in the URL',
    });
    expect(await whyUnreachable({ ...secure(port), tlsCAFile: cert })).toBeUndefined();
    expect(await whyUnreachable({ ...secure(port), tlsVerifyCert: false })).toBeUndefined();
    // tls=false to this server that uses TLS: answered (it closes at once), not the silence of a hung server.
    expect(await whyUnreachable(plain(port), { timeoutMs: 2000 })).toEqual({
      why: `127.0.0.1:${port} accepts connections but does not answer gRPC without TLS (it closed the connection)`,
      remedy: 'if the server uses TLS, leave out tls=false',
    });
  });

  it("a tlsCAFile that cannot be read", async () => {
    const port = await tcpServer(() => undefined);
    expect(await whyUnreachable({ ...secure(port), tlsCAFile: '/nonexistent/ca.pem' })).toEqual({ why: 'the URL\'s tlsCAFile "/nonexistent/ca.pem" cannot be read (ENOENT)', remedy: 'check the tlsCAFile path' });
  });

  it('opening the store says why in the error it throws, and what to do', async () => {
    const server = await startEsdbStandIn();
    try {
      const error: unknown = await openEsdbEventStore(`kurrentdb://127.0.0.1:${server.port}?defaultDeadline=1000`).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect(error).toMatchObject({ reason: expect.stringMatching(/completes no TLS handshake/) as unknown, remedy: 'if the server runs without TLS, add tls=false to the URL' });
    } finally {
      await server.close();
    }
  });
});
