/** Tester round 7, item 8: the one line printed when the server cannot listen names PORT or HOST. */
import { describeListenError } from '../../src/server/listenError';

const err = (code: string) => Object.assign(new Error(code), { code });

describe('describeListenError', () => {
  it.each([
    ['EADDRINUSE', /^PORT: 3978 is already in use on 127\.0\.0\.1/],
    ['EACCES', /^PORT: 3978 needs privileges/],
    ['EADDRNOTAVAIL', /^HOST: 127\.0\.0\.1 is not an address of this machine/],
    ['ENOTFOUND', /^HOST: 127\.0\.0\.1 is not an address or a name that resolves \(ENOTFOUND\)/],
    ['EAI_AGAIN', /^HOST: .*\(EAI_AGAIN\)/],
  ])('%s', (code, pattern) => {
    expect(describeListenError(err(code), 3978, '127.0.0.1')).toMatch(pattern);
  });

  it('leaves other errors to the caller', () => {
    expect(describeListenError(err('EPIPE'), 1, 'h')).toBeUndefined();
    expect(describeListenError(new Error('x'), 1, 'h')).toBeUndefined();
  });
});
