import { NEARLY_FULL_FREE_GB, NEARLY_FULL_SHARE, readStorageAmount, type AmountWords } from '../../../src/dialogs/playbook/storageAmount';

const words: AmountWords = { used: ['used', 'full', 'using'], free: ['free', 'left', 'available'] };
const read = (text: string) => readStorageAmount(text, words);

describe('readStorageAmount', () => {
  it('states its boundary: 85% used, 2 GB free', () => {
    expect(NEARLY_FULL_SHARE).toBe(0.85);
    expect(NEARLY_FULL_FREE_GB).toBe(2);
  });

  it.each([
    ['4 GB of 200 GB used', 'room'],
    ['50 GB of 50 GB', 'full'],
    ['1.9 TB of 2 TB used', 'full'],
    ['1.5 TB of 2 TB used', 'room'],
    ['5 GB used of 5 GB', 'full'],
    ['4 of 200gb used', 'room'],
    ['150 GB free out of 200 GB', 'room'],
    ['2 GB free of 200 GB', 'full'],
    ['I have 200GB plan with 150 free', 'room'],
    ['4 GB of 5 GB used', 'full'],
    ['1,5 GB of 50 GB used', 'room'],
  ])('"%s" with a total: %s', (text, reading) => {
    expect(read(text)).toBe(reading);
  });

  it.each([
    ['10% used', 'room'],
    ['84% used', 'room'],
    ['85% used', 'full'],
    ['96% full', 'full'],
    ['3% free', 'full'],
    ['20% free', 'room'],
    ['used 90 percent', 'full'],
    ["it's at 90%", 'full'],
  ])('"%s" as a percentage: %s', (text, reading) => {
    expect(read(text)).toBe(reading);
  });

  it.each(['1 GB left', '2 GB free', '9 GB left', 'it is about half full', 'no', 'iphone 15 pro, ios 17', 'i have 2tb plan'])('"%s" says nothing of how full it is', (text) => {
    expect(read(text)).toBeUndefined();
  });

  it.each(['200 GB left', 'i have 50gb free', 'ok 20gb free', '10 GB available'])('10 GB free or more is room even without a total: "%s" (tester round 8, F10, D07)', (text) => {
    expect(read(text)).toBe('room');
  });

  it('N used of N is full; 10% free of a total is nearly full (tester round 8, B16, B05)', () => {
    expect(read('yes it says 2TB used of 2TB')).toBe('full');
    expect(read('5gb free of 50')).toBe('full');
  });

  it('under 1 GB free is nearly full even without a total', () => {
    expect(read('500 MB left')).toBe('full');
    expect(read('0.5 GB free')).toBe('full');
  });

  it('the words come from the lists passed in', () => {
    expect(readStorageAmount('10% frei', { used: ['belegt'], free: ['frei'] })).toBe('full');
    expect(readStorageAmount('10% frei', words)).toBe('room');
  });
});
