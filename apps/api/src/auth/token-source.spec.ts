import { isLoopbackHost, tokenSource } from './token-source';

describe('where tokens come from', () => {
  it.each(['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '::1', '[::1]', '::ffff:127.0.0.1'])('%s is loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each(['0.0.0.0', '::', '10.0.0.1', '192.168.1.10', 'example.org', '127.0.0.256', '128.0.0.1', '', 'localhost.example.org'])('%s is not loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });

  it('a token file always wins, whatever the address', () => {
    expect(tokenSource({ host: '0.0.0.0', tokensPath: '/etc/hearth/tokens.json', demoTokensPath: '/tmp/demo.json' })).toEqual({ kind: 'file', path: '/etc/hearth/tokens.json' });
  });

  it('on loopback without a token file: demo tokens, written where it says', () => {
    expect(tokenSource({ host: '127.0.0.1', tokensPath: undefined, demoTokensPath: '/tmp/demo.json' })).toEqual({ kind: 'demo', path: '/tmp/demo.json' });
    expect(tokenSource({ host: 'localhost', tokensPath: '', demoTokensPath: '/tmp/demo.json' }).kind).toBe('demo');
  });

  it('bound to anything else without a token file: refuses to start, saying why', () => {
    const source = tokenSource({ host: '0.0.0.0', tokensPath: undefined, demoTokensPath: '/tmp/demo.json' });
    expect(source.kind).toBe('refuse');
    expect(source.kind === 'refuse' && source.reason).toMatch(/HEARTH_TOKENS/);
  });
});
