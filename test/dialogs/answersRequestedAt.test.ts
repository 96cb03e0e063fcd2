import { requestedAt } from '../../src/dialogs/answers';

const requests = ['can we do', 'what about', 'could we try'];
const at = (text: string, thing: string) => requestedAt(text, text.indexOf(thing), requests);

describe('requestedAt', () => {
  it.each([
    ['can we do the mac instead?', 'mac'],
    ['what about my ipad?', 'ipad'],
    ['ok, could we try it on my mac', 'mac'],
  ])('"%s": the %s is asked for', (text, thing) => {
    expect(at(text, thing)).toBe(true);
  });

  it.each([
    ['why doesn\'t it work on my mac?', 'mac'],
    ['can we do this later, my mac is off', 'mac'],
    ['what about the photos that were on my old phone from years ago, my mac', 'mac'],
    ['we can\'t do the mac', 'mac'],
    ['can we do it tomorrow and then maybe on the mac', 'mac'],
  ])('"%s": the %s is not asked for', (text, thing) => {
    expect(at(text, thing)).toBe(false);
  });
});
