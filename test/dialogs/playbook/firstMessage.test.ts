/**
 * How the first message is read for steps already done and answers already given: clause by
 * clause (src/dialogs/playbook/firstMessage.ts `clausesOf`, `saysInClause`).
 */
import { clausesOf, saysInClause, withoutOnset } from '../../../src/dialogs/playbook/firstMessage';

describe('clausesOf', () => {
  it('cuts at punctuation followed by a space, keeps "icloud.com" whole and leaves questions out', () => {
    expect(clausesOf("calendar won't sync on my ipad. tried restarting, tried updating, nothing")).toEqual([
      "calendar won't sync on my ipad",
      'tried restarting',
      'tried updating',
      'nothing',
    ]);
    expect(clausesOf("my latest photos aren't on icloud.com")).toEqual(["my latest photos aren't on icloud.com"]);
    expect(clausesOf('photos not syncing, is my storage full? restarted!')).toEqual(['photos not syncing', 'restarted']);
    expect(clausesOf('one\ntwo')).toEqual(['one', 'two']);
  });
});

describe('saysInClause', () => {
  it('a negator in one clause does not reach the next ("photos not syncing, storage is fine")', () => {
    expect(saysInClause(['storage is fine'], 'photos not syncing, storage is fine')).toBe(true);
    expect(saysInClause(['storage is fine'], "I don't think storage is fine")).toBe(false);
  });

  it('a one-word phrase counts only as a whole clause', () => {
    expect(saysInClause(['updated'], 'backup failing on iphone. restarted. updated.')).toBe(true);
    expect(saysInClause(['updated'], "the note I updated on my mac doesn't show")).toBe(false);
  });

  it('a number glued to its unit reads as two words ("2TB free")', () => {
    expect(saysInClause(['tb free'], 'I have 2TB free')).toBe(true);
    expect(saysInClause(['gb and only use'], 'I pay for 200GB and only use 40')).toBe(true);
  });

  it('a phrase asked about is not said', () => {
    expect(saysInClause(['storage is full'], 'is my storage is full?')).toBe(false);
  });
});

describe('withoutOnset', () => {
  const onset = ['after', 'since', 'ever since'];
  const stayed = ['still', 'even after', 'nothing changed'];
  it('drops, clause by clause, what the trouble began after', () => {
    expect(withoutOnset('photos stopped syncing after I restarted my iphone', onset, stayed)).toBe('photos stopped syncing');
    expect(withoutOnset("ever since I updated it nothing syncs. I've restarted twice", onset, stayed)).toBe('ive restarted twice');
    expect(withoutOnset('I updated it, after that it stopped', onset, stayed)).toBe('i updated it');
  });
  it('keeps the whole message when it says the trouble stayed anyway, or names no onset', () => {
    const still = 'photos still not syncing after I restarted my iphone';
    expect(withoutOnset(still, onset, stayed)).toBe(still);
    expect(withoutOnset('stopped after the update, restarted it but nothing changed', onset, stayed)).toBe('stopped after the update, restarted it but nothing changed');
    expect(withoutOnset('restarted it already', onset, stayed)).toBe('restarted it already');
  });
  it('is whole words only ("aftershock" is no "after")', () => {
    expect(withoutOnset('the aftershock restarted my mac', onset, stayed)).toBe('the aftershock restarted my mac');
  });
});
